"""Statistics screen: both directions side by side, the regressions, factors, sentences.

The diary is read and analysed in a thread worker, so the screen never
freezes; it is worked out again when the diary has changed since (the app's
`data_version`) or the period changes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ..app import PainmoodApp
from ..periods import Period, append_period_choices, period_dates
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ...stats import LaggedResult, StatsReport

# (words shown, days back from today; None = the whole diary)
PERIODS: tuple[Period, ...] = (
    ("all", None),
    ("1 year", 365),
    ("90 days", 90),
)


class StatsScreen(Screen[None]):
    """Does pain go with mood in the next days, and mood with pain?"""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    CSS_PATH = "../stats.tcss"
    BINDINGS = [
        Binding("p", "next_period", "Period", id="stats-period"),
    ]

    period: reactive[int] = reactive(0)

    def __init__(self) -> None:
        super().__init__()
        self._loaded: tuple[int, int] | None = None  # (data_version, period)

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static("", id="stats-caption")
        with VerticalScroll(id="stats-body"):
            yield Static("Working out the statistics…", id="stats-summary")
            with Horizontal(id="stats-directions"):
                yield Static("", id="stats-pain-mood", classes="direction")
                yield Static("", id="stats-mood-pain", classes="direction")
            yield Static("", id="stats-highlights", classes="section")
            yield Static("", id="stats-regression", classes="section")
            yield Static("", id="stats-factors", classes="section")
            yield Static("", id="stats-footnote", classes="section")
        yield KeyBar()

    def on_mount(self) -> None:
        self._update_caption()
        self._load()

    def on_screen_resume(self) -> None:
        """Work the statistics out again when the diary changed meanwhile."""
        if self._loaded != (self.app.data_version, self.period):
            self._load()

    def action_next_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)

    def watch_period(self) -> None:
        if self.is_mounted:
            self._update_caption()
            self._load()

    # ------------------------------------------------------------ loading

    def _period_dates(self) -> tuple[dt.date | None, dt.date | None]:
        return period_dates(PERIODS[self.period], self.app.today)

    def _load(self) -> None:
        self._loaded = (self.app.data_version, self.period)
        self.query_one("#stats-summary", Static).update("Working out the statistics…")
        start, end = self._period_dates()
        self._analyse(start, end, self._loaded)

    @work(thread=True, exclusive=True, group="stats")
    def _analyse(self, start: dt.date | None, end: dt.date | None, key: tuple[int, int]) -> None:
        """Read the period and analyse it off the UI thread."""
        from ...stats import analyse

        worker = get_current_worker()
        checkins = self.app.store.checkins(start=start, end=end)
        report = analyse(checkins, start, end)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, report, key)

    # ------------------------------------------------------------ showing

    def _update_caption(self) -> None:
        caption = Text()
        append_period_choices(caption, PERIODS, self.period)
        caption.append("   ↑↓ scroll")
        self.query_one("#stats-caption", Static).update(caption)

    def _show(self, report: StatsReport, key: tuple[int, int]) -> None:
        if key != self._loaded:
            return  # an older result; a newer one is on its way
        from ...stats import DIRECTIONS

        self.query_one("#stats-summary", Static).update(_summary(report))
        for direction, widget_id in zip(
            DIRECTIONS, ("#stats-pain-mood", "#stats-mood-pain"), strict=True
        ):
            self.query_one(widget_id, Static).update(_direction_table(report, direction))
        self.query_one("#stats-highlights", Static).update(_highlights(report))
        self.query_one("#stats-regression", Static).update(_regression(report))
        self.query_one("#stats-factors", Static).update(_factors(report))
        self.query_one("#stats-footnote", Static).update(
            Text(
                "r runs from -1 to +1. Flagged: q < 0.05 after allowing for each score's own "
                "day-to-day persistence and for testing 15 lags. Every result is an association "
                "in your diary, not proof that one causes the other.",
                style="dim",
            )
        )


def _summary(report: StatsReport) -> Text:
    span = report.days
    if span.observed == 0:
        return Text("No check-ins in this period yet: 20 days of pain and mood are needed.")
    text = Text()
    text.append(f"{span.first:%d %b %Y} to {span.last:%d %b %Y}", style="bold")
    text.append(f" · {span.observed} days checked in")
    if report.weekday:
        text.append(" · adjusted for weekday and trend")
    first_look = report.lagged[1]
    if first_look.status == "insufficient" and first_look.n < 20:
        text.append(f"\n{20 - first_look.n} more days needed", style="bold")
        text.append(" (in a row, with pain and mood) before a first look at the next day.")
    return text


def _note(result: LaggedResult) -> Text:
    """The last cell: flagged, preliminary, or how many more days are needed."""
    from ...stats import MIN_PAIRS_SHOWN

    if result.flagged:
        return Text("⚑ flagged", style="bold yellow")
    if result.status == "preliminary":
        return Text("preliminary", style="dim")
    if result.status == "insufficient":
        if result.n < MIN_PAIRS_SHOWN:
            return Text(f"{MIN_PAIRS_SHOWN - result.n} more days", style="dim")
        return Text("cannot compute", style="dim")
    return Text("")


def _direction_table(report: StatsReport, direction: str) -> Table:
    from ...stats import direction_title, format_ci, format_r

    table = Table(
        title=direction_title(direction).replace("->", "→"),
        title_style="bold",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    table.add_column("lag", justify="right")
    table.add_column("pairs", justify="right")
    table.add_column("r", justify="right")
    table.add_column("95% CI", justify="left", no_wrap=True)
    table.add_column("", justify="left", no_wrap=True)
    for item in report.direction(direction):
        style = "bold" if item.flagged else ""
        table.add_row(
            str(item.lag),
            str(item.n),
            format_r(item.r),
            format_ci(item.ci),
            _note(item),
            style=style,
        )
    return table


def _highlights(report: StatsReport) -> Group:
    lines = [Text("What stands out", style="bold")]
    lines += [Text(f"• {item.sentence}") for item in report.highlights()]
    return Group(*lines)


def _regression(report: StatsReport) -> Group:
    lines = [Text("Next day, beyond yesterday's own score (regression)", style="bold")]
    for item in report.cross_lagged:
        line = Text("• ")
        if item.flagged:
            line.append("⚑ ", style="bold yellow")
        line.append(item.sentence)
        lines.append(line)
    return Group(*lines)


def _factors(report: StatsReport) -> Table | Text:
    from ...model import SCALES
    from ...stats import format_ci, format_p, format_r

    shown = [f for f in report.factors if f.r is not None]
    if not shown:
        return Text(
            "Sleep, stress, anxiety, fatigue, activity: not enough days with them recorded "
            "yet (20 paired days each).",
            style="dim",
        )
    table = Table(
        title="Factors: today against pain and mood the same day and the next",
        title_style="bold",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    for name, justify in (
        ("factor", "left"),
        ("with", "left"),
        ("when", "left"),
        ("pairs", "right"),
        ("r", "right"),
        ("95% CI", "left"),
        ("p", "right"),
        ("", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for item in shown:
        table.add_row(
            SCALES[item.factor].label,
            item.target,
            "same day" if item.lag == 0 else "next day",
            str(item.n),
            format_r(item.r),
            format_ci(item.ci),
            format_p(item.p),
            "preliminary" if item.status == "preliminary" else "",
        )
    return table
