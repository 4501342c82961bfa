"""Export screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..widgets.status_line import StatusLine


class ExportScreen(Screen[None]):
    """Export."""

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static("Export", classes="screen-title")
        yield Footer(compact=True, show_command_palette=False)
