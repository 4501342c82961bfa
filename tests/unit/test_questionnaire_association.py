"""Weekly scores against the same weeks' pain and mood: a plain association, flagged only late."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from scipy import stats

from tracker.model import CheckIn
from tracker.questionnaires import PEG, PHQ9, Result
from tracker.questionnaires.association import (
    MIN_WEEKS_FLAGGED,
    associate,
    interval,
    spearman,
    week_mean,
)

START = dt.date(2025, 1, 6)
TODAY = dt.date(2026, 3, 1)


def _diary(weeks: int, link: float, seed: int = 1) -> tuple[list[Result], list[CheckIn]]:
    """PEG each week; the week's daily pain follows PEG's first item when `link` is 1."""
    rng = random.Random(seed)
    results, checkins = [], []
    for week in range(weeks):
        day = START + dt.timedelta(weeks=week)
        level = rng.randint(1, 9)
        results.append(Result(PEG, day, (level, level, rng.randint(0, 10))))
        for back in range(7):
            noise = rng.choice((-1, 0, 1))
            pain = level if link else rng.randint(0, 10)
            pain = max(0, min(10, pain + noise))
            checkins.append(
                CheckIn.create(day=day - dt.timedelta(days=back), pain=pain, mood=5, today=TODAY)
            )
    return results, checkins


def _peg_pain(results: list[Result], checkins: list[CheckIn]):  # noqa: ANN202
    return next(
        a for a in associate(results, checkins) if (a.instrument, a.against) == ("peg", "pain")
    )


def test_rho_agrees_with_scipy() -> None:
    rng = random.Random(3)
    xs = [rng.randint(0, 27) for _ in range(30)]
    ys = [rng.randint(0, 10) + rng.random() for _ in range(30)]
    assert spearman(xs, ys) == pytest.approx(stats.spearmanr(xs, ys).statistic, abs=1e-12)


def test_interval_is_fisher_z_with_bonett_wright() -> None:
    low, high = interval(0.5, 20)
    se = ((1 + 0.125) / 17) ** 0.5
    z = 0.5493061443340549
    assert low == pytest.approx(math.tanh(z - 1.959963984540054 * se))
    assert high == pytest.approx(math.tanh(z + 1.959963984540054 * se))


def test_never_flagged_under_twelve_weeks_however_strong() -> None:
    results, checkins = _diary(MIN_WEEKS_FLAGGED - 1, link=1)
    found = _peg_pain(results, checkins)
    assert found.weeks == 11 and found.rho is not None and found.rho > 0.7
    assert found.low is not None and found.low > 0  # even with 0 outside the interval
    assert not found.flagged
    assert "too few weeks to say it stands out (12 needed)" in found.sentence()


def test_a_strong_link_over_enough_weeks_stands_out() -> None:
    results, checkins = _diary(20, link=1)
    found = _peg_pain(results, checkins)
    assert found.flagged and found.low is not None and found.low > 0
    assert "it stands out" in found.sentence() and "not proof of cause" in found.sentence()


def test_no_link_is_rarely_flagged() -> None:
    flags = sum(_peg_pain(*_diary(20, link=0, seed=seed)).flagged for seed in range(60))
    assert flags <= 3  # the Bonferroni-level interval keeps chance flags rare


def test_too_few_weeks_says_how_many_more() -> None:
    results, checkins = _diary(3, link=1)
    assert _peg_pain(results, checkins).sentence().endswith("2 more weeks needed.")


def test_a_week_needs_four_days_with_the_score() -> None:
    days = {
        START - dt.timedelta(days=n): CheckIn.create(
            day=START - dt.timedelta(days=n), pain=4, today=TODAY
        )
        for n in range(3)
    }
    assert week_mean(days, START, "pain") is None
    days[START - dt.timedelta(days=6)] = CheckIn.create(
        day=START - dt.timedelta(days=6), pain=8, today=TODAY
    )
    assert week_mean(days, START, "pain") == 5.0


def test_incomplete_questionnaires_are_left_out() -> None:
    results, checkins = _diary(6, link=1)
    results.append(Result(PHQ9, START, (None,) * 10))
    phq = [a for a in associate(results, checkins) if a.instrument == "phq9"]
    assert all(a.weeks == 0 for a in phq)


def test_stats_command_prints_each_pair(db_path, monkeypatch) -> None:  # noqa: ANN001
    from tests.unit.test_cli import run
    from tracker.questionnaires import storage as qs
    from tracker.store import Store

    results, checkins = _diary(6, link=1)
    with Store(db_path) as store:
        store.save_many(checkins)
        qs.save_many(store, results)
    monkeypatch.setenv("PAINMOOD_DB", str(db_path))
    done = run("questionnaire", "stats")
    assert done.code == 0, done.stderr
    assert "PEG against the same weeks' mean daily pain: Spearman rho" in done.stdout
    assert "PHQ-9 against the same weeks' mean daily mood: 5 more weeks needed." in done.stdout
