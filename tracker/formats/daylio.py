"""Daylio CSV export -> painmood check-ins (mood, tags and notes; Daylio has no pain).

Shapes read (headers are matched case-insensitively, a BOM is allowed, extra
columns are ignored):
- `full_date,date,weekday,time,mood,activities,note_title,note` (current);
- `full_date,date,weekday,time,mood,activities,note` (older, no title);
- `year,date,weekday,time,mood,activities,note` (oldest: `date` is `18 May`);
- the same without a header row, told by its shape: 7 or 8 columns, the
  first a year or an ISO date.
Rows come newest first and a day may have several entries. The file may be
in any language of locales.py (`2017,7 września,czwartek,...`); the
language is read from the month and weekday names.

Mood: see daylio_moods.py (standard names 0-10, custom names through
`--mood-map`, all unknown names reported together). Several entries on one
day: the mood is the mean of their scores, rounded half up; activities of
all entries become the day's tags (the file's most frequent first when a
day has more than painmood's limit); notes (HTML stripped to text) are
joined oldest first. A row that stops after its activities (no note cells
at all) is read with no note, and said so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..model import CheckIn, InvalidInput
from .app_days import counted, finish_days
from .common import (
    CsvTable,
    GatheredDay,
    ImportFailed,
    ImportProblem,
    ImportResult,
    check_day,
    csv_records,
    mean_rounded,
    raise_problems,
    strip_html,
)
from .daylio_moods import (
    DEFAULT_MOOD_SCORES,
    UnknownMood,
    UnknownMoods,
    guess_score,
    parse_mood_map,
    standard_score,
)
from .locales import LANGUAGE_NAMES, MONTHS, WEEKDAYS

__all__ = [
    "DEFAULT_MOOD_SCORES",
    "UnknownMoods",
    "headerless_columns",
    "is_daylio_header",
    "parse_mood_map",
    "read_daylio",
]

ACTIVITY_SEPARATOR = "|"
_ENTRY = ("date", "weekday", "time", "mood", "activities")
HEADERLESS: dict[tuple[str, int], tuple[str, ...]] = {
    ("iso", 7): ("full_date", *_ENTRY, "note"),
    ("iso", 8): ("full_date", *_ENTRY, "note_title", "note"),
    ("year", 7): ("year", *_ENTRY, "note"),
    ("year", 8): ("year", *_ENTRY, "note_title", "note"),
}
ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
YEAR = re.compile(r"\s*(\d{4})\s*")
# Little words between a day and its month: `16 de octubre`, `7. September`.
_DATE_FILLERS = frozenset({"de", "del", "of", "le"})


def is_daylio_header(names: Sequence[str]) -> bool:
    """True for the header of any Daylio CSV shape this module reads."""
    has_date = "full_date" in names or ("year" in names and "date" in names)
    return has_date and "mood" in names and "activities" in names


def headerless_columns(cells: Sequence[str]) -> tuple[str, ...] | None:
    """The column names of a Daylio export without its header, told by its first row."""
    if len(cells) not in (7, 8) or not cells[0]:
        return None
    if ISO_DATE.fullmatch(cells[0]):
        return HEADERLESS[("iso", len(cells))]
    if YEAR.fullmatch(cells[0]):
        return HEADERLESS[("year", len(cells))]
    return None


@dataclass
class _Day(GatheredDay):
    """Entries of one day gathered before they become one check-in.

    Notes are ordered by (minutes after midnight or -1, minus the position in
    the file): the file is newest first, so within a day earlier times (and
    lower rows) come first.
    """

    moods: list[int] = field(default_factory=list)


@dataclass
class _Table:
    """The rows of the file with its column names (read, or told by the shape)."""

    columns: tuple[str, ...]
    rows: list[tuple[int, list[str]]]
    problems: list[ImportProblem]
    # Rows that stopped after their activities: read with no note.
    short_rows: list[int]


def _read_rows(text: str) -> _Table:
    """Split the CSV; a header row is used when there is one, else the shape tells."""
    records = csv_records(text)
    names = tuple(cell.strip().lower() for cell in records[0][1])
    guessed = headerless_columns(records[0][1])
    if is_daylio_header(names):
        CsvTable(list(names), []).refuse_duplicates()  # taking one would drop the other
        columns, data = names, records[1:]
    elif guessed is not None:
        columns, data = guessed, records
    else:
        raise ImportFailed(
            [ImportProblem(1, None, ",".join(names)[:60], "is not the header of a Daylio export.")]
        )
    needed = columns.index("activities") + 1
    table = _Table(columns, [], [], [])
    for row, cells in data:
        if len(cells) == len(columns):
            table.rows.append((row, cells))
        elif needed <= len(cells) < len(columns):
            table.rows.append((row, cells + [""] * (len(columns) - len(cells))))
            table.short_rows.append(row)
        else:
            kind = "truncated" if len(cells) < len(columns) else "has extra cells"
            table.problems.append(
                ImportProblem(
                    row,
                    None,
                    None,
                    f"has {len(cells)} cells but a Daylio export has {len(columns)} ({kind}).",
                )
            )
    return table


def _parse_time(text: str) -> int | None:
    """Minutes after midnight for `11:54 pm`, `23:54`, `8:05 AM`; None if unclear."""
    match = re.fullmatch(r"\s*(\d{1,2})[:.h](\d{2})\s*([ap]\.?\s?m\.?)?\s*", text.lower())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].startswith("p") else 0)
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def _day_and_month_word(text: str) -> tuple[int, str] | None:
    """`18 May`, `May 18`, `7 września`, `16 de octubre`, `7. September` -> (day, word)."""
    digits = re.findall(r"\d+", text)
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in _DATE_FILLERS]
    if len(digits) != 1 or len(words) != 1:
        return None
    return int(digits[0]), words[0]


def file_languages(month_cells: set[str], weekday_cells: set[str]) -> set[str]:
    """The languages every month and weekday name of the file belongs to.

    Names no language knows are ignored here (the date then fails on its own
    row); names that share no language leave every language they belong to.
    """
    every: set[str] = set(LANGUAGE_NAMES)
    seen: set[str] = set()
    common = set(every)
    for cell in month_cells:
        parsed = _day_and_month_word(cell)
        if parsed and parsed[1] in MONTHS:
            langs = set(MONTHS[parsed[1]])
            seen |= langs
            common &= langs
    for cell in weekday_cells:
        langs = set(WEEKDAYS.get(cell.strip().lower(), {}))
        if langs:
            seen |= langs
            common &= langs
    if common:
        return common
    return seen or every


def _month_day(text: str, languages: set[str]) -> tuple[int, int] | None:
    """(month, day) for the `date` cell in one of `languages`."""
    parsed = _day_and_month_word(text)
    if parsed is None:
        return None
    months = MONTHS.get(parsed[1], {})
    found = {months[language] for language in languages if language in months}
    if not found:
        found = set(months.values())
    return (found.pop(), parsed[0]) if len(found) == 1 else None


def _parse_date(
    full_date: str | None, year: str | None, month_day: str | None, languages: set[str]
) -> dt.date:
    """The entry's date from `full_date` (ISO, zero padding optional) or year + `18 May`."""
    if full_date is not None:
        match = ISO_DATE.fullmatch(full_date)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        raise ValueError
    if year is None or month_day is None or not YEAR.fullmatch(year):
        raise ValueError
    parsed = _month_day(month_day, languages)
    if parsed is None:
        raise ValueError
    return dt.date(int(year), parsed[0], parsed[1])


def read_daylio_text(
    text: str, today: dt.date, mood_map: Mapping[str, int] | None = None
) -> ImportResult:
    """Read a whole Daylio CSV export (with or without header); see read_daylio."""
    return read_daylio(_read_rows(text), today, mood_map)


def read_daylio(
    table: _Table, today: dt.date, mood_map: Mapping[str, int] | None = None
) -> ImportResult:
    """Read a whole Daylio export; raise ImportFailed (UnknownMoods for names
    without a score) listing every problem."""
    given = {k.strip().lower(): v for k, v in (mood_map or {}).items()}
    index = {name: table.columns.index(name) for name in table.columns}
    full_date, year, month_day = index.get("full_date"), index.get("year"), index.get("date")
    mood_col, activities = index["mood"], index["activities"]
    title, note_col, time_col = index.get("note_title"), index.get("note"), index.get("time")
    weekday = index.get("weekday")
    languages = file_languages(
        {cells[month_day] for _, cells in table.rows} if month_day is not None else set(),
        {cells[weekday] for _, cells in table.rows} if weekday is not None else set(),
    )
    scores: dict[str, int | None] = {}
    used_standard: dict[str, int] = {}
    unknown: dict[str, UnknownMood] = {}
    days: dict[dt.date, _Day] = {}
    problems: list[ImportProblem] = list(table.problems)
    for position, (row, cells) in enumerate(table.rows):
        try:
            day = _parse_date(
                cells[full_date] if full_date is not None else None,
                cells[year] if year is not None else None,
                cells[month_day] if month_day is not None else None,
                languages,
            )
        except ValueError:
            if full_date is not None:
                problems.append(
                    ImportProblem(
                        row, "full_date", cells[full_date], "is not a date like 2022-01-31."
                    )
                )
            else:
                shown = " ".join(cells[i] for i in (month_day, year) if i is not None)
                problems.append(
                    ImportProblem(row, "date", shown, "is not a day and month like 18 May.")
                )
            continue
        try:
            check_day(day, today)
        except InvalidInput as exc:
            problems.append(ImportProblem(row, "full_date", day.isoformat(), str(exc)))
            continue
        label = cells[mood_col].strip()
        key = label.lower()
        if not label:
            problems.append(
                ImportProblem(row, "mood", None, "the mood is blank; every Daylio entry has one.")
            )
            continue
        if key not in scores:
            standard = standard_score(key, languages)
            scores[key] = given.get(key, standard)
            if standard is not None and key not in given:
                used_standard[key] = standard
        score = scores[key]
        if score is None:
            _note_unknown(unknown, label, day)
            continue
        entry = days.setdefault(day, _Day())
        entry.moods.append(score)
        entry.labels += cells[activities].split(ACTIVITY_SEPARATOR)
        parts = [strip_html(cells[title]) if title is not None else "", ""]
        parts[1] = strip_html(cells[note_col]) if note_col is not None else ""
        note = "\n".join(p for p in parts if p)
        if note:
            minutes = _parse_time(cells[time_col]) if time_col is not None else None
            entry.notes.append((minutes if minutes is not None else -1, -position, note))
    if unknown:
        raise UnknownMoods(list(unknown.values()), sorted(problems, key=lambda p: p.row or 0))
    raise_problems(problems)
    return _result(table, days, today, languages, used_standard)


def _note_unknown(unknown: dict[str, UnknownMood], label: str, day: dt.date) -> None:
    """Count one more use of a name without a score (first spelling kept)."""
    mood = unknown.get(label.lower())
    if mood is None:
        guess, why = guess_score(label.lower())
        unknown[label.lower()] = UnknownMood(label, 1, day, day, guess, why)
        return
    mood.count += 1
    mood.first, mood.last = min(mood.first, day), max(mood.last, day)


def _result(
    table: _Table,
    days: dict[dt.date, _Day],
    today: dt.date,
    languages: set[str],
    used_standard: dict[str, int],
) -> ImportResult:
    """The check-ins and remarks once every row is good."""
    remarks: list[str] = ["Daylio has no pain score: imported days have mood only."]
    merged = sum(len(d.moods) for d in days.values()) - len(days)
    if merged:
        remarks.append(
            f"{counted(merged, 'extra entry', 'extra entries')} on days with several were "
            "averaged into one check-in."
        )
    if languages != {"en"} and len(languages) < len(LANGUAGE_NAMES):
        names = " or ".join(LANGUAGE_NAMES[language] for language in sorted(languages))
        moods = ", ".join(f"{label} {score}" for label, score in used_standard.items())
        remarks.append(
            f"Read as a Daylio export in {names}"
            + (f"; its standard moods scored {moods}." if moods else ".")
        )
    if table.short_rows:
        rows = ", ".join(str(row) for row in table.short_rows[:5])
        remarks.append(
            f"{counted(len(table.short_rows), 'row')} stopped after the activities (row {rows}); "
            "read with no note."
        )
    finished = finish_days(days, remarks)
    checkins = [
        CheckIn.create(today=today, day=day, mood=mean_rounded(days[day].moods), **finished[day])
        for day in sorted(days)
    ]
    return ImportResult("daylio", len(table.rows), checkins, remarks, default_conflict="skip")
