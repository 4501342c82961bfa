"""The history table: which columns fit the terminal, and one row's cells.

At 80 columns every score, the tags and a readable note do not fit side by
side, so a narrow terminal drops the scores people record least; the line
under the table shows the highlighted day in full.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ...model import CheckIn
from ..dates import short_date

NOTE_EXCERPT = 19  # at least; wider terminals show more of each note
TAGS_EXCERPT = 16
NARROW_TAGS_EXCERPT = 10
COLUMNS_BEFORE_NOTE = 84  # width of the other columns with their padding
NARROW_COLUMNS_BEFORE_NOTE = 57  # the same with the narrow set of columns
# Below this width every column and a readable note do not fit side by side:
# the table drops the scores people record least (the line under the table
# still shows the highlighted day in full).
NARROW_BELOW = COLUMNS_BEFORE_NOTE + NOTE_EXCERPT + 4
NARROW_DROPS = frozenset({"sleep_quality", "anxiety", "fatigue", "activity_minutes"})

# (header, field) in table order; the line under the table spells each one out.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Day", "day"),
    ("Pain", "pain"),
    ("Mood", "mood"),
    ("Sleep", "sleep_hours"),
    ("SQ", "sleep_quality"),
    ("Str", "stress"),
    ("Anx", "anxiety"),
    ("Fat", "fatigue"),
    ("Act", "activity_minutes"),
    ("Tags", "tags"),
    ("Note", "note"),
)


def _excerpt(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table_columns(width: int) -> tuple[tuple[str, str], ...]:
    """The (header, field) columns that fit a terminal `width` columns wide."""
    if width >= NARROW_BELOW:
        return COLUMNS
    return tuple(column for column in COLUMNS if column[1] not in NARROW_DROPS)


def day_cells(
    day: dt.date,
    checkin: CheckIn | None,
    note_width: int = NOTE_EXCERPT,
    columns: tuple[tuple[str, str], ...] = COLUMNS,
) -> list[Text]:
    """One table row of `columns`: a check-in's values, or a dimmed gap for a day without one."""
    label = short_date(day)
    names = [name for _, name in columns]
    if checkin is None:
        dim = "dim"
        return [
            Text(label, style=dim),
            Text("—", style=dim),
            Text("—", style=dim),
            *(Text("") for _ in names[3:-1]),
            Text("no check-in", style="dim italic"),
        ]
    tags_width = TAGS_EXCERPT if columns is COLUMNS else NARROW_TAGS_EXCERPT
    cells = [Text(label)]
    for name in names[1:-2]:
        value = getattr(checkin, name)
        cells.append(Text("" if value is None else f"{value:g}"))
    cells.append(Text(_excerpt(" ".join(checkin.tags), tags_width)))
    cells.append(Text(_excerpt(checkin.note or "", note_width)))
    return cells


class DiaryTable(DataTable[Text]):
    """The history table: Enter shows in the footer; Home and End jump to the first and
    last loaded day (reaching the last loads the next page)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Edit", id="edit-day"),
        Binding("home", "scroll_top", "Newest day", show=False),
        Binding("end", "scroll_bottom", "Oldest loaded day", show=False),
    ]
