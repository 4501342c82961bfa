"""The check-in form, shared by today's screen and the edit dialog.

Pain and mood first; the optional factors, tags and note folded away until
asked for. Ctrl+S (or Enter, once both scores of a new day are in) validates
through `tracker.model` and posts `CheckInForm.Submitted` with a CheckIn; the
parent decides where it goes. The form remembers the check-in it was loaded
from, so it can say when something typed is not saved yet and the parent can
check that the stored day is still that one before writing over it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from rich.text import Text
from textual import events, on
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
from ..dates import long_date
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
    CheckInForm #optional-fields {
        height: auto;
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
    CheckInForm .field-row.-focused Label {
        text-style: bold reverse;
    }
    CheckInForm #form-error {
        color: $error;
        padding: 0 1;
        height: auto;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="save"),
        Binding("enter", "enter", "Save", show=False),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
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

    @property
    def loaded_updated_at(self) -> str | None:
        """When the check-in the form was loaded from was stored (None: a new day)."""
        return self.existing.updated_at if self.existing else None

    def _title(self) -> Text:
        verb = "Edit" if self.existing else "Check in for"
        when = "today, " if self.day == self.today else ""
        title = Text(f"{verb} {when}{long_date(self.day)}", style="bold")
        if self.is_mounted and self.is_modified():
            title.append("   ● unsaved", style="bold reverse")
        return title

    def _show_title(self) -> None:
        self.query_one("#form-title", Static).update(self._title())

    def compose(self) -> ComposeResult:
        e = self.existing
        yield Static(self._title(), id="form-title")
        yield ScoreField(PAIN, e.pain if e else None)
        yield ScoreField(MOOD, e.mood if e else None)
        has_optional = e is not None and any(
            getattr(e, name) not in (None, ()) for name in OPTIONAL_FIELDS
        )
        # Folded fields are built when first opened: most days never open them,
        # and start-up stays quick. A day that has some opens unfolded, and
        # they are built right after the first paint (pain and mood come first).
        self._optional_pending = has_optional
        yield Collapsible(
            title="More (m): sleep, stress, anxiety, fatigue, activity, tags, note",
            collapsed=not has_optional,
            # Not ▶, which marks the focused field.
            collapsed_symbol="[+]",
            expanded_symbol="[−]",
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
        if self._optional_pending:
            return  # an unfolded day's fields are built after the first paint
        await self._ensure_optional_fields()

    def _input_row(
        self, name: str, label: str, placeholder: str, kind: Literal["integer", "number", "text"]
    ) -> Widget:
        value = getattr(self.existing, name) if self.existing else None
        text = " ".join(value or ()) if name == "tags" else _text(value)
        return Horizontal(
            Label(f"  {label}"),
            # Tab into a filled field puts the cursor at the end instead of
            # selecting the text, so the first key typed adds to it.
            Input(value=text, placeholder=placeholder, type=kind, id=name, select_on_focus=False),
            classes="field-row",
        )

    def on_mount(self) -> None:
        self.query_one("#pain", ScoreField).focus()
        if self._optional_pending:
            self.call_after_refresh(self._build_pending_fields)

    async def _build_pending_fields(self) -> None:
        await self._ensure_optional_fields()
        self._optional_pending = False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the row of the focused text field (`▶` and reverse label)."""
        for row in self.query(".field-row"):
            focused = event.widget in row.children
            row.set_class(focused, "-focused")
            label = row.query_one(Label)
            text = str(label.content)[2:]
            label.update(("▶ " if focused else "  ") + text)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        for row in self.query(".field-row.-focused"):
            if event.widget in row.children:
                row.remove_class("-focused")
                label = row.query_one(Label)
                label.update("  " + str(label.content)[2:])

    @on(ScoreField.Changed)
    @on(Input.Changed)
    def _edited(self) -> None:
        if self.is_mounted:
            self._show_title()

    def is_modified(self) -> bool:
        """Whether what the form shows differs from the check-in it was loaded from."""
        if self.existing is None:
            return any(
                value not in (None, "") for name, value in self.values().items() if name != "day"
            )
        try:
            return self.collect() != self.existing
        except InvalidInput:
            return True  # something typed that is not a valid value yet

    async def load(self, checkin: CheckIn | None) -> None:
        """Show `checkin` (the stored day, e.g. after a save or a change made
        elsewhere) and take it as the version the form was loaded from."""
        self.existing = checkin
        for field in self.query(ScoreField):
            field.value = getattr(checkin, field.scale.name) if checkin else None
        if checkin is not None and any(
            getattr(checkin, name) not in (None, ()) for name in OPTIONAL_FIELDS
        ):
            await self._ensure_optional_fields()
            self.query_one("#more", Collapsible).collapsed = False
        for box in self.query(Input):
            value = getattr(checkin, box.id or "", None) if checkin else None
            box.value = " ".join(value or ()) if box.id == "tags" else _text(value)
        self.query_one("#form-error", Static).update("")
        self._show_title()

    def show_error(self, message: str) -> None:
        """A sentence under the form (a failed save: what was typed stays)."""
        self.query_one("#form-error", Static).update(message)

    def values(self) -> dict[str, Any]:
        """The raw values as typed, keyed by field name (fields not built yet: as loaded)."""
        raw: dict[str, Any] = {"day": self.day}
        if self.existing is not None:
            for name in OPTIONAL_FIELDS:
                value = getattr(self.existing, name)
                raw[name] = " ".join(value) if name == "tags" else value
        for field in self.query(ScoreField):
            raw[field.scale.name] = field.value
        for box in self.query(Input):
            raw[box.id or ""] = box.value
        return raw

    def collect(self) -> CheckIn:
        """Validate the form; raises InvalidInput naming the field."""
        return CheckIn.create(today=self.today, **self.values())

    def valid_checkin(self) -> CheckIn | None:
        """The check-in typed, or None after saying under the form what is wrong."""
        try:
            return self.collect()
        except InvalidInput as exc:
            self.show_error(str(exc))
            return None

    def action_enter(self) -> None:
        """On a new day Enter on pain moves on to mood; anywhere else it saves."""
        focused = self.app.focused
        if (
            self.existing is None
            and isinstance(focused, ScoreField)
            and focused.scale is PAIN
            and self.query_one("#mood", ScoreField).value is None
        ):
            self.query_one("#mood", ScoreField).focus()
            return
        self.action_submit()

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
