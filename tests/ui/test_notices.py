"""Notifications never cover the status line or the field in use; a dialog's
key bar shows the dialog's keys, not those of the screen under it (80x24)."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.widgets.key_bar import KeyBar
from tracker.ui.widgets.status_line import StatusLine

from .test_history import TODAY, open_history, small_diary

SIZE = (80, 24)


def toast_regions(pilot: Pilot) -> list[Region]:
    return [toast.region for toast in pilot.app.screen.query("Toast")]


async def notify_and_look(pilot: Pilot, field: str) -> tuple[list[Region], Widget]:
    """Focus `field`, show a two-line notification, return where toasts are."""
    pilot.app.clear_notifications()
    focused = pilot.app.screen.query_one(f"#{field}")
    focused.focus()
    await pilot.pause()
    pilot.app.notify("Saved Sunday 15 March 2026: pain 6, mood 4, sleep 7 h, stress 3.")
    await pilot.pause()
    await pilot.pause()
    return toast_regions(pilot), focused


async def test_toasts_keep_clear_of_the_status_line_and_the_focused_field(
    db_path: Path,
) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("m")  # all fields: the last ones reach the bottom rows
        await pilot.pause()
        status = app.screen.query_one(StatusLine).region
        for field in ("pain", "mood", "sleep_hours", "stress", "tags", "note"):
            toasts, focused = await notify_and_look(pilot, field)
            assert toasts, f"no notification shown with {field} focused"
            for toast in toasts:
                assert not toast.overlaps(status), field
                assert not toast.overlaps(focused.region), field


async def test_a_dialog_shows_its_own_keys_not_the_screens(db_path: Path) -> None:
    with Store(db_path) as store:
        small_diary(store)
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        bottom = Region(0, SIZE[1] - 1, SIZE[0], 1)
        assert "Fill" in str(screen.query_one(KeyBar).render())
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        bars = list(dialog.query(KeyBar))
        assert len(bars) == 1 and bars[0].region == bottom  # it covers the screen's bar
        keys = str(bars[0].render())
        assert "F1" in keys
        for history_key in ("Fill", "Undo", "Delete", "History"):
            assert history_key not in keys
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "Fill" in str(screen.query_one(KeyBar).render())
