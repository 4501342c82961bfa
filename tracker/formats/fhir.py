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
Resource ids are derived from the day and the code, so the same diary always
gives the same Bundle.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from ..model import SCALES, CheckIn
from .json_format import utc_timestamp

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SELF_RATING_SYSTEM = "urn:painmood:fhir:CodeSystem:self-rating"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PAINMOOD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, SELF_RATING_SYSTEM)

PAIN_LOINC = "72514-3"
PAIN_LOINC_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
SLEEP_LOINC = "93832-4"
SLEEP_LOINC_DISPLAY = "Sleep duration"

# field -> UCUM unit for values that are quantities rather than scores
QUANTITY_UNITS = {"sleep_hours": ("h", "hours"), "activity_minutes": ("min", "minutes")}
OBSERVED_FIELDS = (
    "pain",
    "mood",
    "sleep_hours",
    "sleep_quality",
    "stress",
    "anxiety",
    "fatigue",
    "activity_minutes",
)


def observation_code(name: str) -> dict[str, Any]:
    """The CodeableConcept for one painmood field."""
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


def observation(checkin: CheckIn, name: str) -> dict[str, Any]:
    """One Observation resource for one field of one day."""
    value = getattr(checkin, name)
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id(checkin, name),
        "status": "final",
        "category": [
            {"coding": [{"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}]}
        ],
        "code": observation_code(name),
        "effectiveDateTime": checkin.day.isoformat(),
    }
    if name in QUANTITY_UNITS:
        code, unit = QUANTITY_UNITS[name]
        resource["valueQuantity"] = {"value": value, "unit": unit, "system": UCUM, "code": code}
    else:
        resource["valueInteger"] = int(value)
    return resource


def resource_id(checkin: CheckIn, name: str) -> str:
    """A stable id: the same day and field always give the same id."""
    return str(uuid.uuid5(PAINMOOD_NAMESPACE, f"{checkin.day.isoformat()}/{name}"))


def day_observations(checkin: CheckIn) -> list[dict[str, Any]]:
    """The day's Observations; the note and tags go on the first one."""
    resources = [
        observation(checkin, name) for name in OBSERVED_FIELDS if getattr(checkin, name) is not None
    ]
    notes = []
    if checkin.note:
        notes.append({"text": checkin.note})
    if checkin.tags:
        notes.append({"text": "Tags: " + ", ".join(checkin.tags)})
    if notes and resources:
        resources[0]["note"] = notes
    return resources


def export_fhir(checkins: Iterable[CheckIn], exported_at: str | None = None) -> str:
    """A FHIR R4 Bundle (type `collection`) as JSON text, ending with a newline."""
    entries = []
    for checkin in checkins:
        for resource in day_observations(checkin):
            entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": (exported_at or utc_timestamp()).replace(".000000Z", "Z"),
        "entry": entries,
    }
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
