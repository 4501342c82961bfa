"""Pearson and Spearman correlations with autocorrelation-aware intervals (v1 formulas).

The interval uses Pyper and Peterman's (1998) effective number of pairs, so a
persistent diary does not get a falsely narrow interval. These describe; the
verdicts come from the latent model (`verdict`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

Z95 = 1.959963984540054
FLAT = 1e-8  # differences below this are rounding noise (scores are 0-10 or minutes)


def finite(value: Any) -> float | None:
    """A finite float, or None (JSON never gets NaN)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def flat(values: np.ndarray) -> bool:
    """True when there is nothing to correlate: empty or (nearly) constant."""
    return values.size == 0 or float(values.max() - values.min()) <= FLAT


def pearson(a: np.ndarray, b: np.ndarray) -> float | None:
    """Pearson r, None when either side has no variation."""
    if a.size < 3 or flat(a) or flat(b):
        return None
    da = a - a.mean()
    db = b - b.mean()
    denom = math.sqrt(float(da @ da) * float(db @ db))
    if denom <= 0.0:
        return None
    return max(-1.0, min(1.0, float(da @ db) / denom))


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties sharing their average rank (as scipy's rankdata)."""
    order = np.argsort(values, kind="stable")
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


def autocorrelation(values: np.ndarray) -> np.ndarray:
    """r(j) over observed pairs: mean lag-j product / mean square, about the mean (FFT)."""
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
    pair_counts = np.rint(np.fft.irfft(mask * mask.conj(), size)[:length])
    mean_square = products[0] / pair_counts[0]
    if mean_square <= 0.0:
        return out
    has_pairs = pair_counts > 0
    out[has_pairs] = products[has_pairs] / pair_counts[has_pairs] / mean_square
    np.clip(out, -1.0, 1.0, out=out)
    out[0] = 1.0
    return out


def effective_n(n: int, acf_x: np.ndarray, acf_y: np.ndarray) -> float:
    """Pyper-Peterman (1998) effective number of pairs, clamped to [3, n]."""
    top = min(n // 5, acf_x.size - 1, acf_y.size - 1)
    inverse = 1.0 / n
    if top >= 1:
        j = np.arange(1, top + 1)
        inverse += (2.0 / n) * float(np.sum((n - j) / n * acf_x[1 : top + 1] * acf_y[1 : top + 1]))
    if inverse <= 0.0:
        return float(n)
    return float(min(max(1.0 / inverse, 3.0), n))


def fisher_ci(r: float, n_eff: float, variance: float = 1.0) -> tuple[float, float]:
    """95% interval of r by Fisher's z on `n_eff` pairs."""
    if n_eff <= 3.0:
        return (-1.0, 1.0)
    z = math.atanh(max(-0.999999, min(0.999999, r)))
    half = Z95 * math.sqrt(variance / (n_eff - 3.0))
    return (math.tanh(z - half), math.tanh(z + half))


def t_test_p(r: float, n_eff: float) -> float | None:
    """Two-sided p of r on n_eff - 2 degrees of freedom."""
    from scipy.special import stdtr

    df = n_eff - 2.0
    if df <= 0.0:
        return None
    if abs(r) >= 1.0:
        return 0.0
    t = abs(r) * math.sqrt(df / (1.0 - r * r))
    return finite(2.0 * stdtr(df, -t))


def paired(x: np.ndarray, y: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mask over t, x[t], y[t+lag]) for slots t where both are observed."""
    if lag >= x.size:
        empty = np.empty(0)
        return np.zeros(0, dtype=bool), empty, empty
    a, b = x[: x.size - lag], y[lag:]
    both = ~np.isnan(a) & ~np.isnan(b)
    return both, a[both], b[both]
