"""The passphrase screen of an encrypted diary: never echoed, three tries, one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tracker.encryption import WrongPassphrase
from tracker.model import CheckIn
from tracker.store import Store
from tracker.ui.screens.passphrase import PassphraseScreen, UnlockApp

PASS = "tui passphrase"


@pytest.fixture
def encrypted(db_path: Path, today) -> Path:  # noqa: ANN001 - the pinned date fixture
    with Store(db_path, passphrase=PASS) as store:
        store.save(CheckIn.create(day=today, pain=4, mood=6, note="private"))
    return db_path


async def _type(pilot, text: str) -> None:  # noqa: ANN001 - textual's Pilot
    for key in text:
        await pilot.press("space" if key == " " else key)
    await pilot.press("enter")


async def _settle(app: UnlockApp, pilot) -> None:  # noqa: ANN001
    """Wait for the worker that tries the passphrase (a key derivation) to finish."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_right_passphrase_opens_the_diary(encrypted: Path, size: tuple[int, int]) -> None:
    app = UnlockApp(encrypted)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, PassphraseScreen)
        field = screen.query_one("#passphrase", Input)
        assert field.password and field.has_focus
        for widget_id in ("#unlock-title", "#passphrase", "#unlock-hint"):
            region = screen.query_one(widget_id).region
            assert region.width > 0 and region.right <= size[0] and region.bottom <= size[1]
        await _type(pilot, PASS)
        await _settle(app, pilot)
    store = app.return_value
    assert isinstance(store, Store) and app.error is None
    try:
        assert store.count() == 1 and store.encrypted
    finally:
        store.close()


async def test_a_wrong_passphrase_says_so_and_the_third_ends_it(encrypted: Path) -> None:
    before = encrypted.read_bytes()
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _type(pilot, "nope")
        await _settle(app, pilot)
        message = str(screen.query_one("#unlock-error", Static).render())
        assert message == "Wrong passphrase. 2 tries left."
        field = screen.query_one("#passphrase", Input)
        assert field.value == "" and not field.disabled  # never kept, never echoed
        await _type(pilot, "still wrong")
        await _settle(app, pilot)
        assert "1 try left" in str(screen.query_one("#unlock-error", Static).render())
        await _type(pilot, "wrong again")
        await _settle(app, pilot)
    assert app.return_value is None
    assert isinstance(app.error, WrongPassphrase)
    assert "3 times" in str(app.error) and "\n" not in str(app.error)
    assert encrypted.read_bytes() == before


async def test_the_passphrase_is_never_shown(encrypted: Path) -> None:
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "secret":
            await pilot.press(key)
        await pilot.pause()
        shown = app.export_screenshot()
        assert "secret" not in shown and "•" in shown
        await pilot.press("escape")
    assert app.return_value is None and app.error is None


class TestPassphraseSnapshots:
    """What a person sees at 80x24 after one wrong passphrase (dots, never the text)."""

    def test_after_a_wrong_passphrase(self, snap_compare, encrypted: Path) -> None:  # noqa: ANN001
        async def wrong_once(pilot) -> None:  # noqa: ANN001 - textual Pilot
            await _type(pilot, "nope")
            await _settle(pilot.app, pilot)
            for key in "typed":
                await pilot.press(key)

        assert snap_compare(UnlockApp(encrypted), terminal_size=(80, 24), run_before=wrong_once)


async def test_every_screen_works_on_the_unlocked_diary(encrypted: Path, today) -> None:  # noqa: ANN001
    """After the passphrase, the app is the same app: check in, then every screen."""
    import datetime as dt

    from tracker.ui.app import make_app

    with Store(encrypted, passphrase=PASS) as store:
        store.save_many(
            CheckIn.create(day=today - dt.timedelta(days=i), pain=i % 9, mood=(2 * i) % 9)
            for i in range(1, 60)
        )
    store = Store(encrypted, passphrase=PASS)
    app = make_app(store, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("7", "tab", "3", "enter")
        await pilot.pause()
        for key, mode in (("h", "history"), ("s", "stats"), ("g", "charts"), ("e", "export")):
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.current_mode == mode
    store.close()
    with Store(encrypted, passphrase=PASS) as reopened:
        saved = reopened.get(today)
        assert saved is not None and (saved.pain, saved.mood) == (7, 3)
