"""Stats that hold for any diary: no exceptions, no warnings, no NaN.

How often painmood flags a link that is not there is measured in
test_stats_calibration.py (a fast slice) and bench/stats_calibration.py.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.model import FACTORS, CheckIn
from tracker.stats import analyse

START = dt.date(2024, 2, 26)


scores = st.one_of(st.none(), st.integers(0, 10), st.sampled_from([0, 10]))
day_values = st.fixed_dictionaries(
    {
        "pain": scores,
        "mood": scores,
        "stress": scores,
        "sleep_hours": st.one_of(st.none(), st.sampled_from([0.0, 7.5, 24.0])),
        "activity_minutes": st.one_of(st.none(), st.sampled_from([0, 30, 1440])),
    }
)


@st.composite
def diaries(draw: st.DrawFn) -> list[CheckIn]:
    """1-400 days: random gaps, runs of one value, extremes, sparse factors."""
    length = draw(st.integers(1, 400))
    style = draw(st.sampled_from(["random", "constant", "extremes", "sparse"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    keep = rng.random(length) < draw(st.sampled_from([1.0, 0.9, 0.5, 0.15]))
    keep[0] = True
    first = draw(day_values)
    checkins = []
    for i in np.flatnonzero(keep):
        if style == "constant":
            values = dict(first)
        elif style == "extremes":
            values = {"pain": int(rng.choice([0, 10])), "mood": int(rng.choice([0, 10]))}
        elif style == "sparse" and i % 3:
            values = {"pain": int(rng.integers(0, 11))}
        else:
            values = {"pain": int(rng.integers(0, 11)), "mood": int(rng.integers(0, 11))}
            if rng.random() < 0.5:
                values["stress"] = int(rng.integers(0, 11))
        if values.get("pain") is None and values.get("mood") is None:
            values["pain"] = 5
        checkins.append(CheckIn(day=START + dt.timedelta(days=int(i)), **values))
    return checkins


def _numbers(value: object):
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, float | int) and not isinstance(value, bool):
        yield value


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diaries())
def test_any_diary_gives_finite_numbers_or_null_and_no_warnings(checkins: list[CheckIn]) -> None:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        report = analyse(checkins)
    data = report.to_dict()
    assert all(math.isfinite(x) for x in _numbers(data))
    assert len(report.lagged) == 16 and len(report.factors) == len(FACTORS) * 4
    for result in report.lagged:
        assert result.sentence
        if result.r is not None:
            assert -1 <= result.r <= 1 and result.ci[0] <= result.r <= result.ci[1]
    for verdict in report.verdicts:
        assert verdict.sentence.endswith(".")
        assert verdict.p is None or 0 <= verdict.p <= 1
        if verdict.flagged:
            assert verdict.status == "tested" and verdict.method == "latent-var"
        if verdict.ci is not None:
            assert verdict.ci[0] <= verdict.effect_per_point <= verdict.ci[1]
    assert report.days.observed == len(checkins)


def _latent_diary(seed: int, cross: float, days: int = 240) -> tuple[np.ndarray, np.ndarray]:
    """Integer scores from a latent VAR(1) with reporting noise SD 1 (the bench's person)."""
    rng = np.random.default_rng(seed)
    state = np.zeros((days + 30, 2))
    for t in range(1, days + 30):
        state[t] = [0.6 * state[t - 1, 0], 0.5 * state[t - 1, 1] + cross * state[t - 1, 0]]
        state[t] += rng.standard_normal(2)
    typed = state[30:] + [4.5, 6.0] + rng.standard_normal((days, 2))
    pain, mood = np.clip(np.rint(typed), 0, 10).T
    return pain, mood


def test_the_interval_is_the_profile_likelihood_interval_and_agrees_with_its_test() -> None:
    """The 95% interval excludes 0 exactly when the LR p < 0.05 (90%: p < 0.10); its ends
    are where 2 (top - restricted log-likelihood) = 3.84 (times the small-sample scale);
    7 fits an analysis when nothing is near the line, up to about 13 when a ratio is."""
    import tracker.stats.fit as fit_module
    import tracker.stats.verdict as verdict_module
    from tracker.stats.latent import prepare

    calls = [0]
    climb = fit_module.maximise

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a counting wrapper
        calls[0] += 1
        return climb(*args, **kwargs)

    seen = set()
    for seed, cross in ((1, -0.25), (2, -0.12), (3, 0.0), (4, -0.18)):
        pain, mood = _latent_diary(seed, cross)
        calls[0] = 0
        fit_module.maximise, verdict_module.maximise = counted, counted
        try:
            answer = verdict_module.latent_answer(pain, mood, np.arange(pain.size))
        finally:
            fit_module.maximise, verdict_module.maximise = climb, climb
        assert answer.effects and calls[0] <= 12
        for e in answer.effects.values():
            seen.add(e.p < 0.05)
            assert (e.ci[0] > 0 or e.ci[1] < 0) == (e.p < 0.05)
            assert (e.ci90[0] > 0 or e.ci90[1] < 0) == (e.p < 0.10)
            assert e.ci[0] < e.ci90[0] < e.effect < e.ci90[1] < e.ci[1]
    assert seen == {True, False}  # both sides of the rule were checked
    # The ends of one interval, refitted: the likelihood has dropped by 3.84/2 there.
    pain, mood = _latent_diary(1, -0.25)
    data = prepare(pain, mood)
    full = fit_module.best_fit(data)
    assert full is not None
    effect = verdict_module.latent_answer(pain, mood, np.arange(pain.size)).effects["pain->mood"]
    factor = data.scale[0] / data.scale[1]
    for end in effect.ci:
        pinned = fit_module.best_fit(data, fit_module.cross_fixed("pain->mood", end * factor))
        assert pinned is not None
        drop = 2.0 * (full.log_likelihood - pinned.log_likelihood)
        scale = verdict_module.bartlett(int(data.observed.all(axis=1).sum()))
        assert abs(math.sqrt(max(drop, 0.0) / scale) - 1.96) < 0.1
