"""`painmood stats` as a person and a script use it, on a real database file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.store import Store

from .test_stats import START, simulate, to_checkins

TODAY = dt.date.today()  # the CLI works on the real local date


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, list(args), prog_name="painmood")


@pytest.fixture
def diary_db(db_path: Path) -> Path:
    """200 days ending today, pain lowering next-day mood, 10% of days skipped."""
    pain, mood = simulate(200, pain_to_mood=-0.35, seed=1, missing=0.1)
    shift = TODAY - (START + dt.timedelta(days=199))
    store = Store(db_path)
    store.save_many([dataclasses.replace(c, day=c.day + shift) for c in to_checkins(pain, mood)])
    store.close()
    return db_path


def test_json_has_the_documented_keys_and_flags_the_built_in_direction(diary_db: Path) -> None:
    result = run("stats", "--db", str(diary_db), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"lagged", "cross_lagged", "factors", "weekday", "days"}
    assert data["days"]["last"] == TODAY.isoformat() and 160 <= data["days"]["observed"] <= 200
    flagged = {(r["direction"], r["lag"]) for r in data["lagged"] if r["flagged"]}
    assert ("pain->mood", 1) in flagged
    assert not any(direction == "mood->pain" and lag > 0 for direction, lag in flagged)
    assert [r["flagged"] for r in data["cross_lagged"]] == [True, False]


def test_days_and_from_to_limit_the_period(diary_db: Path) -> None:
    data = json.loads(run("stats", "--db", str(diary_db), "--json", "--days", "30").stdout)
    assert data["days"]["first"] >= (TODAY - dt.timedelta(days=29)).isoformat()
    assert data["days"]["observed"] <= 30
    lag0 = data["lagged"][0]
    assert lag0["status"] in ("preliminary", "insufficient")
    assert not any(r["flagged"] for r in data["lagged"])

    start, end = TODAY - dt.timedelta(days=99), TODAY - dt.timedelta(days=40)
    result = run(
        "stats", "--db", str(diary_db), "--json",
        "--from", start.isoformat(), "--to", end.isoformat(),
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert start.isoformat() <= data["days"]["first"] <= data["days"]["last"] <= end.isoformat()


def test_the_readable_report_has_both_directions_and_the_flagged_sentence(
    diary_db: Path,
) -> None:
    result = run("stats", "--db", str(diary_db))
    assert result.exit_code == 0
    text = result.stdout
    assert "Pain today -> mood later" in text and "Mood today -> pain later" in text
    lag1 = next(line for line in text.splitlines() if line.startswith("  1 "))
    assert lag1.endswith("flagged")
    assert "Higher pain went with lower mood the next day" in text
    assert "not proof" in text


def test_an_empty_diary_says_what_is_needed(db_path: Path) -> None:
    Store(db_path).close()  # an empty diary (a missing one is "There is no diary")
    result = run("stats", "--db", str(db_path))
    assert result.exit_code == 0
    assert "20 days" in result.stdout
    data = json.loads(run("stats", "--db", str(db_path), "--json").stdout)
    assert data["days"] == {"first": None, "last": None, "observed": 0}
    assert data["lagged"][0]["sentence"].endswith("20 more days needed before a first look.")


@pytest.mark.parametrize(
    "args, words",
    [
        (["--days", "7", "--from", "2026-01-01"], "either --days or --from/--to"),
        (["--from", "2026-03-01", "--to", "2026-01-01"], "is after --to"),
        (["--from", "2026-13-01"], "--from"),
        (["--days", "0"], "--days"),
    ],
)
def test_bad_periods_exit_2_with_one_line(diary_db: Path, args: list[str], words: str) -> None:
    result = run("stats", "--db", str(diary_db), *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
