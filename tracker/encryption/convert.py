"""Encrypting, decrypting and re-keying a diary in place, without ever losing it.

The new file is written beside the old one under a hidden temporary name
(`sqlcipher_export`, SQLCipher's own copy between a plain and an encrypted
database), checked (it opens with the new passphrase, `integrity_check` is
ok, and every table holds exactly the old rows, questionnaires included
when the diary has them), synced, and only then renamed over the old file
in one `os.replace`. A crash at any moment leaves the complete old diary or
the complete new one under the real name, plus at most a hidden temporary
file that the next conversion removes.

The old diary is switched out of WAL mode first: that checkpoints its log,
removes its -wal and -shm files (a stale log beside the new file would be
read as its own), and fails while another painmood has the diary open, so
no write can land in the old file after it was copied. An exclusive lock is
then held until the new file has replaced it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diary_file import (
    StoreError,
    db_errors,
    describe_sqlite_error,
    fsync_file,
    fsync_folder,
    inspect_file,
    side_file,
)
from . import EncryptionError, NotEncrypted, key_statement, looks_encrypted, sqlcipher
from .database import inspect_encrypted, keyed, open_encrypted, wrong_passphrase

TEMP_SUFFIX = ".converting"
LOCK_TIMEOUT_S = 2.0


def convert(
    path: Path,
    old: str | None,
    new: str | None,
    *,
    pause: Callable[[str], None] | None = None,
) -> None:
    """Replace the diary at `path` (passphrase `old`, None when plain) by the same
    diary under passphrase `new` (None: plain). `pause` is called between the
    steps ("written", "verified", "replaced") so tests can kill the process there."""
    path = Path(path)
    if new is not None:
        key_statement(new)  # the same checks as for any passphrase (not empty, no NUL)
    _check_current(path, old)
    _remove_leftovers(path)
    module = sqlcipher(path)
    source = module.connect(str(path), timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        keyed(source, old)
        _take_the_diary(source, path)
        fd, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX
        )
        os.close(fd)
        temp = Path(temp_name)
        try:
            _export(source, temp, new)
            if pause:
                pause("written")
            problem = _difference(source, temp, new)
            if problem:
                raise StoreError(
                    f"Cannot convert {path}: the new file {problem}; nothing was changed."
                )
            fsync_file(temp)
            if pause:
                pause("verified")
            if os.name == "nt":  # Windows cannot rename over a file that is still open
                source.close()
            os.replace(temp, path)
            fsync_folder(path.parent)
            if pause:
                pause("replaced")
        finally:
            for leftover in (temp, side_file(temp, "-journal")):
                leftover.unlink(missing_ok=True)
    except db_errors() as exc:
        raise describe_sqlite_error(path, exc, "convert") from None
    finally:
        source.close()


def _check_current(path: Path, old: str | None) -> None:
    """Refuse before anything is written: the diary must be what the person says it is."""
    if old is None:
        from . import NeedsPassphrase

        try:
            version = inspect_file(path)
        except NeedsPassphrase:
            raise EncryptionError(f"{path} is already encrypted; nothing was changed.") from None
        if version is None:
            raise StoreError(f"There is no diary at {path}; nothing was changed.")
        return
    if not looks_encrypted(path):
        if inspect_file(path) is None:
            raise StoreError(f"There is no diary at {path}; nothing was changed.")
        raise NotEncrypted(f"{path} is not encrypted; nothing was changed.")
    inspect_encrypted(path, old)


def _remove_leftovers(path: Path) -> None:
    """Temporary files of an interrupted conversion of this diary (never anything else)."""
    for leftover in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}*"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)


def _take_the_diary(source: Any, path: Path) -> None:
    """Leave WAL mode and hold the diary exclusively (refused while it is open elsewhere)."""
    try:
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except db_errors():
        raise wrong_passphrase(path) from None
    busy = EncryptionError(
        f"{path} is open in another painmood (the app?); close it and try again. "
        "Nothing was changed."
    )
    try:
        mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        source.execute("PRAGMA locking_mode = EXCLUSIVE")
        source.execute("BEGIN EXCLUSIVE")
        source.execute("COMMIT")  # the exclusive lock stays until the connection closes
    except db_errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise busy from None
        raise
    if str(mode).lower() != "delete":
        raise busy
    for suffix in ("-wal", "-shm"):
        side_file(path, suffix).unlink(missing_ok=True)  # emptied by the checkpoint above


def _export(source: Any, temp: Path, new: str | None) -> None:
    """Copy every table, index and the two header fields into `temp`, under `new`."""
    source.execute("ATTACH DATABASE ? AS converted KEY ?", [str(temp), new or ""])
    try:
        source.execute("SELECT sqlcipher_export('converted')")
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            source.execute(f"PRAGMA converted.{pragma} = {value}")
    finally:
        source.execute("DETACH DATABASE converted")


def _tables(conn: Any) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [name for (name,) in rows if not name.startswith("sqlite_")]


def _rows(conn: Any, table: str) -> list[tuple[Any, ...]]:
    quoted = '"' + table.replace('"', '""') + '"'
    return [tuple(row) for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid")]


def _difference(source: Any, temp: Path, new: str | None) -> str | None:
    """What is wrong with the new file (None when it opens and holds exactly the diary)."""
    if new is None:
        copy = sqlcipher(temp).connect(f"{temp.resolve().as_uri()}?mode=ro", uri=True)
        keyed(copy, None)
    else:
        try:
            copy = open_encrypted(temp, new, read_only=True, timeout=LOCK_TIMEOUT_S)
        except StoreError:
            return "does not open with the new passphrase"
    try:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            return f"failed SQLite's integrity check ({verdict})"
        if _tables(copy) != _tables(source):
            return "does not hold the same tables"
        for pragma in ("user_version", "application_id"):
            if (
                copy.execute(f"PRAGMA {pragma}").fetchone()
                != source.execute(f"PRAGMA main.{pragma}").fetchone()
            ):
                return f"has another {pragma}"
        for table in _tables(source):
            if _rows(copy, table) != _rows(source, table):
                return f"does not hold the same rows in {table}"
        return None
    finally:
        copy.close()


__all__ = ["convert"]
