"""What every importer shares: problems with their row and column, the result
of reading a file, text decoding, CSV rows, tags and notes from other apps.

Standard library only. Row numbers count the header as row 1, as a
spreadsheet shows them, so a person can find the bad cell.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html.parser
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import (
    NOTE_MAX_CHARS,
    TAG_MAX_CHARS,
    TAG_PATTERN,
    TAGS_MAX_COUNT,
    CheckIn,
    ConflictPolicy,
    InvalidInput,
    PainmoodError,
    quoted,
)

# How many problems an error message lists before saying "and N more".
PROBLEMS_SHOWN = 20
# Control characters a note may not hold (line breaks and tabs are fine).
NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class ImportProblem:
    """One bad cell or row: where it is, what it holds, and why it is refused."""

    row: int | None
    column: str | None
    value: str | None
    reason: str
    row_word: str = "row"

    def where(self) -> str:
        """`row 4, column pain, value '11'` (less when something is unknown)."""
        parts = []
        if self.row is not None:
            parts.append(f"{self.row_word} {self.row}")
        if self.column:
            column = self.column if len(self.column) <= 40 else quoted(self.column, 40)
            parts.append(f"{'column' if self.row_word == 'row' else 'field'} {column}")
        if self.value is not None:
            parts.append(f"value {_show_value(self.value)}")
        return ", ".join(parts)

    def sentence(self) -> str:
        """One line for the report: where, the value, and why."""
        where = self.where()
        return f"{where}: {self.reason}" if where else self.reason


def _show_value(value: str) -> str:
    return quoted(value)


class ImportFailed(PainmoodError):
    """The file cannot be imported; nothing was written. Carries every problem."""

    def __init__(self, problems: Sequence[ImportProblem], source: str = "the file") -> None:
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        first = self.problems[0].sentence() if self.problems else "unreadable"
        if count == 1:
            message = f"{source}: {first} Nothing was imported."
        else:
            message = f"{source}: {count} problems, nothing was imported. First: {first}"
        super().__init__(message)

    def report_lines(self, limit: int = PROBLEMS_SHOWN) -> list[str]:
        """Every problem as a line (up to `limit`, then a count of the rest)."""
        lines = [p.sentence() for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problems.")
        return lines


@dataclass
class ImportResult:
    """A whole file read and validated: one check-in per day, oldest first."""

    format: str
    rows_read: int
    checkins: list[CheckIn]
    # Things adjusted or left out on purpose, each with its reason.
    remarks: list[str] = field(default_factory=list)
    default_conflict: ConflictPolicy = "skip"
    # Weekly questionnaires (tracker.questionnaires.Result) in painmood's own formats.
    questionnaires: list[Any] = field(default_factory=list)


# Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first:
# its little-endian mark starts with UTF-16's).
UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SAVE_AS_UTF8 = "save it again as UTF-8 (in Excel: Save As, 'CSV UTF-8')"


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text with no byte-order mark, told by its zero bytes.

    Text in a Latin script saved as UTF-16 has a zero byte in every other
    place (the odd ones for little-endian), which no UTF-8 text has.
    """
    sample = data[:400]
    if len(sample) < 4:
        return None
    for codec, zeros, others in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) == 0:
            return codec
    return None


def _decode_utf16(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        name = "UTF-32" if "32" in codec else "UTF-16"
        raise ImportFailed(
            [
                ImportProblem(
                    None,
                    None,
                    None,
                    f"The file is {name} text but breaks off or is damaged at byte "
                    f"{exc.start}; {SAVE_AS_UTF8}.",
                )
            ]
        ) from None


def decode_text(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is allowed), or UTF-16/UTF-32 as Windows saves it.

    Anything else (binary junk, another encoding) becomes a problem naming its row.
    """
    if not data.strip():
        raise ImportFailed([ImportProblem(None, None, None, "The file is empty.")])
    codec = next((name for bom, name in UNICODE_BOMS if data.startswith(bom)), None)
    codec = codec or _utf16_without_bom(data)
    if codec is not None:
        text = _decode_utf16(data, codec)
        if not text.strip():
            raise ImportFailed([ImportProblem(None, None, None, "The file is empty.")])
        if "\x00" in text:
            row = text[: text.index("\x00")].count("\n") + 1
            raise ImportFailed(
                [ImportProblem(row, None, None, "contains a NUL character: this is not text.")]
            )
        return text
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportFailed(
            [
                ImportProblem(
                    data[:nul].count(b"\n") + 1,
                    None,
                    None,
                    "contains a NUL byte: this is a binary file, not a CSV or JSON export.",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            [
                ImportProblem(
                    data[: exc.start].count(b"\n") + 1,
                    None,
                    None,
                    "is not UTF-8 text (a binary file, or another encoding such as "
                    f"Windows-1252); {SAVE_AS_UTF8}.",
                )
            ]
        ) from None


@dataclass(frozen=True)
class CsvTable:
    """A CSV file split into its header (lower-cased names) and numbered rows."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    # Rows whose cell count does not match the header (left out of `rows`).
    problems: list[ImportProblem] = field(default_factory=list)

    def column(self, *names: str) -> int | None:
        """Index of the first of `names` present in the header, or None.

        A column the reader needs that appears twice is refused: taking one
        would silently drop the other.
        """
        for name in names:
            if name in self.header:
                self.refuse_duplicates(name)
                return self.header.index(name)
        return None

    def refuse_duplicates(self, *names: str) -> None:
        """Raise ImportFailed naming every one of `names` (default: any) that row 1 repeats."""
        wanted = set(names or self.header)
        problems = []
        for name in dict.fromkeys(self.header):
            places = [i + 1 for i, cell in enumerate(self.header) if cell == name]
            if name and name in wanted and len(places) > 1:
                where = ", ".join(str(p) for p in places[:-1]) + f" and {places[-1]}"
                problems.append(
                    ImportProblem(
                        1,
                        name,
                        None,
                        f"this column appears {len(places)} times in the header (columns "
                        f"{where}); keep one, so no value is dropped.",
                    )
                )
        if problems:
            raise ImportFailed(problems)


def csv_records(text: str) -> list[tuple[int, list[str]]]:
    """The non-blank records of CSV text with their row numbers (1-based).

    Malformed CSV or a file with no record at all is one ImportFailed.
    """
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), strict=True):
            number += 1
            if record and any(cell.strip() for cell in record):
                records.append((number, record))
    except csv.Error as exc:
        raise ImportFailed(
            [ImportProblem(number + 1, None, None, f"is not valid CSV ({exc}).")]
        ) from None
    if not records:
        raise ImportFailed([ImportProblem(None, None, None, "The file is empty.")])
    return records


def read_csv(text: str) -> CsvTable:
    """Split CSV text into header and rows; blank lines are ignored.

    A row with fewer or more cells than the header (a truncated or shifted
    row) is kept aside as a problem naming its row, so the reader can report
    it together with the bad values of the other rows.
    """
    records = csv_records(text)
    header_row, header = records[0]
    names = [cell.strip().lower() for cell in header]
    problems = []
    rows = []
    for row_number, cells in records[1:]:
        if len(cells) != len(names):
            kind = "truncated" if len(cells) < len(names) else "has extra cells"
            problems.append(
                ImportProblem(
                    row_number,
                    None,
                    None,
                    f"has {len(cells)} cells but the header has {len(names)} ({kind}).",
                )
            )
            continue
        rows.append((row_number, cells))
    return CsvTable(names, rows, problems)


def raise_problems(problems: list[ImportProblem]) -> None:
    """Raise ImportFailed with every problem in row order, if there are any."""
    if problems:
        raise ImportFailed(sorted(problems, key=lambda p: p.row or 0))


def round_half_up(value: float) -> int:
    """Round .5 up (Python's round() goes to even, which surprises people)."""
    return int(math.floor(value + 0.5))


def mean_rounded(values: Sequence[float]) -> int | None:
    """Several readings of one day as one score: their mean, rounded half up."""
    return round_half_up(sum(values) / len(values)) if values else None


@dataclass
class GatheredDay:
    """Labels and notes of one day from another app, gathered before it becomes a check-in."""

    labels: list[str] = field(default_factory=list)
    # (order within the day, position in file, note): sorted, the notes in day order
    notes: list[tuple[int, int, str]] = field(default_factory=list)

    def tags_and_note(self, day: dt.date, remarks: list[str]) -> dict[str, Any]:
        """The day's `tags` and `note` for CheckIn.create; what is left out goes to remarks."""
        return {
            "tags": tags_from_labels(self.labels, day, remarks),
            "note": join_notes([note for _, _, note in sorted(self.notes)], day, remarks),
        }


def tag_from_label(label: str) -> str | None:
    """Turn another app's activity or factor name into a painmood tag.

    `Bad sleep` -> `bad-sleep`, `Movies / TV` -> `movies-tv`, `Café` -> `café`;
    None when no letter or digit is left.
    """
    text = unicodedata.normalize("NFC", label).lower()
    text = re.sub(r"[^\w-]+", "-", text).strip("-_")
    text = re.sub(r"-{2,}", "-", text)[:TAG_MAX_CHARS].strip("-_")
    return text if text and TAG_PATTERN.match(text) else None


def tags_from_labels(labels: Iterable[str], day: dt.date, remarks: list[str]) -> tuple[str, ...]:
    """Tags for a day from free labels; labels with no letters or over the limit are
    left out and said so in `remarks`."""
    tags: set[str] = set()
    for label in labels:
        if not label.strip():
            continue
        tag = tag_from_label(label)
        if tag is None:
            remarks.append(f"{day.isoformat()}: {label!r} has no letters or digits; left out.")
        else:
            tags.add(tag)
    kept = sorted(tags)
    if len(kept) > TAGS_MAX_COUNT:
        remarks.append(
            f"{day.isoformat()}: {len(kept)} tags, kept the first {TAGS_MAX_COUNT} "
            f"alphabetically (left out: {', '.join(kept[TAGS_MAX_COUNT:])})."
        )
        kept = kept[:TAGS_MAX_COUNT]
    return tuple(kept)


def join_notes(parts: Iterable[str | None], day: dt.date, remarks: list[str]) -> str | None:
    """Join several notes of a day; a note over the limit is shortened and said so."""
    seen: list[str] = []
    for part in parts:
        text = (part or "").replace("\r\n", "\n").replace("\r", "\n")
        text = NOTE_CONTROL.sub("", text).strip()
        if text and text not in seen:
            seen.append(text)
    note = "\n\n".join(seen)
    if len(note) > NOTE_MAX_CHARS:
        remarks.append(
            f"{day.isoformat()}: the notes came to {len(note)} characters; shortened to "
            f"{NOTE_MAX_CHARS}."
        )
        note = note[: NOTE_MAX_CHARS - 1].rstrip() + "…"
    return note or None


class _TextOnly(html.parser.HTMLParser):
    """Collects the text of an HTML fragment; block tags become line breaks."""

    BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_html(text: str) -> str:
    """Plain text of a note that may hold HTML (Daylio's rich notes)."""
    if "<" not in text and "&" not in text:
        return text.strip()
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    plain = "".join(parts for parts in parser.parts).replace("\xa0", " ")
    lines = [line.strip() for line in plain.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def check_day(day: dt.date, today: dt.date) -> None:
    """Refuse a day after today, as the check-in form does."""
    if day > today:
        raise InvalidInput(
            f"{day.isoformat()} is in the future; check-ins are for today or earlier.", "day"
        )


def row_problem(
    row: int, column: str | None, value: str | None, error: Exception, row_word: str = "row"
) -> ImportProblem:
    """A problem from a validation error, naming the column the error names."""
    if isinstance(error, InvalidInput) and error.field_name and column is None:
        column = error.field_name
    return ImportProblem(row, column, value, str(error), row_word)
