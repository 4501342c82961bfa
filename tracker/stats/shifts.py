"""Lasting level shifts in pain or mood (STATS.md §4): binary segmentation on weekly means.

A shared bad year makes pain and mood move together for months, which a
day-to-day model can mistake for a link. Each series' weekly means are split
where the CUSUM of deviations is largest, when that maximum is beyond the 5%
point of its Brownian-bridge limit (1.36, Kolmogorov) after allowing for the
weeks' own persistence, and when the levels differ by at least a point. The
verdicts then allow for each shift as a step.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from .results import LevelShift, RecentLevel
from .words import label, recent_sentence

MIN_WEEK_DAYS = 3  # a week's mean needs this many observed days
MIN_SEGMENT = 6  # weeks on each side of a shift
MIN_SIZE = 1.0  # points between the levels
CRITICAL = 1.36  # 5% point of sup |Brownian bridge|
MAX_SHIFTS = 4
RECENT_DAYS = 182  # "the last 6 months"
MIN_MEAN_DAYS = 14  # observed days a mean needs on each side
_Z95 = 1.959963984540054


def _weekly(values: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(week numbers, weekly means) over weeks with enough observed days."""
    seen = ~np.isnan(values)
    weeks = offsets[seen] // 7
    if weeks.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0)
    numbers, where, tally = np.unique(weeks, return_inverse=True, return_counts=True)
    sums = np.bincount(where.ravel(), weights=values[seen])
    keep = tally >= MIN_WEEK_DAYS
    return numbers[keep], sums[keep] / tally[keep]


def _long_run_sd(residuals: np.ndarray) -> float:
    """SD of the residuals inflated for their lag-1 persistence (AR(1) long-run variance)."""
    sd = float(residuals.std())
    if residuals.size < 3 or sd <= 0.0:
        return sd
    rho = float(np.corrcoef(residuals[:-1], residuals[1:])[0, 1])
    rho = min(max(rho if math.isfinite(rho) else 0.0, 0.0), 0.9)
    return sd * math.sqrt((1.0 + rho) / (1.0 - rho))


def _split(means: np.ndarray) -> int | None:
    """The best split point of one segment when it is a real shift, else None."""
    n = means.size
    if n < 2 * MIN_SEGMENT:
        return None
    cusum = np.cumsum(means - means.mean())
    inner = np.arange(MIN_SEGMENT, n - MIN_SEGMENT + 1)
    k = int(inner[np.argmax(np.abs(cusum[inner - 1]))])
    before, after = means[:k], means[k:]
    if abs(after.mean() - before.mean()) < MIN_SIZE:
        return None
    residuals = np.concatenate([before - before.mean(), after - after.mean()])
    sd = _long_run_sd(residuals)
    if sd <= 0.0:
        return k
    statistic = abs(float(cusum[k - 1])) / (sd * math.sqrt(n))
    return k if statistic > CRITICAL else None


def _segments(means: np.ndarray) -> list[int]:
    """Split points (indexes into the weekly means), by binary segmentation."""
    found: list[int] = []
    pending = [(0, means.size)]
    while pending and len(found) < MAX_SHIFTS:
        lo, hi = pending.pop()
        k = _split(means[lo:hi])
        if k is None:
            continue
        found.append(lo + k)
        pending += [(lo, lo + k), (lo + k, hi)]
    return sorted(found)


def level_shifts(
    name: str, values: np.ndarray, offsets: np.ndarray, start: dt.date | None
) -> list[LevelShift]:
    """The lasting changes in one series' weekly level, oldest first."""
    if start is None:
        return []
    weeks, means = _weekly(values, offsets)
    points = _segments(means)
    bounds = [0, *points, means.size]
    out = []
    for i, k in enumerate(points):
        before = float(means[bounds[i] : k].mean())
        after = float(means[k : bounds[i + 2]].mean())
        day = start + dt.timedelta(days=int(weeks[k]) * 7)
        way = "rose" if after > before else "fell"
        out.append(
            LevelShift(
                series=name,
                day=day,
                before=round(before, 2),
                after=round(after, 2),
                sentence=(
                    f"Your usual {label(name)} {way} around {day.isoformat()}: from about "
                    f"{before:.1f} to about {after:.1f} (weekly averages). The links are "
                    f"estimated allowing for this change."
                ),
            )
        )
    return out


def _mean_and_se(values: np.ndarray, offsets: np.ndarray) -> tuple[float, float, int]:
    """Mean of the observed days, its standard error allowing for lag-1 persistence, and n.

    The persistence is the correlation of scores on consecutive calendar days,
    kept in [0, 0.95]: n days of persistent scores hold fewer independent days.
    """
    seen = ~np.isnan(values)
    x, days = values[seen], offsets[seen]
    n = int(x.size)
    mean = float(x.mean())
    sd = float(x.std(ddof=1)) if n > 1 else 0.0
    consecutive = np.flatnonzero(np.diff(days) == 1)
    rho = 0.0
    if consecutive.size >= 3 and sd > 0:
        a, b = x[consecutive], x[consecutive + 1]
        if a.std() > 0 and b.std() > 0:
            rho = float(np.corrcoef(a, b)[0, 1])
    rho = min(max(rho if math.isfinite(rho) else 0.0, 0.0), 0.95)
    return mean, sd * math.sqrt((1.0 + rho) / (1.0 - rho) / n), n


def recent_levels(
    name: str, values: np.ndarray, offsets: np.ndarray, start: dt.date | None
) -> RecentLevel | None:
    """The last 6 months of one score against before; None when either side is too thin."""
    if start is None or offsets.size == 0:
        return None
    cut = int(offsets[-1]) - RECENT_DAYS + 1
    early, late = offsets < cut, offsets >= cut
    if (~np.isnan(values[early])).sum() < MIN_MEAN_DAYS:
        return None
    if (~np.isnan(values[late])).sum() < MIN_MEAN_DAYS:
        return None
    before, before_se, before_n = _mean_and_se(values[early], offsets[early])
    recent, recent_se, recent_n = _mean_and_se(values[late], offsets[late])
    since = start + dt.timedelta(days=cut)
    difference = recent - before
    half = _Z95 * math.hypot(before_se, recent_se)

    def interval(centre: float, se: float) -> tuple[float, float]:
        return (round(centre - _Z95 * se, 2), round(centre + _Z95 * se, 2))

    diff_ci = (round(difference - half, 2), round(difference + half, 2))
    return RecentLevel(
        series=name,
        since=since,
        before=round(before, 2),
        before_ci=interval(before, before_se),
        before_days=before_n,
        recent=round(recent, 2),
        recent_ci=interval(recent, recent_se),
        recent_days=recent_n,
        difference=round(difference, 2),
        difference_ci=diff_ci,
        sentence=recent_sentence(
            label(name),
            since,
            (recent, interval(recent, recent_se), recent_n),
            (before, interval(before, before_se), before_n),
            diff_ci,
        ),  # fmt: skip
    )
