"""Imports: Daylio and Bearable samples, malformed files, conflicts, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import cli
from tracker.formats import ImportFailed, read_import
from tracker.formats.daylio import UnknownMoods, parse_mood_map
from tracker.model import CheckIn, ConflictPolicy, InvalidInput
from tracker.store import Store
from tracker.transfer import apply_import, preview_import

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 3, 15)


def read_fixture(name: str, **options: object) -> list[CheckIn]:
    return read_import((FIXTURES / name).read_bytes(), today=TODAY, **options).checkins


def day(text: str, **values: object) -> CheckIn:
    return CheckIn.create(today=TODAY, day=text, **values)


# --- Daylio -----------------------------------------------------------------


def test_daylio_current_export_with_bom_html_and_several_entries_a_day() -> None:
    assert read_fixture("daylio_current.csv") == [
        day("2022-01-04", mood=8, tags=["walk"]),
        # good (8) at 10 pm and awful (0) at 12:30 pm average to 4
        day("2022-01-05", mood=4, tags=["physio"], note="Physio\nPainful session"),
        day(
            "2022-01-06",
            mood=10,
            tags=["friends", "walk", "café"],
            note="Dinner with Sam\nGreat evening",
        ),
        # meh (5) and bad (3) average to 4; only the evening entry has a note
        day(
            "2022-01-07",
            mood=4,
            tags=["work", "back-pain", "yoga", "bad-sleep"],
            note="Long day\nBack stiff after the desk.\n\nYoga helped & so did tea.",
        ),
    ]


def test_daylio_seven_column_export_with_capitals_and_unpadded_dates() -> None:
    assert read_fixture("daylio_seven_columns.csv") == [
        day("2021-03-07", mood=3, tags=["rain"]),
        day("2021-03-08", mood=5, note="plain note"),
        day("2021-03-09", mood=10, tags=["gym", "reading"]),
    ]


def test_daylio_oldest_export_with_year_and_day_month_columns() -> None:
    assert read_fixture("daylio_year_column.csv") == [
        day("2018-05-16", mood=0, note="Did nothing today."),
        day("2018-05-17", mood=5, tags=["cook", "stressed"]),
        day("2018-05-18", mood=8, tags=["clean", "cook", "music"], note="Went to a party"),
    ]


def test_daylio_custom_moods_are_listed_once_with_a_ready_mood_map() -> None:
    with pytest.raises(UnknownMoods) as failed:
        read_fixture("daylio_custom_moods.csv")
    assert [(m.label, m.count) for m in failed.value.moods] == [("ecstatic", 1), ("so-so", 1)]
    assert failed.value.report_lines()[-1] == "--mood-map 'ecstatic=?,so-so=?'"
    mapped = read_fixture("daylio_custom_moods.csv", mood_map={"ecstatic": 10, "so-so": 4})
    assert mapped == [
        day("2023-05-31", mood=0),
        day("2023-06-01", mood=4, tags=["reading"]),
        day("2023-06-02", mood=10),
    ]


def test_mood_map_text_is_parsed_and_bad_entries_are_refused() -> None:
    assert parse_mood_map("Great=9, fine=6") == {"great": 9, "fine": 6}
    with pytest.raises(InvalidInput, match="0-10"):
        parse_mood_map("great=11")
    with pytest.raises(InvalidInput, match="label=score"):
        parse_mood_map("great")


def test_a_mood_map_overrides_the_default_scores() -> None:
    checkins = read_fixture("daylio_seven_columns.csv", mood_map={"rad": 9})
    assert [c.mood for c in checkins] == [3, 5, 9]


# --- Bearable ---------------------------------------------------------------


def test_bearable_classic_export() -> None:
    result = read_import((FIXTURES / "bearable_classic.csv").read_bytes(), today=TODAY)
    assert result.checkins == [
        # "Upper back pain (Mild)" without a number: severity word Mild = 1 -> 2.5 -> 3
        day("2021-12-23", pain=3),
        # mood 10 -> 10; medication becomes a tag
        day("2022-01-01", mood=10, tags=["ibuprofen"]),
        # moods 7 and 4 -> 6.67 and 3.33 -> 5; back pain 2 and 3 -> 5 and 7.5 -> 6;
        # sleep 7:30 -> 7.5 h; sleep quality 4 -> 7.5 -> 8; notes am before pm
        day(
            "2022-01-05",
            mood=5,
            pain=6,
            sleep_hours=7.5,
            sleep_quality=8,
            # Energy 3 (of 1-5) -> fatigue (5 - 3) x 2.5 = 5
            fatigue=5,
            tags=["headache", "meditation", "walk"],
            note="Rough morning\n\nEvening was calmer",
        ),
    ]
    assert rows_left_out(result.remarks) == {"2022-01-02"}
    assert any("energy" in r for r in result.remarks)
    assert result.rows_read == 13


def rows_left_out(remarks: list[str]) -> set[str]:
    return {r.split(":")[0] for r in remarks if "left out" in r}


def test_bearable_export_with_date_formatted_column_bom_and_crlf() -> None:
    assert read_fixture("bearable_date_formatted.csv") == [
        # mood 5 -> 4.44 -> 4; sleep 7h 15m
        day("2022-02-02", mood=4, sleep_hours=7.25),
        # mood 1 -> 0; Unbearable back pain 4 -> 10; HTML note stripped
        day("2022-02-03", mood=0, pain=10, note="Could not sit"),
    ]


# --- malformed files: nothing written, the row named ------------------------

MALFORMED = [
    ("wrong_header.csv", 1, None, "not a header painmood recognises"),
    ("daylio_bad_date.csv", 3, "full_date", "not a date"),
    ("painmood_out_of_range.csv", 3, "mood", "between 0 and 10"),
    ("bearable_out_of_range.csv", 4, "rating/amount", "from 1 to 10"),
    ("daylio_truncated.csv", 4, None, "truncated"),
    ("binary_junk.bin", 1, None, "binary"),
    ("empty.csv", None, None, "empty"),
    ("json_bad_day.json", 2, "day", "2024-02-30"),
]


def database_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize(("name", "row", "column", "words"), MALFORMED)
def test_malformed_file_names_the_row_and_writes_nothing(
    name: str, row: int | None, column: str | None, words: str, tmp_path: Path
) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(day("2022-01-01", pain=2, mood=7, note="already here"))
    before = database_dump(db)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "import", str(FIXTURES / "malformed" / name)]
    )
    assert result.exit_code == 2, result.output
    assert database_dump(db) == before
    assert "Traceback" not in result.output
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith("painmood: ")
    assert words in first_line
    assert "Nothing was imported" in first_line or "nothing was imported" in first_line
    if row is not None:
        assert f" {row}" in first_line
    if column is not None:
        assert f"{column}" in first_line


def test_every_bad_row_is_reported_not_only_the_first(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,activity_minutes,tags,note\n"
        "2024-01-01,3,5,,,,,,,,\n"
        "2024-01-02,12,5,,,,,,,,\n"
        "2024-01-03,3\n"
        "2024-01-04,3,5,25,,,,,,,\n"
        "2024-01-01,1,1,,,,,,,,\n"
        "2999-01-01,1,1,,,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        read_import(bad.read_bytes(), today=TODAY)
    assert [(p.row, p.column) for p in failed.value.problems] == [
        (3, "pain"),
        (4, None),
        (5, "sleep_hours"),
        (6, "day"),
        (7, "day"),
    ]
    assert "already on row 2" in failed.value.problems[3].reason
    assert "future" in failed.value.problems[4].reason


def test_cli_lists_every_bad_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "painmood",
                "version": 1,
                "checkins": [
                    {"day": "2024-01-01", "pain": 11},
                    {"day": "2024-01-02", "mood": "six"},
                ],
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "import", str(bad)])
    assert result.exit_code == 2
    assert "check-in 1, field pain, value '11'" in result.stderr
    assert "check-in 2, field mood, value 'six'" in result.stderr


def test_a_newer_json_version_is_refused() -> None:
    data = json.dumps({"format": "painmood", "version": 99, "checkins": []}).encode()
    with pytest.raises(ImportFailed, match="version 99"):
        read_import(data, today=TODAY)


def test_the_file_format_can_be_forced_and_a_mismatch_is_named() -> None:
    data = (FIXTURES / "bearable_classic.csv").read_bytes()
    with pytest.raises(ImportFailed, match="not the header of a Daylio export"):
        read_import(data, today=TODAY, format_name="daylio")


# --- merging into a diary ---------------------------------------------------


def write_diary_file(tmp_path: Path, checkins: list[CheckIn], fmt: str) -> Path:
    from tracker.formats import export_text

    path = tmp_path / f"other.{fmt}"
    path.write_text(export_text(fmt, checkins), encoding="utf-8", newline="")
    return path


def test_import_cli_merges_and_reports_added_updated_skipped(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(day("2024-01-01", pain=2, mood=7))
    other = write_diary_file(
        tmp_path, [day("2024-01-01", pain=9, mood=1), day("2024-01-02", pain=3, mood=6)], "csv"
    )
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db), "import", str(other)])
    assert result.exit_code == 0, result.output
    assert "Read 2 rows" in result.output
    assert "Added 1, updated 0, unchanged 0, skipped 1." in result.output
    with Store(db) as store:
        assert store.get(dt.date(2024, 1, 1)).pain == 2  # CSV default: skip
        assert store.get(dt.date(2024, 1, 2)).pain == 3
    result = runner.invoke(cli, ["--db", str(db), "import", str(other), "--on-conflict", "replace"])
    assert "Added 0, updated 1, unchanged 1, skipped 0." in result.output
    with Store(db) as store:
        assert store.get(dt.date(2024, 1, 1)).pain == 9
        actions = [r.action for r in store.revisions(dt.date(2024, 1, 1))]
        assert actions == ["update", "insert"]


def test_json_import_keeps_the_newest_edit_of_each_day(tmp_path: Path) -> None:
    # Two machines: each edited a different day last.
    with Store(tmp_path / "laptop.db") as laptop, Store(tmp_path / "desktop.db") as desktop:
        laptop.save(day("2024-01-01", pain=1, mood=1))
        desktop.save(day("2024-01-01", pain=2, mood=2))
        desktop.save(day("2024-01-02", pain=2, mood=2))
        laptop.save(day("2024-01-02", pain=1, mood=1))
        from tracker.formats import export_text

        (tmp_path / "desktop.json").write_text(export_text("json", desktop.checkins()))
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "laptop.db"), "import", str(tmp_path / "desktop.json")]
    )
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "laptop.db") as laptop:
        assert [c.pain for c in laptop.checkins()] == [2, 1]


def test_dry_run_reports_what_would_happen_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(day("2022-01-05", pain=2, mood=7))
    before = database_dump(db)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "import", str(FIXTURES / "daylio_current.csv"), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "Dry run, nothing written" in result.output
    assert "Would add 3, update 0, skip 1; 0 unchanged." in result.output
    assert "3 new days: 2022-01-04, 2022-01-06, 2022-01-07." in result.output
    assert "Added" not in result.output
    assert database_dump(db) == before


def test_dry_run_on_a_missing_diary_does_not_create_it(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "import", str(FIXTURES / "bearable_classic.csv"), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "Would add 3," in result.output
    assert not db.exists()


@pytest.mark.parametrize("policy", ["skip", "replace", "newest"])
def test_preview_matches_the_real_import(tmp_path: Path, policy: ConflictPolicy) -> None:
    with Store(tmp_path / "d.db") as store:
        store.save(day("2022-01-05", pain=2, mood=7))
        store.save(day("2022-01-06", mood=10, tags=["friends", "walk", "café"],
                       note="Dinner with Sam\nGreat evening"))  # fmt: skip
        checkins = read_fixture("daylio_current.csv")
        preview = preview_import(store, checkins, policy)
        real = apply_import(store, checkins, policy)
        assert preview.days == real.days
        for plan in real.days:  # what the preview said each day would hold, it holds
            assert store.get(plan.day) == plan.checkin
    assert [line for line in preview.lines() if "from the file" in line] == [
        line for line in real.lines() if "from the file" in line
    ]


def test_import_cli_daylio_with_mood_map(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    args = ["--db", str(db), "import", str(FIXTURES / "daylio_custom_moods.csv")]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2
    assert "'ecstatic': 1 entry, on 2023-06-02" in refused.stderr
    assert refused.stderr.splitlines()[-1] == "  --mood-map 'ecstatic=?,so-so=?'"
    result = CliRunner().invoke(cli, [*args, "--mood-map", "ecstatic=10,so-so=4"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert [c.mood for c in store.checkins()] == [0, 4, 10]


def test_bad_mood_map_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(tmp_path / "d.db"),
            "import",
            str(FIXTURES / "daylio_current.csv"),
            "--mood-map",
            "great=eleven",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--mood-map" in result.stderr
    assert not (tmp_path / "d.db").exists()


# --- whatever the bytes, the answer is a result or a list of problems ---------

HEADERS = [
    "day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,activity_minutes,tags,note",
    "full_date,date,weekday,time,mood,activities,note_title,note",
    "year,date,weekday,time,mood,activities,note",
    "date,weekday,time of day,category,rating/amount,detail,notes",
    '{"format": "painmood", "version": 1, "checkins": [',
]
CELLS = st.sampled_from(
    [
        "",
        "2024-01-01",
        "2024-13-40",
        "5th Jan 2022",
        "18 May",
        "2018",
        "good",
        "rad",
        "Mood",
        "Sleep",
        "Symptom",
        "Back pain (Mild)",
        "7:30",
        "11",
        "-1",
        "nan",
        "1e3",
        "'=x",
        '"',
        "{",
        "}",
        "]",
        "[",
        "null",
        "\x00",
        "é",
        "a | b",
        "<b>x</b>",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(HEADERS), st.lists(st.lists(CELLS, max_size=9), max_size=6))
def test_any_file_gives_a_result_or_problems_never_a_crash(header: str, rows: list) -> None:
    text = header + "\n" + "\n".join(",".join(row) for row in rows) + "\n"
    try:
        result = read_import(text.encode("utf-8"), today=TODAY)
    except ImportFailed as failed:
        assert failed.problems
        assert all(p.reason for p in failed.problems)
    else:
        assert all(c.day <= TODAY for c in result.checkins)
        assert len({c.day for c in result.checkins}) == len(result.checkins)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_give_problems_not_a_crash(data: bytes) -> None:
    try:
        read_import(data, today=TODAY)
    except ImportFailed as failed:
        assert failed.problems
