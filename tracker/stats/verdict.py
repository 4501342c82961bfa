"""One verdict per direction: likelihood-ratio tests on the latent model, Holm over two.

"Pain -> mood next day" tests Phi[mood, pain] = 0 with a likelihood ratio
(the restricted model refitted), and the reverse for "mood -> pain". The
effect is Phi's cross term in points per point; its interval comes from the
same likelihood (the profile's curvature), so an interval never disagrees
with its own test. How much data each stage needs is in STATS.md §5.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .calendar import Counts
from .fit import Fit, best_fit, cross_fixed, maximise
from .latent import CROSS_INDEX, Prepared, prepare
from .multiple import holm
from .threads import one_blas_thread

ALPHA = 0.05
MIN_SHOWN_DAYS = 30  # complete days before any number is shown
# The tested minimum (STATS.md §5), measured with bench/stats_calibration.py: with a
# same-day link and reporting noise SD 1 the LR test flagged 10-15% of 180-day and
# ~9% of 300-day diaries, 2% at 365 and 4% at 730 days.
MIN_TESTED_DAYS = 365  # calendar days before a verdict can be flagged
MIN_TESTED_PAIRS = 250  # consecutive complete days, ditto
SAME_SHARE = 0.95  # a score that is the same on this share of days cannot be tested
NO_LINK = 0.1  # "probably no link bigger than 0.1 point per point" (90% interval inside)
RESPONSE_DAYS = 7
_Z90 = 1.6448536269514722
_Z95 = 1.959963984540054


@dataclass(frozen=True)
class LatentEffect:
    """The latent model's answer in one direction, in points per point."""

    direction: str
    effect: float
    ci: tuple[float, float]
    ci90: tuple[float, float]
    p: float
    response: tuple[float, ...]


@dataclass(frozen=True)
class LatentAnswer:
    """Both directions from one full fit; `effects` empty when the model failed."""

    effects: dict[str, LatentEffect]
    reason: str | None = None  # why there is no answer


def _cause_effect(direction: str) -> tuple[int, int]:
    return (0, 1) if direction == "pain->mood" else (1, 0)


def _chi2_p(lr: float) -> float:
    from scipy.special import chdtrc

    return float(chdtrc(1, max(lr, 0.0)))


def _restricted(data: Prepared, full: Fit, direction: str, value: float) -> Fit | None:
    """The best fit with one cross effect pinned at `value` (warm start, then fresh)."""
    index = CROSS_INDEX[direction]
    warm = full.params.copy()
    warm[index] = value
    found = maximise(warm, data, cross_fixed(direction, value))
    if found.converged:
        return found
    return best_fit(data, cross_fixed(direction, value), tries=2)


def _probe_se(data: Prepared, full: Fit, direction: str, top: float, value: float) -> float | None:
    """The standard error implied by the profile likelihood's drop at `value`."""
    b = float(full.params[CROSS_INDEX[direction]])
    probe = _restricted(data, full, direction, value)
    if probe is None:
        return None
    drop = 2.0 * (top - probe.log_likelihood)
    if drop <= 1e-9:
        return None
    return abs(value - b) / math.sqrt(drop)


def latent_answer(pain: np.ndarray, mood: np.ndarray, offsets: np.ndarray) -> LatentAnswer:
    """Fit the latent VAR(1) and test each cross effect; no answer when it cannot fit."""
    with one_blas_thread():
        return _latent_answer(prepare(pain, mood, offsets))


def _latent_answer(data: Prepared) -> LatentAnswer:
    full = best_fit(data)
    if full is None:
        return LatentAnswer({}, "the model did not settle from any starting point")
    if full.at_limit:
        return LatentAnswer({}, "the scores drift without settling back (a unit root)")
    phi = full.phi
    scale = data.scale
    phi_points = phi * scale[:, None] / scale[None, :]
    effects = {}
    for direction in CROSS_INDEX:
        cause, effect = _cause_effect(direction)
        index = CROSS_INDEX[direction]
        restricted = _restricted(data, full, direction, 0.0)
        if restricted is None:
            return LatentAnswer({}, "the model without this link did not settle")
        top = max(full.log_likelihood, restricted.log_likelihood)
        lr = max(2.0 * (top - restricted.log_likelihood), 0.0)
        b = float(full.params[index])
        side = 1.0 if b >= 0 else -1.0
        # The profile likelihood is often lopsided (a ridge with the reporting
        # noise), so each side of the interval gets its own curvature.
        near: float | None
        if lr >= 1.0:
            near = abs(b) / math.sqrt(lr)
        else:
            near = _probe_se(data, full, direction, top, b - side * 0.15)
        if near is None:
            return LatentAnswer({}, "the likelihood is flat in this link")
        far = _probe_se(data, full, direction, top, b + side * min(max(2.0 * near, 0.05), 1.0))
        if far is None:
            return LatentAnswer({}, "the likelihood is flat in this link")
        lo_se, hi_se = (near, far) if b >= 0 else (far, near)
        factor = float(scale[effect] / scale[cause])
        estimate = float(phi_points[effect, cause])
        lo_points, hi_points = lo_se * factor, hi_se * factor
        power = np.eye(2)
        response = []
        for _ in range(RESPONSE_DAYS):
            power = power @ phi_points
            response.append(float(power[effect, cause]))
        effects[direction] = LatentEffect(
            direction,
            estimate,
            (estimate - _Z95 * lo_points, estimate + _Z95 * hi_points),
            (estimate - _Z90 * lo_points, estimate + _Z90 * hi_points),
            _chi2_p(lr),
            tuple(response),
        )
    return LatentAnswer(effects)


def holm_flags(p_values: dict[str, float | None]) -> dict[str, bool]:
    """Holm over the two directions at family-wise 0.05; an untested direction counts as p=1."""
    ordered = [p_values.get(d) for d in CROSS_INDEX]
    adjusted = holm([1.0 if p is None else p for p in ordered])
    return {
        d: bool(a < ALPHA) and p_values.get(d) is not None
        for d, a in zip(CROSS_INDEX, adjusted, strict=True)
    }


def shown(found: Counts) -> bool:
    """Enough complete days for a first (preliminary) number."""
    return found.complete_days >= MIN_SHOWN_DAYS


def testable(found: Counts) -> bool:
    """Enough days and consecutive pairs for a verdict that can be flagged."""
    return found.calendar_days >= MIN_TESTED_DAYS and found.complete_pairs >= MIN_TESTED_PAIRS


def days_needed(found: Counts, last_complete: bool, stage: str) -> int:
    """The exact number of consecutive complete days after the last one to reach `stage`.

    Simulated on the calendar at hand (`Counts.extended`), so a gap before the new
    days and an incomplete last day are counted as they really are.
    """
    test = shown if stage == "shown" else testable
    more = 0
    while not test(found.extended(more, last_complete)) and more < 100_000:
        more += 1
    return more


def same_share(values: np.ndarray) -> float:
    """The share of observed days with the most common score."""
    seen = values[~np.isnan(values)]
    if seen.size == 0:
        return 1.0
    _, tally = np.unique(seen, return_counts=True)
    return float(tally.max()) / seen.size
