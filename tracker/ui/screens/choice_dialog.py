"""A question with a few named answers, each on a key (save / discard / stay, ...).

Escape always means "go back and change nothing" and returns None, so the
same key behaves the same in every dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..keys import DIALOG_KEYS
from ..widgets.key_bar import KeyBar

# (key, label on the button, value returned)
Choice = tuple[str, str, str]


class ChoiceDialog(ModalScreen[str | None]):
    """Returns the chosen answer's value, or None for Escape."""

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
    }
    ChoiceDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ChoiceDialog #choice-question {
        height: auto;
        max-height: 16;
    }
    ChoiceDialog Horizontal {
        height: auto;
        margin: 1 0 0 0;
    }
    ChoiceDialog Button {
        margin: 0 1 0 0;
    }
    """

    BINDINGS = [Binding("escape", "back", "Back", id="back"), *DIALOG_KEYS]

    def __init__(self, question: str | Text, choices: Sequence[Choice], focus: str) -> None:
        super().__init__()
        self.question = question
        self.choices = tuple(choices)
        self.focus_value = focus
        self._keys = {key: value for key, _label, value in self.choices}

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll(id="choice-question"):
                yield Static(self.question)
            with Horizontal():
                for key, label, value in self.choices:
                    yield Button(f"{label} ({key})", compact=True, id=f"choice-{value}")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.focus_value}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key in self._keys:
            event.stop()
            self.dismiss(self._keys[event.key])

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def action_back(self) -> None:
        self.dismiss(None)
