"""A screen visited later is styled once, with the theme of the moment.

The app tells Textual that a newly built screen is styled already (it sets
Textual's private `Screen._css_update_count`, see `tracker/ui/app.py`), so a
first visit does not reparse every style sheet. These tests fail if a Textual
upgrade renames that attribute (the reparse comes back) or if the shortcut
ever leaves a screen in an old theme's colours.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.screen import Screen

from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.widgets.status_line import StatusLine

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)


def test_the_app_still_finds_textuals_style_counter() -> None:
    """The attribute the app sets exists on Textual's screens and apps."""
    assert isinstance(Screen()._css_update_count, int)


@pytest.mark.parametrize("key", ["h", "l", "e"])
async def test_a_first_visit_reads_only_new_styles(tmp_path: Path, key: str) -> None:
    app = PainmoodApp(store=Store(tmp_path / "diary.db"), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reparses: list[int] = []
        reparse = app.stylesheet.reparse

        def counted() -> None:
            reparses.append(1)
            reparse()

        app.stylesheet.reparse = counted  # type: ignore[method-assign]
        first = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not first
        assert reparses == []


async def test_a_screen_first_shown_after_a_theme_change_has_that_theme(tmp_path: Path) -> None:
    app = PainmoodApp(store=Store(tmp_path / "diary.db"), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dark_panel = app.screen.query_one(StatusLine).styles.background
        app.theme = "textual-light"
        await pilot.pause()
        light_panel = app.screen.query_one(StatusLine).styles.background
        assert light_panel != dark_panel  # the check-in screen was restyled by Textual
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(StatusLine).styles.background == light_panel
