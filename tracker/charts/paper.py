"""Paper charts for the report: the same data as the terminal charts, laid out as shapes.

A `PaperChart` is a list of plain shapes (lines, dots, squares, text) in
millimetres, origin top left, y downwards, as both SVG and PDF use. It is
pure Python, so one layout serves the HTML report (`svg.py`) and the PDF
(`formats/pdf_report.py`), and a test can map every dot back to the data.

Pain is drawn in vermilion with round dots and solid lines, mood in blue with
square dots and dashed lines (Okabe-Ito colours), so the chart still reads
when printed in grey or seen with a colour-vision deficiency.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import CheckIn
from .base import DIRECTIONS, Unit
from .series import _bin_middle, bin_means, daily_values, lag_points, split_at_gaps

Anchor = Literal["start", "middle", "end"]

COLOURS = {"pain": "#D55E00", "mood": "#0072B2", "axis": "#444444", "grid": "#DDDDDD"}
DASHED = {"pain": False, "mood": True}
FONT_SIZE = 2.6  # mm, about 7.4 pt: tick labels and legend


@dataclass(frozen=True)
class Line:
    """A polyline (two or more points) in millimetres."""

    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 0.3
    dashed: bool = False


@dataclass(frozen=True)
class Dot:
    """A marker at (x, y): a filled circle, or a filled square when `square`."""

    x: float
    y: float
    radius: float
    colour: str
    square: bool = False


@dataclass(frozen=True)
class Text:
    """A label whose baseline starts, centres or ends at (x, y)."""

    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    colour: str = COLOURS["axis"]
    anchor: Anchor = "start"


@dataclass(frozen=True)
class Scale:
    """Maps data (x, y) to the page inside the plot box, and back (for tests)."""

    left: float
    top: float
    width: float
    height: float
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    def x(self, value: float) -> float:
        span = self.x_max - self.x_min or 1.0
        return self.left + (value - self.x_min) / span * self.width

    def y(self, value: float) -> float:
        span = self.y_max - self.y_min or 1.0
        return self.top + (self.y_max - value) / span * self.height

    def data(self, x: float, y: float) -> tuple[float, float]:
        """The data point drawn at page position (x, y)."""
        return (
            self.x_min + (x - self.left) / self.width * (self.x_max - self.x_min),
            self.y_max - (y - self.top) / self.height * (self.y_max - self.y_min),
        )


@dataclass
class PaperChart:
    """A chart as shapes; `dots` and `lines` carry a `role` so tests and renderers can pick."""

    width: float
    height: float
    title: str
    scale: Scale
    lines: list[tuple[str, Line]] = field(default_factory=list)
    dots: list[tuple[str, Dot]] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)

    def add_line(self, role: str, line: Line) -> None:
        self.lines.append((role, line))

    def add_dot(self, role: str, dot: Dot) -> None:
        self.dots.append((role, dot))


def _frame(chart: PaperChart, y_ticks: Sequence[float], y_label: str) -> None:
    """Grid lines at the y ticks, the plot border and the y axis label."""
    s = chart.scale
    for value in y_ticks:
        y = s.y(value)
        chart.add_line("grid", Line(((s.left, y), (s.left + s.width, y)), COLOURS["grid"], 0.2))
        chart.texts.append(Text(s.left - 1.2, y + 0.9, f"{value:g}", anchor="end"))
    box = (
        (s.left, s.top),
        (s.left + s.width, s.top),
        (s.left + s.width, s.top + s.height),
        (s.left, s.top + s.height),
        (s.left, s.top),
    )
    chart.add_line("frame", Line(box, COLOURS["axis"], 0.25))
    chart.texts.append(Text(s.left, s.top - 1.8, y_label))


def date_ticks(start: dt.date, end: dt.date, most: int = 8) -> list[tuple[dt.date, str]]:
    """Calendar-aligned x labels: Mondays, month starts or year starts, at most `most`."""
    span = (end - start).days
    if span <= 70:
        step_days = 7 * max(1, math.ceil(span / 7 / most))
        first = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        days = [first + dt.timedelta(days=i) for i in range(0, span + 1, step_days)]
        return [(d, d.strftime("%d %b")) for d in days if d <= end]
    if span <= 3 * 366:
        months = []
        year, month = start.year, start.month
        while dt.date(year, month, 1) <= end:
            if dt.date(year, month, 1) >= start:
                months.append(dt.date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        step = max(1, math.ceil(len(months) / most))
        return [(d, d.strftime("%b %Y")) for d in months[::step]]
    years = [dt.date(y, 1, 1) for y in range(start.year, end.year + 1)]
    years = [d for d in years if start <= d <= end]
    step = max(1, math.ceil(len(years) / most))
    return [(d, str(d.year)) for d in years[::step]]


def _x_dates(chart: PaperChart, start: dt.date, end: dt.date) -> None:
    s = chart.scale
    bottom = s.top + s.height
    for day, label in date_ticks(start, end):
        x = s.x((day - start).days)
        chart.add_line("tick", Line(((x, bottom), (x, bottom + 1.0)), COLOURS["axis"], 0.2))
        chart.texts.append(Text(x, bottom + 3.6, label, anchor="middle"))


def _legend(chart: PaperChart, items: Sequence[tuple[str, str, bool, bool]], y: float) -> None:
    """One row of (colour, text, square marker, dashed line) keys above the plot."""
    x = chart.scale.left
    for colour, label, square, dashed in items:
        chart.add_line("legend", Line(((x, y - 0.9), (x + 6, y - 0.9)), colour, 0.5, dashed))
        chart.add_dot("legend", Dot(x + 3, y - 0.9, 0.6, colour, square))
        chart.texts.append(Text(x + 7.5, y, label))
        x += 12 + len(label) * FONT_SIZE * 0.55


def mean_unit(start: dt.date, end: dt.date) -> Unit:
    """Weekly means up to two years; monthly beyond, where weekly lines turn to noise."""
    return "week" if (end - start).days <= 2 * 366 else "month"


def period_means(
    checkins: Sequence[CheckIn], field_name: str, start: dt.date, end: dt.date, unit: Unit
) -> list[tuple[float, float | None]]:
    """(x in days since start, mean) for every Monday-first week (or month): x is the
    middle of its days inside the period; None for a week with no value."""
    starts, means = bin_means(checkins, field_name, start, end, unit)
    return [
        (_bin_middle(first, unit, start, end), mean)
        for first, mean in zip(starts, means, strict=True)
    ]


def trend_paper_chart(
    checkins: Sequence[CheckIn],
    start: dt.date,
    end: dt.date,
    width: float = 180.0,
    height: float = 80.0,
) -> PaperChart:
    """Pain and mood: a dot for each day, a line through each week's mean; gaps stay gaps."""
    span = max((end - start).days, 1)
    scale = Scale(10.0, 12.0, width - 13.0, height - 19.0, -0.5, span + 0.5, 0.0, 10.0)
    chart = PaperChart(
        width, height, f"Pain and mood, each day and {mean_unit(start, end)}ly means", scale
    )
    _frame(chart, (0, 2, 4, 6, 8, 10), "score 0-10")
    _x_dates(chart, start, end)
    days = span + 1
    radius = 0.55 if days <= 120 else 0.4 if days <= 400 else 0.25
    unit = mean_unit(start, end)
    for name in ("pain", "mood"):
        colour, square = COLOURS[name], name == "mood"
        for index, value in enumerate(daily_values(checkins, name, start, end)):
            if value is not None:
                chart.add_dot(
                    f"{name}-day", Dot(scale.x(index), scale.y(value), radius, colour, square)
                )
        means = period_means(checkins, name, start, end, unit)
        for xs, ys in split_at_gaps([x for x, _ in means], [m for _, m in means]):
            points = tuple((scale.x(x), scale.y(y)) for x, y in zip(xs, ys, strict=True))
            if len(points) == 1:  # a lone week between gaps: a short level stroke
                (px, py), half = points[0], 0.9
                points = ((px - half, py), (px + half, py))
            chart.add_line(f"{name}-{unit}", Line(points, colour, 0.55, DASHED[name]))
    _legend(
        chart,
        (
            (COLOURS["pain"], "pain (0 none, 10 worst)", False, False),
            (COLOURS["mood"], "mood (0 worst, 10 best)", True, True),
        ),
        4.0,
    )
    key = f"dots: each day; lines: {unit}ly mean; blank: no entry"
    chart.texts.append(Text(width - 1, 4.0, key, anchor="end"))
    return chart


def lag_paper_chart(
    results: Iterable[Any], width: float = 180.0, height: float = 70.0, max_lag: int = 7
) -> PaperChart:
    """r at lags 0..max_lag each way with its 95% interval; lag 0 is shared, drawn once.

    Reads only direction, lag, n, r and ci of each result (a description, not a test).
    """
    points = [p for p in lag_points(results) if 0 <= p.lag <= max_lag and p.r is not None]
    if any(p.lag == 0 and p.direction == DIRECTIONS[0] for p in points):
        points = [p for p in points if not (p.lag == 0 and p.direction != DIRECTIONS[0])]
    scale = Scale(12.0, 12.0, width - 15.0, height - 22.0, -0.5, max_lag + 0.5, -1.0, 1.0)
    chart = PaperChart(width, height, "Pain and mood days apart: correlation r", scale)
    _frame(chart, (-1, -0.5, 0, 0.5, 1), "r (-1 to 1)")
    zero = scale.y(0)
    chart.add_line("zero", Line(((scale.left, zero), (scale.left + scale.width, zero)), "#888888"))
    bottom = scale.top + scale.height
    for lag in range(max_lag + 1):
        chart.texts.append(Text(scale.x(lag), bottom + 3.6, str(lag), anchor="middle"))
    chart.texts.append(
        Text(
            scale.left + scale.width / 2,
            bottom + 7.5,
            "days from the first score to the second (0 = same day)",
            anchor="middle",
        )
    )
    offsets = {DIRECTIONS[0]: -0.12, DIRECTIONS[1]: 0.12}
    for p in points:
        name = "pain" if p.direction == DIRECTIONS[0] else "mood"
        x = scale.x(p.lag + (0.0 if p.lag == 0 else offsets.get(p.direction, 0.0)))
        colour = COLOURS[name]
        if p.ci is not None:
            lo, hi = scale.y(p.ci[0]), scale.y(p.ci[1])
            chart.add_line(f"{name}-ci", Line(((x, lo), (x, hi)), colour, 0.35))
            for end in (lo, hi):
                chart.add_line(f"{name}-ci", Line(((x - 0.8, end), (x + 0.8, end)), colour, 0.35))
        assert p.r is not None
        chart.add_dot(f"{name}-r", Dot(x, scale.y(p.r), 0.9, colour, name == "mood"))
    _legend(
        chart,
        (
            (COLOURS["pain"], "pain today, mood later", False, False),
            (COLOURS["mood"], "mood today, pain later", True, False),
        ),
        4.0,
    )
    chart.texts.append(Text(width - 1, 4.0, "bars: 95% interval", anchor="end"))
    return chart
