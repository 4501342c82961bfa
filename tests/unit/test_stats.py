"""Lagged pain<->mood statistics checked against statsmodels and known effects.

Synthetic diaries are generated here with an effect built in one direction
only; statsmodels (test-only) is the independent reference STATS.md §7 names.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.stattools import ccf, grangercausalitytests

from tracker.model import FIELDS, CheckIn
from tracker.stats import (
    analyse,
    average_ranks,
    benjamini_hochberg,
    calendar_series,
    cross_lagged_fit,
)

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
        CheckIn(day=dt.date(2026, 3, 1), pain=3, mood=6),
        CheckIn(day=dt.date(2026, 3, 4), pain=7),
        CheckIn(day=dt.date(2026, 3, 2), mood=4),
    ]
    start, pain = calendar_series(checkins, "pain")
    assert start == dt.date(2026, 3, 1)
    np.testing.assert_array_equal(pain, [3.0, np.nan, np.nan, 7.0])
    start, mood = calendar_series(checkins, "mood", start=dt.date(2026, 2, 28))
    assert start == dt.date(2026, 2, 28)
    np.testing.assert_array_equal(mood, [np.nan, 6.0, 4.0, np.nan, np.nan])
    assert calendar_series([], "pain") == (None, pytest.approx(np.empty(0)))


def test_missing_days_never_shift_lags() -> None:
    # 50 calendar days (below the weekday adjustment), 12 days skipped.
    pain, mood = simulate(50, pain_to_mood=-0.5, seed=3, missing=0.25)
    checkins = to_checkins(pain, mood)
    assert len(checkins) < 50
    report = analyse(checkins)
    for direction, (cause, effect) in {
        "pain->mood": ("pain", "mood"),
        "mood->pain": ("mood", "pain"),
    }.items():
        for lag in range(8):
            result = report.lag(direction, lag)
            pairs = date_pairs(checkins, cause, effect, lag)
            assert result.n == len(pairs)
            if result.r is not None:
                assert result.r == pytest.approx(np.corrcoef(pairs.T)[0, 1], abs=1e-12)
    # Lagging the list with the gaps dropped pairs other days and gives another r.
    kept = [c for c in checkins if c.pain is not None and c.mood is not None]
    shifted = np.corrcoef([c.pain for c in kept[:-1]], [c.mood for c in kept[1:]])[0, 1]
    assert abs(shifted - report.lag("pain->mood", 1).r) > 0.01


# --------------------------------------------------------------------------- against statsmodels


def test_lagged_r_matches_statsmodels_ccf_on_gap_free_adjusted_series() -> None:
    pain, mood = simulate(365, pain_to_mood=-0.3, seed=11, weekend=0.8, whole=False)
    # analyse needs whole scores; use them in the reference too.
    pain, mood = np.rint(pain), np.rint(mood)
    report = analyse(to_checkins(pain, mood))
    index = np.arange(365)
    design = weekday_design(index)
    pain_res = sm.OLS(pain, design).fit().resid
    mood_res = sm.OLS(mood, design).fit().resid
    pain_to_mood = ccf(mood_res, pain_res, adjusted=True, fft=False)
    mood_to_pain = ccf(pain_res, mood_res, adjusted=True, fft=False)
    for lag in range(8):
        assert report.lag("pain->mood", lag).r == pytest.approx(pain_to_mood[lag], abs=0.003)
        assert report.lag("mood->pain", lag).r == pytest.approx(mood_to_pain[lag], abs=0.003)


@pytest.mark.parametrize("effect_name", ["mood", "pain"])
def test_regression_f_equals_statsmodels_granger_on_gap_free_data(effect_name: str) -> None:
    pain, mood = simulate(200, pain_to_mood=-0.25, seed=5)
    effect, cause = (mood, pain) if effect_name == "mood" else (pain, mood)
    fit = cross_lagged_fit(effect, cause, adjust=False)
    granger = grangercausalitytests(np.column_stack([effect, cause]), maxlag=[1])
    f, p, df_denom, df_num = granger[1][0]["ssr_ftest"]
    assert fit.rows == 199
    assert fit.f == pytest.approx(f, rel=1e-9)
    assert fit.p == pytest.approx(p, rel=1e-9)
    assert fit.df == df_denom and df_num == 1
    assert fit.t**2 == pytest.approx(f, rel=1e-9)


def test_regression_with_gaps_matches_statsmodels_ols_on_the_same_calendar_rows() -> None:
    pain, mood = simulate(240, pain_to_mood=-0.3, seed=8, missing=0.15, weekend=0.5)
    report = analyse(to_checkins(pain, mood))
    for direction, (effect, cause) in {
        "pain->mood": (mood, pain),
        "mood->pain": (pain, mood),
    }.items():
        t = np.arange(1, 240)
        rows = ~np.isnan(effect[t]) & ~np.isnan(effect[t - 1]) & ~np.isnan(cause[t - 1])
        t = t[rows]
        design = np.column_stack([weekday_design(t), effect[t - 1], cause[t - 1]])
        reference = sm.OLS(effect[t], design).fit()
        result = report.regression(direction)
        assert result.rows == t.size
        assert result.coef == pytest.approx(reference.params[-1], rel=1e-8)
        assert result.se == pytest.approx(reference.bse[-1], rel=1e-8)
        assert result.t == pytest.approx(reference.tvalues[-1], rel=1e-8)
        assert result.p == pytest.approx(reference.pvalues[-1], rel=1e-6)
        df = reference.df_resid
        assert result.partial_r == pytest.approx(
            reference.tvalues[-1] / math.sqrt(reference.tvalues[-1] ** 2 + df), rel=1e-8
        )


def test_benjamini_hochberg_matches_statsmodels_and_scipy() -> None:
    rng = np.random.default_rng(2)
    for size in (1, 2, 15, 40):
        p = rng.random(size) ** 3
        p[: size // 3] = p[0]  # ties
        expected = multipletests(p, method="fdr_bh")[1]
        np.testing.assert_allclose(benjamini_hochberg(p), expected, rtol=1e-12)
        np.testing.assert_allclose(benjamini_hochberg(p), sps.false_discovery_control(p))


def test_report_q_values_are_bh_over_the_fifteen_prewhitened_tests() -> None:
    pain, mood = simulate(200, pain_to_mood=-0.3, seed=4, missing=0.05)
    report = analyse(to_checkins(pain, mood))
    distinct = [r for r in report.lagged if not (r.lag == 0 and r.direction == "mood->pain")]
    assert len(distinct) == 15 and all(r.status == "ok" for r in distinct)
    expected = multipletests([r.p for r in distinct], method="fdr_bh")[1]
    np.testing.assert_allclose([r.q for r in distinct], expected, rtol=1e-12)
    assert [r.flagged for r in distinct] == [bool(q < 0.05) for q in expected]


def test_spearman_rho_uses_average_ranks_like_scipy() -> None:
    pain, mood = simulate(45, pain_to_mood=-0.4, seed=9, missing=0.1)
    checkins = to_checkins(pain, mood)
    report = analyse(checkins)
    for lag in (0, 1, 3):
        pairs = date_pairs(checkins, "pain", "mood", lag)
        assert report.lag("pain->mood", lag).rho == pytest.approx(
            sps.spearmanr(pairs[:, 0], pairs[:, 1]).statistic, abs=1e-12
        )
    values = np.array([3.0, 1.0, 3.0, 7.0, 1.0, 3.0])
    np.testing.assert_array_equal(average_ranks(values), sps.rankdata(values))


def _naive_acf(values: np.ndarray, lag: int) -> float:
    mean = np.nanmean(values)
    dev = values - mean
    products = [dev[t] * dev[t + lag] for t in range(values.size - lag)]
    products = [p for p in products if not np.isnan(p)]
    squares = [d * d for d in dev if not np.isnan(d)]
    return float(np.mean(products) / np.mean(squares)) if products else 0.0


def _naive_effective_n(n: int, x: np.ndarray, y: np.ndarray) -> float:
    total = sum((n - j) / n * _naive_acf(x, j) * _naive_acf(y, j) for j in range(1, n // 5 + 1))
    return min(max(1.0 / (1.0 / n + 2.0 / n * total), 3.0), n)


def test_confidence_interval_and_prewhitened_p_follow_stats_md() -> None:
    """Fisher z with Pyper-Peterman n*; AR(1) residuals (statsmodels OLS) for the test."""
    pain, mood = simulate(48, pain_to_mood=-0.5, seed=21, missing=0.1)
    checkins = to_checkins(pain, mood)
    result = analyse(checkins).lag("pain->mood", 1)
    assert result.status == "preliminary" and not result.flagged and result.q is None

    pairs = date_pairs(checkins, "pain", "mood", 1)
    n_eff = _naive_effective_n(len(pairs), pain, mood)
    z, se = np.arctanh(result.r), 1 / math.sqrt(n_eff - 3)
    z95 = sps.norm.ppf(0.975)
    assert result.ci == pytest.approx((math.tanh(z - z95 * se), math.tanh(z + z95 * se)), rel=1e-9)

    def innovations(series: np.ndarray) -> np.ndarray:
        rows = ~np.isnan(series[1:]) & ~np.isnan(series[:-1])
        fit = sm.OLS(series[1:][rows], sm.add_constant(series[:-1][rows])).fit()
        out = np.full(series.size, np.nan)
        out[1:][rows] = fit.resid
        return out

    e_pain, e_mood = innovations(pain), innovations(mood)
    both = ~np.isnan(e_pain[:-1]) & ~np.isnan(e_mood[1:])
    r_pw = np.corrcoef(e_pain[:-1][both], e_mood[1:][both])[0, 1]
    assert result.r_prewhitened == pytest.approx(r_pw, abs=1e-10)
    n_pw = _naive_effective_n(int(both.sum()), e_pain, e_mood)
    t = r_pw * math.sqrt((n_pw - 2) / (1 - r_pw**2))
    assert result.p == pytest.approx(2 * sps.t.sf(abs(t), n_pw - 2), rel=1e-6)


def test_weekday_f_test_matches_statsmodels() -> None:
    pain, mood = simulate(120, seed=6, missing=0.1, weekend=1.5)
    report = analyse(to_checkins(pain, mood))
    for name, series in (("pain", pain), ("mood", mood)):
        index = np.flatnonzero(~np.isnan(series))
        full = sm.OLS(series[index], weekday_design(index)).fit()
        trend_only = sm.OLS(series[index], weekday_design(index, with_weekdays=False)).fit()
        _, p, _ = full.compare_f_test(trend_only)
        assert getattr(report.weekday, f"{name}_p") == pytest.approx(p, rel=1e-8)
    assert report.weekday.mood_p < 0.001


# --------------------------------------------------------------------------- known effects


def assert_finds_only_pain_to_mood(report, truth: float) -> None:
    assert report.lag("pain->mood", 1).flagged
    assert report.lag("pain->mood", 1).r < 0
    assert not any(r.flagged for r in report.direction("mood->pain") if r.lag > 0)
    forward, reverse = report.regression("pain->mood"), report.regression("mood->pain")
    assert forward.flagged and not reverse.flagged
    assert abs(forward.coef - truth) <= 1.96 * forward.se
    assert abs(reverse.coef) <= 1.96 * reverse.se


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_built_in_pain_to_next_day_mood_effect_is_found_and_not_reversed(seed: int) -> None:
    pain, mood = simulate(240, pain_to_mood=-0.3, seed=seed, missing=0.12, weekend=0.4)
    assert_finds_only_pain_to_mood(analyse(to_checkins(pain, mood)), truth=-0.3)


def test_a_built_in_mood_to_next_day_pain_effect_is_found_in_that_direction() -> None:
    pain, mood = simulate(240, mood_to_pain=-0.35, seed=12, missing=0.1)
    report = analyse(to_checkins(pain, mood))
    assert report.lag("mood->pain", 1).flagged
    assert not any(r.flagged for r in report.direction("pain->mood") if r.lag > 0)
    assert report.regression("mood->pain").flagged
    assert not report.regression("pain->mood").flagged
    assert "Lower mood went with higher pain the next day" in report.lag("mood->pain", 1).sentence


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


def test_the_sample_diary_shows_its_built_in_effect() -> None:
    """data/README.md: pain lowers next-day mood by 0.3 points; nothing the other way."""
    report = analyse(read_sample_diary())
    assert report.days.first == dt.date(2025, 3, 16) and report.days.observed == 320
    assert_finds_only_pain_to_mood(report, truth=-0.3)
    assert report.weekday is not None  # 320 days: adjusted for weekday and trend


# --------------------------------------------------------------------------- data rules


def test_too_few_pairs_say_how_many_more_days_are_needed() -> None:
    pain, mood = simulate(19, pain_to_mood=-0.6, seed=1)
    report = analyse(to_checkins(pain, mood))
    lag0 = report.lag("pain->mood", 0)
    assert (lag0.n, lag0.status, lag0.r, lag0.ci, lag0.p) == (19, "insufficient", None, None, None)
    assert "1 more day needed" in lag0.sentence
    assert "3 more days needed" in report.lag("pain->mood", 2).sentence
    assert report.regression("pain->mood").coef is None
    assert "2 more days" in report.regression("pain->mood").sentence


def test_twenty_to_forty_nine_pairs_are_preliminary_and_never_flagged() -> None:
    pain, mood = simulate(45, pain_to_mood=-0.9, seed=2)
    report = analyse(to_checkins(pain, mood))
    lag1 = report.lag("pain->mood", 1)
    assert lag1.status == "preliminary" and lag1.r < -0.3 and lag1.ci is not None
    assert lag1.p is not None and lag1.p < 0.05  # strong, yet not flagged
    assert not any(r.flagged for r in report.lagged)
    assert not any(r.flagged for r in report.cross_lagged)
    assert "preliminary: 6 more days needed" in lag1.sentence


def test_a_shared_weekend_effect_is_not_mistaken_for_a_link() -> None:
    """STATS.md §2: without the weekday adjustment this flagged lag 0 and 7 often."""
    flagged_any = 0
    for seed in range(6):
        pain, mood = simulate(364, seed=100 + seed, weekend=-2.5, missing=0.05)
        report = analyse(to_checkins(pain, mood))
        assert report.weekday.pain_p < 0.001
        flagged_any += any(r.flagged for r in report.lagged)
    assert flagged_any <= 1


def test_factors_get_the_same_view_against_pain_and_mood() -> None:
    pain, mood = simulate(150, seed=30, missing=0.05)
    rng = np.random.default_rng(30)
    stress = np.clip(np.rint(np.nan_to_num(pain, nan=5) + rng.normal(0, 1, 150)), 0, 10)
    report = analyse(to_checkins(pain, mood, stress=stress))
    assert len(report.factors) == 6 * 2 * 2
    same_day = next(
        f for f in report.factors if (f.factor, f.target, f.lag) == ("stress", "pain", 0)
    )
    assert same_day.status == "ok" and same_day.r > 0.5 and same_day.p < 0.001
    assert same_day.sentence.startswith("Higher stress went with higher pain on the same day")
    sleep = next(f for f in report.factors if f.factor == "sleep_hours")
    assert (sleep.n, sleep.status, sleep.r) == (0, "insufficient", None)
    assert "no days with both recorded" in sleep.sentence


@pytest.mark.parametrize(
    "diary, reason",
    [
        ([(4, m) for m in [3, 5, 7, 6, 4] * 12], "pain was the same on every paired day"),
        ([(p, 6) for p in [3, 5, 7, 6, 4] * 12], "mood was the same on every paired day"),
    ],
)
def test_a_constant_score_gives_a_reason_not_an_error(diary, reason) -> None:
    checkins = [
        CheckIn(day=START + dt.timedelta(days=i), pain=p, mood=m) for i, (p, m) in enumerate(diary)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = analyse(checkins)
    for result in report.lagged:
        assert result.status == "insufficient" and result.r is None and not result.flagged
        assert reason in result.sentence
    assert all(r.coef is None and "same on every day" in r.sentence for r in report.cross_lagged)


def test_empty_and_one_day_diaries_give_results_with_reasons() -> None:
    for checkins in ([], [CheckIn(day=START, pain=3)]):
        report = analyse(checkins)
        assert len(report.lagged) == 16 and len(report.cross_lagged) == 2
        assert all(r.status == "insufficient" for r in report.lagged)
        assert "20 more days needed" in report.lagged[0].sentence
    assert analyse([]).days.to_dict() == {"first": None, "last": None, "observed": 0}


def test_start_and_end_limit_the_days_analysed() -> None:
    pain, mood = simulate(100, seed=3)
    checkins = to_checkins(pain, mood)
    report = analyse(
        checkins, start=START + dt.timedelta(days=10), end=START + dt.timedelta(days=39)
    )
    assert report.days.to_dict() == {
        "first": (START + dt.timedelta(days=10)).isoformat(),
        "last": (START + dt.timedelta(days=39)).isoformat(),
        "observed": 30,
    }
    assert report.lag("pain->mood", 0).n == 30


def test_json_shape_is_the_documented_one() -> None:
    pain, mood = simulate(90, pain_to_mood=-0.3, seed=7, missing=0.1)
    data = analyse(to_checkins(pain, mood)).to_dict()
    json.dumps(data, allow_nan=False)
    assert set(data) == {"lagged", "cross_lagged", "factors", "weekday", "days"}
    assert [(r["direction"], r["lag"]) for r in data["lagged"]] == [
        (d, lag) for d in ("pain->mood", "mood->pain") for lag in range(8)
    ]
    assert set(data["lagged"][0]) == {
        "direction", "lag", "n", "r", "ci", "rho", "r_prewhitened",
        "p", "q", "status", "flagged", "sentence",
    }  # fmt: skip
    forward_0, reverse_0 = data["lagged"][0], data["lagged"][8]
    assert {**forward_0, "direction": None} == {**reverse_0, "direction": None}
    assert isinstance(forward_0["ci"], list) and len(forward_0["ci"]) == 2
    assert set(data["cross_lagged"][0]) == {
        "direction", "coef", "se", "t", "p", "partial_r", "rows", "flagged", "sentence",
    }  # fmt: skip
    assert set(data["factors"][0]) == {
        "factor", "target", "lag", "n", "r", "ci", "p", "status", "sentence",
    }  # fmt: skip
    assert set(data["weekday"]) == {"pain_p", "mood_p"}


def test_unvalidated_nan_and_infinite_scores_count_as_missing_days() -> None:
    pain, mood = simulate(40, seed=2)
    checkins = to_checkins(pain, mood)
    broken = [
        CheckIn(day=START + dt.timedelta(days=40), pain=float("nan"), mood=5),  # type: ignore[arg-type]
        CheckIn(day=START + dt.timedelta(days=41), pain=float("inf"), mood=5),  # type: ignore[arg-type]
    ]
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        report = analyse(checkins + broken)
    assert report.lag("pain->mood", 0).n == 40
    assert report.lag("mood->pain", 0).r == analyse(checkins).lag("mood->pain", 0).r
