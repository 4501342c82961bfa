"""How a check-in is kept on disk: a `checkins` row, and JSON inside a revision.

Split from `store` so the two ways of writing a CheckIn down, and of reading
one back, sit side by side: a row changed by hand outside painmood must come
back as one clear sentence, never a traceback, and a revision's JSON must
give back the exact check-in that was there (its timestamps too).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from typing import Any, Protocol

from .diary_file import StoreError
from .model import FIELDS, CheckIn, quoted, validate_checkin


def utc_now() -> str:
    """The store's timestamp form: `2026-03-15T08:30:00.000000Z` (UTC)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_to_checkin(row: sqlite3.Row | dict[str, Any]) -> CheckIn:
    """The CheckIn a `checkins` row holds; a damaged day or tags is a StoreError."""
    try:  # a row changed outside painmood must not end in a traceback
        day, tags = dt.date.fromisoformat(row["day"]), json.loads(row["tags"] or "[]")
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ValueError
    except (ValueError, TypeError):
        raise StoreError(
            f"The diary is damaged at {str(row['day'])[:40]}: its day or tags "
            f"({quoted(row['tags'])}) cannot be read. Restore it from a backup; nothing was "
            "changed."
        ) from None
    return CheckIn(
        day=day,
        pain=row["pain"],
        mood=row["mood"],
        sleep_hours=row["sleep_hours"],
        sleep_quality=row["sleep_quality"],
        stress=row["stress"],
        anxiety=row["anxiety"],
        fatigue=row["fatigue"],
        activity_minutes=row["activity_minutes"],
        tags=tuple(tags),
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def checkin_to_row(checkin: CheckIn) -> dict[str, Any]:
    """The `checkins` columns of `checkin` (tags as a JSON list; timestamps not set)."""
    row = checkin.to_dict()
    row["tags"] = json.dumps(list(checkin.tags), ensure_ascii=False)
    return row


class Stamped(Protocol):
    """A saved record (a check-in or a questionnaire) as a revision stores it."""

    @property
    def created_at(self) -> str | None: ...
    @property
    def updated_at(self) -> str | None: ...
    def to_dict(self) -> Mapping[str, object]: ...


def record_to_json(record: Stamped | None) -> str | None:
    """`record` with its timestamps as a revision's JSON (None stays None)."""
    if record is None:
        return None
    data = {**record.to_dict(), "created_at": record.created_at, "updated_at": record.updated_at}
    return json.dumps(data, ensure_ascii=False)


def checkin_from_json(text: str | None) -> CheckIn | None:
    """The check-in a revision's JSON holds, checked again (None stays None)."""
    if text is None:
        return None
    return validate_checkin(json.loads(text), today=None)


def revalidated(checkin: CheckIn) -> CheckIn:
    """Check a CheckIn again, so one built without `create` cannot slip past the rules."""
    values: dict[str, Any] = {name: getattr(checkin, name) for name in FIELDS}
    values["created_at"] = checkin.created_at
    values["updated_at"] = checkin.updated_at
    return validate_checkin(values, today=None)
