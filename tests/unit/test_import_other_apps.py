"""iMoodJournal, Pixels and Daylio's .daylio backup; files that are none of the formats."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.formats import FORMATS_TRIED, ImportFailed, read_import
from tracker.model import CheckIn

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 3, 15)


def day(text: str, **values: object) -> CheckIn:
    return CheckIn.create(today=TODAY, day=text, **values)


def test_imoodjournal_levels_tag_columns_and_comments() -> None:
    result = read_import((FIXTURES / "imoodjournal.csv").read_bytes(), today=TODAY)
    assert result.format == "imoodjournal"
    assert result.checkins == [
        # levels 7 and 4 -> 6.67 and 3.33 -> 5; comments in time order
        day(
            "2017-03-04",
            mood=5,
            tags=["walk", "work", "tired"],
            note="#work #tired\n\nEvening walk #walk",
        ),
        day("2017-03-05", mood=10),
        day("2017-03-06", mood=0, tags=["work", "tired"], note="Bad back all day"),
    ]


def test_pixels_older_layout_moods_emotions_and_notes() -> None:
    result = read_import((FIXTURES / "pixels_older.json").read_bytes(), today=TODAY)
    assert result.format == "pixels"
    assert result.checkins == [
        day("2020-02-01", mood=0),
        day("2020-02-02", mood=3, tags=["sadness", "anxiety"], note="Back ached"),
        day("2020-02-03", mood=5),
        day("2020-02-04", mood=8, tags=["joy"]),
        day("2020-02-05", mood=10, note="Great day"),
    ]


def test_pixels_newer_layout_with_scores_and_tag_groups() -> None:
    result = read_import((FIXTURES / "pixels_newer.json").read_bytes(), today=TODAY)
    assert result.checkins == [
        day("2023-01-09", mood=8, tags=["calm", "yoga"], note="Yoga class"),
        # scores 2 and 3 -> 2.5 and 5 -> 3.75 -> 4
        day("2023-01-10", mood=4),
    ]
    assert "1 day had no mood score and was left out (first 2023-01-11)." in result.remarks


def test_a_bad_pixels_mood_names_its_entry() -> None:
    data = json.dumps([{"date": "2020-01-01", "mood": 7, "emotions": [], "notes": ""}]).encode()
    with pytest.raises(ImportFailed, match=r"entry 1, field mood, value '7'"):
        read_import(data, today=TODAY)


def daylio_backup(document: dict) -> bytes:
    """A .daylio file as the app writes it: a zip holding base64 JSON."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("backup.daylio", base64.b64encode(json.dumps(document).encode()))
        archive.writestr("assets/photos/2022/01/x.jpg", b"\xff\xd8")
    return buffer.getvalue()


BACKUP = {
    "version": 15,
    "customMoods": [
        {"id": 1, "custom_name": "", "mood_group_id": 1, "predefined_name_id": 1},
        {"id": 3, "custom_name": "", "mood_group_id": 3, "predefined_name_id": 3},
        {"id": 7, "custom_name": "Crying", "mood_group_id": 5, "predefined_name_id": -1},
    ],
    "tags": [{"id": 1, "name": "walk"}, {"id": 2, "name": "physio"}],
    "dayEntries": [
        {"year": 2022, "month": 0, "day": 6, "hour": 21, "minute": 0, "mood": 3, "tags": []},
        {"year": 2022, "month": 0, "day": 6, "hour": 9, "minute": 0, "mood": 7, "tags": [2]},
        {
            "year": 2022,
            "month": 0,
            "day": 5,
            "hour": 20,
            "minute": 0,
            "mood": 1,
            "tags": [1],
            "note_title": "",
            "note": "<b>Nice</b> walk",
        },
    ],
}


def test_daylio_backup_maps_custom_moods_by_their_group() -> None:
    result = read_import(daylio_backup(BACKUP), today=TODAY)
    assert result.format == "daylio-backup"
    assert result.checkins == [
        day("2022-01-05", mood=10, tags=["walk"], note="Nice walk"),
        # Crying sits in the "awful" group (0), meh is 5: 2.5 -> 3
        day("2022-01-06", mood=3, tags=["physio"]),
    ]
    assert any("Crying 0" in r for r in result.remarks)
    mapped = read_import(daylio_backup(BACKUP), today=TODAY, mood_map={"crying": 2})
    assert mapped.checkins[1].mood == 4


def test_a_zip_that_is_not_a_daylio_backup_is_refused_as_binary() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ImportFailed, match="binary file"):
        read_import(buffer.getvalue(), today=TODAY)


def test_a_csv_of_no_known_app_names_every_format_tried_in_one_line(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("user_id,checkin_date,trackable_name,trackable_value\nu1,2020-01-01,x,3\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "import", str(other)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert FORMATS_TRIED in result.stderr
    assert not (tmp_path / "d.db").exists()


def test_json_of_no_known_app_is_one_line_and_pixels_is_not_painmood_json() -> None:
    with pytest.raises(ImportFailed) as failed:
        read_import(b'{"entries": []}', today=TODAY)
    assert len(failed.value.problems) == 1
    assert FORMATS_TRIED in str(failed.value)
    pixels = read_import((FIXTURES / "pixels_older.json").read_bytes(), today=TODAY)
    assert not any("painmood has no such field" in r for r in pixels.remarks)


def test_a_mood_map_given_for_another_format_is_said_to_be_unused() -> None:
    data = (FIXTURES / "imoodjournal.csv").read_bytes()
    result = read_import(data, today=TODAY, mood_map={"cry": 1})
    assert result.remarks[-1] == "--mood-map is for Daylio files; it was not used for this one."
    assert [c.mood for c in result.checkins] == [5, 10, 0]
