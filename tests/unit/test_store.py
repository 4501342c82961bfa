"""The diary on disk: what is saved comes back, nothing is lost, foreign files are left alone.

Every test uses a real SQLite file in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracker.diary_file import APPLICATION_ID
from tracker.model import CheckIn, InvalidInput
from tracker.store import (
    SCHEMA_VERSION,
    MergeSummary,
    NoDiary,
    NotFound,
    NothingToUndo,
    Store,
    StoreError,
)

DAY = dt.date(2026, 3, 10)


def full_checkin(day: dt.date = DAY, **changes: object) -> CheckIn:
    values: dict[str, object] = {
        "day": day,
        "pain": 6,
        "mood": 3,
        "sleep_hours": 6.5,
        "sleep_quality": 4,
        "stress": 7,
        "anxiety": 5,
        "fatigue": 8,
        "activity_minutes": 25,
        "tags": ["physio", "ibuprofen", "rücken"],
        "note": "Bad night 😣\nback stiff — 腰痛",
    }
    values.update(changes)
    return CheckIn.create(today=dt.date(2026, 3, 15), **values)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# -- round trip -------------------------------------------------------------


def test_every_field_comes_back_after_reopening(db_path: Path) -> None:
    saved = full_checkin()
    with Store(db_path) as store:
        assert store.save(saved) == "added"
    with Store(db_path) as store:
        loaded = store.get(DAY)
    assert loaded is not None
    for name in saved.to_dict():
        assert getattr(loaded, name) == getattr(saved, name), name
    assert type(loaded.sleep_hours) is float and type(loaded.pain) is int
    assert loaded.tags == ("ibuprofen", "physio", "rücken")
    assert loaded.created_at and loaded.updated_at
    assert loaded.created_at.endswith("Z")  # UTC


def test_optional_fields_stay_empty(store: Store) -> None:
    store.save(CheckIn.create(day=DAY, mood=4))
    loaded = store.get(DAY)
    assert loaded == CheckIn(day=DAY, mood=4)
    assert loaded is not None and loaded.pain is None and loaded.tags == () and loaded.note is None


def test_get_on_an_empty_day_is_none(store: Store) -> None:
    assert store.get(DAY) is None
    assert store.count() == 0 and store.span() is None and store.checkins() == []


def test_queries_by_range_order_and_page(store: Store) -> None:
    days = [DAY - dt.timedelta(days=n) for n in (0, 1, 2, 5, 9)]
    for n, day in enumerate(days):
        store.save(CheckIn.create(day=day, pain=n))
    assert [c.day for c in store.checkins()] == sorted(days)
    assert [c.day for c in store.checkins(newest_first=True, limit=2)] == sorted(days)[::-1][:2]
    assert [c.day for c in store.checkins(limit=2, offset=1)] == sorted(days)[1:3]
    start, end = DAY - dt.timedelta(days=5), DAY - dt.timedelta(days=1)
    assert [c.day for c in store.checkins(start, end)] == sorted(
        d for d in days if start <= d <= end
    )
    assert store.count() == 5 and store.count(start, end) == 3
    assert store.span() == (min(days), max(days))
    assert store.checked_days() == set(days)


def test_streak_counts_back_from_today_or_yesterday(store: Store) -> None:
    for back in (1, 2, 3, 5):
        store.save(CheckIn.create(day=DAY - dt.timedelta(days=back), pain=3))
    assert store.streak(DAY) == 3  # today open: yesterday and the two before
    store.save(CheckIn.create(day=DAY, pain=3))
    assert store.streak(DAY) == 4
    assert store.streak(DAY + dt.timedelta(days=5)) == 0


# -- revisions and undo -----------------------------------------------------


def test_an_update_keeps_a_revision_with_old_and_new_values(store: Store) -> None:
    first = full_checkin()
    second = full_checkin(pain=2, note="better", tags=["yoga"])
    assert store.save(first) == "added"
    created = store.get(DAY).created_at  # type: ignore[union-attr]
    assert store.save(second) == "updated"
    revisions = store.revisions(DAY)
    assert [r.action for r in revisions] == ["update", "insert"]
    assert revisions[0].old == first and revisions[0].new == second
    assert revisions[1].old is None and revisions[1].new == first
    assert revisions[0].at >= revisions[1].at and revisions[0].at.endswith("Z")
    current = store.get(DAY)
    assert current == second and current is not None and current.created_at == created


def test_saving_the_same_values_changes_nothing(store: Store) -> None:
    store.save(full_checkin())
    assert store.save(full_checkin()) == "unchanged"
    assert len(store.revisions()) == 1


def test_delete_then_undo_restores_the_day_exactly(store: Store) -> None:
    saved = full_checkin()
    store.save(saved)
    before = store.get(DAY)
    removed = store.delete(DAY)
    assert removed == saved and store.get(DAY) is None
    assert store.revisions(DAY)[0].action == "delete"
    reverted = store.undo()
    assert reverted.action == "delete" and reverted.day == DAY
    after = store.get(DAY)
    assert after == saved
    assert after is not None and before is not None
    assert (after.created_at, after.updated_at) == (before.created_at, before.updated_at)


def test_delete_of_an_empty_day_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.delete(DAY)
    assert store.revisions() == []


def test_undo_of_an_insert_removes_it(store: Store) -> None:
    store.save(full_checkin())
    assert store.undo().action == "insert"
    assert store.get(DAY) is None and store.count() == 0


def test_undo_of_an_edit_brings_back_the_old_values(store: Store) -> None:
    store.save(full_checkin())
    store.save(full_checkin(pain=1))
    assert store.undo().action == "update"
    assert store.get(DAY) == full_checkin()


def test_repeated_undo_walks_back_through_history(store: Store) -> None:
    other = DAY - dt.timedelta(days=1)
    store.save(full_checkin())  # 1 insert
    store.save(full_checkin(day=other, pain=9))  # 2 insert other day
    store.save(full_checkin(pain=1))  # 3 edit
    store.delete(other)  # 4 delete
    assert store.undo().action == "delete"
    assert store.get(other) == full_checkin(day=other, pain=9)
    assert store.undo().action == "update"
    assert store.get(DAY) == full_checkin()
    assert store.undo().action == "insert"
    assert store.get(other) is None
    assert store.undo().action == "insert"
    assert store.count() == 0
    with pytest.raises(NothingToUndo):
        store.undo()
    # The undos themselves are recorded, so even they lose nothing.
    assert [r.action for r in store.revisions()][:4] == ["undo"] * 4


def test_undo_on_a_new_diary_has_nothing_to_undo(store: Store) -> None:
    with pytest.raises(NothingToUndo):
        store.undo()


def test_undo_survives_reopening(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(full_checkin())
        store.save(full_checkin(pain=0))
    with Store(db_path) as store:
        store.undo()
        assert store.get(DAY) == full_checkin()


# -- save_many ----------------------------------------------------------------


def test_save_many_conflict_policies(store: Store) -> None:
    store.save(full_checkin(pain=5))
    other = DAY - dt.timedelta(days=1)
    summary = store.save_many([full_checkin(pain=1), full_checkin(day=other)], on_conflict="skip")
    assert summary == MergeSummary(added=[other], skipped=[DAY])
    assert store.get(DAY).pain == 5  # type: ignore[union-attr]
    summary = store.save_many(
        [full_checkin(pain=1), full_checkin(day=other)], on_conflict="replace"
    )
    assert summary == MergeSummary(updated=[DAY], unchanged=[other])
    assert store.get(DAY).pain == 1  # type: ignore[union-attr]

    stored_time = store.get(DAY).updated_at  # type: ignore[union-attr]
    older = full_checkin(pain=7, updated_at="2000-01-01T00:00:00.000000Z")
    newer = full_checkin(pain=8, updated_at="2999-01-01T00:00:00.000000Z")
    assert store.save_many([older], on_conflict="newest").skipped == [DAY]
    assert store.get(DAY).updated_at == stored_time  # type: ignore[union-attr]
    assert store.save_many([newer], on_conflict="newest").updated == [DAY]
    assert store.get(DAY).pain == 8  # type: ignore[union-attr]


def _rows_and_revisions(store: Store) -> tuple[list[CheckIn], int]:
    return store.checkins(), len(store.revisions())


def test_save_many_with_an_invalid_row_midway_writes_nothing(store: Store) -> None:
    store.save(full_checkin())
    before = _rows_and_revisions(store)
    batch = [
        full_checkin(day=DAY - dt.timedelta(days=1)),
        full_checkin(pain=0),  # an update, also to be rolled back
        CheckIn(day=DAY - dt.timedelta(days=2), pain=11),  # built without validation
        full_checkin(day=DAY - dt.timedelta(days=3)),
    ]
    with pytest.raises(InvalidInput) as caught:
        store.save_many(batch)
    assert caught.value.field_name == "pain"
    assert _rows_and_revisions(store) == before


def test_save_many_stops_cleanly_when_the_rows_themselves_fail(store: Store) -> None:
    store.save(full_checkin())
    before = _rows_and_revisions(store)

    def rows() -> Iterator[CheckIn]:
        yield full_checkin(day=DAY - dt.timedelta(days=1))
        raise InvalidInput("Row 3, column pain: Pain must be between 0 and 10, got 12.", "pain")

    with pytest.raises(InvalidInput):
        store.save_many(rows())
    assert _rows_and_revisions(store) == before
    store.save(full_checkin(day=DAY - dt.timedelta(days=4)))  # the store is still usable
    assert store.count() == 2


def test_save_refuses_a_checkin_built_without_validation(store: Store) -> None:
    for bad in (CheckIn(day=DAY), CheckIn(day=DAY, pain=3, tags=("two words",))):
        with pytest.raises(InvalidInput):
            store.save(bad)
    assert store.count() == 0 and store.revisions() == []


# -- schema and migrations ----------------------------------------------------


def _empty_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def _build_version_0(path: Path) -> list[CheckIn]:
    """Schema 0: a zero-length file (the only non-missing file that is a new diary)."""
    _empty_file(path)
    return []


# The schema-1 tables exactly as painmood 0.1 created them.
_SCHEMA_1 = (
    "CREATE TABLE painmood_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT INTO painmood_meta (key, value) VALUES ('app', 'painmood')",
    """CREATE TABLE checkins (
        day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        pain INTEGER CHECK (pain BETWEEN 0 AND 10), mood INTEGER CHECK (mood BETWEEN 0 AND 10),
        sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),
        sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),
        stress INTEGER CHECK (stress BETWEEN 0 AND 10),
        anxiety INTEGER CHECK (anxiety BETWEEN 0 AND 10),
        fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),
        activity_minutes INTEGER CHECK (activity_minutes BETWEEN 0 AND 1440),
        tags TEXT NOT NULL DEFAULT '[]', note TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        CHECK (pain IS NOT NULL OR mood IS NOT NULL))""",
    """CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'undo')),
        old TEXT, new TEXT, at TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX revisions_day ON revisions (day)",
    "PRAGMA user_version = 1",
)


def _build_version_1(path: Path) -> list[CheckIn]:
    """Schema 1: no change-set ids, no application id; two days, an edit among them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in _SCHEMA_1:
        conn.execute(statement)
    first, second = full_checkin(DAY - dt.timedelta(days=2)), full_checkin(pain=2)
    at = "2026-03-10T08:00:00.000000Z"
    for checkin in (first, second):
        row = {**checkin.to_dict(), "tags": json.dumps(list(checkin.tags), ensure_ascii=False)}
        row.update(created_at=at, updated_at=at)
        conn.execute(
            f"INSERT INTO checkins ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )
    new = json.dumps({**second.to_dict(), "created_at": at, "updated_at": at})
    old = json.dumps({**second.to_dict(), "pain": 6, "created_at": at, "updated_at": at})
    conn.execute(
        "INSERT INTO revisions (day, action, old, new, at) VALUES (?, 'update', ?, ?, ?)",
        [DAY.isoformat(), old, new, at],
    )
    conn.close()
    return [
        CheckIn.create(today=DAY, **{**first.to_dict()}, created_at=at, updated_at=at),
        CheckIn.create(today=DAY, **{**second.to_dict()}, created_at=at, updated_at=at),
    ]


def _build_version_2(path: Path) -> list[CheckIn]:
    """Schema 2: change-set ids and the application id, no questionnaires, no revision kind."""
    kept = _build_version_1(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE revisions ADD COLUMN changeset INTEGER")
    conn.execute("UPDATE revisions SET changeset = id")
    conn.execute("CREATE INDEX revisions_changeset ON revisions (changeset)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    return kept


# One builder per older schema version: it writes a database as that version of
# painmood left it and returns the check-ins it holds. A new migration must add
# a builder for the version it upgrades from (the test below insists).
OLD_VERSIONS: dict[int, Callable[[Path], list[CheckIn]]] = {
    0: _build_version_0,
    1: _build_version_1,
    2: _build_version_2,
}


def test_every_older_schema_version_has_a_builder() -> None:
    assert sorted(OLD_VERSIONS) == list(range(SCHEMA_VERSION))


@pytest.mark.parametrize("version", sorted(OLD_VERSIONS))
def test_a_database_of_each_older_version_is_migrated(db_path: Path, version: int) -> None:
    kept = OLD_VERSIONS[version](db_path)
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.checkins() == kept
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        store.save_many([full_checkin(DAY - dt.timedelta(days=5)), full_checkin(pain=9)])
        undone = store.undo()
        assert len(undone.days) == 2  # the new change-set is undone in one step
        assert store.checkins() == kept
        if version >= 1:  # the old edit is its own change-set and still undoes
            assert store.undo().action == "update"
            assert store.get(DAY).pain == 6
        store.save(full_checkin())
    assert integrity(db_path) == "ok"
    with Store(db_path) as store:
        assert store.get(DAY) == full_checkin()


def test_a_new_empty_file_is_migrated_and_reopens(db_path: Path) -> None:
    _empty_file(db_path)
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.save(full_checkin())
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get(DAY) == full_checkin()
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert {"checkins", "revisions", "painmood_meta"} <= tables
    assert journal == "wal"


def test_a_missing_file_and_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "diary.db"
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert path.is_file()


def test_connection_settings(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_sqlite_utils_is_available_on_the_same_connection(store: Store) -> None:
    store.save(full_checkin())
    assert store.db["checkins"].count == 1
    assert "revisions" in store.db.table_names()


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


def test_revisions_are_stored_as_readable_json(store: Store, db_path: Path) -> None:
    store.save(full_checkin())
    conn = sqlite3.connect(db_path)
    old, new = conn.execute("SELECT old, new FROM revisions").fetchone()
    conn.close()
    assert old is None
    assert json.loads(new)["note"] == full_checkin().note


# -- change-sets --------------------------------------------------------------


def test_one_import_is_undone_in_one_step(store: Store) -> None:
    store.save(full_checkin(DAY - dt.timedelta(days=400)))
    kept = store.checkins()
    store.save_many(full_checkin(DAY - dt.timedelta(days=n), pain=n % 11) for n in range(300))
    undone = store.undo()
    assert len(undone.days) == 300 and len(undone.revisions) == 300
    assert undone.sentence().startswith("Undid the last change: 300 days restored")
    assert store.checkins() == kept
    assert store.undo().days == [DAY - dt.timedelta(days=400)]  # then the save before it


def test_a_change_set_that_edits_existing_days_restores_them(store: Store) -> None:
    store.save_many([full_checkin(), full_checkin(DAY - dt.timedelta(days=1))])
    before = store.checkins()
    store.save_many(
        [full_checkin(pain=0), full_checkin(DAY - dt.timedelta(days=1), pain=0)],
        on_conflict="replace",
    )
    assert store.undo().action == "update"
    assert store.checkins() == before


def test_each_save_is_its_own_change_set(store: Store) -> None:
    store.save(full_checkin())
    store.save(full_checkin(pain=1))
    assert store.undo().sentence() == f"Undid the edit of {DAY.isoformat()}."
    assert store.get(DAY) == full_checkin()


def test_cli_undo_says_how_many_days_it_restored(db_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli

    with Store(db_path) as store:
        store.save_many(full_checkin(DAY - dt.timedelta(days=n)) for n in range(12))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "undo"])
    assert result.exit_code == 0, result.output
    assert "12 days restored" in result.stdout
    with Store(db_path) as store:
        assert store.count() == 0


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
