"""The diary's schema: forward migrations, one per version, and a new diary's tables.

`PRAGMA user_version` holds the version. Each step runs inside the store's
write transaction (or, for a new diary, the transaction that builds it), so
an upgrade is all or nothing. Migrations take a sqlite-utils `Database`,
imported only when a migration or a new diary needs it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from .diary_file import APP_ID, APPLICATION_ID

if TYPE_CHECKING:
    from sqlite_utils import Database


# Forward migrations, applied in order inside one transaction. Index i takes
# schema version i to version i + 1. Never edit a released step: add one
# (and a builder for the old version in tests/unit/store_cases.py).
def _migrate_0_to_1(db: Database) -> None:
    db.execute("CREATE TABLE painmood_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO painmood_meta (key, value) VALUES ('app', ?)", [APP_ID])
    db.execute(
        """
        CREATE TABLE checkins (
            day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            mood INTEGER CHECK (mood BETWEEN 0 AND 10),
            sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),
            sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),
            stress INTEGER CHECK (stress BETWEEN 0 AND 10),
            anxiety INTEGER CHECK (anxiety BETWEEN 0 AND 10),
            fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),
            activity_minutes INTEGER CHECK (activity_minutes BETWEEN 0 AND 1440),
            tags TEXT NOT NULL DEFAULT '[]',
            note TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (pain IS NOT NULL OR mood IS NOT NULL)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'undo')),
            old TEXT,
            new TEXT,
            at TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX revisions_day ON revisions (day)")


def _migrate_1_to_2(db: Database) -> None:
    """Revisions carry a change-set id (older ones each form their own set),
    and the file says it is painmood's through PRAGMA application_id."""
    db.execute("ALTER TABLE revisions ADD COLUMN changeset INTEGER")
    db.execute("UPDATE revisions SET changeset = id")
    db.execute("CREATE INDEX revisions_changeset ON revisions (changeset)")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migrate_2_to_3(db: Database) -> None:
    """Weekly questionnaires (PHQ-9, GAD-7, PEG), one per instrument and day, and
    revisions that say what kind of record they hold (older ones are check-ins)."""
    db.execute(
        """
        CREATE TABLE questionnaires (
            instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'peg')),
            day TEXT NOT NULL
                CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            answers TEXT NOT NULL,
            score REAL,
            version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (instrument, day)
        )
        """
    )
    db.execute("ALTER TABLE revisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'checkin'")


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _migrate_0_to_1,
    _migrate_1_to_2,
    _migrate_2_to_3,
)
SCHEMA_VERSION = len(MIGRATIONS)


def build_new_diary(conn: sqlite3.Connection) -> None:
    """The whole current schema, for `create_diary` (inside its transaction)."""
    from sqlite_utils import Database

    db = Database(conn)
    for step in MIGRATIONS:
        step(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
