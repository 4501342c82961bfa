"""The charts screen: keys pick the chart and period, charts fit the window, SVG snapshots."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.widgets.chart_view import ChartView

TODAY = dt.date(2026, 3, 15)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def fixed_diary(days: int = 120) -> list[CheckIn]:
    """A fixed diary ending on TODAY in which high pain lowers the next day's mood.

    Drawn from a seeded generator (stable across Python versions); every 9th
    day is skipped and one five-day break leaves a hole in the lines.
    """
    rng = random.Random(20260315)
    out = []
    pain, mood = 5.0, 6.0
    for i in range(days):
        pain, mood = (
            5 + 0.5 * (pain - 5) + rng.gauss(0, 1.5),
            6 + 0.3 * (mood - 6) - 0.6 * (pain - 5) + rng.gauss(0, 1),
        )
        if i % 9 == 4 or 60 <= i < 65:
            continue
        out.append(
            CheckIn(
                day=TODAY - dt.timedelta(days=days - 1 - i),
                pain=max(0, min(10, round(pain))),
                mood=max(0, min(10, round(mood))),
                sleep_hours=6 + (i % 5) * 0.5,
                stress=(3 * i) % 11 if i % 2 else None,
            )
        )
    return out


@pytest.fixture
def diary_app(db_path: Path) -> PainmoodApp:
    store = Store(db_path)
    store.save_many(fixed_diary())
    return PainmoodApp(store=store, today=TODAY)


async def settle(pilot: Pilot) -> None:
    """Let the screen's workers finish and the chart redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def chart_text(app: PainmoodApp) -> str:
    view = app.screen.query_one("#chart", ChartView)
    assert view.chart is not None
    return ANSI.sub("", view.chart.text)


def caption(app: PainmoodApp) -> str:
    return str(app.screen.query_one("#chart-caption").render())


async def test_one_key_per_chart(diary_app: PainmoodApp) -> None:
    async with diary_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert "Pain (10 = worst) and mood (10 = best)" in chart_text(diary_app)
        expected = {
            "2": "Pain and mood days apart",
            "3": "Pain today vs mood tomorrow",
            "4": "mean pain and mood",
            "5": "Sleep hours",
            "1": "Pain (10 = worst) and mood (10 = best)",
        }
        for key, title in expected.items():
            await pilot.press(key)
            await settle(pilot)
            assert title in chart_text(diary_app), key


async def test_scatter_reverses_and_factor_view_switches(diary_app: PainmoodApp) -> None:
    async with diary_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("3", "r")
        await settle(pilot)
        assert "Mood today vs pain tomorrow" in chart_text(diary_app)
        await pilot.press("5", "m")
        await settle(pilot)
        assert "Mood over the same days" in chart_text(diary_app)
        await pilot.press("f")
        await settle(pilot)
        assert "Stress" in chart_text(diary_app)  # the next factor with data
        await pilot.press("f")
        await settle(pilot)
        assert "Sleep hours" in chart_text(diary_app)  # and round again


async def test_period_selector_cycles_30_90_365_all(diary_app: PainmoodApp) -> None:
    async with diary_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert "2025-03-16 to 2026-03-15" in chart_text(diary_app)  # a year to start with
        seen = []
        for _ in range(4):
            await pilot.press("p")
            await settle(pilot)
            match = re.search(r"(\d{4}-\d{2}-\d{2}) to 2026-03-15", chart_text(diary_app))
            assert match
            seen.append(match.group(1))
        # all (the diary's first day, 120 days back), 30 days, 90 days, a year again
        assert seen == ["2025-11-16", "2026-02-14", "2025-12-16", "2025-03-16"]


async def test_chart_is_redrawn_to_fit_a_resized_window(diary_app: PainmoodApp) -> None:
    async with diary_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        wide = chart_text(diary_app).splitlines()
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = chart_text(diary_app).splitlines()
        assert max(map(len, wide)) == 98  # 100 columns less the padding
        assert max(map(len, narrow)) == 78
        assert len(wide) == 26 and len(narrow) == 20


async def test_new_check_ins_show_after_switching_back(db_path: Path) -> None:
    store = Store(db_path)
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert chart_text(app).startswith("Not enough data for the trend chart")
        store.save_many(fixed_diary(30))
        app.data_changed()
        await pilot.press("c", "g")
        await settle(pilot)
        assert "Pain (10 = worst) and mood (10 = best)" in chart_text(app)


async def test_lags_on_a_short_diary_say_how_many_days_are_needed(db_path: Path) -> None:
    store = Store(db_path)
    store.save_many(fixed_diary(12))
    app = PainmoodApp(store=store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g", "2")
        await settle(pilot)
        text = chart_text(app)
        assert text.startswith("Not enough data for the lag chart yet")
        assert "more needed" in text
        assert app.screen.query_one("#chart", ChartView).has_class("-not-enough")


async def test_no_color_draws_without_colour(
    diary_app: PainmoodApp, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = PainmoodApp(store=diary_app.store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        raw = app.screen.query_one("#chart", ChartView).chart
        assert raw is not None and raw.drawn
        assert not ANSI.search(raw.text)
        assert "xx pain" in raw.text  # series told apart by marker instead


async def test_light_theme_redraws_with_the_light_palette(diary_app: PainmoodApp) -> None:
    async with diary_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        view = diary_app.screen.query_one("#chart", ChartView)
        assert view.chart is not None
        dark = view.chart.text
        diary_app.theme = "textual-light"
        await settle(pilot)
        assert view.chart.text != dark
        assert ANSI.sub("", view.chart.text) == ANSI.sub("", dark)
