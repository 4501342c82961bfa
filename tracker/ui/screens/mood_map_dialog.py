"""A small form for Daylio moods painmood cannot score: a 0-10 score beside each name.

The TUI's version of the CLI's `--mood-map 'Cry=?,...'` line: each unknown
mood is shown once with how often and when it was used, and a score field,
prefilled where a guess is safe (a standard Daylio name in another
language). Returns {lower-case name: score}, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...formats.daylio_moods import UnknownMood


class MoodMapDialog(ModalScreen[dict[str, int] | None]):
    """Ask a score for each unknown mood; Escape cancels the import."""

    DEFAULT_CSS = """
    MoodMapDialog {
        align: center middle;
    }
    MoodMapDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    MoodMapDialog #mood-rows {
        height: auto;
        max-height: 12;
    }
    MoodMapDialog .mood-row {
        height: 1;
    }
    MoodMapDialog .mood-row Label {
        width: 1fr;
    }
    MoodMapDialog .mood-row Input {
        width: 6;
    }
    MoodMapDialog #mood-error {
        color: $error;
        height: auto;
    }
    MoodMapDialog #mood-buttons {
        height: auto;
        align-horizontal: right;
    }
    MoodMapDialog Button {
        margin: 0 0 0 2;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-mood-map")]

    def __init__(self, moods: Sequence[UnknownMood]) -> None:
        super().__init__()
        self.moods = list(moods)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "These Daylio moods are not standard ones. Give each a score from "
                "0 (worst) to 10 (best); a number shown is a guess to check.",
                id="mood-intro",
            )
            with VerticalScroll(id="mood-rows"):
                for number, mood in enumerate(self.moods):
                    with Horizontal(classes="mood-row"):
                        yield Label(mood.sentence().split(" (maybe")[0])
                        yield Input(
                            "" if mood.guess is None else str(mood.guess),
                            placeholder="0-10",
                            restrict=r"\d{0,2}",
                            compact=True,
                            id=f"mood-score-{number}",
                        )
            yield Static("", id="mood-error")
            with Horizontal(id="mood-buttons"):
                yield Button("Check again", variant="primary", compact=True, id="mood-ok")
                yield Button("Cancel (esc)", compact=True, id="mood-cancel")

    def on_mount(self) -> None:
        self.query_one("#mood-score-0", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#mood-ok")
    def _submit(self, event: Input.Submitted | Button.Pressed) -> None:
        """Dismiss with the scores, or say which field still needs one."""
        event.stop()
        scores: dict[str, int] = {}
        for number, mood in enumerate(self.moods):
            field = self.query_one(f"#mood-score-{number}", Input)
            text = field.value.strip()
            if not text.isdigit() or int(text) > 10:
                self.query_one("#mood-error", Static).update(
                    f"{mood.label!r} needs a whole number from 0 to 10."
                )
                field.focus()
                return
            scores[mood.label.lower()] = int(text)
        self.dismiss(scores)

    @on(Button.Pressed, "#mood-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
