"""The painmood Textual app: navigation between screens, nothing more.

Screens do their own work; the app holds the store, the pinned-or-real
"today", and a `data_version` counter that screens watch to reload after any
write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import import_module
from typing import Any, cast

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from ..model import local_today
from ..store import Store


def _screen(module: str, class_name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen, imported the first time it is shown: start-up pays only
    for the check-in screen, not for charts, stats or the Markdown reader."""

    def build() -> Screen[Any]:
        screen_class = getattr(import_module(f"{__package__}.screens.{module}"), class_name)
        return cast(Screen[Any], screen_class())

    return build


class PainmoodApp(App[None]):
    """Daily check-in first; history, stats, charts, guidance and export one key away."""

    TITLE = "painmood"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    MODES = {
        "checkin": _screen("checkin", "CheckInScreen"),
        "history": _screen("history", "HistoryScreen"),
        "stats": _screen("stats", "StatsScreen"),
        "charts": _screen("charts", "ChartsScreen"),
        "guidance": _screen("guidance", "GuidanceScreen"),
        "export": _screen("export", "ExportScreen"),
    }
    DEFAULT_MODE = "checkin"
    BINDINGS = [
        Binding("c", "switch_mode('checkin')", "Today", id="go-checkin"),
        Binding("h", "switch_mode('history')", "History", id="go-history"),
        Binding("s", "switch_mode('stats')", "Stats", id="go-stats"),
        Binding("g", "switch_mode('charts')", "Charts", id="go-charts"),
        Binding("l", "switch_mode('guidance')", "Guide", id="go-guidance"),
        Binding("e", "switch_mode('export')", "Export", id="go-export"),
        Binding("exclamation_mark", "safety", "Safety", key_display="!", id="safety"),
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    data_version: reactive[int] = reactive(0)

    def __init__(self, store: Store, today: dt.date | None = None) -> None:
        super().__init__()
        self.store = store
        self._pinned_today = today

    @property
    def today(self) -> dt.date:
        """The local date, or the one pinned by tests and snapshots."""
        return self._pinned_today or local_today()

    def data_changed(self) -> None:
        """Tell every screen that the diary changed (they reload on resume)."""
        self.data_version += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key of the screen already shown, so the footer fits 100 columns."""
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return False
        return True

    def action_safety(self) -> None:
        from .screens.safety import SafetyScreen

        if not isinstance(self.screen, SafetyScreen):
            self.push_screen(SafetyScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(store: Store, today: dt.date | None = None) -> PainmoodApp:
    """Build the app on an open store (shared by the CLI and the tests)."""
    return PainmoodApp(store=store, today=today)
