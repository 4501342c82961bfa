"""The guidance screen and the safety card, driven with the keyboard through Pilot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Markdown, OptionList, Static

from tracker.guidance import card_by_id
from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.guidance import GuidanceScreen
from tracker.ui.screens.safety import SafetyScreen

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)


def low_fortnight(store: Store) -> None:
    """Fourteen days of mood 2 ending today: the two-week rule fires."""
    for n in range(14):
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=n), today=TODAY, pain=5, mood=2))


async def open_guidance(pilot: Pilot) -> GuidanceScreen:
    await pilot.press("l")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GuidanceScreen)
    return screen


def today_ids(screen: GuidanceScreen) -> list[str]:
    options = screen.query_one("#card-list", OptionList).options
    return [o.id.removeprefix("today:") for o in options if o.id and o.id.startswith("today:")]


def reader_text(screen: GuidanceScreen) -> str:
    return screen.query_one("#card-view", Markdown).source


def on_screen(screen: Screen, selector: str, whole: bool = True) -> bool:
    """The widget is shown: wholly inside the terminal, or (whole=False) starting in it."""
    widget = screen.query_one(selector)
    region = widget.region
    inside = region.bottom <= SIZE[1] if whole else 0 <= region.y < SIZE[1]
    return widget.display and region.height > 0 and inside


async def test_guidance_opens_with_l_and_leads_with_seek_help_and_safety(tmp_path: Path):
    store = Store(tmp_path / "diary.db")
    low_fortnight(store)
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_guidance(pilot)
        assert today_ids(screen)[:2] == ["seek-help", "safety"]
        # The first card chosen for today is open, with why it was chosen.
        assert screen.shown_card_id == "seek-help"
        assert "When to seek help for low mood" in reader_text(screen)
        reason = str(screen.query_one("#card-reason", Static).content)
        assert "14 of the last 14 days" in reason
        assert on_screen(screen, "#card-reason")
        disclaimer = screen.query_one("#guidance-disclaimer", Static)
        assert "not medical advice" in str(disclaimer.content)
        assert on_screen(screen, "#guidance-disclaimer")
    store.close()


async def test_a_card_from_the_library_opens_with_its_sources(tmp_path: Path):
    store = Store(tmp_path / "diary.db")
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_guidance(pilot)
        await pilot.press("end", "enter")
        await pilot.pause()
        last = card_by_id("gaps-in-the-diary")
        assert last is not None
        assert screen.shown_card_id == last.id
        text = reader_text(screen)
        assert last.title in text and "Sources" in text
        for source in last.sources:
            assert source in text
        assert screen.focused is screen.query_one("#card-reader")
        await pilot.press("escape")
        assert screen.focused is screen.query_one("#card-list", OptionList)
        # Walking up the list opens the card above it.
        await pilot.press("up")
        await pilot.pause()
        assert screen.shown_card_id == "what-your-numbers-mean"
    store.close()


async def test_a_card_asked_for_by_id_stays_open_when_todays_choice_arrives(tmp_path: Path):
    """The path used after a check-in: switch to guidance and open the offered card."""
    store = Store(tmp_path / "diary.db")
    low_fortnight(store)
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("guidance")
        screen = app.screen
        assert isinstance(screen, GuidanceScreen)
        screen.show_card("talk-therapy")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.shown_card_id == "talk-therapy"
        assert "Talk therapy and CBT" in reader_text(screen)
        # It was chosen today (two low weeks), so its reason shows too.
        assert "14 of the last 14 days" in str(screen.query_one("#card-reason", Static).content)
    store.close()


async def test_a_new_diary_is_offered_the_card_on_what_the_numbers_will_mean(tmp_path: Path):
    store = Store(tmp_path / "diary.db")
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_guidance(pilot)
        ids = today_ids(screen)
        assert ids[0] == "what-your-numbers-mean"
        assert "seek-help" not in ids and "safety" not in ids
        assert "no check-ins yet" in str(screen.query_one("#card-reason", Static).content)
    store.close()


async def test_the_choice_follows_the_diary_after_a_change(tmp_path: Path):
    store = Store(tmp_path / "diary.db")
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_guidance(pilot)
        assert "seek-help" not in today_ids(screen)
        low_fortnight(store)
        app.data_changed()
        await pilot.press("c")
        await pilot.pause()
        screen = await open_guidance(pilot)
        assert today_ids(screen)[:2] == ["seek-help", "safety"]
    store.close()


async def test_the_safety_card_opens_with_a_key_from_the_check_in_screen(tmp_path: Path):
    store = Store(tmp_path / "diary.db")
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        card = app.screen.query_one("#safety-card", Markdown).source
        assert "988" in card and "116 123" in card and "emergency number" in card
        assert on_screen(app.screen, "#safety-card", whole=False)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
    store.close()


async def test_the_safety_card_opens_from_the_guidance_screen_too(tmp_path: Path):
    store = Store(tmp_path / "diary.db")
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_guidance(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GuidanceScreen)
    store.close()
