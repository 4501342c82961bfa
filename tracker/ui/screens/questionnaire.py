"""The weekly questionnaires, one question at a time, answered with digits and arrows.

Each item shows its published wording and answer choices (from
`tracker.questionnaires.instruments`, never copied here). A digit picks an
answer (1 then 0 quickly makes 10 on PEG's 0-10 items, as on the check-in
screen), the arrows move it, Enter goes on, `n` leaves a question
unanswered, Backspace goes back, Escape stops (a questionnaire not finished
is not saved). PHQ-9 question 9 answered above 0 opens the safety card at
once, before any score. Each finished questionnaire is saved on its own and
its result says what the band means on the published scale, never a
diagnosis. The weekly offer on the check-in screen is `widgets/questionnaire_offer.py`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...questionnaires import INSTRUMENTS, Instrument, Result
from ...questionnaires.instruments import SAFETY_ITEM_INDEX
from ..app import PainmoodApp
from ..widgets.key_bar import KeyBar
from ..widgets.score_field import TEN_WINDOW_SECONDS

WEEKLY = ("phq9", "gad7", "peg")


class QuestionnaireScreen(Screen[None]):
    """Walks through one or more questionnaires and saves each one finished."""

    app = getters.app(PainmoodApp)

    CSS_PATH = "../questionnaire.tcss"
    AUTO_FOCUS = None  # the scroll area would take the arrows the answers need
    BINDINGS = [
        *[Binding(str(d), f"digit({d})", str(d), show=False) for d in range(10)],
        Binding("up,left", "adjust(-1)", "Lower", show=False),
        Binding("down,right", "adjust(1)", "Higher", show=False),
        # Named on the screen's own hint line, so the key bar keeps room for `!` at 80 columns.
        Binding("enter", "next", "Next", show=False, id="q-next"),
        Binding("n", "skip_item", "No answer", show=False, id="q-skip"),
        Binding("backspace", "back", "Back", show=False, id="q-back"),
        Binding("escape", "leave", "Stop", show=False, id="q-leave"),
        Binding("v", "chart", "Scores chart", show=False, id="q-chart"),
    ]

    def __init__(self, keys: Sequence[str] = WEEKLY) -> None:
        super().__init__()
        self.keys = list(keys)
        self.position = 0  # which questionnaire
        self.index = 0  # which question of it
        self.answers: list[int | None] = []
        self.finished: list[Result] = []
        self.showing_result = False
        self._safety_shown = False
        self._last_digit: tuple[int, float] | None = None
        self._start_instrument()

    @property
    def instrument(self) -> Instrument:
        return INSTRUMENTS[self.keys[self.position]]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="q-body"):
            yield Static(id="q-header")
            yield Static(id="q-preamble")
            yield Static(id="q-item")
            yield Static(id="q-choices")
            yield Static(id="q-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self._draw()

    # -- state -------------------------------------------------------------

    def _start_instrument(self) -> None:
        self.index = 0
        self.answers = [None] * len(self.instrument.items)
        self.showing_result = False
        self._safety_shown = False

    def _set(self, value: int | None) -> None:
        self.answers[self.index] = value
        self._draw()
        if (
            self.instrument.key == "phq9"
            and self.index == SAFETY_ITEM_INDEX
            and value
            and not self._safety_shown
        ):
            self._safety_shown = True
            self.app.action_safety()  # at once, before any score

    # -- actions -----------------------------------------------------------

    def action_digit(self, digit: int) -> None:
        if self.showing_result:
            return
        item = self.instrument.items[self.index]
        now = time.monotonic()
        previous = self._last_digit
        value = digit
        if digit == 0 and previous and previous[0] == 1 and now - previous[1] < TEN_WINDOW_SECONDS:
            value = 10
        self._last_digit = (digit, now)
        if item.low <= value <= item.high:
            self._set(value)
        else:
            self.notify(f"Answers here go from {item.low} to {item.high}.", timeout=3)

    def action_adjust(self, step: int) -> None:
        if self.showing_result:
            return
        item = self.instrument.items[self.index]
        current = self.answers[self.index]
        start = item.low - 1 if current is None and step > 0 else current
        if start is None:
            start = item.low
        self._last_digit = None
        self._set(max(item.low, min(item.high, start + step)))

    def action_next(self) -> None:
        if self.showing_result:
            self._after_result()
            return
        if self.answers[self.index] is None:
            self.notify("Choose an answer, or press n to leave it unanswered.", timeout=3)
            return
        self._advance()

    def action_skip_item(self) -> None:
        if self.showing_result:
            return
        self._set(None)
        self._advance()

    def action_back(self) -> None:
        if not self.showing_result and self.index > 0:
            self.index -= 1
            self._draw()

    def action_leave(self) -> None:
        if not self.showing_result and any(a is not None for a in self.answers):
            self.notify(f"The unfinished {self.instrument.name} was not saved.", timeout=4)
        self.dismiss(None)

    def action_chart(self) -> None:
        from .questionnaire_chart import QuestionnaireChartScreen

        self.app.push_screen(QuestionnaireChartScreen())

    # -- flow --------------------------------------------------------------

    def _advance(self) -> None:
        self._last_digit = None
        if self.index + 1 < len(self.instrument.items):
            self.index += 1
            self._draw()
            return
        self._save()

    def _save(self) -> None:
        from ...questionnaires.storage import save

        result = Result(self.instrument, self.app.today, tuple(self.answers))
        save(self.app.store, result)
        self.app.data_changed()
        self.finished.append(result)
        self.showing_result = True
        self._draw()

    def _after_result(self) -> None:
        if self.position + 1 < len(self.keys):
            self.position += 1
            self._start_instrument()
            self._draw()
        else:
            self.dismiss(None)

    # -- drawing -----------------------------------------------------------

    def _draw(self) -> None:
        inst = self.instrument
        count = f" ({self.position + 1} of {len(self.keys)})" if len(self.keys) > 1 else ""
        header = self.query_one("#q-header", Static)
        preamble = self.query_one("#q-preamble", Static)
        item_line = self.query_one("#q-item", Static)
        choices = self.query_one("#q-choices", Static)
        result_line = self.query_one("#q-result", Static)
        if self.showing_result:
            header.update(f"{inst.title}{count}: saved")
            preamble.update("")
            item_line.update("")
            choices.update("")
            result_line.update(self._result_text(self.finished[-1]))
            return
        item = inst.items[self.index]
        number = f"Question {self.index + 1} of {len(inst.items)}"
        header.update(f"{inst.title}{count} · {number}")
        preamble.update(inst.preamble)
        note = " (not scored)" if not item.scored else ""
        item_line.update(f"{self.index + 1}. {item.text}{note}")
        choices.update(self._choices_text(inst, self.index))
        result_line.update("")

    def _choices_text(self, inst: Instrument, index: int) -> Text:
        item = inst.items[index]
        chosen = self.answers[index]
        text = Text()
        if item.anchors:
            for choice in item.choices:
                style = "reverse bold" if choice.value == chosen else ""
                text.append(f" {choice.value} ", style=style)
            text.append(f"\n0 = {item.anchors[0]} · 10 = {item.anchors[1]}", style="dim")
        else:
            for choice in item.choices:
                mark = "▶" if choice.value == chosen else " "
                style = "reverse bold" if choice.value == chosen else ""
                text.append(f"{mark} {choice.value}  {choice.text}\n", style=style)
        text.append(
            f"\nDigits {item.low}-{item.high} or arrows · Enter: next · n: no answer · "
            "Backspace: back · Esc: stop",
            style="dim",
        )
        return text

    def _result_text(self, result: Result) -> Text:
        text = Text()
        if result.safety_answer:
            text.append(
                "You answered question 9 above 0. The safety card (!) has numbers that "
                "answer now; please tell someone you trust or your doctor.\n\n",
                style="bold red",
            )
        text.append(result.meaning())
        if result.seek_help:
            text.append(
                f"\n\nYour {result.instrument.name} score is {result.score_text()} "
                f"('{result.band_name}' band), 10 or more: the guide (l) leads with "
                "'When to seek help for low mood'. Show the score to your doctor.",
                style="bold",
            )
        more = "next questionnaire" if self.position + 1 < len(self.keys) else "close"
        text.append(f"\n\nEnter: {more} · v: your scores over time", style="dim")
        return text
