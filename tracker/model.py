"""The check-in and its rules: what a valid day of the diary looks like.

Standard library only, so every layer (store, stats, formats, CLI, UI) can
share one definition of a check-in and one set of validation messages. The
errors and the scales live in `errors` and `scales`, and are re-exported
here, so `from tracker.model import ...` gives the whole data model.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import QUOTED_MAX_CHARS, InvalidInput, PainmoodError, cut_long_words, quoted
from .scales import (
    ACTIVITY_MINUTES,
    ANXIETY,
    FACTORS,
    FATIGUE,
    MOOD,
    PAIN,
    SCALES,
    SCORES,
    SLEEP_HOURS,
    SLEEP_QUALITY,
    STRESS,
    Scale,
)

NOTE_MAX_CHARS = 2000
TAG_MAX_CHARS = 32
TAGS_MAX_COUNT = 20
# A tag is one word: letters (any language) or digits, then also '-' or '_'.
TAG_PATTERN = re.compile(r"^[^\W_][\w-]*$")
# Control characters other than newline and tab could rewrite the terminal.
_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates: bytes that were not UTF-8 (a shell argument, a JSON escape);
# SQLite cannot store them and a terminal cannot show them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The diary holds days from this one on: earlier is a typo (0024 for 2024).
FIRST_POSSIBLE_DAY = dt.date(1900, 1, 1)
# `--days N` of any command: more than a century back is a typo (--all, or no
# --days, covers everything).
DAYS_BACK_MAX = 36_600


# How a merge treats a day that already has a check-in (store, import, CLI, TUI).
ConflictPolicy = Literal["skip", "replace", "newest"]


# Column order used by `show --json`, CSV export and import.
FIELDS: tuple[str, ...] = ("day", *SCALES, "tags", "note")


@dataclass(frozen=True)
class CheckIn:
    """One day of the diary. Build with `CheckIn.create` to validate."""

    day: dt.date
    pain: int | None = None
    mood: int | None = None
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    stress: int | None = None
    anxiety: int | None = None
    fatigue: int | None = None
    activity_minutes: int | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    created_at: str | None = field(default=None, compare=False)
    updated_at: str | None = field(default=None, compare=False)

    @classmethod
    def create(cls, today: dt.date | None = None, **values: Any) -> CheckIn:
        """Validate raw values (strings or numbers) into a CheckIn.

        `today` is the person's local date, used to refuse future days; it
        defaults to the real local date.
        """
        return validate_checkin(values, today=today or local_today())

    def to_dict(self) -> dict[str, Any]:
        """The plain-JSON form shared by `show --json` and the JSON export."""
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name == "day":
                value = value.isoformat()
            elif name == "tags":
                value = list(value)
            out[name] = value
        return out

    def with_changes(self, **changes: Any) -> CheckIn:
        """A copy with some fields replaced and the whole re-validated."""
        values = {name: getattr(self, name) for name in FIELDS}
        values.update(changes)
        checked = validate_checkin(values, today=None)
        return replace(checked, created_at=self.created_at, updated_at=self.updated_at)


def plural(count: int, noun: str) -> str:
    """`1 day`, `2 days`, `1 check-in`, `3 check-ins`: a count with its noun agreeing."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def local_today() -> dt.date:
    """The person's local calendar date (the diary's notion of "today")."""
    return dt.date.today()


def parse_day(
    text: str | dt.date, today: dt.date | None = None, earliest: dt.date = FIRST_POSSIBLE_DAY
) -> dt.date:
    """Parse YYYY-MM-DD, `today` or `yesterday`; refuse malformed, future and
    implausibly early days (before `earliest`)."""
    today = today or local_today()
    if isinstance(text, dt.datetime):
        day = text.date()
    elif isinstance(text, dt.date):
        day = text
    else:
        word = text.strip().lower()
        if word == "today":
            day = today
        elif word == "yesterday":
            day = today - dt.timedelta(days=1)
        elif not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", word):
            raise InvalidInput(
                f"Day must be a date like 2024-03-31 (or 'today', 'yesterday'), "
                f"got {quoted(text)}.",
                "day",
            )
        else:
            try:
                day = dt.date.fromisoformat(word)
            except ValueError:
                raise InvalidInput(
                    f"{word} is not a day of the calendar (check the month and the day).",
                    "day",
                ) from None
    if day < earliest:
        raise InvalidInput(
            f"Day {day.isoformat()} is before {earliest.year}; check the year.", "day"
        )
    if day > today:
        raise InvalidInput(
            f"Day {day.isoformat()} is in the future; check-ins are for today or earlier.",
            "day",
        )
    return day


def normalise_tags(tags: Iterable[str] | str | None) -> tuple[str, ...]:
    """Lower-case, de-duplicate and sort tags; refuse anything but short words."""
    if tags is None:
        return ()
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[;,\s]+", tags) if t]
    seen: set[str] = set()
    for raw in tags:
        if not isinstance(raw, str):
            raise InvalidInput(f"Tag must be text, got {quoted(raw)}.", "tags")
        if _SURROGATE.search(raw):
            raise InvalidInput(
                f"Tag {quoted(raw)} holds bytes that are not UTF-8 text; type it as UTF-8.",
                "tags",
            )
        tag = unicodedata.normalize("NFC", raw.strip()).lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX_CHARS or not TAG_PATTERN.match(tag):
            raise InvalidInput(
                f"Tag {quoted(raw)} is not allowed: use one short word of letters and digits, "
                f"optionally with '-' or '_' (up to {TAG_MAX_CHARS} characters).",
                "tags",
            )
        seen.add(tag)
    if len(seen) > TAGS_MAX_COUNT:
        raise InvalidInput(f"At most {TAGS_MAX_COUNT} tags a day, got {len(seen)}.", "tags")
    return tuple(sorted(seen))


def normalise_note(note: Any) -> str | None:
    """Keep any Unicode text up to NOTE_MAX_CHARS; empty means no note.

    Line breaks and tabs are kept; other control characters are refused, since
    printed back they could rewrite the person's terminal.
    """
    if note is None:
        return None
    if not isinstance(note, str):
        raise InvalidInput(f"Note must be text, got {quoted(note)}.", "note")
    note = note.replace("\r\n", "\n").replace("\r", "\n").strip()
    surrogate = _SURROGATE.search(note)
    if surrogate:
        raise InvalidInput(
            "Note holds bytes that are not UTF-8 text (found "
            f"U+{ord(surrogate.group()):04X} at character {surrogate.start() + 1}); "
            "save or type it as UTF-8.",
            "note",
        )
    control = _NOTE_CONTROL.search(note)
    if control:
        raise InvalidInput(
            f"Note must not contain control characters (found U+{ord(control.group()):04X}).",
            "note",
        )
    if len(note) > NOTE_MAX_CHARS:
        raise InvalidInput(
            f"Note is {len(note)} characters; the limit is {NOTE_MAX_CHARS}.", "note"
        )
    return note or None


def validate_checkin(values: Mapping[str, Any], today: dt.date | None = None) -> CheckIn:
    """Turn a mapping of raw field values into a valid CheckIn or raise InvalidInput."""
    unknown = set(values) - set(FIELDS) - {"created_at", "updated_at"}
    if unknown:
        raise InvalidInput(f"Unknown field {quoted(sorted(unknown)[0])}.", sorted(unknown)[0])
    if values.get("day") is None:
        raise InvalidInput("Day is required.", "day")
    if today is None:
        # Stored values are checked again, not judged: a day saved before the 1900
        # rule existed must still load, undo and be deleted.
        day = parse_day(values["day"], today=dt.date.max, earliest=dt.date.min)
    else:
        day = parse_day(values["day"], today=today)
    numbers: dict[str, Any] = {}
    for name, scale in SCALES.items():
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            numbers[name] = None
        else:
            numbers[name] = scale.check(value)
    if numbers["pain"] is None and numbers["mood"] is None:
        raise InvalidInput("A check-in needs at least a pain or a mood score.", "pain")
    return CheckIn(
        day=day,
        tags=normalise_tags(values.get("tags")),
        note=normalise_note(values.get("note")),
        created_at=values.get("created_at"),
        updated_at=values.get("updated_at"),
        **numbers,
    )


def describe_checkin(checkin: CheckIn) -> str:
    """One line of a day's values, for confirmations and tables."""
    parts = [checkin.day.isoformat()]
    for name in ("pain", "mood"):
        value = getattr(checkin, name)
        parts.append(f"{name} {value if value is not None else '-'}")
    extras = {
        "sleep": f"{checkin.sleep_hours:g}h" if checkin.sleep_hours is not None else None,
        "sleep quality": checkin.sleep_quality,
        "stress": checkin.stress,
        "anxiety": checkin.anxiety,
        "fatigue": checkin.fatigue,
        "activity": f"{checkin.activity_minutes} min"
        if checkin.activity_minutes is not None
        else None,
    }
    parts += [f"{label} {value}" for label, value in extras.items() if value is not None]
    if checkin.tags:
        parts.append("tags " + ",".join(checkin.tags))
    return ", ".join(parts)


__all__ = [
    "ACTIVITY_MINUTES",
    "ANXIETY",
    "DAYS_BACK_MAX",
    "FACTORS",
    "FATIGUE",
    "FIELDS",
    "FIRST_POSSIBLE_DAY",
    "MOOD",
    "NOTE_MAX_CHARS",
    "PAIN",
    "QUOTED_MAX_CHARS",
    "SCALES",
    "SCORES",
    "SLEEP_HOURS",
    "SLEEP_QUALITY",
    "STRESS",
    "TAGS_MAX_COUNT",
    "TAG_MAX_CHARS",
    "TAG_PATTERN",
    "CheckIn",
    "ConflictPolicy",
    "InvalidInput",
    "PainmoodError",
    "Scale",
    "cut_long_words",
    "describe_checkin",
    "local_today",
    "normalise_note",
    "normalise_tags",
    "parse_day",
    "plural",
    "quoted",
    "validate_checkin",
]
