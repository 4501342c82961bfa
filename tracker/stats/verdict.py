"""One verdict per direction: likelihood-ratio tests on the latent model, Holm over two.

"Pain -> mood next day" tests Phi[mood, pain] = 0 with a likelihood ratio
(the restricted model refitted), and the reverse for "mood -> pain". The
effect is Phi's cross term in points per point; its 95% interval is the
profile-likelihood interval of the same likelihood (`profile_interval`), so it
excludes 0 exactly when the direction's own LR p < 0.05 and never disagrees
with its test. Two calibrations keep the test honest in finite diaries: a
ratio near the line is climbed again from every start (`_recheck`), and the
statistic carries a small-sample Bartlett-type scale (`bartlett`), used by the
p and the interval alike. How much data each stage needs is in STATS.md §5.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .calendar import Counts
from .fit import Fit, best_fit, cross_fixed, maximise, starts
from .latent import CROSS_INDEX, Prepared, prepare
from .multiple import holm
from .threads import one_blas_thread

ALPHA = 0.05
MIN_SHOWN_DAYS = 30  # complete days before any number is shown
# The tested minimum (STATS.md §5), measured with bench/stats_calibration.py: with a
# same-day link and reporting noise SD 1 the LR test flagged 10-15% of 180-day and
# ~9% of 300-day diaries, 2% at 365 and 4% at 730 days (before `_recheck`, the lifted
# warm start and `bartlett`; a shorter minimum with them has not been measured).
MIN_TESTED_DAYS = 365  # calendar days before a verdict can be flagged
MIN_TESTED_PAIRS = 250  # consecutive complete days, ditto
SAME_SHARE = 0.95  # a score that is the same on this share of days cannot be tested
NO_LINK = 0.1  # "probably no link bigger than 0.1 point per point" (90% interval inside)
RESPONSE_DAYS = 7
_Z90 = 1.6448536269514722
_Z95 = 1.959963984540054
_CHI90 = _Z90 * _Z90
_CHI95 = _Z95 * _Z95
_CLOSE = 0.05  # a known root this near 1.96 is the 95% end already: no refit
_PROBE_BOUND = 1.45  # inside the optimiser's bound on Phi (1.5)
# A ratio that would say "stands out" (p < 0.05) but not overwhelmingly (p > 0.0005) is
# checked: both fits are climbed again from every start (`_recheck`).
_RECHECK = (_CHI95, 12.0)  # times the small-sample scale
_LOG_LIFT = math.log(0.25)  # the warm start's least reporting-noise variance (standardised)
BARTLETT = 50.0  # complete days; see `bartlett`


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


def bartlett(days: int) -> float:
    """The small-sample (Bartlett-type) scale of the LR statistic: 1 + BARTLETT / days.

    With `days` complete days, the LR of a cross effect that is truly 0 runs
    larger than chi-square(1) promises. Measured with bench/stats_calibration.py
    (`--diaries 400 --seed 7 --days 365`, before this scale): over 800 no-link
    directions each, its mean was 1.22 (same-day link plus reporting noise) and
    1.14 (persistence 0.9), and its 95th percentile 1.14 and 1.12 times 3.84; p
    < 0.05 in 6.8% and 6.2% of directions. A scale of 1 + 50/days (1.14 at 365
    days, 1.07 at 730, 1.01 at ten years) brings that percentile back to 3.84.
    The test's p is read from LR / scale, and the interval's ends are where
    2 (top - restricted) = 3.84 x scale, so test and interval stay one rule.
    """
    return 1.0 + BARTLETT / max(days, 1)


def _chi2_p(lr: float) -> float:
    from scipy.special import chdtrc

    return float(chdtrc(1, max(lr, 0.0)))


def _restricted(data: Prepared, full: Fit, direction: str, value: float) -> Fit | None:
    """The best fit with one cross effect pinned at `value` (warm start, then fresh).

    The warm start lifts the reporting noise off its floor: from a full fit with
    no reporting noise in one score (a boundary, common), a climb with the effect
    pinned stayed on that boundary, well below the constrained maximum, which
    made the profile too steep and the interval too narrow (on 60 simulated
    365-day diaries with a real effect of -0.3, 5 of the 8 intervals that missed
    it; fresh starts and the lifted start agreed). It costs no extra fit.
    """
    index = CROSS_INDEX[direction]
    warm = full.params.copy()
    warm[index] = value
    warm[7:9] = np.maximum(warm[7:9], _LOG_LIFT)
    found = maximise(warm, data, cross_fixed(direction, value))
    if found.converged:
        return found
    return best_fit(data, cross_fixed(direction, value), tries=2)


Knot = tuple[float, float]  # (distance from the estimate, signed root of the drop there)


def _reach(knots: list[Knot], target: float) -> float | None:
    """The distance at which the profile's root reaches `target`, from the knots.

    Linear between the two knots that bracket it (the secant step), and along
    the last two knots beyond them. The root is made non-decreasing first, so a
    slightly noisy refit cannot make the interval fold back. None when flat.
    """
    ordered = sorted(knots)
    roots = np.maximum.accumulate([r for _, r in ordered])
    for (u0, _), (u1, _), r0, r1 in zip(ordered, ordered[1:], roots, roots[1:], strict=False):
        if r1 >= target and r1 > r0:
            return u0 + (target - r0) * (u1 - u0) / (r1 - r0)
    (u0, _), (u1, _) = ordered[-2], ordered[-1]
    r0, r1 = roots[-2], roots[-1]
    slope = (r1 - r0) / (u1 - u0) if u1 > u0 else 0.0
    if slope <= 1e-9:
        slope = r1 / u1 if u1 > 0 else 0.0
    if slope <= 1e-9:
        return None
    return u1 + (target - r1) / slope


class _Profile:
    """The profile likelihood of one cross effect, one refit per point asked for.

    `root(u, side)` refits with the effect pinned at `estimate + side * u` (kept
    inside Phi's bound) and gives that distance and sqrt(2 (top - restricted
    log-likelihood)) there: each call is one constrained fit.
    """

    def __init__(self, data: Prepared, full: Fit, direction: str, top: float, scale: float) -> None:
        self.data, self.full, self.direction, self.top = data, full, direction, top
        self.z95, self.z90 = _Z95 * math.sqrt(scale), _Z90 * math.sqrt(scale)
        self.estimate = float(full.params[CROSS_INDEX[direction]])

    def root(self, u: float, side: float) -> Knot | None:
        value = float(np.clip(self.estimate + side * u, -_PROBE_BOUND, _PROBE_BOUND))
        found = _restricted(self.data, self.full, self.direction, value)
        if found is None or value == self.estimate:
            return None
        drop = max(2.0 * (self.top - found.log_likelihood), 0.0)
        return abs(value - self.estimate), math.sqrt(drop)

    def side(self, side: float, knots: list[Knot], guess: float) -> tuple[float, float] | None:
        """(95%, 90%) distances on one side: one refit at the current guess, then a secant step.

        A second refit is made only when the first landed far from the 95% point
        (its root off by more than 0.5). With `_recheck`, an analysis takes 7 fits when
        nothing is near the line and up to about 13 when a ratio is (counted by a test).
        """
        knots = [(0.0, 0.0), *knots]
        near = [r for u, r in knots if u > 0 and abs(r - self.z95) <= _CLOSE]
        if not near:
            for _ in range(2):
                probe = self.root(guess, side)
                if probe is None:
                    return None
                knots.append(probe)
                found = _reach(knots, self.z95)
                if found is None:
                    return None
                if abs(probe[1] - self.z95) <= 0.5:
                    break
                guess = max(found, 1e-3)
        u95, u90 = _reach(knots, self.z95), _reach(knots, self.z90)
        if u95 is None or u90 is None:
            return None
        return u95, u90


def profile_interval(
    data: Prepared,
    full: Fit,
    direction: str,
    top: float,
    lr: float,
    days: int,
    scale: float = 1.0,
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """95% and 90% profile-likelihood intervals of one cross effect (standardised units).

    The interval is {b : 2 (top - profile(b)) <= 3.84 s} (2.71 s for 90%), with s
    the small-sample scale (`bartlett`): its ends are
    found from the refit at 0 (the test's own), one refit near each end and a
    secant step. So the 95% interval excludes 0 exactly when the direction's own
    likelihood-ratio p is below 0.05 (enforced below against a noisy refit), and
    "probably no link" is read from the same profile. None when it is flat.
    """
    profile = _Profile(data, full, direction, top, scale)
    b = profile.estimate
    toward = -1.0 if b >= 0 else 1.0  # the side where 0 is
    root0 = math.sqrt(max(lr, 0.0))
    known = [(abs(b), root0)] if abs(b) > 1e-12 else []
    hint = 1.5 / math.sqrt(max(days, 4))  # a standard error's size, when the knots say nothing
    guess = profile.z95 * abs(b) / root0 if root0 >= 0.5 else profile.z95 * hint
    near = profile.side(toward, known, guess)
    if near is None:
        return None
    far = profile.side(-toward, [], near[0])
    if far is None:
        return None
    (n95, n90), (f95, f90) = near, far
    if abs(b) > 1e-12:
        # The near end and the test agree: 0 is outside exactly when lr > 3.84 (2.71).
        n95 = min(n95, abs(b) * (1 - 1e-9)) if lr > scale * _CHI95 else max(n95, abs(b))
        n90 = min(n90, abs(b) * (1 - 1e-9)) if lr > scale * _CHI90 else max(n90, abs(b))
    if toward < 0:
        return (b - n95, b + f95), (b - n90, b + f90)
    return (b - f95, b + n95), (b - f90, b + n90)


def latent_answer(pain: np.ndarray, mood: np.ndarray, offsets: np.ndarray) -> LatentAnswer:
    """Fit the latent VAR(1) and test each cross effect; no answer when it cannot fit."""
    with one_blas_thread():
        return _latent_answer(prepare(pain, mood, offsets))


def _recheck(data: Prepared, full: Fit, restricted: Fit, direction: str) -> tuple[Fit, Fit]:
    """(full, restricted) climbed again from every start, keeping the higher of each.

    One climb of the restricted model from the full model's optimum sometimes
    stops on a lower ridge (the reporting noise and the same-day link trade off),
    which inflates the likelihood ratio. On the same 400 simulated 365-day
    diaries with a same-day link plus reporting noise and no lagged link
    (bench/stats_calibration.py --seed 7, before the small-sample scale, climbing
    again at every ratio from 2 to 12), the share
    flagged fell from 31 (7.8%) to 25 (6.2%). Four more fits, only past the line.
    """
    fixed = cross_fixed(direction, 0.0)
    for start in starts(data):
        fit = maximise(start, data, fixed)
        if fit.converged and fit.log_likelihood > restricted.log_likelihood:
            restricted = fit
    freed = maximise(restricted.params, data)
    if freed.converged and not freed.at_limit and freed.log_likelihood > full.log_likelihood:
        full = freed
    return full, restricted


def _latent_answer(data: Prepared) -> LatentAnswer:
    full = best_fit(data)
    if full is None:
        return LatentAnswer({}, "the model did not settle from any starting point")
    if full.at_limit:
        return LatentAnswer({}, "the scores drift without settling back (a unit root)")
    scale = data.scale
    days = int(data.observed.all(axis=1).sum())
    effects = {}
    for direction in CROSS_INDEX:
        cause, effect = _cause_effect(direction)
        restricted = _restricted(data, full, direction, 0.0)
        if restricted is None:
            return LatentAnswer({}, "the model without this link did not settle")
        lr = 2.0 * (full.log_likelihood - restricted.log_likelihood)
        small = bartlett(days)
        if _RECHECK[0] * small <= lr <= _RECHECK[1] * small:
            full, restricted = _recheck(data, full, restricted, direction)
        top = max(full.log_likelihood, restricted.log_likelihood)
        lr = max(2.0 * (top - restricted.log_likelihood), 0.0)
        phi_points = full.phi * scale[:, None] / scale[None, :]
        found = profile_interval(data, full, direction, top, lr, days, small)
        if found is None:
            return LatentAnswer({}, "the likelihood is flat in this link")
        ci, ci90 = found
        factor = float(scale[effect] / scale[cause])
        estimate = float(phi_points[effect, cause])
        power = np.eye(2)
        response = []
        for _ in range(RESPONSE_DAYS):
            power = power @ phi_points
            response.append(float(power[effect, cause]))
        effects[direction] = LatentEffect(
            direction,
            estimate,
            (float(ci[0] * factor), float(ci[1] * factor)),
            (float(ci90[0] * factor), float(ci90[1] * factor)),
            _chi2_p(lr / small),
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
