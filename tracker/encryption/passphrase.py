"""Where a passphrase may come from besides the terminal: a private file or a command.

A passphrase is never taken from the command line (shell history, `ps`) and
never written anywhere by painmood. A file must be readable by its owner
only, like ssh's keys: one readable by others is refused, not used. A
command (`pass show painmood`, a keychain tool) is run without a shell and
the first line of its output is the passphrase.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from pathlib import Path

from . import EncryptionError

COMMAND_TIMEOUT_S = 120


def read_passphrase_file(path: Path, where: str) -> str:
    """The passphrase in `path` (its first line), refusing a file others can read.

    `where` names the setting the path came from, for the refusal.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise EncryptionError(
            f"Cannot read the passphrase file {path} ({where}): {exc.strerror or exc}; "
            "nothing was changed."
        ) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise EncryptionError(f"The passphrase file {path} ({where}) is not a regular file.")
        if os.name == "posix" and info.st_mode & 0o077:
            raise EncryptionError(
                f"The passphrase file {path} ({where}) can be read by others "
                f"(mode {stat.S_IMODE(info.st_mode):04o}); run chmod 600 on it. "
                "Nothing was changed."
            )
        data = handle.read(64 * 1024)
    return _first_line(data, f"the passphrase file {path}")


def run_passphrase_command(command: str) -> str:
    """Run PAINMOOD_PASSPHRASE_COMMAND (no shell) and take the first line it prints."""
    try:
        args = shlex.split(command)
    except ValueError as exc:
        raise EncryptionError(f"PAINMOOD_PASSPHRASE_COMMAND cannot be read: {exc}.") from None
    if not args:
        raise EncryptionError("PAINMOOD_PASSPHRASE_COMMAND is empty; nothing was changed.")
    try:
        done = subprocess.run(args, stdout=subprocess.PIPE, timeout=COMMAND_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EncryptionError(
            f"PAINMOOD_PASSPHRASE_COMMAND ({args[0]}) could not run: {exc}; nothing was changed."
        ) from None
    if done.returncode != 0:
        raise EncryptionError(
            f"PAINMOOD_PASSPHRASE_COMMAND ({args[0]}) failed with exit code {done.returncode}; "
            "nothing was changed."
        )
    return _first_line(done.stdout, "PAINMOOD_PASSPHRASE_COMMAND's output")


def _first_line(data: bytes, what: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise EncryptionError(f"{what} is not UTF-8 text; nothing was changed.") from None
    line = text.splitlines()[0] if text.splitlines() else ""
    if not line:
        raise EncryptionError(f"{what} holds no passphrase (its first line is empty).")
    return line
