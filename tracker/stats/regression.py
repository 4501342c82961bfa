"""Least squares: weekday/trend/step adjustment and the cross-lagged OLS fallback.

The fallback is v1's next-day regression `effect_t ~ effect_{t-1} + cause_{t-1}`.
Reporting noise fools it (STATS.md), so it only ever describes: it is shown
when the latent model cannot be fitted, with that limitation in its sentence,
and never flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .correlation import finite, flat

ADJUST_MIN_DAYS = 56  # weekday + trend adjustment from 8 weeks of observed days


def least_squares(design: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, float, int]:
    """(coefficients, residual sum of squares, rank) through the small Gram matrix.

    Tall designs: much faster than a LAPACK solve on the whole design; rank-deficient
    designs still fit.
    """
    coef, _, rank, _ = np.linalg.lstsq(design.T @ design, design.T @ target, rcond=None)
    residual = target - design @ coef
    return coef, float(residual @ residual), int(rank)


def weekday_dummies(weekdays: np.ndarray) -> np.ndarray:
    """0/1 columns for each weekday present but the first one present (the baseline)."""
    present = np.unique(weekdays)
    return (weekdays[:, None] == present[None, 1:]).astype(float)


def trend(offsets: np.ndarray) -> np.ndarray:
    """Day number, centred and scaled so the design stays well conditioned."""
    offsets = offsets.astype(float)
    span = max(float(np.ptp(offsets)) if offsets.size else 0.0, 1.0)
    return (offsets - offsets.mean()) / span if offsets.size else offsets


def adjust(
    values: np.ndarray, offsets: np.ndarray, weekdays: np.ndarray, steps: list[int]
) -> np.ndarray:
    """Residuals of [1, trend, weekday dummies, level steps] over the observed slots.

    The mean is added back so the scores keep their own scale. `steps` are the
    day offsets where a level shift starts.
    """
    seen = np.flatnonzero(~np.isnan(values))
    target = values[seen]
    if seen.size < ADJUST_MIN_DAYS or flat(target):
        return values
    columns = [np.ones(seen.size), trend(offsets[seen])]
    columns += list(weekday_dummies(weekdays[seen]).T)
    columns += [(offsets[seen] >= day).astype(float) for day in steps]
    design = np.column_stack(columns)
    coef, _, _ = least_squares(design, target)
    out = np.full(values.size, np.nan)
    out[seen] = target - design @ coef + target.mean()
    return out


@dataclass(frozen=True)
class RegressionFit:
    """The next-day regression; numbers are None with a reason when it cannot be fitted."""

    coef: float | None
    se: float | None
    df: int | None
    rows: int
    reason: str | None = None

    @property
    def ci(self) -> tuple[float, float] | None:
        """95% interval of the coefficient on the t distribution (as statsmodels OLS)."""
        if self.coef is None or self.se is None or not self.df:
            return None
        from scipy.special import stdtrit

        half = float(stdtrit(self.df, 0.975)) * self.se
        return (self.coef - half, self.coef + half)


def cross_lagged_fit(effect: np.ndarray, cause: np.ndarray) -> RegressionFit:
    """effect_t on [1, effect_{t-1}, cause_{t-1}]: the cause's coefficient and its SE.

    Rows are calendar days t where effect_t, effect_{t-1} and cause_{t-1} are
    all observed (the series come already adjusted for weekday and trend).
    """
    now, effect_before, cause_before = effect[1:], effect[:-1], cause[:-1]
    rows = ~np.isnan(now) & ~np.isnan(effect_before) & ~np.isnan(cause_before)
    index = np.flatnonzero(rows) + 1
    m = int(index.size)

    def refuse(reason: str) -> RegressionFit:
        return RegressionFit(None, None, None, m, reason)

    y, lagged_effect, lagged_cause = effect[index], effect[index - 1], cause[index - 1]
    if m < 4:
        return refuse("too few days with yesterday and today both checked in")
    if flat(y) or flat(lagged_effect) or flat(lagged_cause):
        return refuse("a score was the same on every day used")
    design = np.column_stack([np.ones(m), lagged_effect, lagged_cause])
    df = m - 3
    coef, rss, rank = least_squares(design, y)
    if rank < 3:
        return refuse("yesterday's pain and mood move together too closely to separate")
    if df < 1 or rss <= 1e-12:
        return refuse("the regression fits the days exactly")
    xtx_inv = np.linalg.pinv(design.T @ design)
    se = math.sqrt(max(rss / df * float(xtx_inv[-1, -1]), 0.0))
    b, s = finite(coef[-1]), finite(se)
    if b is None or s is None or s <= 0.0:
        return refuse("the regression has no finite answer")
    return RegressionFit(b, s, df, m)
