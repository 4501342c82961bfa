"""Guidance: the cards chosen for today first, then the whole library by topic.

The list on the left holds card titles; the highlighted card is read on the
right with Textual's Markdown widget, with its sources underneath and, when a
rule chose it, the reason in the person's own figures above it. Choosing the
cards needs the statistics, so that runs in a thread worker; the library is
listed at once and today's choice fills in when ready. The Markdown reader
(whose import is half the cost of a first visit) is built right after the
screen's first paint.
"""

from __future__ import annotations

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...guidance import (
    NOT_MEDICAL_ADVICE,
    TOPICS,
    Card,
    ChosenCard,
    GuidanceState,
    by_topic,
    choose_cards,
    library,
)
from ..app import PainmoodApp
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine

TODAY_PREFIX = "today:"
LIBRARY_PREFIX = "card:"


def card_markdown(card: Card) -> str:
    """A card as the reader shows it: title, text, then its sources."""
    sources = "\n".join(f"- *{source}*" for source in card.sources)
    return f"# {card.title}\n\n{card.text}\n\n---\n\n**Sources**\n\n{sources}\n"


class GuidanceScreen(Screen[None]):
    """Cards from the source texts, the ones that fit the person's diary first."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    BINDINGS = [
        Binding("escape", "focus_list", "Card list", id="guidance-list"),
        Binding("right", "focus_reader", "Read", id="guidance-read", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._chosen: list[ChosenCard] | None = None
        self._loaded_version: int | None = None
        self._shown: str | None = None
        self._shown_option: str | None = None
        self._requested: str | None = None  # a card asked for by show_card

    def compose(self) -> ComposeResult:
        yield StatusLine()
        with Horizontal(id="guidance-body"):
            yield OptionList(id="card-list", markup=False)  # titles are plain text
            with VerticalScroll(id="card-reader"):
                yield Static("", id="card-reason")
        yield Static(NOT_MEDICAL_ADVICE, id="guidance-disclaimer")
        yield KeyBar()

    @property
    def card_list(self) -> OptionList:
        return self.query_one("#card-list", OptionList)

    def on_mount(self) -> None:
        self._fill_list()
        self.card_list.focus()
        self.call_after_refresh(self._build_reader)
        # Choose the cards once the screen has painted: the statistics thread
        # would compete with the first paint.
        self._loaded_version = self.app.data_version
        self.call_after_refresh(self._reload)

    async def _build_reader(self) -> None:
        from textual.widgets import Markdown

        reader = self.query_one("#card-reader", VerticalScroll)
        await reader.mount(Markdown("", id="card-view", open_links=False))
        self._open_requested()
        self._show_highlighted(force=True)

    def on_screen_resume(self) -> None:
        """A check-in may have been saved elsewhere: choose again for the new diary."""
        if self._loaded_version != self.app.data_version:
            self._reload()

    # -- choosing --------------------------------------------------------

    def _reload(self) -> None:
        self._loaded_version = self.app.data_version
        self._choose()

    @work(thread=True, exclusive=True, group="guidance-choose")
    def _choose(self) -> None:
        """Read the diary, run the statistics and the rules (off the UI thread)."""
        from ...stats import analyse

        worker = get_current_worker()
        checkins = self.app.store.checkins()
        report = analyse(checkins)
        from ...questionnaires.storage import results

        state = GuidanceState(checkins, self.app.today, report, results(self.app.store))
        chosen = choose_cards(state)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._chosen_ready, chosen)

    def _chosen_ready(self, chosen: list[ChosenCard]) -> None:
        first_time = self._chosen is None
        self._chosen = chosen
        self._fill_list()
        if first_time and chosen and self._requested is None:
            self.card_list.highlighted = 1  # the first card chosen for today
        elif self._requested is not None:
            self._open_requested()
        self._show_highlighted(force=True)

    # -- the list ----------------------------------------------------------

    def _fill_list(self) -> None:
        """Headings and titles: today's cards (or a placeholder), then every topic."""
        options: list[Option | None] = [
            Option(Content.styled("For you today", "bold"), disabled=True)
        ]
        if self._chosen is None:
            options.append(Option(Content.styled("choosing…", "dim italic"), disabled=True))
        elif not self._chosen:
            options.append(Option(Content.styled("nothing in particular", "dim"), disabled=True))
        for item in self._chosen or []:
            options.append(Option(item.card.title, id=TODAY_PREFIX + item.card.id))
        for slug, cards in by_topic():
            options.append(None)
            options.append(Option(Content.styled(TOPICS[slug], "bold"), disabled=True))
            for card in cards:
                options.append(Option(card.title, id=LIBRARY_PREFIX + card.id))
        card_list = self.card_list
        keep = card_list.highlighted_option.id if card_list.highlighted_option else None
        card_list.set_options(options)
        if keep is not None:
            try:
                card_list.highlighted = card_list.get_option_index(keep)
            except Exception:  # the card is no longer among today's choice
                card_list.highlighted = None
        if card_list.highlighted is None:
            card_list.action_first()

    def _card_for(self, option_id: str | None) -> tuple[Card, ChosenCard | None] | None:
        if not option_id or ":" not in option_id:
            return None
        card_id = option_id.split(":", 1)[1]
        reason = next((c for c in self._chosen or [] if c.card.id == card_id), None)
        card = next((c for c in library() if c.id == card_id), None)
        return (card, reason) if card else None

    # -- reading ------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#card-list")
    def _highlighted(self) -> None:
        self._show_highlighted()

    @on(OptionList.OptionSelected, "#card-list")
    def _selected(self) -> None:
        self._show_highlighted()
        self.action_focus_reader()

    def _show_highlighted(self, force: bool = False) -> None:
        option = self.card_list.highlighted_option
        option_id = option.id if option else None
        found = self._card_for(option_id)
        if found is None or (option_id == self._shown_option and not force):
            return
        views = self.query("#card-view")
        if not views:
            return  # the reader is built after the first paint and shows the card then
        card, chosen = found
        self._shown_option = option_id
        self._shown = card.id
        reason = self.query_one("#card-reason", Static)
        reason.update(f"Why this card today: {chosen.reason}" if chosen else "")
        reason.display = chosen is not None
        views.first().update(card_markdown(card))  # type: ignore[attr-defined]
        self.query_one("#card-reader", VerticalScroll).scroll_home(animate=False)

    def show_card(self, card_id: str) -> None:
        """Open one card (for example the one offered after a check-in).

        Safe to call before the screen is mounted: the card opens once it is.
        """
        self._requested = card_id
        if self.is_mounted:
            self._open_requested()

    def _open_requested(self) -> None:
        if self._requested is None:
            return
        option_id = LIBRARY_PREFIX + self._requested
        if any(item.card.id == self._requested for item in self._chosen or []):
            option_id = TODAY_PREFIX + self._requested
        self.card_list.highlighted = self.card_list.get_option_index(option_id)
        self._show_highlighted(force=True)
        if self._chosen is not None:  # done; later reloads keep the person's place
            self._requested = None

    @property
    def shown_card_id(self) -> str | None:
        """The id of the card in the reader (None before any is shown)."""
        return self._shown

    def action_focus_list(self) -> None:
        self.card_list.focus()

    def action_focus_reader(self) -> None:
        self.query_one("#card-reader", VerticalScroll).focus()
