"""Lagged correlations 0-7 each way: the lag picture, a description with no test (§3).

r is Pearson over the calendar pairs of the (weekday/trend-adjusted) scores,
with the Pyper-Peterman interval; rho is Spearman on the raw scores' ranks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .correlation import (
    autocorrelation,
    average_ranks,
    effective_n,
    finite,
    fisher_ci,
    flat,
    paired,
    pearson,
)
from .regression import least_squares
from .results import DIRECTIONS, LaggedResult
from .words import label, plural, when

MAX_LAG = 7
MIN_PAIRS = 30  # no number below this many pairs (STATS.md §5)


class Series:
    """One field: raw values, adjusted values, and what the correlations need of them."""

    def __init__(self, name: str, raw: np.ndarray, values: np.ndarray) -> None:
        self.name = name
        self.raw = raw
        self.values = values

    @cached_property
    def acf(self) -> np.ndarray:
        return autocorrelation(self.values)

    @cached_property
    def innovations(self) -> np.ndarray | None:
        """Residuals of an AR(1) fit (days t with t-1 observed); None if it cannot fit."""
        now, before = self.values[1:], self.values[:-1]
        rows = ~np.isnan(now) & ~np.isnan(before)
        if rows.sum() < 3 or flat(before[rows]):
            return None
        design = np.column_stack([np.ones(int(rows.sum())), before[rows]])
        coef, _, _ = least_squares(design, now[rows])
        out = np.full(self.values.size, np.nan)
        out[1:][rows] = now[rows] - design @ coef
        return out

    @cached_property
    def innovations_acf(self) -> np.ndarray:
        found = self.innovations
        return autocorrelation(found) if found is not None else np.zeros(1)


@dataclass(frozen=True)
class Correlation:
    """r and its interval at one lag; `reason` says why r is None."""

    n: int
    r: float | None = None
    ci: tuple[float, float] | None = None
    rho: float | None = None
    reason: str | None = None


def correlate(cause: Series, effect: Series, lag: int, with_rho: bool = True) -> Correlation:
    """r (adjusted scores), its effective-n interval and rho (raw ranks) at one lag."""
    both, _, _ = paired(cause.raw, effect.raw, lag)
    n = int(both.sum())
    if n < MIN_PAIRS:
        return Correlation(n)
    raw_x, raw_y = cause.raw[: both.size][both], effect.raw[lag:][both]
    for series, values in ((cause, raw_x), (effect, raw_y)):
        if flat(values):
            return Correlation(n, reason=f"{label(series.name)} was the same on every paired day")
    x, y = cause.values[: both.size][both], effect.values[lag:][both]
    r = pearson(x, y)
    if r is None:
        return Correlation(n, reason="no variation is left after allowing for weekday and trend")
    n_eff = effective_n(n, cause.acf, effect.acf)
    rho = pearson(average_ranks(raw_x), average_ranks(raw_y)) if with_rho else None
    return Correlation(n, finite(r), fisher_ci(r, n_eff), finite(rho))


def lagged_results(pain: Series, mood: Series) -> list[LaggedResult]:
    """Lags 0..7 in both directions (lag 0 is the same pairs both ways)."""
    out = []
    for direction in DIRECTIONS:
        cause, effect = (pain, mood) if direction == "pain->mood" else (mood, pain)
        for lag in range(MAX_LAG + 1):
            found = correlate(cause, effect, lag)
            out.append(
                LaggedResult(
                    direction=direction,
                    lag=lag,
                    n=found.n,
                    r=found.r,
                    ci=found.ci,
                    sentence=_sentence(cause.name, effect.name, lag, found),
                    rho=found.rho,
                    status="ok" if found.r is not None else "insufficient",
                )
            )
    return out


def _sentence(cause: str, effect: str, lag: int, found: Correlation) -> str:
    subject = f"{label(cause).capitalize()} and {label(effect)} {when(lag)}"
    if found.n < MIN_PAIRS:
        return (
            f"{subject}: {plural(found.n, 'pair')} of days so far; "
            f"a number is shown from {MIN_PAIRS}."
        )
    if found.r is None or found.ci is None:
        return f"{subject}: no number, because {found.reason}."
    lo, hi = found.ci
    return (
        f"{subject}: r = {found.r:+.2f} (95% interval {lo:+.2f} to {hi:+.2f}, "
        f"{plural(found.n, 'pair')} of days); a description of this diary, not a test."
    )
