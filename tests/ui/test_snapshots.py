"""SVG snapshots of every screen and dialog (statistics aside: its own file) at 80x24,
the most common terminal, and at 100x30, with a pinned date.

Each snapshot is what a person reads: at 80x24 the safety key, the form's
fields, the chart periods and the dialogs' answers must all be on screen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tracker.demo import write_demo_diary
from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp, make_app

from .test_charts_screen import fixed_diary, settle
from .test_history import small_diary

TODAY = dt.date(2026, 3, 15)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30")]


def app_with(db_path: Path, *checkins: CheckIn) -> PainmoodApp:
    store = Store(db_path)
    if checkins:
        store.save_many(checkins)
    return make_app(store, today=TODAY)


def full_day() -> CheckIn:
    return CheckIn.create(
        day=TODAY,
        today=TODAY,
        pain=7,
        mood=3,
        sleep_hours=5.5,
        stress=8,
        tags="physio",
        note="Long drive; stiff lower back.",
    )


def press_then_settle(*keys: str):  # noqa: ANN201
    async def run(pilot: Pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
class TestCheckIn:
    def test_a_new_day_being_typed(self, snap_compare, db_path: Path, size) -> None:
        assert snap_compare(app_with(db_path), terminal_size=size, press=["6", "tab", "4"])

    def test_an_existing_day_unfolded(self, snap_compare, db_path: Path, size) -> None:
        app = app_with(db_path, full_day())
        assert snap_compare(app, terminal_size=size)

    def test_the_card_after_two_weeks_of_low_mood(self, snap_compare, db_path: Path, size) -> None:
        days = [
            CheckIn.create(day=TODAY - dt.timedelta(days=n), today=TODAY, pain=6, mood=2)
            for n in range(1, 14)
        ]
        app = app_with(db_path, *days)
        assert snap_compare(app, terminal_size=size, press=["6", "tab", "2", "enter"])

    def test_the_demo_diary_says_so(self, snap_compare, db_path: Path, size) -> None:
        write_demo_diary(db_path, [CheckIn(day=TODAY, pain=4, mood=6)], "demo")
        assert snap_compare(make_app(Store(db_path), today=TODAY), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestHistory:
    def test_a_small_diary(self, snap_compare, db_path: Path, size) -> None:
        store = Store(db_path)
        small_diary(store)
        app = make_app(store, today=TODAY)
        assert snap_compare(app, terminal_size=size, press=["h", "down", "down"])

    def test_the_delete_question(self, snap_compare, db_path: Path, size) -> None:
        store = Store(db_path)
        small_diary(store)
        app = make_app(store, today=TODAY)
        assert snap_compare(app, terminal_size=size, press=["h", "down", "down", "delete"])

    def test_the_edit_dialog(self, snap_compare, db_path: Path, size) -> None:
        store = Store(db_path)
        small_diary(store)
        app = make_app(store, today=TODAY)
        assert snap_compare(app, terminal_size=size, press=["h", "down", "down", "enter", "8"])

    def test_the_keys_of_history(self, snap_compare, db_path: Path, size) -> None:
        store = Store(db_path)
        small_diary(store)
        app = make_app(store, today=TODAY)
        assert snap_compare(app, terminal_size=size, press=["h", "question_mark"])


@pytest.mark.parametrize("size", SIZES)
class TestCharts:
    def test_trend(self, snap_compare, db_path: Path, size) -> None:
        app = app_with(db_path, *fixed_diary())
        assert snap_compare(app, terminal_size=size, run_before=press_then_settle("g"))

    def test_weekly(self, snap_compare, db_path: Path, size) -> None:
        app = app_with(db_path, *fixed_diary())
        assert snap_compare(
            app, terminal_size=size, run_before=press_then_settle("g", "p", "p", "p", "4")
        )


@pytest.mark.parametrize("size", SIZES)
class TestGuidanceAndExport:
    def test_guidance(self, snap_compare, db_path: Path, size) -> None:
        app = app_with(db_path, *fixed_diary())
        assert snap_compare(app, terminal_size=size, run_before=press_then_settle("l"))

    def test_export(self, snap_compare, db_path: Path, size) -> None:
        assert snap_compare(app_with(db_path, full_day()), terminal_size=size, press=["e"])


@pytest.mark.parametrize("size", SIZES)
class TestDialogs:
    def test_the_safety_card(self, snap_compare, db_path: Path, size) -> None:
        assert snap_compare(app_with(db_path), terminal_size=size, press=["f1"])

    def test_unsaved_changes_on_quit(self, snap_compare, db_path: Path, size) -> None:
        assert snap_compare(app_with(db_path), terminal_size=size, press=["6", "ctrl+q"])

    def test_a_day_changed_elsewhere(self, snap_compare, db_path: Path, size) -> None:
        app = app_with(db_path, CheckIn(day=TODAY, pain=5, mood=5))

        async def stale_save(pilot: Pilot) -> None:
            await pilot.press("6")
            with Store(db_path) as other:
                other.save(CheckIn(day=TODAY, pain=8, mood=2, note="logged from cron"))
            # Notice the write now, as the once-a-second poll would, so a slow
            # machine draws the same screen as a fast one.
            pilot.app.check_diary_file()
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=stale_save)
