"""Saving a check-in from a form without writing over a newer one.

The form knows when the check-in it was loaded from was stored. The save
goes through `Store.save_if_current`; if the day changed meanwhile (a
script, another terminal), the person sees both versions and chooses to keep
theirs, keep the diary's, or merge: the diary's version plus every field
they changed in the form. Nothing is written over without that choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text

from ..model import FIELDS, CheckIn, PainmoodError, describe_checkin
from ..store import SaveOutcome, StaleCheckIn
from .writing import write_to_diary

if TYPE_CHECKING:
    from .app import PainmoodApp

STALE_CHOICES = (
    ("k", "Keep mine", "mine"),
    ("d", "Keep the diary's", "theirs"),
    ("m", "Merge", "merge"),
)


def merge_checkins(loaded: CheckIn | None, mine: CheckIn, stored: CheckIn | None) -> CheckIn:
    """The stored day with every field the person changed in the form since it was loaded."""
    if stored is None:
        return mine
    changed = {
        name: getattr(mine, name)
        for name in FIELDS
        if name != "day"
        and getattr(mine, name) != (getattr(loaded, name) if loaded else _empty(name))
    }
    return replace(stored, **changed)


def _empty(name: str) -> object:
    return () if name == "tags" else None


def stale_question(mine: CheckIn, stored: CheckIn | None) -> Text:
    """Both versions, one above the other, and what each answer does."""
    text = Text()
    text.append(f"{mine.day.isoformat()} changed in the diary after this form was opened\n")
    text.append("(another window or a script wrote to it).\n\n")
    text.append("In the diary now: ", style="bold")
    text.append(_describe(stored) + "\n")
    text.append("In this form:     ", style="bold")
    text.append(_describe(mine) + "\n\n")
    text.append(
        "Keep mine writes the form over the diary; keep the diary's drops the form; "
        "merge keeps the diary's version with the fields you changed here. "
        "Escape goes back to the form; nothing is written until you choose."
    )
    return text


def _describe(checkin: CheckIn | None) -> str:
    if checkin is None:
        return "no check-in (it was deleted)"
    text = describe_checkin(checkin)
    if checkin.note:
        text += f", note: {checkin.note}"
    return text


def save_checkin(
    app: PainmoodApp,
    checkin: CheckIn,
    loaded: CheckIn | None,
    saved: Callable[[SaveOutcome, CheckIn], object],
    kept_stored: Callable[[CheckIn | None], object],
    failed: Callable[[str], object],
) -> None:
    """Save `checkin` if its day is still `loaded`; otherwise ask the person.

    `saved` gets the outcome and the check-in written; `kept_stored` the
    diary's version when the person keeps it; `failed` one sentence.
    """
    store = app.store

    def attempt(to_save: CheckIn, expected: str | None) -> None:
        write_to_diary(
            app,
            lambda: store.save_if_current(to_save, expected),
            lambda outcome: saved(outcome, to_save),
            refused,
        )

    def refused(error: PainmoodError) -> None:
        if not isinstance(error, StaleCheckIn):
            failed(f"Not saved: {error} What you typed is still here.")
            return
        stored = error.stored
        stored_at = stored.updated_at if stored else None

        def chosen(answer: str | None) -> None:
            if answer == "mine":
                attempt(checkin, stored_at)
            elif answer == "merge":
                attempt(merge_checkins(loaded, checkin, stored), stored_at)
            elif answer == "theirs":
                app.call_later(kept_stored, stored)  # may be a coroutine (form.load)

        from .screens.choice_dialog import ChoiceDialog  # only when asked: not at start-up

        app.push_screen(
            ChoiceDialog(stale_question(checkin, stored), STALE_CHOICES, "merge"), chosen
        )

    attempt(checkin, loaded.updated_at if loaded else None)
