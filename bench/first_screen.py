"""Start an app, let it paint its first screen, and exit: one timed run of bench_startup.py.

Run: python bench/first_screen.py painmood DB_PATH REPORT_PATH
     python bench/first_screen.py minimal - REPORT_PATH

`painmood` builds the real app with `make_app` on the diary at DB_PATH (as
the bare `painmood` command does); `minimal` is the smallest Textual app that
shows one line of text. Both exit in the same way: once the app is ready,
`call_after_refresh` on the shown screen calls `exit`, so the process ends
right after that screen was painted. The name of the screen class painted and
the `time.monotonic()` of the paint (a system-wide clock on Linux, so the
benchmark can subtract the moment it started the process) are written to
REPORT_PATH.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def build_app(kind: str, db: str):  # noqa: ANN201 - a textual App
    """The app to start: painmood on a diary, or a minimal one-label app."""
    if kind == "painmood":
        from tracker.store import Store
        from tracker.ui.app import make_app

        return make_app(Store(db))
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class MinimalApp(App[None]):
        """One label: the floor any Textual app pays to start and paint."""

        def compose(self) -> ComposeResult:
            yield Label("How is your back today?")

    return MinimalApp()


def main(kind: str, db: str, report: str) -> None:
    app = build_app(kind, db)

    async def exit_after_first_paint(pilot) -> None:  # noqa: ANN001 - textual Pilot
        screen = pilot.app.screen

        def done() -> None:
            painted_at = time.monotonic()
            Path(report).write_text(f"{type(screen).__name__} {painted_at}", encoding="utf-8")
            pilot.app.exit()

        screen.call_after_refresh(done)

    app.run(auto_pilot=exit_after_first_paint)


if __name__ == "__main__":
    main(*sys.argv[1:4])
