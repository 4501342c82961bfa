"""After a questionnaire, guidance leads with seek-help (and safety) in the person's own words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.unit.test_cli import run
from tracker.guidance import (
    SAFETY_ID,
    SEEK_HELP_ID,
    GuidanceState,
    card_after_checkin,
    choose_cards,
)
from tracker.questionnaires import GAD7, PEG, PHQ9, Result

TODAY = dt.date(2026, 3, 20)


def _state(*results: Result) -> GuidanceState:
    return GuidanceState([], TODAY, questionnaires=results)


def test_item_nine_above_zero_puts_seek_help_first_then_safety() -> None:
    phq = Result(PHQ9, TODAY - dt.timedelta(days=2), (0,) * 8 + (1, None))
    chosen = choose_cards(_state(phq))
    assert [c.card.id for c in chosen[:2]] == [SEEK_HELP_ID, SAFETY_ID]
    assert "question 9" in chosen[0].reason and "'Several days'" in chosen[0].reason
    offered = card_after_checkin(_state(phq))
    assert offered is not None and offered.card.id == SEEK_HELP_ID


def test_a_score_of_ten_is_quoted_in_the_reason() -> None:
    gad = Result(GAD7, TODAY, (2, 2, 2, 2, 1, 1, 1))
    chosen = choose_cards(_state(gad))
    assert chosen[0].card.id == SEEK_HELP_ID
    assert "GAD-7 11 on 2026-03-20 ('moderate' band)" in chosen[0].reason
    assert "not a diagnosis" in chosen[0].reason


@pytest.mark.parametrize(
    "result",
    [
        Result(PHQ9, TODAY - dt.timedelta(days=14), (0,) * 8 + (3, None)),  # over two weeks ago
        Result(PHQ9, TODAY, (2,) * 4 + (1,) + (0,) * 4 + (3,)),  # 9, item 9 at 0
        Result(GAD7, TODAY, (1,) * 7),
        Result(PEG, TODAY, (10, 10, 10)),
    ],
)
def test_no_questionnaire_card_without_cause(result: Result) -> None:
    ids = [c.rule_id for c in choose_cards(_state(result))]
    assert "phq9-item-nine" not in ids and "questionnaire-score" not in ids


def test_item_nine_is_a_cause_whatever_the_total() -> None:
    low_total = Result(PHQ9, TODAY, (0,) * 8 + (1, None))
    ids = [c.rule_id for c in choose_cards(_state(low_total))]
    assert ids[0] == "phq9-item-nine" and "questionnaire-score" not in ids


def test_a_later_phq9_with_item_nine_at_zero_clears_the_rule() -> None:
    earlier = Result(PHQ9, TODAY - dt.timedelta(days=7), (0,) * 8 + (2, None))
    later = Result(PHQ9, TODAY, (0,) * 9 + (None,))
    assert "phq9-item-nine" not in [c.rule_id for c in choose_cards(_state(earlier, later))]


def test_guide_for_me_leads_with_seek_help_after_item_nine(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAINMOOD_DB", str(db_path))
    saved = run("questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--json")
    assert json.loads(saved.stdout)["safety"] is True
    listed = run("guide", "--for-me", "--list").stdout
    lines = [line.split()[0] for line in listed.splitlines() if line.startswith("  ") and
             not line.startswith("    ")]  # fmt: skip
    assert lines[:2] == [SEEK_HELP_ID, SAFETY_ID]
