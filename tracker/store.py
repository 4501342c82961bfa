"""The diary on disk: one SQLite file with revisions and forward migrations.

Every write runs in one `BEGIN IMMEDIATE` transaction and records what was
there before in `revisions`, so an edit or delete never loses data and
`undo` can put it back. A file that is not a painmood database, or one made
by a newer painmood, is refused before anything is written to it.

Daily reads and writes use the standard `sqlite3` connection directly:
importing sqlite-utils pulls in numpy (and pandas when installed), which
would multiply the start-up time of `painmood log`. Migrations and any
caller that wants table helpers get a sqlite-utils `Database` on the same
connection through `Store.db`, imported the first time it is asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .model import FIELDS, CheckIn, ConflictPolicy, PainmoodError, validate_checkin
from .paths import PRIVATE_FILE_MODE, create_private_file, ensure_private_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

APP_ID = "painmood"
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
SaveOutcome = Literal["added", "updated", "unchanged", "skipped"]


# How each outcome of a save, and each kind of revision, is said to a person.
SAVE_OUTCOME_WORDS: dict[str, str] = {
    "added": "Saved",
    "updated": "Updated",
    "unchanged": "Unchanged",
    "skipped": "Skipped",
}
REVISION_WORDS: dict[str, str] = {
    "insert": "new check-in",
    "update": "edit",
    "delete": "delete",
    "undo": "undo",
}


class StoreError(PainmoodError):
    """The database cannot be used as it is (not ours, too new, unreadable)."""


class NothingToUndo(PainmoodError):
    """There is no change left to undo."""


class NotFound(PainmoodError):
    """No check-in on the asked day."""


class StaleCheckIn(PainmoodError):
    """The day changed in the diary since the caller read it; `stored` is what is there now."""

    def __init__(self, message: str, stored: CheckIn | None) -> None:
        super().__init__(message)
        self.stored = stored


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Forward migrations, applied in order inside one transaction. Index i takes
# schema version i to version i + 1. Never edit a released step: add one
# (and a builder for the old version in tests/unit/test_store.py).
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

    def what(self) -> str:
        """The change in a person's words, e.g. for "Undid the edit of ..."."""
        return REVISION_WORDS.get(self.action, self.action)


@dataclass
class MergeSummary:
    """What `save_many` did, day by day (for import reports)."""

    added: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    unchanged: list[dt.date] = field(default_factory=list)
    skipped: list[dt.date] = field(default_factory=list)


def _row_to_checkin(row: sqlite3.Row | dict[str, Any]) -> CheckIn:
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
    row["tags"] = json.dumps(list(checkin.tags), ensure_ascii=False)
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


def _revalidated(checkin: CheckIn) -> CheckIn:
    """Check a CheckIn again, so one built without `create` cannot slip past the rules."""
    values: dict[str, Any] = {name: getattr(checkin, name) for name in FIELDS}
    values["created_at"] = checkin.created_at
    values["updated_at"] = checkin.updated_at
    return validate_checkin(values, today=None)


def _side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def inspect_file(path: Path) -> int | None:
    """Look at an existing file without changing it: its painmood schema version.

    Returns None for a missing or empty file (a new diary). Raises StoreError
    for a folder, a file that is not a painmood database, or one from a newer
    painmood. The header is read as plain bytes first; SQLite then opens the
    file read-only, and `immutable` when no write-ahead log exists, so not
    even a -wal or -shm file is left beside someone else's database.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a painmood database file.")
    if not path.exists():
        return None
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not header:
        return None
    not_sqlite = StoreError(
        f"{path} is not a painmood database (it is not an SQLite file); it was left untouched."
    )
    if header != SQLITE_MAGIC:
        raise not_sqlite
    mode = "mode=ro" if _side_file(path, "-wal").exists() else "immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}.") from None
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables and version == 0:
            return None
        app = None
        if "painmood_meta" in tables:
            found = conn.execute("SELECT value FROM painmood_meta WHERE key='app'").fetchone()
            app = found[0] if found else None
    except sqlite3.DatabaseError:
        raise not_sqlite from None
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
    return version


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying: while another process is creating the same new
    diary, SQLite reports "locked" here at once instead of waiting."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


class Store:
    """A painmood diary in one SQLite file. Safe to share between threads."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        inspect_file(self.path)
        try:
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
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise StoreError(f"Cannot open {self.path}: {reason}.") from None
        self.conn = conn
        self._lock = threading.RLock()
        self._db: Database | None = None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"Cannot use {self.path}: {exc}.") from None
        except BaseException:
            conn.close()
            raise
        self._protect_side_files()

    # -- lifecycle -------------------------------------------------------

    @property
    def db(self) -> Database:
        """A sqlite-utils Database on the same connection (imported on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL on the last close)."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _protect_side_files(self) -> None:
        """The diary and its -wal/-shm companions are readable by the owner only."""
        for target in (self.path, _side_file(self.path, "-wal"), _side_file(self.path, "-shm")):
            try:
                if target.exists() and (target.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
                    os.chmod(target, PRIVATE_FILE_MODE)
            except OSError:
                pass  # not ours to change (e.g. a read-only copy); SQLite still works

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Hold the thread lock and turn SQLite failures into one-sentence errors."""
        with self._lock:
            try:
                yield self.conn
            except sqlite3.Error as exc:
                raise StoreError(f"Cannot read {self.path}: {exc}.") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: takes the write lock up front so two
        processes wait on the busy timeout instead of failing mid-way.
        Anything raised inside rolls the whole transaction back."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"Cannot write to {self.path}: {exc}.") from None
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"Cannot write to {self.path}: {exc}; nothing was changed."
                    ) from None
                raise

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, list(params)).fetchall()

    def _migrate(self) -> None:
        version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if version == SCHEMA_VERSION:
            return
        with self._write() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:  # another painmood upgraded it meanwhile
                raise StoreError(
                    f"{self.path} was written by a newer painmood (schema {version}); "
                    "update painmood to open it."
                )
            for step in MIGRATIONS[version:]:
                step(self.db)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- reading ---------------------------------------------------------

    def get(self, day: dt.date) -> CheckIn | None:
        """The check-in on `day`, or None."""
        with self._reading():
            return self._get_unlocked(day)

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
        with self._reading():
            return [_row_to_checkin(r) for r in self._rows(sql, params)]

    def count(self, start: dt.date | None = None, end: dt.date | None = None) -> int:
        """How many days have a check-in (between `start` and `end` inclusive)."""
        where, params = self._range(start, end)
        with self._reading() as conn:
            return int(conn.execute(f"SELECT count(*) FROM checkins {where}", params).fetchone()[0])

    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last checked-in day, or None for an empty diary."""
        with self._reading() as conn:
            first, last = conn.execute("SELECT min(day), max(day) FROM checkins").fetchone()
        if first is None:
            return None
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)

    def data_version(self) -> int:
        """SQLite's counter of commits made by other connections: a long-lived
        reader polls it to learn that another process wrote to the diary."""
        with self._reading() as conn:
            return int(conn.execute("PRAGMA data_version").fetchone()[0])

    def checked_days(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> set[dt.date]:
        """Days with a check-in (cheap: no row decoding), for streaks and gaps."""
        where, params = self._range(start, end)
        with self._reading() as conn:
            rows = conn.execute(f"SELECT day FROM checkins {where}", params).fetchall()
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
        with self._reading():
            rows = self._rows(sql, params)
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

    def save_if_current(self, checkin: CheckIn, loaded_updated_at: str | None) -> SaveOutcome:
        """Save only if the stored day is still the one the caller loaded
        (`loaded_updated_at`, None for a day that had no check-in); otherwise
        raise StaleCheckIn with the stored check-in, and write nothing."""
        with self._write():
            stored = self._get_unlocked(checkin.day)
            stored_at = stored.updated_at if stored else None
            if stored_at != loaded_updated_at:
                raise StaleCheckIn(
                    f"The check-in of {checkin.day.isoformat()} changed since it was read.",
                    stored,
                )
            return self._save_one(checkin, "replace")

    def save_many(
        self, checkins: Iterable[CheckIn], on_conflict: ConflictPolicy = "replace"
    ) -> MergeSummary:
        """Merge many check-ins in one transaction: all are written or none.

        `on_conflict` decides a day that already has a check-in: `skip` keeps
        the stored one, `replace` takes the new one, `newest` keeps whichever
        has the later `updated_at`. An invalid check-in anywhere (or an error
        raised by the iterable itself) rolls everything back.
        """
        if on_conflict not in ("skip", "replace", "newest"):
            raise ValueError(f"unknown conflict policy {on_conflict!r}")
        summary = MergeSummary()
        with self._write():
            for checkin in checkins:
                outcome = self._save_one(checkin, on_conflict)
                getattr(summary, outcome).append(checkin.day)
        return summary

    def _save_one(self, checkin: CheckIn, on_conflict: ConflictPolicy) -> SaveOutcome:
        checkin = _revalidated(checkin)
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
        keep_given_time = on_conflict == "newest" and checkin.updated_at
        row["updated_at"] = checkin.updated_at if keep_given_time else now
        self._put(row)
        self._record(checkin.day, "update" if old else "insert", old, _row_to_checkin(row), now)
        return "updated" if old else "added"

    def delete(self, day: dt.date) -> CheckIn:
        """Delete the day's check-in (kept in revisions, so `undo` restores it)."""
        with self._write() as conn:
            old = self._get_unlocked(day)
            if old is None:
                raise NotFound(f"There is no check-in on {day.isoformat()}.")
            conn.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
            self._record(day, "delete", old, None, _utc_now())
            return old

    def undo(self) -> Revision:
        """Revert the latest change not yet undone; returns the revision reverted.

        Repeated calls walk back through the history one change at a time.
        """
        with self._write() as conn:
            rows = self._rows(
                "SELECT * FROM revisions WHERE action != 'undo' AND undone = 0 "
                "ORDER BY id DESC LIMIT 1"
            )
            if not rows:
                raise NothingToUndo("There is no change to undo.")
            row = rows[0]
            day = dt.date.fromisoformat(row["day"])
            current = self._get_unlocked(day)
            previous = _from_json(row["old"])
            if previous is None:
                conn.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
            else:
                restored = _checkin_to_row(previous)
                restored["created_at"] = previous.created_at or _utc_now()
                restored["updated_at"] = previous.updated_at or _utc_now()
                self._put(restored)
            conn.execute("UPDATE revisions SET undone = 1 WHERE id = ?", [row["id"]])
            self._record(day, "undo", current, previous, _utc_now())
        return Revision(
            id=row["id"],
            day=day,
            action=row["action"],
            old=previous,
            new=_from_json(row["new"]),
            at=row["at"],
            undone=True,
        )

    def _get_unlocked(self, day: dt.date) -> CheckIn | None:
        rows = self._rows("SELECT * FROM checkins WHERE day = ?", [day.isoformat()])
        return _row_to_checkin(rows[0]) if rows else None

    def _put(self, row: dict[str, Any]) -> None:
        columns = ", ".join(row)
        placeholders = ", ".join("?" for _ in row)
        self.conn.execute(
            f"INSERT OR REPLACE INTO checkins ({columns}) VALUES ({placeholders})",
            list(row.values()),
        )

    def _record(
        self, day: dt.date, action: str, old: CheckIn | None, new: CheckIn | None, at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO revisions (day, action, old, new, at) VALUES (?, ?, ?, ?, ?)",
            [day.isoformat(), action, _to_json(old), _to_json(new), at],
        )

    # -- backup ----------------------------------------------------------

    def backup_to(self, destination: Path) -> Path:
        """A consistent online copy through SQLite's backup API, mode 0600."""
        destination = Path(destination)
        if destination.exists():
            raise StoreError(f"{destination} already exists; choose another name.")
        try:
            create_private_file(destination)
            target = sqlite3.connect(str(destination))
            try:
                with self._lock:
                    self.conn.backup(target)
            finally:
                target.close()
            os.chmod(destination, PRIVATE_FILE_MODE)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise StoreError(f"Cannot write the backup {destination}: {reason}.") from None
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
    "inspect_file",
    "open_store",
]
