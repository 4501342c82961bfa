"""Writing a file the person named (exports), without ever losing one.

The rules: never write onto the diary or its SQLite side files; never
replace an existing file unless told to; never write through a link or into
a device, pipe or folder; write to a temporary file (0600, created with
O_EXCL by `mkstemp`) in the target's folder (made 0700 if missing), fsync it, then link or rename
it into place. A full disk or a failing write leaves the old file as it was
and no temporary file behind. Every refusal is one sentence.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .diary_file import SIDE_SUFFIXES, fsync_folder, side_file
from .model import PainmoodError
from .paths import ensure_private_dir


class UnsafeTarget(PainmoodError):
    """A target painmood will not write to (the diary, a link, a device, a missing folder)."""


class TargetExists(UnsafeTarget):
    """The target exists and the person has not said to replace it."""

    def __init__(self, path: Path, hint: str = "") -> None:
        super().__init__(f"{path} already exists; nothing was written{hint}.")
        self.path = path


class WriteFailed(PainmoodError):
    """The write itself failed (full disk, read-only folder); nothing was changed."""


def is_the_diary(target: Path, diary: Path) -> bool:
    """Whether `target` is the diary or one of its -wal/-shm/-journal files.

    Compared as the same file on disk (hard links, other spellings) and, for
    names that do not exist yet, by resolved path.
    """
    real = _resolved(diary)  # SQLite names the side files after the diary's real path
    side_files = [side_file(base, suffix) for base in (diary, real) for suffix in SIDE_SUFFIXES]
    for candidate in (diary, *side_files):
        try:
            if os.path.samefile(target, candidate):
                return True
        except OSError:
            pass
        if _resolved(target) == _resolved(candidate):
            return True
    return False


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path.expanduser()))
    except (OSError, ValueError):
        return path


def check_target(path: Path, *, replace: bool, diary: Path | None) -> None:
    """Refuse, in one sentence, a target that must not be written; else return."""
    if not str(path).strip():
        raise UnsafeTarget("The file name is empty; give a file to write to.")
    if diary is not None and is_the_diary(path, diary):
        raise UnsafeTarget(
            f"{path} is the diary itself (or one of its files); choose another file to write to."
        )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise UnsafeTarget(f"{path.parent} is not a folder; nothing was written.") from None
    except OSError as exc:
        raise UnsafeTarget(f"Cannot write to {path}: {exc.strerror or exc}.") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeTarget(
                f"{path} is a link; painmood does not write through links. Give the real file name."
            )
        if stat.S_ISDIR(info.st_mode):
            raise UnsafeTarget(f"{path} is a folder; add a file name.")
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeTarget(
                f"{path} is not a regular file (a device, pipe or socket); nothing was written."
            )
        if not replace:
            raise TargetExists(path)
    folder = path.parent
    if os.path.lexists(folder) and not folder.is_dir():
        raise UnsafeTarget(f"{folder} is not a folder; nothing was written.")


def write_file_atomically(
    path: Path,
    chunks: Iterable[str] | Iterable[bytes],
    *,
    replace: bool,
    diary: Path | None,
) -> int:
    """Write `chunks` (text as UTF-8, or bytes) to `path` all at once; returns the byte count.

    Raises UnsafeTarget (or its TargetExists) before anything is written, and
    WriteFailed when the disk refuses; either way `path` is as it was.
    """
    path = Path(path)
    check_target(path, replace=replace, diary=diary)
    folder = path.parent
    try:
        ensure_private_dir(folder)  # a missing folder is made 0700, as for the diary
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _failed(path, exc) from None
    temp = Path(temp_name)
    written = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                handle.write(data)
                written += len(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            check_target(path, replace=True, diary=diary)  # still a regular file, not a link
            os.replace(temp, path)
        else:
            _link_new(temp, path)
        fsync_folder(folder)
    except OSError as exc:
        raise _failed(path, exc) from None
    finally:
        temp.unlink(missing_ok=True)
    return written


def _link_new(temp: Path, path: Path) -> None:
    """Give the finished file its name only if that name is still free (no clobbering)."""
    try:
        os.link(temp, path)
        return
    except FileExistsError:
        raise TargetExists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
    # No hard links here (some USB sticks): claim the name exclusively, then rename onto it.
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise TargetExists(path) from None
    try:
        os.replace(temp, path)
    except OSError:
        path.unlink(missing_ok=True)
        raise


def _failed(path: Path, exc: OSError) -> WriteFailed:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is read-only or not yours"
    else:
        reason = (exc.strerror or str(exc)).lower()
    return WriteFailed(f"Cannot write {path}: {reason}; nothing was written.")
