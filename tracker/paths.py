"""Where painmood keeps its files: the one module that knows.

Order of precedence for the database: `--db PATH`, then `$PAINMOOD_DB`, then
the platform's user data folder (`painmood/painmood.db`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import InvalidInput

DB_ENV = "PAINMOOD_DB"
DB_FILENAME = "painmood.db"
DEMO_FILENAME = "demo.db"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Folders made above the data folder (e.g. ~/.local/share): usable by the
# owner, readable by others as usual, never writable by group or others.
PARENT_DIR_MODE = 0o755


def default_data_dir() -> Path:
    """The user data folder for painmood (not created here)."""
    from platformdirs import user_data_path

    return user_data_path("painmood", appauthor=False)


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database path from the flag, the environment, or the default.

    An empty `--db ''` is refused rather than falling back to the default: a
    script with an unset variable must not write into the person's real diary.
    """
    if cli_value is not None:
        if not str(cli_value).strip():
            raise InvalidInput("--db is empty; give the diary's file name.", "db")
        return Path(cli_value).expanduser()
    env_value = os.environ.get(DB_ENV)
    if env_value is not None:
        if not env_value.strip():  # the same unset-variable accident, one level up
            raise InvalidInput(f"${DB_ENV} is set but empty; unset it or give a file name.", "db")
        return Path(env_value).expanduser()
    return default_data_dir() / DB_FILENAME


def demo_database_path(real_db: Path) -> Path:
    """The demo diary lives beside the real one, never in it."""
    return real_db.with_name(DEMO_FILENAME)


def backups_dir(real_db: Path) -> Path:
    """Default folder for `painmood backup`: beside the database."""
    return real_db.parent / "backups"


def ensure_private_dir(folder: Path) -> None:
    """Create the folder (and parents) if missing; the folder is 0700.

    Parents created on the way get 0755 minus the umask (under `umask 000`
    `mkdir -p` would leave them world-writable). Folders that already exist
    are never changed.
    """
    if folder.is_dir():
        return
    missing = []
    cursor = folder
    while not cursor.exists() and cursor != cursor.parent:
        missing.append(cursor)
        cursor = cursor.parent
    for level in reversed(missing):
        mode = PRIVATE_DIR_MODE if level == folder else PARENT_DIR_MODE
        try:
            level.mkdir(mode=mode)
        except FileExistsError:
            continue  # made meanwhile by another painmood: not ours to change
        if level == folder:
            os.chmod(level, mode)  # exactly 0700, whatever the umask
