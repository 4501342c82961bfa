"""Charts screen: one key per chart, a period selector, drawn to fit the window.

The diary and the lag statistics are read in a thread worker; the chart itself
is drawn on the UI thread by ChartView (plotext's figure is global state, and
a chart takes milliseconds because long periods are summarised first).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ...charts import FACTOR_NAMES, Chart, Style, draw_chart, most_recorded_factor
from ...model import SCALES, CheckIn
from ..app import PainmoodApp
from ..periods import DEFAULT_PERIOD, PERIODS, append_period_choices, next_period, period_dates
from ..widgets.chart_view import ChartView
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine

CHART_KEYS = Binding.Group("Chart", compact=True)  # one footer entry: "12345 Chart"
KIND_NAMES = {
    "trend": "Trend",
    "lags": "Lags",
    "scatter": "Next day",
    "weekly": "Weekly",
    "factor": "Factor",
}


class ChartsScreen(Screen[None]):
    """Trend, lags, next-day scatter, weekly and factor charts of the diary."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    BINDINGS = [
        Binding("1", "show('trend')", "Trend", id="chart-trend", group=CHART_KEYS),
        Binding("2", "show('lags')", "Lags", id="chart-lags", group=CHART_KEYS),
        Binding("3", "show('scatter')", "Next day", id="chart-scatter", group=CHART_KEYS),
        Binding("4", "show('weekly')", "Weekly", id="chart-weekly", group=CHART_KEYS),
        Binding("5", "show('factor')", "Factor", id="chart-factor", group=CHART_KEYS),
        Binding("p", "next_period", "Period", id="chart-period"),
        Binding("r", "reverse", "Reverse", id="chart-reverse"),
        Binding("f", "next_factor", "Next factor", id="chart-next-factor"),
        Binding("m", "toggle_against", "Pain/mood", id="chart-against"),
    ]

    kind: reactive[str] = reactive("trend", bindings=True)
    period: reactive[int] = reactive(DEFAULT_PERIOD)
    reverse: reactive[bool] = reactive(False)
    factor: reactive[str | None] = reactive(None)
    against: reactive[str] = reactive("pain")

    def __init__(self) -> None:
        super().__init__()
        self._checkins: list[CheckIn] | None = None
        self._lagged: list[Any] | None = None
        self._loaded_version: int | None = None
        self._loaded_period: int | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static("", id="chart-caption")
        yield ChartView(id="chart")
        yield KeyBar()

    def on_mount(self) -> None:
        # Read the diary once the screen has painted: the reading thread would
        # compete with the first paint.
        self._loaded_version = self.app.data_version
        self._redraw()  # "Reading the diary…" under the caption
        self.call_after_refresh(self._load)

    def on_screen_resume(self) -> None:
        """Reload when the diary changed while another screen was shown."""
        if self.app.data_version != self._loaded_version:
            self._load()

    # ------------------------------------------------------------ actions

    def action_show(self, kind: str) -> None:
        self.kind = kind

    def action_next_period(self) -> None:
        self.period = next_period(self.period)

    def action_reverse(self) -> None:
        self.reverse = not self.reverse

    def action_next_factor(self) -> None:
        """Step through the factors this period has data for (all of them if none has)."""
        checkins = self._checkins or []
        recorded = [
            name for name in FACTOR_NAMES if any(getattr(c, name) is not None for c in checkins)
        ]
        choices = recorded or list(FACTOR_NAMES)
        current = self.factor or self._usual_factor()
        index = choices.index(current) if current in choices else -1
        self.factor = choices[(index + 1) % len(choices)]

    def action_toggle_against(self) -> None:
        self.against = "mood" if self.against == "pain" else "pain"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that only mean something on one chart are hidden on the others."""
        if action == "reverse":
            return self.kind == "scatter"
        if action in ("next_factor", "toggle_against"):
            return self.kind == "factor"
        return True

    # ------------------------------------------------------------ drawing

    def watch_kind(self) -> None:
        self._redraw()

    def watch_period(self) -> None:
        if self.is_mounted:
            self._load()

    def watch_reverse(self) -> None:
        self._redraw()

    def watch_factor(self) -> None:
        self._redraw()

    def watch_against(self) -> None:
        self._redraw()

    def _period_dates(self) -> tuple[dt.date | None, dt.date | None]:
        return period_dates(PERIODS[self.period], self.app.today)

    def _usual_factor(self) -> str:
        return most_recorded_factor(self._checkins or []) or FACTOR_NAMES[0]

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        self._update_caption()
        view = self.query_one("#chart", ChartView)
        if self._checkins is None:
            view.show(lambda *_: Chart("Reading the diary…", drawn=False))
            return
        view.show(self._drawer())

    def _drawer(self) -> Any:
        """A function of (width, height, style) for the chart the screen is set to."""
        checkins = self._checkins or []
        start, end = self._period_dates()
        kind = self.kind
        if kind == "lags" and self._lagged is None:
            return lambda *_: Chart("Working out the lagged correlations…", drawn=False)
        lagged = self._lagged or []
        factor = self.factor or most_recorded_factor(checkins)
        reverse, against = self.reverse, self.against

        def draw(width: int, height: int, style: Style) -> Chart:
            return draw_chart(
                kind,
                checkins,
                start,
                end,
                width,
                height,
                style,
                factor=factor,
                against=against,
                reverse=reverse,
                lagged=lagged,
            )

        return draw

    def _update_caption(self) -> None:
        """Two lines, so both fit 80 columns: the charts (and what the shown one
        compares), then the periods."""
        caption = Text()
        for key, (kind, name) in enumerate(KIND_NAMES.items(), start=1):
            style = "bold reverse" if kind == self.kind else ""
            caption.append(f" {key} {name} ", style=style)
        detail = self._detail()
        if detail:
            caption.append(f"  {detail}")
        caption.append("\n")
        append_period_choices(caption, PERIODS, self.period)
        self.query_one("#chart-caption", Static).update(caption)

    def _detail(self) -> str:
        if self.kind == "scatter":
            return "mood today → pain tomorrow" if self.reverse else "pain today → mood tomorrow"
        if self.kind == "factor":
            factor = self.factor or self._usual_factor()
            return f"{SCALES[factor].label} with {self.against}"
        return ""

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        self._checkins = None
        self._lagged = None
        self._loaded_version = self.app.data_version
        self._redraw()
        start, end = self._period_dates()
        self._read_diary(start, end, self.period)

    @work(thread=True, exclusive=True, group="charts-load")
    def _read_diary(self, start: dt.date | None, end: dt.date | None, period: int) -> None:
        """Read the period from the store, then work out its lag statistics."""
        worker = get_current_worker()
        store = self.app.store
        checkins = store.checkins(start=start, end=end)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._diary_ready, checkins, period)
        from ...stats import analyse

        lagged = list(analyse(checkins).lagged)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._stats_ready, lagged, period)

    def _diary_ready(self, checkins: list[CheckIn], period: int) -> None:
        if period != self.period:
            return  # the person has moved on to another period
        self._checkins = checkins
        self._redraw()

    def _stats_ready(self, lagged: list[Any], period: int) -> None:
        if period != self.period:
            return
        self._lagged = lagged
        if self.kind == "lags":
            self._redraw()
