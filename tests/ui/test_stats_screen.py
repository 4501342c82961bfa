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


async def test_s_opens_stats_with_the_built_in_direction_standing_out(db_path: Path) -> None:
    app = make_app(db_path, diary(400))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        verdicts = shown(app, "#stats-verdicts")
        there = next(line for line in verdicts.splitlines() if "pain → next mood" in line)
        back = next(line for line in verdicts.splitlines() if "mood → next pain" in line)
        assert "stands out" in there and "stands out" not in back
        flat = " ".join(shown(app, "#stats-highlights").split())
        assert "your mood the next day was on average" in flat and "not proof" in flat
        lags = shown(app, "#stats-lags")
        assert "pain → mood r" in lags and "mood → pain r" in lags and "stands out" not in lags


async def test_too_little_data_says_how_many_more_days_are_needed(db_path: Path) -> None:
    checkins = [
        CheckIn(day=TODAY - dt.timedelta(days=i), pain=3 + i % 4, mood=6 - i % 3) for i in range(12)
    ]
    app = make_app(db_path, checkins)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        summary = " ".join(shown(app, "#stats-summary").split())
        assert "12 complete days (pain and mood both) so far; 18 more days with both needed" in (
            summary
        )
        assert summary.endswith("(numbers are shown from 30).")  # the sentence is whole


async def test_every_column_fits_at_80_by_24(db_path: Path) -> None:
    rng_diary = diary(240, seed=2)
    app = make_app(db_path, rng_diary)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        verdicts = shown(app, "#stats-verdicts")
        header = verdicts.splitlines()[1]
        for column in ("direction", "effect", "95% interval", "result"):
            assert column in header
        assert "…" not in verdicts
        lags = shown(app, "#stats-lags")
        for column in ("days apart", "pairs", "pain → mood r", "mood → pain r"):
            assert column in lags
        footnote = " ".join(shown(app, "#stats-footnote").split())
        for word in ("effect:", "95% interval:", "r:", "pairs:", "--json"):
            assert word in footnote


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
        return make_app(db_path, diary(400, seed=1))

    def test_a_diary_with_a_known_effect(self, snap_compare, fixed_app: PainmoodApp) -> None:
        async def open_stats(pilot: Pilot) -> None:
            await pilot.press("s")
            await settle(pilot)

        assert snap_compare(fixed_app, terminal_size=(100, 30), run_before=open_stats)

    def test_a_diary_with_a_known_effect_at_80_by_24(
        self, snap_compare, fixed_app: PainmoodApp
    ) -> None:
        async def open_stats(pilot: Pilot) -> None:
            await pilot.press("s")
            await settle(pilot)

        assert snap_compare(fixed_app, terminal_size=(80, 24), run_before=open_stats)

    def test_too_little_data_at_80_by_24(self, snap_compare, db_path: Path) -> None:
        app = make_app(db_path, diary(12, seed=1))

        async def open_stats(pilot: Pilot) -> None:
            await pilot.press("s")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=open_stats)
