"""The first screen for an encrypted diary: its passphrase, never echoed, three tries.

It runs as a small app of its own before the diary app, so the diary app
only ever sees an open store. The passphrase is tried in a worker thread
(SQLCipher's key derivation takes a tenth of a second or more), a wrong one
says "Wrong passphrase" and how many tries are left, and SQLCipher's own
messages never reach the terminal (see `encryption.database`).
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ...encryption import WrongPassphrase
from ...model import PainmoodError
from ...store import Store

TRIES = 3


class PassphraseScreen(Screen[None]):
    """Asks for the passphrase; the app exits with the open store, or None."""

    DEFAULT_CSS = """
    PassphraseScreen {
        align: center middle;
    }
    PassphraseScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    PassphraseScreen #unlock-title {
        text-style: bold;
        margin: 0 0 1 0;
    }
    PassphraseScreen #unlock-error {
        color: $error;
        height: auto;
        margin: 1 0 0 0;
    }
    PassphraseScreen #unlock-hint {
        color: $text-muted;
        margin: 1 0 0 0;
    }
    """
    BINDINGS = [Binding("escape", "give_up", "Quit", id="give-up")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.tries_left = TRIES

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"{self.path.name} is encrypted", id="unlock-title")
            yield Static("Passphrase:")
            yield Input(password=True, id="passphrase")
            yield Static("", id="unlock-error")
            yield Static("Enter to open, Escape to quit.", id="unlock-hint")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def try_passphrase(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = True
        self.query_one("#unlock-error", Static).update("Opening…")
        self._open(event.value)
        field.value = ""  # the passphrase leaves the widget at once

    @work(thread=True, exclusive=True, group="unlock")
    def _open(self, passphrase: str) -> None:
        try:
            store = Store(self.path, passphrase=passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(self._wrong)
        except PainmoodError as exc:
            self.app.call_from_thread(self._failed, exc)
        else:
            self.app.call_from_thread(self.app.exit, store)

    def _wrong(self) -> None:
        self.tries_left -= 1
        app = self.app
        if self.tries_left <= 0:
            if isinstance(app, UnlockApp):
                app.error = WrongPassphrase(
                    f"Wrong passphrase for {self.path}, {TRIES} times; it was left untouched."
                )
            app.exit(None)
            return
        plural = "try" if self.tries_left == 1 else "tries"
        self.query_one("#unlock-error", Static).update(
            f"Wrong passphrase. {self.tries_left} {plural} left."
        )
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()

    def _failed(self, error: PainmoodError) -> None:
        app = self.app
        if isinstance(app, UnlockApp):
            app.error = error
        app.exit(None)

    def action_give_up(self) -> None:
        self.app.exit(None)


class UnlockApp(App[Store]):
    """Hosts the passphrase screen; `return_value` is the open store, `error` why not."""

    TITLE = "painmood"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.error: PainmoodError | None = None

    def on_mount(self) -> None:
        self.push_screen(PassphraseScreen(self.path))


def unlock(path: Path) -> Store | None:
    """Ask for the passphrase in the terminal UI; the open store, None if the person quit.

    Raises the reason (three wrong passphrases, a damaged file) as a PainmoodError.
    """
    app = UnlockApp(path)
    store = app.run()
    if app.error is not None:
        raise app.error
    return store
