"""Validation rules of a check-in: what a person can and cannot save.

Each refusal must be an InvalidInput naming the field, with one sentence
that states the allowed range or form, so the CLI and the UI can show it.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pytest

from tracker.model import (
    FACTORS,
    FIELDS,
    NOTE_MAX_CHARS,
    SCALES,
    TAG_MAX_CHARS,
    TAGS_MAX_COUNT,
    CheckIn,
    InvalidInput,
    PainmoodError,
    local_today,
    parse_day,
    validate_checkin,
)

TODAY = dt.date(2026, 3, 15)
INTEGER_SCALES = [s for s in SCALES.values() if s.integer]


def make(**values: object) -> CheckIn:
    values.setdefault("day", "2026-03-14")
    return CheckIn.create(today=TODAY, **values)


def refused(field: str, **values: object) -> InvalidInput:
    """Assert the values are refused for `field`; return the error for message checks."""
    with pytest.raises(InvalidInput) as caught:
        make(**values)
    assert caught.value.field_name == field
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    return caught.value


# -- the scales -------------------------------------------------------------


def test_scales_match_the_data_model() -> None:
    expected = {
        "pain": (0, 10, True),
        "mood": (0, 10, True),
        "sleep_hours": (0, 24, False),
        "sleep_quality": (0, 10, True),
        "stress": (0, 10, True),
        "anxiety": (0, 10, True),
        "fatigue": (0, 10, True),
        "activity_minutes": (0, 1440, True),
    }
    assert {n: (s.low, s.high, s.integer) for n, s in SCALES.items()} == expected
    assert [s.name for s in FACTORS] == list(expected)[2:]
    assert SCALES["pain"].low_means == "no pain"
    assert SCALES["mood"].low_means == "worst mood" and SCALES["mood"].high_means == "best mood"


def test_fields_are_in_export_order() -> None:
    assert FIELDS == (
        "day",
        "pain",
        "mood",
        "sleep_hours",
        "sleep_quality",
        "stress",
        "anxiety",
        "fatigue",
        "activity_minutes",
        "tags",
        "note",
    )


@pytest.mark.parametrize("scale", SCALES.values(), ids=lambda s: s.name)
def test_both_ends_of_every_scale_are_accepted(scale) -> None:  # noqa: ANN001
    other = {"mood": 5} if scale.name == "pain" else {"pain": 5}
    for value in (scale.low, scale.high):
        checkin = make(**other, **{scale.name: value})
        assert getattr(checkin, scale.name) == value
        assert type(getattr(checkin, scale.name)) is (int if scale.integer else float)


@pytest.mark.parametrize("scale", SCALES.values(), ids=lambda s: s.name)
@pytest.mark.parametrize("side", ["below", "above"])
def test_out_of_range_is_refused_with_the_range(scale, side: str) -> None:  # noqa: ANN001
    other = {"mood": 5} if scale.name == "pain" else {"pain": 5}
    value = scale.low - 1 if side == "below" else scale.high + 1
    error = refused(scale.name, **other, **{scale.name: value})
    assert scale.label in str(error)
    assert f"between {int(scale.low)} and {int(scale.high)}" in str(error)


@pytest.mark.parametrize("scale", INTEGER_SCALES, ids=lambda s: s.name)
@pytest.mark.parametrize("value", [5.5, "5.5", "five", "", "1e1", "0x5", "5 5", "1_0", "٥"])
def test_integer_scales_refuse_non_integers(scale, value: object) -> None:  # noqa: ANN001
    other = {"mood": 5} if scale.name == "pain" else {"pain": 5}
    if value == "":
        # An empty string means "not given", like a blank form field.
        assert getattr(make(**other, **{scale.name: value}), scale.name) is None
        return
    error = refused(scale.name, **other, **{scale.name: value})
    assert "whole number" in str(error)


@pytest.mark.parametrize("scale", SCALES.values(), ids=lambda s: s.name)
@pytest.mark.parametrize("value", [True, False, math.nan, math.inf, -math.inf, "nan", "inf", [5]])
def test_bools_nan_infinity_and_other_types_are_refused(scale, value: object) -> None:  # noqa: ANN001
    other = {"mood": 5} if scale.name == "pain" else {"pain": 5}
    refused(scale.name, **other, **{scale.name: value})


def test_numbers_given_as_text_or_whole_floats_are_read() -> None:
    checkin = make(pain=" 7 ", mood=3.0, sleep_hours="6.5", activity_minutes="+30")
    assert (checkin.pain, checkin.mood, checkin.sleep_hours, checkin.activity_minutes) == (
        7,
        3,
        6.5,
        30,
    )
    assert type(checkin.mood) is int
    assert make(pain=4, sleep_hours=7).sleep_hours == 7.0
    assert make(pain=4, sleep_hours=".5").sleep_hours == 0.5
    assert make(pain=Fraction(8, 2)).pain == 4  # any real number type, if it is whole


def test_at_least_one_of_pain_and_mood_is_required() -> None:
    error = refused("pain", stress=4, note="only a note")
    assert "pain" in str(error).lower() and "mood" in str(error).lower()
    refused("pain", pain=None, mood=None)
    refused("pain", pain="", mood=" ")
    assert make(pain=3).mood is None
    assert make(mood=3).pain is None


# -- days -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2026-1-5",
        "15/03/2026",
        "20260315",
        "tomorrow",
        "",
        "٢٠٢٦-٠٣-١٤",
    ],
)
def test_malformed_days_are_refused(text: str) -> None:
    error = refused("day", day=text, pain=3)
    assert "2024-03-31" in str(error)  # shows the expected form


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2024-02-30", "2025-04-31"])
def test_days_that_the_calendar_does_not_have_are_named(text: str) -> None:
    error = refused("day", day=text, pain=3)
    assert str(error) == f"{text} is not a day of the calendar (check the month and the day)."


@pytest.mark.parametrize("text", ["0024-01-01", "1899-12-31", "0001-01-01"])
def test_days_before_1900_are_refused_as_a_mistyped_year(text: str) -> None:
    error = refused("day", day=text, pain=3)
    assert str(error) == f"Day {text} is before 1900; check the year."
    assert make(day="1900-01-01", pain=3).day == dt.date(1900, 1, 1)


def test_a_stored_day_before_1900_still_loads_so_it_can_be_undone_or_deleted() -> None:
    # An older painmood accepted 0024-01-01; stored values are re-checked with today=None.
    assert validate_checkin({"day": "0024-01-01", "pain": 3}).day == dt.date(24, 1, 1)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("9" * 400, "got a number of 400 digits"),
        ("9" * 5000, "got a number of 5000 digits"),
        ("-" + "9" * 5000, "got a number of 5000 digits"),
        (10**400, "got a number of 401 digits"),
        (1e300, "got a number of 301 digits"),
        (float("inf"), "got inf"),
    ],
)
def test_huge_scores_are_refused_in_a_short_sentence(value: object, words: str) -> None:
    error = refused("pain", pain=value)
    assert words in str(error) and len(str(error)) < 100
    error = refused("sleep_hours", pain=1, sleep_hours=value)
    assert len(str(error)) < 100


def test_a_long_value_is_quoted_cut_to_about_60_characters() -> None:
    error = refused("pain", pain="x" * 10_000)
    assert str(error) == (
        f"Pain must be a whole number between 0 and 10, got {'x' * 57!r}… (10000 characters)."
    )
    assert len(str(refused("day", day="y" * 10_000, pain=1))) < 150
    assert len(str(refused("tags", pain=1, tags=["z" * 10_000]))) < 200


@pytest.mark.parametrize("note", ["bad \udcff byte", "\ud800", "end \udfff"])
def test_a_note_with_bytes_that_are_not_utf8_is_refused(note: str) -> None:
    error = refused("note", pain=1, note=note)
    assert "not UTF-8" in str(error)
    assert "not UTF-8" in str(refused("tags", pain=1, tags=[note]))


def test_future_days_are_refused() -> None:
    error = refused("day", day="2026-03-16", pain=3)
    assert "2026-03-16" in str(error) and "future" in str(error)
    refused("day", day=dt.date(2027, 1, 1), pain=3)


def test_today_yesterday_and_dates_are_read() -> None:
    assert make(day="today", pain=1).day == TODAY
    assert make(day=" Yesterday ", pain=1).day == dt.date(2026, 3, 14)
    assert make(day="2026-03-15", pain=1).day == TODAY
    assert make(day=dt.datetime(2026, 3, 1, 23, 59), pain=1).day == dt.date(2026, 3, 1)
    assert make(day="2024-02-29", pain=1).day == dt.date(2024, 2, 29)  # a leap day


def test_day_is_required() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_checkin({"pain": 3}, today=TODAY)
    assert caught.value.field_name == "day"


def test_create_refuses_the_real_tomorrow_when_no_today_is_given() -> None:
    tomorrow = local_today() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput):
        CheckIn.create(day=tomorrow, pain=3)
    assert CheckIn.create(day=local_today(), pain=3).day == local_today()


def test_parse_day_words_follow_the_given_today() -> None:
    assert parse_day("today", today=dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    assert parse_day("yesterday", today=dt.date(2020, 1, 1)) == dt.date(2019, 12, 31)


# -- tags -------------------------------------------------------------------


def test_tags_are_short_words_lower_cased_sorted_and_unique() -> None:
    assert make(pain=2, tags=["Yoga", "physio", "yoga", " heat "]).tags == (
        "heat",
        "physio",
        "yoga",
    )
    assert make(pain=2, tags="physio, yoga;walk heat").tags == ("heat", "physio", "walk", "yoga")
    assert make(pain=2, tags=["hot-bath", "tens_unit", "b12"]).tags == (
        "b12",
        "hot-bath",
        "tens_unit",
    )
    assert make(pain=2, tags=None).tags == ()
    assert make(pain=2, tags=[]).tags == ()


def test_tags_in_any_language_are_words_too() -> None:
    # "Rücken" typed with a combining diaeresis is the same tag as the composed one.
    assert make(pain=2, tags=["Rücken", "Ru\u0308cken", "физио"]).tags == ("rücken", "физио")


@pytest.mark.parametrize(
    "tag",
    ["two words", "-physio", "_x", "physio!", "a,b", "<b>", "x" * (TAG_MAX_CHARS + 1), "tab\tx"],
)
def test_tags_that_are_not_one_short_word_are_refused(tag: str) -> None:
    error = refused("tags", pain=2, tags=[tag])
    assert str(TAG_MAX_CHARS) in str(error)


def test_tag_of_the_longest_length_is_kept() -> None:
    assert make(pain=2, tags=["x" * TAG_MAX_CHARS]).tags == ("x" * TAG_MAX_CHARS,)


def test_too_many_tags_and_non_text_tags_are_refused() -> None:
    refused("tags", pain=2, tags=[f"t{i}" for i in range(TAGS_MAX_COUNT + 1)])
    assert len(make(pain=2, tags=[f"t{i}" for i in range(TAGS_MAX_COUNT)]).tags) == TAGS_MAX_COUNT
    refused("tags", pain=2, tags=[3])


# -- notes ------------------------------------------------------------------


def test_notes_keep_any_unicode_and_line_breaks() -> None:
    text = "Rücken schlimm 😣\nslept badly\tagain — 腰痛"
    assert make(pain=2, note=text).note == text
    assert make(pain=2, note="a\r\nb\rc").note == "a\nb\nc"
    assert make(pain=2, note="  ").note is None
    assert make(pain=2, note="  trimmed  ").note == "trimmed"


def test_note_length_is_bounded() -> None:
    assert len(make(pain=2, note="é" * NOTE_MAX_CHARS).note or "") == NOTE_MAX_CHARS
    error = refused("note", pain=2, note="é" * (NOTE_MAX_CHARS + 1))
    assert str(NOTE_MAX_CHARS) in str(error)


@pytest.mark.parametrize("control", ["\x00", "\x1b[2J", "\x07", "\x9b"])
def test_notes_refuse_control_characters(control: str) -> None:
    refused("note", pain=2, note=f"before{control}after")


def test_note_must_be_text() -> None:
    refused("note", pain=2, note=42)


# -- the dataclass ------------------------------------------------------------


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        make(pain=2, painn=3)
    assert caught.value.field_name == "painn"


def test_invalid_input_is_a_painmood_error() -> None:
    assert issubclass(InvalidInput, PainmoodError)


def test_to_dict_has_the_json_keys_in_order() -> None:
    checkin = make(pain=2, mood=7, sleep_hours=6.5, tags=["yoga"], note="ok")
    data = checkin.to_dict()
    assert list(data) == list(FIELDS)
    assert data["day"] == "2026-03-14" and data["tags"] == ["yoga"]
    assert data["stress"] is None


def test_with_changes_revalidates() -> None:
    checkin = make(pain=2, mood=7)
    assert checkin.with_changes(pain=3).pain == 3
    with pytest.raises(InvalidInput):
        checkin.with_changes(pain=11)
    with pytest.raises(InvalidInput):
        checkin.with_changes(pain=None, mood=None)


def test_checkins_are_frozen_and_compare_by_values_not_timestamps() -> None:
    one = make(pain=2, created_at="2026-03-14T08:00:00Z")
    two = make(pain=2, created_at="2026-03-14T09:00:00Z")
    assert one == two
    assert one != make(pain=3)
    with pytest.raises(AttributeError):
        one.pain = 5  # type: ignore[misc]
