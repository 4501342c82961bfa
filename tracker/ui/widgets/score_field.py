"""A 0–10 score set from the keyboard: digits set it, arrows adjust it.

A digit sets the focused score, so the focused one is marked three ways
that survive light and dark themes and NO_COLOR: a `▶` before the label,
the label in reverse video, and a tinted background.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...model import Scale

# Typing "1" then "0" within this many seconds means 10, not 0.
TEN_WINDOW_SECONDS = 1.2


class ScoreField(Widget, can_focus=True):
    """One scale as a row of 0..10 with the chosen value highlighted."""

    DEFAULT_CSS = """
    ScoreField {
        height: 2;
        width: 1fr;
        padding: 0 1;
    }
    ScoreField:focus {
        background: $accent 20%;
    }
    """

    BINDINGS = [
        Binding("left,minus", "adjust(-1)", "−1", show=False),
        Binding("right,plus,equals_sign", "adjust(1)", "+1", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
        *[Binding(str(d), f"digit({d})", str(d), show=False) for d in range(10)],
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        """The score was set, adjusted or cleared (the form marks itself unsaved)."""

        field: ScoreField

        @property
        def control(self) -> ScoreField:
            return self.field

    def __init__(self, scale: Scale, value: int | None = None, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id or scale.name)
        self.scale = scale
        self.set_reactive(ScoreField.value, value)
        self._last_digit: tuple[int, float] | None = None

    def render(self) -> Text:
        low, high = int(self.scale.low), int(self.scale.high)
        line = Text()
        if self.has_focus:
            line.append("▶ ", style="bold")
            line.append(f"{self.scale.label:<13}", style="bold reverse")
            line.append(" ")
        else:
            line.append(f"  {self.scale.label:<14}", style="bold")
        for number in range(low, high + 1):
            if number == self.value:
                line.append(f" {number} ", style="reverse bold")
            else:
                line.append(f" {number} ", style="dim")
        shown = "–" if self.value is None else str(self.value)
        line.append(f"  {shown:>2}", style="bold")
        hint = Text(" " * 16, style="dim")
        hint.append(f"{low} {self.scale.low_means} · {high} {self.scale.high_means}", style="dim")
        return Text("\n").join([line, hint])

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_digit(self, digit: int) -> None:
        now = time.monotonic()
        previous = self._last_digit
        if digit == 0 and previous and previous[0] == 1 and now - previous[1] < TEN_WINDOW_SECONDS:
            self.value = 10
            self._last_digit = None
            return
        self.value = digit
        self._last_digit = (digit, now)

    def action_adjust(self, step: int) -> None:
        start = self.value if self.value is not None else (5 if step > 0 else 6)
        self.value = max(int(self.scale.low), min(int(self.scale.high), start + step))
        self._last_digit = None

    def action_clear(self) -> None:
        self.value = None
        self._last_digit = None
