"""Today's check-in, typed with the keyboard alone, lands in the real database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Collapsible, Input

from tracker.guidance import card_by_id
from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.edit_dialog import EditCheckInDialog
from tracker.ui.screens.help import HelpScreen
from tracker.ui.widgets.score_field import ScoreField

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)


async def test_keyboard_only_checkin_is_saved(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "tab", "3", "enter")
        await pilot.pause()
        saved = app.screen.query_one("#saved").content
    app.store.close()
    with Store(db_path) as reopened:
        row = reopened.get(TODAY)
    assert row is not None
    assert (row.pain, row.mood) == (7, 3)
    assert "pain 7" in str(saved) and "mood 3" in str(saved)


async def test_optional_fields_are_folded_until_asked_for(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        more = app.screen.query_one("#more", Collapsible)
        assert more.collapsed
        await pilot.press("4", "tab", "6", "m")
        assert not more.collapsed
        assert app.focused is app.screen.query_one("#sleep_hours", Input)
        await pilot.press(*"6.5", "tab", "2", "tab", "8", "tab", "tab", "tab")
        await pilot.press(*"45", "tab", *"physio walk", "tab", *"stiff after the drive")
        await pilot.press("ctrl+s")
        await pilot.pause()
    row = app.store.get(TODAY)
    assert row is not None
    assert row.sleep_hours == 6.5
    assert row.sleep_quality == 2
    assert row.stress == 8
    assert row.anxiety is None and row.fatigue is None
    assert row.activity_minutes == 45
    assert row.tags == ("physio", "walk")
    assert row.note == "stiff after the drive"


async def test_one_then_zero_sets_ten_and_arrows_adjust(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "0")
        pain = app.screen.query_one("#pain", ScoreField)
        assert pain.value == 10
        await pilot.press("left", "left")
        assert pain.value == 8
        await pilot.press("right")
        assert pain.value == 9
        await pilot.press("tab", "5", "enter")
        await pilot.pause()
    assert app.store.get(TODAY) == CheckIn(day=TODAY, pain=9, mood=5)


async def test_reopening_a_checked_in_day_shows_its_values(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=TODAY, pain=5, mood=6, stress=3, note="ok"))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#pain", ScoreField).value == 5
        assert screen.query_one("#mood", ScoreField).value == 6
        assert screen.query_one("#stress", ScoreField).value == 3
        assert not screen.query_one("#more", Collapsible).collapsed
        await pilot.press("8", "enter")
        await pilot.pause()
    row = store.get(TODAY)
    assert row is not None and (row.pain, row.mood, row.stress, row.note) == (8, 6, 3, "ok")
    assert [r.action for r in store.revisions(TODAY)] == ["update", "insert"]


async def test_invalid_entry_names_the_field_and_writes_nothing(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")  # neither pain nor mood
        await pilot.pause()
        error = str(app.screen.query_one("#form-error").content)
        assert "pain or a mood" in error
        await pilot.press("5", "m", *"30", "enter")  # 30 hours of sleep
        await pilot.pause()
        error = str(app.screen.query_one("#form-error").content)
        assert "Sleep hours must be between 0 and 24" in error
        assert app.focused is app.screen.query_one("#sleep_hours", Input)
    assert app.store.count() == 0


async def test_help_and_navigation_keys(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CheckInScreen)
        for key, mode in [
            ("h", "history"),
            ("s", "stats"),
            ("g", "charts"),
            ("l", "guidance"),
            ("e", "export"),
            ("c", "checkin"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_status_line_follows_saves(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=TODAY - dt.timedelta(days=1), pain=3, mood=5))
    store.save(CheckIn.create(day=TODAY - dt.timedelta(days=2), pain=3, mood=5))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        status = app.screen.query_one("StatusLine")
        assert "not checked in" in str(status.content)
        assert "streak 2 days" in str(status.content)
        await pilot.press("2", "tab", "7", "enter")
        await pilot.pause()
        assert "✓ checked in today" in str(status.content)
        assert "streak 3 days" in str(status.content)


async def test_edit_dialog_saves_the_day_and_escape_leaves_without_saving(db_path: Path) -> None:
    store = Store(db_path)
    day = TODAY - dt.timedelta(days=4)
    app = make_app(store, today=TODAY)
    results: list[tuple[str, CheckIn] | None] = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EditCheckInDialog(day, None), results.append)
        await pilot.pause()
        await pilot.press("3", "tab", "9", "enter")
        await pilot.pause()
        app.push_screen(EditCheckInDialog(day, None), results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert results == [("added", CheckIn(day=day, pain=3, mood=9)), None]
    assert store.get(day) == CheckIn(day=day, pain=3, mood=9)


async def test_after_saving_a_card_is_offered_and_r_opens_it(db_path: Path) -> None:
    store = Store(db_path)
    # Mood 2 on the last 13 days: the two-week rule brings the seek-help card first.
    for offset in range(1, 14):
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=offset), pain=5, mood=2))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        assert str(app.screen.query_one("#after-save").content) == ""
        await pilot.press("5", "tab", "2", "enter")
        await pilot.pause()
        offered = str(app.screen.query_one("#after-save").content)
        assert "not medical advice" in offered
        await pilot.press("r")
        await pilot.pause()
        assert app.current_mode == "guidance"
    seek_help = card_by_id("seek-help")
    assert seek_help is not None and seek_help.title in offered


async def test_escape_leaves_a_text_field_so_the_safety_key_works(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "exclamation_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "SafetyScreen"


async def test_escape_still_cancels_the_edit_dialog(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    results: list[CheckIn | None] = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EditCheckInDialog(TODAY - dt.timedelta(days=2), None), results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]
