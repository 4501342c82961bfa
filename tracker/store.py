"""The diary on disk: one SQLite file with revisions and forward migrations.

Every write runs in one `BEGIN IMMEDIATE` transaction and records what was
there before in `revisions`, so an edit or delete never loses data and
`undo` can put it back. A file that is not a painmood database, or one made
by a newer painmood, is refused before anything is written to it (see
`diary_file`, which inspects, creates and opens the file). Each write
transaction is one change-set: an import of 300 days is undone in one step.

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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .diary_file import (
    APP_ID,
    NoDiary,
    StoreError,
    can_write,
    check_identity,
    connect,
    create_diary,
    db_errors,
    describe_sqlite_error,
    inspect_file,
    side_file,
    tighten_mode,
)
from .encryption import NeedsPassphrase, NotEncrypted, PassphraseSource
from .model import FIELDS, CheckIn, ConflictPolicy, PainmoodError, quoted, validate_checkin
from .paths import ensure_private_dir
from .schema import MIGRATIONS, SCHEMA_VERSION, build_new_diary

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000
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
# Revisions of records other than check-ins (kind -> the module that words and
# undoes them, imported only when such a revision is met).
REVISION_KIND_MODULES: dict[str, str] = {"questionnaire": "tracker.questionnaires.storage"}


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
    changeset: int = 0
    kind: str = "checkin"
    words: str = ""  # set for other kinds, e.g. "new PHQ-9"

    def what(self) -> str:
        """The change in a person's words, e.g. for "Undid the edit of ..."."""
        return self.words or REVISION_WORDS.get(self.action, self.action)


@dataclass(frozen=True)
class UndoResult:
    """What one `undo` reverted: every revision of the last change-set, newest first."""

    revisions: tuple[Revision, ...]

    @property
    def days(self) -> list[dt.date]:
        """The days restored, oldest first (a day changed twice counts once)."""
        return sorted({revision.day for revision in self.revisions})

    @property
    def day(self) -> dt.date:
        """The first day restored (the only one after a one-day change)."""
        return self.days[0]

    @property
    def action(self) -> str:
        """The kind of the latest change undone (insert, update, delete)."""
        return self.revisions[0].action

    def what(self) -> str:
        """The change in a person's words."""
        return self.revisions[0].what()

    def sentence(self) -> str:
        """`Undid the edit of 2024-01-05.` or `Undid the last change: 300 days restored (...).`"""
        days = self.days
        if len(days) == 1:
            return f"Undid the {self.what()} of {days[0].isoformat()}."
        return (
            f"Undid the last change: {len(days)} days restored "
            f"({days[0].isoformat()} to {days[-1].isoformat()})."
        )


@dataclass
class MergeSummary:
    """What `save_many` did, day by day (for import reports)."""

    added: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    unchanged: list[dt.date] = field(default_factory=list)
    skipped: list[dt.date] = field(default_factory=list)


def _row_to_checkin(row: sqlite3.Row | dict[str, Any]) -> CheckIn:
    try:  # a row changed outside painmood must not end in a traceback
        day, tags = dt.date.fromisoformat(row["day"]), json.loads(row["tags"] or "[]")
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ValueError
    except (ValueError, TypeError):
        raise StoreError(
            f"The diary is damaged at {str(row['day'])[:40]}: its day or tags "
            f"({quoted(row['tags'])}) cannot be read. Restore it from a backup; nothing was "
            "changed."
        ) from None
    return CheckIn(
        day=day,
        pain=row["pain"],
        mood=row["mood"],
        sleep_hours=row["sleep_hours"],
        sleep_quality=row["sleep_quality"],
        stress=row["stress"],
        anxiety=row["anxiety"],
        fatigue=row["fatigue"],
        activity_minutes=row["activity_minutes"],
        tags=tuple(tags),
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _row_to_revision(row: sqlite3.Row) -> Revision:
    # A diary opened read-only may still be at schema 1 (no change-set column).
    changeset = row["changeset"] if "changeset" in row.keys() else row["id"]
    kind = row["kind"] if "kind" in row.keys() else "checkin"
    if kind != "checkin":  # its old and new are not check-ins: its own module words it
        return Revision(
            id=row["id"],
            day=dt.date.fromisoformat(row["day"]),
            action=row["action"],
            old=None,
            new=None,
            at=row["at"],
            undone=bool(row["undone"]),
            changeset=changeset if changeset is not None else row["id"],
            kind=kind,
            words=_kind_module(kind).revision_words(row),
        )
    return Revision(
        id=row["id"],
        day=dt.date.fromisoformat(row["day"]),
        action=row["action"],
        old=_from_json(row["old"]),
        new=_from_json(row["new"]),
        at=row["at"],
        undone=bool(row["undone"]),
        changeset=changeset if changeset is not None else row["id"],
    )


def _kind_module(kind: str) -> Any:
    """The module that handles revisions of `kind` (see REVISION_KIND_MODULES)."""
    import importlib

    name = REVISION_KIND_MODULES.get(kind)
    if name is None:
        raise StoreError(
            f"The diary holds a change of a kind this painmood does not know ({quoted(kind)}); "
            "update painmood to undo it."
        )
    return importlib.import_module(name)


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


def _sqlcipher_row() -> Any:
    """sqlcipher3's Row class: sqlite3.Row refuses a sqlcipher3 cursor."""
    from .encryption import sqlcipher

    return sqlcipher().Row


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying: while another process is creating the same new
    diary, SQLite reports "locked" here at once instead of waiting."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except db_errors() as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


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


class Store:
    """A painmood diary in one SQLite file. Safe to share between threads."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        read_only: bool | None = None,
        passphrase: str | PassphraseSource | None = None,
    ) -> None:
        """Open the diary at `path`, creating it when missing unless `create` is False.

        `read_only` None decides from the file: a diary that cannot be written
        (read-only file, folder or medium) is opened for reading only.
        `passphrase` opens an encrypted diary (a source is read only if the
        diary turns out to be encrypted); a passphrase given for a plain
        diary is refused, and a new diary made with one is encrypted.
        """
        self.path = Path(path)
        source = PassphraseSource(lambda: passphrase) if isinstance(passphrase, str) else passphrase
        #: The passphrase of an encrypted diary (kept in memory for its backups), else None.
        self.passphrase: str | None = None
        encrypted = False
        try:
            version = inspect_file(self.path)
        except NeedsPassphrase:
            if source is None:
                raise
            # Checked once opened (below): each keyed connection costs a key derivation.
            self.passphrase, version, encrypted = source.read(), 0, True
        else:
            if version is not None and source is not None and source.configured:
                raise NotEncrypted(
                    f"{self.path} is not encrypted, yet a passphrase was given; it was left "
                    "untouched (painmood encrypt encrypts it)."
                )
        if version is None and not create:
            raise NoDiary(f"There is no diary at {self.path}.")
        try:
            if version is None:
                if source is not None and source.configured:
                    self.passphrase = source.read()
                create_diary(self.path, build_new_diary, self.passphrase)
            else:
                ensure_private_dir(self.path.parent)
            if read_only is None:
                read_only = not can_write(self.path)
            conn = connect(
                self.path,
                read_only=read_only,
                timeout=BUSY_TIMEOUT_MS / 1000,
                passphrase=self.passphrase,
            )
        except OSError as exc:
            raise StoreError(f"Cannot open {self.path}: {exc.strerror or exc}.") from None
        except db_errors() as exc:
            raise describe_sqlite_error(self.path, exc, "open") from None
        if encrypted:
            try:
                check_identity(conn, self.path)
            except BaseException:
                conn.close()
                raise
        self.conn = conn
        self._row_class: Any = sqlite3.Row
        if self.passphrase is not None:
            self._row_class = _sqlcipher_row()
        self.read_only = read_only
        self._lock = threading.RLock()
        self._db: Database | None = None
        self._changeset: int | None = None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not read_only:
                _use_wal(conn)
                conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                self._migrate()
        except db_errors() as exc:
            conn.close()
            raise describe_sqlite_error(self.path, exc, "use") from None
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
    def encrypted(self) -> bool:
        """Whether the diary is an encrypted (SQLCipher) one."""
        return self.passphrase is not None

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _protect_side_files(self) -> None:
        """The diary and its -wal/-shm companions lose any group or other access
        (only ever tightened: a `chmod 400` diary stays 0400)."""
        if self.read_only:
            return
        for target in (self.path, side_file(self.path, "-wal"), side_file(self.path, "-shm")):
            tighten_mode(target)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Hold the thread lock and turn SQLite failures into one-sentence errors."""
        with self._lock:
            try:
                yield self.conn
            except db_errors() as exc:
                raise describe_sqlite_error(self.path, exc, "read") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: takes the write lock up front so two
        processes wait on the busy timeout instead of failing mid-way.
        Anything raised inside rolls the whole transaction back."""
        with self._lock:
            if self.read_only:
                raise StoreError(
                    f"{self.path} can only be read here (a read-only file, folder or medium); "
                    "nothing was changed."
                )
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except db_errors() as exc:
                raise describe_sqlite_error(self.path, exc, "write to") from None
            self._changeset = None  # allocated by the first revision recorded
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, db_errors()):
                    raise describe_sqlite_error(self.path, exc, "write to") from None
                raise

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = self._row_class
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

    def is_busy(self) -> bool:
        """Whether another connection holds the diary's write lock right now.

        Asked on this store's own connection (so an encrypted diary needs no
        second key derivation) with the busy timeout off, so it never waits.
        """
        if self.read_only:
            return False
        with self._lock:
            try:
                self.conn.execute("PRAGMA busy_timeout = 0")
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute("ROLLBACK")
                return False
            except db_errors() as exc:
                return "locked" in str(exc) or "busy" in str(exc)
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

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
        return [_row_to_revision(r) for r in rows]

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
            kept = kept_on_conflict(
                on_conflict, old.updated_at, checkin.updated_at, same=old == checkin
            )
            if kept is not None:
                return kept
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
                kind = row["kind"] if "kind" in row.keys() else "checkin"
                if kind != "checkin":
                    now_json, before_json = _kind_module(kind).undo_revision(self, row)
                    conn.execute("UPDATE revisions SET undone = 1 WHERE id = ?", [row["id"]])
                    self._record_json(day, "undo", now_json, before_json, _utc_now(), kind)
                    continue
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
        return UndoResult(tuple(replace(_row_to_revision(row), undone=True) for row in rows))

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
        self._record_json(day, action, _to_json(old), _to_json(new), at, "checkin")

    def _record_json(
        self,
        day: dt.date,
        action: str,
        old: str | None,
        new: str | None,
        at: str,
        kind: str,
    ) -> None:
        """Record one revision in the current change-set (inside `_write`)."""
        if self._changeset is None:
            found = self.conn.execute("SELECT coalesce(max(changeset), 0) + 1 FROM revisions")
            self._changeset = int(found.fetchone()[0])
        self.conn.execute(
            "INSERT INTO revisions (day, action, old, new, at, changeset, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [day.isoformat(), action, old, new, at, self._changeset, kind],
        )

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
    "FIELDS",
    "MergeSummary",
    "NotFound",
    "NoDiary",
    "NothingToUndo",
    "Revision",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "UndoResult",
    "inspect_file",
    "open_store",
]
