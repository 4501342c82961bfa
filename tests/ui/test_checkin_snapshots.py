"""SVG snapshots of the check-in screen at 100x30 with a pinned date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import make_app

TODAY = dt.date(2026, 3, 15)


class TestCheckInScreen:
    def test_empty_day(self, snap_compare, db_path: Path) -> None:
        app = make_app(Store(db_path), today=TODAY)
        assert snap_compare(app, terminal_size=(100, 30), press=["6", "tab", "4"])

    def test_existing_day_with_more_fields(self, snap_compare, db_path: Path) -> None:
        store = Store(db_path)
        for offset in range(1, 4):
            store.save(CheckIn.create(day=TODAY - dt.timedelta(days=offset), pain=4, mood=5))
        store.save(
            CheckIn.create(
                day=TODAY,
                pain=7,
                mood=3,
                sleep_hours=5.5,
                stress=8,
                tags="physio",
                note="Long drive; stiff lower back.",
            )
        )
        app = make_app(store, today=TODAY)
        assert snap_compare(app, terminal_size=(100, 30))
