"""Completed questionnaires in FHIR R4: a QuestionnaireResponse and an Observation of its total.

Codes come from `instruments` (LOINC where verified: PHQ-9 44249-1 / total
44261-6 and its item codes, GAD-7 69737-5 / total 70274-6 and its item
codes, PEG panel 91148-7; PEG's items and score use painmood's own code
system, as the daily mood does, because their LOINC codes could not be
verified from a source to cite). `questionnaire` points at LOINC's canonical
Questionnaire (http://loinc.org/q/<panel>). An incomplete questionnaire has
no total, so it is not exported to FHIR (it stays in painmood's own JSON and
CSV). Ids are UUIDs derived from instrument and day: the same diary always
gives the same Bundle.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from .instruments import LOINC, OWN_SYSTEM, Item
from .scoring import Result

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, OWN_SYSTEM)
SURVEY = [
    {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                "code": "survey",
                "display": "Survey",
            }
        ]
    }
]


def _id(result: Result, what: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{result.instrument.key}/{result.day.isoformat()}/{what}"))


def _answer(item: Item, value: int) -> dict[str, Any]:
    choice = item.choices[value]
    if choice.loinc:
        return {"valueCoding": {"system": LOINC, "code": choice.loinc, "display": choice.text}}
    return {"valueInteger": value}


def _link_id(result: Result, item: Item) -> str:
    return item.loinc or f"{result.instrument.key}-{item.key}"


def questionnaire_response(result: Result) -> dict[str, Any]:
    """The answers as a QuestionnaireResponse (unanswered, unscored items left out)."""
    inst = result.instrument
    items = []
    for item, value in zip(inst.items, result.answers, strict=True):
        if value is None:
            continue
        items.append(
            {
                "linkId": _link_id(result, item),
                "text": item.text,
                "answer": [_answer(item, value)],
            }
        )
    system, panel = inst.panel_code
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": _id(result, "response"),
        "status": "completed",
        "authored": result.day.isoformat(),
        "item": items,
    }
    if system == LOINC:
        response["questionnaire"] = f"http://loinc.org/q/{panel}"
    return response


def total_observation(result: Result) -> dict[str, Any]:
    """The score as an Observation, derived from the response, with its published band."""
    inst = result.instrument
    system, code = inst.total_code
    score = result.score
    assert score is not None  # only complete questionnaires are exported
    if inst.scoring == "mean":
        value: dict[str, Any] = {
            "valueQuantity": {
                "value": score,
                "unit": "score",
                "system": "http://unitsofmeasure.org",
                "code": "{score}",
            }
        }
    else:
        value = {"valueInteger": int(score)}
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _id(result, "total"),
        "status": "final",
        "category": SURVEY,
        "code": {
            "coding": [{"system": system, "code": code}],
            "text": f"{inst.name} {'mean' if inst.scoring == 'mean' else 'total'} score",
        },
        "effectiveDateTime": result.day.isoformat(),
        **value,
        "derivedFrom": [{"reference": f"urn:uuid:{_id(result, 'response')}"}],
    }
    if result.band_name:
        observation["interpretation"] = [
            {"text": f"{result.band_name} ({inst.name} published band; not a diagnosis)"}
        ]
    return observation


def questionnaire_entries(results: Iterable[Result]) -> Iterator[str]:
    """Bundle entries (JSON text, one a line) for every complete questionnaire."""
    for result in results:
        if not result.complete:
            continue
        for resource in (questionnaire_response(result), total_observation(result)):
            entry = {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
            yield json.dumps(entry, ensure_ascii=False)
