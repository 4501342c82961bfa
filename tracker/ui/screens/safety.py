"""Safety card (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


class SafetyScreen(ModalScreen[None]):
    """What to do now if you think of harming yourself."""

    BINDINGS = [Binding("escape", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        yield Static(
            "If you are thinking of harming yourself, call your local emergency number now."
        )
