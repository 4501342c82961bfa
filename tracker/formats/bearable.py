"""Bearable CSV export -> painmood check-ins.

Bearable writes one row per reading ("long" format):
`date,weekday,time of day,category,rating/amount,detail,notes`; newer files
add `date formatted` (ISO), which is preferred when present. `date` looks
like `5th Jan 2022`; `time of day` is pre/am/mid/pm and only orders notes.

What becomes what (several readings on one day are averaged, rounded half up):
- Mood, rating 1-10 -> mood 0-10 as (rating - 1) x 10/9: 1 -> 0, 10 -> 10.
- Sleep, hours (`7.5`, `7:30` or `7h 30m`) -> sleep_hours.
- Sleep quality, rating 1-5 -> sleep_quality 0-10 as (rating - 1) x 2.5.
- Symptom whose detail names back pain (`Back (lower) pain (Moderate)`,
  `Backache`), severity 0-4 (None, Mild, Moderate, Severe, Unbearable; the
  word in brackets is used when the number is missing) -> pain as
  severity x 2.5: 0, 3, 5, 8, 10.
- Other symptoms, factors, medication and supplements -> tags.
- Text in `notes` (and rows of a notes category) -> the day's note.
Other categories (energy, nutrition, measurements ...) have no painmood
field and are counted in the remarks. A day with neither mood nor back pain
cannot be a check-in and is left out, said so in the remarks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import CheckIn, InvalidInput
from .common import (
    CsvTable,
    GatheredDay,
    ImportProblem,
    ImportResult,
    check_day,
    mean_rounded,
    raise_problems,
    strip_html,
)

SEVERITY_WORDS = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "unbearable": 4, "extreme": 4}
TIME_OF_DAY_ORDER = {"pre": 0, "am": 1, "mid": 2, "pm": 3}
BACK_PAIN = re.compile(r"\bback\b.*\b(pain|ache)\b|\bbackache\b|\blumbago\b", re.IGNORECASE)
SEVERITY_IN_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*$")
TAG_CATEGORIES = ("symptom", "factor", "medication", "supplement")
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%Y-%m-%d")


def is_bearable_header(names: list[str]) -> bool:
    """True for the header of a Bearable export (old or new)."""
    return "category" in names and "rating/amount" in names and "detail" in names


@dataclass
class _Day(GatheredDay):
    """Readings of one day gathered before they become one check-in."""

    moods: list[float] = field(default_factory=list)
    pains: list[float] = field(default_factory=list)
    sleep_hours: list[float] = field(default_factory=list)
    sleep_quality: list[float] = field(default_factory=list)


def parse_bearable_date(text: str) -> dt.date:
    """`5th Jan 2022`, `January 5th, 2022`, `2022-01-05` (or with a time) -> date."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"[,\s]+", " ", cleaned).strip()
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?", cleaned)
    if iso:
        return dt.date.fromisoformat(iso[1])
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_hours(text: str) -> float:
    """Hours from `7.5`, `7:30` or `7h 30m`."""
    text = text.strip().lower()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text) or re.fullmatch(
        r"(\d{1,2})\s*h(?:\s*(\d{1,2})\s*m(?:in)?)?", text
    )
    if match:
        return int(match[1]) + int(match[2] or 0) / 60
    return float(text)


def _rating(text: str, low: float, high: float, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"{what} must be a number from {low:g} to {high:g}.") from None
    if not low <= value <= high:
        raise ValueError(f"{what} must be from {low:g} to {high:g}.")
    return value


def _severity(rating: str, detail: str) -> float:
    if rating.strip():
        return _rating(rating, 0, 4, "Symptom severity")
    match = SEVERITY_IN_BRACKETS.search(detail)
    word = match[1].strip().lower() if match else ""
    if word in SEVERITY_WORDS:
        return SEVERITY_WORDS[word]
    raise ValueError("Symptom severity is missing (a number 0-4 or a word in brackets).")


def read_bearable(table: CsvTable, today: dt.date) -> ImportResult:
    """Read a whole Bearable export; raise ImportFailed listing every bad row."""
    date_formatted = table.column("date formatted")
    date_col = table.column("date")
    category_col = table.column("category")
    rating_col = table.column("rating/amount")
    detail_col = table.column("detail")
    notes_col = table.column("notes")
    time_col = table.column("time of day")
    assert category_col is not None and rating_col is not None and detail_col is not None
    days: dict[dt.date, _Day] = {}
    ignored: Counter[str] = Counter()
    problems: list[ImportProblem] = list(table.problems)
    for position, (row, cells) in enumerate(table.rows):
        day_text = cells[date_formatted].strip() if date_formatted is not None else ""
        column = "date formatted"
        if not day_text and date_col is not None:
            day_text, column = cells[date_col], "date"
        try:
            day = parse_bearable_date(day_text)
            check_day(day, today)
        except ValueError:
            problems.append(
                ImportProblem(row, column, day_text, "is not a date like 5th Jan 2022.")
            )
            continue
        except InvalidInput as exc:
            problems.append(ImportProblem(row, column, day_text, str(exc)))
            continue
        category = cells[category_col].strip().lower()
        rating, detail = cells[rating_col], cells[detail_col].strip()
        entry = days.setdefault(day, _Day())
        try:
            _add_reading(entry, category, rating, detail, ignored)
        except ValueError as exc:
            problems.append(ImportProblem(row, "rating/amount", rating, str(exc)))
            continue
        note = strip_html(cells[notes_col]) if notes_col is not None else ""
        if "note" in category and detail:
            note = "\n".join(p for p in (strip_html(detail), note) if p)
        if note:
            slot = cells[time_col].strip().lower() if time_col is not None else ""
            entry.notes.append((TIME_OF_DAY_ORDER.get(slot, 4), position, note))
    raise_problems(problems)
    remarks = [
        f"{count} {name} rows were not imported: painmood has no field for them."
        for name, count in sorted(ignored.items())
    ]
    checkins = []
    for day in sorted(days):
        entry = days[day]
        if not entry.moods and not entry.pains:
            remarks.append(f"{day.isoformat()}: no mood or back-pain reading; left out.")
            continue
        checkins.append(
            CheckIn.create(
                today=today,
                day=day,
                mood=mean_rounded(entry.moods),
                pain=mean_rounded(entry.pains),
                sleep_hours=round(sum(entry.sleep_hours) / len(entry.sleep_hours), 2)
                if entry.sleep_hours
                else None,
                sleep_quality=mean_rounded(entry.sleep_quality),
                **entry.tags_and_note(day, remarks),
            )
        )
    return ImportResult("bearable", len(table.rows), checkins, remarks, default_conflict="skip")


def _add_reading(
    entry: _Day, category: str, rating: str, detail: str, ignored: Counter[str]
) -> None:
    """File one row under the day; raise ValueError with the reason for a bad value."""
    if category == "mood":
        entry.moods.append((_rating(rating, 1, 10, "Mood") - 1) * 10 / 9)
    elif category == "sleep":
        try:
            hours = parse_hours(rating)
        except ValueError:
            raise ValueError("Sleep must be hours like 7.5 or 7:30.") from None
        if not 0 <= hours <= 24:
            raise ValueError("Sleep must be from 0 to 24 hours.")
        entry.sleep_hours.append(hours)
    elif category == "sleep quality":
        entry.sleep_quality.append((_rating(rating, 1, 5, "Sleep quality") - 1) * 2.5)
    elif category.startswith("symptom") and BACK_PAIN.search(detail):
        entry.pains.append(_severity(rating, detail) * 2.5)
    elif category.startswith(TAG_CATEGORIES):
        name = SEVERITY_IN_BRACKETS.sub("", detail) if category.startswith("symptom") else detail
        entry.labels += name.split("|")
    elif "note" not in category:
        ignored[category or "uncategorised"] += 1
