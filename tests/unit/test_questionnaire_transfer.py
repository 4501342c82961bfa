"""Questionnaires leave and come back exactly: painmood JSON and CSV, and FHIR that validates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.unit.test_cli import run
from tests.unit.test_export_formats import EXPORTED_AT, golden_diary
from tracker.formats import export_text
from tracker.questionnaires import GAD7, PEG, PHQ9, Result
from tracker.questionnaires import storage as qs
from tracker.questionnaires.transfer import QUESTIONNAIRE_HEADER
from tracker.store import Store

TODAY = dt.date.today()
WEEK = dt.timedelta(weeks=1)


def _results() -> list[Result]:
    return [
        Result(PHQ9, TODAY - 2 * WEEK, (1, 2, 1, 0, 0, 1, 2, 1, 1, 2)),
        Result(PHQ9, TODAY - WEEK, (1, None, 1, 0, 0, 1, 2, 1, 0, None)),  # incomplete
        Result(GAD7, TODAY - WEEK, (3, 3, 2, 2, 1, 1, 0)),
        Result(PEG, TODAY, (6, 7, 6)),
    ]


def _fill(path: Path) -> list[dict[str, Any]]:
    with Store(path) as store:
        store.save_many(golden_diary())
        for result in _results():
            qs.save(store, result)
        return [_exact(r) for r in qs.results(store)]


def _exact(result: Result) -> dict[str, Any]:
    return {**result.to_dict(), "created_at": result.created_at, "updated_at": result.updated_at}


def _validate(text: str) -> dict[str, Any]:
    bundle = json.loads(text)
    Bundle.model_validate(bundle)  # raises on anything FHIR R4(B) does not allow
    return bundle


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_a_new_diary_is_exact(tmp_path: Path, fmt: str) -> None:
    source, copy = tmp_path / "a" / "diary.db", tmp_path / "b" / "diary.db"
    kept = _fill(source)
    out = tmp_path / f"export.{fmt}"
    assert run("--db", str(source), "export", "--format", fmt, "-o", str(out)).code == 0
    done = run("--db", str(copy), "import", str(out))
    assert done.code == 0, done.stderr
    assert "Questionnaires: added 4, updated 0, unchanged 0, skipped 0." in done.stdout
    with Store(copy) as store:
        assert [_exact(r) for r in qs.results(store)] == kept
        assert len(store.checkins()) == len(golden_diary())
        store.undo()  # the import is one change-set: check-ins and questionnaires together
        assert qs.results(store) == [] and store.checkins() == []


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "diary.db"
    _fill(source)
    out = tmp_path / "export.json"
    run("--db", str(source), "export", "--format", "json", "-o", str(out))
    done = run("--db", str(source), "import", str(out), "--dry-run")
    # by age (JSON merges by newest), the diary's copies are as new: all four left alone
    assert "Questionnaires: would add 0, would update 0, unchanged 0, skipped 4." in done.stdout


def test_json_carries_questionnaires_as_version_2_and_without_them_stays_version_1() -> None:
    with_them = json.loads(export_text("json", [], questionnaires=_results()))
    assert with_them["version"] == 2
    assert with_them["questionnaires"][3]["score"] == 6.3
    assert json.loads(export_text("json", []))["version"] == 1


def test_a_csv_note_that_looks_like_the_section_header_stays_a_note(tmp_path: Path) -> None:
    from tracker.model import CheckIn

    fake = ",".join(QUESTIONNAIRE_HEADER)
    day = CheckIn.create(day=TODAY, pain=3, note=f"copied:\n{fake}\nend", today=TODAY)
    text = export_text("csv", [day], questionnaires=_results()[:1])
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8", newline="")
    db = tmp_path / "d.db"
    assert run("--db", str(db), "import", str(path)).code == 0
    with Store(db) as store:
        assert store.get(TODAY).note == f"copied:\n{fake}\nend"
        assert len(qs.results(store)) == 1


def test_a_tampered_score_is_refused_naming_row_and_column(tmp_path: Path) -> None:
    text = export_text("csv", golden_diary(), questionnaires=_results())
    lines = text.split("\r\n")
    at = lines.index(",".join(QUESTIONNAIRE_HEADER)) + 3  # GAD-7: 12 -> 13
    lines[at] = lines[at].replace(",12,moderate,", ",13,moderate,")
    path = tmp_path / "x.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    db = tmp_path / "d.db"
    done = run("--db", str(db), "import", str(path))
    assert done.code == 2
    assert f"row {at + 1}, column score, value '13'" in done.stderr
    assert "which give 12" in done.stderr


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"answers": [1, 2]}, "questionnaire 1, field answers"),
        ({"instrument": "bdi"}, "no questionnaire called 'bdi'"),
        ({"version": 9}, "newer painmood"),
        ({"band": "severe"}, "does not match the score's band"),
    ],
)
def test_a_bad_json_questionnaire_is_named(
    tmp_path: Path, change: dict[str, Any], words: str
) -> None:
    document = json.loads(export_text("json", [], questionnaires=_results()[:1]))
    document["questionnaires"][0].update(change)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run("--db", str(tmp_path / "d.db"), "import", str(path))
    assert done.code == 2 and words in done.stderr


def test_fhir_has_a_response_and_a_total_for_each_complete_questionnaire() -> None:
    bundle = _validate(export_text("fhir", golden_diary(), exported_at=EXPORTED_AT,
                                   questionnaires=_results()))  # fmt: skip
    resources = [entry["resource"] for entry in bundle["entry"]]
    responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    assert len(responses) == 3  # the incomplete PHQ-9 has no total, so it is left out
    assert responses[0]["questionnaire"] == "http://loinc.org/q/44249-1"
    assert responses[0]["item"][8]["linkId"] == "44260-8"
    assert responses[0]["item"][8]["answer"][0]["valueCoding"]["code"] == "LA6569-3"
    totals = {
        r["code"]["coding"][0]["code"]: r
        for r in resources
        if r["resourceType"] == "Observation" and "derivedFrom" in r
    }
    assert totals["44261-6"]["valueInteger"] == 9
    assert totals["44261-6"]["interpretation"][0]["text"].startswith("mild")
    assert totals["70274-6"]["valueInteger"] == 12
    assert totals["peg-score"]["valueQuantity"]["value"] == 6.3
    assert responses[2]["questionnaire"] == "http://loinc.org/q/91148-7"
    assert responses[2]["item"][0]["linkId"] == "peg-pain"  # item codes: painmood's own


def test_every_fhir_bundle_painmood_exports_validates(tmp_path: Path) -> None:
    _validate(export_text("fhir", golden_diary(), exported_at=EXPORTED_AT))
    _validate(export_text("fhir", [], exported_at=EXPORTED_AT))
    source = tmp_path / "diary.db"
    _fill(source)
    out = tmp_path / "diary.fhir.json"
    assert run("--db", str(source), "export", "--format", "fhir", "-o", str(out)).code == 0
    bundle = _validate(out.read_text(encoding="utf-8"))
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds == {"Observation", "QuestionnaireResponse"}


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("=1+1;0;0;0;0;0;0", "answers"),
        ("1;1;1;1;1;1;9999", "answers"),
        ("1.5;1;1;1;1;1;1", "answers"),
    ],
)
def test_hostile_csv_answers_are_refused_and_nothing_written(
    tmp_path: Path, cell: str, column: str
) -> None:
    header = ",".join(QUESTIONNAIRE_HEADER)
    days_header = export_text("csv", [])  # the check-in header row, no days
    text = f"{days_header}{header}\r\ngad7,{TODAY.isoformat()},{cell},,,1,,\r\n"
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8", newline="")
    db = tmp_path / "d.db"
    done = run("--db", str(db), "import", str(path))
    assert done.code == 2 and f"row 3, column {column}" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    if db.exists():
        with Store(db) as store:
            assert qs.results(store) == []


@pytest.mark.parametrize("answers", [[True, 1, 1, 1, 1, 1, 1], [1.0, 1, 1, 1, 1, 1, 1], "1,1,1"])
def test_hostile_json_answers_are_refused(tmp_path: Path, answers: object) -> None:
    document = json.loads(export_text("json", [], questionnaires=_results()[2:3]))
    document["questionnaires"][0]["answers"] = answers
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run("--db", str(tmp_path / "d.db"), "import", str(path))
    assert done.code == 2 and "field answers" in done.stderr
