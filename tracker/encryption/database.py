"""Opening SQLCipher files: keyed connections, the identity check, new files.

Every connection silences SQLCipher's own log (it would print "hmac check
failed" to the terminal on a wrong passphrase), keeps SQLite's temporary
tables in memory (no plain temporary file on disk), and is checked with one
read before it is handed out, so a wrong passphrase is one sentence here
and never an error half-way through a command.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..diary_file import check_identity, db_errors, describe_sqlite_error, has_log
from . import WrongPassphrase, key_statement, sqlcipher


def wrong_passphrase(path: Path) -> WrongPassphrase:
    """The one sentence for a passphrase that does not open `path`."""
    return WrongPassphrase(
        f"Wrong passphrase for {path} (or it is not a painmood diary, or its SQLCipher format "
        "is newer than this painmood reads); the file was left untouched."
    )


def keyed(conn: Any, passphrase: str | None, schema: str = "") -> Any:
    """Prepare a fresh sqlcipher3 connection: quiet log, memory temp store, then the key."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA temp_store = MEMORY")
    if passphrase is not None:
        conn.execute(key_statement(passphrase, schema))
    return conn


def open_encrypted(path: Path, passphrase: str, *, read_only: bool, timeout: float) -> Any:
    """A checked connection to the encrypted diary at `path` (WrongPassphrase if it fails).

    Read-only opens never write: `mode=ro`, and `immutable=1` when SQLite
    cannot even make the -shm file (read-only media) and no log is pending.
    """
    module = sqlcipher(path)
    options: dict[str, Any] = {
        "timeout": timeout,
        "isolation_level": None,
        "check_same_thread": False,
    }
    modes = ["mode=ro", "immutable=1"] if read_only else [""]
    last: Exception | None = None
    for mode in modes:
        if mode:
            conn = module.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, **options)
        else:
            conn = module.connect(str(path), **options)
        try:
            keyed(conn, passphrase)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except db_errors() as exc:
            conn.close()
            last = exc
            if "not a database" in str(exc) or (mode == "mode=ro" and has_log(path)):
                break
    if last is not None and "not a database" not in str(last):
        raise describe_sqlite_error(path, last, "open") from None
    raise wrong_passphrase(path)


def inspect_encrypted(path: Path, passphrase: str) -> int:
    """The schema version of the encrypted diary at `path`, checked like a plain one."""
    conn = open_encrypted(path, passphrase, read_only=True, timeout=10)
    try:
        return check_identity(conn, path)
    finally:
        conn.close()


def new_encrypted(path: Path, passphrase: str) -> Any:
    """A connection that creates (or fills) the encrypted file at `path`."""
    return keyed(sqlcipher(path).connect(str(path), isolation_level=None), passphrase)


def same_module_connection(source: Any, path: Path, passphrase: str | None) -> Any:
    """A connection to a new file `path` from the same binding as `source`, for the
    backup API (which needs both ends from one module): keyed when `passphrase`."""
    if isinstance(source, sqlite3.Connection):
        return sqlite3.connect(path, isolation_level=None)
    conn = keyed(sqlcipher(path).connect(str(path), isolation_level=None), passphrase)
    return conn
