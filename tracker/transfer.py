"""Moving a diary in and out: exports and imports against the store.

The glue between the pure `formats/` package and `Store`, shared by the CLI
commands and the export screen so both behave the same. No click, no
textual. Backups live in `backups`; the safe writing of files in `safe_files`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .formats import EXPORT_SUFFIXES, ConflictPolicy, export_text
from .model import CheckIn
from .safe_files import write_file_atomically
from .store import MergeSummary, Store


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


def write_export(
    path: Path,
    content: str | bytes | Iterable[str] | Iterable[bytes],
    checkins: Sequence[CheckIn],
    *,
    replace: bool,
    diary: Path | None,
) -> ExportOutcome:
    """Write an export (text, bytes, or an iterable of either) to `path` as a new 0600 file.

    Never onto `diary` or its side files; an existing `path` only when
    `replace`; all or nothing (see `safe_files.write_file_atomically`).
    """
    if isinstance(content, str):
        write_file_atomically(path, [content], replace=replace, diary=diary)
    elif isinstance(content, bytes):
        write_file_atomically(path, [content], replace=replace, diary=diary)
    else:
        write_file_atomically(path, content, replace=replace, diary=diary)
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


def apply_import(
    store: Store, checkins: Iterable[CheckIn], on_conflict: ConflictPolicy
) -> MergeSummary:
    """Write an import in one transaction (every change recorded in revisions)."""
    return store.save_many(checkins, on_conflict=on_conflict)


def preview_import(
    store: Store | None, checkins: Sequence[CheckIn], on_conflict: ConflictPolicy
) -> MergeSummary:
    """What an import would do, without writing to the diary.

    Runs the very same merge on a private temporary copy of the database (or
    an empty one when `store` is None), so the preview cannot disagree with
    the real import.
    """
    folder = Path(tempfile.mkdtemp(prefix="painmood-preview-"))
    try:
        copy_path = folder / "preview.db"
        if store is not None:
            store.backup_to(copy_path)
        with Store(copy_path, passphrase=store.passphrase if store else None) as copy:
            return copy.save_many(checkins, on_conflict=on_conflict)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
