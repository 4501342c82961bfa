"""`painmood questionnaire` as a person or a script uses it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.unit.test_cli import run
from tracker.questionnaires import storage as qs
from tracker.store import Store

TODAY = dt.date.today()  # the CLI works on the real local date
SAFETY_TITLE = "If you are thinking of harming yourself"
SEEK_HELP_TITLE = "When to seek help for low mood"


@pytest.fixture(autouse=True)
def _diary(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAINMOOD_DB", str(db_path))


def test_json_object_has_the_promised_keys() -> None:
    done = run("questionnaire", "gad7", "--answers", "1,1,1,1,1,0,0", "--json")
    assert done.code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["instrument"] == "gad7"
    assert data["day"] == TODAY.isoformat()
    assert data["answers"] == [1, 1, 1, 1, 1, 0, 0]
    assert data["score"] == 5 and data["band"] == "mild"


def test_peg_has_a_mean_score_and_no_band() -> None:
    data = json.loads(run("questionnaire", "peg", "--answers", "6,7,6", "--json").stdout)
    assert data["score"] == 6.3 and data["band"] is None


def test_an_incomplete_questionnaire_is_saved_without_a_score(db_path: Path) -> None:
    done = run("questionnaire", "phq9", "--answers", "1,,1,0,0,1,2,1,0", "--json")
    data = json.loads(done.stdout)
    assert data["score"] is None and data["band"] is None and data["answers"][1] is None
    with Store(db_path) as store:
        assert qs.results(store)[0].answers[1] is None


def test_item_nine_prints_the_safety_card_before_the_score() -> None:
    done = run("questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert done.code == 0
    assert done.stdout.index(SAFETY_TITLE) < done.stdout.index("PHQ-9 1 of 27")
    assert "116 123" in done.stdout  # the crisis lines themselves, not a pointer
    assert "not a diagnosis" in done.stdout


def test_item_nine_with_json_keeps_stdout_json_and_still_shows_the_card() -> None:
    done = run("questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,2", "--json")
    assert SAFETY_TITLE in done.stderr
    data = json.loads(done.stdout)
    assert data["safety"] is True and data["score"] == 2


def test_no_safety_card_when_item_nine_is_zero() -> None:
    done = run("questionnaire", "phq9", "--answers", "3,3,3,3,3,3,3,3,0")
    assert SAFETY_TITLE not in done.stdout + done.stderr
    assert SEEK_HELP_TITLE in done.stdout  # 24: severe, so the seek-help card with the score
    assert "Your PHQ-9 score is 24 ('severe' band)" in done.stdout


@pytest.mark.parametrize(
    ("answers", "shown"),
    [("1,1,1,1,1,1,1,1,1", False), ("1,1,1,1,1,1,1,1,2", True)],  # 9 -> no card, 10 -> card
)
def test_seek_help_from_phq9_ten(answers: str, shown: bool) -> None:
    done = run("questionnaire", "phq9", "--answers", answers)
    assert (SEEK_HELP_TITLE in done.stdout) is shown


def test_gad7_ten_brings_seek_help_with_the_score() -> None:
    done = run("questionnaire", "gad7", "--answers", "2,2,2,2,2,0,0")
    assert "Your GAD-7 score is 10 ('moderate' band)" in done.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("questionnaire", "phq9", "--answers", "1,2"), "PHQ-9 has 10 questions"),
        (("questionnaire", "gad7", "--answers", "1,1,1,1,1,1,9"), "answer 7 is '9'"),
        (("questionnaire", "bdi", "--answers", "1"), "no questionnaire called 'bdi'"),
        (("questionnaire", "peg", "--answers", "1,2,3", "--day", "2999-01-01"), "future"),
        (("questionnaire",), "Give a questionnaire"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_saved(
    db_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    done = run(*args)
    assert done.code == 2
    assert fragment in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    if db_path.exists():
        with Store(db_path) as store:
            assert qs.results(store) == []


def test_without_answers_the_published_questions_are_printed() -> None:
    done = run("questionnaire", "peg")
    assert "What number best describes your pain on average in the past week?" in done.stdout
    assert "0 = No pain ... 10 = Pain as bad as you can imagine" in done.stdout


def test_list_and_show_past_results() -> None:
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    run("questionnaire", "phq9", "--day", yesterday, "--answers", "0,0,0,0,0,0,0,0,1")
    run("questionnaire", "gad7", "--answers", "0,0,0,0,0,0,0")
    listed = run("questionnaire", "--list").stdout.splitlines()
    assert listed[0].startswith(f"{yesterday}  PHQ-9  1 (minimal)")
    assert "question 9 answered above 0" in listed[0]
    assert listed[1].startswith(f"{TODAY.isoformat()}  GAD-7  0 (minimal)")
    shown = run("questionnaire", "show", "phq9")
    assert "9. 1 Several days" in shown.stdout
    data = json.loads(run("questionnaire", "show", "--json").stdout)
    assert [d["instrument"] for d in data] == ["phq9", "gad7"]
    missing = run("questionnaire", "show", "peg")
    assert missing.code == 1 and "No PEG saved" in missing.stderr


def test_saving_again_the_same_day_is_an_edit_that_undo_reverts() -> None:
    run("questionnaire", "peg", "--answers", "1,1,1")
    assert "Updated the PEG" in run("questionnaire", "peg", "--answers", "5,5,5").stdout
    assert run("undo").stdout.strip() == f"Undid the PEG edit of {TODAY.isoformat()}."
    data = json.loads(run("questionnaire", "show", "peg", "--json").stdout)
    assert data[0]["answers"] == [1, 1, 1]


def test_delete_then_undo(db_path: Path) -> None:
    run("questionnaire", "peg", "--answers", "3,3,3")
    done = run("questionnaire", "delete", "peg", "--day", TODAY.isoformat())
    assert done.code == 0 and "Deleted the PEG" in done.stdout
    with Store(db_path) as store:
        assert qs.results(store) == []
    missing = run("questionnaire", "delete", "peg", "--day", TODAY.isoformat())
    assert missing.code == 1 and "There is no PEG on" in missing.stderr
    assert run("undo").stdout.strip() == f"Undid the PEG delete of {TODAY.isoformat()}."
    with Store(db_path) as store:
        assert qs.results(store)[0].answers == (3, 3, 3)


@pytest.mark.parametrize("args", [("--list",), ("show",), ("stats",)])
def test_reading_never_creates_a_diary(db_path: Path, args: tuple[str, ...]) -> None:
    done = run("questionnaire", *args)
    assert done.code == 2 and "There is no diary at" in done.stderr
    assert not db_path.exists()
