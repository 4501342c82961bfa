"""SVG snapshots of the questionnaire screen and the weekly offer, at 80x24 and 100x30."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.questionnaire import QuestionnaireScreen

TODAY = dt.date(2026, 3, 15)
SIZES = [(80, 24), (100, 30)]


class TestQuestionnaireScreen:
    @pytest.mark.parametrize("size", SIZES)
    def test_phq9_first_question_answered(self, snap_compare, db_path: Path, size) -> None:  # noqa: ANN001
        async def open_it(pilot: Pilot) -> None:
            await pilot.app.push_screen(QuestionnaireScreen())
            await pilot.pause()
            await pilot.press("2")

        app = make_app(Store(db_path), today=TODAY)
        assert snap_compare(app, terminal_size=size, run_before=open_it)

    @pytest.mark.parametrize("size", SIZES)
    def test_peg_item_with_anchors(self, snap_compare, db_path: Path, size) -> None:  # noqa: ANN001
        async def open_it(pilot: Pilot) -> None:
            await pilot.app.push_screen(QuestionnaireScreen(["peg"]))
            await pilot.pause()
            await pilot.press("7")

        app = make_app(Store(db_path), today=TODAY)
        assert snap_compare(app, terminal_size=size, run_before=open_it)

    @pytest.mark.parametrize("size", SIZES)
    def test_the_weekly_offer_on_the_check_in_screen(
        self,
        snap_compare,  # noqa: ANN001
        db_path: Path,
        size,  # noqa: ANN001
    ) -> None:
        store = Store(db_path)
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=8), pain=4, mood=5, today=TODAY))
        app = make_app(store, today=TODAY)
        assert snap_compare(app, terminal_size=size)
