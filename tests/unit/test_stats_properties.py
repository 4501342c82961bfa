"""Stats that hold for any diary: no exceptions, no warnings, ~5% false flags.

The null simulation is the check that matters most to a person: with no link
between pain and mood, painmood must not say there is one more often than the
5% it promises.
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


def independent_ar1_diary(rng: np.random.Generator, days: int) -> list[CheckIn]:
    """Pain and mood each with their own persistence and no link between them."""
    pain = np.empty(days)
    mood = np.empty(days)
    pain[0], mood[0] = rng.normal(0, 1.25), rng.normal(0, 1.15)
    for t in range(1, days):
        pain[t] = 0.6 * pain[t - 1] + rng.normal(0, 1.0)
        mood[t] = 0.5 * mood[t - 1] + rng.normal(0, 1.0)
    pain = np.clip(np.rint(4.5 + 1.2 * pain), 0, 10)
    mood = np.clip(np.rint(6.0 + 1.2 * mood), 0, 10)
    return [
        CheckIn(day=START + dt.timedelta(days=i), pain=int(pain[i]), mood=int(mood[i]))
        for i in range(days)
    ]


def test_with_no_link_about_five_percent_of_diaries_get_a_flag() -> None:
    rng = np.random.default_rng(20260315)
    runs = 400
    any_lag_flagged = 0
    regression_flagged = 0
    single_tests = []
    for _ in range(runs):
        report = analyse(independent_ar1_diary(rng, 80))
        any_lag_flagged += any(r.flagged for r in report.lagged)
        regression_flagged += any(r.flagged for r in report.cross_lagged)
        single_tests += [r.p < 0.05 for r in report.lagged if r.p is not None and r.lag > 0]
    # BH under no effect at all keeps the chance of any flag at about 5%.
    assert 0.015 <= any_lag_flagged / runs <= 0.09
    assert 0.015 <= regression_flagged / runs <= 0.09
    # Each prewhitened test on its own rejects about 5% (naive tests gave 15-18%).
    assert 0.035 <= np.mean(single_tests) <= 0.075


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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
        if result.flagged:
            assert result.status == "ok" and result.q < 0.05
        for value in (result.p, result.q):
            assert value is None or 0 <= value <= 1
    assert report.days.observed == len(checkins)
