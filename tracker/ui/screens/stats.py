"""Statistics screen: the two verdicts, what stands out, the lag picture, shifts, factors.

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
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ..app import PainmoodApp
from ..periods import Period, append_period_choices, period_dates
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ...stats import StatsReport, Verdict

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
            yield Static("", id="stats-verdicts", classes="section")
            yield Static("", id="stats-highlights", classes="section")
            yield Static("", id="stats-lags", classes="section")
            yield Static("", id="stats-shifts", classes="section")
            yield Static("", id="stats-factors", classes="section")
            yield Static("", id="stats-footnote", classes="section")
        yield KeyBar()

    def on_mount(self) -> None:
        self._update_caption()
        # Paint "Working out…" first; a ten-year analysis then runs behind it.
        self.call_after_refresh(self._load)

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
        shown_numbers = any(v.effect_per_point is not None for v in report.verdicts)
        self.query_one("#stats-summary", Static).update(_summary(report))
        verdicts = self.query_one("#stats-verdicts", Static)
        verdicts.update(_verdicts(report) if shown_numbers else "")
        verdicts.display = shown_numbers
        highlights = self.query_one("#stats-highlights", Static)
        highlights.update(_highlights(report))
        highlights.display = shown_numbers  # else the summary already says what is needed
        self.query_one("#stats-lags", Static).update(_lags(report))
        shifts = self.query_one("#stats-shifts", Static)
        shifts.update(_shifts(report))
        shifts.display = bool(report.level_shifts)
        self.query_one("#stats-factors", Static).update(_factors(report))
        self.query_one("#stats-footnote", Static).update(Text(FOOTNOTE, style="dim"))


FOOTNOTE = (
    "effect: how many points the later score moved, on average, per point the earlier "
    "score was above its usual, from a model that allows for each score's own persistence "
    "and for the noise in typed scores; 95% interval: where the true effect probably lies. "
    "r: correlation from -1 to +1, a description of the days k apart, not a test. "
    "pairs: days with both scores k days apart. More numbers: painmood stats --json. "
    "Every result is an association in your diary, not proof that one causes the other."
)


def _summary(report: StatsReport) -> Text:
    """The period, the counts the verdicts stand on, and what is still needed."""
    from ...stats import MIN_SHOWN_DAYS

    span = report.days
    if span.observed == 0 or span.first is None or span.last is None:
        return Text(
            f"No check-ins in this period yet: {MIN_SHOWN_DAYS} days with pain and mood "
            "are needed for a first look."
        )
    text = Text()
    text.append(f"{span.first:%d %b %Y} to {span.last:%d %b %Y}", style="bold")
    text.append(f" · {span.observed} days checked in · {span.complete} with pain and mood")
    if report.adjusted:
        text.append(" · adjusted for weekday and trend")
    first = report.verdicts[0]
    if first.effect_per_point is None:
        text.append("\n\n")
        text.append(first.sentence, style="bold")
    return text


def _result(verdict: Verdict) -> Text:
    if verdict.flagged:
        return Text("⚑ stands out", style="bold yellow")
    if verdict.probably_no_link:
        return Text("probably no link")
    words = {
        "tested": "no clear link",
        "preliminary": "preliminary",
        "fallback": "not tested",
        "inconclusive": "inconclusive",
    }
    return Text(words.get(verdict.status, verdict.status), style="dim")


def _verdicts(report: StatsReport) -> Group:
    """One row per direction, then each direction's sentence."""
    from ...stats import format_r

    table = Table(
        title="Does one go with the other the next day? (the test)",
        title_style="bold",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    table.add_column("direction", no_wrap=True)
    table.add_column("effect", justify="right", no_wrap=True)
    table.add_column("95% interval", no_wrap=True)
    table.add_column("result", no_wrap=True)
    for verdict in report.verdicts:
        cause, target = verdict.direction.split("->")
        interval = f"{verdict.ci[0]:+.2f} to {verdict.ci[1]:+.2f}" if verdict.ci else "-"
        table.add_row(
            f"{cause} → next {target}",
            format_r(verdict.effect_per_point),
            interval,
            _result(verdict),
            style="bold" if verdict.flagged else "",
        )
    lines: list[Table | Text] = [table]
    lines += [Text(f"• {v.sentence}") for v in report.verdicts if v.effect_per_point is not None]
    return Group(*lines)


def _highlights(report: StatsReport) -> Group:
    lines = [Text("What stands out", style="bold")]
    lines += [Text(f"• {sentence}") for sentence in report.stands_out()]
    return Group(*lines)


def _lags(report: StatsReport) -> Table | Text:
    """The lag picture: r at 0-7 days apart each way, with pairs (description only)."""
    from ...stats import DIRECTIONS, format_r

    if not any(item.r is not None for item in report.lagged):
        return Text("Lag picture: a number is shown from 30 pairs of days.", style="dim")
    table = Table(
        title="Lag picture (a description, not a test)",
        title_style="bold",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    for name, justify in (
        ("days apart", "right"),
        ("pairs", "right"),
        ("pain → mood r", "right"),
        ("mood → pain r", "right"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    there, back = (report.direction(d) for d in DIRECTIONS)
    for one, other in zip(there, back, strict=True):
        table.add_row(str(one.lag), str(one.n), format_r(one.r), format_r(other.r))
    return table


def _shifts(report: StatsReport) -> Group | Text:
    if not report.level_shifts:
        return Text("")
    lines = [Text("Level shifts", style="bold")]
    lines += [Text(f"• {shift.sentence}") for shift in report.level_shifts]
    if report.recent_levels:
        lines.append(Text("The last 6 months against before", style="bold"))
        lines += [Text(f"• {level.sentence}") for level in report.recent_levels]
    changed = [c for c in report.link_changes if c.held in ("before", "since")]
    if changed:
        lines.append(Text("A link that changed with the shift", style="bold"))
        lines += [Text(f"• {change.sentence}") for change in changed]
    return Group(*lines)


def _factors(report: StatsReport) -> Table | Text:
    from ...model import SCALES
    from ...stats import format_ci, format_r

    shown = [f for f in report.factors if f.r is not None]
    if not shown:
        return Text(
            "Sleep, stress, anxiety, fatigue, activity: not enough days with them recorded "
            "yet (30 pairs of days each).",
            style="dim",
        )
    table = Table(
        title="Factors (a description; named above only if they stand out)",
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
        ("95% interval", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for item in shown:
        table.add_row(
            SCALES[item.factor].label,
            item.target,
            "same day" if item.lag == 0 else "next day",
            str(item.n),
            format_r(item.r),
            format_ci(item.ci),
            style="bold" if item.survives else "",
        )
    return table
