"""The stats screen: opened with `s`, worked out off the UI thread, refreshed after changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp

from ..unit.test_stats import START, simulate, to_checkins

TODAY = dt.date(2026, 3, 15)


def diary(days: int, seed: int = 1, pain_to_mood: float = -0.35) -> list[CheckIn]:
    """`days` calendar days ending on TODAY with pain lowering next-day mood."""
    pain, mood = simulate(days, pain_to_mood=pain_to_mood, seed=seed, missing=0.1)
    shift = TODAY - (START + dt.timedelta(days=days - 1))
    return [dataclasses.replace(c, day=c.day + shift) for c in to_checkins(pain, mood)]


def make_app(db_path: Path, checkins: list[CheckIn]) -> PainmoodApp:
    store = Store(db_path)
    store.save_many(checkins)
    return PainmoodApp(store=store, today=TODAY)


async def settle(pilot: Pilot) -> None:
    """Let the analysis worker finish and the screen show its result."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown(app: PainmoodApp, widget_id: str) -> str:
    """The text a Static on the current screen shows, at its on-screen width."""
    widget = app.screen.query_one(widget_id, Static)
    console = Console(width=widget.size.width or 100, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def row(table_text: str, lag: int) -> str:
    return next(line for line in table_text.splitlines() if line.split()[:1] == [str(lag)])


async def test_s_opens_stats_with_the_built_in_direction_flagged(db_path: Path) -> None:
    app = make_app(db_path, diary(200))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        forward = shown(app, "#stats-pain-mood")
        reverse = shown(app, "#stats-mood-pain")
        assert "Pain today → mood later" in forward and "Mood today → pain later" in reverse
        assert "flagged" in row(forward, 1)
        assert "flagged" not in reverse
        assert "Higher pain went with lower mood the next day" in shown(app, "#stats-highlights")
        regression = shown(app, "#stats-regression")
        assert "each extra point of pain today went with" in regression
        assert "⚑" in regression.split("each extra point of mood")[0]


async def test_too_little_data_says_how_many_more_days_are_needed(db_path: Path) -> None:
    checkins = [
        CheckIn(day=TODAY - dt.timedelta(days=i), pain=3 + i % 4, mood=6 - i % 3) for i in range(12)
    ]
    app = make_app(db_path, checkins)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert "9 more days needed" in shown(app, "#stats-summary")  # 11 next-day pairs
        assert "8 more days" in row(shown(app, "#stats-pain-mood"), 0)


async def test_a_new_check_in_is_counted_when_the_screen_comes_back(db_path: Path) -> None:
    checkins = diary(60)
    app = make_app(db_path, checkins)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        before = shown(app, "#stats-summary")
        assert f"{len(checkins)} days checked in" in before
        await pilot.press("h")
        app.store.save(CheckIn(day=TODAY - dt.timedelta(days=80), pain=4, mood=5))
        app.data_changed()
        await pilot.press("s")
        await settle(pilot)
        after = shown(app, "#stats-summary")
        assert f"25 Dec 2025 to 15 Mar 2026 · {len(checkins) + 1} days checked in" in after


async def test_the_period_key_limits_the_days_analysed(db_path: Path) -> None:
    checkins = diary(500)
    app = make_app(db_path, checkins)

    def first_since(days: int | None) -> str:
        start = TODAY - dt.timedelta(days=days - 1) if days else dt.date.min
        first = min(c.day for c in checkins if c.day >= start)
        return f"{first:%d %b %Y} to 15 Mar 2026"

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert shown(app, "#stats-summary").startswith(first_since(None))
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "#stats-summary").startswith(first_since(365))
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "#stats-summary").startswith(first_since(90))


class TestStatsSnapshots:
    @pytest.fixture
    def fixed_app(self, db_path: Path) -> PainmoodApp:
        return make_app(db_path, diary(200, seed=1))

    def test_a_diary_with_a_known_effect(self, snap_compare, fixed_app: PainmoodApp) -> None:
        async def open_stats(pilot: Pilot) -> None:
            await pilot.press("s")
            await settle(pilot)

        assert snap_compare(fixed_app, terminal_size=(100, 30), run_before=open_stats)
