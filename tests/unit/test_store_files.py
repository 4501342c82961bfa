"""The diary's file: foreign files refused and left untouched, private modes, read-only
diaries, backups, and a crash mid-write that keeps the last saved state.

Every test uses a real file in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tracker.diary_file import APPLICATION_ID
from tracker.store import SCHEMA_VERSION, NoDiary, Store, StoreError

from .store_cases import DAY, full_checkin, integrity


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# -- refusing files that are not ours -------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('soup', 30)")
    conn.commit()
    conn.close()


def _foreign_sqlite_rollback_journal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE checkins (day TEXT, pain INTEGER)")  # looks alike, is not ours
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _text(path: Path) -> None:
    path.write_text("day,pain,mood\n2026-03-01,5,5\n", encoding="utf-8")


def _sqlite_header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))


def _newer_painmood(path: Path) -> None:
    with Store(path) as store:
        store.save(full_checkin())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _other_apps_empty_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("VACUUM")
    conn.close()


def _only_a_view(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW hello AS SELECT 1 AS one")
    conn.close()


def _tableless_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.close()


def _painmood_with_an_extra_table(path: Path) -> None:
    with Store(path) as store:
        store.save(full_checkin())
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE someone_elses (x)")
    conn.commit()
    conn.close()


def _truncated_diary(path: Path) -> None:
    with Store(path) as store:
        store.save_many(full_checkin(DAY - dt.timedelta(days=n)) for n in range(300))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


REFUSED = {
    "sqlite-not-painmood": (_foreign_sqlite, "not a painmood"),
    "sqlite-lookalike": (_foreign_sqlite_rollback_journal, "not a painmood"),
    "random-bytes": (_random_bytes, "not an SQLite file"),
    "text": (_text, "not an SQLite file"),
    "corrupt-sqlite": (_sqlite_header_then_garbage, "damaged"),
    "truncated-diary": (_truncated_diary, "damaged"),
    "newer-schema": (_newer_painmood, "newer painmood"),
    "other-apps-empty-database": (_other_apps_empty_database, "another application"),
    "only-a-view": (_only_a_view, "not a painmood"),
    "table-less-sqlite": (_tableless_sqlite, "not a painmood"),
    "extra-table": (_painmood_with_an_extra_table, "does not know"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_a_file_that_is_not_ours_is_refused_and_left_untouched(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "diary.db"
    build, words = REFUSED[kind]
    build(path)
    os.chmod(path, 0o644)
    before = snapshot(folder)
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert words in message and str(path) in message and "untouched" in message
    assert "\n" not in message
    assert snapshot(folder) == before  # same bytes, and no -wal or -shm left behind
    assert mode(path) == 0o644


def test_a_damaged_diary_points_to_backups(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    _truncated_diary(path)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert "backup" in str(caught.value) and "not an SQLite file" not in str(caught.value)


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    with pytest.raises(StoreError) as caught:
        Store(fifo)  # opening it for reading would block forever
    assert "not a regular file" in str(caught.value)


def test_a_dangling_link_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "diary.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    with pytest.raises(StoreError) as caught:
        Store(link)
    assert "link to a missing file" in str(caught.value)
    assert not (tmp_path / "elsewhere.db").exists()


def test_reading_never_creates_a_diary(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(NoDiary) as caught:
        Store(path, create=False)
    assert str(caught.value) == f"There is no diary at {path}."
    assert not path.exists() and not (tmp_path / "typo.db-wal").exists()


def test_a_new_diary_carries_painmoods_application_id(db_path: Path) -> None:
    with Store(db_path):
        pass
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(tmp_path)
    assert "folder" in str(caught.value)


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store(blocker / "diary.db")  # a path "inside" a regular file
    assert str(blocker / "diary.db") in str(caught.value)


# -- privacy ------------------------------------------------------------------


def test_new_folder_and_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "private" / "painmood"
    path = folder / "painmood.db"
    old_umask = os.umask(0o022)
    try:
        with Store(path) as store:
            store.save(full_checkin())
            wal = path.with_name(path.name + "-wal")
            shm = path.with_name(path.name + "-shm")
            assert wal.exists() and shm.exists()
            assert mode(wal) == 0o600 and mode(shm) == 0o600
            backup = store.backup_to(tmp_path / "copy.db")
    finally:
        os.umask(old_umask)
    assert mode(folder) == 0o700
    assert mode(path) == 0o600
    assert mode(backup) == 0o600
    with Store(backup) as copy:
        assert copy.get(DAY) == full_checkin()


def test_an_existing_diary_with_loose_permissions_is_tightened(db_path: Path) -> None:
    with Store(db_path):
        pass
    os.chmod(db_path, 0o644)
    with Store(db_path):
        assert mode(db_path) == 0o600


def test_modes_are_only_ever_tightened(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(full_checkin())
    os.chmod(db_path, 0o400)
    with Store(db_path) as store:
        assert store.get(DAY) == full_checkin()
    assert mode(db_path) == 0o400  # never loosened back to 0600
    os.chmod(db_path, 0o640)
    with Store(db_path):
        assert mode(db_path) == 0o600


def test_folders_made_above_the_data_folder_are_not_world_writable(tmp_path: Path) -> None:
    old_umask = os.umask(0)
    try:
        with Store(tmp_path / "a" / "b" / "data" / "diary.db"):
            pass
    finally:
        os.umask(old_umask)
    assert mode(tmp_path / "a") & 0o022 == 0
    assert mode(tmp_path / "a" / "b") & 0o022 == 0
    assert mode(tmp_path / "a" / "b" / "data") == 0o700


def test_a_read_only_diary_is_read_without_writing(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(full_checkin())
    before = db_path.read_bytes()
    with Store(db_path, read_only=True) as store:
        assert store.get(DAY) == full_checkin()
        with pytest.raises(StoreError) as caught:
            store.save(full_checkin(pain=1))
        assert "can only be read" in str(caught.value)
    assert db_path.read_bytes() == before


def test_an_unwritable_diary_opens_read_only_by_itself(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder or medium, as the OS reports it (root ignores chmod, so the
    answer of os.access is what is replaced here; the files are real)."""
    with Store(db_path) as store:
        store.save(full_checkin())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if m & os.W_OK else real_access(p, m))
    with Store(db_path) as store:
        assert store.read_only
        assert store.checkins() == [full_checkin()]


def test_backup_refuses_to_overwrite(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "exists.db"
    target.write_text("keep me")
    with pytest.raises(StoreError):
        store.backup_to(target)
    assert target.read_text() == "keep me"


# -- crash safety ---------------------------------------------------------------

CRASHING_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from tracker.model import CheckIn
    from tracker.store import Store

    store = Store(sys.argv[1])
    store.conn.execute("PRAGMA cache_size = 8")  # spill pages into the WAL mid-transaction

    def rows():
        start = dt.date(2000, 1, 1)
        for n in range(1_000_000):
            if n == 3000:
                print("writing", flush=True)
            yield CheckIn(day=start + dt.timedelta(days=n), pain=n % 11, mood=5, note="x" * 500)

    store.save_many(rows())
    print("finished", flush=True)
    """
)


def test_a_crash_mid_write_keeps_the_last_saved_state(db_path: Path, tmp_path: Path) -> None:
    saved = [full_checkin(day=DAY - dt.timedelta(days=n), pain=n) for n in range(10)]
    with Store(db_path) as store:
        for checkin in saved:
            store.save(checkin)
    script = tmp_path / "writer.py"
    script.write_text(CRASHING_WRITER)
    writer = subprocess.Popen(
        [sys.executable, str(script), str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > 100_000  # the transaction really reached the disk
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    with Store(db_path) as store:
        assert store.checkins() == sorted(saved, key=lambda c: c.day)
        assert len(store.revisions()) == 10
        store.save(full_checkin(day=DAY - dt.timedelta(days=20)))  # and it takes new writes
    assert integrity(db_path) == "ok"


def test_the_app_is_not_opened_on_a_diary_it_cannot_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving would fail on every screen: say so before the app starts (os.access as the
    OS reports a read-only folder; root ignores chmod)."""
    from click.testing import CliRunner

    from tracker.cli import cli

    with Store(db_path) as store:
        store.save(full_checkin())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if m & os.W_OK else real_access(p, m))
    result = CliRunner().invoke(cli, ["--db", str(db_path)])
    assert result.exit_code == 2
    assert "can only be read here" in result.stderr and "painmood export" in result.stderr
    shown = CliRunner().invoke(cli, ["--db", str(db_path), "show", "--all"])
    assert shown.exit_code == 0 and DAY.isoformat() in shown.stdout


@pytest.mark.parametrize(("flag", "env"), [("", None), ("  ", None), (None, ""), (None, " ")])
def test_an_empty_diary_path_never_falls_back_to_the_real_diary(
    flag: str | None, env: str | None, monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path
) -> None:
    """A script's unset variable (`--db "$DIARY"`) must not write into the default diary."""
    from click.testing import CliRunner

    from tracker.cli import cli
    from tracker.paths import database_path

    if env is not None:
        monkeypatch.setenv("PAINMOOD_DB", env)
    args = ["--db", flag] if flag is not None else []
    result = CliRunner().invoke(cli, [*args, "log", "--pain", "3", "--mood", "4"])
    assert result.exit_code == 2
    assert "empty" in result.stderr and result.stderr.count("\n") == 1
    monkeypatch.delenv("PAINMOOD_DB", raising=False)
    assert not database_path().exists()
