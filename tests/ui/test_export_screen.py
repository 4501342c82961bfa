"""The export screen: write an export where it says it will, import only after a yes."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

from textual.widgets import Input, Select, Static

from tracker.formats import export_text
from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.screens.export import ExportScreen

TODAY = dt.date(2026, 3, 15)
SIZE = (100, 30)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def diary(store: Store) -> None:
    store.save_many(
        CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=n % 11, mood=5)
        for n in (0, 1, 2, 40, 100)
    )


def text_of(app: PainmoodApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


async def open_export(pilot) -> ExportScreen:  # noqa: ANN001
    await pilot.press("e")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def settle(pilot) -> None:  # noqa: ANN001
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_goes_to_the_path_shown_in_documents(
    db_path: Path, isolated_user_dirs: Path
) -> None:
    (isolated_user_dirs / "Documents").mkdir()
    with Store(db_path) as store:
        diary(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_export(pilot)
            shown = screen.query_one("#export-path", Input).value
            assert shown == "~/Documents/painmood-2026-03-15.csv"
            await pilot.press("ctrl+s")
            await settle(pilot)
            written = isolated_user_dirs / "Documents" / "painmood-2026-03-15.csv"
            assert written.read_bytes() == export_text("csv", store.checkins()).encode()
            assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
            assert "Wrote 5 check-ins" in text_of(app, "#export-result")


async def test_choosing_a_format_and_period_changes_what_is_written(
    db_path: Path, isolated_user_dirs: Path
) -> None:
    with Store(db_path) as store:
        diary(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_export(pilot)
            screen.query_one("#format", Select).value = "json"
            screen.query_one("#period", Select).value = "30"
            await pilot.pause()
            assert screen.query_one("#export-path", Input).value == "~/painmood-2026-03-15.json"
            await pilot.press("ctrl+s")
            await settle(pilot)
            written = isolated_user_dirs / "painmood-2026-03-15.json"
            assert '"2026-03-13"' in written.read_text(encoding="utf-8")
            assert '"2026-02-03"' not in written.read_text(encoding="utf-8")  # 40 days ago
            assert "Wrote 3 check-ins" in text_of(app, "#export-result")


async def test_a_reversed_custom_period_is_refused_and_nothing_written(
    db_path: Path, isolated_user_dirs: Path
) -> None:
    with Store(db_path) as store:
        diary(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_export(pilot)
            screen.query_one("#period", Select).value = "custom"
            await pilot.pause()
            screen.query_one("#from-day", Input).value = "2026-03-10"
            screen.query_one("#to-day", Input).value = "2026-03-01"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "swap them" in text_of(app, "#export-result")
            assert list(isolated_user_dirs.glob("painmood-*")) == []


async def test_import_shows_the_dry_run_and_writes_only_after_yes(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(CheckIn.create(today=TODAY, day="2022-01-05", pain=2, mood=7))
        before = dump(db_path)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_export(pilot)
            screen.query_one("#import-path", Input).value = str(FIXTURES / "daylio_current.csv")
            version = app.data_version
            await pilot.press("ctrl+o")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert "Would add 3, update 0, skip 1; 0 unchanged." in dialog.question
            assert dump(db_path) == before
            await pilot.press("y")
            await settle(pilot)
            assert store.count() == 4  # one day was already there and is kept
            assert app.data_version == version + 1
            assert "Imported. Added 3, updated 0, unchanged 0, skipped 1." in text_of(
                app, "#import-result"
            )


async def test_cancelled_import_writes_nothing(db_path: Path) -> None:
    with Store(db_path) as store:
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_export(pilot)
            screen.query_one("#import-path", Input).value = str(FIXTURES / "bearable_classic.csv")
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(pilot)
            assert store.count() == 0
            assert "nothing was written" in text_of(app, "#import-result")


async def test_a_malformed_file_lists_its_bad_rows_and_no_dialog_opens(db_path: Path) -> None:
    with Store(db_path) as store:
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_export(pilot)
            screen.query_one("#import-path", Input).value = str(
                FIXTURES / "malformed" / "daylio_bad_date.csv"
            )
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert isinstance(app.screen, ExportScreen)
            message = text_of(app, "#import-result")
            assert "row 3, column full_date, value '2022-13-45'" in message
            assert store.count() == 0


async def test_a_name_typed_for_a_report_is_printed_on_it(
    db_path: Path, isolated_user_dirs: Path
) -> None:
    with Store(db_path) as store:
        diary(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_export(pilot)
            name = screen.query_one("#report-name", Input)
            assert not name.display  # CSV has no place for a name
            screen.query_one("#format", Select).value = "report"
            await pilot.pause()
            assert name.display and screen.query_one("#name-label").display
            await pilot.click("#report-name")
            await pilot.press(*"Ada", "space", *"Lo")
            name.value += " <b>&</b>"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot)
            page = (isolated_user_dirs / "painmood-2026-03-15.html").read_text(encoding="utf-8")
            assert "<h1>Pain and mood diary: summary for a clinician: Ada Lo &lt;b&gt;&amp;" in page
            assert "<b>&</b>" not in page
            screen.query_one("#format", Select).value = "json"
            await pilot.pause()
            assert not name.display
            # Quit with the hidden field still focused: the focus event that arrives
            # after the last screen closed must not end the app with an error.


async def test_a_focus_event_after_the_last_screen_closed_is_not_an_error(
    db_path: Path, isolated_user_dirs: Path
) -> None:
    """The event that hiding a focused field sends can land while the app closes."""
    from textual.events import DescendantFocus

    with Store(db_path) as store:
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_export(pilot)
            field = screen.query_one("#report-name", Input)
        assert not app.screen_stack  # closed: what follows arrives too late
        app.on_descendant_focus(DescendantFocus(field))
