"""Today's check-in: the first screen, built for a few seconds a day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from ...guidance import ChosenCard

from ...model import describe_checkin
from ...store import SAVE_OUTCOME_WORDS
from ..app import PainmoodApp
from ..widgets.checkin_form import CheckInForm
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine
from .questionnaire import OFFER_BINDINGS, QuestionnaireOffer


class CheckInScreen(Screen[None]):
    """Today's form; saving shows the day's values and keeps them for editing."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    CSS_PATH = "../checkin.tcss"
    BINDINGS = [Binding("r", "read_card", "Read card", id="read-card"), *OFFER_BINDINGS]

    _offered: ChosenCard | None = None  # the card shown after the last save

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield QuestionnaireOffer(id="questionnaire-offer")
        with VerticalScroll(id="checkin-body"):
            yield self._form()
            yield Static("", id="saved")
            yield Static("", id="after-save")
        yield KeyBar()

    def _form(self) -> CheckInForm:
        today = self.app.today
        existing = self.app.store.get(today)
        self._loaded_version = self.app.data_version
        return CheckInForm(today, existing, today, id="today-form")

    async def on_screen_resume(self) -> None:
        """Another screen may have edited today: show the stored values."""
        if self.app.data_version != self._loaded_version:
            await self.query_one("#today-form").remove()
            await self.query_one("#checkin-body").mount(self._form(), before=0)

    @on(CheckInForm.Submitted)
    def save(self, event: CheckInForm.Submitted) -> None:
        store = self.app.store
        outcome = store.save(event.checkin)
        self.app.data_changed()
        self._loaded_version = self.app.data_version
        verb = SAVE_OUTCOME_WORDS[outcome]
        message = f"{verb}: {describe_checkin(event.checkin)}"
        self.query_one("#saved", Static).update(f"✓ {message}")
        self.notify(message, title="Check-in saved", timeout=4)
        self._offer_card()

    def _offer_card(self) -> None:
        """One guidance card that fits the diary now: title, first lines, `r` to read."""
        from ...guidance import GuidanceState, card_after_checkin  # only once a day is saved
        from ...questionnaires.storage import results

        app = self.app
        state = GuidanceState(app.store.checkins(), app.today, questionnaires=results(app.store))
        self._offered = card_after_checkin(state)
        panel = self.query_one("#after-save", Static)
        if self._offered is None:
            panel.update("")
        else:
            card = self._offered.card
            first_lines = card.text.strip().split("\n\n")[0]
            if len(first_lines) > 240:
                first_lines = first_lines[:239].rsplit(" ", 1)[0] + "…"
            panel.update(
                Text.assemble(
                    (card.title, "bold"),
                    "\n",
                    first_lines,
                    "\n",
                    ("r: read the card · general information, not medical advice", "dim"),
                )
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`r` is offered only once a card is on screen."""
        if action == "read_card":
            return self._offered is not None
        return True

    def action_questionnaires(self) -> None:
        self.query_one(QuestionnaireOffer).start()

    def action_skip_questionnaires(self) -> None:
        self.query_one(QuestionnaireOffer).skip()

    async def action_read_card(self) -> None:
        if self._offered is None:
            return
        from .guidance import GuidanceScreen

        card_id = self._offered.card.id
        await self.app.switch_mode("guidance")
        if isinstance(self.app.screen, GuidanceScreen):
            self.app.screen.show_card(card_id)
