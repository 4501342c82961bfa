"""painmood's own JSON: the full diary with its timestamps, exact round trip.

`{"format": "painmood", "version": 1, "exported_at": ..., "checkins": [...]}`.
A diary with weekly questionnaires adds `"questionnaires": [...]` (see
`tracker.questionnaires.transfer`) and is written as version 2, so an older
painmood refuses the file instead of importing it without them.
Each check-in is the object `painmood show --json` prints plus `created_at`
and `updated_at`, which let `import --on-conflict newest` merge two machines'
diaries day by day. A bare array (the output of `show --json`) is read too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..model import FIELDS, CheckIn, InvalidInput, validate_checkin
from .common import ImportFailed, ImportProblem, ImportResult, row_problem

if TYPE_CHECKING:
    from ..questionnaires import Result

FORMAT_NAME = "painmood"
FORMAT_VERSION = 2  # the newest this painmood reads; 1 when there are no questionnaires
TIMESTAMP_FIELDS = ("created_at", "updated_at")


def utc_timestamp(moment: dt.datetime | None = None) -> str:
    """The store's timestamp form: `2026-03-15T08:30:00.000000Z`."""
    moment = moment or dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def checkin_object(checkin: CheckIn) -> dict[str, Any]:
    """A check-in as exported: `show --json` fields plus its timestamps."""
    data = checkin.to_dict()
    data["created_at"] = checkin.created_at
    data["updated_at"] = checkin.updated_at
    return data


def export_json(
    checkins: Iterable[CheckIn],
    exported_at: str | None = None,
    questionnaires: Iterable[Result] = (),
) -> str:
    """The JSON text for these check-ins (oldest first), ending with a newline."""
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": 1,
        "exported_at": exported_at or utc_timestamp(),
        "checkins": [checkin_object(c) for c in checkins],
    }
    listed = list(questionnaires)
    if listed:
        from ..questionnaires.transfer import questionnaire_object

        document["version"] = 2
        document["questionnaires"] = [questionnaire_object(q) for q in listed]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _timestamp(value: Any) -> str | None:
    """Normalise an ISO timestamp to the store's UTC form; None stays None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("must be an ISO date-time text")
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 is before the year 1 in UTC
        raise ValueError("out of range") from None
    if moment.year < 1900:
        raise ValueError("out of range")
    return utc_timestamp(moment)


def read_painmood_json(text: str, today: dt.date) -> ImportResult:
    """Read and validate a whole painmood JSON export; raise ImportFailed listing every
    bad entry (entries are numbered from 1 in file order)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            [ImportProblem(exc.lineno, None, None, f"is not valid JSON ({exc.msg}).", "line")]
        ) from None
    except RecursionError:
        raise ImportFailed(
            [ImportProblem(None, None, None, "This JSON is nested too deeply to be an export.")]
        ) from None
    except ValueError:  # Python's limit on the digits of one integer
        raise ImportFailed(
            [
                ImportProblem(
                    None,
                    None,
                    None,
                    "This JSON holds a number thousands of digits long; no painmood value "
                    "is, so it is not an export.",
                )
            ]
        ) from None
    questionnaire_entries: Any = None
    if isinstance(document, list):
        entries = document
    elif isinstance(document, dict) and document.get("format") == FORMAT_NAME:
        _check_version(document.get("version"))
        listed = document.get("checkins")
        if not isinstance(listed, list):
            raise ImportFailed(
                [ImportProblem(None, "checkins", None, "must be a list of check-ins.")]
            )
        entries = listed
        questionnaire_entries = document.get("questionnaires")
    else:
        raise ImportFailed(
            [
                ImportProblem(
                    None,
                    None,
                    None,
                    'This JSON is not a painmood export (no "format": "painmood").',
                )
            ]
        )
    problems: list[ImportProblem] = []
    checkins: list[CheckIn] = []
    first_entry: dict[dt.date, int] = {}
    for number, entry in enumerate(entries, start=1):
        problem, checkin = _read_entry(number, entry, today)
        if problem is not None:
            problems.append(problem)
            continue
        assert checkin is not None
        if checkin.day in first_entry:
            problems.append(
                ImportProblem(
                    number,
                    "day",
                    checkin.day.isoformat(),
                    f"this day is already check-in {first_entry[checkin.day]}.",
                    "check-in",
                )
            )
            continue
        first_entry[checkin.day] = number
        checkins.append(checkin)
    found = _read_questionnaires(questionnaire_entries, today, problems)
    if problems:
        raise ImportFailed(problems)
    checkins.sort(key=lambda c: c.day)
    result = ImportResult("painmood-json", len(entries), checkins, default_conflict="newest")
    result.questionnaires = found
    return result


def _read_questionnaires(
    entries: Any, today: dt.date, problems: list[ImportProblem]
) -> list[Result]:
    """The `questionnaires` list, each entry checked; problems are added to `problems`."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        problems.append(ImportProblem(None, "questionnaires", None, "must be a list."))
        return []
    from ..questionnaires.transfer import ENTRY_WORD, BadEntry, refuse_repeats, result_from_values

    read: list[tuple[int, Result]] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(ImportProblem(number, None, None, "must be an object.", ENTRY_WORD))
            continue
        try:
            read.append((number, result_from_values(entry, today)))
        except BadEntry as exc:
            problems.append(ImportProblem(number, exc.field_name, exc.value, str(exc), ENTRY_WORD))
    for number, reason in refuse_repeats(read):
        problems.append(ImportProblem(number, "day", None, reason, ENTRY_WORD))
    repeated = {number for number, _ in refuse_repeats(read)}
    return sorted(
        (r for n, r in read if n not in repeated), key=lambda r: (r.day, r.instrument.key)
    )


def _check_version(version: Any) -> None:
    """Refuse a version this painmood cannot read, saying why in terms that agree."""
    if isinstance(version, bool) or not isinstance(version, int):
        shown = "missing" if version is None else f"{json.dumps(version)[:40]}"
        reason = (
            f'"version" must be a whole number such as 1 (not in quotes); this file has {shown}.'
        )
    elif version > FORMAT_VERSION:
        reason = (
            f"this file is painmood JSON version {version}, written by a newer painmood; this "
            f"one reads up to version {FORMAT_VERSION}: update painmood to import it."
        )
    elif version < 1:
        reason = f"there is no painmood JSON version {version}; versions start at 1."
    else:
        return
    raise ImportFailed([ImportProblem(None, "version", None, reason)])


def _read_entry(
    number: int, entry: Any, today: dt.date
) -> tuple[ImportProblem | None, CheckIn | None]:
    if not isinstance(entry, dict):
        return ImportProblem(number, None, None, "must be an object.", "check-in"), None
    unknown = sorted(set(entry) - set(FIELDS) - set(TIMESTAMP_FIELDS))
    if unknown:
        return (
            ImportProblem(number, unknown[0], None, "painmood has no such field.", "check-in"),
            None,
        )
    values = dict(entry)
    if values.get("tags") is not None and not isinstance(values["tags"], list):
        return (
            ImportProblem(number, "tags", str(values["tags"]), "must be a list.", "check-in"),
            None,
        )
    for name in TIMESTAMP_FIELDS:
        try:
            values[name] = _timestamp(values.get(name))
        except ValueError as exc:
            reason = (
                "is a date-time out of range (before 1900 or past 9999 in UTC)."
                if str(exc) == "out of range"
                else "is not an ISO date-time like 2024-03-31T08:30:00Z."
            )
            return ImportProblem(number, name, str(values.get(name)), reason, "check-in"), None
    for name in FIELDS:
        if name in ("tags", "note"):
            continue
        value = values.get(name)
        if name == "day" and value is not None and not isinstance(value, str):
            return ImportProblem(number, name, str(value), "must be text.", "check-in"), None
        if name != "day" and isinstance(value, str):
            # Scores are numbers in painmood JSON; a string means a damaged file.
            return ImportProblem(number, name, value, "must be a number.", "check-in"), None
    try:
        return None, validate_checkin(values, today=today)
    except InvalidInput as exc:
        column = exc.field_name
        shown = entry.get(column) if column else None
        value = None if shown is None else str(shown)
        return row_problem(number, column, value, exc, "check-in"), None
