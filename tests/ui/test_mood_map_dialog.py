"""The import's mood form: renamed Daylio moods get a score in the app, then the file imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, Static

from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.screens.export import ExportScreen
from tracker.ui.screens.mood_map_dialog import MoodMapDialog

TODAY = dt.date(2026, 3, 15)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


async def open_mood_form(pilot) -> MoodMapDialog:  # noqa: ANN001
    await pilot.press("e")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#import-path", Input).value = str(FIXTURES / "daylio_renamed_moods.csv")
    await pilot.press("ctrl+o")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, MoodMapDialog)
    return dialog


async def settle(pilot) -> None:  # noqa: ANN001
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def scores(dialog: MoodMapDialog) -> list[str]:
    return [field.value for field in dialog.query(Input)]


async def test_scores_typed_in_the_form_import_the_file(db_path: Path) -> None:
    with Store(db_path) as store:
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            dialog = await open_mood_form(pilot)
            labels = [str(label.content) for label in dialog.query(Label)]
            assert labels[0] == "'Cry': 2 entries, 2021-03-30 to 2021-04-05"
            # only "normal" (Spanish Daylio's meh) is prefilled
            assert scores(dialog) == ["", "", "", "5"]
            for key in ("1", "tab", "7", "tab", "3"):
                await pilot.press(key)
            await pilot.press("enter")
            await settle(pilot)
            confirm = app.screen
            assert isinstance(confirm, ConfirmDialog)
            assert "7 days" in confirm.question
            assert store.count() == 0
            await pilot.press("y")
            await settle(pilot)
            assert [c.mood for c in store.checkins()] == [5, 1, 7, 3, 8, 5, 1]
            mood_map = app.screen.query_one("#mood-map", Input).value
            assert mood_map == "cry=1,content=7,anxious=3,normal=5"


async def test_a_missing_score_is_named_and_nothing_is_checked(db_path: Path) -> None:
    with Store(db_path) as store:
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            dialog = await open_mood_form(pilot)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog
            error = str(dialog.query_one("#mood-error", Static).content)
            assert error == "'Cry' needs a whole number from 0 to 10."


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_form_fits_and_escape_cancels_writing_nothing(
    db_path: Path, size: tuple[int, int]
) -> None:
    with Store(db_path) as store:
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=size) as pilot:
            dialog = await open_mood_form(pilot)
            width, height = size
            for widget in [*dialog.query(Label), *dialog.query(Input), *dialog.query(Button)]:
                region = widget.region
                assert region.width > 0 and region.height > 0, widget
                assert region.right <= width and region.bottom <= height, widget
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ExportScreen)
            assert "Import cancelled." in str(app.screen.query_one("#import-result").content)
            assert store.count() == 0
