"""After a level shift (STATS.md §4): the last 6 months against before, and a link that
held on one side of the shift and not on the other, in words and in `--json`."""

from __future__ import annotations

import datetime as dt
import functools
import json

import numpy as np
import pytest

from tracker.model import CheckIn
from tracker.stats import StatsReport, analyse

from .test_stats import START, simulate, to_checkins


def _link_then_shift() -> list[CheckIn]:
    """Two years: pain lowers next-day mood for 400 days, then pain rises 3, mood falls 2,
    and the link is gone."""
    p1, m1 = simulate(400, pain_to_mood=-0.4, seed=11)
    p2, m2 = simulate(400, seed=12)
    pain = np.concatenate([p1, np.clip(p2 + 3, 0, 10)])
    mood = np.concatenate([m1, np.clip(m2 - 2, 0, 10)])
    return to_checkins(pain, mood)


LINK_THEN_SHIFT = _link_then_shift()


@functools.cache
def link_then_shift_report() -> StatsReport:
    """Analysed once for the tests below (two years, and each side of the shift fitted)."""
    return analyse(LINK_THEN_SHIFT)


def test_after_a_shift_the_last_six_months_are_set_against_before_in_points() -> None:
    report = link_then_shift_report()
    assert {s.series for s in report.level_shifts} == {"pain", "mood"}
    levels = {level.series: level for level in report.recent_levels}
    last = START + dt.timedelta(days=799)
    for name, raw, higher in (("pain", "pain", True), ("mood", "mood", False)):
        level = levels[name]
        assert level.since == last - dt.timedelta(days=181) and level.recent_days == 182
        recent = [getattr(c, raw) for c in LINK_THEN_SHIFT if c.day >= level.since]
        before = [getattr(c, raw) for c in LINK_THEN_SHIFT if c.day < level.since]
        assert level.recent == pytest.approx(np.mean(recent), abs=0.006)
        assert level.before == pytest.approx(np.mean(before), abs=0.006)
        assert level.recent_ci[0] < level.recent < level.recent_ci[1]
        assert (level.difference_ci[0] > 0) if higher else (level.difference_ci[1] < 0)
        assert f"your {name} averaged {level.recent:.1f}" in level.sentence
    # A link that held before the shift and not since is described as such.
    there, back = report.link_changes
    assert there.direction == "pain->mood" and there.held == "before"
    assert there.before.stands_out and not there.since.stands_out
    assert there.before.ci[0] < -0.4 < there.before.ci[1]
    assert there.since.ci[0] < 0 < there.since.ci[1]
    assert there.sentence.startswith("Before the change around")
    assert "since then this does not stand out" in there.sentence
    assert back.held in ("neither", "since", "before", "both")
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert [row["series"] for row in data["last_6_months"]] == ["pain", "mood"]
    assert set(data["last_6_months"][0]["before"]) == {"mean", "ci", "days"}
    assert data["link_changes"][0]["held"] == "before"
    assert set(data["link_changes"][0]["since"]) == {
        "effect_per_point", "ci", "p", "stands_out", "days"
    }  # fmt: skip


def test_without_a_shift_there_is_no_comparison_and_a_short_side_is_not_fitted() -> None:
    pain, mood = simulate(200, seed=3)
    report = analyse(to_checkins(pain, mood))
    assert not report.level_shifts and not report.recent_levels and not report.link_changes
    # A shift 200 days in: the side before it is too short to be tested alone.
    pain, mood = simulate(500, seed=5)
    pain[200:] = np.clip(pain[200:] + 3, 0, 10)
    report = analyse(to_checkins(pain, mood))
    assert report.level_shifts and report.recent_levels and not report.link_changes


def test_the_cli_and_the_screen_show_the_comparison_and_the_changed_link(db_path) -> None:  # noqa: ANN001
    import dataclasses
    import io

    from click.testing import CliRunner
    from rich.console import Console

    from tracker.cli import cli
    from tracker.store import Store
    from tracker.ui.screens.stats import _shifts

    today = dt.date.today()
    move = today - LINK_THEN_SHIFT[-1].day
    store = Store(db_path)
    store.save_many([dataclasses.replace(c, day=c.day + move) for c in LINK_THEN_SHIFT])
    store.close()
    result = CliRunner().invoke(cli, ["stats", "--db", str(db_path)], prog_name="painmood")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "The last 6 months against before (means in points, 95% intervals):" in text
    assert "your pain averaged" in text and "your mood averaged" in text
    assert "A link that changed with the shift (each side fitted on its own):" in text
    assert "since then this does not stand out" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 80
    # The stats screen shows the same sentences under "Level shifts".
    shown = io.StringIO()
    Console(file=shown, width=100).print(_shifts(link_then_shift_report()))
    screen = " ".join(shown.getvalue().split())
    assert "The last 6 months against before" in screen
    assert "A link that changed with the shift" in screen and "Before the change around" in screen
