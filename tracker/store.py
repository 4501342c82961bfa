"""The diary on disk: SQLite through sqlite-utils, with revisions and migrations.

Every write runs in one `BEGIN IMMEDIATE` transaction and records what was
there before in `revisions`, so an edit or delete never loses data and
`undo` can put it back. A file that is not a painmood database, or one made
by a newer painmood, is refused before anything is written to it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from .model import FIELDS, CheckIn, PainmoodError, validate_checkin
from .paths import PRIVATE_FILE_MODE, create_private_file, ensure_private_dir

APP_ID = "painmood"
BUSY_TIMEOUT_MS = 10_000
SaveOutcome = Literal["added", "updated", "unchanged", "skipped"]
ConflictPolicy = Literal["skip", "replace", "newest"]


class StoreError(PainmoodError):
    """The database cannot be used as it is (not ours, too new, unreadable)."""


class NothingToUndo(PainmoodError):
    """There is no change left to undo."""


class NotFound(PainmoodError):
    """No check-in on the asked day."""


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Forward migrations, applied in order inside one transaction. Index i takes
# schema version i to version i + 1. Never edit a released step: add one.
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


MIGRATIONS: tuple[Callable[[Database], None], ...] = (_migrate_0_to_1,)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Revision:
    """One recorded change: what the day held before and after."""

    id: int
    day: dt.date
    action: str
    old: CheckIn | None
    new: CheckIn | None
    at: str
    undone: bool


@dataclass
class MergeSummary:
    """What `save_many` did, day by day (for import reports)."""

    added: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    unchanged: list[dt.date] = field(default_factory=list)
    skipped: list[dt.date] = field(default_factory=list)


def _row_to_checkin(row: dict[str, Any]) -> CheckIn:
    return CheckIn(
        day=dt.date.fromisoformat(row["day"]),
        pain=row["pain"],
        mood=row["mood"],
        sleep_hours=row["sleep_hours"],
        sleep_quality=row["sleep_quality"],
        stress=row["stress"],
        anxiety=row["anxiety"],
        fatigue=row["fatigue"],
        activity_minutes=row["activity_minutes"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _checkin_to_row(checkin: CheckIn) -> dict[str, Any]:
    row = checkin.to_dict()
    row["tags"] = json.dumps(list(checkin.tags))
    return row


def _to_json(checkin: CheckIn | None) -> str | None:
    if checkin is None:
        return None
    data = checkin.to_dict()
    data["created_at"] = checkin.created_at
    data["updated_at"] = checkin.updated_at
    return json.dumps(data, ensure_ascii=False)


def _from_json(text: str | None) -> CheckIn | None:
    if text is None:
        return None
    return validate_checkin(json.loads(text), today=None)


def inspect_file(path: Path) -> int | None:
    """Read-only look at an existing file: its painmood schema version.

    Returns None for a new or empty file. Raises StoreError for a file that is
    not a painmood database or comes from a newer painmood. Nothing is
    written: the file is opened with SQLite's read-only URI mode.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a painmood database file.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}.") from None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables and version == 0:
            return None
        app = None
        if "painmood_meta" in tables:
            found = conn.execute("SELECT value FROM painmood_meta WHERE key='app'").fetchone()
            app = found[0] if found else None
    except sqlite3.DatabaseError:
        raise StoreError(
            f"{path} is not a painmood database (not an SQLite file); it was left untouched."
        ) from None
    finally:
        conn.close()
    if app != APP_ID:
        raise StoreError(
            f"{path} is an SQLite database but not a painmood one; it was left untouched."
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer painmood (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update painmood to open it. The file was left untouched."
        )
    return int(version)


class Store:
    """A painmood diary in one SQLite file. Safe to share between threads."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        inspect_file(self.path)
        if not self.path.exists():
            create_private_file(self.path)
        else:
            ensure_private_dir(self.path.parent)
        conn = sqlite3.connect(
            str(self.path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        self._lock = threading.RLock()
        self.db = Database(conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"Cannot use {self.path}: {exc}.") from None
        self._protect_side_files()

    # -- lifecycle -------------------------------------------------------

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        with self._lock:
            self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _protect_side_files(self) -> None:
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                try:
                    os.chmod(side, PRIVATE_FILE_MODE)
                except OSError:
                    pass
        os.chmod(self.path, PRIVATE_FILE_MODE)

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One IMMEDIATE transaction: takes the write lock up front so two
        processes wait on the busy timeout instead of failing mid-way."""
        with self._lock:
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            else:
                self.db.conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self._write() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:  # checked again under the lock
                raise StoreError(f"{self.path} was written by a newer painmood.")
            for step in MIGRATIONS[version:]:
                step(db)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- reading ---------------------------------------------------------

    def get(self, day: dt.date) -> CheckIn | None:
        """The check-in on `day`, or None."""
        with self._lock:
            rows = list(self.db.query("SELECT * FROM checkins WHERE day = ?", [day.isoformat()]))
        return _row_to_checkin(rows[0]) if rows else None

    def checkins(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[CheckIn]:
        """Check-ins between `start` and `end` inclusive, oldest first by default."""
        where, params = self._range(start, end)
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT * FROM checkins {where} ORDER BY day {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        with self._lock:
            return [_row_to_checkin(r) for r in self.db.query(sql, params)]

    def count(self, start: dt.date | None = None, end: dt.date | None = None) -> int:
        where, params = self._range(start, end)
        with self._lock:
            return int(self.db.execute(f"SELECT count(*) FROM checkins {where}", params).fetchone()[0])

    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last checked-in day, or None for an empty diary."""
        with self._lock:
            first, last = self.db.execute("SELECT min(day), max(day) FROM checkins").fetchone()
        if first is None:
            return None
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)

    def checked_days(self, start: dt.date | None = None, end: dt.date | None = None) -> set[dt.date]:
        """Days with a check-in (cheap: no row decoding), for streaks and gaps."""
        where, params = self._range(start, end)
        with self._lock:
            rows = self.db.execute(f"SELECT day FROM checkins {where}", params).fetchall()
        return {dt.date.fromisoformat(r[0]) for r in rows}

    def streak(self, today: dt.date) -> int:
        """Consecutive checked-in days ending today (or yesterday, if today is open)."""
        days = self.checked_days(today - dt.timedelta(days=3660), today)
        cursor = today if today in days else today - dt.timedelta(days=1)
        count = 0
        while cursor in days:
            count += 1
            cursor -= dt.timedelta(days=1)
        return count

    def revisions(self, day: dt.date | None = None) -> list[Revision]:
        """Recorded changes, newest first (all days, or one)."""
        sql = "SELECT * FROM revisions"
        params: list[Any] = []
        if day is not None:
            sql += " WHERE day = ?"
            params.append(day.isoformat())
        sql += " ORDER BY id DESC"
        with self._lock:
            rows = list(self.db.query(sql, params))
        return [
            Revision(
                id=r["id"],
                day=dt.date.fromisoformat(r["day"]),
                action=r["action"],
                old=_from_json(r["old"]),
                new=_from_json(r["new"]),
                at=r["at"],
                undone=bool(r["undone"]),
            )
            for r in rows
        ]

    @staticmethod
    def _range(start: dt.date | None, end: dt.date | None) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if start is not None:
            clauses.append("day >= ?")
            params.append(start.isoformat())
        if end is not None:
            clauses.append("day <= ?")
            params.append(end.isoformat())
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    # -- writing ---------------------------------------------------------

    def save(self, checkin: CheckIn) -> SaveOutcome:
        """Insert or update the day's check-in, recording a revision."""
        with self._write():
            return self._save_one(checkin, "replace")

    def save_many(
        self, checkins: Iterable[CheckIn], on_conflict: ConflictPolicy = "replace"
    ) -> MergeSummary:
        """Merge many check-ins in one transaction: all are written or none.

        `on_conflict` decides a day that already has a check-in: `skip` keeps
        the stored one, `replace` takes the new one, `newest` keeps whichever
        has the later `updated_at`.
        """
        summary = MergeSummary()
        with self._write():
            for checkin in checkins:
                outcome = self._save_one(checkin, on_conflict)
                getattr(summary, outcome).append(checkin.day)
        return summary

    def _save_one(self, checkin: CheckIn, on_conflict: ConflictPolicy) -> SaveOutcome:
        old = self._get_unlocked(checkin.day)
        if old is not None:
            if on_conflict == "skip":
                return "skipped"
            if (
                on_conflict == "newest"
                and checkin.updated_at is not None
                and old.updated_at is not None
                and checkin.updated_at <= old.updated_at
            ):
                return "skipped"
            if old == checkin:
                return "unchanged"
        now = _utc_now()
        row = _checkin_to_row(checkin)
        row["created_at"] = old.created_at if old else (checkin.created_at or now)
        row["updated_at"] = now if on_conflict != "newest" or not checkin.updated_at else checkin.updated_at
        new = _row_to_checkin(row)
        columns = ", ".join(row)
        placeholders = ", ".join("?" for _ in row)
        self.db.execute(
            f"INSERT OR REPLACE INTO checkins ({columns}) VALUES ({placeholders})", list(row.values())
        )
        self._record(checkin.day, "update" if old else "insert", old, new, now)
        return "updated" if old else "added"

    def delete(self, day: dt.date) -> CheckIn:
        """Delete the day's check-in (kept in revisions, so `undo` restores it)."""
        with self._write():
            old = self._get_unlocked(day)
            if old is None:
                raise NotFound(f"There is no check-in on {day.isoformat()}.")
            self.db.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
            self._record(day, "delete", old, None, _utc_now())
            return old

    def undo(self) -> Revision:
        """Revert the latest change not yet undone; returns the revision reverted."""
        with self._write():
            rows = list(
                self.db.query(
                    "SELECT id FROM revisions WHERE action != 'undo' AND undone = 0 "
                    "ORDER BY id DESC LIMIT 1"
                )
            )
            if not rows:
                raise NothingToUndo("There is no change to undo.")
            revision_id = rows[0]["id"]
            row = next(self.db.query("SELECT * FROM revisions WHERE id = ?", [revision_id]))
            day = row["day"]
            current = self._get_unlocked(dt.date.fromisoformat(day))
            previous = _from_json(row["old"])
            if previous is None:
                self.db.execute("DELETE FROM checkins WHERE day = ?", [day])
            else:
                restored = _checkin_to_row(previous)
                restored["created_at"] = previous.created_at
                restored["updated_at"] = previous.updated_at or _utc_now()
                columns = ", ".join(restored)
                self.db.execute(
                    f"INSERT OR REPLACE INTO checkins ({columns}) VALUES "
                    f"({', '.join('?' for _ in restored)})",
                    list(restored.values()),
                )
            self.db.execute("UPDATE revisions SET undone = 1 WHERE id = ?", [revision_id])
            self._record(dt.date.fromisoformat(day), "undo", current, previous, _utc_now())
        return Revision(
            id=revision_id,
            day=dt.date.fromisoformat(day),
            action=row["action"],
            old=previous,
            new=_from_json(row["new"]),
            at=row["at"],
            undone=True,
        )

    def _get_unlocked(self, day: dt.date) -> CheckIn | None:
        rows = list(self.db.query("SELECT * FROM checkins WHERE day = ?", [day.isoformat()]))
        return _row_to_checkin(rows[0]) if rows else None

    def _record(
        self, day: dt.date, action: str, old: CheckIn | None, new: CheckIn | None, at: str
    ) -> None:
        self.db.execute(
            "INSERT INTO revisions (day, action, old, new, at) VALUES (?, ?, ?, ?, ?)",
            [day.isoformat(), action, _to_json(old), _to_json(new), at],
        )

    # -- backup ----------------------------------------------------------

    def backup_to(self, destination: Path) -> Path:
        """A consistent online copy through SQLite's backup API, mode 0600."""
        if destination.exists():
            raise StoreError(f"{destination} already exists; choose another name.")
        create_private_file(destination)
        target = sqlite3.connect(str(destination))
        try:
            with self._lock:
                self.db.conn.backup(target)
        finally:
            target.close()
        os.chmod(destination, PRIVATE_FILE_MODE)
        return destination


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) the diary at `path`."""
    return Store(path)


__all__ = [
    "FIELDS",
    "MergeSummary",
    "NotFound",
    "NothingToUndo",
    "Revision",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "open_store",
]
