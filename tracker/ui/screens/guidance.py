"""Guidance screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..widgets.status_line import StatusLine


class GuidanceScreen(Screen[None]):
    """Guidance."""

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static("Guidance", classes="screen-title")
        yield Footer(compact=True, show_command_palette=False)
