"""`painmood export`: formats, period, standard output, private files, errors.

An export never destroys anything: not the diary, not an existing file
(unless --force), not what a link points to, not a device.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import stat
import subprocess
import sys
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
    if fmt == "fhir":
        from tests.unit.test_export_formats import valid_fhir

        valid_fhir(out.read_text(encoding="utf-8"))


def test_an_existing_file_is_refused_then_replaced_with_force(diary: Path, tmp_path: Path) -> None:
    out = tmp_path / "shared.csv"
    out.write_text("old")
    os.chmod(out, 0o644)
    refused = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", str(out)])
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text() == "old" and stat.S_IMODE(os.stat(out).st_mode) == 0o644
    forced = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("day,pain")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.db", "home", "shared.csv"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("force", [False, True])
def test_export_onto_the_diary_is_refused(
    diary: Path, tmp_path: Path, suffix: str, force: bool
) -> None:
    """`export --db d.db -o d.db` once turned the diary into a CSV."""
    target = diary.with_name(diary.name + suffix)
    before = diary.read_bytes()
    args = ["--db", str(diary), "export", "-o", str(target)] + (["--force"] if force else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "is the diary itself" in result.stderr
    assert diary.read_bytes() == before


def test_export_onto_the_diary_by_another_name_is_refused(diary: Path, tmp_path: Path) -> None:
    other = tmp_path / "sub"
    other.mkdir()
    hard_link = other / "same.db"
    os.link(diary, hard_link)
    dotted = tmp_path / "sub" / ".." / diary.name
    for target in (hard_link, dotted):
        result = CliRunner().invoke(
            cli, ["--db", str(diary), "export", "-o", str(target), "--force"]
        )
        assert result.exit_code == 2 and "is the diary itself" in result.stderr


def test_the_side_files_of_a_linked_diary_are_refused_too(diary: Path, tmp_path: Path) -> None:
    """With --db a link, SQLite keeps the -wal beside the real file: that name is the diary's."""
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(diary)
    target = diary.with_name(diary.name + "-wal")
    result = CliRunner().invoke(cli, ["--db", str(link), "export", "-o", str(target)])
    assert result.exit_code == 2 and "is the diary itself" in result.stderr
    assert not target.exists()


def test_a_link_is_never_written_through(diary: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    for extra in ([], ["--force"]):
        result = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", str(link), *extra])
        assert result.exit_code == 2 and "link" in result.stderr
    assert precious.read_text() == "keep" and link.is_symlink()


def test_a_device_is_never_written_or_chmodded(diary: Path) -> None:
    before = os.stat("/dev/null")
    result = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", "/dev/null", "--force"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    after = os.stat("/dev/null")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_dash_writes_to_standard_output(diary: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("day,pain")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("target", ["", " "])
def test_an_empty_file_name_is_one_line_and_exit_2(diary: Path, target: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", target])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "empty" in result.stderr


def test_a_full_disk_keeps_the_old_export_whole(
    diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "old.csv"
    out.write_text("the old export")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # the OS-level write reports the full disk
    result = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", str(out), "--force"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "the disk is full" in result.stderr
    assert out.read_text() == "the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.db", "home", "old.csv"]


def test_a_full_disk_on_standard_output_is_one_line(diary: Path) -> None:
    """`painmood export > /dev/full`, through the real console script."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(diary), "export"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "standard output" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_read_only_folder_is_one_line(
    diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    result = CliRunner().invoke(cli, ["--db", str(diary), "export", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "read-only" in result.stderr


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "report"]])
def test_export_of_a_missing_diary_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "typo.db"
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["--db", str(typo), *command, "-o", str(out)])
    assert result.exit_code == 2
    assert f"There is no diary at {typo}" in result.stderr
    assert not typo.exists() and not out.exists()


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
