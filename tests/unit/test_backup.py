"""Backups: an online, consistent, private copy; dated names; pruning."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import Store
from tracker.transfer import make_backup, prune_backups

TODAY = dt.date(2026, 3, 15)


def fill(store: Store, days: int) -> None:
    start = dt.date(2025, 1, 1)
    store.save_many(
        CheckIn.create(today=TODAY, day=start + dt.timedelta(days=i), pain=i % 11, mood=10 - i % 11)
        for i in range(days)
    )


def rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM checkins ORDER BY day").fetchall()
    finally:
        conn.close()


def test_backup_while_another_connection_writes_is_consistent_and_private(
    tmp_path: Path,
) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 200)
    # The TUI holds the diary open and is in the middle of a transaction.
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE checkins SET note = 'uncommitted' WHERE day = '2025-01-01'")
    try:
        with Store(db) as store:
            copy = make_backup(store, tmp_path / "copy.db", TODAY)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    assert rows(copy) == rows(db)
    assert all(row[-3] != "uncommitted" for row in rows(copy))
    with Store(copy) as restored:
        assert restored.count() == 200


def test_cli_backup_goes_to_a_dated_file_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "data" / "painmood.db"
    with Store(db) as store:
        fill(store, 3)
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", str(db), "backup"])
    second = runner.invoke(cli, ["--db", str(db), "backup"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    today = dt.date.today().isoformat()
    folder = tmp_path / "data" / "backups"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"painmood-{today}-2.db",
        f"painmood-{today}.db",
    ]
    assert f"Backed up to {folder / f'painmood-{today}.db'}" in first.output
    assert stat.S_IMODE(os.stat(folder / f"painmood-{today}-2.db").st_mode) == 0o600


def test_cli_backup_to_a_named_file_and_refusal_to_overwrite(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 3)
    target = tmp_path / "elsewhere" / "copy.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "backup", str(target)]).exit_code == 0
    assert rows(target) == rows(db)
    again = runner.invoke(cli, ["--db", str(db), "backup", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr


def test_keep_prunes_only_the_oldest_painmood_backups(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    names = [
        "painmood-2026-01-01.db",
        "painmood-2026-02-01.db",
        "painmood-2026-02-01-2.db",
        "painmood-2026-03-01.db",
        "notes.txt",
        "painmood.db",
    ]
    for name in names:
        (folder / name).write_bytes(b"x")
    removed = prune_backups(folder, keep=2)
    assert sorted(p.name for p in removed) == ["painmood-2026-01-01.db", "painmood-2026-02-01.db"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        "painmood-2026-02-01-2.db",
        "painmood-2026-03-01.db",
        "painmood.db",
    ]


def test_cli_keep_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 3)
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "painmood-2020-01-01.db").write_bytes(b"old")
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", "--keep", "1"])
    assert result.exit_code == 0, result.output
    assert "Removed old backup" in result.output
    assert [p.name for p in folder.iterdir()] == [f"painmood-{dt.date.today().isoformat()}.db"]


def test_backup_of_a_missing_diary_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "backup"])
    assert result.exit_code == 2
    assert "nothing to back up" in result.stderr
    assert not (tmp_path / "none.db").exists()
