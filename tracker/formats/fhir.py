"""FHIR R4 export: a `collection` Bundle of Observations, one per score and day.

Coding, and why:
- pain: LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] -
  Reported", which is exactly painmood's pain scale.
- sleep hours: LOINC 93832-4 "Sleep duration", valueQuantity in UCUM `h`.
- mood and the other 0-10 self-ratings (sleep quality, stress, anxiety,
  fatigue): there is no single LOINC code for a daily 0-10 self-rated mood
  (LOINC's mood codes belong to questionnaires such as PHQ-9 with their own
  scales), so these use painmood's own code system, SELF_RATING_SYSTEM, with
  the scale's ends in the display text. Activity minutes use it too, in UCUM
  `min`.
The day's note and tags ride on the day's first Observation as `note`.
Weekly questionnaires follow the days: each complete one as a
QuestionnaireResponse and an Observation of its total (see
`tracker.questionnaires.fhir` for their LOINC codes).
Resource ids are derived from the day and the code, so the same diary always
gives the same Bundle.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import SCALES, CheckIn
from .json_format import utc_timestamp

if TYPE_CHECKING:
    from ..questionnaires import Result

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SELF_RATING_SYSTEM = "urn:painmood:fhir:CodeSystem:self-rating"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PAINMOOD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, SELF_RATING_SYSTEM)
NAMESPACE_BYTES = PAINMOOD_NAMESPACE.bytes

PAIN_LOINC = "72514-3"
PAIN_LOINC_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
SLEEP_LOINC = "93832-4"
SLEEP_LOINC_DISPLAY = "Sleep duration"

SURVEY_CATEGORY = [{"coding": [{"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}]}]
# field -> UCUM unit for values that are quantities rather than scores
QUANTITY_UNITS = {"sleep_hours": ("h", "hours"), "activity_minutes": ("min", "minutes")}
# every scored field, in column order: one Observation each
OBSERVED_FIELDS = tuple(SCALES)


@functools.cache
def observation_code(name: str) -> dict[str, Any]:
    """The CodeableConcept for one painmood field (built once; shared, never changed)."""
    scale = SCALES[name]
    own_display = scale.label
    if scale.low_means and scale.high_means:
        own_display = (
            f"{scale.label}, self-rated {scale.low:g}-{scale.high:g} "
            f"({scale.low:g} {scale.low_means}, {scale.high:g} {scale.high_means})"
        )
    own = {"system": SELF_RATING_SYSTEM, "code": name, "display": own_display}
    if name == "pain":
        codings = [{"system": LOINC, "code": PAIN_LOINC, "display": PAIN_LOINC_DISPLAY}, own]
    elif name == "sleep_hours":
        codings = [{"system": LOINC, "code": SLEEP_LOINC, "display": SLEEP_LOINC_DISPLAY}, own]
    else:
        codings = [own]
    return {"coding": codings, "text": scale.label}


@functools.cache
def _fixed_part(name: str) -> str:
    """`"status": ..., "category": ..., "code": ...` of a field, serialised once."""
    fixed = {"status": "final", "category": SURVEY_CATEGORY, "code": observation_code(name)}
    return json.dumps(fixed, ensure_ascii=False)[1:-1]


@functools.cache
def _unit_part(name: str) -> str:
    """`"unit": "h", "system": UCUM, "code": "h"` of a quantity field, serialised once."""
    code, unit = QUANTITY_UNITS[name]
    return json.dumps({"unit": unit, "system": UCUM, "code": code})[1:-1]


def observation_entry(checkin: CheckIn, name: str, notes: list[dict[str, str]]) -> str:
    """One Bundle entry (an Observation of one field on one day) as a JSON line.

    Put together from pieces serialised once per field: ten years of diary are
    some 30,000 Observations, and building and dumping a dict for each took
    most of a second.
    """
    rid = resource_id(checkin, name)
    value = getattr(checkin, name)
    if name in QUANTITY_UNITS:
        value_part = f'"valueQuantity": {{"value": {json.dumps(value)}, {_unit_part(name)}}}'
    else:
        value_part = f'"valueInteger": {int(value)}'
    note_part = f', "note": {json.dumps(notes, ensure_ascii=False)}' if notes else ""
    return (
        f'{{"fullUrl": "urn:uuid:{rid}", "resource": {{"resourceType": "Observation", '
        f'"id": "{rid}", {_fixed_part(name)}, "effectiveDateTime": "{checkin.day.isoformat()}", '
        f"{value_part}{note_part}}}}}"
    )


def resource_id(checkin: CheckIn, name: str) -> str:
    """A stable id: the same day and field always give the same id (a UUID version 5,
    formatted by hand because uuid.uuid5 is slow at this volume)."""
    digest = bytearray(
        hashlib.sha1(NAMESPACE_BYTES + f"{checkin.day.isoformat()}/{name}".encode()).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def day_entries(checkin: CheckIn) -> list[str]:
    """The day's Observations as JSON lines; the note and tags go on the first one."""
    notes = []
    if checkin.note:
        notes.append({"text": checkin.note})
    if checkin.tags:
        notes.append({"text": "Tags: " + ", ".join(checkin.tags)})
    names = [name for name in OBSERVED_FIELDS if getattr(checkin, name) is not None]
    return [
        observation_entry(checkin, name, notes if index == 0 else [])
        for index, name in enumerate(names)
    ]


def fhir_pieces(
    checkins: Iterable[CheckIn],
    exported_at: str | None = None,
    questionnaires: Iterable[Result] = (),
) -> Iterator[str]:
    """The Bundle as JSON text in pieces, one entry a line, for writing as it is made.

    Ten years of diary are some 30,000 entries (13 million characters); made
    and written a day at a time, the export never holds them all at once.
    """
    head = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": exported_at or utc_timestamp(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "entry": ['
    separator = "\n"
    for checkin in checkins:
        for line in day_entries(checkin):
            yield separator + line
            separator = ",\n"
    listed = list(questionnaires)
    if listed:
        from ..questionnaires.fhir import questionnaire_entries

        for line in questionnaire_entries(listed):
            yield separator + line
            separator = ",\n"
    yield ("\n" if separator != "\n" else "") + "]}\n"


def export_fhir(
    checkins: Iterable[CheckIn],
    exported_at: str | None = None,
    questionnaires: Iterable[Result] = (),
) -> str:
    """A FHIR R4 Bundle (type `collection`) as JSON text, one entry a line."""
    return "".join(fhir_pieces(checkins, exported_at, questionnaires))
