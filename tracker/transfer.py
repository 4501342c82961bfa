"""Moving a diary in and out: exports and imports against the store.

The glue between the pure `formats/` package and `Store`, shared by the CLI
commands and the export screen so both behave the same. No click, no
textual. Backups live in `backups`; the safe writing of files in `safe_files`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .formats import EXPORT_SUFFIXES, export_content
from .importing import ImportSummary, apply_import, preview_import  # noqa: F401 (kept here)
from .model import CheckIn
from .safe_files import write_file_atomically
from .store import Store


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
    **options: str,
) -> tuple[str | bytes | Iterator[str], list[CheckIn]]:
    """An export of the store's check-ins in [start, end] (text, bytes or text in
    pieces; `options`: a PDF's name and paper), and those check-ins."""
    from .questionnaires.storage import results

    checkins = store.checkins(start=start, end=end)
    content = export_content(
        format_name,
        checkins,
        start=start,
        end=end,
        today=today,
        questionnaires=results(store, start=start, end=end),
        **options,
    )
    return content, checkins


def as_chunks(
    content: str | bytes | Iterable[str] | Iterable[bytes],
) -> Iterable[str] | Iterable[bytes]:
    """One export's content as pieces to write, whether it came whole or streamed."""
    if isinstance(content, str):
        return [content]
    if isinstance(content, bytes):
        return [content]
    return content


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
    write_file_atomically(path, as_chunks(content), replace=replace, diary=diary)
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
