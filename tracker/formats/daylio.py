"""Daylio CSV export -> painmood check-ins (mood, tags and notes; Daylio has no pain).

Shapes read (headers are matched case-insensitively, a BOM is allowed, extra
columns are ignored):
- `full_date,date,weekday,time,mood,activities,note_title,note` (current);
- `full_date,date,weekday,time,mood,activities,note` (older, no title);
- `year,date,weekday,time,mood,activities,note` (oldest: `date` is `18 May`).
Rows come newest first and a day may have several entries.

Mood: Daylio's five standard moods sit on a 1-5 ladder; painmood spreads
them evenly over 0-10 and rounds half up: awful 0, bad 3, meh 5, good 8,
rad 10. Renamed or extra moods need `--mood-map label=score,...` (0-10);
the map can also override the defaults. Several entries on one day: the mood
is the mean of their scores, rounded half up; activities of all entries
become the day's tags; notes (HTML stripped to text) are joined oldest first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
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

DEFAULT_MOOD_SCORES: dict[str, int] = {"awful": 0, "bad": 3, "meh": 5, "good": 8, "rad": 10}
ACTIVITY_SEPARATOR = "|"
MONTH_DAY_FORMATS = ("%d %B", "%d %b", "%B %d", "%b %d")


def is_daylio_header(names: list[str]) -> bool:
    """True for the header of any Daylio CSV shape this module reads."""
    has_date = "full_date" in names or ("year" in names and "date" in names)
    return has_date and "mood" in names and "activities" in names


def parse_mood_map(text: str | None) -> dict[str, int]:
    """`label=score,...` (scores 0-10) into a dict with lower-case labels."""
    mapping: dict[str, int] = {}
    if not text:
        return mapping
    for part in text.split(","):
        if not part.strip():
            continue
        label, sep, score = part.rpartition("=")
        label = label.strip().lower()
        if not sep or not label:
            raise InvalidInput(
                f"--mood-map: {part.strip()!r} should look like label=score (e.g. 'great=9').",
                "mood_map",
            )
        try:
            number = int(score.strip())
        except ValueError:
            number = -1
        if not 0 <= number <= 10:
            raise InvalidInput(
                f"--mood-map: the score for {label!r} must be a whole number 0-10, "
                f"got {score.strip()!r}.",
                "mood_map",
            )
        mapping[label] = number
    return mapping


@dataclass
class _Day(GatheredDay):
    """Entries of one day gathered before they become one check-in.

    Notes are ordered by (minutes after midnight or -1, minus the position in
    the file): the file is newest first, so within a day earlier times (and
    lower rows) come first.
    """

    moods: list[int] = field(default_factory=list)


def _parse_time(text: str) -> int | None:
    """Minutes after midnight for `11:54 pm`, `23:54`, `8:05 AM`; None if unclear."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*", text.lower())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].startswith("p") else 0)
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def _parse_date(full_date: str | None, year: str | None, month_day: str | None) -> dt.date:
    """The entry's date from `full_date` (ISO, zero padding optional) or year + `18 May`."""
    if full_date is not None:
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", full_date)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        raise ValueError
    if year is None or month_day is None or not year.strip().isdigit():
        raise ValueError
    for pattern in MONTH_DAY_FORMATS:
        try:
            parsed = dt.datetime.strptime(f"{month_day.strip()} {year.strip()}", pattern + " %Y")
        except ValueError:
            continue
        return parsed.date()
    raise ValueError


def read_daylio(
    table: CsvTable, today: dt.date, mood_map: Mapping[str, int] | None = None
) -> ImportResult:
    """Read a whole Daylio export; raise ImportFailed listing every bad row."""
    scores = {**DEFAULT_MOOD_SCORES, **{k.lower(): v for k, v in (mood_map or {}).items()}}
    full_date = table.column("full_date")
    year = table.column("year")
    month_day = table.column("date")
    mood_col = table.column("mood")
    activities = table.column("activities")
    title = table.column("note_title")
    note_col = table.column("note")
    time_col = table.column("time")
    assert mood_col is not None
    days: dict[dt.date, _Day] = {}
    problems: list[ImportProblem] = list(table.problems)
    for position, (row, cells) in enumerate(table.rows):

        def cell(index: int | None, cells: list[str] = cells) -> str | None:
            return cells[index] if index is not None else None

        try:
            day = _parse_date(cell(full_date), cell(year), cell(month_day))
        except ValueError:
            shown = cell(full_date) if full_date is not None else f"{cell(month_day)} {cell(year)}"
            problems.append(
                ImportProblem(
                    row,
                    "full_date" if full_date is not None else "date",
                    shown,
                    "is not a date like 2022-01-31.",
                )
            )
            continue
        try:
            check_day(day, today)
        except InvalidInput as exc:
            problems.append(ImportProblem(row, "full_date", cell(full_date), str(exc)))
            continue
        label = cells[mood_col].strip()
        score = scores.get(label.lower())
        if score is None:
            problems.append(
                ImportProblem(
                    row,
                    "mood",
                    label,
                    f"is not one of Daylio's standard moods ({', '.join(DEFAULT_MOOD_SCORES)}); "
                    f"give it a 0-10 score with --mood-map '{label.lower()}=N'.",
                )
            )
            continue
        entry = days.setdefault(day, _Day())
        entry.moods.append(score)
        entry.labels += (cell(activities) or "").split(ACTIVITY_SEPARATOR)
        parts = [strip_html(cell(title) or ""), strip_html(cell(note_col) or "")]
        note = "\n".join(p for p in parts if p)
        if note:
            minutes = _parse_time(cell(time_col) or "")
            entry.notes.append((minutes if minutes is not None else -1, -position, note))
    raise_problems(problems)
    remarks: list[str] = []
    checkins = []
    for day in sorted(days):
        entry = days[day]
        checkins.append(
            CheckIn.create(
                today=today,
                day=day,
                mood=mean_rounded(entry.moods),
                **entry.tags_and_note(day, remarks),
            )
        )
    merged = sum(len(d.moods) for d in days.values()) - len(days)
    if merged:
        remarks.insert(
            0, f"{merged} extra entries on days with several were averaged into one check-in."
        )
    remarks.insert(0, "Daylio has no pain score: imported days have mood only.")
    return ImportResult("daylio", len(table.rows), checkins, remarks, default_conflict="skip")
