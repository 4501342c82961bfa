"""Where painmood keeps its files: the one module that knows.

Order of precedence for the database: `--db PATH`, then `$PAINMOOD_DB`, then
the platform's user data folder (`painmood/painmood.db`).
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "PAINMOOD_DB"
DB_FILENAME = "painmood.db"
DEMO_FILENAME = "demo.db"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def default_data_dir() -> Path:
    """The user data folder for painmood (not created here)."""
    from platformdirs import user_data_path

    return user_data_path("painmood", appauthor=False)


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database path from the flag, the environment, or the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(DB_ENV)
    if env_value:
        return Path(env_value).expanduser()
    return default_data_dir() / DB_FILENAME


def demo_database_path(real_db: Path) -> Path:
    """The demo diary lives beside the real one, never in it."""
    return real_db.with_name(DEMO_FILENAME)


def backups_dir(real_db: Path) -> Path:
    """Default folder for `painmood backup`: beside the database."""
    return real_db.parent / "backups"


def ensure_private_dir(folder: Path) -> None:
    """Create the folder (and parents) if missing; a folder we create is 0700."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner, unless it exists."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)


def open_private_for_writing(path: Path, binary: bool = False):  # noqa: ANN201
    """Open an export file for writing, created (or truncated) with mode 0600."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE_MODE)
    os.chmod(path, PRIVATE_FILE_MODE)
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
