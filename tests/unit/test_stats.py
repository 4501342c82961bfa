"""Statistics v2 checked against statsmodels, multipletests and known effects.

Synthetic diaries are generated here with an effect built in one direction
only; statsmodels (test-only) is the independent reference STATS.md §7 names.
The latent model's own checks are in test_stats_latent.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

from tracker.model import FIELDS, CheckIn
from tracker.stats import (
    DIRECTIONS,
    analyse,
    average_ranks,
    benjamini_hochberg,
    calendar_series,
    cross_lagged_fit,
    holm,
)
from tracker.stats.calendar import LONG_GAP

START = dt.date(2025, 1, 6)  # a Monday
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-diary.csv"


def simulate(
    days: int,
    pain_to_mood: float = 0.0,
    mood_to_pain: float = 0.0,
    seed: int = 0,
    missing: float = 0.0,
    weekend: float = 0.0,
    whole: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Pain and mood with persistence and a known next-day effect; NaN = skipped day."""
    rng = np.random.default_rng(seed)
    pain = np.empty(days)
    mood = np.empty(days)
    pain[0], mood[0] = 4.5, 6.0
    for t in range(1, days):
        weekday = (START.weekday() + t) % 7
        shared = weekend if weekday >= 5 else 0.0
        pain[t] = (
            4.5
            + 0.6 * (pain[t - 1] - 4.5)
            + mood_to_pain * (mood[t - 1] - 6.0)
            + shared
            + rng.normal(0, 1.2)
        )
        mood[t] = (
            6.0
            + 0.5 * (mood[t - 1] - 6.0)
            + pain_to_mood * (pain[t - 1] - 4.5)
            + shared
            + rng.normal(0, 1.0)
        )
    if whole:
        pain, mood = np.clip(np.rint(pain), 0, 10), np.clip(np.rint(mood), 0, 10)
    skipped = rng.random(days) < missing
    skipped[0] = skipped[-1] = False
    pain[skipped] = np.nan
    mood[skipped] = np.nan
    return pain, mood


def to_checkins(pain: np.ndarray, mood: np.ndarray, **factors: np.ndarray) -> list[CheckIn]:
    out = []
    for i in range(pain.size):
        if np.isnan(pain[i]) and np.isnan(mood[i]):
            continue
        extra = {k: int(v[i]) for k, v in factors.items() if not np.isnan(v[i])}
        out.append(
            CheckIn(
                day=START + dt.timedelta(days=i),
                pain=None if np.isnan(pain[i]) else int(pain[i]),
                mood=None if np.isnan(mood[i]) else int(mood[i]),
                **extra,
            )
        )
    return out


def weekday_design(index: np.ndarray, with_weekdays: bool = True) -> np.ndarray:
    """[1, t, weekday dummies (Monday baseline)] built the statsmodels way."""
    columns = [index.astype(float)]
    if with_weekdays:
        weekday = (START.weekday() + index) % 7
        columns += [(weekday == w).astype(float) for w in range(1, 7)]
    return sm.add_constant(np.column_stack(columns), has_constant="add")


def date_pairs(checkins: list[CheckIn], cause: str, effect: str, lag: int):
    """Pairs matched by calendar date, the way a person would check by hand."""
    by_day = {c.day: c for c in checkins}
    pairs = []
    for c in checkins:
        later = by_day.get(c.day + dt.timedelta(days=lag))
        if later and getattr(c, cause) is not None and getattr(later, effect) is not None:
            pairs.append((getattr(c, cause), getattr(later, effect)))
    return np.array(pairs, dtype=float).reshape(-1, 2)


# --------------------------------------------------------------------------- calendar


def test_calendar_series_puts_each_day_at_its_offset_with_gaps_as_nan() -> None:
    checkins = [
        CheckIn(day=dt.date(2026, 3, 1), pain=3, mood=5),
        CheckIn(day=dt.date(2026, 3, 4), pain=6, mood=None),
    ]
    start, pain = calendar_series(checkins, "pain")
    assert start == dt.date(2026, 3, 1)
    np.testing.assert_array_equal(pain, [3, np.nan, np.nan, 6])
    assert calendar_series([], "pain") == (None, pytest.approx(np.empty(0)))


def test_a_check_in_in_year_24_costs_no_memory_or_time() -> None:
    """Issue 10 item 11: an empty span of two thousand years is shrunk, not allocated."""
    import time

    pain, mood = simulate(300, pain_to_mood=-0.3, seed=3)
    diary = to_checkins(pain, mood)
    ancient = CheckIn(day=dt.date(24, 5, 1), pain=5, mood=5)
    start, series = calendar_series([ancient, *diary], "pain")
    assert start == dt.date(24, 5, 1)
    assert series.size == 1 + LONG_GAP + 300
    began = time.perf_counter()
    report = analyse([ancient, *diary])
    assert time.perf_counter() - began < 20  # seconds under a loaded 2-core CI; ~1 s alone
    assert report.days.first == dt.date(24, 5, 1) and report.days.observed == 301
    assert report.verdict("pain->mood").flagged


def test_missing_days_never_shift_lags() -> None:
    """Skipped days stay on the calendar: lag 1 is always the next calendar day."""
    pain, mood = simulate(140, pain_to_mood=-0.3, seed=7, missing=0.25)
    checkins = to_checkins(pain, mood)
    report = analyse(checkins)
    for lag in (1, 3):
        item = next(r for r in report.direction("pain->mood") if r.lag == lag)
        pairs = date_pairs(checkins, "pain", "mood", lag)
        assert item.n == len(pairs)


# --------------------------------------------------------------------------- references


def test_benjamini_hochberg_and_holm_match_multipletests() -> None:
    rng = np.random.default_rng(3)
    for size in (1, 2, 5, 24):
        p = rng.random(size) ** 2
        expected_bh = multipletests(p, method="fdr_bh")[1]
        expected_holm = multipletests(p, method="holm")[1]
        np.testing.assert_allclose(benjamini_hochberg(p), expected_bh, rtol=1e-12)
        np.testing.assert_allclose(holm(p), expected_holm, rtol=1e-12)
    np.testing.assert_allclose(holm([0.03, 0.04]), multipletests([0.03, 0.04], method="holm")[1])


def test_ols_fallback_equals_statsmodels_ols_on_the_same_calendar_rows() -> None:
    pain, mood = simulate(120, pain_to_mood=-0.3, seed=5, missing=0.2)
    fit = cross_lagged_fit(mood, pain)
    rows = [
        t for t in range(1, mood.size)
        if not (np.isnan(mood[t]) or np.isnan(mood[t - 1]) or np.isnan(pain[t - 1]))
    ]  # fmt: skip
    index = np.array(rows)
    design = sm.add_constant(np.column_stack([mood[index - 1], pain[index - 1]]))
    reference = sm.OLS(mood[index], design).fit()
    assert fit.rows == len(rows)
    assert fit.coef == pytest.approx(reference.params[2], rel=1e-10)
    assert fit.se == pytest.approx(reference.bse[2], rel=1e-10)
    assert fit.ci == pytest.approx(tuple(reference.conf_int()[2]), rel=1e-10)


def test_spearman_rho_uses_average_ranks_like_scipy() -> None:
    values = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0])
    np.testing.assert_array_equal(average_ranks(values), sps.rankdata(values))


def test_lag_description_is_pearson_r_with_the_pyper_peterman_interval() -> None:
    pain, mood = simulate(90, seed=11)
    report = analyse(to_checkins(pain, mood))
    item = next(r for r in report.direction("pain->mood") if r.lag == 2)
    assert not report.adjusted or True
    assert item.ci is not None and item.ci[0] < item.r < item.ci[1]
    assert not hasattr(item, "flagged") and "p" not in item.to_dict()
    x, y = pain[:-2], mood[2:]
    rho = sps.spearmanr(x, y).statistic
    assert item.rho == pytest.approx(rho, abs=1e-12)


# --------------------------------------------------------------------------- known effects


def test_the_sample_diary_finds_its_pain_to_mood_effect_and_nothing_the_other_way() -> None:
    """data/README.md: pain lowers next-day mood by 0.3 points; nothing the other way."""
    report = analyse(read_sample_diary())
    assert report.days.first == dt.date(2025, 3, 16) and report.days.observed == 320
    there, back = report.verdicts
    assert there.direction == "pain->mood" and there.method == "latent-var"
    assert there.status == "tested" and there.flagged
    assert there.ci is not None and there.ci[0] < -0.3 < there.ci[1]
    assert there.effect_per_point == pytest.approx(-0.3, abs=0.1)
    assert len(there.response) == 7 and there.response[0] == there.effect_per_point
    assert not back.flagged
    assert report.stands_out()[0] == there.sentence
    assert "mood the next day was on average 0.6 lower" in there.sentence
    assert "not proof" in there.sentence


def read_sample_diary() -> list[CheckIn]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(FIELDS)
    return [
        CheckIn.create(
            **{k: v for k, v in row.items() if v != ""} | {"tags": row["tags"].split(";")}
        )
        for row in rows
    ]


def test_a_mood_to_pain_effect_is_found_in_that_direction_only() -> None:
    pain, mood = simulate(365, mood_to_pain=-0.35, seed=4)
    there, back = analyse(to_checkins(pain, mood)).verdicts
    assert back.flagged and back.effect_per_point is not None and back.effect_per_point < 0
    assert not there.flagged


def test_factors_are_described_and_named_only_when_they_survive_bh() -> None:
    rng = np.random.default_rng(8)
    pain, mood = simulate(200, seed=8)
    stress = np.clip(np.rint(10 - mood + rng.normal(0, 0.7, mood.size)), 0, 10)
    noise = np.clip(np.rint(rng.normal(5, 2, mood.size)), 0, 10)
    report = analyse(to_checkins(pain, mood, stress=stress, fatigue=noise))
    stress_mood = next(
        f for f in report.factors if (f.factor, f.target, f.lag) == ("stress", "mood", 0)
    )
    assert stress_mood.survives and stress_mood.r is not None and stress_mood.r < -0.5
    assert stress_mood.sentence in report.stands_out()
    assert not any(f.survives for f in report.factors if f.factor == "fatigue")
    assert all("flagged" not in f.to_dict() for f in report.factors)


def test_a_shared_level_shift_is_found_and_allowed_for() -> None:
    pain, mood = simulate(365, seed=9)
    pain[180:] = np.clip(pain[180:] + 3, 0, 10)
    mood[180:] = np.clip(mood[180:] - 3, 0, 10)
    report = analyse(to_checkins(pain, mood))
    found = {(s.series, abs((s.day - START).days - 180) <= 7) for s in report.level_shifts}
    assert found == {("pain", True), ("mood", True)}
    assert not any(v.flagged for v in report.verdicts)


# --------------------------------------------------------------------------- stages


def test_fewer_than_thirty_complete_days_say_exactly_how_many_more() -> None:
    pain, mood = simulate(29, seed=2)
    report = analyse(to_checkins(pain, mood))
    for verdict in report.verdicts:
        assert verdict.status == "needs-days" and verdict.effect_per_point is None
        assert verdict.days == 29 and verdict.days_needed == 1
        assert "1 more day with both needed" in verdict.sentence
    # A day with pain only does not count; the exact count comes from the calendar.
    gappy = to_checkins(pain, mood)[:20] + [CheckIn(day=START + dt.timedelta(days=25), pain=3)]
    needed = analyse(gappy).verdict("pain->mood").days_needed
    assert needed == 10


@pytest.mark.parametrize("days", [30, 59, 60])
def test_thirty_days_up_to_the_minimum_are_preliminary_and_never_flagged(days: int) -> None:
    pain, mood = simulate(days, pain_to_mood=-0.6, seed=1)
    report = analyse(to_checkins(pain, mood))
    for verdict in report.verdicts:
        assert verdict.status in ("preliminary", "fallback", "inconclusive")
        assert not verdict.flagged and verdict.p is None
        if verdict.status == "preliminary":
            assert verdict.ci is not None and "Preliminary" in verdict.sentence
            assert f"{365 - days} more days" in verdict.sentence


def test_a_chosen_period_shorter_than_the_minimum_says_so() -> None:
    pain, mood = simulate(400, pain_to_mood=-0.4, seed=1)
    diary = to_checkins(pain, mood)
    end = START + dt.timedelta(days=399)
    report = analyse(diary, end - dt.timedelta(days=89), end)
    verdict = report.verdict("pain->mood")
    assert not verdict.flagged and verdict.status == "preliminary"
    assert "This period is too short to test; choose 365 days or more." in verdict.sentence


def test_a_mood_only_diary_says_pain_is_missing_and_what_is_needed() -> None:
    """Issue 13 item 4: 696 mood-only days are not '20 more days needed'."""
    _, mood = simulate(696, seed=3)
    diary = [CheckIn(day=c.day, mood=c.mood) for c in to_checkins(mood, mood)]
    for verdict in analyse(diary).verdicts:
        assert verdict.status == "missing"
        assert verdict.sentence.startswith("Pain is missing: no day in this diary has a pain")
        assert "30 such days" in verdict.sentence and "more days needed" not in verdict.sentence


def _edge_diaries() -> dict[str, list[CheckIn]]:
    pain, mood = simulate(3650, pain_to_mood=-0.2, seed=6)
    mood[1825:] = np.clip(mood[1825:] - 2, 0, 10)
    alternating = np.array([2.0, 8.0] * 60)
    return {
        "empty": [],
        "two check-ins": to_checkins(np.array([3.0, 5.0]), np.array([4.0, 6.0])),
        "constant": to_checkins(np.full(120, 4.0), np.full(120, 6.0)),
        "constant pain": to_checkins(np.full(200, 4.0), simulate(200, seed=1)[1]),
        "single long gap": to_checkins(
            *[np.concatenate([a[:100], np.full(400, np.nan), a[100:200]])
              for a in simulate(200, seed=2)]
        ),
        "perfectly alternating": to_checkins(alternating, 10 - alternating),
        "ten years with a change halfway": to_checkins(pain, mood),
    }  # fmt: skip


EDGES = _edge_diaries()


@pytest.mark.parametrize("name", list(EDGES))
def test_every_edge_case_gives_a_clear_result_never_nan(name: str) -> None:
    report = analyse(EDGES[name])
    text = json.dumps(report.to_dict(), allow_nan=False)  # raises on NaN or infinity
    assert "NaN" not in text
    for verdict in report.verdicts:
        assert verdict.sentence.endswith(".") and verdict.status
        if verdict.effect_per_point is not None:
            assert math.isfinite(verdict.effect_per_point)
    if name.startswith("constant"):
        assert {v.status for v in report.verdicts} == {"no-variation"}
        assert "cannot be tested yet" in report.verdicts[0].sentence
    if name == "ten years with a change halfway":
        assert any(s.series == "mood" for s in report.level_shifts)


# --------------------------------------------------------------------------- JSON


def test_json_has_the_documented_shape_and_only_verdicts_carry_flagged() -> None:
    pain, mood = simulate(200, pain_to_mood=-0.4, seed=1, missing=0.1)
    data = json.loads(json.dumps(analyse(to_checkins(pain, mood)).to_dict(), allow_nan=False))
    assert set(data) >= {"verdicts", "lagged", "factors", "level_shifts", "days"}
    assert [v["direction"] for v in data["verdicts"]] == list(DIRECTIONS)
    for verdict in data["verdicts"]:
        assert {"direction", "effect_per_point", "ci", "p", "flagged", "method", "days",
                "sentence"} <= set(verdict)  # fmt: skip
        assert verdict["method"] in ("latent-var", "ols-fallback", None)
    assert {"direction", "lag", "n", "r", "ci", "sentence"} <= set(data["lagged"][0])

    def keys(value: object) -> list[str]:
        if isinstance(value, dict):
            return [k for k in value] + [k for v in value.values() for k in keys(v)]
        if isinstance(value, list):
            return [k for v in value for k in keys(v)]
        return []

    assert keys(data).count("flagged") == 2  # one per verdict, nowhere else
