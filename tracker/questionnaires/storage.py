"""Questionnaires in the diary: saved, edited and deleted with revisions and undo.

Each write runs in the store's own transaction (`Store._write`), so it is
one change-set with any check-ins written alongside it, and `Store.undo()`
walks back through questionnaires and check-ins alike: revisions of kind
`questionnaire` are handed back here (see `REVISION_KIND_MODULES` in
`tracker.store`). One questionnaire per instrument and day: saving again on
the same day is an edit.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..checkin_rows import record_to_json, utc_now
from ..model import PainmoodError
from ..store import NotFound, kept_on_conflict
from .scoring import Result, check_answers, instrument

if TYPE_CHECKING:
    from ..store import SaveOutcome, Store

KIND = "questionnaire"


class NoQuestionnaire(NotFound):
    """No questionnaire of that instrument on that day (exit 1, like a missing check-in)."""


def result_from_dict(data: dict[str, Any]) -> Result:
    """A Result from its stored or exported form, checked again (damage or hand edits)."""
    inst = instrument(str(data["instrument"]))
    answers = data["answers"]
    if isinstance(answers, str):
        answers = json.loads(answers)
    if not isinstance(answers, list):
        raise ValueError("answers is not a list")
    return Result(
        instrument=inst,
        day=dt.date.fromisoformat(str(data["day"])),
        answers=check_answers(inst, answers),
        created_at=data.get("created_at"),
        updated_at=data.get("updated_at"),
    )


def _from_row(row: sqlite3.Row) -> Result:
    try:
        return result_from_dict(dict(row))
    except (ValueError, TypeError, PainmoodError):
        from ..diary_file import StoreError

        raise StoreError(
            f"The diary is damaged at the {str(row['instrument'])[:10]} questionnaire of "
            f"{str(row['day'])[:40]}: its answers cannot be read. Restore it from a backup; "
            "nothing was changed."
        ) from None


def _has_table(store: Store) -> bool:
    """A diary opened read-only may predate the questionnaires table (schema < 3)."""
    found = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'questionnaires'"
    ).fetchone()
    return found is not None


def results(
    store: Store,
    key: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Result]:
    """Saved questionnaires, oldest first (one instrument, or all)."""
    one = None if key is None else ("instrument", instrument(key).key)
    where, params = store._range(start, end, one)
    with store._reading():
        if not _has_table(store):
            return []
        rows = store._rows(f"SELECT * FROM questionnaires {where} ORDER BY day, instrument", params)
    return [_from_row(row) for row in rows]


def get(store: Store, key: str, day: dt.date) -> Result | None:
    """The questionnaire of instrument `key` on `day`, or None."""
    found = results(store, key, day, day)
    return found[0] if found else None


def latest(store: Store, key: str) -> Result | None:
    """The most recent questionnaire of instrument `key`, or None."""
    found = results(store, key)
    return found[-1] if found else None


def _get_unlocked(store: Store, key: str, day: dt.date) -> Result | None:
    rows = store._rows(
        "SELECT * FROM questionnaires WHERE instrument = ? AND day = ?", [key, day.isoformat()]
    )
    return _from_row(rows[0]) if rows else None


def _put(store: Store, result: Result) -> None:
    store.conn.execute(
        "INSERT OR REPLACE INTO questionnaires "
        "(instrument, day, answers, score, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            result.instrument.key,
            result.day.isoformat(),
            json.dumps(list(result.answers)),
            result.score,
            result.instrument.version,
            result.created_at,
            result.updated_at,
        ],
    )


def _save_one(store: Store, result: Result, on_conflict: str) -> SaveOutcome:
    inst = result.instrument
    result = Result(inst, result.day, check_answers(inst, result.answers), result.created_at,
                    result.updated_at)  # fmt: skip
    old = _get_unlocked(store, inst.key, result.day)
    if old is not None:
        kept = kept_on_conflict(
            on_conflict, old.updated_at, result.updated_at, same=old.answers == result.answers
        )
        if kept is not None:
            return kept
    now = utc_now()
    # An imported questionnaire new to the diary keeps its times (an exact round
    # trip); one that replaces a stored one is edited now, unless merged by age.
    keep_time = (old is None or on_conflict == "newest") and result.updated_at
    stored = Result(
        inst,
        result.day,
        result.answers,
        created_at=old.created_at if old else (result.created_at or now),
        updated_at=result.updated_at if keep_time else now,
    )
    _put(store, stored)
    action = "update" if old else "insert"
    store._record_json(result.day, action, record_to_json(old), record_to_json(stored), now, KIND)
    return "updated" if old else "added"


def save(store: Store, result: Result) -> SaveOutcome:
    """Insert or edit the day's questionnaire of its instrument, as one change-set."""
    with store._write():
        return _save_one(store, result, "replace")


def save_many(
    store: Store, found: Iterable[Result], on_conflict: str = "replace"
) -> dict[str, int]:
    """Merge many questionnaires in one change-set (imports); counts per outcome."""
    with store._write():
        return save_within(store, found, on_conflict)


def save_within(store: Store, found: Iterable[Result], on_conflict: str) -> dict[str, int]:
    """`save_many` inside a write transaction the caller holds (an import of check-ins
    and questionnaires together is one change-set)."""
    counts = {"added": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    for result in found:
        counts[_save_one(store, result, on_conflict)] += 1
    return counts


def plan(store: Store | None, found: Iterable[Result], on_conflict: str) -> dict[str, int]:
    """What `save_many` would do, reading only (None: no diary yet); counts per outcome."""
    counts = {"added": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    for result in found:
        old = get(store, result.instrument.key, result.day) if store is not None else None
        if old is None:
            outcome = "added"
        elif on_conflict == "skip" or (
            on_conflict == "newest"
            and result.updated_at is not None
            and old.updated_at is not None
            and result.updated_at <= old.updated_at
        ):
            outcome = "skipped"
        elif old.answers == result.answers:
            outcome = "unchanged"
        else:
            outcome = "updated"
        counts[outcome] += 1
    return counts


def summary_line(counts: dict[str, int], dry_run: bool) -> str | None:
    """`Questionnaires: added 2, updated 0, unchanged 1, skipped 0.` (None: there were none)."""
    if not sum(counts.values()):
        return None
    verbs = ("would add", "would update") if dry_run else ("added", "updated")
    return (
        f"Questionnaires: {verbs[0]} {counts['added']}, {verbs[1]} {counts['updated']}, "
        f"unchanged {counts['unchanged']}, skipped {counts['skipped']}."
    )


def delete(store: Store, key: str, day: dt.date) -> Result:
    """Delete one questionnaire (kept in revisions, so `undo` brings it back)."""
    inst = instrument(key)
    with store._write() as conn:
        old = _get_unlocked(store, inst.key, day)
        if old is None:
            raise NoQuestionnaire(f"There is no {inst.name} on {day.isoformat()}.")
        conn.execute(
            "DELETE FROM questionnaires WHERE instrument = ? AND day = ?",
            [inst.key, day.isoformat()],
        )
        store._record_json(day, "delete", record_to_json(old), None, utc_now(), KIND)
        return old


# -- hooks called by Store (see REVISION_KIND_MODULES) -------------------------


def undo_revision(store: Store, row: sqlite3.Row) -> tuple[str | None, str | None]:
    """Put back what one questionnaire revision replaced (inside Store.undo's
    transaction); returns (what was there, what is there now) as JSON."""
    previous = None if row["old"] is None else result_from_dict(json.loads(row["old"]))
    changed = json.loads(row["new"] or row["old"])
    key, day = str(changed["instrument"]), dt.date.fromisoformat(str(changed["day"]))
    current = _get_unlocked(store, key, day)
    if previous is None:
        store.conn.execute(
            "DELETE FROM questionnaires WHERE instrument = ? AND day = ?", [key, day.isoformat()]
        )
    else:
        _put(store, previous)
    return record_to_json(current), record_to_json(previous)


def revision_words(row: sqlite3.Row) -> str:
    """`new PHQ-9`, `GAD-7 edit`: for "Undid the new PHQ-9 of 2026-03-10."."""
    try:
        data = json.loads(row["new"] or row["old"])
        name = instrument(str(data["instrument"])).name
    except (ValueError, TypeError, KeyError, PainmoodError):
        name = "questionnaire"
    action = row["action"]
    if action == "insert":
        return f"new {name}"
    return f"{name} {'edit' if action == 'update' else action}"
