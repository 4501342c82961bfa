"""Daylio's full backup (`.daylio`) -> painmood check-ins.

What the file is, as public converters read it (daylio-scribe's backup
guide, dayligo, the Daylio-to-Markdown and Daylio-to-Pixels converters):
a zip holding `backup.daylio`, which is base64 text of one JSON object
with, among others:
- `customMoods`: `{id, custom_name, mood_group_id, predefined_name_id, ...}`,
  where `mood_group_id` 1-5 is the mood's level (1 rad .. 5 awful) and
  `custom_name` is empty for a standard mood (`predefined_name_id` 1-5);
- `tags`: `{id, name, ...}` (activities);
- `dayEntries`: `{year, month (0-11), day, hour, minute, mood (a
  customMoods id), tags [tag ids], note_title, note, ...}`.
Photos sit beside it in `assets/` and are not read.

Because each mood carries its level, custom moods need no `--mood-map`
(it can still override a mood by its name). Levels score as the CSV's
standard moods do (daylio_moods.LEVEL_SCORES); days, tags and notes are
gathered as the CSV reader gathers them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import zipfile
from collections.abc import Mapping
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
    strip_html,
)
from .daylio_moods import LEVEL_SCORES
from .locales import standard_moods

MEMBER = "backup.daylio"
# A backup's JSON larger than this is not a diary (a zip bomb, or not Daylio's).
MAX_BYTES = 256 * 1024 * 1024


def is_daylio_backup(data: bytes) -> bool:
    """True for a zip that holds Daylio's `backup.daylio`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.rsplit("/", 1)[-1] == MEMBER for name in archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _fail(reason: str) -> ImportFailed:
    return ImportFailed([ImportProblem(None, None, None, reason)])


def _document(data: bytes) -> dict[str, Any]:
    """The backup's JSON object; ImportFailed saying what is wrong with the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            member = next(
                (i for i in archive.infolist() if i.filename.rsplit("/", 1)[-1] == MEMBER), None
            )
            if member is None:
                raise _fail(f"This zip file holds no {MEMBER}: it is not a Daylio backup.")
            if member.file_size > MAX_BYTES:
                raise _fail(f"{MEMBER} is too large to be a Daylio backup.")
            encoded = archive.read(member)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _fail("This .daylio backup is not a readable zip file.") from None
    try:
        document = json.loads(base64.b64decode(encoded, validate=False))
    except (binascii.Error, ValueError, RecursionError):
        raise _fail(f"{MEMBER} in this zip is not base64-encoded JSON.") from None
    if not isinstance(document, dict) or not isinstance(document.get("dayEntries"), list):
        raise _fail(f"{MEMBER} holds no list of day entries (dayEntries).")
    return document


def _moods(document: dict[str, Any], given: Mapping[str, int]) -> dict[Any, tuple[str, int]]:
    """Mood id -> (name, score) from `customMoods`; a name in `given` overrides its level."""
    english = standard_moods("en")
    found: dict[Any, tuple[str, int]] = {}
    for mood in document.get("customMoods") or []:
        if not isinstance(mood, dict):
            continue
        group = mood.get("mood_group_id")
        if group not in LEVEL_SCORES:
            continue
        name = str(mood.get("custom_name") or "").strip() or english[group - 1]
        found[mood.get("id")] = (name, given.get(name.lower(), LEVEL_SCORES[group]))
    return found


class _Day(GatheredDay):
    """Scores of one day's entries."""

    def __init__(self) -> None:
        super().__init__()
        self.moods: list[int] = []


def read_daylio_backup(
    data: bytes, today: dt.date, mood_map: Mapping[str, int] | None = None
) -> ImportResult:
    """Read a whole .daylio backup; raise ImportFailed listing every bad entry."""
    document = _document(data)
    given = {k.strip().lower(): v for k, v in (mood_map or {}).items()}
    moods = _moods(document, given)
    tags = {
        tag.get("id"): str(tag.get("name") or "")
        for tag in document.get("tags") or []
        if isinstance(tag, dict)
    }
    entries = document["dayEntries"]
    days: dict[dt.date, _Day] = {}
    problems: list[ImportProblem] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(ImportProblem(number, None, None, "must be an object.", "entry"))
            continue
        try:
            day = dt.date(int(entry["year"]), int(entry["month"]) + 1, int(entry["day"]))
            check_day(day, today)
        except (KeyError, TypeError, ValueError):
            problems.append(ImportProblem(number, "day", None, "has no valid date.", "entry"))
            continue
        except InvalidInput as exc:
            problems.append(ImportProblem(number, "day", day.isoformat(), str(exc), "entry"))
            continue
        mood = moods.get(entry.get("mood"))
        if mood is None:
            problems.append(
                ImportProblem(
                    number, "mood", str(entry.get("mood")), "is not a mood of this backup.", "entry"
                )
            )
            continue
        gathered = days.setdefault(day, _Day())
        gathered.moods.append(mood[1])
        gathered.labels += [tags.get(tag, "") for tag in entry.get("tags") or []]
        parts = [strip_html(str(entry.get(key) or "")) for key in ("note_title", "note")]
        note = "\n".join(p for p in parts if p)
        if note:
            minutes = _minutes(entry)
            gathered.notes.append((minutes, number, note))
    raise_problems(problems)
    remarks = ["Daylio has no pain score: imported days have mood only."]
    merged = sum(len(d.moods) for d in days.values()) - len(days)
    if merged:
        remarks.append(
            f"{counted(merged, 'extra entry', 'extra entries')} on days with several were "
            "averaged into one check-in."
        )
    scored = ", ".join(f"{name} {score}" for name, score in moods.values())
    remarks.append(f"Moods scored by their level in the backup: {scored}.")
    finished = finish_days(days, remarks)
    checkins = [
        CheckIn.create(today=today, day=day, mood=mean_rounded(days[day].moods), **finished[day])
        for day in sorted(days)
    ]
    return ImportResult("daylio-backup", len(entries), checkins, remarks, default_conflict="skip")


def _minutes(entry: dict[str, Any]) -> int:
    """Minutes after midnight of an entry (orders its notes); -1 when unknown."""
    try:
        return int(entry.get("hour", -1)) * 60 + int(entry.get("minute", 0))
    except (TypeError, ValueError):
        return -1
