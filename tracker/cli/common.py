"""Pieces every command shares: the `--db` option, opening the store, errors."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from ..model import InvalidInput, PainmoodError, cut_long_words, local_today, parse_day
from ..paths import database_path

F = TypeVar("F", bound=Callable[..., Any])

# Commands that only read the diary: pointed at a path with no diary they say
# so (exit 2) instead of creating an empty one, so a cron job with a mistyped
# path fails loudly rather than exporting nothing every night.
READING_COMMANDS = frozenset({"stats", "chart", "export", "guide", "backup"})


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


def db_option(func: F) -> F:
    """`--db PATH` on the group and on every command (the command's wins)."""
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


def store_from(ctx: click.Context):  # noqa: ANN201 - returns tracker.store.Store
    """Open the store once per invocation and close it when the command ends.

    Commands in READING_COMMANDS never create a diary, and read it even from a
    full disk. A diary that cannot be written (read-only file, folder or
    medium) is opened for reading only.
    """
    root = ctx.find_root()
    store = root.meta.get("painmood.store")
    if store is None:
        from ..diary_file import CannotWrite
        from ..store import Store, StoreError

        path = db_path_from(ctx)
        reading = ctx.command.name in READING_COMMANDS
        try:
            store = Store(path, create=not reading)
        except CannotWrite:
            if not reading:
                raise
            # A full disk cannot take even SQLite's -shm file: read without it, so
            # the person can still export their diary.
            store = Store(path, create=False, read_only=True)
        if ctx.parent is None and store.read_only:  # the app: every screen may write
            store.close()
            raise StoreError(
                f"{path} can only be read here (a read-only file, folder or medium), and the "
                "app writes; read it with 'painmood show --all' or 'painmood export'."
            )
        root.meta["painmood.store"] = store
        root.call_on_close(store.close)
    return store


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
