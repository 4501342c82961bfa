"""Writing to the diary from the app without freezing it or ending it.

A write is tried at once when no other process holds the diary's write lock.
When one does (an import or a backup running in another terminal), the
status line says "waiting for the diary…" and the write is retried in a
background thread, so the screen stays usable and what was typed stays in
the form. A refused write (a stale day, a day already deleted) comes back
as a PainmoodError for the caller to explain; nothing reaches the person as
a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..model import PainmoodError
from ..store import StoreError

if TYPE_CHECKING:
    from .app import PainmoodApp

T = TypeVar("T")
RETRY_SECONDS = 0.25


def _is_lock_error(error: PainmoodError) -> bool:
    return isinstance(error, StoreError) and "locked" in str(error)


def write_to_diary(
    app: PainmoodApp,
    write: Callable[[], T],
    done: Callable[[T], object],
    failed: Callable[[PainmoodError], object],
) -> None:
    """Run `write` (a store call) now, or in the background once the diary is free.

    `done` gets its result and `failed` a refusal, both on the UI thread.
    """
    if not app.store.is_busy():
        try:
            result = write()
        except PainmoodError as error:
            if not _is_lock_error(error):
                failed(error)
                return
        else:
            done(result)
            return

    app.waiting_for_diary += 1

    def in_background() -> None:
        try:
            while True:
                while app.store.is_busy():
                    time.sleep(RETRY_SECONDS)
                try:
                    result = write()
                except PainmoodError as error:
                    if _is_lock_error(error):
                        continue
                    app.call_from_thread(failed, error)
                    return
                app.call_from_thread(done, result)
                return
        finally:
            app.call_from_thread(_done_waiting, app)

    app.run_worker(in_background, thread=True, group="diary-write", name="waiting for the diary")


def _done_waiting(app: PainmoodApp) -> None:
    app.waiting_for_diary = max(0, app.waiting_for_diary - 1)
