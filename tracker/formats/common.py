"""What every importer shares, in one place to import it from.

Defined here: turning another app's values into painmood's (several readings
of a day as one rounded score, activity labels as tags, notes joined and
bounded, HTML notes as plain text, no day after today). Re-exported from the
modules split off this one, so each reader imports all it needs from
`formats.common`: `import_outcome` (problems with their row and column, and
the result of reading a file) and `text_input` (decoding a file's bytes and
reading CSV rows).

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import html.parser
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
    ConflictPolicy,
    InvalidInput,
)
from .import_outcome import (
    PROBLEMS_SHOWN,
    ImportFailed,
    ImportProblem,
    ImportResult,
    raise_problems,
    row_problem,
)
from .text_input import SAVE_AS_UTF8, UNICODE_BOMS, CsvTable, csv_records, decode_text, read_csv

# Control characters a note may not hold (line breaks and tabs are fine).
NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


__all__ = [
    "PROBLEMS_SHOWN",
    "SAVE_AS_UTF8",
    "UNICODE_BOMS",
    "ConflictPolicy",
    "CsvTable",
    "GatheredDay",
    "ImportFailed",
    "ImportProblem",
    "ImportResult",
    "check_day",
    "csv_records",
    "decode_text",
    "join_notes",
    "mean_rounded",
    "raise_problems",
    "read_csv",
    "round_half_up",
    "row_problem",
    "strip_html",
    "tag_from_label",
    "tags_from_labels",
]
