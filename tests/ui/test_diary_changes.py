"""The app shows the diary as it is on disk, and never writes over a newer day.

Another process is played by a second Store on the same file (its own SQLite
connection), exactly as `painmood log` from a cron job would write.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Static

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp, make_app
from tracker.ui.screens.choice_dialog import ChoiceDialog
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.screens.history import HistoryScreen
from tracker.ui.widgets.checkin_form import CheckInForm
from tracker.ui.widgets.score_field import ScoreField

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def log_elsewhere(db_path: Path, day: dt.date, **values: object) -> None:
    """What `painmood log` in another terminal does: its own connection, one write."""
    with Store(db_path) as other:
        other.save(CheckIn.create(day=day, today=TODAY, **values))


def scores(app: PainmoodApp) -> tuple[int | None, int | None]:
    form = app.screen.query_one(CheckInForm)
    return form.query_one("#pain", ScoreField).value, form.query_one("#mood", ScoreField).value


def status(app: PainmoodApp) -> str:
    return str(app.screen.query_one("StatusLine", Static).content)


async def test_a_write_from_another_process_shows_without_any_key(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=SIZE):
        assert scores(app) == (None, None)
        log_elsewhere(db_path, TODAY, pain=8, mood=2)
        # The light timer notices within about a second; no key is pressed.
        for _ in range(30):
            await asyncio.sleep(0.1)
            if scores(app) == (8, 2):
                break
        assert scores(app) == (8, 2)
        assert "✓ checked in today" in status(app)
    app.store.close()


async def test_history_follows_cli_writes_and_keeps_the_cursor(db_path: Path) -> None:
    store = Store(db_path)
    for n in range(5):
        store.save(CheckIn.create(day=days_ago(n), today=TODAY, pain=3, mood=6))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await pilot.press("down", "down")
        assert screen.cursor_day() == days_ago(2)
        for n in range(5, 12):  # a script backfills a week
            log_elsewhere(db_path, days_ago(n), pain=5, mood=5)
        log_elsewhere(db_path, days_ago(2), pain=9, mood=1)
        assert app.check_diary_file()
        await pilot.pause()
        assert screen.cursor_day() == days_ago(2)
        assert [str(c) for c in screen.table.get_row(days_ago(2).isoformat())][1:3] == ["9", "1"]
        assert "12 check-ins" in str(screen.query_one("#history-summary", Static).content)
        # Leaving and coming back shows the same diary, not an older one.
        await pilot.press("c", "h")
        await pilot.pause()
        assert "12 check-ins" in str(screen.query_one("#history-summary", Static).content)


async def test_a_stale_save_shows_both_versions_and_keeps_the_diarys(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=TODAY, today=TODAY, pain=5, mood=5))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")  # pain 6 typed; the form is now unsaved
        log_elsewhere(db_path, TODAY, pain=8, mood=2)
        app.check_diary_file()
        await pilot.pause()
        assert scores(app) == (6, 5)  # what was typed is kept
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        question = str(dialog.question)
        assert "In the diary now: 2026-03-15, pain 8, mood 2" in question
        assert "In this form:     2026-03-15, pain 6, mood 5" in question
        assert (store.get(TODAY).pain, store.get(TODAY).mood) == (8, 2)  # nothing written yet
        await pilot.press("d")  # keep the diary's
        await pilot.pause()
        assert scores(app) == (8, 2)
    assert (store.get(TODAY).pain, store.get(TODAY).mood) == (8, 2)


async def test_a_stale_save_can_merge_or_keep_mine(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=TODAY, today=TODAY, pain=5, mood=5))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")  # I change pain only
        log_elsewhere(db_path, TODAY, pain=8, mood=2, stress=7)  # the script changed all
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("m")  # merge: the diary's day with my pain
        await pilot.pause()
        merged = store.get(TODAY)
        assert (merged.pain, merged.mood, merged.stress) == (6, 2, 7)
        # Saving again over a newer day, and keeping mine this time.
        await pilot.press("3")
        log_elsewhere(db_path, TODAY, pain=1, mood=9)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
    mine = store.get(TODAY)
    assert (mine.pain, mine.mood, mine.stress) == (3, 2, 7)
    assert [r.action for r in store.revisions(TODAY)][:2] == ["update", "update"]


async def test_a_locked_diary_waits_in_the_background_and_keeps_the_form(db_path: Path) -> None:
    app = make_app(Store(db_path), today=TODAY)
    holder = sqlite3.connect(str(db_path), isolation_level=None)
    async with app.run_test(size=SIZE) as pilot:
        holder.execute("BEGIN IMMEDIATE")  # another process is writing, for a long time
        await pilot.press("6", "tab", "4", "enter")
        await pilot.pause()
        assert "waiting for the diary" in status(app)
        assert scores(app) == (6, 4)  # the app still answers and the form is kept
        assert app.store.get(TODAY) is None
        holder.execute("ROLLBACK")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "waiting for the diary" not in status(app)
        assert "✓ checked in today" in status(app)
    holder.close()
    saved = app.store.get(TODAY)
    assert saved is not None and (saved.pain, saved.mood) == (6, 4)


async def test_deleting_a_day_already_deleted_elsewhere_is_said_not_crashed(
    db_path: Path,
) -> None:
    store = Store(db_path)
    for n in range(3):
        store.save(CheckIn.create(day=days_ago(n), today=TODAY, pain=3, mood=6))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await pilot.press("down")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        with Store(db_path) as other:  # `painmood` in another terminal deletes it first
            other.delete(days_ago(1))
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen  # still running, on the history screen
        messages = [n.message for n in app._notifications]
        assert any("already deleted elsewhere" in m for m in messages)
        row = [str(c) for c in screen.table.get_row(days_ago(1).isoformat())]
        assert row[-1] == "no check-in"
    assert app.return_code in (None, 0)


async def test_undo_in_history_waits_for_a_locked_diary_instead_of_crashing(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=days_ago(1), today=TODAY, pain=3, mood=6))
    store.save(CheckIn.create(day=days_ago(1), today=TODAY, pain=8, mood=2))
    app = make_app(store, today=TODAY)
    holder = sqlite3.connect(str(db_path), isolation_level=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        holder.execute("BEGIN IMMEDIATE")  # a long import in another terminal
        await pilot.press("u")
        await pilot.pause()
        assert "waiting for the diary" in status(app)
        assert isinstance(app.screen, HistoryScreen)
        holder.execute("ROLLBACK")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "waiting for the diary" not in status(app)
        messages = [n.message for n in app._notifications]
        assert any("Undid the edit" in m for m in messages)
        await pilot.press("u", "u")  # the insert, then nothing left: said, not raised
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("no change to undo" in m for m in messages)
    holder.close()
    assert app.return_code in (None, 0)
    assert store.get(days_ago(1)) is None


async def test_editing_in_history_a_day_changed_elsewhere_asks(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=days_ago(1), today=TODAY, pain=4, mood=4, note="morning"))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("7")
        log_elsewhere(db_path, days_ago(1), pain=4, mood=1, note="from the phone")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "from the phone" in str(app.screen.question)
        await pilot.press("escape")  # back to the form, nothing written
        await pilot.pause()
        form = app.screen.query_one(CheckInForm)
        assert form.query_one("#pain", ScoreField).value == 7
        assert store.get(days_ago(1)).note == "from the phone"


async def test_choice_buttons_are_reachable_by_keyboard(db_path: Path) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=TODAY, today=TODAY, pain=5, mood=5))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        log_elsewhere(db_path, TODAY, pain=8, mood=2)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "choice-merge"
        await _press_enter(pilot)
    assert store.get(TODAY).pain == 6 and store.get(TODAY).mood == 2


async def _press_enter(pilot: Pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
