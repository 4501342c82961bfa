"""painmood's own CSV: one row per day, oldest first, exact round trip.

Header `day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,
activity_minutes,tags,note`; tags joined with `;`; UTF-8; RFC 4180 quoting
(CRLF line ends, quotes doubled).

Spreadsheet safety (OWASP "CSV injection"): a cell that starts with `=`,
`+`, `-`, `@`, a tab or a carriage return could run as a formula, so it is
written with a single quote in front (`=SUM(A1)` -> `'=SUM(A1)`). So that
the importer can undo this without guessing, a cell that genuinely starts
with a single quote gets one more quote too (`'tis` -> `''tis`). The rule
when reading is therefore simple and exact: a cell starting with `'` loses
that one quote. Numbers and days never start with a quote.

Weekly questionnaires follow the check-in rows as a second section, opened
by its own header row (see `tracker.questionnaires.transfer`), so one file
still carries the whole diary and imports back exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..model import FIELDS, CheckIn, InvalidInput, quoted, validate_checkin
from .common import ImportFailed, ImportProblem, ImportResult, raise_problems, read_csv, row_problem

if TYPE_CHECKING:
    from ..questionnaires import Result

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
TAG_SEPARATOR = ";"


def neutralise(cell: str) -> str:
    """Make a text cell inert in a spreadsheet, reversibly (see the module doc)."""
    if cell.startswith(FORMULA_STARTS) or cell.startswith(QUOTE):
        return QUOTE + cell
    return cell


def restore(cell: str) -> str:
    """Undo `neutralise`: drop the one leading quote it added."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def format_number(value: int | float | None) -> str:
    """Shortest exact text for a value: `7`, `7.25`, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # repr's digits in positional form (`1e-05` -> `0.00001`): exact, and
        # read back by the importer, which takes no exponents.
        return format(Decimal(repr(value)), "f")
    return str(value)


def checkin_cells(checkin: CheckIn) -> list[str]:
    """The row of a check-in, in FIELDS order, already neutralised."""
    cells = []
    for name in FIELDS:
        value: Any = getattr(checkin, name)
        if name == "day":
            text = value.isoformat()
        elif name == "tags":
            text = TAG_SEPARATOR.join(value)
        elif name == "note":
            text = value or ""
        else:
            text = format_number(value)
        cells.append(neutralise(text))
    return cells


def export_csv(checkins: Iterable[CheckIn], questionnaires: Iterable[Result] = ()) -> str:
    """The CSV text for these check-ins (give them oldest first), then any questionnaires."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    writer.writerows(checkin_cells(c) for c in checkins)
    listed = list(questionnaires)
    if listed:
        from ..questionnaires.transfer import QUESTIONNAIRE_HEADER, csv_cells

        writer.writerow(QUESTIONNAIRE_HEADER)
        writer.writerows([neutralise(cell) for cell in csv_cells(q)] for q in listed)
    return out.getvalue()


def read_painmood_csv(text: str, today: dt.date) -> ImportResult:
    """Read and validate a whole painmood CSV; raise ImportFailed listing every bad row."""
    from ..questionnaires.transfer import split_csv

    text, section = split_csv(text)
    table = read_csv(text)
    table.refuse_duplicates()
    missing = [name for name in FIELDS if name not in table.header]
    extra = [name or "(blank)" for name in table.header if name not in FIELDS]
    if len(missing) == len(FIELDS):
        reason = f"this is not a painmood CSV header, which is {','.join(FIELDS)}."
    elif missing or extra:
        parts = [f"lacks {', '.join(missing)}"] if missing else []
        if extra:
            named = ", ".join(quoted(name, 40) for name in extra[:3])
            more = f" and {len(extra) - 3} more" if len(extra) > 3 else ""
            parts.append(f"has columns painmood CSV does not: {named}{more}")
        reason = f"the header {' and '.join(parts)}."
    if missing or extra:
        raise ImportFailed([ImportProblem(1, None, None, reason)])
    problems: list[ImportProblem] = list(table.problems)
    checkins: list[CheckIn] = []
    first_row: dict[dt.date, int] = {}
    for row_number, cells in table.rows:
        cell_text = {name: restore(cells[table.header.index(name)]) for name in FIELDS}
        values: dict[str, Any] = {
            **cell_text,
            "tags": [t for t in cell_text["tags"].split(TAG_SEPARATOR) if t],
        }
        try:
            checkin = validate_checkin(values, today=today)
        except InvalidInput as exc:
            column = exc.field_name if exc.field_name in FIELDS else None
            shown = cells[table.header.index(column)] if column else None
            problems.append(row_problem(row_number, column, shown, exc))
            continue
        if checkin.day in first_row:
            problems.append(
                ImportProblem(
                    row_number,
                    "day",
                    checkin.day.isoformat(),
                    f"this day is already on row {first_row[checkin.day]}.",
                )
            )
            continue
        first_row[checkin.day] = row_number
        checkins.append(checkin)
    # Rows (CSV records, as read_csv counts them) above the section, for row numbers.
    rows_before = sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) if section else 0
    found = _read_section(section, rows_before, today, problems) if section else []
    raise_problems(problems)
    checkins.sort(key=lambda c: c.day)
    result = ImportResult("painmood-csv", len(table.rows), checkins, default_conflict="skip")
    result.questionnaires = found
    return result


def _read_section(
    section: str, rows_before: int, today: dt.date, problems: list[ImportProblem]
) -> list[Result]:
    """The questionnaire rows after the check-ins; problems name the file's row."""
    from ..questionnaires.transfer import (
        QUESTIONNAIRE_HEADER,
        BadEntry,
        csv_values,
        refuse_repeats,
        result_from_values,
    )

    table = read_csv(section)
    problems.extend(
        ImportProblem(p.row + rows_before if p.row else None, p.column, p.value, p.reason)
        for p in table.problems
    )
    read: list[tuple[int, Result]] = []
    for row_number, cells in table.rows:
        file_row = row_number + rows_before
        named = {name: restore(cells[i]) for i, name in enumerate(QUESTIONNAIRE_HEADER)}
        try:
            read.append((file_row, result_from_values(csv_values(named), today)))
        except BadEntry as exc:
            column = "questionnaire" if exc.field_name == "instrument" else exc.field_name
            shown = named.get(column or "", exc.value)  # the cell as written in the file
            problems.append(ImportProblem(file_row, column, shown, str(exc)))
    repeated = refuse_repeats(read)
    for file_row, reason in repeated:
        problems.append(ImportProblem(file_row, "day", None, reason))
    skip = {n for n, _ in repeated}
    return sorted((r for n, r in read if n not in skip), key=lambda r: (r.day, r.instrument.key))
