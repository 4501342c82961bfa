"""Statistics screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..widgets.status_line import StatusLine


class StatsScreen(Screen[None]):
    """Statistics."""

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static("Statistics", classes="screen-title")
        yield Footer(compact=True, show_command_palette=False)
