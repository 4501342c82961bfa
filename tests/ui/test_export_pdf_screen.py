"""The export screen writes the PDF report too, with a .pdf name, readable only by you."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from pypdf import PdfReader
from textual.widgets import Input, Select, Static

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.screens.export import ExportScreen

TODAY = dt.date(2026, 3, 15)


async def test_the_pdf_report_is_written_from_the_export_screen(
    db_path: Path, isolated_user_dirs: Path
) -> None:
    (isolated_user_dirs / "Documents").mkdir()
    with Store(db_path) as store:
        store.save_many(
            CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=n % 11, mood=5)
            for n in range(30)
        )
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            screen.query_one("#format", Select).value = "pdf"
            await pilot.pause()
            assert screen.query_one("#export-path", Input).value.endswith("2026-03-15.pdf")
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            written = isolated_user_dirs / "Documents" / "painmood-2026-03-15.pdf"
            assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
            assert "2026-02-14 to 2026-03-15" in PdfReader(written).pages[0].extract_text()
            assert "Wrote 30 check-ins" in str(screen.query_one("#export-result", Static).content)
