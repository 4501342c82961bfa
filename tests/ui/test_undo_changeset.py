"""`u` in history undoes a whole import at once and says how many days it restored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.history import HistoryScreen

TODAY = dt.date(2026, 3, 15)


async def test_one_u_undoes_a_whole_import(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(CheckIn.create(today=TODAY, day=TODAY, pain=4, mood=6))
        store.save_many(  # an import of 40 days, as the export screen or the CLI does it
            CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=n % 11, mood=5)
            for n in range(1, 41)
        )
        app = make_app(store, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HistoryScreen)
            await pilot.press("u")
            await pilot.pause()
            assert store.checkins() == [store.get(TODAY)]  # all 40 days at once
            messages = [n.message for n in app._notifications]
            assert any("40 days restored" in m for m in messages), messages
            assert str(screen.table.get_row((TODAY - dt.timedelta(days=3)).isoformat())[-1]) == (
                "no check-in"
            )
