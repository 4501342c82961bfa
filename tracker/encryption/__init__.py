"""Encryption at rest: SQLCipher diaries opened with a passphrase.

An encrypted diary is an SQLCipher 4 file (AES-256, PBKDF2-HMAC-SHA512 with
SQLCipher's default 256,000 iterations): every page, its -wal log and every
backup are ciphertext. Its first bytes are a random salt, not SQLite's
header, so painmood recognises one only by shape (see `looks_encrypted`)
and by the passphrase opening it.

`sqlcipher3` (and `pyrage` for age-encrypted exports) are imported only
when an encrypted file is opened or an encryption command runs: a plain
diary's `painmood log` never pays for them. No click, no textual here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..diary_file import SQLITE_MAGIC, StoreError

# SQLCipher 4's default page size: an encrypted diary is a whole number of pages.
ENCRYPTED_PAGE_SIZE = 4096
INSTALL_HINT = "reinstall painmood with its dependencies (pip install painmood) to open it"


class EncryptionError(StoreError):
    """An encrypted diary that cannot be opened as asked; the file is untouched."""


class NeedsPassphrase(EncryptionError):
    """The diary is encrypted and no passphrase could be had (no terminal, no file)."""


class WrongPassphrase(EncryptionError):
    """The passphrase does not open the file (or it is in a newer SQLCipher format)."""


class NotEncrypted(EncryptionError):
    """A passphrase was given for a plain diary: refused, so nobody believes it is encrypted."""


class NoEncryptionSupport(EncryptionError):
    """sqlcipher3 or pyrage is not installed."""


@dataclass(frozen=True)
class PassphraseSource:
    """Where a passphrase comes from; `read` runs at most once, only when needed.

    `configured` is True for a file or command the person named (then a plain
    diary is refused rather than silently opened), False for "ask on the
    terminal if it turns out to be encrypted".
    """

    read: Callable[[], str]
    configured: bool = True


def looks_encrypted(path: Path) -> bool:
    """Whether `path` has the shape of an SQLCipher 4 file: a regular file of
    whole 4 KiB pages that does not start with SQLite's plain header."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size < ENCRYPTED_PAGE_SIZE:
            return False
        if info.st_size % ENCRYPTED_PAGE_SIZE:
            return False
        with open(path, "rb") as handle:
            return not handle.read(len(SQLITE_MAGIC)).startswith(SQLITE_MAGIC)
    except OSError:
        return False


def sqlcipher(path: Path | None = None) -> ModuleType:
    """The sqlcipher3 module, imported on first use; a clear refusal without it."""
    try:
        import sqlcipher3
    except ImportError:
        where = f"{path} is encrypted, and " if path else ""
        raise NoEncryptionSupport(
            f"{where}this painmood has no encryption support (sqlcipher3 is missing); "
            f"{INSTALL_HINT}. Nothing was changed."
        ) from None
    return sqlcipher3


def key_statement(passphrase: str, schema: str = "") -> str:
    """`PRAGMA key = '...'` with the passphrase quoted as an SQL string literal."""
    if not passphrase:
        raise EncryptionError("The passphrase is empty; nothing was changed.")
    if "\x00" in passphrase:
        raise EncryptionError("The passphrase holds a NUL character; nothing was changed.")
    quoted = passphrase.replace("'", "''")
    prefix = f"{schema}." if schema else ""
    return f"PRAGMA {prefix}key = '{quoted}'"


__all__ = [
    "ENCRYPTED_PAGE_SIZE",
    "EncryptionError",
    "NeedsPassphrase",
    "NoEncryptionSupport",
    "NotEncrypted",
    "PassphraseSource",
    "WrongPassphrase",
    "key_statement",
    "looks_encrypted",
    "sqlcipher",
]
