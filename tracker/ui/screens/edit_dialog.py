"""Edit or backfill one day in the same form as today's check-in.

The dialog saves the day itself (checking that nobody changed it meanwhile),
so a refused or delayed save keeps the form and what was typed in it; it
closes only once the day is stored, or when the person leaves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from ...model import CheckIn
from ...store import SaveOutcome
from ..app import PainmoodApp
from ..keys import DIALOG_KEYS
from ..saving import save_checkin
from ..widgets.checkin_form import CheckInForm
from ..widgets.key_bar import KeyBar
from .choice_dialog import ChoiceDialog

CANCEL_CHOICES = (("d", "Discard", "discard"), ("s", "Save", "save"), ("Esc", "Stay", "stay"))


class EditCheckInDialog(ModalScreen[tuple[SaveOutcome, CheckIn] | None]):
    """Returns (outcome, check-in) once saved, or None if left without saving."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    DEFAULT_CSS = """
    EditCheckInDialog {
        align: center middle;
    }
    EditCheckInDialog > VerticalScroll {
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel"), *DIALOG_KEYS]

    def __init__(self, day: dt.date, existing: CheckIn | None) -> None:
        super().__init__()
        self.day = day
        self.existing = existing

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield CheckInForm(self.day, self.existing, self.app.today, id="edit-form")
        yield KeyBar()

    @property
    def form(self) -> CheckInForm:
        return self.query_one("#edit-form", CheckInForm)

    @on(CheckInForm.Submitted)
    def _submitted(self, event: CheckInForm.Submitted) -> None:
        event.stop()
        self._save(event.checkin)

    def _save(self, checkin: CheckIn, then: Callable[[], object] | None = None) -> None:
        form = self.form

        def saved(outcome: SaveOutcome, stored: CheckIn) -> None:
            self.dismiss((outcome, stored))
            if then is not None:
                then()

        async def kept_stored(stored: CheckIn | None) -> None:
            await form.load(stored)
            form.show_error("The form now shows the diary's version; nothing was written.")

        save_checkin(self.app, checkin, form.existing, saved, kept_stored, form.show_error)

    def _save_then(self, then: Callable[[], object]) -> None:
        checkin = self.form.valid_checkin()
        if checkin is not None:
            self._save(checkin, then)

    def action_cancel(self) -> None:
        """Escape: leave at once, or ask first when something typed is not saved."""
        if not self.unsaved_changes():
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)
            elif answer == "save":
                self.form.action_submit()

        self.app.push_screen(
            ChoiceDialog(
                self.unsaved_changes_words() + " Leave without saving?", CANCEL_CHOICES, "stay"
            ),
            answered,
        )

    # -- the app asks these before quitting ----------------------------------

    def unsaved_changes(self) -> bool:
        return self.form.is_modified()

    def unsaved_changes_words(self) -> str:
        return f"The check-in of {self.day.isoformat()} has changes that are not saved."

    def save_unsaved(self, then: Callable[[], object]) -> None:
        """Save from the quit question; quitting waits until the day is stored."""
        self._save_then(then)

    def discard_unsaved(self) -> None:
        self.dismiss(None)
