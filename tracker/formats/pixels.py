"""Pixels ("Year in Pixels", teovogel.me/pixels) JSON backup -> painmood check-ins.

Two layouts, both a JSON list with one object a day:
- older: `{"date": "2019-01-08", "mood": 5, "emotions": ["joy"], "notes": ""}`;
- newer: `{"date": "2022-1-5", "type": "Mood", "scores": [4], "notes": "",
  "tags": [{"type": "Emotions", "entries": ["joy"]}]}` (layout learned from
  public Pixels tools: pixels-web's `PixelsEntry` type and the YearInPixels
  scripts, which also write `tags` as a plain list of words).

Mood 1-5 -> painmood 0-10 as (mood - 1) x 2.5, rounded half up: 1 -> 0,
2 -> 3, 3 -> 5, 4 -> 8, 5 -> 10 (the same ladder as Daylio's five moods).
Several scores of one day are averaged first. Emotions and tags become
tags; notes become the note. A day without any score cannot be a check-in:
it is left out and counted in the remarks.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..model import CheckIn, InvalidInput
from .app_days import counted, finish_days
from .common import (
    GatheredDay,
    ImportFailed,
    ImportProblem,
    ImportResult,
    check_day,
    mean_rounded,
    raise_problems,
)

DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def is_pixels_document(document: Any) -> bool:
    """True for a JSON list whose first entry has a date and a mood or scores (no `day`)."""
    if not isinstance(document, list) or not document or not isinstance(document[0], dict):
        return False
    first = document[0]
    return "date" in first and ("mood" in first or "scores" in first) and "day" not in first


class _Day(GatheredDay):
    """Scores of one day (a file may repeat a day)."""

    def __init__(self) -> None:
        super().__init__()
        self.moods: list[float] = []


def _problem(number: int, field_name: str | None, value: Any, reason: str) -> ImportProblem:
    shown = None if value is None else str(value)
    return ImportProblem(number, field_name, shown, reason, "entry")


def _scores(entry: dict[str, Any]) -> list[Any]:
    if "scores" in entry:
        scores = entry["scores"]
        return scores if isinstance(scores, list) else [scores]
    return [] if entry.get("mood") is None else [entry["mood"]]


def _labels(entry: dict[str, Any]) -> list[str]:
    """Emotions (older layout) and tag entries (newer) as plain words."""
    labels: list[str] = []
    for item in [*(entry.get("emotions") or []), *(entry.get("tags") or [])]:
        if isinstance(item, str):
            labels.append(item)
        elif isinstance(item, dict) and isinstance(item.get("entries"), list):
            labels += [word for word in item["entries"] if isinstance(word, str)]
    return labels


def read_pixels(text: str, today: dt.date) -> ImportResult:
    """Read a whole Pixels backup; raise ImportFailed listing every bad entry."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise ImportFailed([ImportProblem(None, None, None, "is not valid JSON.")]) from None
    if not isinstance(document, list):
        raise ImportFailed([ImportProblem(None, None, None, "A Pixels backup is a list of days.")])
    days: dict[dt.date, _Day] = {}
    problems: list[ImportProblem] = []
    no_score: list[dt.date] = []
    for number, entry in enumerate(document, start=1):
        if not isinstance(entry, dict):
            problems.append(_problem(number, None, None, "must be an object."))
            continue
        match = DATE.fullmatch(str(entry.get("date", "")))
        try:
            if not match:
                raise ValueError
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            check_day(day, today)
        except ValueError:
            problems.append(_problem(number, "date", entry.get("date"), "is not a date."))
            continue
        except InvalidInput as exc:
            problems.append(_problem(number, "date", entry.get("date"), str(exc)))
            continue
        scores = _scores(entry)
        bad = [s for s in scores if isinstance(s, bool) or s not in (1, 2, 3, 4, 5)]
        if bad:
            name = "scores" if "scores" in entry else "mood"
            problems.append(_problem(number, name, bad[0], "must be a whole number from 1 to 5."))
            continue
        notes = entry.get("notes") or ""
        if not isinstance(notes, str):
            problems.append(_problem(number, "notes", notes, "must be text."))
            continue
        if not scores:
            no_score.append(day)
            continue
        gathered = days.setdefault(day, _Day())
        gathered.moods += [(score - 1) * 2.5 for score in scores]
        gathered.labels += _labels(entry)
        if notes.strip():
            gathered.notes.append((0, number, notes))
    raise_problems(problems)
    remarks: list[str] = ["Pixels has no pain score: imported days have mood only."]
    if no_score:
        remarks.append(
            f"{counted(len(no_score), 'day')} had no mood score and "
            f"{'was' if len(no_score) == 1 else 'were'} left out "
            f"(first {min(no_score).isoformat()})."
        )
    finished = finish_days(days, remarks)
    checkins = [
        CheckIn.create(today=today, day=day, mood=mean_rounded(days[day].moods), **finished[day])
        for day in sorted(days)
    ]
    return ImportResult("pixels", len(document), checkins, remarks, default_conflict="skip")
