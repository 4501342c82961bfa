"""Backups of the diary: a checked copy under a name no other backup can take.

A backup is copied online (safe while the app writes) into a temporary file
beside its destination, checked (`PRAGMA integrity_check`, and the number
of check-ins equal to the diary's at the moment of the copy), synced, and
only then given its final name. So a file under a backup's name always
opens; an interrupted backup leaves at most a hidden `.partial` file.

Backups are named after their diary (`painmood-2026-11-21.db` for
painmood.db, `demo-2026-11-21.db` for demo.db), and `--keep` counts only
backups of the same diary that open, so pruning never removes the last good
copy of another diary, nor counts a broken file as a good one.

A backup of an encrypted diary is encrypted with the same passphrase: the
backup API copies from the SQLCipher connection into a keyed SQLCipher
file, so no page of it is ever plain on disk.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .diary_file import (
    SIDE_SUFFIXES,
    StoreError,
    check_identity,
    db_errors,
    fsync_file,
    fsync_folder,
    inspect_file,
    side_file,
)
from .paths import backups_dir, ensure_private_dir
from .safe_files import is_the_diary

if TYPE_CHECKING:
    from .store import Store


def backup_stem(diary: Path) -> str:
    """The name backups of `diary` start with: its file name without the suffix."""
    return diary.stem or diary.name


def backup_pattern(stem: str) -> re.Pattern[str]:
    """Names of the backups of one diary: STEM-YYYY-MM-DD.db and STEM-YYYY-MM-DD-N.db."""
    return re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}})(?:-(\d+))?\.db$")


def backup_path(folder: Path, stem: str, today: dt.date) -> Path:
    """A free dated name in `folder`: painmood-2026-03-15.db, then -2, -3 ..."""
    candidate = folder / f"{stem}-{today.isoformat()}.db"
    number = 2
    while os.path.lexists(candidate):
        candidate = folder / f"{stem}-{today.isoformat()}-{number}.db"
        number += 1
    return candidate


def resolve_destination(diary: Path, destination: str | None, today: dt.date) -> Path:
    """Where `painmood backup [DEST]` writes.

    None: a dated name in backups/ beside the diary. An existing folder, or a
    name ending in '/': a dated name inside (a missing folder is created
    0700, never taken for a file name). Anything else is the file to create.
    """
    stem = backup_stem(diary)
    if destination is None:
        folder = backups_dir(diary)
        ensure_private_dir(folder)
        return backup_path(folder, stem, today)
    if not destination.strip():
        raise StoreError("The backup destination is empty; give a file or folder name.")
    wants_folder = destination.endswith(("/", os.sep))
    path = Path(destination).expanduser()
    if wants_folder and not os.path.lexists(path):
        _make_folder(path)
    if path.is_dir():
        return backup_path(path, stem, today)
    if wants_folder:
        raise StoreError(f"{destination} is not a folder; nothing was written.")
    return path


def _make_folder(folder: Path) -> None:
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise StoreError(f"Cannot make the folder {folder}: {_reason(exc)}.") from None


def write_backup(store: Store, destination: Path) -> Path:
    """Copy the diary to `destination` (which must not exist), checked before it is named."""
    destination = Path(destination)
    if is_the_diary(
        destination, store.path
    ):  # a backup named diary.db-wal would be taken as its log
        raise StoreError(
            f"{destination} is the diary itself (or one of its files); choose another name."
        )
    if os.path.lexists(destination):
        if os.path.islink(destination) and not destination.exists():
            raise StoreError(
                f"{destination} is a link to a missing file; choose another name. "
                "Nothing was written."
            )
        raise StoreError(f"{destination} already exists; choose another name.")
    folder = destination.parent
    _make_folder(folder)
    failed = f"Cannot write the backup {destination}"
    try:
        fd, temp_name = tempfile.mkstemp(
            dir=folder, prefix=f".{destination.name}.", suffix=".partial"
        )
    except OSError as exc:
        raise StoreError(f"{failed}: {_reason(exc)}; nothing was written.") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        if store.passphrase is None:
            target = sqlite3.connect(temp, isolation_level=None)
        else:
            from .encryption.database import new_encrypted

            target = new_encrypted(temp, store.passphrase)
        try:
            count = store.copy_to(target)
            # A backup is one self-contained file that opens even on read-only media.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        fsync_file(temp)
        problem = _check_copy(temp, count, store.passphrase)
        if problem:
            raise StoreError(f"{failed}: the copy {problem}; nothing was kept.")
        _link_into_place(temp, destination)
        fsync_folder(folder)
    except OSError as exc:
        raise StoreError(f"{failed}: {_reason(exc)}; nothing was written.") from None
    except db_errors() as exc:
        reason = "the disk is full" if "full" in str(exc) else str(exc)
        raise StoreError(f"{failed}: {reason}; nothing was written.") from None
    finally:
        for leftover in (temp, side_file(temp, "-journal")):
            leftover.unlink(missing_ok=True)
    return destination


def _open_copy(path: Path, passphrase: str | None) -> sqlite3.Connection:
    """A read-only connection to a backup (keyed when the diary is encrypted)."""
    if passphrase is None:
        return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    from .encryption.database import open_encrypted

    conn: sqlite3.Connection = open_encrypted(path, passphrase, read_only=True, timeout=10)
    return conn


def _check_copy(path: Path, expected: int, passphrase: str | None = None) -> str | None:
    """What is wrong with a copy (None when it is whole and holds `expected` check-ins)."""
    conn = _open_copy(path, passphrase)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            return f"failed SQLite's integrity check ({verdict})"
        found = int(conn.execute("SELECT count(*) FROM checkins").fetchone()[0])
        if found != expected:
            return f"holds {found} check-ins instead of {expected}"
        return None
    finally:
        conn.close()


def _link_into_place(temp: Path, destination: Path) -> None:
    try:
        os.link(temp, destination)
    except FileExistsError:
        raise StoreError(f"{destination} already exists; choose another name.") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        try:  # no hard links on this file system: claim the name, then rename onto it
            os.close(os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            raise StoreError(f"{destination} already exists; choose another name.") from None
        os.replace(temp, destination)


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    return (exc.strerror or str(exc)).lower()


def backup_opens(path: Path, passphrase: str | None = None) -> bool:
    """Whether a backup file is a whole painmood diary (read without writing to it).

    An encrypted backup counts only when `passphrase` (the diary's) opens it.
    """
    from .encryption import NeedsPassphrase

    try:
        key = None
        try:
            if inspect_file(path) is None:
                return False  # empty: not a backup
        except NeedsPassphrase:
            if passphrase is None:
                return False
            key = passphrase
        conn = _open_copy(path, key)
        try:
            check_identity(conn, path)
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except (StoreError, OSError):
        return False
    except db_errors():
        return False


def prune_backups(
    folder: Path, keep: int, stem: str, passphrase: str | None = None
) -> tuple[list[Path], list[Path]]:
    """Delete all but the `keep` newest good backups of the diary named `stem` in `folder`.

    Returns (deleted, broken). Only files named like this diary's backups are
    looked at; broken ones are neither counted nor deleted, so a broken file
    never pushes a good one out. Side files of a deleted backup go with it.
    """
    pattern = backup_pattern(stem)

    def order(path: Path) -> tuple[str, int]:
        match = pattern.match(path.name)
        assert match is not None
        return match[1], int(match[2] or 1)

    named = sorted((p for p in folder.iterdir() if pattern.match(p.name)), key=order)
    good = [p for p in named if p.is_file() and not p.is_symlink() and backup_opens(p, passphrase)]
    broken = [p for p in named if p not in good]
    doomed = good[: max(len(good) - keep, 0)]
    for path in doomed:
        path.unlink()
        for suffix in SIDE_SUFFIXES:
            side_file(path, suffix).unlink(missing_ok=True)
    return doomed, broken
