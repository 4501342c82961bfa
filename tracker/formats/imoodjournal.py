"""iMoodJournal CSV export -> painmood check-ins.

The export has one row per entry:
`"Date","Day of week","Hour","Minute","Level","LevelText","Comment",` then one
column per tag holding 1 when the entry carries it (0 or empty otherwise).
`Date` looks like `September 5, 2015`; `Level` runs 1 (worst) to 10 (best).

Level -> mood 0-10 as (level - 1) x 10/9, rounded half up (1 -> 0,
10 -> 10); several entries of one day are averaged first. The tags of all
entries become the day's tags (the file's most frequent first when a day has
more than painmood's limit); comments become the note, in time order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..model import CheckIn, InvalidInput
from .app_days import finish_days
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
from .locales import MONTHS

FIXED_COLUMNS = ("date", "day of week", "hour", "minute", "level", "leveltext", "comment")


def is_imoodjournal_header(names: Sequence[str]) -> bool:
    """True for the header of an iMoodJournal export."""
    return {"date", "hour", "minute", "level", "leveltext"} <= set(names)


class _Day(GatheredDay):
    """Levels of one day's entries."""

    def __init__(self) -> None:
        super().__init__()
        self.moods: list[float] = []


def parse_imood_date(text: str) -> dt.date:
    """`September 5, 2015` (any language of locales.py) or `2015-09-05` -> date."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
    numbers = re.findall(r"\d+", text)
    words = re.findall(r"[^\W\d_]+", text.lower())
    months = {m for w in words for m in MONTHS.get(w, {}).values()}
    if len(numbers) != 2 or len(months) != 1:
        raise ValueError(text)
    year_first = len(numbers[0]) == 4
    year, day = (numbers[0], numbers[1]) if year_first else (numbers[1], numbers[0])
    return dt.date(int(year), months.pop(), int(day))


def read_imoodjournal(table: CsvTable, today: dt.date) -> ImportResult:
    """Read a whole iMoodJournal export; raise ImportFailed listing every bad row."""
    column = {name: table.header.index(name) for name in FIXED_COLUMNS if name in table.header}
    tag_columns = [
        (index, name) for index, name in enumerate(table.header) if name not in FIXED_COLUMNS
    ]
    days: dict[dt.date, _Day] = {}
    problems: list[ImportProblem] = list(table.problems)
    for row, cells in table.rows:
        date_text = cells[column["date"]]
        try:
            day = parse_imood_date(date_text)
            check_day(day, today)
        except ValueError:
            problems.append(
                ImportProblem(row, "Date", date_text, "is not a date like September 5, 2015.")
            )
            continue
        except InvalidInput as exc:
            problems.append(ImportProblem(row, "Date", date_text, str(exc)))
            continue
        level_text = cells[column["level"]].strip()
        if not level_text.isdigit() or not 1 <= int(level_text) <= 10:
            problems.append(
                ImportProblem(row, "Level", level_text, "must be a whole number from 1 to 10.")
            )
            continue
        tags = []
        for index, name in tag_columns:
            value = cells[index].strip()
            if value == "1":
                tags.append(name)
            elif value not in ("", "0"):
                problems.append(ImportProblem(row, name, value, "a tag column holds 0 or 1."))
        gathered = days.setdefault(day, _Day())
        gathered.moods.append((int(level_text) - 1) * 10 / 9)
        gathered.labels += tags
        comment = strip_html(cells[column["comment"]]) if "comment" in column else ""
        if comment:
            gathered.notes.append((_minutes(cells, column), row, comment))
    raise_problems(problems)
    remarks = ["iMoodJournal has no pain score: imported days have mood only."]
    merged = sum(len(d.moods) for d in days.values()) - len(days)
    if merged:
        remarks.append(
            f"{merged} extra entries on days with several were averaged into one check-in."
        )
    finished = finish_days(days, remarks)
    checkins = [
        CheckIn.create(today=today, day=day, mood=mean_rounded(days[day].moods), **finished[day])
        for day in sorted(days)
    ]
    return ImportResult("imoodjournal", len(table.rows), checkins, remarks, default_conflict="skip")


def _minutes(cells: list[str], column: dict[str, int]) -> int:
    """Minutes after midnight of an entry (for ordering notes); 0 when unclear."""
    try:
        return int(cells[column["hour"]]) * 60 + int(cells[column["minute"]])
    except (KeyError, ValueError):
        return 0
