"""age-encrypted exports: files the standard `age` tool reads (`age -d`).

An export of an encrypted diary is encrypted with age (through pyrage,
imported here only) either with a passphrase (scrypt) or for one or more
`age1...` recipients, so it can be sent or stored without becoming the
plain copy of a private diary. Imports recognise age's header and decrypt
before reading the painmood export inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from . import EncryptionError, NoEncryptionSupport, key_statement

AGE_MAGIC = b"age-encryption.org/v1\n"


def _pyrage() -> ModuleType:
    try:
        import pyrage
    except ImportError:
        raise NoEncryptionSupport(
            "This painmood has no age support (pyrage is missing); reinstall painmood with its "
            "dependencies (pip install painmood). Nothing was written."
        ) from None
    return pyrage


def is_age(data: bytes) -> bool:
    """Whether `data` is an age-encrypted file (binary form)."""
    return data.startswith(AGE_MAGIC)


def age_encrypt(
    data: bytes, *, passphrase: str | None = None, recipients: Sequence[str] = ()
) -> bytes:
    """Encrypt `data` for `recipients` (age1... public keys), else with `passphrase`."""
    pyrage = _pyrage()
    if recipients:
        keys = []
        for text in recipients:
            try:
                keys.append(pyrage.x25519.Recipient.from_str(text.strip()))
            except pyrage.RecipientError:
                raise EncryptionError(
                    f"--recipient {text!r} is not an age public key (age1...); nothing was written."
                ) from None
        encrypted: bytes = pyrage.encrypt(data, keys)
        return encrypted
    if passphrase is None:
        raise EncryptionError("An age export needs a passphrase or a recipient.")
    key_statement(passphrase)  # not empty, no NUL
    encrypted = pyrage.passphrase.encrypt(data, passphrase)
    return encrypted


def age_decrypt(data: bytes, passphrase: str, source: str) -> bytes:
    """Decrypt a passphrase-encrypted age file; one sentence when it does not open."""
    pyrage = _pyrage()
    try:
        plain: bytes = pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError:
        raise EncryptionError(
            f"{source} is age-encrypted and this passphrase does not open it (or it was "
            "encrypted for a recipient key: decrypt it with age -d first); nothing was written."
        ) from None
    return plain
