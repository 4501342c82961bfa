"""The diary's schema: a database of every older version is migrated forward.

Each older version is built as that painmood left it (real SQLite files in
tmp_path), opened, checked, edited and undone.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tracker.diary_file import APPLICATION_ID
from tracker.store import SCHEMA_VERSION, Store

from .store_cases import DAY, OLD_VERSIONS, empty_file, full_checkin, integrity


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
    empty_file(db_path)
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
