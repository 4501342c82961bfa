"""Moving a diary in and out: exports, imports and backups against the store.

The glue between the pure `formats/` package and `Store`, shared by the CLI
commands and the export screen so both behave the same. No click, no
textual.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .formats import EXPORT_SUFFIXES, export_text
from .importing import ImportSummary, apply_import, preview_import  # noqa: F401 (kept here)
from .model import CheckIn
from .paths import backups_dir, open_private_for_writing
from .store import Store

BACKUP_NAME = re.compile(r"^painmood-(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.db$")


@dataclass(frozen=True)
class ExportOutcome:
    """What an export wrote: how many days, which period, where."""

    path: Path | None
    count: int
    first: dt.date | None
    last: dt.date | None

    def sentence(self) -> str:
        """`Wrote 30 check-ins (2024-01-01 to 2024-01-30) to FILE.`"""
        span = (
            f" ({self.first.isoformat()} to {self.last.isoformat()})"
            if self.first and self.last
            else ""
        )
        plural = "" if self.count == 1 else "s"
        where = f" to {self.path}" if self.path else ""
        return f"Wrote {self.count} check-in{plural}{span}{where}."


def export_diary(
    store: Store,
    format_name: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[str, list[CheckIn]]:
    """The text of an export of the store's check-ins in [start, end], and those check-ins."""
    checkins = store.checkins(start=start, end=end)
    text = export_text(format_name, checkins, start=start, end=end, today=today)
    return text, checkins


def write_export(path: Path, text: str, checkins: Sequence[CheckIn]) -> ExportOutcome:
    """Write export text to `path` as a private (0600) file."""
    with open_private_for_writing(path) as handle:
        handle.write(text)
    return ExportOutcome(
        path,
        len(checkins),
        checkins[0].day if checkins else None,
        checkins[-1].day if checkins else None,
    )


def default_export_folder(home: Path | None = None) -> Path:
    """The person's Documents folder if there is one, else their home folder."""
    home = home or Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def default_export_path(format_name: str, today: dt.date, folder: Path | None = None) -> Path:
    """`~/Documents/painmood-2026-03-15.csv` and the like."""
    folder = folder or default_export_folder()
    return folder / f"painmood-{today.isoformat()}{EXPORT_SUFFIXES[format_name]}"


def backup_path(folder: Path, today: dt.date) -> Path:
    """A new dated name in `folder`: painmood-2026-03-15.db, then -2, -3 ..."""
    candidate = folder / f"painmood-{today.isoformat()}.db"
    number = 2
    while candidate.exists():
        candidate = folder / f"painmood-{today.isoformat()}-{number}.db"
        number += 1
    return candidate


def make_backup(store: Store, destination: Path | None, today: dt.date) -> Path:
    """Copy the diary online (safe while the app is open) to a 0600 file.

    `destination` may be a file, a folder (a dated name is chosen inside) or
    None (the `backups/` folder beside the database).
    """
    if destination is None:
        destination = backups_dir(store.path)
    if destination.is_dir() or destination == backups_dir(store.path):
        destination.mkdir(parents=True, exist_ok=True, mode=0o700)
        destination = backup_path(destination, today)
    return store.backup_to(destination)


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest painmood backups in `folder`; returns those deleted.

    Only files named like painmood's own backups are considered.
    """

    def order(path: Path) -> tuple[str, int]:
        match = BACKUP_NAME.match(path.name)
        assert match is not None
        return match[1], int(match[2] or 1)

    backups = sorted((p for p in folder.iterdir() if BACKUP_NAME.match(p.name)), key=order)
    doomed = backups[: max(len(backups) - keep, 0)]
    for path in doomed:
        path.unlink()
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    return doomed
