"""Backups: an online, consistent, checked, private copy; names per diary; pruning."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.backups import backup_opens, prune_backups, write_backup
from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import Store, StoreError

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
            copy = write_backup(store, tmp_path / "copy.db")
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
    with Store(tmp_path / "painmood.db") as store:
        fill(store, 2)
        for name in names:
            write_backup(store, folder / name)
    (folder / "painmood-2026-01-01.db-wal").write_bytes(b"")
    removed, broken = prune_backups(folder, keep=2, stem="painmood")
    assert broken == []
    assert sorted(p.name for p in removed) == ["painmood-2026-01-01.db", "painmood-2026-02-01.db"]
    assert sorted(p.name for p in folder.iterdir()) == [  # side files went with their backup
        "notes.txt",
        "painmood-2026-02-01-2.db",
        "painmood-2026-03-01.db",
        "painmood.db",
    ]


def test_keep_counts_only_backups_that_open(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    with Store(tmp_path / "painmood.db") as store:
        fill(store, 2)
        write_backup(store, folder / "painmood-2026-01-01.db")
    (folder / "painmood-2026-02-01.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    (folder / "painmood-2026-03-01.db").write_bytes(b"")
    removed, broken = prune_backups(folder, keep=1, stem="painmood")
    assert removed == []  # the one good backup is kept, whatever the broken ones
    assert sorted(p.name for p in broken) == ["painmood-2026-02-01.db", "painmood-2026-03-01.db"]
    assert (folder / "painmood-2026-01-01.db").exists()


def test_cli_keep_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 3)
    folder = tmp_path / "backups"
    folder.mkdir()
    with Store(db) as store:
        write_backup(store, folder / "diary-2020-01-01.db")
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", "--keep", "1"])
    assert result.exit_code == 0, result.output
    assert "Removed old backup" in result.output
    assert [p.name for p in folder.iterdir()] == [f"diary-{dt.date.today().isoformat()}.db"]


def test_backups_are_named_after_their_diary_and_keep_spares_other_diaries(
    tmp_path: Path,
) -> None:
    """`painmood --db demo.db backup --keep 1` once deleted the real diary's backup."""
    real, demo = tmp_path / "painmood.db", tmp_path / "demo.db"
    for path in (real, demo):
        with Store(path) as store:
            fill(store, 3)
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(real), "backup"]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(demo), "backup", "--keep", "1"])
    assert result.exit_code == 0, result.output
    today = dt.date.today().isoformat()
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [
        f"demo-{today}.db",
        f"painmood-{today}.db",
    ]
    assert "Removed" not in result.output


def test_an_interrupted_backup_never_leaves_a_file_under_the_real_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 50)
        # The copy is checked before it is named: a failed check keeps nothing.
        monkeypatch.setattr(
            "tracker.backups._check_copy", lambda path, n, key=None: "is broken (test)"
        )
        with pytest.raises(StoreError) as caught:
            write_backup(store, tmp_path / "copy.db")
    assert "nothing was kept" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.db", "home"]


def test_a_backup_is_one_self_contained_file_that_opens(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 5)
        copy = write_backup(store, tmp_path / "copy.db")
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: no -wal needed
    assert backup_opens(copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "diary.db", "home"]


def test_backup_into_a_missing_folder_makes_a_folder_not_a_file(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 3)
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", str(tmp_path / "newdir") + "/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newdir").is_dir()
    assert stat.S_IMODE(os.stat(tmp_path / "newdir").st_mode) == 0o700
    assert [p.name for p in (tmp_path / "newdir").iterdir()] == [
        f"diary-{dt.date.today().isoformat()}.db"
    ]


def test_backup_to_a_dangling_link_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 3)
    link = tmp_path / "copy.db"
    link.symlink_to(tmp_path / "gone" / "target.db")
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", str(link)])
    assert result.exit_code == 2
    assert "link to a missing file" in result.stderr
    assert not (tmp_path / "gone").exists()


def test_backup_into_an_existing_folder_picks_a_dated_name(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        fill(store, 3)
    folder = tmp_path / "usb"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", str(folder)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == [f"diary-{dt.date.today().isoformat()}.db"]


def test_backup_of_a_missing_diary_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "backup"])
    assert result.exit_code == 2
    assert "There is no diary at" in result.stderr
    assert not (tmp_path / "none.db").exists()
