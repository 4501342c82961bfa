"""The diary on disk: check-ins, their revisions, and undo.

Every write runs in one `BEGIN IMMEDIATE` transaction and records what was
there before in `revisions`, so an edit or delete never loses data and
`undo` can put it back; each write transaction is one change-set, so an
import of 300 days is undone in one step.

`Store` is the one class the rest of painmood opens. It builds on
`DiaryConnection` (opening, refusing a file that is not a painmood diary,
transactions and migrations), `checkin_rows` (a check-in as a row and as
JSON) and `revisions` (recorded changes and undo results); the names those
modules define are re-exported here, so callers import from `tracker.store`.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .checkin_rows import (
    checkin_from_json,
    checkin_to_row,
    record_to_json,
    revalidated,
    row_to_checkin,
    utc_now,
)
from .diary_connection import BUSY_TIMEOUT_MS, DiaryConnection
from .diary_file import APP_ID, NoDiary, StoreError, db_errors, describe_sqlite_error, inspect_file
from .model import FIELDS, CheckIn, ConflictPolicy, PainmoodError
from .revisions import (
    REVISION_KIND_MODULES,
    REVISION_WORDS,
    NothingToUndo,
    Revision,
    UndoResult,
    kind_module,
    revision_kind,
    row_to_revision,
)
from .schema import SCHEMA_VERSION

SaveOutcome = Literal["added", "updated", "unchanged", "skipped"]

# How each outcome of a save is said to a person.
SAVE_OUTCOME_WORDS: dict[str, str] = {
    "added": "Saved",
    "updated": "Updated",
    "unchanged": "Unchanged",
    "skipped": "Skipped",
}


class NotFound(PainmoodError):
    """No check-in on the asked day."""


class StaleCheckIn(PainmoodError):
    """The day changed in the diary since the caller read it; `stored` is what is there now."""

    def __init__(self, message: str, stored: CheckIn | None) -> None:
        super().__init__(message)
        self.stored = stored


@dataclass
class MergeSummary:
    """What `save_many` did, day by day (for import reports)."""

    added: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    unchanged: list[dt.date] = field(default_factory=list)
    skipped: list[dt.date] = field(default_factory=list)


def kept_on_conflict(
    on_conflict: str, stored_at: str | None, given_at: str | None, *, same: bool
) -> SaveOutcome | None:
    """Whether a day already stored stays as it is: "skipped", "unchanged", or None
    when the new values are to be written. One rule for check-ins and questionnaires:
    `skip` keeps the stored one, `newest` keeps it unless the given one was edited later.
    """
    if on_conflict == "skip":
        return "skipped"
    if on_conflict == "newest" and given_at is not None and stored_at is not None:
        if given_at <= stored_at:
            return "skipped"
    return "unchanged" if same else None


class Store(DiaryConnection):
    """A painmood diary in one SQLite file. Safe to share between threads."""

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
            return [row_to_checkin(r) for r in self._rows(sql, params)]

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
        return [row_to_revision(r) for r in rows]

    @staticmethod
    def _range(
        start: dt.date | None, end: dt.date | None, column_is: tuple[str, Any] | None = None
    ) -> tuple[str, list[Any]]:
        """A WHERE clause for days in [start, end] (and one fixed column's value)."""
        clauses, params = [], []
        if column_is is not None:
            clauses.append(f"{column_is[0]} = ?")
            params.append(column_is[1])
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
        checkin = revalidated(checkin)
        old = self._get_unlocked(checkin.day)
        if old is not None:
            kept = kept_on_conflict(
                on_conflict, old.updated_at, checkin.updated_at, same=old == checkin
            )
            if kept is not None:
                return kept
        now = utc_now()
        row = checkin_to_row(checkin)
        row["created_at"] = old.created_at if old else (checkin.created_at or now)
        keep_given_time = on_conflict == "newest" and checkin.updated_at
        row["updated_at"] = checkin.updated_at if keep_given_time else now
        self._put(row)
        self._record(checkin.day, "update" if old else "insert", old, row_to_checkin(row), now)
        return "updated" if old else "added"

    def delete(self, day: dt.date) -> CheckIn:
        """Delete the day's check-in (kept in revisions, so `undo` restores it)."""
        with self._write() as conn:
            old = self._get_unlocked(day)
            if old is None:
                raise NotFound(f"There is no check-in on {day.isoformat()}.")
            conn.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
            self._record(day, "delete", old, None, utc_now())
            return old

    def undo(self) -> UndoResult:
        """Revert the latest change-set not yet undone, every day of it at once.

        A save, edit or delete is one change-set; an import or any other
        multi-day operation is one too. Repeated calls walk back through the
        history one change-set at a time.
        """
        with self._write() as conn:
            latest = conn.execute(
                "SELECT changeset FROM revisions WHERE action != 'undo' AND undone = 0 "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if latest is None:
                raise NothingToUndo("There is no change to undo.")
            rows = self._rows(
                "SELECT * FROM revisions WHERE changeset = ? AND action != 'undo' AND undone = 0 "
                "ORDER BY id DESC",
                [latest[0]],
            )
            for row in rows:
                day = dt.date.fromisoformat(row["day"])
                kind = revision_kind(row)
                if kind != "checkin":
                    now_json, before_json = kind_module(kind).undo_revision(self, row)
                    conn.execute("UPDATE revisions SET undone = 1 WHERE id = ?", [row["id"]])
                    self._record_json(day, "undo", now_json, before_json, utc_now(), kind)
                    continue
                current = self._get_unlocked(day)
                previous = checkin_from_json(row["old"])
                if previous is None:
                    conn.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
                else:
                    restored = checkin_to_row(previous)
                    restored["created_at"] = previous.created_at or utc_now()
                    restored["updated_at"] = previous.updated_at or utc_now()
                    self._put(restored)
                conn.execute("UPDATE revisions SET undone = 1 WHERE id = ?", [row["id"]])
                self._record(day, "undo", current, previous, utc_now())
        return UndoResult(tuple(replace(row_to_revision(row), undone=True) for row in rows))

    def _get_unlocked(self, day: dt.date) -> CheckIn | None:
        rows = self._rows("SELECT * FROM checkins WHERE day = ?", [day.isoformat()])
        return row_to_checkin(rows[0]) if rows else None

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
        self._record_json(day, action, record_to_json(old), record_to_json(new), at, "checkin")

    # -- backup ----------------------------------------------------------

    def copy_to(self, target: sqlite3.Connection) -> int:
        """Copy a consistent snapshot into `target` (SQLite's online backup);
        returns how many check-ins that snapshot holds, to check the copy by."""
        with self._lock:
            try:
                self.conn.execute("BEGIN")  # one read snapshot for the count and the copy
                count = int(self.conn.execute("SELECT count(*) FROM checkins").fetchone()[0])
            except db_errors() as exc:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")
                raise describe_sqlite_error(self.path, exc, "read") from None
            try:
                self.conn.backup(target)  # a failure here is the copy's: the caller says so
            finally:
                self.conn.execute("COMMIT")
        return count

    def backup_to(self, destination: Path) -> Path:
        """A checked copy at `destination` (which must not exist), mode 0600."""
        from .backups import write_backup

        return write_backup(self, Path(destination))


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) the diary at `path`."""
    return Store(path)


__all__ = [
    "APP_ID",
    "BUSY_TIMEOUT_MS",
    "FIELDS",
    "MergeSummary",
    "NotFound",
    "NoDiary",
    "NothingToUndo",
    "REVISION_KIND_MODULES",
    "REVISION_WORDS",
    "Revision",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "UndoResult",
    "inspect_file",
    "open_store",
]
