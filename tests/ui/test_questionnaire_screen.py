"""The questionnaire screen and the weekly offer, driven with the keyboard through Pilot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Static

from tracker.model import CheckIn
from tracker.questionnaires import PEG, Result, schedule
from tracker.questionnaires import storage as qs
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.questionnaire import QuestionnaireScreen
from tracker.ui.screens.safety import SafetyScreen
from tracker.ui.widgets.questionnaire_offer import QuestionnaireOffer

TODAY = dt.date(2026, 3, 15)
SIZES = [(80, 24), (100, 30)]


def _text(screen: QuestionnaireScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.mark.parametrize("size", SIZES)
async def test_phq9_item_nine_opens_the_safety_card_at_once(db_path: Path, size) -> None:  # noqa: ANN001
    store = Store(db_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(QuestionnaireScreen(["phq9"]))
        await pilot.pause()
        for _ in range(8):
            await pilot.press("0", "enter")
        assert "Thoughts that you would be better off dead" in _text(app.screen, "#q-item")
        await pilot.press("1")  # no Enter: the card opens on the answer itself
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert qs.results(store) == []  # before any score is worked out or saved
        await pilot.press("escape", "enter", "n")  # back, on, difficulty left unanswered
        await pilot.pause()
        assert "You answered question 9 above 0" in _text(app.screen, "#q-result")
        result_text = _text(app.screen, "#q-result")
        assert result_text.index("question 9") < result_text.index("PHQ-9 1 of 27")
    saved = qs.results(store)
    assert saved[0].answers == (0,) * 8 + (1, None)
    store.close()


async def test_arrows_digits_back_and_unanswered(db_path: Path) -> None:
    store = Store(db_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(QuestionnaireScreen(["peg"]))
        await pilot.pause()
        await pilot.press("right", "right", "right", "left", "enter")  # 0,1,2,1 -> 1
        await pilot.press("1", "0", "enter")  # 1 then 0 quickly: 10
        await pilot.press("backspace")
        assert "enjoyment of life" in _text(app.screen, "#q-item")
        await pilot.press("enter", "n")  # keep 10, leave the last unanswered
        await pilot.pause()
        assert "incomplete" in _text(app.screen, "#q-result")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
    assert qs.results(store)[0].answers == (1, 10, None)
    store.close()


async def test_escape_saves_nothing_unfinished(db_path: Path) -> None:
    store = Store(db_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuestionnaireScreen(["gad7"]))
        await pilot.pause()
        await pilot.press("2", "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
    assert qs.results(store) == []
    store.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_weekly_offer_when_due_starts_with_q(db_path: Path, size) -> None:  # noqa: ANN001
    store = Store(db_path)
    qs.save(store, Result(PEG, TODAY - dt.timedelta(days=7), (1, 1, 1)))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=size) as pilot:
        offer = app.screen.query_one(QuestionnaireOffer)
        assert offer.display and "Weekly questionnaires are due" in str(offer.render())
        assert offer.region.bottom <= size[1]  # visible without scrolling
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.keys == ["phq9", "gad7", "peg"]
    store.close()


async def test_the_offer_is_skipped_with_x_and_never_blocks_the_check_in(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=TODAY - dt.timedelta(days=9), pain=3, today=TODAY))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        offer = app.screen.query_one(QuestionnaireOffer)
        assert offer.display
        await pilot.press("6", "tab", "4", "ctrl+s")  # the check-in works with the offer up
        await pilot.pause()
        assert store.get(TODAY) is not None
        await pilot.press("x")
        await pilot.pause()
        assert not offer.display
    assert not schedule.is_due(store, TODAY)
    assert schedule.is_due(store, TODAY + dt.timedelta(days=7))
    store.close()


@pytest.mark.parametrize("answered_days_ago", [3, None])  # recent, or a brand-new diary
async def test_no_offer_when_not_due(db_path: Path, answered_days_ago: int | None) -> None:
    store = Store(db_path)
    if answered_days_ago is not None:
        qs.save(store, Result(PEG, TODAY - dt.timedelta(days=answered_days_ago), (1, 1, 1)))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(100, 30)):
        assert not app.screen.query_one(QuestionnaireOffer).display
    store.close()


async def test_after_item_nine_the_card_after_a_check_in_is_seek_help(db_path: Path) -> None:
    from tracker.questionnaires import PHQ9

    store = Store(db_path)
    qs.save(store, Result(PHQ9, TODAY - dt.timedelta(days=1), (0,) * 8 + (1, None)))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "tab", "4", "ctrl+s")
        await pilot.pause()
        panel = str(app.screen.query_one("#after-save", Static).render())
        assert panel.startswith("When to seek help for low mood")
    store.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_scores_chart_opens_with_v(db_path: Path, size) -> None:  # noqa: ANN001
    from tracker.questionnaires import GAD7, PHQ9
    from tracker.ui.screens.questionnaire_chart import QuestionnaireChartScreen
    from tracker.ui.widgets.chart_view import ChartView

    store = Store(db_path)
    for week in range(4):
        day = TODAY - dt.timedelta(weeks=week)
        qs.save(store, Result(PHQ9, day, (1,) * 9 + (None,)))
        qs.save(store, Result(GAD7, day, (2,) * 7))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(QuestionnaireScreen(["peg"]))
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireChartScreen)
        chart = app.screen.query_one(ChartView).chart
        assert chart is not None and chart.drawn
        assert "band edges at 5, 10, 15, 20" in chart.text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
    store.close()


@pytest.mark.parametrize("size", SIZES)
async def test_after_item_nine_the_guide_leads_with_seek_help(db_path: Path, size) -> None:  # noqa: ANN001
    from tests.ui.test_guidance_screen import open_guidance, today_ids
    from tracker.questionnaires import PHQ9

    store = Store(db_path)
    qs.save(store, Result(PHQ9, TODAY, (0,) * 8 + (2, None)))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=size) as pilot:
        screen = await open_guidance(pilot)
        assert today_ids(screen)[:2] == ["seek-help", "safety"]
        reason = str(screen.query_one("#card-reason", Static).content)
        assert "PHQ-9 question 9" in reason and "'More than half the days'" in reason
    store.close()
