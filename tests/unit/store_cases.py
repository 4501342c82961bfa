"""What the store's tests share: a full check-in, an integrity check, and a
database as each older painmood left it (for the migration tests).

Imported by test_store.py, test_store_files.py, test_store_migrations.py and
the questionnaire storage tests; it holds no tests itself.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.diary_file import APPLICATION_ID
from tracker.model import CheckIn

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


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def empty_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def _build_version_0(path: Path) -> list[CheckIn]:
    """Schema 0: a zero-length file (the only non-missing file that is a new diary)."""
    empty_file(path)
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
