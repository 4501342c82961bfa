"""Edit or backfill one day in the same form as today's check-in."""

from __future__ import annotations

import datetime as dt

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from ...model import CheckIn
from ..app import PainmoodApp
from ..widgets.checkin_form import CheckInForm
from ..widgets.key_bar import KeyBar


class EditCheckInDialog(ModalScreen[CheckIn | None]):
    """Returns the validated check-in (not yet saved), or None if cancelled."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    DEFAULT_CSS = """
    EditCheckInDialog {
        align: center middle;
    }
    EditCheckInDialog > Vertical {
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, day: dt.date, existing: CheckIn | None) -> None:
        super().__init__()
        self.day = day
        self.existing = existing

    def compose(self) -> ComposeResult:
        with Vertical():
            yield CheckInForm(self.day, self.existing, self.app.today)
        yield KeyBar()

    @on(CheckInForm.Submitted)
    def _done(self, event: CheckInForm.Submitted) -> None:
        event.stop()
        self.dismiss(event.checkin)

    def action_cancel(self) -> None:
        self.dismiss(None)
