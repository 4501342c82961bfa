"""PHQ-9, GAD-7 and PEG are scored and banded exactly as published."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model import InvalidInput
from tracker.questionnaires import GAD7, PEG, PHQ9, Result, instrument, parse_answers, score
from tracker.questionnaires.scoring import UnknownInstrument

DAY = dt.date(2026, 3, 10)


def _answers_summing_to(total: int, items: int, top: int = 3) -> tuple[int, ...]:
    values = []
    for _ in range(items):
        take = min(top, total)
        values.append(take)
        total -= take
    assert total == 0
    return tuple(values)


PHQ9_EDGES = [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
    (20, "severe"), (27, "severe"),
]  # fmt: skip
GAD7_EDGES = [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe"),
]  # fmt: skip


@pytest.mark.parametrize(("total", "name"), PHQ9_EDGES)
def test_phq9_band_edges(total: int, name: str) -> None:
    result = Result(PHQ9, DAY, (*_answers_summing_to(total, 9), None))
    assert result.score == total
    assert result.band_name == name


@pytest.mark.parametrize(("total", "name"), GAD7_EDGES)
def test_gad7_band_edges(total: int, name: str) -> None:
    result = Result(GAD7, DAY, _answers_summing_to(total, 7))
    assert result.score == total
    assert result.band_name == name


def test_phq9_difficulty_question_is_kept_but_not_scored() -> None:
    without = Result(PHQ9, DAY, (1,) * 9 + (None,))
    with_it = Result(PHQ9, DAY, (1,) * 9 + (3,))
    assert without.score == with_it.score == 9
    assert with_it.answers[-1] == 3
    assert with_it.to_dict()["answers"] == [1] * 9 + [3]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [((0, 0, 0), 0.0), ((10, 10, 10), 10.0), ((6, 7, 6), 6.3), ((5, 5, 6), 5.3), ((1, 2, 2), 1.7)],
)
def test_peg_is_the_mean_to_one_decimal(answers: tuple[int, ...], expected: float) -> None:
    result = Result(PEG, DAY, answers)
    assert result.score == expected
    assert result.band is None
    assert result.to_dict()["band"] is None


def test_an_unanswered_item_leaves_the_questionnaire_incomplete() -> None:
    answers = parse_answers(GAD7, "1,,2,3,0,1,1")
    result = Result(GAD7, DAY, answers)
    assert answers[1] is None
    assert result.score is None and not result.complete
    assert result.to_dict()["score"] is None and result.to_dict()["band"] is None
    assert "incomplete" in result.meaning()
    assert score(PEG, (3, None, 4)) is None


def test_item_nine_above_zero_is_detected_whatever_the_total() -> None:
    assert Result(PHQ9, DAY, (0,) * 8 + (1, None)).safety_answer == 1
    assert Result(PHQ9, DAY, (0,) * 9 + (None,)).safety_answer is None
    incomplete = Result(PHQ9, DAY, (None,) * 8 + (2, None))
    assert incomplete.safety_answer == 2 and incomplete.score is None


def test_seek_help_from_ten_on_phq9_and_gad7_only() -> None:
    assert not Result(PHQ9, DAY, (*_answers_summing_to(9, 9), None)).seek_help
    assert Result(PHQ9, DAY, (*_answers_summing_to(10, 9), None)).seek_help
    assert Result(GAD7, DAY, _answers_summing_to(10, 7)).seek_help
    assert not Result(PEG, DAY, (10, 10, 10)).seek_help


def test_a_result_never_diagnoses() -> None:
    text = Result(PHQ9, DAY, (*_answers_summing_to(16, 9), None)).meaning()
    assert "'moderately severe' band" in text
    assert "clinician interprets" in text and "not a diagnosis" in text


@pytest.mark.parametrize(
    ("key", "text", "fragment"),
    [
        ("phq9", "1,2,3", "9 without the difficulty question"),
        ("gad7", "1,2,3,4,0,0,0", "answer 4 is .4."),
        ("peg", "1,x,3", "answer 2 is 'x'"),
        ("peg", "1,11,3", "0 to 10"),
        ("peg", "-1,1,3", "0 to 10"),
    ],
)
def test_bad_answers_are_one_clear_sentence(key: str, text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        parse_answers(instrument(key), text)


def test_names_are_forgiving_but_unknown_ones_refused() -> None:
    assert instrument("PHQ-9") is PHQ9
    with pytest.raises(UnknownInstrument, match="phq9, gad7, peg"):
        instrument("bdi")


def test_wording_is_the_published_wording() -> None:
    assert PHQ9.preamble.startswith("Over the last 2 weeks")
    assert [c.text for c in PHQ9.items[0].choices] == [
        "Not at all", "Several days", "More than half the days", "Nearly every day",
    ]  # fmt: skip
    assert PHQ9.items[8].text.startswith("Thoughts that you would be better off dead")
    assert GAD7.items[0].text == "Feeling nervous, anxious or on edge"
    assert PEG.items[0].anchors == ("No pain", "Pain as bad as you can imagine")
