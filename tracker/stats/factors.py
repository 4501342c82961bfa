"""Sleep, stress, anxiety, fatigue and activity against pain and mood (STATS.md §3).

Each pair gets r with its interval as a description. A factor is named in
"what stands out" only when its prewhitened test survives Benjamini-Hochberg
at q < 0.05 over all factor tests made (v1's method), so a pure-noise diary
does not produce a list of "findings".
"""

from __future__ import annotations

from ..model import FACTORS, SCALES
from .correlation import effective_n, finite, paired, pearson, t_test_p
from .lags import MIN_PAIRS, Correlation, Series, correlate
from .multiple import benjamini_hochberg
from .results import FactorResult
from .words import NOT_PROOF, label, plural, when

FACTOR_LAGS = (0, 1)
ALPHA = 0.05


def _prewhitened_p(factor: Series, target: Series, lag: int) -> float | None:
    a_in, b_in = factor.innovations, target.innovations
    if a_in is None or b_in is None:
        return None
    _, a, b = paired(a_in, b_in, lag)
    r = pearson(a, b)
    if r is None:
        return None
    return t_test_p(r, effective_n(a.size, factor.innovations_acf, target.innovations_acf))


def factor_results(series: dict[str, Series]) -> list[FactorResult]:
    """Every factor against pain and mood at lags 0 and 1, BH over the tests made."""
    found: list[tuple[str, str, int, Correlation, float | None]] = []
    for scale in FACTORS:
        for target in ("pain", "mood"):
            for lag in FACTOR_LAGS:
                item = correlate(series[scale.name], series[target], lag, with_rho=False)
                p = None
                if item.r is not None:
                    p = _prewhitened_p(series[scale.name], series[target], lag)
                found.append((scale.name, target, lag, item, p))
    tested = [i for i, row in enumerate(found) if row[4] is not None]
    q_values = benjamini_hochberg([found[i][4] or 1.0 for i in tested])
    q_of = {i: finite(q) for i, q in zip(tested, q_values, strict=True)}
    out = []
    for i, (factor, target, lag, item, _) in enumerate(found):
        q = q_of.get(i)
        survives = q is not None and q < ALPHA
        out.append(
            FactorResult(
                factor=factor,
                target=target,
                lag=lag,
                n=item.n,
                r=item.r,
                ci=item.ci,
                sentence=_sentence(factor, target, lag, item, survives),
                q=q,
                survives=survives,
                status="ok" if item.r is not None else "insufficient",
            )
        )
    return out


def _sentence(factor: str, target: str, lag: int, item: Correlation, survives: bool) -> str:
    subject = f"{SCALES[factor].label} and {label(target)} {when(lag)}"
    if item.n == 0:
        return f"{subject}: no days with both recorded yet."
    if item.n < MIN_PAIRS:
        return f"{subject}: {plural(item.n, 'pair')} of days; a number is shown from {MIN_PAIRS}."
    if item.r is None or item.ci is None:
        return f"{subject}: no number, because {item.reason}."
    lo, hi = item.ci
    text = (
        f"{subject}: r = {item.r:+.2f} (95% interval {lo:+.2f} to {hi:+.2f}, "
        f"{plural(item.n, 'pair')} of days)"
    )
    if survives:
        return f"{text}; this stands out after allowing for testing every factor. {NOT_PROOF}"
    return f"{text}; a description, it does not stand out from chance."
