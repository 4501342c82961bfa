"""`painmood export`: formats, period, standard output, private files, errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli, main
from tracker.model import CheckIn
from tracker.store import Store

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save_many(
            [
                CheckIn.create(today=TODAY, day="2024-01-01", pain=5, mood=4, tags=["physio"]),
                CheckIn.create(today=TODAY, day="2024-01-02", pain=3, mood=6, note="+better"),
                CheckIn.create(today=TODAY, day="2024-01-05", mood=7),
            ]
        )
    return db


def test_csv_to_standard_output(diary: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(diary), "export"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0][:3] == ["day", "pain", "mood"]
    assert [r[0] for r in rows[1:]] == ["2024-01-01", "2024-01-02", "2024-01-05"]
    assert rows[2][-1] == "'+better"


def test_period_limits_the_rows(diary: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(diary),
            "export",
            "--format",
            "json",
            "--from",
            "2024-01-02",
            "--to",
            "2024-01-04",
        ],
    )
    assert result.exit_code == 0, result.output
    days = [c["day"] for c in json.loads(result.stdout)["checkins"]]
    assert days == ["2024-01-02"]


@pytest.mark.parametrize("fmt", ["csv", "json", "fhir", "report", "report-md"])
def test_files_are_created_private(fmt: str, diary: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / f"out-{fmt}"
    result = CliRunner().invoke(
        cli, ["--db", str(diary), "export", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert "Wrote 3 check-ins (2024-01-01 to 2024-01-05)" in result.output
    assert out.read_text(encoding="utf-8")


def test_an_existing_file_is_made_private_when_overwritten(diary: Path, tmp_path: Path) -> None:
    out = tmp_path / "shared.csv"
    out.write_text("old")
    os.chmod(out, 0o644)
    assert CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", str(out)]).exit_code == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("day,pain")


def test_reversed_period_is_one_line_and_exit_2(
    diary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", str(diary), "export", "--from", "2024-02-01", "--to", "2024-01-01"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--from 2024-02-01 is after --to 2024-01-01" in err


def test_bad_day_is_one_line_and_exit_2(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", str(diary), "export", "--from", "01/02/2024"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "--from" in err and "2024-03-31" in err
