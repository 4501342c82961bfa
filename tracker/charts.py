"""Terminal charts of the diary: values in, text out.

Every chart function takes check-ins (or stats results) and a size and returns
a `Chart`: the drawn text, or one sentence saying why there is nothing to draw
yet. plotext (5.3) is the only plotting library and is used only here, so it
can be swapped without touching the CLI or the TUI. It is imported inside the
functions that draw because `painmood log` must stay fast.

plotext keeps one global figure, so drawing is serialised with `FIGURE_LOCK`
and every chart starts from a cleared figure.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import math
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .model import FACTORS, SCALES, CheckIn

Style = Literal["dark", "light", "mono"]
Unit = Literal["day", "week", "month", "quarter", "year"]

CHART_KINDS: tuple[str, ...] = ("trend", "lags", "scatter", "weekly", "factor")
FACTOR_NAMES: tuple[str, ...] = tuple(scale.name for scale in FACTORS)
DIRECTIONS: tuple[str, ...] = ("pain->mood", "mood->pain")

# plotext's figure is module-level state: one chart at a time, whatever the thread.
FIGURE_LOCK = threading.Lock()

MIN_SIZE = (40, 12)
ROLLING_DAYS = 7
ROLLING_MIN_DAYS = 4  # a 7-day mean needs at least 4 observed days in its window
MIN_TREND_DAYS = 2
MIN_SCATTER_PAIRS = 5
MIN_WEEKLY_DAYS = 7
MIN_FACTOR_DAYS = 2
LAG_MIN_PAIRS = 20  # stats shows no r below this (STATS.md section 5)
_Y_LABEL_COLUMNS = 8  # y tick labels plus the frame, taken off the width
_UNIT_WORDS: dict[str, tuple[str, str]] = {
    # unit -> (adjective for titles, plural noun)
    "day": ("daily", "days"),
    "week": ("weekly", "weeks"),
    "month": ("monthly", "months"),
    "quarter": ("quarterly", "quarters"),
    "year": ("yearly", "years"),
}
_WEEKDAYS = tuple(calendar.day_abbr)  # Mon .. Sun

# Mid-luminance colours that read on Textual's dark and light backgrounds; each
# style nudges them a little towards more contrast for its own background.
_PALETTES: dict[str, dict[str, tuple[int, int, int]]] = {
    "dark": {
        "pain": (255, 135, 95),
        "mood": (95, 175, 255),
        "factor": (190, 150, 255),
        "flagged": (255, 95, 175),
        "muted": (150, 150, 150),
    },
    "light": {
        "pain": (190, 70, 0),
        "mood": (0, 95, 190),
        "factor": (120, 60, 190),
        "flagged": (200, 0, 110),
        "muted": (110, 110, 110),
    },
}
# Without colour, series differ by marker.
_MONO_MARKERS = {"pain": "x", "mood": "o", "factor": "+"}
_MONO_DOTS = {"pain": "·", "mood": "°", "factor": "'"}
_BAR_MARKERS = {"pain": "█", "mood": "░"}


@dataclass(frozen=True)
class Chart:
    """A chart as text: `drawn` is False when `text` is a "not enough data" sentence."""

    text: str
    drawn: bool = True

    @classmethod
    def not_enough(cls, sentence: str) -> Chart:
        return cls(sentence, drawn=False)


@dataclass(frozen=True)
class Series:
    """One thing to draw: `segments` are runs of consecutive points, never joined."""

    name: str  # "pain", "mood" or a factor name: picks the colour
    label: str  # legend text
    segments: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]
    lines: bool = True  # False: separate dots (daily values)

    @property
    def point_count(self) -> int:
        return sum(len(xs) for xs, _ in self.segments)


@dataclass(frozen=True)
class Timeline:
    """Series over a calendar period, at one resolution (`unit`)."""

    start: dt.date
    end: dt.date
    unit: Unit
    series: tuple[Series, ...]

    @property
    def span_days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class LagPoint:
    """One lagged correlation as the lag chart needs it (from stats results or tuples)."""

    direction: str
    lag: int
    r: float | None
    ci: tuple[float, float] | None = None
    flagged: bool = False
    n: int = 0
    status: str = ""


def choose_style(
    dark: bool = True, monochrome: bool = False, environ: Mapping[str, str] | None = None
) -> Style:
    """The style for a caller: "mono" when asked or when NO_COLOR is set (no-color.org)."""
    environ = os.environ if environ is None else environ
    if monochrome or environ.get("NO_COLOR", ""):
        return "mono"
    return "dark" if dark else "light"


# ---------------------------------------------------------------- data shaping


def in_period(
    checkins: Iterable[CheckIn], start: dt.date | None = None, end: dt.date | None = None
) -> list[CheckIn]:
    """The check-ins between start and end (inclusive), oldest first."""
    chosen = [
        c for c in checkins if (start is None or c.day >= start) and (end is None or c.day <= end)
    ]
    return sorted(chosen, key=lambda c: c.day)


def _period(
    checkins: Sequence[CheckIn], start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    first = start if start is not None else checkins[0].day
    last = end if end is not None else checkins[-1].day
    return first, max(first, last)


def daily_values(
    checkins: Iterable[CheckIn], field: str, start: dt.date, end: dt.date
) -> list[float | None]:
    """One slot per calendar day from start to end: the value, or None when missing."""
    values: list[float | None] = [None] * ((end - start).days + 1)
    for checkin in checkins:
        index = (checkin.day - start).days
        value = getattr(checkin, field)
        if 0 <= index < len(values) and value is not None:
            values[index] = float(value)
    return values


def rolling_mean(
    values: Sequence[float | None],
    window: int = ROLLING_DAYS,
    min_days: int = ROLLING_MIN_DAYS,
) -> list[float | None]:
    """Calendar rolling mean: defined on an observed day whose window has `min_days` values.

    A missing day stays missing, so the mean line breaks wherever the diary does.
    """
    out: list[float | None] = []
    total = 0.0
    count = 0
    for index, value in enumerate(values):
        if value is not None:
            total += value
            count += 1
        if index >= window:
            leaving = values[index - window]
            if leaving is not None:
                total -= leaving
                count -= 1
        out.append(total / count if value is not None and count >= min_days else None)
    return out


def split_at_gaps(
    xs: Sequence[float], ys: Sequence[float | None]
) -> tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]:
    """Runs of consecutive present values; a None anywhere ends a run (gaps are gaps)."""
    segments: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    run_x: list[float] = []
    run_y: list[float] = []
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            if run_x:
                segments.append((tuple(run_x), tuple(run_y)))
            run_x, run_y = [], []
        else:
            run_x.append(x)
            run_y.append(y)
    if run_x:
        segments.append((tuple(run_x), tuple(run_y)))
    return tuple(segments)


def bin_start(day: dt.date, unit: Unit) -> dt.date:
    """The first day of the week (Monday), month, quarter or year holding `day`."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def next_bin(start: dt.date, unit: Unit) -> dt.date:
    """The first day of the bin after the one starting on `start`."""
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    month_index = start.year * 12 + start.month - 1 + months
    return dt.date(month_index // 12, month_index % 12 + 1, 1)


def bins(start: dt.date, end: dt.date, unit: Unit) -> list[dt.date]:
    """Start days of every bin that overlaps start..end."""
    out = []
    current = bin_start(start, unit)
    while current <= end:
        out.append(current)
        current = next_bin(current, unit)
    return out


def bin_count(start: dt.date, end: dt.date, unit: Unit) -> int:
    """How many bins of `unit` cover start..end, without listing them."""
    if unit == "day":
        return (end - start).days + 1
    if unit == "week":
        return (bin_start(end, "week") - bin_start(start, "week")).days // 7 + 1
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    first = bin_start(start, unit)
    last = bin_start(end, unit)
    return ((last.year - first.year) * 12 + last.month - first.month) // months + 1


def choose_unit(start: dt.date, end: dt.date, max_points: int) -> Unit:
    """The finest of day/week/month/quarter/year whose bin count fits in `max_points`."""
    for unit in ("day", "week", "month", "quarter"):
        if bin_count(start, end, unit) <= max_points:
            return unit
    return "year"


def bin_means(
    checkins: Iterable[CheckIn], field: str, start: dt.date, end: dt.date, unit: Unit
) -> tuple[list[dt.date], list[float | None]]:
    """Mean of `field` in each bin of start..end; None for a bin with no values."""
    starts = bins(start, end, unit)
    index_of = _bin_index(starts[0], unit)
    totals = [0.0] * len(starts)
    counts = [0] * len(starts)
    for checkin in checkins:
        value = getattr(checkin, field)
        if value is None or not (start <= checkin.day <= end):
            continue
        i = index_of(checkin.day)
        totals[i] += value
        counts[i] += 1
    means = [t / n if n else None for t, n in zip(totals, counts, strict=True)]
    return starts, means


def _bin_index(first_bin: dt.date, unit: Unit) -> Callable[[dt.date], int]:
    """day -> position of its bin counted from `first_bin` (arithmetic, for long diaries)."""
    if unit in ("day", "week"):
        origin, size = first_bin.toordinal(), 1 if unit == "day" else 7
        return lambda day: (day.toordinal() - origin) // size
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    origin = first_bin.year * 12 + first_bin.month - 1
    return lambda day: (day.year * 12 + day.month - 1 - origin) // months


def timeline(
    checkins: Sequence[CheckIn],
    fields: Sequence[str],
    start: dt.date,
    end: dt.date,
    max_points: int,
) -> Timeline:
    """The series a time chart draws, summarised so no series has more than `max_points`.

    Day resolution gives the daily values as dots plus a 7-day rolling mean line;
    coarser resolutions give one mean per week/month/quarter/year. x is days since
    `start`; a missing day (or empty bin) splits the line.
    """
    unit = choose_unit(start, end, max_points)
    series: list[Series] = []
    for field in fields:
        name = field if field in ("pain", "mood") else "factor"
        label = SCALES[field].label.lower() if field in SCALES else field
        if unit == "day":
            values = daily_values(checkins, field, start, end)
            xs = [float(i) for i in range(len(values))]
            dots = tuple(((float(i),), (v,)) for i, v in enumerate(values) if v is not None)
            xs_dots = tuple(x for seg in dots for x in seg[0])
            ys_dots = tuple(y for seg in dots for y in seg[1])
            if xs_dots:
                series.append(Series(name, f"{label}, each day", ((xs_dots, ys_dots),), False))
            means = rolling_mean(values)
            segments = split_at_gaps(xs, means)
            if segments:
                series.append(Series(name, f"{label}, {ROLLING_DAYS}-day mean", segments))
        else:
            starts, means = bin_means(checkins, field, start, end, unit)
            xs = [_bin_middle(day, unit, start, end) for day in starts]
            segments = split_at_gaps(xs, means)
            if segments:
                adjective = _UNIT_WORDS[unit][0]
                series.append(Series(name, f"{label}, {adjective} mean", segments))
    return Timeline(start, end, unit, tuple(series))


def _bin_middle(day: dt.date, unit: Unit, start: dt.date, end: dt.date) -> float:
    """x of a bin: the middle of its days inside the period, in days since start."""
    first = max(day, start)
    last = min(next_bin(day, unit) - dt.timedelta(days=1), end)
    return ((first - start).days + (last - start).days) / 2


def next_day_pairs(
    checkins: Iterable[CheckIn], cause: str, effect: str, lag: int = 1
) -> list[tuple[int, int]]:
    """(cause on day t, effect on day t+lag) for every calendar pair with both present."""
    by_day = {c.day: c for c in checkins}
    pairs = []
    for day, checkin in by_day.items():
        later = by_day.get(day + dt.timedelta(days=lag))
        x = getattr(checkin, cause)
        y = getattr(later, effect) if later is not None else None
        if x is not None and y is not None:
            pairs.append((round(x), round(y)))
    return pairs


def lag_points(results: Iterable[Any]) -> list[LagPoint]:
    """Read stats results (objects with direction/lag/r/ci/flagged) or plain tuples.

    A tuple is (direction, lag, r[, ci[, flagged]]).
    """
    points = []
    for item in results:
        if isinstance(item, LagPoint):
            points.append(item)
        elif isinstance(item, tuple):
            direction, lag, r, *rest = item
            ci = rest[0] if rest else None
            flagged = bool(rest[1]) if len(rest) > 1 else False
            points.append(LagPoint(str(direction), int(lag), _finite(r), _ci(ci), flagged))
        else:
            points.append(
                LagPoint(
                    direction=str(item.direction),
                    lag=int(item.lag),
                    r=_finite(getattr(item, "r", None)),
                    ci=_ci(getattr(item, "ci", None)),
                    flagged=bool(getattr(item, "flagged", False)),
                    n=int(getattr(item, "n", 0) or 0),
                    status=str(getattr(item, "status", "") or ""),
                )
            )
    return points


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _ci(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    lo, hi = _finite(value[0]), _finite(value[1])
    return (lo, hi) if lo is not None and hi is not None else None


# ---------------------------------------------------------------- drawing


def _plotext() -> Any:
    import plotext

    return plotext


def _fit(width: int, height: int) -> tuple[int, int]:
    return max(int(width), MIN_SIZE[0]), max(int(height), MIN_SIZE[1])


def _plot_columns(width: int) -> int:
    return max(width - _Y_LABEL_COLUMNS, 10)


@contextlib.contextmanager
def _new_figure(width: int, height: int) -> Iterator[Any]:
    """plotext, its global figure reset to an empty one of this size, held for one chart."""
    with FIGURE_LOCK:
        plt = _plotext()
        plt.main()
        plt.clf()
        plt.limit_size(False, False)  # draw at the size asked for, not the terminal's
        plt.plot_size(width, height)
        plt.theme("clear")  # the terminal's (or Textual's) own background and text colour
        yield plt


def _finish(plt: Any, style: Style) -> Chart:
    text = plt.build()
    if style == "mono":
        text = plt.uncolorize(text)
    return Chart("\n".join(line.rstrip() for line in text.splitlines()))


def _colour(style: Style, name: str) -> tuple[int, int, int] | None:
    return None if style == "mono" else _PALETTES[style][name]


def _line_marker(style: Style, name: str) -> str:
    return _MONO_MARKERS[name] if style == "mono" else "braille"


def _dot_marker(style: Style, name: str) -> str:
    return _MONO_DOTS[name] if style == "mono" else "•"


def _draw_series(plt: Any, series: Series, style: Style) -> None:
    colour = _colour(style, series.name)
    for index, (xs, ys) in enumerate(series.segments):
        label = series.label if index == 0 else None
        if series.lines and len(xs) > 1:
            plt.plot(
                list(xs),
                list(ys),
                marker=_line_marker(style, series.name),
                color=colour,
                label=label,
            )
        else:
            marker = (
                _line_marker(style, series.name)
                if series.lines
                else _dot_marker(style, series.name)
            )
            plt.scatter(list(xs), list(ys), marker=marker, color=colour, label=label)


def _date_ticks(start: dt.date, end: dt.date, columns: int) -> tuple[list[float], list[str]]:
    """Evenly spaced date labels that fit `columns` characters."""
    span = (end - start).days
    fmt = "%d %b" if span <= 366 else "%b %Y"
    count = max(2, min(columns // 12, 8, span + 1))
    if span == 0:
        return [0.0], [start.strftime(fmt)]
    positions = [round(span * i / (count - 1)) for i in range(count)]
    return [float(p) for p in positions], [
        (start + dt.timedelta(days=p)).strftime(fmt) for p in positions
    ]


def _headroom(top: float, bottom: float, legend_rows: int, plot_rows: int) -> float:
    """Extra y range above `top` so the legend (drawn top left) does not hide data."""
    free = max(plot_rows - legend_rows, 1)
    return legend_rows * (top - bottom) / free


def _draw_timeline(
    plt: Any,
    line: Timeline,
    title: tuple[str, ...],
    ylabel: str,
    low: float,
    high: float,
    columns: int,
    plot_rows: int,
    style: Style,
) -> None:
    for series in line.series:
        _draw_series(plt, series, style)
    _title(plt, columns + _Y_LABEL_COLUMNS, *title)
    unit_word = "day" if line.unit == "day" else f"date ({_UNIT_WORDS[line.unit][0]} means)"
    plt.xlabel(unit_word)
    plt.ylabel(ylabel)
    plt.xlim(-0.5, line.span_days - 0.5)
    top = high + _headroom(high, low, len(line.series), plot_rows)
    plt.ylim(low, top)
    plt.yticks(*_value_ticks(low, high))
    plt.xticks(*_date_ticks(line.start, line.end, columns))


def _title(plt: Any, width: int, main: str, *details: str) -> None:
    """Set a title that fits: plotext drops a title wider than the chart altogether."""
    room = width - 2
    parts = [main, *details]
    while len(parts) > 1 and len(", ".join(parts)) > room:
        parts.pop()
    text = ", ".join(parts)
    plt.title(text if len(text) <= room else text[: room - 1] + "…")


def _value_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    step = _nice_step((high - low) / 5)
    ticks = []
    value = math.floor(low / step) * step
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            ticks.append(round(value, 6))
        value += step
    return ticks, [f"{t:g}" for t in ticks]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


def _period_words(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} to {end.isoformat()}"


def trend_chart(
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
) -> Chart:
    """Pain and mood over time: daily dots and 7-day means, or summarised means."""
    scored = _scored_days(checkins, start, end)
    if len(scored) < MIN_TREND_DAYS:
        return _too_few_scored_days("the trend chart", MIN_TREND_DAYS, len(scored))
    first, last = _period(scored, start, end)
    width, height = _fit(width, height)
    columns = _plot_columns(width)
    line = timeline(scored, ("pain", "mood"), first, last, columns)
    title = ("Pain (10 = worst) and mood (10 = best)", _period_words(first, last))
    ylabel = "score 0-10"
    with _new_figure(width, height) as plt:
        _draw_timeline(plt, line, title, ylabel, 0, 10, columns, height - 6, style)
        return _finish(plt, style)


def _scored_days(
    checkins: Sequence[CheckIn], start: dt.date | None, end: dt.date | None
) -> list[CheckIn]:
    """The days of the period with pain or mood (what the trend and weekly charts draw)."""
    return [c for c in in_period(checkins, start, end) if c.pain is not None or c.mood is not None]


def _too_few_scored_days(chart: str, minimum: int, count: int) -> Chart:
    return Chart.not_enough(
        f"Not enough data for {chart} yet: it needs at least {minimum} days with pain or "
        f"mood in this period, and there {_are(count, 'day')}."
    )


def _are(count: int, noun: str) -> str:
    return f"is {count} {noun}" if count == 1 else f"are {count} {noun}s"


def lag_chart(
    results: Iterable[Any],
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
    max_lag: int = 7,
) -> Chart:
    """Correlogram: r at lags 0..7 for pain->mood and mood->pain, with 95% CIs and flags.

    Filled markers are tested results, hollow ones preliminary (fewer than 50
    pairs); a star marks a flagged lag. Lag 0 is one shared test, drawn once.
    """
    every = [p for p in lag_points(results) if 0 <= p.lag <= max_lag]
    points = [p for p in every if p.r is not None]
    points = [
        p for p in points if not (p.lag == 0 and p.direction == "mood->pain" and _has_lag0(points))
    ]
    if not points:
        most = max((p.n for p in every), default=0)
        so_far = (
            f" The best lag has {most} so far ({LAG_MIN_PAIRS - most} more needed)."
            if 0 < most < LAG_MIN_PAIRS
            else ""
        )
        return Chart.not_enough(
            f"Not enough data for the lag chart yet: a lag needs at least {LAG_MIN_PAIRS} "
            f"pairs of days with pain and mood, about three weeks of check-ins.{so_far}"
        )
    width, height = _fit(width, height)
    offsets = {"pain->mood": -0.15, "mood->pain": 0.15}
    names = {"pain->mood": "pain", "mood->pain": "mood"}
    words = {"pain->mood": "pain, then mood", "mood->pain": "mood, then pain"}
    markers = {"pain->mood": ("●", "○"), "mood->pain": ("■", "□")}
    with _new_figure(width, height) as plt:
        plt.horizontal_line(0, color=_colour(style, "muted"))
        legend_rows = 0
        for direction in DIRECTIONS:
            mine = [p for p in points if p.direction == direction]
            colour = _colour(style, names[direction])
            for p in mine:
                if p.ci is not None:
                    x = p.lag + offsets[direction]
                    plt.plot([x, x], list(p.ci), marker=_ci_marker(style), color=colour)
            tested = [p for p in mine if p.status != "preliminary"]
            preliminary = [p for p in mine if p.status == "preliminary"]
            for group, marker, label in (
                (tested, markers[direction][0], words[direction]),
                (preliminary, markers[direction][1], f"{words[direction]} (preliminary)"),
            ):
                if group:
                    plt.scatter(
                        [p.lag + offsets[direction] for p in group],
                        [p.r for p in group],
                        marker=marker,
                        color=colour,
                        label=label,
                    )
                    legend_rows += 1
        flagged = [p for p in points if p.flagged]
        if flagged:
            plt.scatter(
                [p.lag + offsets.get(p.direction, 0) for p in flagged],
                [p.r for p in flagged],
                marker="✱",
                color=_colour(style, "flagged"),
                label="flagged (q < 0.05)",
            )
            legend_rows += 1
        _title(plt, width, "Pain and mood days apart: correlation r", "bars = 95% interval")
        plt.xlabel("lag: days from the first score to the second (0 = same day)")
        plt.ylabel("r (-1 to 1)")
        plt.xlim(-0.6, max_lag + 0.6)
        plt.ylim(-1, 1 + _headroom(1, -1, legend_rows, height - 6))
        plt.xticks(list(range(max_lag + 1)), [str(k) for k in range(max_lag + 1)])
        plt.yticks(*_value_ticks(-1, 1))
        return _finish(plt, style)


def _has_lag0(points: Iterable[LagPoint]) -> bool:
    return any(p.lag == 0 and p.direction == "pain->mood" for p in points)


def _ci_marker(style: Style) -> str:
    return "|" if style == "mono" else "braille"


def scatter_chart(
    checkins: Sequence[CheckIn],
    direction: str = "pain->mood",
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
) -> Chart:
    """Today's pain against tomorrow's mood (or the reverse), as day counts on a 0-10 grid.

    Integer scores would pile onto a few dots, so each cell shows how many days
    fell there, and a line shows the mean next-day score for each value.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")
    cause, effect = direction.split("->")
    pairs = next_day_pairs(in_period(checkins, start, end), cause, effect)
    if len(pairs) < MIN_SCATTER_PAIRS:
        return Chart.not_enough(
            f"Not enough data for the {cause}-vs-next-day-{effect} chart yet: it needs "
            f"at least {MIN_SCATTER_PAIRS} pairs of consecutive days with {cause} on the "
            f"first and {effect} on the second, and there {_are(len(pairs), 'pair')}."
        )
    counts: dict[tuple[int, int], int] = {}
    for pair in pairs:
        counts[pair] = counts.get(pair, 0) + 1
    by_x: dict[int, list[int]] = {}
    for x, y in pairs:
        by_x.setdefault(x, []).append(y)
    mean_x = sorted(by_x)
    mean_y = [sum(by_x[x]) / len(by_x[x]) for x in mean_x]
    width, height = _fit(width, height)
    with _new_figure(width, height) as plt:
        colour = _colour(style, effect)
        plt.plot(
            mean_x,
            mean_y,
            marker=_line_marker(style, effect),
            color=colour,
            label=f"mean {effect} next day",
        )
        plt.scatter(
            [x for x, _ in counts],
            [y for _, y in counts],
            marker="·",
            color=_colour(style, "muted"),
            label="number = days at that point",
        )
        for (x, y), count in counts.items():
            plt.text(str(count), x, y, color=_colour(style, cause), alignment="center")
        _title(
            plt,
            width,
            f"{cause.capitalize()} today vs {effect} tomorrow",
            f"{len(pairs)} day pairs",
        )
        plt.xlabel(f"{cause} on day t (0-10)")
        plt.ylabel(f"{effect} on day t+1 (0-10)")
        plt.xlim(-0.6, 10.6)
        plt.ylim(-0.6, 10.6 + _headroom(10.6, -0.6, 2, height - 6))
        plt.xticks(list(range(11)), [str(v) for v in range(11)])
        plt.yticks(list(range(0, 11, 2)), [str(v) for v in range(0, 11, 2)])
        return _finish(plt, style)


def weekly_chart(
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
) -> Chart:
    """Two panels: mean pain and mood per week as bars, and the mean by weekday."""
    scored = _scored_days(checkins, start, end)
    if len(scored) < MIN_WEEKLY_DAYS:
        return _too_few_scored_days("the weekly summary", MIN_WEEKLY_DAYS, len(scored))
    first, last = _period(scored, start, end)
    width, height = _fit(width, height)
    # Each bar group needs about 4 columns (2 bars and a space) to stay readable.
    unit = choose_unit(first, last, max(_plot_columns(width) // 4, 2))
    if unit == "day":
        unit = "week"
    week_starts, pain_means = bin_means(scored, "pain", first, last, unit)
    _, mood_means = bin_means(scored, "mood", first, last, unit)
    weekday_pain = _weekday_means(scored, "pain")
    weekday_mood = _weekday_means(scored, "mood")
    adjective, noun = _UNIT_WORDS[unit]
    labels = [_bin_label(day, unit) for day in week_starts]
    with _new_figure(width, height) as plt:
        plt.subplots(2, 1)
        plt.subplot(1, 1)
        _bars(
            plt,
            labels,
            pain_means,
            mood_means,
            style,
            width,
            height // 2,
            (f"{adjective.capitalize()} mean pain and mood", _period_words(first, last)),
            f"{noun[:-1]} starting",
        )
        plt.subplot(2, 1)
        _bars(
            plt,
            list(_WEEKDAYS),
            weekday_pain,
            weekday_mood,
            style,
            width,
            height - height // 2,
            ("Mean pain and mood by weekday",),
            "weekday",
        )
        return _finish(plt, style)


def _bars(
    plt: Any,
    labels: list[str],
    pain: list[float | None],
    mood: list[float | None],
    style: Style,
    width: int,
    panel_height: int,
    title: tuple[str, ...],
    xlabel: str,
) -> None:
    """One panel of pain and mood bars side by side; a missing mean gets no bar."""
    for name, values, offset in (("pain", pain, -0.2), ("mood", mood, 0.2)):
        present = [(i, v) for i, v in enumerate(values) if v is not None]
        if not present:
            continue
        plt.bar(
            [i + offset for i, _ in present],
            [v for _, v in present],
            width=0.35,
            marker=_BAR_MARKERS[name] if style == "mono" else "sd",
            color=_colour(style, name),
            label=name,
        )
    step = max(1, math.ceil(len(labels) * 9 / _plot_columns(width)))
    ticks = list(range(0, len(labels), step))
    plt.xticks(ticks, [labels[i] for i in ticks])
    plt.xlim(-0.6, len(labels) - 0.4)
    plt.ylim(0, 10 + _headroom(10, 0, 2, panel_height - 5))
    plt.yticks([0, 5, 10], ["0", "5", "10"])
    _title(plt, width, *title)
    plt.xlabel(xlabel)
    plt.ylabel("mean 0-10")


def _weekday_means(checkins: Iterable[CheckIn], field: str) -> list[float | None]:
    totals = [0.0] * 7
    counts = [0] * 7
    for checkin in checkins:
        value = getattr(checkin, field)
        if value is not None:
            totals[checkin.day.weekday()] += value
            counts[checkin.day.weekday()] += 1
    return [t / n if n else None for t, n in zip(totals, counts, strict=True)]


def _bin_label(day: dt.date, unit: Unit) -> str:
    if unit == "week":
        return day.strftime("%d %b")
    if unit == "month":
        return day.strftime("%b %y")
    if unit == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return str(day.year)


def most_recorded_factor(checkins: Iterable[CheckIn]) -> str | None:
    """The optional factor with the most recorded days (a default for the factor view)."""
    counts = {name: 0 for name in FACTOR_NAMES}
    for checkin in checkins:
        for name in FACTOR_NAMES:
            if getattr(checkin, name) is not None:
                counts[name] += 1
    best = max(FACTOR_NAMES, key=lambda name: counts[name])
    return best if counts[best] else None


def factor_chart(
    checkins: Sequence[CheckIn],
    factor: str | None = None,
    against: str = "pain",
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
) -> Chart:
    """Two stacked panels over the same dates: a factor on top, pain or mood below."""
    chosen = in_period(checkins, start, end)
    if factor is None:
        factor = most_recorded_factor(chosen)
        if factor is None:
            return Chart.not_enough(
                "Not enough data for the factor view yet: no sleep, stress, anxiety, "
                "fatigue or activity has been recorded in this period."
            )
    if factor not in FACTOR_NAMES:
        raise ValueError(f"factor must be one of {FACTOR_NAMES}, got {factor!r}")
    if against not in ("pain", "mood"):
        raise ValueError(f"against must be 'pain' or 'mood', got {against!r}")
    scale = SCALES[factor]
    recorded = [c for c in chosen if getattr(c, factor) is not None]
    if len(recorded) < MIN_FACTOR_DAYS:
        return Chart.not_enough(
            f"Not enough data for the {scale.label.lower()} view yet: it needs at least "
            f"{MIN_FACTOR_DAYS} days with {scale.label.lower()} recorded in this period, "
            f"and there {_are(len(recorded), 'day')}."
        )
    used = [c for c in chosen if getattr(c, factor) is not None or getattr(c, against) is not None]
    first, last = _period(used, start, end)
    width, height = _fit(width, height)
    columns = _plot_columns(width)
    top_line = timeline(used, (factor,), first, last, columns)
    bottom_line = timeline(used, (against,), first, last, columns)
    high = _factor_top(scale.high, [c for c in recorded], factor)
    unit_words = {"sleep_hours": "hours", "activity_minutes": "minutes"}
    ylabel = unit_words.get(factor, f"{_fmt(scale.low)}-{_fmt(scale.high)}")
    panel_rows = height // 2 - 6
    with _new_figure(width, height) as plt:
        plt.subplots(2, 1)
        plt.subplot(1, 1)
        _draw_timeline(
            plt,
            top_line,
            (scale.label, _period_words(first, last)),
            ylabel,
            scale.low,
            high,
            columns,
            panel_rows,
            style,
        )
        plt.subplot(2, 1)
        _draw_timeline(
            plt,
            bottom_line,
            (f"{against.capitalize()} over the same days",),
            f"{against} 0-10",
            0,
            10,
            columns,
            panel_rows,
            style,
        )
        return _finish(plt, style)


def _factor_top(scale_high: float, recorded: Sequence[CheckIn], factor: str) -> float:
    """The y range top: the scale's top, or just above the data for wide open scales."""
    if scale_high <= 10:
        return scale_high
    highest = max(float(getattr(c, factor)) for c in recorded)
    step = _nice_step(max(highest, 1) / 4)
    return min(scale_high, math.ceil(highest / step) * step)


def _fmt(number: float) -> str:
    return f"{number:g}"


def draw_chart(
    kind: str,
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
    factor: str | None = None,
    against: str = "pain",
    reverse: bool = False,
    lagged: Iterable[Any] = (),
) -> Chart:
    """Any chart kind by name (one dispatcher for the CLI and the TUI).

    `lagged` is the stats results for the lag chart; the caller computes them
    (in the TUI, off the UI thread).
    """
    if kind == "trend":
        return trend_chart(checkins, start, end, width, height, style)
    if kind == "lags":
        return lag_chart(lagged, width, height, style)
    if kind == "scatter":
        direction = "mood->pain" if reverse else "pain->mood"
        return scatter_chart(checkins, direction, start, end, width, height, style)
    if kind == "weekly":
        return weekly_chart(checkins, start, end, width, height, style)
    if kind == "factor":
        return factor_chart(checkins, factor, against, start, end, width, height, style)
    raise ValueError(f"kind must be one of {CHART_KINDS}, got {kind!r}")
