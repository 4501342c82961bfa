"""The weekly questionnaire offer: one line on the check-in screen when they are due.

Kept apart from the questionnaire screen so that today's screen starts
without the questionnaires' code: the offer is looked at right after the
first paint, and the questionnaire screen is imported when it is opened.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from ..app import PainmoodApp


class QuestionnaireOffer(Static):
    """The weekly offer on the check-in screen: shown when due, one key to start or skip."""

    DEFAULT_CSS = """
    QuestionnaireOffer {
        padding: 0 1;
        color: $text-accent;
        display: none;
    }
    """

    def on_mount(self) -> None:
        # Looked at right after the first paint: the questionnaires' code is
        # not needed to draw today's form, and the offer is at most one line.
        self.call_after_refresh(self.refresh_offer)

    def refresh_offer(self) -> None:
        from ...questionnaires.schedule import is_due

        app = self.app
        assert isinstance(app, PainmoodApp)
        due = is_due(app.store, app.today)
        self.display = due
        self.update(
            Text.assemble(
                ("Weekly questionnaires are due", "bold"),
                " · ",
                ("q", "bold"),
                ": start (about 2 minutes) · ",
                ("x", "bold"),
                ": skip this week",
            )
            if due
            else ""
        )

    def start(self) -> None:
        """Open the questionnaires; the offer is looked at again when they close."""
        from ..screens.questionnaire import QuestionnaireScreen

        self.app.push_screen(QuestionnaireScreen(), lambda _result: self.refresh_offer())

    def skip(self) -> None:
        from ...questionnaires.schedule import skip

        app = self.app
        assert isinstance(app, PainmoodApp)
        if self.display:
            skip(app.store, app.today)
            self.notify("Skipped this week's questionnaires; offered again next week.", timeout=4)
        self.refresh_offer()


# Bindings the check-in screen adds for the offer (hidden: the offer line names them).
OFFER_BINDINGS = [
    Binding("q", "questionnaires", "Questionnaires", show=False, id="questionnaires"),
    Binding("x", "skip_questionnaires", "Skip questionnaires", show=False, id="skip-q"),
]
