"""An open diary: its connection, thread lock, transactions, change-sets and migrations.

Split from `store` so what every record kind builds on stands apart from what
the diary holds: `Store` adds check-ins on top of this class, and
`questionnaires.storage` writes through the same `_write` transaction and
`_record_json` change-set, so a save of either kind is undone the same way.

Opening refuses a file that is not a painmood database, or one made by a
newer painmood, before anything is written to it (see `diary_file`, which
inspects, creates and connects to the file). Every write runs in one
`BEGIN IMMEDIATE` transaction, which is one change-set: an import of 300
days is undone in one step.

Daily reads and writes use the standard `sqlite3` connection directly:
importing sqlite-utils pulls in numpy (and pandas when installed), which
would multiply the start-up time of `painmood log`. Migrations and any
caller that wants table helpers get a sqlite-utils `Database` on the same
connection through `db`, imported the first time it is asked for.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .diary_file import (
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
from .paths import ensure_private_dir
from .schema import MIGRATIONS, SCHEMA_VERSION, build_new_diary

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000


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


class DiaryConnection:
    """One open diary file, safe to share between threads; `Store` is the full diary."""

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

    def __enter__(self) -> Self:
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

    # -- transactions ----------------------------------------------------

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

    # -- other processes -------------------------------------------------

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
