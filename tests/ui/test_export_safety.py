"""The export screen never writes onto the open diary and asks before replacing a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Static

from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.app import PainmoodApp
from tracker.ui.screens.confirm_dialog import ConfirmDialog
from tracker.ui.screens.export import ExportScreen

TODAY = dt.date(2026, 3, 15)
SIZE = (80, 24)


def fill(store: Store) -> None:
    store.save_many(
        CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=n, mood=5)
        for n in range(3)
    )


async def export_to(pilot, path: Path | str) -> None:  # noqa: ANN001
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportScreen)
    pilot.app.screen.query_one("#export-path", Input).value = str(path)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def result_text(app: PainmoodApp) -> str:
    return str(app.screen.query_one("#export-result", Static).content)


async def test_the_open_diary_is_refused_as_a_target(db_path: Path) -> None:
    with Store(db_path) as store:
        fill(store)
        before = store.checkins()
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await export_to(pilot, db_path)
            assert not isinstance(app.screen, ConfirmDialog)  # not even offered
            assert "is the diary itself" in result_text(app)
        assert store.checkins() == before
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")


async def test_an_existing_file_is_replaced_only_after_yes(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "old.csv"
    target.write_text("keep me")
    with Store(db_path) as store:
        fill(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await export_to(pilot, target)
            assert isinstance(app.screen, ConfirmDialog)
            assert "already exists" in app.screen.question
            await pilot.press("n")
            await pilot.pause()
            assert target.read_text() == "keep me"
            assert "was kept" in result_text(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert target.read_text(encoding="utf-8").startswith("day,pain")
            assert "Wrote 3 check-ins" in result_text(app)


PASSPHRASE = "export screen passphrase"


async def test_an_encrypted_diary_is_told_its_export_will_be_plain(
    db_path: Path, tmp_path: Path
) -> None:
    with Store(db_path, passphrase=PASSPHRASE) as store:
        fill(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            warning = app.screen.query_one("#plain-export", Static)
            assert warning.display and warning.region.height >= 1  # on screen at 80x24
            assert str(warning.content).startswith(
                "Your diary is encrypted, but the exported file will be plain, not encrypted"
            )
            await export_to(pilot, tmp_path / "out.csv")
            assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("day,pain")


async def test_a_plain_diary_gets_no_such_warning(db_path: Path) -> None:
    with Store(db_path) as store:
        fill(store)
        app = PainmoodApp(store=store, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            assert not app.screen.query_one("#plain-export", Static).display
