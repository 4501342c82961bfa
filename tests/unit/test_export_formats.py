"""Exports: the CSV a spreadsheet can open safely, JSON and CSV round trips, FHIR;
and reading painmood's own files back as people save them (UTF-16, odd versions)."""

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

from tracker.formats import ImportFailed, export_text, read_import
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


def valid_fhir(text: str) -> dict:
    """The bundle, after an independent FHIR implementation (fhir.resources) accepted it."""
    from fhir.resources.R4B.bundle import Bundle

    bundle = json.loads(text)
    Bundle.model_validate(bundle)
    return bundle


def test_fhir_bundle_structure_and_codes() -> None:
    diary = golden_diary()
    bundle = valid_fhir(export_text("fhir", diary, exported_at=EXPORTED_AT))
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
    assert valid_fhir("".join(fhir_pieces([], exported_at=EXPORTED_AT)))["entry"] == []


# --- reading painmood's own files back as people save them ---------------------


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportFailed) as caught:
        read_import(data, today=TODAY)
    return str(caught.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_csv_saved_as_utf16_or_utf32_is_read_not_called_binary(codec: str) -> None:
    text = export_text("csv", golden_diary())
    result = read_import(text.encode(codec), today=TODAY)
    assert result.checkins == golden_diary()


def test_a_broken_utf16_file_says_it_is_utf16_and_how_to_save_it() -> None:
    data = "day,pain\n2024-01-01,3\n".encode("utf-16")[:-1]
    message = _refusal(data)
    assert "UTF-16" in message and "UTF-8" in message and "binary" not in message


def test_a_windows_1252_file_is_told_to_be_saved_as_utf8() -> None:
    data = export_text("csv", golden_diary()).replace("Slept", "Café").encode("cp1252")
    message = _refusal(data)
    assert "not UTF-8" in message and "CSV UTF-8" in message


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,activity_minutes,"
         "tags,note,pain", "column pain: this column appears 2 times in the header "
         "(columns 2 and 12)"),
        ("full_date,date,weekday,time,mood,activities,note_title,note,mood",
         "column mood: this column appears 2 times"),
    ],
)  # fmt: skip
def test_a_duplicated_column_is_refused_on_row_1(header: str, named: str) -> None:
    message = _refusal(f"{header}\n".encode())
    assert "row 1, " in message and named in message


@pytest.mark.parametrize(
    ("version", "words"),
    [
        ('"1"', '"version" must be a whole number such as 1 (not in quotes); this file has "1".'),
        ("true", '"version" must be a whole number such as 1'),
        ("null", "this file has missing"),
        ("0", "there is no painmood JSON version 0"),
        ("3", "version 3, written by a newer painmood; this one reads up to version 2"),
    ],
)
def test_a_json_version_painmood_cannot_read_is_refused_without_contradiction(
    version: str, words: str
) -> None:
    data = f'{{"format": "painmood", "version": {version}, "checkins": []}}'.encode()
    assert words in _refusal(data)


@pytest.mark.parametrize(
    ("stamp", "words"),
    [
        ("0001-01-01T00:00:00+01:00", "out of range"),
        ("9999-12-31T23:00:00-05:00", "out of range"),
        ("1850-01-01T00:00:00Z", "out of range"),
        ("yesterday", "is not an ISO date-time"),
    ],
)
def test_a_json_timestamp_out_of_range_is_a_problem_not_a_crash(stamp: str, words: str) -> None:
    entry = {"day": "2024-01-01", "pain": 3, "updated_at": stamp}
    data = json.dumps({"format": "painmood", "version": 1, "checkins": [entry]}).encode()
    message = _refusal(data)
    assert "check-in 1, field updated_at" in message and words in message


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_score_hundreds_of_digits_long_is_refused_in_csv_and_json(digits: int) -> None:
    number = "9" * digits
    csv_text = "day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,"
    csv_text += f"activity_minutes,tags,note\n2024-01-01,{number},,,,,,,,,\n"
    message = _refusal(csv_text.encode())
    assert f"a number of {digits} digits" in message and len(message) < 250
    json_text = f'[{{"day": "2024-01-01", "pain": {number}}}]'
    assert len(_refusal(json_text.encode())) < 250


def test_a_lone_surrogate_in_a_json_note_or_tag_is_refused() -> None:
    for entry in ('{"day": "2024-01-01", "pain": 3, "note": "a\\udc80b"}',
                  '{"day": "2024-01-01", "pain": 3, "tags": ["\\ud800"]}'):  # fmt: skip
        message = _refusal(f"[{entry}]".encode())
        assert "check-in 1" in message
