"""The history screen: browse days and gaps, edit, backfill, delete with undo, long diaries."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot

from tracker.demo import generate_diary
from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.screens.edit_dialog import EditCheckInDialog
from tracker.ui.screens.history import PAGE_DAYS, HistoryScreen

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def small_diary(store: Store) -> None:
    """Ten days ending today, with gaps 1, 4 and 5 days ago, notes and tags."""
    entries = {
        0: dict(pain=4, mood=6, sleep_hours=7.5, sleep_quality=6, tags="walk"),
        2: dict(pain=6, mood=4, stress=7, anxiety=5, note="Stiff after the drive; heat pad"),
        3: dict(pain=5, mood=6, fatigue=6, activity_minutes=20, tags="physio ibuprofen"),
        6: dict(pain=3, mood=7, note="Café with Sam ☕, long walk by the river afterwards"),
        7: dict(pain=2, mood=8, sleep_hours=8, sleep_quality=8, activity_minutes=60),
        8: dict(pain=7, mood=3, tags="ibuprofen heat", note="Flare-up after lifting"),
        9: dict(pain=5, mood=5),
    }
    for offset, values in entries.items():
        store.save(CheckIn.create(day=days_ago(offset), today=TODAY, **values))


def table_row(app, day: dt.date) -> list[str]:  # noqa: ANN001
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return [str(cell) for cell in screen.table.get_row(day.isoformat())]


async def open_history(pilot: Pilot) -> HistoryScreen:
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def cursor_to(pilot: Pilot, screen: HistoryScreen, day: dt.date) -> None:
    """Walk the cursor down with the keyboard until it is on `day`."""
    while screen.cursor_day() != day:
        await pilot.press("down")
    await pilot.pause()


def painmood_show_json(db_path: Path) -> list[dict]:
    env = dict(os.environ)
    env.pop("PAINMOOD_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "show", "--all", "--json", "--db", str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


async def test_days_are_newest_first_with_gaps_visible(db_path: Path) -> None:
    store = Store(db_path)
    small_diary(store)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        days = [str(key.value) for key in table.rows]
        assert days[:10] == [days_ago(n).isoformat() for n in range(10)]
        assert table_row(app, days_ago(1))[-1] == "no check-in"
        assert table_row(app, days_ago(2))[:3] == ["Fri 13 Mar 2026", "6", "4"]
        assert table_row(app, days_ago(3))[-2] == "ibuprofen…"  # the day below shows all
        assert table_row(app, days_ago(6))[-1].startswith("Café with Sam")
        assert "7 check-ins" in str(screen.query_one("#history-summary").content)
        assert "3 days missing" in str(screen.query_one("#history-summary").content)
        # The highlighted day is shown in full below the table.
        await cursor_to(pilot, screen, days_ago(2))
        detail = str(screen.query_one("#day-detail").content)
        assert "stress 7" in detail and "anxiety 5" in detail
        assert "Note: Stiff after the drive; heat pad" in detail
        pain_line = screen.query_one("#pain-spark").data
        assert list(pain_line) == [5, 7, 2, 3, 5, 6, 4]


async def test_edit_a_past_day_shows_in_table_and_cli(db_path: Path) -> None:
    store = Store(db_path)
    small_diary(store)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await cursor_to(pilot, screen, days_ago(3))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditCheckInDialog)
        await pilot.press("9", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert table_row(app, days_ago(3))[1:3] == ["9", "6"]
    shown = {row["day"]: row for row in painmood_show_json(db_path)}
    edited = shown[days_ago(3).isoformat()]
    assert (edited["pain"], edited["mood"], edited["fatigue"]) == (9, 6, 6)
    assert edited["tags"] == ["ibuprofen", "physio"]


async def test_delete_asks_first_and_undo_restores(db_path: Path) -> None:
    store = Store(db_path)
    small_diary(store)
    before = store.get(days_ago(2))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await cursor_to(pilot, screen, days_ago(2))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert store.get(days_ago(2)) == before
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get(days_ago(2)) is None
        assert table_row(app, days_ago(2))[-1] == "no check-in"
        await pilot.press("up", "up")  # undo finds the day wherever the cursor is
        await pilot.press("u")
        await pilot.pause()
        assert screen.cursor_day() == days_ago(2)
        assert table_row(app, days_ago(2))[1:3] == ["6", "4"]
    assert store.get(days_ago(2)) == before
    assert [r.action for r in store.revisions(days_ago(2))][:2] == ["undo", "delete"]


async def test_backfill_an_empty_day(db_path: Path) -> None:
    store = Store(db_path)
    small_diary(store)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await cursor_to(pilot, screen, days_ago(2))
        await pilot.press("b")  # not a gap: nothing opens
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("n")  # next day without a check-in
        await pilot.pause()
        assert screen.cursor_day() == days_ago(4)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, EditCheckInDialog)
        await pilot.press("3", "tab", "7", "enter")
        await pilot.pause()
        assert table_row(app, days_ago(4))[1:3] == ["3", "7"]
        assert "8 check-ins" in str(screen.query_one("#history-summary").content)
    assert store.get(days_ago(4)) == CheckIn(day=days_ago(4), pain=3, mood=7)


async def test_changes_made_on_the_checkin_screen_appear_on_return(db_path: Path) -> None:
    store = Store(db_path)
    small_diary(store)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("2", "enter")  # today's pain, from 4 to 2
        await pilot.pause()
        await open_history(pilot)
        assert table_row(app, TODAY)[1:3] == ["2", "6"]


async def test_a_long_diary_loads_a_page_at_a_time(db_path: Path) -> None:
    store = Store(db_path)
    store.save_many(generate_diary(days=1000, seed=5, end=TODAY))
    total_days = (TODAY - store.span()[0]).days + 1
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.table.row_count == PAGE_DAYS
        await pilot.press("end")
        await pilot.pause()
        assert screen.table.row_count == 2 * PAGE_DAYS
        for _ in range(total_days // PAGE_DAYS):
            await pilot.press("end")
        await pilot.pause()
        assert screen.table.row_count == total_days
        assert screen.cursor_day() == store.span()[0]


async def test_history_starts_at_the_first_check_in_and_b_there_fills_the_day_before(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.save(CheckIn.create(day=days_ago(2), today=TODAY, pain=6, mood=4))
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert [str(key.value) for key in screen.table.rows] == [
            days_ago(n).isoformat() for n in range(3)
        ]
        spark = screen.query_one("#pain-spark")
        assert list(spark.data) == [6]
        assert spark.render().plain == "▅"  # on the 0-10 scale: not a full block as if 10
        await cursor_to(pilot, screen, days_ago(2))
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditCheckInDialog) and dialog.day == days_ago(3)
        await pilot.press("5", "tab", "5", "enter")
        await pilot.pause()
        assert screen.table.row_count == 4
        assert screen.cursor_day() == days_ago(3)
    assert store.get(days_ago(3)) == CheckIn(day=days_ago(3), pain=5, mood=5)


async def test_the_table_fits_80_columns_with_the_note_in_view(db_path: Path) -> None:
    """At 80 columns the table drops the scores recorded least, so it needs no
    sideways scrolling and the note's start is on screen; wide terminals show all."""
    with Store(db_path) as store:
        small_diary(store)
    app = make_app(Store(db_path), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        assert table.virtual_size.width <= table.scrollable_content_region.width
        headers = [str(column.label) for column in table.ordered_columns]
        assert headers == ["Day", "Pain", "Mood", "Sleep", "Str", "Tags", "Note"]
        assert table_row(app, days_ago(2))[-1].startswith("Stiff after the drive")
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert [str(column.label) for column in table.ordered_columns][-3:] == [
            "Act",
            "Tags",
            "Note",
        ]
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table_row(app, days_ago(2))[-1] == "Stiff after the drive; heat pad"
