"""The line at the top of every screen: the day, today's check-in, the streak.

It also says when the open diary is a demo (so nobody checks in "for real"
into a file the next `painmood demo` replaces) and when a save is waiting
for another process to let go of the diary.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.widgets import Static

from ..app import PainmoodApp
from ..dates import short_date


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
        self.watch(self.app, "waiting_for_diary", self._refresh_status, init=False)

    def _refresh_status(self, _value: int = 0) -> None:
        app = self.app
        today = app.today
        line = Text(no_wrap=True, overflow="ellipsis")
        if app.waiting_for_diary:
            line.append("⏳ waiting for the diary…", style="bold reverse")
            line.append(" ")
        if app.is_demo:
            line.append("DEMO diary", style="bold reverse")
            line.append(" (painmood demo replaces it)")
        else:
            line.append("painmood")
        try:
            checked, streak = app.today_status()
        except Exception:  # noqa: BLE001 - a busy or vanished file: say so, keep going
            line.append(" · the diary cannot be read just now")
            self.update(line)
            return
        mark = "✓ checked in today" if checked else "○ not checked in today"
        days = "day" if streak == 1 else "days"
        line.append(f" · {short_date(today)} · {mark} · streak {streak} {days}")
        self.update(line)
