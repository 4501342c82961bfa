"""Data shaping for charts: calendar-aligned values, rolling and binned means, lag points.

Pure functions of check-ins; a missing day stays missing, so every line a
chart draws breaks wherever the diary does.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..model import SCALES, CheckIn
from .base import (
    _UNIT_WORDS,
    ROLLING_DAYS,
    ROLLING_MIN_DAYS,
    LagPoint,
    Series,
    Timeline,
    Unit,
)


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
