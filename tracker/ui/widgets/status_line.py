"""The line at the top of every screen: the day, today's check-in, the streak."""

from __future__ import annotations

from textual import getters
from textual.widgets import Static

from ..app import PainmoodApp


class StatusLine(Static):
    """Reads the store when the diary changes (the app's `data_version`)."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._refresh_status, init=True)

    def _refresh_status(self, _version: int = 0) -> None:
        app = self.app
        today = app.today
        store = app.store
        checked = store.get(today) is not None
        streak = store.streak(today)
        mark = "✓ checked in today" if checked else "○ not checked in yet today"
        days = "day" if streak == 1 else "days"
        self.update(f"painmood · {today:%a %d %b %Y} · {mark} · streak {streak} {days}")
