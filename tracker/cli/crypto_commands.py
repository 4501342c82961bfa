"""`painmood encrypt`, `decrypt` and `passphrase`: the diary under a passphrase, in place.

Each writes the new file beside the old one, checks it and only then
replaces the old one (see `encryption.convert`). Passphrases are asked on
the terminal (a new one twice) or read from a private file or a command,
never taken as an argument. `status` reads no passphrase at all; what it can
say about an encrypted diary is decided in `encrypted_status` below.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..encryption import EncryptionError, NeedsPassphrase
from . import common
from .common import (
    PASSPHRASE_FILE_ENV,
    ask_passphrase,
    configured_passphrase,
    db_option,
    db_path_from,
    diary_passphrase,
)

F = TypeVar("F", bound=Callable[..., Any])
NEW_PASSPHRASE_FILE_ENV = "PAINMOOD_NEW_PASSPHRASE_FILE"


def new_passphrase(ctx: click.Context, *, new_file: str | None = None, rekey: bool = False) -> str:
    """A new passphrase: asked twice on the terminal, else read from a private file.

    For `encrypt` (and `demo --encrypted`) the file is the diary's usual one
    (--passphrase-file, $PAINMOOD_PASSPHRASE_FILE or the command); for a
    re-key, the current passphrase comes from there and the new one from
    --new-passphrase-file or $PAINMOOD_NEW_PASSPHRASE_FILE.
    """
    from ..encryption.passphrase import read_passphrase_file

    if rekey:
        named = new_file or os.environ.get(NEW_PASSPHRASE_FILE_ENV)
        if named:
            where = "--new-passphrase-file" if new_file else NEW_PASSPHRASE_FILE_ENV
            return read_passphrase_file(Path(named).expanduser(), where)
    else:
        configured = configured_passphrase(ctx)
        if configured is not None:
            return configured.read()
    if not common.terminal_available():
        setting = NEW_PASSPHRASE_FILE_ENV if rekey else PASSPHRASE_FILE_ENV
        raise EncryptionError(
            f"There is no terminal to ask for the new passphrase; put it in a file only you can "
            f"read and name it in ${setting}. Nothing was changed."
        )
    first = ask_passphrase("New passphrase")
    if ask_passphrase("Repeat the new passphrase") != first:
        raise EncryptionError("The two passphrases differ; nothing was changed.")
    return first


def current_passphrase(ctx: click.Context, path: Path) -> str:
    """The diary's current passphrase (file, command or terminal), or a refusal."""
    source = diary_passphrase(ctx)
    if source is None:
        raise NeedsPassphrase(
            f"{path} is encrypted and there is no terminal to ask for its passphrase; set "
            f"${PASSPHRASE_FILE_ENV} or PAINMOOD_PASSPHRASE_COMMAND. Nothing was changed."
        )
    return source.read()


def _existing_diary(path: Path) -> None:
    if not path.exists():
        raise EncryptionError(f"There is no diary at {path}; nothing was changed.")


@click.command()
@db_option
@click.pass_context
def encrypt(ctx: click.Context) -> None:
    """Encrypt the diary with a new passphrase (SQLCipher 4, AES-256).

    Asks for the passphrase twice on the terminal; without one it reads
    $PAINMOOD_PASSPHRASE_FILE. There is no way to recover a forgotten passphrase.
    """
    from ..encryption import looks_encrypted
    from ..encryption.convert import convert

    path = db_path_from(ctx)
    _existing_diary(path)
    if looks_encrypted(path):
        raise EncryptionError(f"{path} is already encrypted; nothing was changed.")
    convert(path, None, new_passphrase(ctx))
    click.echo(
        f"Encrypted {path}. Keep the passphrase safe: without it nobody, painmood included, "
        "can read the diary."
    )
    _warn_plain_backups(path)


@click.command()
@db_option
@click.pass_context
def decrypt(ctx: click.Context) -> None:
    """Turn the encrypted diary back into a plain SQLite file."""
    from ..encryption.convert import convert

    path = db_path_from(ctx)
    _existing_diary(path)
    convert(path, current_passphrase(ctx, path), None)
    click.echo(f"Decrypted {path}: it is a plain SQLite file again, readable by its file mode.")


@click.command("passphrase")
@db_option
@click.option(
    "--new-passphrase-file",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"File holding the new passphrase (default: ${NEW_PASSPHRASE_FILE_ENV}, else asked).",
)
@click.pass_context
def passphrase(ctx: click.Context, new_passphrase_file: str | None) -> None:
    """Change the encrypted diary's passphrase (the file is re-encrypted whole)."""
    from ..encryption.convert import convert

    path = db_path_from(ctx)
    _existing_diary(path)
    old = current_passphrase(ctx, path)
    from ..encryption.database import inspect_encrypted

    inspect_encrypted(path, old)  # a wrong passphrase is refused before a new one is asked
    new = new_passphrase(ctx, new_file=new_passphrase_file, rekey=True)
    if new == old:
        raise EncryptionError("The new passphrase is the old one; nothing was changed.")
    convert(path, old, new)
    click.echo(
        f"Changed the passphrase of {path}. Backups made before keep the old passphrase: "
        "make a new one (painmood backup)."
    )


def _warn_plain_backups(path: Path) -> None:
    """Backups made before encryption stay plain text: say where they are."""
    from ..backups import backup_pattern, backup_stem
    from ..diary_file import SQLITE_MAGIC
    from ..paths import backups_dir

    folder = backups_dir(path)
    if not folder.is_dir():
        return
    pattern = backup_pattern(backup_stem(path))
    plain = []
    for candidate in sorted(folder.iterdir()):
        try:
            with open(candidate, "rb") as handle:
                if pattern.match(candidate.name) and handle.read(16) == SQLITE_MAGIC:
                    plain.append(candidate)
        except OSError:
            continue
    if plain:
        click.echo(
            f"{len(plain)} earlier backup(s) in {folder} are still plain text (the oldest is "
            f"{plain[0].name}); make a new encrypted one (painmood backup) and delete them.",
            err=True,
        )


def encrypted_status(path: Path, today: dt.date) -> tuple[bool, str]:
    """What `status` says about an encrypted diary without its passphrase.

    The trade-off: `status` runs in a shell prompt, so it never asks and
    never derives the key (a tenth of a second of PBKDF2 each time). It
    knows only what the file system already shows anyone who can list the
    folder: when the diary was last written. Written today counts as
    checked in (an edit of an older day today counts too).
    """
    times = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            times.append(candidate.stat().st_mtime)
        except OSError:
            continue
    written = dt.datetime.fromtimestamp(max(times)) if times else None
    if written is not None and written.date() == today:
        return True, (
            f"Encrypted diary, written today at {written:%H:%M} "
            "(status reads no passphrase, so it cannot show the check-in)."
        )
    when = written.date().isoformat() if written else "never"
    return False, (
        f"Encrypted diary, last written {when}: no check-in yet today ({today.isoformat()}), "
        "as far as status can tell without the passphrase."
    )


def export_encryption_options(func: F) -> F:
    """`--encrypt` and `--recipient` for `painmood export`."""
    func = click.option(
        "--recipient",
        "recipients",
        multiple=True,
        help="Encrypt the export with age for this public key (age1...); may be repeated.",
    )(func)
    return click.option(
        "--encrypt",
        is_flag=True,
        help="Encrypt the export with age (the diary's passphrase, or a new one asked twice); "
        "'age -d' reads it.",
    )(func)


def protect_export(
    ctx: click.Context,
    store: Any,
    content: str | bytes | Iterable[str] | Iterable[bytes],
    encrypt: bool,
    recipients: tuple[str, ...],
) -> str | bytes | Iterable[str] | Iterable[bytes]:
    """The export as it will be written: age-encrypted when asked, else plain (and
    a warning on stderr when the diary itself is encrypted)."""
    if not encrypt and not recipients:
        if store.encrypted:
            click.echo(
                "painmood: warning: the diary is encrypted, but this export is plain text; "
                "add --encrypt to write it age-encrypted.",
                err=True,
            )
        return content
    from ..encryption.age import age_encrypt

    if isinstance(content, str):
        data = content.encode("utf-8")
    elif isinstance(content, bytes):
        data = content
    else:  # streamed in pieces: age encrypts the whole
        data = b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in content)
    if recipients:
        return age_encrypt(data, recipients=recipients)
    return age_encrypt(data, passphrase=store.passphrase or new_passphrase(ctx))


def open_age_export(ctx: click.Context, data: bytes, file: Path) -> bytes:
    """The bytes of an import file, decrypted first when it is an age-encrypted export."""
    from ..encryption.age import age_decrypt, is_age

    if not is_age(data):
        return data
    source = configured_passphrase(ctx)
    if source is not None:
        passphrase = source.read()
    elif common.terminal_available():
        passphrase = ask_passphrase(f"Passphrase for {file}")
    else:
        raise EncryptionError(
            f"{file} is age-encrypted and there is no terminal to ask for its passphrase; set "
            f"${PASSPHRASE_FILE_ENV}. Nothing was written."
        )
    return age_decrypt(data, passphrase, str(file))
