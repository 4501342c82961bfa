"""The check-in form never loses what was typed: keys, focus, the unsaved mark and prompts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Static

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp, make_app
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.choice_dialog import ChoiceDialog
from tracker.ui.screens.edit_dialog import EditCheckInDialog
from tracker.ui.screens.history import HistoryScreen
from tracker.ui.widgets.score_field import ScoreField

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)


def title(app: PainmoodApp) -> str:
    return str(app.screen.query_one("#form-title", Static).content)


async def test_enter_on_pain_moves_to_mood_and_enter_on_mood_saves(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "enter")
        assert app.store.get(TODAY) is None  # no half check-in
        assert isinstance(app.focused, ScoreField) and app.focused.id == "mood"
        await pilot.press("4", "enter")
        await pilot.pause()
    saved = app.store.get(TODAY)
    assert saved is not None and (saved.pain, saved.mood) == (6, 4)


async def test_arrows_move_between_fields_so_a_digit_sets_the_next_score(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "down", "4")
        assert app.screen.query_one("#pain", ScoreField).value == 6
        assert app.screen.query_one("#mood", ScoreField).value == 4
        await pilot.press("up", "7", "ctrl+s")
        await pilot.pause()
    saved = app.store.get(TODAY)
    assert saved is not None and (saved.pain, saved.mood) == (7, 4)


async def test_tab_into_a_filled_note_puts_the_cursor_at_the_end(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn(day=TODAY, pain=4, mood=6, tags=("walk",), note="morning note"))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        note = app.screen.query_one("#note", Input)
        while app.focused is not note:
            await pilot.press("tab")
        assert note.selection.is_empty and note.cursor_position == len("morning note")
        await pilot.press(*" yoga", "shift+tab", *" yoga", "ctrl+s")
        await pilot.pause()
    saved = store.get(TODAY)
    assert saved is not None
    assert saved.note == "morning note yoga"
    assert saved.tags == ("walk", "yoga")


async def test_the_focused_score_is_marked_in_words_not_only_colour(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        pain = app.screen.query_one("#pain", ScoreField)
        mood = app.screen.query_one("#mood", ScoreField)
        assert str(pain.render()).startswith("▶ Pain")
        assert not str(mood.render()).startswith("▶")
        await pilot.press("tab")
        assert str(mood.render()).startswith("▶ Mood")
        assert not str(pain.render()).startswith("▶")


async def test_a_changed_form_is_marked_unsaved_until_saved(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        assert "unsaved" not in title(app)
        await pilot.press("6")
        assert "● unsaved" in title(app)
        await pilot.press("tab", "4", "enter")
        await pilot.pause()
        assert "unsaved" not in title(app)
        assert title(app).startswith("Edit today")


async def test_quit_with_unsaved_changes_asks_and_stay_keeps_them(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "tab", "4", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "not saved" in str(app.screen.question)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#mood", ScoreField).value == 4
        await pilot.press("ctrl+q", "s")  # save, then quit
        await pilot.pause()
    assert app.return_code == 0
    saved = app.store.get(TODAY)
    assert saved is not None and (saved.pain, saved.mood) == (6, 4)


async def test_quit_and_discard_writes_nothing(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "ctrl+q")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == 0
    assert app.store.count() == 0


async def test_switching_screens_with_unsaved_changes_asks_first(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "tab", "4", "escape")  # Escape: out of the field, keys work
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    saved = app.store.get(TODAY)
    assert saved is not None and (saved.pain, saved.mood) == (6, 4)


async def test_escape_in_a_changed_edit_dialog_asks_before_dropping(db_path: Path) -> None:
    store = Store(db_path)
    day = TODAY - dt.timedelta(days=2)
    store.save(CheckIn(day=day, pain=3, mood=5))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditCheckInDialog)
        await pilot.press("8", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # stay in the form
        await pilot.pause()
        assert isinstance(app.screen, EditCheckInDialog)
        assert app.screen.query_one("#pain", ScoreField).value == 8
        await pilot.press("escape", "d")  # now discard
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert store.get(day) == CheckIn(day=day, pain=3, mood=5)


async def test_escape_in_an_unchanged_edit_dialog_just_closes(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn(day=TODAY, pain=3, mood=5))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditCheckInDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_after_two_weeks_of_low_mood_the_card_says_why_and_the_safety_key_first(
    db_path: Path,
) -> None:
    store = Store(db_path)
    for n in range(1, 14):
        store.save(CheckIn(day=TODAY - dt.timedelta(days=n), pain=6, mood=2))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "tab", "2", "enter")
        await pilot.pause()
        teaser = str(app.screen.query_one("#after-save", Static).content)
    why = teaser.index("Why this card: Your mood was 3 or lower on 14 of the last 14 days")
    safety = teaser.index("F1 or ! opens the safety card")
    text = teaser.index("Everyone has bad days")
    assert why < safety < text
