"""A real full disk and real read-only media, on a small tmpfs of their own.

Mounting needs root (as in a container); elsewhere these tests are skipped,
and the same failures are covered by OS-level doubles in test_export_cli.py.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.model import CheckIn
from tracker.store import Store

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 KB tmpfs mounted at tmp_path/disk, unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def painmood(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console script, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, timeout=60
    )


def fill(path: Path) -> None:
    with Store(path) as store:
        store.save_many(
            CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=n % 11, mood=5)
            for n in range(30)
        )


def fill_the_disk(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass  # full
    finally:
        os.close(fd)


def one_line(done: subprocess.CompletedProcess[str]) -> bool:
    return done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_full_disk_refuses_writes_in_one_line_and_still_reads(small_disk: Path) -> None:
    diary = small_disk / "diary.db"
    fill(diary)
    fill_the_disk(small_disk)
    log = painmood("--db", str(diary), "log", "--pain", "2", "--mood", "3", "--day", "2026-01-01")
    export_file = painmood("--db", str(diary), "export", "-o", str(small_disk / "out.csv"))
    backup = painmood("--db", str(diary), "backup")
    new_diary = painmood("--db", str(small_disk / "new.db"), "log", "--pain", "1", "--mood", "1")
    for done in (log, export_file, backup, new_diary):
        assert done.returncode == 2 and one_line(done), done.stderr
        assert "the disk is full" in done.stderr
        assert "damaged" not in done.stderr and "not an SQLite file" not in done.stderr
    to_screen = painmood("--db", str(diary), "export")  # rescuing the data still works
    assert to_screen.returncode == 0, to_screen.stderr
    assert len(to_screen.stdout.splitlines()) == 31
    assert not (small_disk / "out.csv").exists() and not (small_disk / "new.db").exists()
    assert [p.name for p in small_disk.iterdir() if p.name.startswith(".")] == []
    (small_disk / "filler").unlink()
    with Store(diary) as store:
        assert store.count() == 30
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_diary_on_read_only_media_is_read_and_never_written(small_disk: Path) -> None:
    diary = small_disk / "diary.db"
    fill(diary)
    before = diary.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    shown = painmood("--db", str(diary), "show", "--all")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert len(lines) == 32 and lines[-1] == "30 check-ins over 30 days."  # header, days, count
    for args in (("stats",), ("export",), ("export", "--format", "json")):
        done = painmood("--db", str(diary), *args)
        assert done.returncode == 0, done.stderr
    log = painmood("--db", str(diary), "log", "--pain", "2", "--mood", "3", "--day", "2026-01-01")
    assert log.returncode == 2 and one_line(log), log.stderr
    assert "can only be read" in log.stderr
    assert diary.read_bytes() == before
    assert sorted(os.listdir(small_disk)) == ["diary.db"]
