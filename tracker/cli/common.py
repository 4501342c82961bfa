"""Pieces every command shares: the `--db` option, opening the store, errors.

An encrypted diary's passphrase comes from `--passphrase-file`, then
$PAINMOOD_PASSPHRASE_FILE, then $PAINMOOD_PASSPHRASE_COMMAND, and only then
from the terminal, asked once per command (the store is opened once). It is
never an argument of its own: shells keep arguments in their history.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..model import InvalidInput, PainmoodError, cut_long_words, local_today, parse_day
from ..paths import database_path

if TYPE_CHECKING:
    from ..encryption import PassphraseSource

F = TypeVar("F", bound=Callable[..., Any])
PASSPHRASE_FILE_ENV = "PAINMOOD_PASSPHRASE_FILE"
PASSPHRASE_COMMAND_ENV = "PAINMOOD_PASSPHRASE_COMMAND"

# Commands that only read the diary: pointed at a path with no diary they say
# so (exit 2) instead of creating an empty one, so a cron job with a mistyped
# path fails loudly rather than exporting nothing every night.
READING_COMMANDS = frozenset({"show", "stats", "chart", "export", "guide", "backup"})


class ExitCode(enum.IntEnum):
    OK = 0
    NOT_FOUND = 1  # also "today is not checked in" for `status`
    INPUT = 2  # bad input, unusable database: nothing was written


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    root = ctx.find_root()
    root.meta.setdefault("painmood.db", None)
    if value is not None:  # '' too: refused when the path is resolved, never the default
        root.meta["painmood.db"] = value
    return value


def _remember_passphrase_file(
    ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    if value is not None:
        ctx.find_root().meta["painmood.passphrase_file"] = value
    return value


def passphrase_file_option(func: F) -> F:
    """`--passphrase-file PATH`: where an encrypted diary's passphrase is read from."""
    return click.option(
        "--passphrase-file",
        type=click.Path(dir_okay=False),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_remember_passphrase_file,
        help=f"File holding an encrypted diary's passphrase, readable only by you "
        f"(default: ${PASSPHRASE_FILE_ENV}).",
    )(func)


def db_option(func: F) -> F:
    """`--db PATH` and `--passphrase-file PATH` on the group and on every command."""
    func = passphrase_file_option(func)
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_remember_db,
        help="Database file (default: $PAINMOOD_DB, else the user data folder).",
    )(func)


def db_path_from(ctx: click.Context):  # noqa: ANN201 - returns pathlib.Path
    """The database path chosen by --db, $PAINMOOD_DB or the default."""
    return database_path(ctx.find_root().meta.get("painmood.db"))


def _once(read: Callable[[], str]) -> Callable[[], str]:
    """Read a passphrase at most once per command, however often it is asked for."""
    kept: list[str] = []

    def read_once() -> str:
        if not kept:
            kept.append(read())
        return kept[0]

    return read_once


def configured_passphrase(ctx: click.Context) -> PassphraseSource | None:
    """The passphrase source the person named (option, file or command), if any."""
    from ..encryption import PassphraseSource
    from ..encryption.passphrase import read_passphrase_file, run_passphrase_command

    given = ctx.find_root().meta.get("painmood.passphrase_file")
    env_file = os.environ.get(PASSPHRASE_FILE_ENV)
    command = os.environ.get(PASSPHRASE_COMMAND_ENV)
    if given is not None:
        path, where = Path(given).expanduser(), "--passphrase-file"
    elif env_file:
        path, where = Path(env_file).expanduser(), PASSPHRASE_FILE_ENV
    elif command:
        return PassphraseSource(_once(lambda: run_passphrase_command(command)))
    else:
        return None
    return PassphraseSource(_once(lambda: read_passphrase_file(path, where)))


def terminal_available() -> bool:
    """Whether a person can be asked on the terminal (not cron, not a pipe)."""
    return sys.stdin.isatty()


def ask_passphrase(what: str) -> str:
    """Ask on the terminal, never echoed."""
    answer: str = click.prompt(what, hide_input=True, err=True)
    return answer


def diary_passphrase(ctx: click.Context, *, ask: bool = True) -> PassphraseSource | None:
    """The passphrase source for opening the diary: the configured one, else the
    terminal (asked only if the diary turns out to be encrypted)."""
    configured = configured_passphrase(ctx)
    if configured is not None or not ask or not terminal_available():
        return configured
    from ..encryption import PassphraseSource

    path = db_path_from(ctx)
    return PassphraseSource(_once(lambda: ask_passphrase(f"Passphrase for {path}")), False)


def store_from(ctx: click.Context, *, ask: bool = True):  # noqa: ANN201 - returns a Store
    """Open the store once per invocation and close it when the command ends.

    Commands in READING_COMMANDS never create a diary, and read it even from a
    full disk. A diary that cannot be written (read-only file, folder or
    medium) is opened for reading only. `ask` False never asks the terminal
    for a passphrase (the app asks on its own screen).
    """
    root = ctx.find_root()
    store = root.meta.get("painmood.store")
    if store is None:
        from ..diary_file import CannotWrite
        from ..store import Store, StoreError

        path = db_path_from(ctx)
        reading = ctx.command.name in READING_COMMANDS
        passphrase = diary_passphrase(ctx, ask=ask)
        try:
            store = Store(path, create=not reading, passphrase=passphrase)
        except CannotWrite:
            if not reading:
                raise
            # A full disk cannot take even SQLite's -shm file: read without it, so
            # the person can still export their diary.
            store = Store(path, create=False, read_only=True, passphrase=passphrase)
        if ctx.parent is None and store.read_only:  # the app: every screen may write
            store.close()
            raise StoreError(
                f"{path} can only be read here (a read-only file, folder or medium), and the "
                "app writes; read it with 'painmood show --all' or 'painmood export'."
            )
        keep_store(ctx, store)
    return store


def app_store(ctx: click.Context):  # noqa: ANN201 - returns tracker.store.Store
    """The store for the app. An encrypted diary with no passphrase file or command
    is unlocked on the app's own first screen, not by a prompt before it."""
    from ..encryption import NeedsPassphrase, looks_encrypted
    from ..store import StoreError

    path = db_path_from(ctx)
    try:
        return store_from(ctx, ask=False)
    except NeedsPassphrase:
        if not looks_encrypted(path):
            raise
    from ..ui.screens.passphrase import unlock

    store = unlock(path)
    if store is None:
        raise StoreError(f"No passphrase was given; {path} stays locked.")
    keep_store(ctx, store)
    return store


def keep_store(ctx: click.Context, store: Any) -> None:
    """Make `store` the one this invocation uses, closed when the command ends."""
    root = ctx.find_root()
    root.meta["painmood.store"] = store
    root.call_on_close(store.close)


def day_argument(value: str | None, field: str = "day") -> Any:
    """Parse a user-given day (YYYY-MM-DD, today, yesterday) or raise InvalidInput."""
    if value is None:
        return None
    try:
        return parse_day(value, today=local_today())
    except InvalidInput as exc:
        raise InvalidInput(f"--{field}: {exc}", field) from None


def echo_json(data: Any) -> None:
    """Print data as JSON for scripts (UTF-8, stable key order)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def fail(error: PainmoodError | str, code: ExitCode = ExitCode.INPUT) -> NoReturn:
    """Print one sentence to stderr and exit; used for every user-facing error."""
    from ..store import NotFound, NothingToUndo

    if isinstance(error, NotFound | NothingToUndo):
        code = ExitCode.NOT_FOUND
    click.echo("painmood: " + cut_long_words(" ".join(str(error).split())), err=True)
    sys.exit(int(code))
