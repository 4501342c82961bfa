"""The safety card, one key (`!`) from every screen: what to do now if you think of self-harm."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from ...guidance import NOT_MEDICAL_ADVICE, safety_card
from .guidance import card_markdown


class SafetyScreen(ModalScreen[None]):
    """The packaged safety card in a dialog over the current screen; Escape closes it."""

    CSS_PATH = "../guidance.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety-dialog"):
            yield Markdown(card_markdown(safety_card()), id="safety-card", open_links=False)
            yield Static(f"{NOT_MEDICAL_ADVICE}  Press Escape to close.", id="safety-footnote")

    def on_mount(self) -> None:
        self.query_one("#safety-dialog").focus()
