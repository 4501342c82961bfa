"""Terminal charts over time: the trend, the weekly summary and the factor view."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import SCALES, CheckIn
from .base import (
    _UNIT_WORDS,
    _WEEKDAYS,
    FACTOR_NAMES,
    MIN_FACTOR_DAYS,
    MIN_TREND_DAYS,
    MIN_WEEKLY_DAYS,
    Chart,
    Style,
    Unit,
)
from .series import _period, bin_means, choose_unit, in_period, timeline
from .terminal import (
    _BAR_MARKERS,
    _colour,
    _draw_timeline,
    _finish,
    _fit,
    _headroom,
    _new_figure,
    _nice_step,
    _period_words,
    _plot_columns,
    _title,
)


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
