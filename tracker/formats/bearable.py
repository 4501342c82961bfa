"""Bearable CSV export -> painmood check-ins.

Bearable writes one row per reading ("long" format):
`date,weekday,time of day,category,rating/amount,detail,notes`; newer files
add `date formatted` (ISO), which is preferred when present. `date` looks
like `5th Jan 2022`; `time of day` is a clock time (`03:00`) or a part of
the day (pre/am/mid/pm/all day) and only orders notes.

What each category becomes (several readings of one day are averaged,
rounded half up; the import's remarks list what each category of the file
became):
- Mood, rating 1-10 -> mood 0-10 as (rating - 1) x 10/9: 1 -> 0, 10 -> 10;
  the emotions in its detail (`Meh | Anxious`) -> tags.
- Symptom, severity 0-4 (None, Mild, Moderate, Severe, Unbearable; the word
  in brackets is used when the number is missing) x 2.5 -> 0, 3, 5, 8, 10:
  back pain (`Back (lower) pain`, `Backache`) -> pain; Stress -> stress;
  Anxiety -> anxiety; Fatigue (or Tiredness) -> fatigue; any other symptom
  -> a tag with its name.
- Energy, rating 1-5 (Awful .. Great) -> fatigue as (5 - rating) x 2.5
  (Great 0, Good 3, OK 5, Poor 8, Awful 10), on days with no Fatigue symptom.
- Sleep, hours (`7.5`, `7:30` or `7h 30m`) -> sleep_hours; a sleep row with
  no amount (synced from another app) is skipped and counted. Its note
  loses the lone "." Bearable writes there; the asleep/in-bed times in its
  detail are not kept.
- Sleep quality, rating 1-5 -> sleep_quality 0-10 as (rating - 1) x 2.5.
- Meds/Supplements (also Medication, Supplements): the name -> a tag
  (`Ibuprofen (mg)` -> `ibuprofen`; the dose is not kept).
- Factors, Sleep factors, Food Diary factors -> tags.
- Gratitudes, Food Diary, Notes, and any other category: its text joins
  the day's note as `Category: text`, so nothing the file holds is lost.
A day with neither mood nor back pain cannot be a check-in and is left out,
said so in the remarks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import CheckIn, InvalidInput
from .app_days import counted, finish_days
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
# Minutes after midnight that stand for Bearable's parts of the day (notes order).
PART_OF_DAY = {"pre": 180, "am": 540, "mid": 900, "pm": 1260, "all day": 1440, "": 1440}
BACK_PAIN = re.compile(r"\bback\b.*\b(pain|ache)\b|\bbackache\b|\blumbago\b", re.IGNORECASE)
BRACKETS_AT_END = re.compile(r"\s*\(([^()]*)\)\s*$")
SYMPTOM_FIELDS = {"stress": "stress", "anxiety": "anxiety", "fatigue": "fatigue"}
SYMPTOM_FIELDS["tiredness"] = "fatigue"
TAG_CATEGORIES = ("factors", "sleep factors", "food diary factors")
MEDICATION_CATEGORIES = ("meds/supplements", "medication", "medications", "supplements")
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%Y-%m-%d")
# What each category became, for the remarks (categories not listed join the note).
BECAME = {
    "mood": "mood (rating 1-10 as 0-10) and its emotions as tags",
    "symptom": "back pain -> pain, Stress/Anxiety/Fatigue -> those fields (severity 0-4 "
    "as 0-10), other symptoms as tags",
    "energy": "fatigue (energy 1-5 read as fatigue 10-0) on days without a Fatigue symptom",
    "sleep": "sleep hours",
    "sleep quality": "sleep quality (1-5 as 0-10)",
    **{name: "tags (names only, not doses)" for name in MEDICATION_CATEGORIES},
    **{name: "tags" for name in TAG_CATEGORIES},
}


def is_bearable_header(names: list[str]) -> bool:
    """True for the header of a Bearable export (old or new)."""
    return "category" in names and "rating/amount" in names and "detail" in names


@dataclass
class _Day(GatheredDay):
    """Readings of one day gathered before they become one check-in."""

    fields: defaultdict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


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
    match = BRACKETS_AT_END.search(detail)
    word = match[1].strip().lower() if match else ""
    if word in SEVERITY_WORDS:
        return SEVERITY_WORDS[word]
    raise ValueError("Symptom severity is missing (a number 0-4 or a word in brackets).")


def _order(time_of_day: str) -> int:
    """Minutes after midnight for `03:00` or a part of the day, to order notes."""
    text = time_of_day.strip().lower()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if match:
        return int(match[1]) * 60 + int(match[2])
    return PART_OF_DAY.get(text, 1440)


def _sleep_note(text: str) -> str:
    """A sleep row's note without the lone "." Bearable puts before it."""
    return re.sub(r"^\s*\.\s*", "", text).strip()


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
    categories: Counter[str] = Counter()
    names: dict[str, str] = {}
    empty_sleep = 0
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
        shown = cells[category_col].strip()
        category = shown.lower()
        rating, detail = cells[rating_col], cells[detail_col].strip()
        if category == "sleep" and not rating.strip():
            empty_sleep += 1
            continue
        entry = days.setdefault(day, _Day())
        try:
            text = _add_reading(entry, category, rating, detail)
        except ValueError as exc:
            problems.append(ImportProblem(row, "rating/amount", rating, str(exc)))
            continue
        categories[category] += 1
        names.setdefault(category, shown or "(no category)")
        note = strip_html(cells[notes_col]) if notes_col is not None else ""
        if category == "sleep":
            note = _sleep_note(note)
        if text:
            label = "" if category in ("notes", "note") else f"{shown}: "
            note = "\n".join(p for p in (f"{label}{text}", note) if p)
        if note:
            slot = cells[time_col] if time_col is not None else ""
            entry.notes.append((_order(slot), position, note))
    raise_problems(problems)
    return _result(table, days, today, categories, names, empty_sleep)


def _add_reading(entry: _Day, category: str, rating: str, detail: str) -> str:
    """File one row under the day; return text for the note ("" if none).

    Raises ValueError with the reason for a bad value.
    """
    if category == "mood":
        entry.fields["mood"].append((_rating(rating, 1, 10, "Mood") - 1) * 10 / 9)
        entry.labels += detail.split("|")
    elif category == "sleep":
        try:
            hours = parse_hours(rating)
        except ValueError:
            raise ValueError("Sleep must be hours like 7.5 or 7:30.") from None
        if not 0 <= hours <= 24:
            raise ValueError("Sleep must be from 0 to 24 hours.")
        entry.fields["sleep_hours"].append(hours)
    elif category == "sleep quality":
        entry.fields["sleep_quality"].append((_rating(rating, 1, 5, "Sleep quality") - 1) * 2.5)
    elif category == "energy":
        entry.fields["energy_fatigue"].append((5 - _rating(rating, 1, 5, "Energy")) * 2.5)
    elif category.startswith("symptom"):
        name = BRACKETS_AT_END.sub("", detail).strip()
        target = "pain" if BACK_PAIN.search(detail) else SYMPTOM_FIELDS.get(name.lower())
        if target:
            entry.fields[target].append(_severity(rating, detail) * 2.5)
        else:
            entry.labels.append(name)
    elif category in MEDICATION_CATEGORIES:
        entry.labels += [BRACKETS_AT_END.sub("", part) for part in detail.split("|")]
    elif category in TAG_CATEGORIES:
        entry.labels += detail.split("|")
    else:
        return " ".join(p for p in (rating.strip(), detail) if p)
    return ""


def _result(
    table: CsvTable,
    days: dict[dt.date, _Day],
    today: dt.date,
    categories: Counter[str],
    names: dict[str, str],
    empty_sleep: int,
) -> ImportResult:
    """The check-ins, with remarks saying what each category became."""
    remarks = [
        f"{names[category]} ({counted(count, 'row')}) became "
        f"{BECAME.get(category, 'part of the note')}."
        for category, count in categories.most_common()
    ]
    if empty_sleep:
        remarks.append(
            f"{counted(empty_sleep, 'sleep row')} had no amount (synced from another app?) "
            f"and {'was' if empty_sleep == 1 else 'were'} skipped."
        )
    kept = {
        day: entry for day, entry in days.items() if entry.fields["mood"] or entry.fields["pain"]
    }
    for day in sorted(set(days) - set(kept)):
        remarks.append(f"{day.isoformat()}: no mood or back-pain reading; left out.")
    finished = finish_days(kept, remarks)
    checkins = []
    for day in sorted(kept):
        values = kept[day].fields
        sleep = values["sleep_hours"]
        checkins.append(
            CheckIn.create(
                today=today,
                day=day,
                mood=mean_rounded(values["mood"]),
                pain=mean_rounded(values["pain"]),
                sleep_hours=round(sum(sleep) / len(sleep), 2) if sleep else None,
                sleep_quality=mean_rounded(values["sleep_quality"]),
                stress=mean_rounded(values["stress"]),
                anxiety=mean_rounded(values["anxiety"]),
                fatigue=mean_rounded(values["fatigue"] or values["energy_fatigue"]),
                **finished[day],
            )
        )
    return ImportResult("bearable", len(table.rows), checkins, remarks, default_conflict="skip")
