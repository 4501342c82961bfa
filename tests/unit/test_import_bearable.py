"""Bearable: every category a real export holds becomes a field, a tag or the note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.formats import read_import
from tracker.model import CheckIn

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 3, 15)


def day(text: str, **values: object) -> CheckIn:
    return CheckIn.create(today=TODAY, day=text, **values)


def test_every_category_lands_somewhere_and_empty_sleep_rows_are_skipped() -> None:
    result = read_import((FIXTURES / "bearable_every_category.csv").read_bytes(), today=TODAY)
    assert result.checkins == [
        day(
            "2022-03-03",
            # moods 8 and 5 -> 7.78 and 4.44 -> 6
            mood=6,
            # back pain Moderate 2 -> 5; Stress 1 -> 2.5 -> 3; Anxiety 3 -> 7.5 -> 8
            pain=5,
            stress=3,
            anxiety=8,
            # the Fatigue symptom (2 -> 5) wins over Energy on the same day
            fatigue=5,
            sleep_hours=6.5,
            # sleep quality 3 of 1-5 -> 5
            sleep_quality=5,
            tags=[
                "good",
                "hopeful",
                "meh",
                "anxious",
                "headache",
                "woke-early",
                "shared-bed",
                "ibuprofen",
                "vitamin-d3",
                "walk",
                "with-friends",
                "caffeine",
            ],
            # in time order; the sleep row's lone "." is not a note
            note="Slept in\n\nBowel Movements: Normal\n\nFood Diary: Meals: Soup | Bread\n\n"
            "Gratitudes: A sunny afternoon",
        ),
        # Energy 5 (Great) -> fatigue 0; the sleep row without amount is skipped
        day("2022-03-04", mood=10, fatigue=0, sleep_hours=8.0, tags=["great"], note="Deep sleep"),
    ]
    assert "2 sleep rows had no amount (synced from another app?) and were skipped." in (
        result.remarks
    )
    assert "2022-03-05: no mood or back-pain reading; left out." in result.remarks
    became = {r.split(" (")[0]: r for r in result.remarks if " became " in r}
    assert set(became) == {
        "Mood",
        "Symptom",
        "Energy",
        "Sleep",
        "Sleep quality",
        "Sleep factors",
        "Meds/Supplements",
        "Factors",
        "Food Diary factors",
        "Food Diary",
        "Gratitudes",
        "Bowel Movements",
    }
    assert "tags (names only, not doses)" in became["Meds/Supplements"]
    assert "fatigue" in became["Energy"]
    assert "part of the note" in became["Gratitudes"]
