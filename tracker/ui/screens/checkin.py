"""Today's check-in: the first screen, built for a few seconds a day.

The form always shows the diary as it is: when today is changed elsewhere
(history, a script, another terminal) an untouched form shows the new
values at once; a form with something typed keeps it, says so, and the save
asks which version to keep.
"""

from __future__ import annotations

from collections.abc import Callable
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

from ...model import CheckIn, describe_checkin
from ...store import SAVE_OUTCOME_WORDS, SaveOutcome
from ..app import PainmoodApp
from ..saving import save_checkin
from ..widgets.checkin_form import CheckInForm
from ..widgets.key_bar import KeyBar
from ..widgets.questionnaire_offer import OFFER_BINDINGS, QuestionnaireOffer
from ..widgets.status_line import StatusLine

TEASER_CHARACTERS = 200

FORM_KEYS: tuple[tuple[str, str], ...] = (
    ("0–9", "set the focused score (1 then 0 quickly sets 10)"),
    ("Enter", "on a new day: from pain to mood, then save; elsewhere save"),
    ("Tab Shift+Tab", "next / previous field"),
)


class CheckInScreen(Screen[None]):
    """Today's form; saving shows the day's values and keeps them for editing."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    BINDINGS = [Binding("r", "read_card", "Read card", id="read-card"), *OFFER_BINDINGS]
    HELP_KEYS = FORM_KEYS
    # Pain has the focus from the first paint. Left to Textual the scrolling
    # body would take it first, and moving it restyles the whole form twice.
    AUTO_FOCUS = "#pain"

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

    @property
    def form(self) -> CheckInForm:
        return self.query_one("#today-form", CheckInForm)

    async def on_screen_resume(self) -> None:
        await self.diary_changed()

    async def diary_changed(self) -> None:
        """Show the stored day, unless the person is typing over it."""
        if self.app.data_version == self._loaded_version:
            return
        self._loaded_version = self.app.data_version
        form = self.form
        if form.day != self.app.today:  # past midnight: a new day's form
            await form.remove()
            await self.query_one("#checkin-body").mount(self._form(), before=0)
            return
        stored = self.app.store.get(form.day)
        stored_at = stored.updated_at if stored else None
        if stored_at == form.loaded_updated_at:
            return
        if form.is_modified():
            form.show_error(
                "Today was changed elsewhere while you were typing; what you typed is kept, "
                "and saving shows both versions."
            )
            return
        await form.load(stored)

    # -- saving ----------------------------------------------------------

    @on(CheckInForm.Submitted)
    def save(self, event: CheckInForm.Submitted) -> None:
        self._save(event.checkin)

    def _save(self, checkin: CheckIn, then: Callable[[], object] | None = None) -> None:
        form = self.form

        async def saved(outcome: SaveOutcome, written: CheckIn) -> None:
            await form.load(self.app.store.get(written.day))
            self.app.data_changed()
            self._loaded_version = self.app.data_version
            verb = SAVE_OUTCOME_WORDS[outcome]
            self.query_one("#saved", Static).update(f"✓ {verb}: {describe_checkin(written)}")
            self._offer_card()
            if then is not None:
                then()

        async def kept_stored(stored: CheckIn | None) -> None:
            await form.load(stored)
            form.show_error("The form shows the diary's version again; nothing was written.")

        def failed(message: str) -> None:
            form.show_error(message)

        save_checkin(
            self.app,
            checkin,
            form.existing,
            lambda outcome, written: self.call_later(saved, outcome, written),
            kept_stored,
            failed,
        )

    # -- the app asks these before quitting or switching screens -------------

    def unsaved_changes(self) -> bool:
        return self.is_mounted and self.form.is_modified()

    def unsaved_changes_words(self) -> str:
        return "Today's check-in has changes that are not saved."

    def save_unsaved(self, then: Callable[[], object]) -> None:
        checkin = self.form.valid_checkin()
        if checkin is not None:
            self._save(checkin, then)

    def discard_unsaved(self) -> None:
        self.call_later(self.form.load, self.form.existing)

    # -- the card offered after a save -------------------------------------

    def _offer_card(self) -> None:
        """One card that fits the diary now: why it is offered and the safety key
        first, then its first lines, then `r` to read it."""
        from ...guidance import GuidanceState, card_after_checkin  # only once a day is saved
        from ...questionnaires.storage import results

        app = self.app
        state = GuidanceState(app.store.checkins(), app.today, questionnaires=results(app.store))
        self._offered = card_after_checkin(state)
        panel = self.query_one("#after-save", Static)
        if self._offered is None:
            panel.update("")
        else:
            panel.update(teaser(self._offered))
            self.query_one("#checkin-body", VerticalScroll).scroll_end(animate=False)
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


def teaser(offered: ChosenCard) -> Text:
    """The offered card: title; why (the person's own figures); the safety key; first lines."""
    card = offered.card
    first_lines = card.text.strip().split("\n\n")[0]
    if len(first_lines) > TEASER_CHARACTERS:
        first_lines = first_lines[: TEASER_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
    text = Text()
    text.append(card.title, style="bold")
    if offered.reason:
        text.append("\nWhy this card: ", style="bold")
        text.append(offered.reason)
    text.append("\nF1 or ! opens the safety card at any time, if you think of harming yourself.")
    text.append(f"\n{first_lines}")
    text.append("\nr: read the card · general information, not medical advice", style="dim")
    return text
