"""Exports: the CSV a spreadsheet can open safely, JSON and CSV round trips, FHIR."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.formats import export_text, read_import
from tracker.model import CheckIn, InvalidInput
from tracker.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 3, 15)
EXPORTED_AT = "2026-03-15T09:00:00.000000Z"


def golden_diary() -> list[CheckIn]:
    """The diary written by hand into tests/fixtures/golden/diary.csv."""
    return [
        CheckIn.create(
            day="2024-02-28",
            pain=4,
            mood=6,
            sleep_hours=7.5,
            sleep_quality=6,
            stress=3,
            anxiety=2,
            fatigue=5,
            activity_minutes=30,
            tags=["walk", "physio"],
            note="Slept well.",
        ),
        CheckIn.create(
            day="2024-02-29", pain=7, mood=3, note='Bad day, stayed in.\nBack "locked" at noon.'
        ),
        CheckIn.create(
            day="2024-03-01", mood=8, sleep_hours=8, tags=["yoga"], note='=HYPERLINK("http://x")'
        ),
        CheckIn.create(day="2024-03-02", pain=2, note="'tis better"),
    ]


def test_csv_export_matches_the_hand_written_golden_file() -> None:
    expected = (FIXTURES / "golden" / "diary.csv").read_bytes()
    assert export_text("csv", golden_diary()).encode("utf-8") == expected


def test_golden_csv_imports_back_to_the_same_diary() -> None:
    data = (FIXTURES / "golden" / "diary.csv").read_bytes()
    assert read_import(data, today=TODAY).checkins == golden_diary()


FORMULAS = [
    "=1+2",
    "+1",
    "-2",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
    "'already quoted",
    "''two quotes",
    "'",
    "a normal note",
    "- list item\n- second",
]


@pytest.mark.parametrize("note", FORMULAS)
def test_formula_cells_are_neutralised_in_the_file_and_round_trip_exactly(note: str) -> None:
    checkin = CheckIn.create(day="2024-05-01", mood=5, note=note)
    text = export_text("csv", [checkin])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cell = rows[1][-1]
    # What a spreadsheet would see: never a cell that starts a formula.
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    if note.startswith(("=", "+", "-", "@", "'")):
        assert cell == "'" + note
    else:
        assert cell == note
    assert read_import(text.encode(), today=TODAY).checkins == [checkin]


def test_json_export_has_the_documented_envelope_and_show_json_objects() -> None:
    diary = golden_diary()
    document = json.loads(export_text("json", diary, exported_at=EXPORTED_AT))
    assert document["format"] == "painmood"
    assert document["version"] == 1
    assert document["exported_at"] == EXPORTED_AT
    first = document["checkins"][0]
    assert {k: first[k] for k in diary[0].to_dict()} == diary[0].to_dict()
    assert first["tags"] == ["physio", "walk"]
    assert set(first) - set(diary[0].to_dict()) == {"created_at", "updated_at"}


# --- property tests: any valid diary survives export -> import -> export -----

TAG = st.from_regex(r"[a-zé0-9][a-zé0-9_-]{0,10}", fullmatch=True)
NOTE_TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\n\t\r")),
    max_size=60,
)
NOTE = st.one_of(
    st.none(),
    NOTE_TEXT,
    st.tuples(st.sampled_from(["=", "+", "-", "@", "'", "''", "\t", '"']), NOTE_TEXT).map("".join),
)
SCORE = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def diaries(draw: st.DrawFn) -> list[CheckIn]:
    days = draw(st.lists(st.dates(dt.date(2000, 1, 1), TODAY), unique=True, max_size=12))
    diary = []
    for day in days:
        values = {
            "day": day,
            "pain": draw(SCORE),
            "mood": draw(SCORE),
            "sleep_hours": draw(
                st.one_of(st.none(), st.floats(0, 24, allow_nan=False, allow_infinity=False))
            ),
            "sleep_quality": draw(SCORE),
            "stress": draw(SCORE),
            "anxiety": draw(SCORE),
            "fatigue": draw(SCORE),
            "activity_minutes": draw(st.one_of(st.none(), st.integers(0, 1440))),
            "tags": draw(st.lists(TAG, max_size=4)),
            "note": draw(NOTE),
        }
        if values["pain"] is None and values["mood"] is None:
            values["mood"] = 5
        try:
            diary.append(CheckIn.create(today=TODAY, **values))
        except InvalidInput:
            continue
    return diary


def _round_trip(diary: list[CheckIn], format_name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "first.db") as first:
            first.save_many(diary)
            exported = export_text(format_name, first.checkins(), exported_at=EXPORTED_AT)
        result = read_import(exported.encode("utf-8"), today=TODAY)
        with Store(Path(folder) / "second.db") as second:
            second.save_many(result.checkins, on_conflict=result.default_conflict)
            again = export_text(format_name, second.checkins(), exported_at=EXPORTED_AT)
            assert second.checkins() == sorted(diary, key=lambda c: c.day)
    assert again.encode("utf-8") == exported.encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diaries())
def test_any_diary_round_trips_through_csv_byte_for_byte(diary: list[CheckIn]) -> None:
    _round_trip(diary, "csv")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diaries())
def test_any_diary_round_trips_through_json_byte_for_byte(diary: list[CheckIn]) -> None:
    _round_trip(diary, "json")


def test_json_round_trip_keeps_the_timestamps(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as first:
        first.save_many(golden_diary())
        original = first.checkins()
        exported = export_text("json", original, exported_at=EXPORTED_AT)
    result = read_import(exported.encode(), today=TODAY)
    with Store(tmp_path / "b.db") as second:
        second.save_many(result.checkins, on_conflict=result.default_conflict)
        copied = second.checkins()
    assert [(c.created_at, c.updated_at) for c in copied] == [
        (c.created_at, c.updated_at) for c in original
    ]


# --- FHIR -------------------------------------------------------------------


def test_fhir_bundle_structure_and_codes() -> None:
    diary = golden_diary()
    bundle = json.loads(export_text("fhir", diary, exported_at=EXPORTED_AT))
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    observations = [entry["resource"] for entry in bundle["entry"]]
    # One Observation per recorded score and day: 8 + 2 + 2 + 1.
    assert len(observations) == 13
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
        assert resource["resourceType"] == "Observation"
        assert resource["status"] == "final"
        assert resource["code"]["coding"], resource
        assert all({"system", "code"} <= set(c) for c in resource["code"]["coding"])
        dt.date.fromisoformat(resource["effectiveDateTime"])
        assert ("valueInteger" in resource) != ("valueQuantity" in resource)
    pains = [o for o in observations if _codes(o) & {("http://loinc.org", "72514-3")}]
    assert [(o["effectiveDateTime"], o["valueInteger"]) for o in pains] == [
        ("2024-02-28", 4),
        ("2024-02-29", 7),
        ("2024-03-02", 2),
    ]
    sleep = [o for o in observations if "valueQuantity" in o and o["valueQuantity"]["code"] == "h"]
    assert [(o["effectiveDateTime"], o["valueQuantity"]["value"]) for o in sleep] == [
        ("2024-02-28", 7.5),
        ("2024-03-01", 8.0),
    ]
    assert all(o["valueQuantity"]["system"] == "http://unitsofmeasure.org" for o in sleep)
    moods = [o for o in observations if any(c["code"] == "mood" for c in o["code"]["coding"])]
    assert len(moods) == 3
    assert all("http://loinc.org" not in {c["system"] for c in o["code"]["coding"]} for o in moods)
    noted = [o for o in observations if "note" in o]
    assert {"text": 'Bad day, stayed in.\nBack "locked" at noon.'} in noted[1]["note"]


def test_fhir_ids_are_stable_and_unique() -> None:
    first = export_text("fhir", golden_diary(), exported_at=EXPORTED_AT)
    second = export_text("fhir", golden_diary(), exported_at=EXPORTED_AT)
    assert first == second
    ids = [e["resource"]["id"] for e in json.loads(first)["entry"]]
    assert len(ids) == len(set(ids))


def _codes(resource: dict) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in resource["code"]["coding"]}


def test_fhir_is_made_a_day_at_a_time_and_the_pieces_are_the_bundle() -> None:
    from tracker.formats.fhir import fhir_pieces

    taken: list[CheckIn] = []

    def days() -> Iterator[CheckIn]:
        for checkin in golden_diary():
            taken.append(checkin)
            yield checkin

    pieces = fhir_pieces(days(), exported_at=EXPORTED_AT)
    made = [next(pieces), next(pieces)]  # the opening, then the first day's first entry
    assert len(taken) == 1
    made += list(pieces)
    assert "".join(made) == export_text("fhir", golden_diary(), exported_at=EXPORTED_AT)
    assert json.loads("".join(fhir_pieces([], exported_at=EXPORTED_AT)))["entry"] == []
