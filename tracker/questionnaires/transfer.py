"""Questionnaires in painmood's own JSON and CSV: exact round trip, every bad entry named.

JSON: a `questionnaires` list beside `checkins`, each object as `questionnaire
show --json` prints it plus `created_at` and `updated_at`. CSV: a second
section after the check-in rows, opened by its own header row (QUESTIONNAIRE_
HEADER), one row per questionnaire, answers joined with `;` (an empty place
is an unanswered question). The stored score and band are written for people
reading the file; on import they must agree with the answers, so a hand edit
that changed one but not the other is caught instead of imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..model import InvalidInput, PainmoodError, parse_day
from .scoring import Result, check_answers, format_score, instrument

QUESTIONNAIRE_HEADER = (
    "questionnaire",
    "day",
    "answers",
    "score",
    "band",
    "version",
    "created_at",
    "updated_at",
)
ANSWER_SEPARATOR = ";"
ENTRY_WORD = "questionnaire"


class BadEntry(PainmoodError):
    """One questionnaire entry that cannot be imported (names the field)."""

    def __init__(self, message: str, field_name: str | None, value: object = None) -> None:
        super().__init__(message)
        self.field_name = field_name
        self.value = None if value is None else str(value)[:80]


def questionnaire_object(result: Result) -> dict[str, Any]:
    """A questionnaire as exported: `show --json` fields plus its timestamps."""
    data = result.to_dict()
    data["created_at"] = result.created_at
    data["updated_at"] = result.updated_at
    return data


def _checked(result: Result, score: object, band: object, version: object) -> Result:
    """The file's score, band and version must agree with what the answers give."""
    inst = result.instrument
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or version < 1
    ):
        raise BadEntry("must be a whole number from 1.", "version", version)
    if isinstance(version, int) and version > inst.version:
        raise BadEntry(
            f"this {inst.name} was saved by a newer painmood (version {version}); update "
            "painmood to import it.",
            "version",
            version,
        )
    if score is not None and not isinstance(score, int | float) or isinstance(score, bool):
        raise BadEntry("must be a number or empty.", "score", score)
    if score != result.score:
        raise BadEntry(
            f"does not match the answers, which give {format_score(inst, result.score)}.",
            "score",
            score,
        )
    if band is not None and band != result.band_name:
        raise BadEntry(f"does not match the score's band ({result.band_name}).", "band", band)
    return result


def result_from_values(values: dict[str, Any], today: dt.date) -> Result:
    """One entry (from JSON, or a CSV row turned into values) checked and built."""
    try:
        inst = instrument(str(values.get("instrument") or ""))
    except PainmoodError as exc:
        raise BadEntry(str(exc), "instrument", values.get("instrument")) from None
    day_text = values.get("day")
    if not isinstance(day_text, str):
        raise BadEntry("must be a day like 2026-03-10.", "day", day_text)
    try:
        day = parse_day(day_text, today=today)
    except InvalidInput as exc:
        raise BadEntry(str(exc), "day", day_text) from None
    answers = values.get("answers")
    if not isinstance(answers, list):
        raise BadEntry("must be a list of answers.", "answers", answers)
    try:
        checked = check_answers(inst, answers)
    except InvalidInput as exc:
        raise BadEntry(str(exc), "answers", answers) from None
    result = Result(inst, day, checked, values.get("created_at"), values.get("updated_at"))
    return _checked(result, values.get("score"), values.get("band"), values.get("version"))


def refuse_repeats(results: Iterable[tuple[int, Result]]) -> list[tuple[int, str]]:
    """Entries that repeat an instrument and day already given: (entry number, reason)."""
    first: dict[tuple[str, dt.date], int] = {}
    repeats = []
    for number, result in results:
        key = (result.instrument.key, result.day)
        if key in first:
            repeats.append(
                (
                    number,
                    f"this {result.instrument.name} day is already {ENTRY_WORD} {first[key]}.",
                )
            )
        else:
            first[key] = number
    return repeats


# -- CSV --------------------------------------------------------------------


def csv_cells(result: Result) -> list[str]:
    """One questionnaire's CSV row, in QUESTIONNAIRE_HEADER order (cells not yet neutralised)."""
    answers = ANSWER_SEPARATOR.join("" if a is None else str(a) for a in result.answers)
    score = result.score
    return [
        result.instrument.key,
        result.day.isoformat(),
        answers,
        "" if score is None else format_score(result.instrument, score),
        result.band_name or "",
        str(result.instrument.version),
        result.created_at or "",
        result.updated_at or "",
    ]


def csv_values(cells: dict[str, str]) -> dict[str, Any]:
    """A CSV row's cells as the values `result_from_values` reads."""
    values: dict[str, Any] = {
        "instrument": cells["questionnaire"],
        "day": cells["day"],
        "band": cells["band"] or None,
        "created_at": cells["created_at"] or None,
        "updated_at": cells["updated_at"] or None,
    }
    answers: list[Any] = []
    for part in cells["answers"].split(ANSWER_SEPARATOR):
        part = part.strip()
        if not part:
            answers.append(None)
        elif part.isdigit() and len(part) <= 3:
            answers.append(int(part))
        else:
            raise BadEntry(
                "must be whole numbers joined with ';' (empty: unanswered).",
                "answers",
                cells["answers"],
            )
    values["answers"] = answers
    for name in ("score", "version"):
        text = cells[name].strip()
        try:
            values[name] = None if not text else (int(text) if name == "version" else float(text))
        except ValueError:
            raise BadEntry("must be a number or empty.", name, text) from None
    return values


def split_csv(text: str) -> tuple[str, str | None]:
    """painmood CSV text split into the check-in part and the questionnaire section.

    The section starts at a line that is exactly the questionnaire header and
    lies outside any quoted cell (an even count of quotes before it: RFC 4180
    doubles quotes inside cells), so no note can fake it.
    """
    header = ",".join(QUESTIONNAIRE_HEADER)
    offset = 0
    quotes = 0
    for line in text.splitlines(keepends=True):
        if line.rstrip("\r\n") == header and quotes % 2 == 0:
            return text[:offset], text[offset:]
        quotes += line.count('"')
        offset += len(line)
    return text, None
