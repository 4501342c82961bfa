"""`painmood chart` as a person runs it: the real console entry point in a child process."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import demo
from tracker.model import CheckIn
from tracker.store import Store

KINDS = ("trend", "lags", "scatter", "weekly", "factor")


def run_chart(db: Path, *args: str, no_color: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), "chart", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture(scope="module")
def full_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 days of the demo diary ending today (the command's --days counts back from today)."""
    path = tmp_path_factory.mktemp("full") / "diary.db"
    store = Store(path)
    store.save_many(demo.generate_diary(days=120, end=dt.date.today()))
    store.close()
    return path


@pytest.fixture
def first_day(db_path: Path) -> Path:
    """A diary on its first day: too little for any chart."""
    store = Store(db_path)
    store.save(CheckIn(day=dt.date.today(), pain=4, mood=6))
    store.close()
    return db_path


@pytest.mark.parametrize("kind", KINDS)
def test_each_chart_prints_at_the_given_size(full_diary: Path, kind: str) -> None:
    result = run_chart(full_diary, kind, "--width", "90", "--height", "28")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.rstrip("\n").splitlines()
    assert 20 <= len(lines) <= 28
    assert max(len(line) for line in lines) <= 90
    assert max(len(line) for line in lines) >= 80  # drawn at the width asked for
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


@pytest.mark.parametrize("kind", KINDS)
def test_not_enough_data_is_a_sentence_and_exit_0(first_day: Path, kind: str) -> None:
    result = run_chart(first_day, kind, "--width", "80", "--height", "24")
    assert result.returncode == 0
    assert result.stdout.startswith("Not enough data for the ")
    assert len(result.stdout.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and result.stderr == ""


def test_an_empty_database_is_not_an_error(db_path: Path) -> None:
    Store(db_path).close()  # an empty diary (a missing one is "There is no diary")
    result = run_chart(db_path, "trend")
    assert result.returncode == 0
    assert result.stdout.startswith("Not enough data for the trend chart")


def test_days_limits_the_period(full_diary: Path) -> None:
    today = dt.date.today()
    result = run_chart(full_diary, "trend", "--days", "30", "--width", "100", "--height", "30")
    assert result.returncode == 0, result.stderr
    first = today - dt.timedelta(days=29)
    assert f"{first.isoformat()} to {today.isoformat()}" in result.stdout
    assert "7-day mean" in result.stdout


def test_default_size_in_a_pipe_is_100_by_30(full_diary: Path) -> None:
    result = run_chart(full_diary, "trend")
    lines = result.stdout.rstrip("\n").splitlines()
    assert len(lines) <= 30 and 91 <= max(len(line) for line in lines) <= 100


def test_factor_and_reverse_options(full_diary: Path) -> None:
    factor = run_chart(full_diary, "factor", "--factor", "sleep-hours", "--against", "mood")
    assert factor.returncode == 0, factor.stderr
    assert "Sleep hours" in factor.stdout and "Mood over the same days" in factor.stdout
    reverse = run_chart(full_diary, "scatter", "--reverse")
    assert "Mood today vs pain tomorrow" in reverse.stdout


def test_theme_asks_for_colour_but_a_pipe_and_no_color_still_get_none(full_diary: Path) -> None:
    assert "\x1b[" not in run_chart(full_diary, "trend", "--theme", "dark").stdout
    assert "\x1b[" not in run_chart(full_diary, "trend", no_color=True).stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["pie"], "'pie' is not one of"),
        (["factor", "--factor", "shoe-size"], "'shoe-size' is not one of"),
        (["trend", "--width", "10"], "--width"),
        (["trend", "--days", "0"], "--days"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(db_path: Path, args: list[str], words: str) -> None:
    result = run_chart(db_path, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


class TestOnATerminal:
    """Size and colour when stdout is a terminal (the child-process tests above use a pipe)."""

    @pytest.fixture
    def terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from tracker.cli import chart_command

        monkeypatch.setattr(chart_command.sys.stdout, "isatty", lambda: True, raising=False)
        monkeypatch.setattr(
            chart_command.shutil, "get_terminal_size", lambda fallback: os.terminal_size((132, 40))
        )

    def test_size_comes_from_the_terminal_unless_given(self, terminal: None) -> None:
        from tracker.cli.chart_command import _size

        assert _size(None, None) == (132, 39)  # one line left for the prompt
        assert _size(90, None) == (90, 39)
        assert _size(90, 20) == (90, 20)

    def test_colour_on_a_terminal_unless_no_color_or_mono(
        self, terminal: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from tracker.cli.chart_command import _style

        assert _style(None) == "dark"
        assert _style("light") == "light"
        assert _style("mono") == "mono"
        monkeypatch.setenv("NO_COLOR", "1")
        assert _style("light") == "mono"
