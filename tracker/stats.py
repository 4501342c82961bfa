"""Does pain go with mood in the next days, and mood with pain? (method: STATS.md)

Pure numpy (plus two scipy.special functions imported where used): check-ins
in, frozen result dataclasses out. Days are aligned on the calendar, so a lag
of k always means k days, however many days the person skipped. The numbers
shown are plain Pearson r with an autocorrelation-aware interval; what is
*flagged* comes from prewhitened tests with Benjamini-Hochberg q-values, and a
cross-lagged regression isolates the direct one-day path in each direction.
Nothing here raises for thin or odd data: each result carries its reason.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from .model import FACTORS, SCALES, CheckIn

MAX_LAG = 7
MIN_PAIRS_SHOWN = 20  # below this: nothing but "N more days needed"
MIN_PAIRS_TESTED = 50  # from here on a result can be flagged
ADJUST_MIN_DAYS = 56  # weekday + trend adjustment from 8 weeks of data
ALPHA = 0.05
DIRECTIONS = ("pain->mood", "mood->pain")
FACTOR_LAGS = (0, 1)

# Differences below this are rounding noise (scores are 0-10 or minutes).
_FLAT = 1e-8
_Z95 = 1.959963984540054


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class LaggedResult:
    """Cause today against effect `lag` days later, one direction."""

    direction: str  # "pain->mood" | "mood->pain"
    lag: int
    n: int  # calendar pairs at this lag
    r: float | None
    ci: tuple[float, float] | None
    rho: float | None
    r_prewhitened: float | None
    p: float | None
    q: float | None
    status: str  # "ok" | "preliminary" | "insufficient"
    flagged: bool
    sentence: str
    rho_ci: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "lag": self.lag,
            "n": self.n,
            "r": self.r,
            "ci": list(self.ci) if self.ci else None,
            "rho": self.rho,
            "r_prewhitened": self.r_prewhitened,
            "p": self.p,
            "q": self.q,
            "status": self.status,
            "flagged": self.flagged,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class CrossLaggedResult:
    """Yesterday's cause predicting today's effect beyond yesterday's effect."""

    direction: str
    coef: float | None
    se: float | None
    t: float | None
    p: float | None
    partial_r: float | None
    rows: int
    flagged: bool
    sentence: str
    status: str = "insufficient"

    @property
    def ci(self) -> tuple[float, float] | None:
        """95% interval of the coefficient (normal approximation)."""
        if self.coef is None or self.se is None:
            return None
        return (self.coef - _Z95 * self.se, self.coef + _Z95 * self.se)

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "coef": self.coef,
            "se": self.se,
            "t": self.t,
            "p": self.p,
            "partial_r": self.partial_r,
            "rows": self.rows,
            "flagged": self.flagged,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class FactorResult:
    """An optional factor today against pain or mood `lag` (0 or 1) days later."""

    factor: str  # a FACTORS name, e.g. "sleep_hours"
    target: str  # "pain" | "mood"
    lag: int
    n: int
    r: float | None
    ci: tuple[float, float] | None
    p: float | None
    status: str
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "target": self.target,
            "lag": self.lag,
            "n": self.n,
            "r": self.r,
            "ci": list(self.ci) if self.ci else None,
            "p": self.p,
            "status": self.status,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class WeekdayResult:
    """F-test p-values of a weekday pattern in pain and in mood (beyond trend)."""

    pain_p: float | None
    mood_p: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"pain_p": self.pain_p, "mood_p": self.mood_p}


@dataclass(frozen=True)
class DaySpan:
    """First and last check-in analysed and how many days were checked in."""

    first: dt.date | None
    last: dt.date | None
    observed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "observed": self.observed,
        }


@dataclass(frozen=True)
class StatsReport:
    """Everything `analyse` found; `to_dict` is the `painmood stats --json` shape."""

    lagged: list[LaggedResult]
    cross_lagged: list[CrossLaggedResult]
    factors: list[FactorResult]
    weekday: WeekdayResult | None
    days: DaySpan

    def to_dict(self) -> dict[str, Any]:
        return {
            "lagged": [item.to_dict() for item in self.lagged],
            "cross_lagged": [item.to_dict() for item in self.cross_lagged],
            "factors": [item.to_dict() for item in self.factors],
            "weekday": self.weekday.to_dict() if self.weekday else None,
            "days": self.days.to_dict(),
        }

    def lag(self, direction: str, lag: int) -> LaggedResult | None:
        """The result for one direction and lag, if present."""
        for item in self.lagged:
            if item.direction == direction and item.lag == lag:
                return item
        return None

    def direction(self, direction: str) -> list[LaggedResult]:
        """Lags 0..7 of one direction, in order."""
        return [item for item in self.lagged if item.direction == direction]

    def flagged(self) -> list[LaggedResult]:
        """Flagged lagged results, lag 0 listed once."""
        return [
            item
            for item in self.lagged
            if item.flagged and not (item.lag == 0 and item.direction != DIRECTIONS[0])
        ]

    def strongest(self, direction: str, same_day: bool = True) -> LaggedResult | None:
        """The lag with the largest |r| among results that show a number.

        `same_day=False` leaves out lag 0, which both directions share.
        """
        shown = [
            item
            for item in self.direction(direction)
            if item.r is not None and (same_day or item.lag > 0)
        ]
        return max(shown, key=lambda item: abs(item.r or 0.0), default=None)

    def highlights(self) -> list[LaggedResult]:
        """What to say first: flagged results, then the strongest lag each way.

        The shared same-day result counts for pain->mood only; with nothing to
        show yet, the next-day result (its sentence says how many days are needed).
        """
        chosen = self.flagged()
        for direction in DIRECTIONS:
            strongest = self.strongest(direction, same_day=direction == DIRECTIONS[0])
            if strongest is not None and strongest not in chosen:
                chosen.append(strongest)
        if not chosen:
            next_day = self.lag(DIRECTIONS[0], 1)
            chosen = [next_day] if next_day else []
        return chosen

    def regression(self, direction: str) -> CrossLaggedResult | None:
        for item in self.cross_lagged:
            if item.direction == direction:
                return item
        return None


@dataclass(frozen=True)
class RegressionFit:
    """One cross-lagged regression (see `cross_lagged_fit`); numbers None with a reason."""

    coef: float | None
    se: float | None
    t: float | None
    p: float | None
    f: float | None
    partial_r: float | None
    rows: int
    df: int | None
    adjusted: bool
    reason: str | None = None


# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class DailySeries:
    """Fields of a diary on a gap-aware calendar: index d is `start + d` days."""

    start: dt.date | None
    columns: dict[str, np.ndarray]

    @property
    def length(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def day(self, index: int) -> dt.date:
        assert self.start is not None
        return self.start + dt.timedelta(days=index)


def daily_series(
    checkins: Iterable[CheckIn],
    fields: Sequence[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> DailySeries:
    """Put fields on one calendar, NaN for days without a value.

    The calendar runs from `start` to `end` when given, else from the first to
    the last check-in inside them; check-ins outside are left out.
    """
    kept = [
        c for c in checkins if (start is None or c.day >= start) and (end is None or c.day <= end)
    ]
    if not kept and (start is None or end is None):
        return DailySeries(None, {name: np.empty(0) for name in fields})
    first = start if start is not None else min(c.day for c in kept)
    last = end if end is not None else max(c.day for c in kept)
    length = max((last - first).days + 1, 0)
    index = np.array([(c.day - first).days for c in kept], dtype=int)
    columns = {}
    for name in fields:
        column = np.full(length, np.nan)
        # dtype=float turns None into NaN
        column[index] = np.array([getattr(c, name) for c in kept], dtype=float)
        column[np.isinf(column)] = np.nan  # only an unvalidated CheckIn can hold these
        columns[name] = column
    return DailySeries(first, columns)


def calendar_series(
    checkins: Iterable[CheckIn],
    field: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[dt.date | None, np.ndarray]:
    """One field as (first calendar day, values with NaN for missing days)."""
    series = daily_series(checkins, [field], start, end)
    return series.start, series.columns[field]


# --------------------------------------------------------------------------- small maths


def _num(value: Any) -> float | None:
    """A finite float, or None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _flat(values: np.ndarray) -> bool:
    return values.size == 0 or float(values.max() - values.min()) <= _FLAT


def _pearson(a: np.ndarray, b: np.ndarray) -> float | None:
    if a.size < 3 or _flat(a) or _flat(b):
        return None
    da = a - a.mean()
    db = b - b.mean()
    denom = math.sqrt(float(da @ da) * float(db @ db))
    if denom <= 0.0:
        return None
    return max(-1.0, min(1.0, float(da @ db) / denom))


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties sharing their average rank (as scipy's rankdata)."""
    order = np.argsort(values)  # tied values share one average, so any order will do
    ordered = values[order]
    starts = np.empty(values.size, dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    group = np.cumsum(starts) - 1
    bounds = np.append(np.flatnonzero(starts), values.size)
    average = (bounds[:-1] + bounds[1:] - 1) / 2.0 + 1.0
    ranks = np.empty(values.size)
    ranks[order] = average[group]
    return ranks


def benjamini_hochberg(p_values: Sequence[float]) -> np.ndarray:
    """BH q-values (same as scipy's false_discovery_control, method "bh")."""
    p = np.asarray(p_values, dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(scaled[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(q_sorted, 1.0)
    return q


def _autocorrelation(values: np.ndarray) -> np.ndarray:
    """r(j) over observed pairs: mean lag-j product / mean square, about the mean.

    Computed for every j at once with FFTs; j without pairs gives 0.
    """
    length = values.size
    observed = ~np.isnan(values)
    out = np.zeros(length)
    if length == 0 or observed.sum() < 2:
        return out
    deviations = np.where(observed, values - values[observed].mean(), 0.0)
    size = 1 << (2 * length - 1).bit_length()
    spectrum = np.fft.rfft(deviations, size)
    products = np.fft.irfft(spectrum * spectrum.conj(), size)[:length]
    mask = np.fft.rfft(observed.astype(float), size)
    counts = np.rint(np.fft.irfft(mask * mask.conj(), size)[:length])
    mean_square = products[0] / counts[0]
    if mean_square <= 0.0:
        return out
    has_pairs = counts > 0
    out[has_pairs] = products[has_pairs] / counts[has_pairs] / mean_square
    np.clip(out, -1.0, 1.0, out=out)
    out[0] = 1.0
    return out


def _effective_n(n: int, acf_x: np.ndarray, acf_y: np.ndarray) -> float:
    """Pyper-Peterman (1998) effective number of pairs, clamped to [3, n]."""
    top = min(n // 5, acf_x.size - 1, acf_y.size - 1)
    inverse = 1.0 / n
    if top >= 1:
        j = np.arange(1, top + 1)
        inverse += (2.0 / n) * float(np.sum((n - j) / n * acf_x[1 : top + 1] * acf_y[1 : top + 1]))
    if inverse <= 0.0:
        return float(n)
    return float(min(max(1.0 / inverse, 3.0), n))


def _fisher_ci(r: float, n_eff: float, variance: float = 1.0) -> tuple[float, float]:
    if n_eff <= 3.0:
        return (-1.0, 1.0)
    z = math.atanh(max(-0.999999, min(0.999999, r)))
    half = _Z95 * math.sqrt(variance / (n_eff - 3.0))
    return (math.tanh(z - half), math.tanh(z + half))


def _t_test_p(r: float, n_eff: float) -> float | None:
    """Two-sided p of r on n_eff - 2 degrees of freedom."""
    from scipy.special import stdtr

    df = n_eff - 2.0
    if df <= 0.0:
        return None
    if abs(r) >= 1.0:
        return 0.0
    t = abs(r) * math.sqrt(df / (1.0 - r * r))
    return _num(2.0 * stdtr(df, -t))


def _f_test_p(
    rss_restricted: float, rss_full: float, df1: int, df2: int
) -> tuple[float, float] | None:
    """(F, p) for nested least-squares models, None when undefined."""
    from scipy.special import fdtrc

    if df1 <= 0 or df2 <= 0 or rss_full <= 1e-12 * max(rss_restricted, 1.0):
        return None
    f = max(rss_restricted - rss_full, 0.0) / df1 / (rss_full / df2)
    p = _num(fdtrc(df1, df2, f))
    return (f, p) if p is not None else None


def _rss(design: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, float, int]:
    """Least squares through the small Gram matrix (tall designs: ~100x faster than
    a LAPACK solve on the whole design here); rank-deficient designs still fit."""
    coef, _, rank, _ = np.linalg.lstsq(design.T @ design, design.T @ target, rcond=None)
    residual = target - design @ coef
    return coef, float(residual @ residual), int(rank)


def _weekday_dummies(index: np.ndarray, first_weekday: int) -> np.ndarray:
    """0/1 columns for each weekday present but the first one present (the baseline)."""
    weekday = (first_weekday + index) % 7
    present = np.unique(weekday)
    return (weekday[:, None] == present[None, 1:]).astype(float)


def _trend(index: np.ndarray) -> np.ndarray:
    """Day index, centred and scaled so the design stays well conditioned."""
    span = max(float(np.ptp(index)), 1.0)
    return (index - index.mean()) / span


# --------------------------------------------------------------------------- series


class _Series:
    """One field of the diary, adjusted for weekday and trend when there is enough."""

    def __init__(self, name: str, raw: np.ndarray, first_weekday: int) -> None:
        self.name = name
        self.raw = raw
        self.observed = ~np.isnan(raw)
        self.count = int(self.observed.sum())
        self.constant = _flat(raw[self.observed])
        self.weekday_p: float | None = None
        self.adjusted = self.count >= ADJUST_MIN_DAYS and not self.constant
        self.values = self._adjust(first_weekday) if self.adjusted else raw

    def _adjust(self, first_weekday: int) -> np.ndarray:
        """Residuals of [1, t, weekday dummies] over observed days (STATS.md §2)."""
        index = np.flatnonzero(self.observed)
        target = self.raw[index]
        base = np.column_stack([np.ones(index.size), _trend(index)])
        full = np.column_stack([base, _weekday_dummies(index, first_weekday)])
        coef, rss_full, rank_full = _rss(full, target)
        _, rss_base, rank_base = _rss(base, target)
        test = _f_test_p(rss_base, rss_full, rank_full - rank_base, index.size - rank_full)
        self.weekday_p = test[1] if test else None
        values = np.full(self.raw.size, np.nan)
        values[index] = target - full @ coef
        return values

    @cached_property
    def acf(self) -> np.ndarray:
        return _autocorrelation(self.values)

    @cached_property
    def innovations(self) -> np.ndarray | None:
        """Residuals of an AR(1) fit (days t with t-1 observed); None if it cannot fit."""
        now, before = self.values[1:], self.values[:-1]
        rows = ~np.isnan(now) & ~np.isnan(before)
        if rows.sum() < 3 or _flat(before[rows]):
            return None
        design = np.column_stack([np.ones(int(rows.sum())), before[rows]])
        coef, _, _ = _rss(design, now[rows])
        out = np.full(self.values.size, np.nan)
        out[1:][rows] = now[rows] - design @ coef
        return out

    @cached_property
    def innovations_acf(self) -> np.ndarray:
        return _autocorrelation(self.innovations) if self.innovations is not None else np.zeros(1)


def _paired(x: np.ndarray, y: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mask over t, x[t], y[t+lag]) for days t where both are observed."""
    if lag >= x.size:
        empty = np.empty(0)
        return np.zeros(0, dtype=bool), empty, empty
    a, b = x[: x.size - lag], y[lag:]
    both = ~np.isnan(a) & ~np.isnan(b)
    return both, a[both], b[both]


@dataclass(frozen=True)
class _Correlation:
    n: int
    r: float | None = None
    ci: tuple[float, float] | None = None
    rho: float | None = None
    rho_ci: tuple[float, float] | None = None
    r_prewhitened: float | None = None
    p: float | None = None
    reason: str | None = None  # why r could not be computed


def _correlate(cause: _Series, effect: _Series, lag: int, with_rho: bool = True) -> _Correlation:
    """Everything STATS.md §3 asks for at one lag (q comes later, over the family)."""
    both, _, _ = _paired(cause.raw, effect.raw, lag)
    n = int(both.sum())
    if n < MIN_PAIRS_SHOWN:
        return _Correlation(n)
    raw_x, raw_y = cause.raw[: both.size][both], effect.raw[lag:][both]
    for series, values in ((cause, raw_x), (effect, raw_y)):
        if _flat(values):
            return _Correlation(n, reason=f"{_label(series.name)} was the same on every paired day")
    x, y = cause.values[: both.size][both], effect.values[lag:][both]
    r = _pearson(x, y)
    if r is None:
        return _Correlation(n, reason="no variation is left after allowing for weekday and trend")
    n_eff = _effective_n(n, cause.acf, effect.acf)
    rho = _pearson(average_ranks(x), average_ranks(y)) if with_rho else None
    r_pw = p = None
    if cause.innovations is not None and effect.innovations is not None:
        _, a, b = _paired(cause.innovations, effect.innovations, lag)
        r_pw = _pearson(a, b)
        if r_pw is not None:
            n_pw = _effective_n(a.size, cause.innovations_acf, effect.innovations_acf)
            p = _t_test_p(r_pw, n_pw)
    return _Correlation(
        n=n,
        r=_num(r),
        ci=_fisher_ci(r, n_eff),
        rho=_num(rho),
        rho_ci=_fisher_ci(rho, n_eff, 1.06) if rho is not None else None,
        r_prewhitened=_num(r_pw),
        p=p,
    )


def _status(n: int, computed: bool) -> str:
    if n < MIN_PAIRS_SHOWN or not computed:
        return "insufficient"
    return "preliminary" if n < MIN_PAIRS_TESTED else "ok"


# --------------------------------------------------------------------------- regression


def cross_lagged_fit(
    effect: np.ndarray,
    cause: np.ndarray,
    first_weekday: int = 0,
    adjust: bool | None = None,
) -> RegressionFit:
    """effect_t on [1, effect_{t-1}, cause_{t-1}] (+ trend, weekday): the cause's b.

    Rows are calendar days t where effect_t, effect_{t-1} and cause_{t-1} are all
    observed; the restricted model drops cause_{t-1} on the same rows. `adjust`
    defaults to "56 or more rows"; `first_weekday` is the weekday of index 0.
    """
    now, effect_before, cause_before = effect[1:], effect[:-1], cause[:-1]
    rows = ~np.isnan(now) & ~np.isnan(effect_before) & ~np.isnan(cause_before)
    index = np.flatnonzero(rows) + 1
    m = int(index.size)
    adjusted = m >= ADJUST_MIN_DAYS if adjust is None else adjust

    def refuse(reason: str) -> RegressionFit:
        return RegressionFit(None, None, None, None, None, None, m, None, adjusted, reason)

    y, lagged_effect, lagged_cause = effect[index], effect[index - 1], cause[index - 1]
    if m < 4:
        return refuse("too few days with yesterday and today both checked in")
    if _flat(y) or _flat(lagged_effect):
        return refuse("the score being predicted was the same on every day used")
    if _flat(lagged_cause):
        return refuse("the predicting score was the same on every day used")
    columns = [np.ones(m), lagged_effect]
    if adjusted:
        columns += [_trend(index), *_weekday_dummies(index, first_weekday).T]
    restricted = np.column_stack(columns)
    full = np.column_stack([restricted, lagged_cause])
    k = full.shape[1]
    df = m - k
    if df < 1:
        return refuse("too few days for the number of terms in the regression")
    coef, rss_full, rank_full = _rss(full, y)
    _, rss_restricted, rank_restricted = _rss(restricted, y)
    if rank_full < k or rank_restricted < k - 1:
        return refuse("yesterday's pain and mood move together too closely to separate")
    test = _f_test_p(rss_restricted, rss_full, 1, df)
    if test is None:
        return refuse("the regression fits the days exactly, so nothing is left to test")
    f, p = test
    sigma2 = rss_full / df
    xtx_inv = np.linalg.pinv(full.T @ full)
    se = math.sqrt(max(sigma2 * float(xtx_inv[-1, -1]), 0.0))
    b = float(coef[-1])
    t = b / se if se > 0 else None
    partial = t / math.sqrt(t * t + df) if t is not None else None
    return RegressionFit(_num(b), _num(se), _num(t), p, _num(f), _num(partial), m, df, adjusted)


# --------------------------------------------------------------------------- words


_LABELS = {
    "pain": "pain",
    "mood": "mood",
    "sleep_hours": "sleep",
    "sleep_quality": "sleep quality",
    "stress": "stress",
    "anxiety": "anxiety",
    "fatigue": "fatigue",
    "activity_minutes": "activity",
}


def _label(name: str) -> str:
    return _LABELS.get(name, SCALES[name].label.lower() if name in SCALES else name)


def _more(name: str) -> str:
    """'higher pain', 'lower mood' (the side people worry about), 'more sleep'."""
    if name == "mood":
        return "lower mood"
    if name in ("sleep_hours", "activity_minutes"):
        return f"more {_label(name)}"
    if name == "sleep_quality":
        return "better sleep quality"
    return f"higher {_label(name)}"


def _effect_side(cause: str, effect: str, r: float) -> str:
    """Which way the effect went along with the cause side named by `_more`."""
    same = r > 0
    if cause == "mood":  # "lower mood" is the named side, so flip
        same = not same
    return f"{'higher' if same else 'lower'} {_label(effect)}"


def _when(lag: int) -> str:
    return {0: "on the same day", 1: "the next day"}.get(lag, f"{lag} days later")


def _strength(r: float) -> str:
    size = abs(r)
    if size < 0.1:
        return "very weak"
    if size < 0.3:
        return "weak"
    if size < 0.5:
        return "moderate"
    return "strong"


def _fmt_p(name: str, value: float) -> str:
    return f"{name} < 0.001" if value < 0.001 else f"{name} = {value:.3f}"


def _days(count: int) -> str:
    return f"{count} more day{'s' if count != 1 else ''}"


_NOT_PROOF = "an association in your diary, not proof that one causes the other"


def _lagged_sentence(
    cause: str, effect: str, lag: int, found: _Correlation, q: float | None, flagged: bool
) -> str:
    subject = f"{_label(cause).capitalize()} and {_label(effect)} {_when(lag)}"
    if found.n < MIN_PAIRS_SHOWN:
        return (
            f"{subject}: {found.n} paired days so far; "
            f"{_days(MIN_PAIRS_SHOWN - found.n)} needed before a first look."
        )
    if found.r is None:
        return f"{subject}: cannot be computed, because {found.reason}."
    r, (lo, hi) = found.r, found.ci or (-1.0, 1.0)
    text = (
        f"{_more(cause).capitalize()} went with {_effect_side(cause, effect, r)} {_when(lag)} "
        f"({_strength(r)}, r = {r:+.2f}, 95% CI {lo:+.2f} to {hi:+.2f}, {found.n} days)"
    )
    if found.n < MIN_PAIRS_TESTED:
        text += f"; preliminary: {_days(MIN_PAIRS_TESTED - found.n)} needed before it is tested"
    elif found.p is None:
        text += "; it could not be tested because too few days follow a checked-in day"
    elif flagged and q is not None:
        text += f"; this stands out from chance ({_fmt_p('q', q)})"
    elif q is not None:
        text += f"; this does not stand out from chance ({_fmt_p('q', q)})"
    if lag >= 2:
        text += f"; it may be carried by {_label(cause)}'s own persistence from day to day"
    return f"{text} - {_NOT_PROOF}."


def _regression_sentence(cause: str, effect: str, fit: RegressionFit, flagged: bool) -> str:
    if fit.rows < MIN_PAIRS_SHOWN:
        return (
            f"{_label(cause).capitalize()} today and {_label(effect)} tomorrow: {fit.rows} usable "
            f"days so far; {_days(MIN_PAIRS_SHOWN - fit.rows)} in a row needed."
        )
    if fit.coef is None or fit.se is None:
        return (
            f"{_label(cause).capitalize()} today and {_label(effect)} tomorrow: cannot be "
            f"computed, because {fit.reason}."
        )
    b = fit.coef
    lo, hi = b - _Z95 * fit.se, b + _Z95 * fit.se
    way = "higher" if b > 0 else "lower"
    text = (
        f"Beyond what today's {_label(effect)} already says, each extra point of "
        f"{_label(cause)} today went with {abs(b):.2f} points {way} {_label(effect)} tomorrow "
        f"(95% CI {lo:+.2f} to {hi:+.2f}, {_fmt_p('p', fit.p or 0.0)}, {fit.rows} days)"
    )
    if fit.rows < MIN_PAIRS_TESTED:
        text += f"; preliminary: {_days(MIN_PAIRS_TESTED - fit.rows)} needed before it is tested"
    elif flagged:
        text += "; this stands out from chance"
    else:
        text += "; this does not stand out from chance"
    return f"{text} - {_NOT_PROOF}."


def _factor_sentence(factor: str, target: str, lag: int, found: _Correlation) -> str:
    subject = f"{SCALES[factor].label} and {_label(target)} {_when(lag)}"
    if found.n == 0 and found.r is None:
        return f"{subject}: no days with both recorded yet."
    if found.n < MIN_PAIRS_SHOWN:
        return f"{subject}: {found.n} paired days; {_days(MIN_PAIRS_SHOWN - found.n)} needed."
    if found.r is None:
        return f"{subject}: cannot be computed, because {found.reason}."
    r, (lo, hi) = found.r, found.ci or (-1.0, 1.0)
    text = (
        f"{_more(factor).capitalize()} went with {_effect_side(factor, target, r)} {_when(lag)} "
        f"({_strength(r)}, r = {r:+.2f}, 95% CI {lo:+.2f} to {hi:+.2f}, {found.n} days"
    )
    text += f", {_fmt_p('p', found.p)})" if found.p is not None else ")"
    if found.n < MIN_PAIRS_TESTED:
        text += "; preliminary"
    return f"{text} - {_NOT_PROOF}."


# --------------------------------------------------------------------------- table cells


def format_r(value: float | None) -> str:
    """A correlation or coefficient for a table cell: '+0.32', '-' when absent."""
    return "-" if value is None else f"{value:+.2f}"


def format_ci(ci: tuple[float, float] | None) -> str:
    """'[-0.45, -0.18]', '-' when absent."""
    return "-" if ci is None else f"[{ci[0]:+.2f}, {ci[1]:+.2f}]"


def format_p(value: float | None) -> str:
    """'0.003', '<0.001', '-' when absent."""
    if value is None:
        return "-"
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def status_note(
    result: LaggedResult | FactorResult | CrossLaggedResult, n: int | None = None
) -> str:
    """Short words for the last column of a table: flagged, preliminary, days needed."""
    n = n if n is not None else getattr(result, "n", getattr(result, "rows", 0))
    if getattr(result, "flagged", False):
        return "flagged"
    if result.status == "preliminary":
        return "preliminary"
    if result.status == "insufficient":
        if n < MIN_PAIRS_SHOWN:
            return f"{_days(MIN_PAIRS_SHOWN - n)} needed"
        return "cannot compute"
    return ""


def direction_title(direction: str) -> str:
    """'Pain today -> mood later' for a direction key."""
    cause, effect = direction.split("->")
    return f"{_label(cause).capitalize()} today -> {_label(effect)} later"


# --------------------------------------------------------------------------- analyse


def analyse(
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> StatsReport:
    """All of STATS.md for the check-ins between start and end (inclusive).

    Pure and total: thin, constant or empty diaries give results whose
    status and sentence say why there are no numbers.
    """
    fields = ["pain", "mood", *(scale.name for scale in FACTORS)]
    kept = [
        c for c in checkins if (start is None or c.day >= start) and (end is None or c.day <= end)
    ]
    calendar = daily_series(kept, fields)
    first_weekday = calendar.start.weekday() if calendar.start else 0
    series = {name: _Series(name, calendar.columns[name], first_weekday) for name in fields}
    pain, mood = series["pain"], series["mood"]

    lagged = _lagged_results(pain, mood)
    cross_lagged = _cross_lagged_results(pain, mood, first_weekday)
    factors = [
        _factor_result(series[scale.name], series[target], lag)
        for scale in FACTORS
        for target in ("pain", "mood")
        for lag in FACTOR_LAGS
    ]
    weekday = None
    if pain.adjusted or mood.adjusted:
        weekday = WeekdayResult(pain.weekday_p, mood.weekday_p)
    days = DaySpan(
        first=min((c.day for c in kept), default=None),
        last=max((c.day for c in kept), default=None),
        observed=len({c.day for c in kept}),
    )
    return StatsReport(lagged, cross_lagged, factors, weekday, days)


def _lagged_results(pain: _Series, mood: _Series) -> list[LaggedResult]:
    pairs = [(d, lag) for d in DIRECTIONS for lag in range(MAX_LAG + 1)]
    found: dict[tuple[str, int], _Correlation] = {}
    for direction, lag in pairs:
        cause_series, effect_series = (pain, mood) if direction == "pain->mood" else (mood, pain)
        if lag == 0 and direction == "mood->pain":
            continue  # lag 0 is one shared test
        found[(direction, lag)] = _correlate(cause_series, effect_series, lag)
    # The BH family is the tests actually made (>= 50 pairs): with enough data,
    # all 15; a preliminary p is shown but neither corrected nor flagged.
    tested = {
        key: item.p
        for key, item in found.items()
        if item.p is not None and _status(item.n, item.r is not None) == "ok"
    }
    q_values = dict(zip(tested, benjamini_hochberg(list(tested.values())), strict=True))
    results = []
    for direction, lag in pairs:
        key = ("pain->mood", 0) if lag == 0 else (direction, lag)
        item = found[key]
        cause, effect = direction.split("->")
        q = _num(q_values.get(key))
        flagged = bool(q is not None and q < ALPHA)
        if lag == 0:
            cause, effect = "pain", "mood"
        results.append(
            LaggedResult(
                direction=direction,
                lag=lag,
                n=item.n,
                r=item.r,
                ci=item.ci,
                rho=item.rho,
                r_prewhitened=item.r_prewhitened,
                p=item.p,
                q=q,
                status=_status(item.n, item.r is not None),
                flagged=flagged,
                sentence=_lagged_sentence(cause, effect, lag, item, q, flagged),
                rho_ci=item.rho_ci,
            )
        )
    return results


def _cross_lagged_results(
    pain: _Series, mood: _Series, first_weekday: int
) -> list[CrossLaggedResult]:
    fits = {
        "pain->mood": cross_lagged_fit(mood.raw, pain.raw, first_weekday),
        "mood->pain": cross_lagged_fit(pain.raw, mood.raw, first_weekday),
    }
    tested = {
        d: fit.p for d, fit in fits.items() if fit.p is not None and fit.rows >= MIN_PAIRS_TESTED
    }
    adjusted_p = dict(zip(tested, benjamini_hochberg(list(tested.values())), strict=True))
    results = []
    for direction, fit in fits.items():
        cause, effect = direction.split("->")
        shown = fit.rows >= MIN_PAIRS_SHOWN and fit.coef is not None
        flagged = bool(direction in adjusted_p and adjusted_p[direction] < ALPHA)
        results.append(
            CrossLaggedResult(
                direction=direction,
                coef=fit.coef if shown else None,
                se=fit.se if shown else None,
                t=fit.t if shown else None,
                p=fit.p if shown else None,
                partial_r=fit.partial_r if shown else None,
                rows=fit.rows,
                flagged=flagged,
                sentence=_regression_sentence(cause, effect, fit, flagged),
                status=_status(fit.rows, shown),
            )
        )
    return results


def _factor_result(factor: _Series, target: _Series, lag: int) -> FactorResult:
    found = _correlate(factor, target, lag, with_rho=False)
    return FactorResult(
        factor=factor.name,
        target=target.name,
        lag=lag,
        n=found.n,
        r=found.r,
        ci=found.ci,
        p=found.p,
        status=_status(found.n, found.r is not None),
        sentence=_factor_sentence(factor.name, target.name, lag, found),
    )
