"""The safety card, from every screen and dialog (F1, or `!` outside a text field):
what to do now if you think of self-harm."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from ...guidance import NOT_MEDICAL_ADVICE, safety_card
from ..widgets.key_bar import KeyBar
from .guidance import card_markdown


class SafetyScreen(ModalScreen[None]):
    """The packaged safety card in a dialog over the current screen; Escape closes it.

    How to close it is said above the card, so it is seen even when the card
    is longer than the terminal is tall.
    """

    BINDINGS = [Binding("escape", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety-dialog"):
            yield Static("Escape closes this card · ↑ ↓ scroll", id="safety-close")
            yield Markdown(card_markdown(safety_card()), id="safety-card", open_links=False)
            yield Static(f"{NOT_MEDICAL_ADVICE}  Press Escape to close.", id="safety-footnote")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#safety-dialog").focus()
