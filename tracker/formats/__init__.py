"""Exporters and importers: plain values in, text or check-ins out.

`export_text` writes a diary in one of EXPORT_FORMATS; `read_import` reads a
whole file (format told by its shape unless given: a zip holding Daylio's
backup, JSON by its keys, CSV by its header, or a headerless Daylio export
by its columns), validates every row and returns an ImportResult, or raises
ImportFailed listing every bad row (UnknownMoods, a subclass, for Daylio
mood names that need a score). Nothing here touches the database: writing
the result is one `Store.save_many` call, so an import is all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..model import CheckIn
from .common import (
    ConflictPolicy,
    CsvTable,
    ImportFailed,
    ImportProblem,
    ImportResult,
    decode_text,
    read_csv,
)

EXPORT_FORMATS: tuple[str, ...] = ("csv", "json", "fhir", "report", "report-md", "pdf")
IMPORT_FORMATS: tuple[str, ...] = (
    "painmood-csv",
    "painmood-json",
    "daylio",
    "daylio-backup",
    "bearable",
    "imoodjournal",
    "pixels",
)
# File name suffix for each export format.
EXPORT_SUFFIXES: dict[str, str] = {
    "csv": ".csv",
    "json": ".json",
    "fhir": ".fhir.json",
    "report": ".html",
    "report-md": ".md",
    "pdf": ".pdf",
}
FORMAT_NAMES: dict[str, str] = {
    "painmood-csv": "painmood CSV",
    "painmood-json": "painmood JSON",
    "daylio": "Daylio CSV",
    "daylio-backup": "Daylio backup",
    "bearable": "Bearable CSV",
    "imoodjournal": "iMoodJournal CSV",
    "pixels": "Pixels JSON",
}
# What detection tries, for the one line that says a file is none of them.
FORMATS_TRIED = "painmood CSV and JSON, Daylio CSV and backup, Bearable, iMoodJournal and Pixels"
# A .daylio backup is a zip file.
ZIP_MAGIC = b"PK\x03\x04"
# Formats that read --mood-map.
MOOD_MAP_FORMATS = ("daylio", "daylio-backup")


def export_text(
    format_name: str,
    checkins: Sequence[CheckIn],
    *,
    exported_at: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
    questionnaires: Sequence[Any] = (),
    name: str = "",
) -> str:
    """The diary (oldest first) as text in `format_name` (one of EXPORT_FORMATS).

    `start`/`end` only label the period of a report; `today` is the report's
    "as of" day; `name` is printed on a report. `questionnaires`
    (tracker.questionnaires.Result, oldest first) ride along in CSV, JSON and FHIR.
    """
    if format_name == "csv":
        from .csv_format import export_csv

        return export_csv(checkins, questionnaires)
    if format_name == "json":
        from .json_format import export_json

        return export_json(checkins, exported_at=exported_at, questionnaires=questionnaires)
    if format_name == "fhir":
        from .fhir import export_fhir

        return export_fhir(checkins, exported_at=exported_at, questionnaires=questionnaires)
    if format_name in ("report", "report-md"):
        from .report import build_report
        from .report_html import render_html, render_markdown

        report = build_report(
            checkins, start=start, end=end, today=today, questionnaires=questionnaires, name=name
        )
        return render_html(report) if format_name == "report" else render_markdown(report)
    raise ValueError(f"unknown text export format {format_name!r}")


def export_content(
    format_name: str, checkins: Sequence[CheckIn], **options: Any
) -> str | bytes | Iterator[str]:
    """What an export writes: PDF bytes, FHIR as a stream of pieces (ten years of
    diary never held as one string), or text. `options` are export_text's, plus
    `paper` for the PDF."""
    if format_name == "pdf":
        from .pdf_report import export_pdf

        keep = ("start", "end", "today", "name", "paper", "questionnaires")
        return export_pdf(checkins, **{k: v for k, v in options.items() if k in keep})
    if format_name == "fhir":
        from .fhir import fhir_pieces

        return fhir_pieces(
            checkins,
            exported_at=options.get("exported_at"),
            questionnaires=options.get("questionnaires", ()),
        )
    text_options = {k: v for k, v in options.items() if k != "paper"}
    return export_text(format_name, checkins, **text_options)


def detect_format(text: str) -> str:
    """Which import format a text file is, from its shape; ImportFailed if none fits."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _detect_json(stripped)
    from .bearable import is_bearable_header
    from .csv_format import FIELDS
    from .daylio import headerless_columns, is_daylio_header
    from .imoodjournal import is_imoodjournal_header

    first_line = stripped.splitlines()[0] if stripped else ""
    cells = read_csv(first_line + "\n").header if first_line else []
    names = [cell.strip().lower() for cell in cells]
    if set(names) == set(FIELDS):
        return "painmood-csv"
    if is_daylio_header(names) or headerless_columns(cells):
        return "daylio"
    if is_bearable_header(names):
        return "bearable"
    if is_imoodjournal_header(names):
        return "imoodjournal"
    if "day" in names and ("pain" in names or "mood" in names):
        # Looks like painmood CSV with a wrong column: let its reader name it.
        return "painmood-csv"
    raise ImportFailed(
        [
            ImportProblem(
                1,
                None,
                first_line[:60],
                f"is not a header painmood recognises (tried {FORMATS_TRIED}); "
                "give --format if you know what it is.",
            )
        ]
    )


def _detect_json(text: str) -> str:
    """painmood JSON or Pixels JSON, by the keys of the document or its first entry."""
    import json

    from .pixels import is_pixels_document

    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return "painmood-json"  # its reader names the line that is broken
    if is_pixels_document(document):
        return "pixels"
    if isinstance(document, list) or (
        isinstance(document, dict) and ("format" in document or "checkins" in document)
    ):
        return "painmood-json"
    raise ImportFailed(
        [
            ImportProblem(
                None,
                None,
                None,
                f"This JSON is not an export painmood recognises (tried {FORMATS_TRIED}); "
                "give --format if you know what it is.",
            )
        ]
    )


def read_import(
    data: bytes,
    *,
    today: dt.date,
    format_name: str | None = None,
    mood_map: Mapping[str, int] | None = None,
    source: str = "the file",
) -> ImportResult:
    """Read, detect and validate a whole import file.

    Raises ImportFailed (with `source` in its message) listing every bad row;
    returns one check-in per day, oldest first, when every row is good.
    """
    from .daylio_moods import UnknownMoods

    try:
        if format_name == "daylio-backup" or (format_name is None and _is_daylio_backup(data)):
            from .daylio_backup import read_daylio_backup

            return read_daylio_backup(data, today, mood_map)
        text = decode_text(data)
        chosen = format_name or detect_format(text)
        result = _read_as(chosen, text, today, mood_map)
    except UnknownMoods as failed:
        raise UnknownMoods(failed.moods, failed.other, source) from None
    except ImportFailed as failed:
        raise ImportFailed(failed.problems, source) from None
    if mood_map and chosen not in MOOD_MAP_FORMATS:
        result.remarks.append("--mood-map is for Daylio files; it was not used for this one.")
    return result


def _is_daylio_backup(data: bytes) -> bool:
    """A zip holding Daylio's backup (other binary files get decode_text's sentence)."""
    if data[:4] != ZIP_MAGIC:
        return False
    from .daylio_backup import is_daylio_backup

    return is_daylio_backup(data)


def _read_as(
    format_name: str, text: str, today: dt.date, mood_map: Mapping[str, int] | None
) -> ImportResult:
    if format_name == "painmood-json":
        from .json_format import read_painmood_json

        return read_painmood_json(text, today)
    if format_name == "painmood-csv":
        from .csv_format import read_painmood_csv

        return read_painmood_csv(text, today)
    if format_name == "daylio":
        from .daylio import read_daylio_text

        return read_daylio_text(text, today, mood_map)
    if format_name == "pixels":
        from .pixels import read_pixels

        return read_pixels(text, today)
    table = read_csv(text)
    if format_name == "bearable":
        from .bearable import is_bearable_header, read_bearable

        _require_header(is_bearable_header(table.header), table, "Bearable")
        return read_bearable(table, today)
    if format_name == "imoodjournal":
        from .imoodjournal import is_imoodjournal_header, read_imoodjournal

        _require_header(is_imoodjournal_header(table.header), table, "iMoodJournal")
        return read_imoodjournal(table, today)
    raise ValueError(f"unknown import format {format_name!r}")


def _require_header(ok: bool, table: CsvTable, app: str) -> None:
    if not ok:
        raise ImportFailed(
            [
                ImportProblem(
                    1,
                    None,
                    ",".join(table.header)[:60],
                    f"is not the header of a {app} export.",
                )
            ]
        )


__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_SUFFIXES",
    "FORMAT_NAMES",
    "IMPORT_FORMATS",
    "ConflictPolicy",
    "CsvTable",
    "ImportFailed",
    "ImportProblem",
    "ImportResult",
    "detect_format",
    "export_content",
    "export_text",
    "read_import",
]
