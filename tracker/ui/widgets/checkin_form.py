"""The check-in form, shared by today's screen and the edit dialog.

Pain and mood first; the optional factors, tags and note folded away until
asked for. Enter or Ctrl+S validates through `tracker.model` and posts
`CheckInForm.Submitted` with a CheckIn; the parent decides where it goes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Collapsible, Input, Label, Static

from ...model import (
    ANXIETY,
    FATIGUE,
    FIELDS,
    MOOD,
    PAIN,
    SLEEP_QUALITY,
    STRESS,
    CheckIn,
    InvalidInput,
)
from .score_field import ScoreField

OPTIONAL_SCORES = (SLEEP_QUALITY, STRESS, ANXIETY, FATIGUE)
# everything but the day and the two scores asked every time
OPTIONAL_FIELDS = tuple(name for name in FIELDS if name not in ("day", PAIN.name, MOOD.name))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class CheckInForm(Widget):
    """Keyboard-first form for one day's check-in."""

    DEFAULT_CSS = """
    CheckInForm {
        height: auto;
        padding: 0 1;
    }
    CheckInForm #form-title {
        text-style: bold;
        padding: 0 1 1 1;
    }
    CheckInForm Collapsible {
        padding: 0;
        border-top: none;
    }
    CheckInForm .field-row {
        height: 1;
        layout: horizontal;
        margin: 0 0 1 0;
    }
    CheckInForm .field-row Label {
        width: 15;
        padding: 0 0 0 1;
        text-style: bold;
    }
    CheckInForm .field-row Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    CheckInForm .field-row Input:focus {
        background: $accent 30%;
    }
    CheckInForm #form-error {
        color: $error;
        padding: 0 1;
        height: auto;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="save"),
        Binding("enter", "submit", "Save", show=False),
        Binding("m", "toggle_more", "More fields", id="more"),
        Binding("escape", "leave_field", "Leave field", show=False, id="leave-field"),
    ]

    @dataclass
    class Submitted(Message):
        """A valid check-in, ready to be saved by whoever holds the form."""

        form: CheckInForm
        checkin: CheckIn

        @property
        def control(self) -> CheckInForm:
            return self.form

    def __init__(
        self,
        day: dt.date,
        existing: CheckIn | None,
        today: dt.date,
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.day = day
        self.existing = existing
        self.today = today

    def compose(self) -> ComposeResult:
        e = self.existing
        verb = "Edit" if e else "Check in for"
        when = "today, " if self.day == self.today else ""
        yield Static(f"{verb} {when}{self.day:%A %d %B %Y}", id="form-title")
        yield ScoreField(PAIN, e.pain if e else None)
        yield ScoreField(MOOD, e.mood if e else None)
        has_optional = e is not None and any(
            getattr(e, name) not in (None, ()) for name in OPTIONAL_FIELDS
        )
        # Folded fields are built when first opened: most days never open them,
        # and start-up stays quick.
        yield Collapsible(
            *([self._optional_fields()] if has_optional else []),
            title="More: sleep, stress, anxiety, fatigue, activity, tags, note  (m)",
            collapsed=not has_optional,
            id="more",
        )
        yield Static("", id="form-error")

    def _optional_fields(self) -> Vertical:
        e = self.existing
        return Vertical(
            self._input_row("sleep_hours", "Sleep hours", "e.g. 6.5", "number"),
            *(ScoreField(s, getattr(e, s.name) if e else None) for s in OPTIONAL_SCORES),
            self._input_row("activity_minutes", "Activity min", "0–1440", "integer"),
            self._input_row("tags", "Tags", "words, e.g. physio yoga", "text"),
            self._input_row("note", "Note", "anything worth remembering", "text"),
            id="optional-fields",
        )

    async def _ensure_optional_fields(self) -> None:
        if not self.query("#optional-fields"):
            contents = self.query_one("#more", Collapsible).query_one(Collapsible.Contents)
            await contents.mount(self._optional_fields())

    @on(Collapsible.Expanded, "#more")
    async def _build_on_expand(self) -> None:
        await self._ensure_optional_fields()

    def _input_row(
        self, name: str, label: str, placeholder: str, kind: Literal["integer", "number", "text"]
    ) -> Widget:
        value = getattr(self.existing, name) if self.existing else None
        text = " ".join(value or ()) if name == "tags" else _text(value)
        return Horizontal(
            Label(label),
            Input(value=text, placeholder=placeholder, type=kind, id=name),
            classes="field-row",
        )

    def on_mount(self) -> None:
        self.query_one("#pain", ScoreField).focus()

    def values(self) -> dict[str, Any]:
        """The raw values as typed, keyed by field name."""
        raw: dict[str, Any] = {"day": self.day}
        for field in self.query(ScoreField):
            raw[field.scale.name] = field.value
        for box in self.query(Input):
            raw[box.id or ""] = box.value
        return raw

    def collect(self) -> CheckIn:
        """Validate the form; raises InvalidInput naming the field."""
        return CheckIn.create(today=self.today, **self.values())

    def action_submit(self) -> None:
        error = self.query_one("#form-error", Static)
        try:
            checkin = self.collect()
        except InvalidInput as exc:
            error.update(str(exc))
            self._focus_field(exc.field_name)
            return
        error.update("")
        self.post_message(self.Submitted(self, checkin))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape leaves a text field (so `!`, `?` and screen keys work again);
        anywhere else it goes on to the screen, e.g. to cancel the edit dialog."""
        if action == "leave_field":
            return isinstance(self.app.focused, Input)
        return True

    def action_leave_field(self) -> None:
        self.query_one("#pain", ScoreField).focus()

    async def action_toggle_more(self) -> None:
        more = self.query_one("#more", Collapsible)
        more.collapsed = not more.collapsed
        if not more.collapsed:
            await self._ensure_optional_fields()
            self.query_one("#sleep_hours", Input).focus()

    def _focus_field(self, name: str | None) -> None:
        if not name:
            return
        matches = self.query(f"#{name}")
        if matches:
            if name in OPTIONAL_FIELDS:
                self.query_one("#more", Collapsible).collapsed = False
            matches.first().focus()

    @on(Input.Submitted)
    def _submit_from_input(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()
