"""The safety card is one key away on every screen and in every dialog, text fields
included; every footer names the key first; `?` shows the keys of the screen it is on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp, make_app
from tracker.ui.screens.choice_dialog import ChoiceDialog
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.screens.edit_dialog import EditCheckInDialog
from tracker.ui.screens.help import HelpScreen
from tracker.ui.screens.safety import SafetyScreen
from tracker.ui.widgets.key_bar import KeyBar

TODAY = dt.date(2026, 3, 15)
SIZE = (80, 24)
SCREEN_KEYS = ["c", "h", "s", "g", "l", "e"]


@pytest.fixture
def app(db_path: Path) -> PainmoodApp:
    store = Store(db_path)
    for n in range(3):
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=n), today=TODAY, pain=4, mood=6))
    return make_app(store, today=TODAY)


def key_bar(app: PainmoodApp) -> str:
    return str(app.screen.query_one(KeyBar).content)


async def opens_safety(pilot: Pilot, key: str) -> None:
    """`key` opens the safety card over whatever is shown; Escape comes back to it."""
    app = pilot.app
    under = app.screen
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, SafetyScreen), f"{key} on {type(under).__name__}"
    assert "Escape closes this card" in str(app.screen.query_one("#safety-close").content)
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is under


@pytest.mark.parametrize("screen_key", SCREEN_KEYS)
async def test_f1_and_bang_on_every_screen(app: PainmoodApp, screen_key: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        assert key_bar(app).startswith(" F1/! Safety")
        await opens_safety(pilot, "exclamation_mark")
        await opens_safety(pilot, "f1")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "F1" in app.screen.plain
        await opens_safety(pilot, "f1")
        await opens_safety(pilot, "exclamation_mark")
    app.store.close()


async def test_f1_from_text_fields_where_bang_is_typed(app: PainmoodApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", *["tab"] * 7)
        note = app.screen.query_one("#note", Input)
        assert app.focused is note
        await pilot.press("exclamation_mark")
        assert note.value == "!"  # typed, as in any text
        assert key_bar(app).startswith(" F1 Safety")
        await opens_safety(pilot, "f1")
        assert note.value == "!"
        await pilot.press("e")  # typed too: still in the note
        await pilot.press("escape", "ctrl+q", "d")  # leave without saving
        await pilot.pause()
    app.store.close()


async def test_escape_leaves_an_export_text_field_so_bang_works(app: PainmoodApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        path.focus()
        await pilot.pause()
        await opens_safety(pilot, "f1")
        await pilot.press("escape")
        assert app.focused is None
        await opens_safety(pilot, "exclamation_mark")
    app.store.close()


async def _edit_dialog(pilot: Pilot) -> None:
    await pilot.press("h", "enter")


async def _delete_confirmation(pilot: Pilot) -> None:
    await pilot.press("h", "delete")


async def _unsaved_question(pilot: Pilot) -> None:
    await pilot.press("6", "ctrl+q")


async def _help(pilot: Pilot) -> None:
    await pilot.press("question_mark")


DIALOGS: dict[str, tuple[Callable[[Pilot], Awaitable[None]], type]] = {
    "edit": (_edit_dialog, EditCheckInDialog),
    "delete": (_delete_confirmation, ConfirmDialog),
    "unsaved": (_unsaved_question, ChoiceDialog),
    "help": (_help, HelpScreen),
}


@pytest.mark.parametrize("name", DIALOGS)
async def test_f1_and_bang_in_every_dialog(app: PainmoodApp, name: str) -> None:
    open_dialog, dialog_type = DIALOGS[name]
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        await pilot.pause()
        assert isinstance(app.screen, dialog_type)
        # The dialog's own key bar, not the keys of the screen under it.
        assert key_bar(app).startswith(" F1/! Safety")
        assert "History" not in key_bar(app) and "Stats" not in key_bar(app)
        await opens_safety(pilot, "exclamation_mark")
        await opens_safety(pilot, "f1")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, dialog_type)
    app.store.close()


async def test_the_import_confirmation_opens_the_safety_card(app: PainmoodApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConfirmDialog("Import 3 days?", "Import", "Cancel"))
        await pilot.pause()
        await opens_safety(pilot, "exclamation_mark")
    app.store.close()


@pytest.mark.parametrize(
    ("screen_key", "expected"),
    [
        ("h", ["Fill", "Delete", "Undo", "Next gap", "Edit"]),
        ("g", ["Trend", "Lags", "Next day", "Weekly", "Factor", "Period"]),
        ("c", ["set the focused score", "Save", "Next field", "More fields"]),
        ("e", ["Write export", "Import"]),
        ("l", ["Card list"]),
        ("s", ["Period"]),
    ],
)
async def test_help_shows_the_keys_of_the_screen_it_is_on(
    app: PainmoodApp, screen_key: str, expected: list[str]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        app.screen.set_focus(None) if screen_key == "e" else None
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.plain
        for words in expected:
            assert words in text, words
    app.store.close()


@pytest.mark.parametrize(
    ("screen_key", "focused_id"),
    [("c", "pain"), ("h", "history-table"), ("l", "card-list"), ("e", "format")],
)
async def test_every_screen_opens_with_a_sensible_focus(
    app: PainmoodApp, screen_key: str, focused_id: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h" if screen_key == "c" else "c", screen_key)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == focused_id
    app.store.close()
