"""The diary file itself: what is at a path, creating a new diary, opening it.

Everything here looks before it touches. A path is inspected as plain bytes
and through a read-only SQLite connection before painmood writes a byte to
it, so another application's database, a damaged diary, a pipe or a device
is refused and left exactly as it was. A new diary is built under a
temporary name beside its final one and linked into place only once it is
complete, so a crash never leaves a half-made diary under the real name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .model import PainmoodError
from .paths import PRIVATE_FILE_MODE, ensure_private_dir

APP_ID = "painmood"
# PRAGMA application_id of every diary painmood creates: "PMDY" as a 32-bit integer.
APPLICATION_ID = 0x504D4459
SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Schema objects painmood itself creates (any version up to the current one);
# sqlite_* objects are SQLite's own.
KNOWN_OBJECTS = frozenset(
    {
        "painmood_meta",
        "checkins",
        "revisions",
        "revisions_day",
        "revisions_changeset",
        "questionnaires",
    }
)
BACKUP_HINT = "restore it from a backup (painmood backup makes them)"


class StoreError(PainmoodError):
    """The database cannot be used as it is (not ours, too new, unreadable)."""


class NoDiary(StoreError):
    """A command that only reads was pointed at a path with no diary."""


class CannotWrite(StoreError):
    """The disk is full or failing, or the file is read-only: reading may still work."""


def db_errors() -> tuple[type[Exception], ...]:
    """The database error classes every `except` must name.

    sqlcipher3's classes do not inherit from sqlite3's, so one tuple serves
    every place that catches database errors. sqlcipher3 is only ever loaded
    for an encrypted file, and only its connections raise its errors, so the
    tuple names it exactly when it can occur (without importing it).
    """
    module = sys.modules.get("sqlcipher3.dbapi2")
    if module is None:
        return (sqlite3.Error,)
    return (sqlite3.Error, module.Error)


def side_file(path: Path, suffix: str) -> Path:
    """`diary.db-wal` and the like: SQLite's companions of a database file."""
    return path.with_name(path.name + suffix)


def damaged(path: Path, reason: str) -> StoreError:
    """The one sentence for a diary whose header is SQLite's but whose body is not readable."""
    return StoreError(
        f"{path} is damaged or unreadable ({reason}); it was left untouched: {BACKUP_HINT}."
    )


def describe_sqlite_error(path: Path, exc: Exception, doing: str) -> StoreError:
    """Turn an SQLite failure into one sentence that says what the person can do."""
    text = str(exc)
    if "disk is full" in text or "disk I/O" in text:
        return CannotWrite(
            f"Cannot {doing} {path}: the disk is full or failing; nothing was changed."
        )
    if "readonly" in text or "read-only" in text:
        return CannotWrite(f"Cannot {doing} {path}: it is read-only; nothing was changed.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged(path, text)
    return StoreError(f"Cannot {doing} {path}: {text}.")


def _header_size_mismatch(header: bytes, size: int) -> bool:
    """Whether the file is shorter than the size SQLite recorded in its header."""
    if len(header) < 100:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header size is valid only when the change counter matches.
    if header[24:28] != header[92:96] or pages == 0:
        return False
    return size < page_size * pages


def inspect_file(path: Path) -> int | None:
    """Look at an existing file without changing it: its painmood schema version.

    Returns None for a missing or zero-length file (a new diary). Raises
    StoreError for anything else that is not a painmood diary this version can
    open: a folder, a pipe or device, a dangling link, another application's
    file or SQLite database, a damaged diary, or one from a newer painmood.
    Pipes are recognised by `stat` and never opened, so nothing hangs.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise StoreError(
                f"{path} is a link to a missing file; give the diary's real path."
            ) from None
        return None
    except OSError as exc:
        raise StoreError(f"Cannot look at {path}: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder, not a painmood database file.")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is not a regular file (a pipe, device or socket); "
            "a painmood diary is a regular file."
        )
    if info.st_size == 0:
        return None
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not header.startswith(SQLITE_MAGIC):
        from .encryption import NeedsPassphrase, looks_encrypted

        if looks_encrypted(path):
            raise NeedsPassphrase(
                f"{path} is an encrypted diary or not an SQLite file at all; to open an "
                "encrypted diary run painmood on a terminal (it asks for the passphrase) or set "
                "PAINMOOD_PASSPHRASE_FILE or PAINMOOD_PASSPHRASE_COMMAND. It was left untouched."
            )
        if SQLITE_MAGIC.startswith(header):
            raise damaged(path, "it is cut short")
        raise StoreError(
            f"{path} is not a painmood database (it is not an SQLite file); it was left untouched."
        )
    has_wal = has_log(path)
    if not has_wal and _header_size_mismatch(header, info.st_size):
        raise damaged(path, "it is shorter than SQLite recorded, as if cut short")
    return _inspect_sqlite(path, has_wal)


def _inspect_sqlite(path: Path, has_wal: bool) -> int:
    """Check an SQLite file's identity and schema through a read-only connection."""
    mode = "mode=ro" if has_wal else "immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except db_errors() as exc:
        raise describe_sqlite_error(path, exc, "open") from None
    try:
        return check_identity(conn, path)
    finally:
        conn.close()


def check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Check an open diary's identity and schema (plain or encrypted): its schema version."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        objects = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master")
            if not name.startswith("sqlite_")
        }
        app = None
        if "painmood_meta" in objects:
            found = conn.execute("SELECT value FROM painmood_meta WHERE key='app'").fetchone()
            app = found[0] if found else None
    except db_errors() as exc:  # damaged, or a full disk kept SQLite from reading
        raise describe_sqlite_error(path, exc, "read") from None
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(
            f"{path} belongs to another application (SQLite application id {app_id}); "
            "it was left untouched."
        )
    if app != APP_ID:
        what = "an empty SQLite database" if not objects else "an SQLite database"
        raise StoreError(f"{path} is {what} but not a painmood one; it was left untouched.")
    from .schema import SCHEMA_VERSION  # imported late: schema imports this module

    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer painmood (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update painmood to open it. The file was left untouched."
        )
    unknown = sorted(objects - KNOWN_OBJECTS)
    if unknown:
        raise StoreError(
            f"{path} holds tables painmood does not know ({', '.join(unknown[:3])}); "
            "it was left untouched."
        )
    return version


def has_log(path: Path) -> bool:
    """Whether a write-ahead log with content lies beside the diary (an empty one holds nothing)."""
    try:
        return side_file(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def tighten_mode(path: Path) -> None:
    """Take away group and other access from a regular file; never add any.

    A `chmod 400` diary stays 0400; a 0644 one becomes 0600.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError:
        pass  # not ours to change (another owner, read-only media); SQLite still works


def can_write(path: Path) -> bool:
    """Whether painmood may write the diary: the file and its folder must both be writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def create_diary(
    path: Path, build: Callable[[sqlite3.Connection], None], passphrase: str | None = None
) -> None:
    """Make a new diary at `path` (missing or zero-length) in one step.

    With `passphrase` the new diary is an encrypted (SQLCipher) one from its
    first page.

    `build` writes the schema into a temporary file beside `path`; the file is
    synced, then linked to `path` (when it is missing: another process that
    created it meanwhile wins and its diary is kept) or renamed over the
    zero-length file. A crash leaves at most a hidden temporary file. The
    file is 0600 from its first byte (mkstemp), and a link or rename keeps that.
    """
    ensure_private_dir(path.parent)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    os.close(fd)
    temp = Path(temp_name)
    try:
        if passphrase is None:
            conn = sqlite3.connect(temp, isolation_level=None)
        else:
            from .encryption.database import new_encrypted

            conn = new_encrypted(temp, passphrase)
        try:
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            build(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        finally:
            conn.close()
        fsync_file(temp)
        if path.exists():
            if path.stat().st_size == 0:
                os.replace(temp, path)
        else:
            _link_into_place(temp, path)
        fsync_folder(path.parent)
    finally:
        for leftover in (temp, side_file(temp, "-journal")):
            leftover.unlink(missing_ok=True)


def _link_into_place(temp: Path, path: Path) -> None:
    """Give `temp` the name `path` unless `path` appeared meanwhile (then keep that one)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        return
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: create the name exclusively, then rename.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))
        except FileExistsError:
            return
        os.replace(temp, path)


def fsync_file(path: Path) -> None:
    """Flush a written file to disk before it is renamed or linked into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename or link in `folder` durable (where the platform allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def connect(
    path: Path, *, read_only: bool, timeout: float, passphrase: str | None = None
) -> sqlite3.Connection:
    """Open the diary. Read-only opens never write: on read-only media, in a
    read-only folder or on a full disk SQLite cannot even make its -shm file,
    so such a diary (with no unmerged write-ahead log) is opened as immutable.
    With `passphrase` the diary is an encrypted one (a sqlcipher3 connection)."""
    if passphrase is not None:
        from .encryption.database import open_encrypted

        conn: sqlite3.Connection = open_encrypted(
            path, passphrase, read_only=read_only, timeout=timeout
        )
        return conn
    if not read_only:
        return sqlite3.connect(
            str(path), timeout=timeout, isolation_level=None, check_same_thread=False
        )
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(
        f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except db_errors():
        conn.close()
        if has_log(path):
            raise  # committed writes may be in the log: reading without it would miss them
    return sqlite3.connect(
        f"{uri}?immutable=1",
        uri=True,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=False,
    )
