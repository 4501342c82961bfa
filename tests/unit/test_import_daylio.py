"""Daylio CSV as people have it: other languages, no header, renamed moods, long activity lists."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import cli
from tracker.formats import ImportFailed, ImportResult, read_import
from tracker.formats.daylio import UnknownMoods, parse_mood_map
from tracker.model import TAGS_MAX_COUNT, CheckIn, InvalidInput
from tracker.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 3, 15)


def read(name: str, **options: object) -> ImportResult:
    return read_import((FIXTURES / name).read_bytes(), today=TODAY, **options)


def day(text: str, **values: object) -> CheckIn:
    return CheckIn.create(today=TODAY, day=text, **values)


def test_polish_export_with_declined_month_names_and_a_row_without_note_cells() -> None:
    result = read("daylio_polish.csv")
    assert result.checkins == [
        day("2019-02-27", mood=0, note="Ból pleców"),
        day("2019-02-28", mood=8, tags=["czytanie"]),
        # tak sobie (5) and źle (3) on one day average to 4
        day("2019-03-01", mood=4, tags=["praca"]),
        day("2019-03-02", mood=10, tags=["rower", "przyjaciele"], note="Wycieczka nad jezioro"),
    ]
    assert any("Polish" in r and "tak sobie 5" in r for r in result.remarks)
    assert any("1 row stopped after the activities (row 5)" in r for r in result.remarks)


def test_spanish_export_without_header_is_recognised_by_its_shape() -> None:
    result = read("daylio_spanish_headerless.csv")
    assert result.format == "daylio"
    assert result.rows_read == 5
    assert result.checkins == [
        day("2020-10-30", mood=0, tags=["médico"]),
        day("2020-10-31", mood=8),
        day("2020-11-01", mood=3),
        day("2020-11-02", mood=5, tags=["trabajo"], note="Día largo"),
        day("2020-11-03", mood=10, tags=["deporte", "amigos"]),
    ]


def test_unknown_moods_are_listed_once_with_count_dates_and_a_ready_map_line() -> None:
    with pytest.raises(UnknownMoods) as failed:
        read("daylio_renamed_moods.csv")
    moods = failed.value.moods
    assert [(m.label, m.count, m.first.isoformat(), m.last.isoformat()) for m in moods] == [
        ("Cry", 2, "2021-03-30", "2021-04-05"),
        ("content", 2, "2021-04-01", "2021-04-04"),
        ("anxious", 2, "2021-04-02", "2021-04-04"),
        ("normal", 1, "2021-03-29", "2021-03-29"),
    ]
    # "normal" is Spanish Daylio's "meh", but this file is English: asked, with a hint
    assert moods[3].guess == 5 and "Spanish" in moods[3].why
    assert moods[0].guess is None
    lines = failed.value.report_lines()
    assert lines[0] == "'Cry': 2 entries, 2021-03-30 to 2021-04-05"
    assert lines[-1] == "--mood-map 'Cry=?,content=?,anxious=?,normal=?'"
    assert len(lines) == 5


def test_the_ready_line_with_scores_filled_in_imports_the_file() -> None:
    mapping = parse_mood_map("Cry=1,content=7,anxious=3,normal=5")
    assert read("daylio_renamed_moods.csv", mood_map=mapping).checkins == [
        day("2021-03-29", mood=5),
        day("2021-03-30", mood=1),
        day("2021-04-01", mood=7),
        day("2021-04-02", mood=3, tags=["work"]),
        day("2021-04-03", mood=8),
        # content (7) and anxious (3)
        day("2021-04-04", mood=5, tags=["walk"]),
        day("2021-04-05", mood=1),
    ]


def test_a_day_over_the_tag_limit_keeps_the_most_frequent_activities() -> None:
    result = read("daylio_many_activities.csv")
    busy = result.checkins[-1]
    assert busy.day == dt.date(2022, 6, 3)
    assert len(busy.tags) == TAGS_MAX_COUNT
    assert not {"zzrare", "aaonce", "mmsingle"} & set(busy.tags)
    trimmed = [r for r in result.remarks if "more than" in r]
    assert trimmed == [
        f"1 day had more than {TAGS_MAX_COUNT} activities, painmood's limit for a day; each "
        f"kept the {TAGS_MAX_COUNT} logged on the most days of the file (2022-06-03)."
    ]


def test_a_blank_mood_names_its_row() -> None:
    data = (
        b"full_date,date,weekday,time,mood,activities,note\n"
        b'2022-01-02,January 2,Sunday,20:00,good,"",""\n'
        b'2022-01-01,January 1,Saturday,20:00,,"",""\n'
    )
    with pytest.raises(ImportFailed) as failed:
        read_import(data, today=TODAY)
    assert [p.sentence() for p in failed.value.problems] == [
        "row 3, column mood: the mood is blank; every Daylio entry has one."
    ]


def test_a_question_mark_left_in_the_map_is_explained() -> None:
    with pytest.raises(InvalidInput, match=r"replace the \? after 'cry'"):
        parse_mood_map("Cry=?,content=7")


def test_cli_prints_the_map_line_last_and_accepts_it_filled_in(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    args = ["--db", str(db), "import", str(FIXTURES / "daylio_renamed_moods.csv")]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2
    assert "4 mood names are not one of Daylio's standard moods" in refused.stderr
    last = refused.stderr.splitlines()[-1].strip()
    assert last == "--mood-map 'Cry=?,content=?,anxious=?,normal=?'"
    option, value = shlex.split(last)
    filled = value.replace("Cry=?", "Cry=1").replace("content=?", "content=7")
    filled = filled.replace("anxious=?", "anxious=3").replace("normal=?", "normal=5")
    result = CliRunner().invoke(cli, [*args, option, filled])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert [c.mood for c in store.checkins()] == [5, 1, 7, 3, 8, 5, 1]


# --- any Daylio-shaped file: a result, or a clear import error -----------------

DATE_CELLS = ["2022-01-05", "2022-1-5", "2022-13-01", "2019", "18 May", "7 września", "x", ""]
MOODS = ["rad", "good", "meh", "Bad", "awful", "mal", "dobrze", "Cry", "", "normal", "?"]
TEXT = ["", "walk | work", "|", "<b>x</b>", "é", '"', "a,b", "Monday", "piątek", "9:00 PM"]
CELL = st.sampled_from(DATE_CELLS + MOODS + TEXT)


@st.composite
def daylio_rows(draw: st.DrawFn) -> list[list[str]]:
    """Rows shaped like Daylio's: mostly 7 or 8 cells, dates and moods where they go."""
    width = draw(st.sampled_from([7, 8]))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = [draw(st.sampled_from(DATE_CELLS)), draw(CELL), draw(CELL), draw(CELL)]
        cells += [draw(st.sampled_from(MOODS))]
        cells += [draw(CELL) for _ in range(width - 5)]
        rows.append(cells[: draw(st.sampled_from([width, width, width - 1, width + 1, 3]))])
    return rows


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            "full_date,date,weekday,time,mood,activities,note_title,note",
            "full_date,date,weekday,time,mood,activities,note",
            "year,date,weekday,time,mood,activities,note",
            "",
        ]
    ),
    daylio_rows(),
    st.dictionaries(st.sampled_from(["cry", "normal", "rad"]), st.integers(0, 10)),
)
def test_random_daylio_shaped_files_give_a_result_or_a_clear_error(
    header: str, rows: list[list[str]], mood_map: dict[str, int]
) -> None:
    body = "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows)
    text = (header + "\n" if header else "") + body + "\n"
    try:
        result = read_import(text.encode(), today=TODAY, format_name="daylio", mood_map=mood_map)
    except ImportFailed as failed:
        assert failed.problems and all(p.sentence() for p in failed.problems)
        assert str(failed).startswith("the file: ")
        if isinstance(failed, UnknownMoods):
            assert failed.report_lines()[-1].startswith("--mood-map ")
    else:
        assert all(c.day <= TODAY and c.mood is not None for c in result.checkins)
        assert len({c.day for c in result.checkins}) == len(result.checkins)
