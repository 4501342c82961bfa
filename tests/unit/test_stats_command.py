"""`painmood stats` as a person and a script use it, on a real database file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import Store

from .test_stats import START, simulate, to_checkins

TODAY = dt.date.today()  # the CLI works on the real local date


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, list(args), prog_name="painmood")


@pytest.fixture
def diary_db(db_path: Path) -> Path:
    """400 days ending today, pain lowering next-day mood, 5% of days skipped."""
    pain, mood = simulate(400, pain_to_mood=-0.35, seed=1, missing=0.05)
    shift = TODAY - (START + dt.timedelta(days=399))
    store = Store(db_path)
    store.save_many([dataclasses.replace(c, day=c.day + shift) for c in to_checkins(pain, mood)])
    store.close()
    return db_path


def test_json_has_the_documented_keys_and_flags_the_built_in_direction(diary_db: Path) -> None:
    result = run("stats", "--db", str(diary_db), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"verdicts", "lagged", "factors", "level_shifts", "days"} <= set(data)
    assert data["days"]["last"] == TODAY.isoformat() and 360 <= data["days"]["observed"] <= 400
    there, back = data["verdicts"]
    assert (there["direction"], there["flagged"], there["method"]) == (
        "pain->mood",
        True,
        "latent-var",
    )
    assert there["ci"][0] < -0.35 < there["ci"][1]
    assert back["direction"] == "mood->pain" and back["flagged"] is False
    assert all("flagged" not in row for row in data["lagged"] + data["factors"])


def test_days_and_from_to_limit_the_period(diary_db: Path) -> None:
    data = json.loads(run("stats", "--db", str(diary_db), "--json", "--days", "30").stdout)
    assert data["days"]["first"] >= (TODAY - dt.timedelta(days=29)).isoformat()
    assert data["days"]["observed"] <= 30
    assert not any(v["flagged"] for v in data["verdicts"])
    assert {v["status"] for v in data["verdicts"]} <= {"needs-days", "preliminary"}

    start, end = TODAY - dt.timedelta(days=99), TODAY - dt.timedelta(days=40)
    result = run(
        "stats", "--db", str(diary_db), "--json",
        "--from", start.isoformat(), "--to", end.isoformat(),
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert start.isoformat() <= data["days"]["first"] <= data["days"]["last"] <= end.isoformat()
    assert (
        "This period is too short to test; choose 365 days or more."
        in (data["verdicts"][0]["sentence"])
    )


def test_the_readable_report_explains_its_columns_and_fits_80_columns(diary_db: Path) -> None:
    result = run("stats", "--db", str(diary_db))
    assert result.exit_code == 0
    text = result.stdout
    lines = text.splitlines()
    verdict_row = next(line for line in lines if line.startswith("pain -> next mood"))
    assert verdict_row.endswith("stands out")
    flat = " ".join(text.split())  # sentences are wrapped to 80 columns
    assert "mood the next day was on average" in flat and "not proof" in flat
    for column in ("effect:", "p:", "r:", "pairs:"):
        assert column in text
    assert "q" not in verdict_row and "rho" not in text and "prew" not in text
    assert max(len(line) for line in lines) <= 80


def test_an_empty_diary_says_what_is_needed(db_path: Path) -> None:
    Store(db_path).close()  # an empty diary (a missing one is "There is no diary")
    result = run("stats", "--db", str(db_path))
    assert result.exit_code == 0
    assert "30 days with pain and mood are needed" in result.stdout
    data = json.loads(run("stats", "--db", str(db_path), "--json").stdout)
    assert data["days"] == {"first": None, "last": None, "observed": 0, "complete": 0}
    assert data["verdicts"][0]["status"] == "missing"


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


def test_a_mood_only_diary_says_pain_is_missing_once(db_path: Path) -> None:
    """Issue 13 item 4: 696 mood-only days are not '20 more days needed'."""
    store = Store(db_path)
    store.save_many([CheckIn(day=TODAY - dt.timedelta(days=i), mood=3 + i % 5) for i in range(696)])
    store.close()
    result = run("stats", "--db", str(db_path))
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "Pain is missing: no day in this diary has a pain score." in flat
    assert "30 such days for a first look" in flat and "more days needed" not in flat
    assert "Lag picture: a number is shown from 30 pairs of days." in flat


def test_weekly_questionnaires_join_the_statistics_only_once_answered(diary_db: Path) -> None:
    """PHQ-9 each week against that week's mean pain and mood: a plain association."""
    from tracker.questionnaires import PHQ9, Result
    from tracker.questionnaires import storage as questionnaires

    before = json.loads(run("stats", "--db", str(diary_db), "--json").stdout)
    assert "questionnaires" not in before
    with Store(diary_db) as store:
        by_day = {c.day: c for c in store.checkins()}
        for week in range(16):
            day = TODAY - dt.timedelta(days=7 * week)
            low = 9 - (by_day[day].mood if day in by_day and by_day[day].mood is not None else 5)
            answers = tuple(min(3, max(0, low // 3)) for _ in range(9)) + (1,)
            questionnaires.save(store, Result(PHQ9, day, answers))
    data = json.loads(run("stats", "--db", str(diary_db), "--json").stdout)
    rows = {(row["instrument"], row["against"]): row for row in data["questionnaires"]}
    assert rows[("phq9", "mood")]["weeks"] == 16
    assert rows[("gad7", "pain")]["weeks"] == 0 and rows[("gad7", "pain")]["flagged"] is False
    text = run("stats", "--db", str(diary_db)).stdout
    assert "Weekly questionnaires against the mean pain and mood of the same week:" in text
