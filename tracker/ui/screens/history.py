"""History: every day since the first check-in, newest first, gaps included;
edit, backfill, delete, undo.

The table is filled one page of calendar days at a time (newest first) and
grows as the cursor nears its end, so ten years of diary open as fast as one
month. The sparklines cover the days loaded so far, on the 0–10 scale. When
the diary changes elsewhere the table is read again with the cursor on the
same day.
"""

from __future__ import annotations

import datetime as dt
from statistics import fmean
from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from ...model import CheckIn, PainmoodError, describe_checkin
from ...store import SAVE_OUTCOME_WORDS, NotFound, SaveOutcome, UndoResult
from ..app import PainmoodApp
from ..dates import long_date, short_date
from ..widgets.diary_table import (
    COLUMNS,
    COLUMNS_BEFORE_NOTE,
    NARROW_COLUMNS_BEFORE_NOTE,
    NOTE_EXCERPT,
    DiaryTable,
    day_cells,
    table_columns,
)
from ..widgets.key_bar import KeyBar
from ..widgets.score_sparkline import ScoreSparkline
from ..widgets.status_line import StatusLine
from ..writing import write_to_diary

PAGE_DAYS = 60
LOAD_MORE_WITHIN = 30  # rows before the end of the loaded days


class HistoryScreen(Screen[None]):
    """Past check-ins and the days between them."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    HELP = (
        "The table starts at your first check-in; `b` on that first day fills the day "
        "before it. The line under the table shows the highlighted day in full."
    )
    BINDINGS = [
        Binding("b", "backfill", "Fill", id="backfill"),
        Binding("delete", "delete_day", "Delete", key_display="Del", id="delete-day"),
        Binding("u", "undo", "Undo", id="undo"),
        # Kept out of the crowded footer; the line under the table names it on a gap.
        Binding("n", "next_gap", "Next gap", id="next-gap", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._checkins: dict[dt.date, CheckIn] = {}
        self._newest = dt.date.min
        self._oldest = dt.date.min
        self._oldest_loaded = dt.date.max
        self._loaded_version: int | None = None
        self._columns = COLUMNS

    def compose(self) -> ComposeResult:
        yield StatusLine()
        yield Static("", id="history-summary")
        for name in ("pain", "mood"):
            with Horizontal(classes="spark-row"):
                yield Label(name.capitalize(), classes="spark-label")
                yield ScoreSparkline(high_is_bad=name == "pain", id=f"{name}-spark")
                yield Label("", id=f"{name}-average", classes="spark-average")
        yield DiaryTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="day-detail")
        yield KeyBar()

    @property
    def table(self) -> DiaryTable:
        return self.query_one("#history-table", DiaryTable)

    def on_mount(self) -> None:
        self._columns = table_columns(self.app.size.width)
        self._add_columns()
        self.table.focus()
        # The days are read once the screen has painted, so it shows at once.
        self.call_after_refresh(self._reload, PAGE_DAYS)

    def on_screen_resume(self) -> None:
        self.diary_changed()

    def diary_changed(self) -> None:
        """The diary changed (here, elsewhere in the app, or in another process):
        show what is stored now, with the cursor on the same day."""
        version = self.app.data_version
        if self._loaded_version is not None and version != self._loaded_version:
            loaded_days = (self._newest - self._oldest_loaded).days + 1
            self._reload(max(PAGE_DAYS, loaded_days), self.cursor_day())

    def _add_columns(self) -> None:
        for header, name in self._columns:
            self.table.add_column(header, key=name)

    def on_resize(self) -> None:
        """A terminal made narrower or wider gets the columns that fit it."""
        columns = table_columns(self.app.size.width)
        if columns == self._columns or self._loaded_version is None:
            self._columns = columns
            return
        self._columns = columns
        cursor_day = self.cursor_day()
        self.table.clear(columns=True)
        self._add_columns()
        loaded_days = (self._newest - self._oldest_loaded).days + 1
        self._reload(max(PAGE_DAYS, loaded_days), cursor_day)

    @property
    def note_width(self) -> int:
        """Characters of each note the table shows: what the terminal's width leaves."""
        before = COLUMNS_BEFORE_NOTE if self._columns is COLUMNS else NARROW_COLUMNS_BEFORE_NOTE
        return max(NOTE_EXCERPT, self.app.size.width - before)

    # -- loading ---------------------------------------------------------

    def _reload(self, days: int, cursor_day: dt.date | None = None) -> None:
        """Rebuild the table with the newest `days` days (a page at least)."""
        store = self.app.store
        today: dt.date = self.app.today
        span = store.span()
        first, last = span if span else (today, today)
        self._newest = max(today, last)
        self._oldest = min(first, today)  # the history starts at the first check-in
        self._oldest_loaded = self._newest + dt.timedelta(days=1)
        self._checkins = {}
        self.table.clear()
        self._load_older(days)
        self._loaded_version = self.app.data_version
        if cursor_day is not None:
            self._move_to(cursor_day)
        self._show_detail()

    def _load_older(self, days: int) -> None:
        """Append the next `days` calendar days (older) to the table, gaps included."""
        end = self._oldest_loaded - dt.timedelta(days=1)
        start = max(self._oldest, end - dt.timedelta(days=days - 1))
        if end < start:
            return
        for checkin in self.app.store.checkins(start, end):
            self._checkins[checkin.day] = checkin
        table = self.table
        day = end
        while day >= start:
            cells = day_cells(day, self._checkins.get(day), self.note_width, self._columns)
            table.add_row(*cells, key=day.isoformat())
            day -= dt.timedelta(days=1)
        self._oldest_loaded = start
        self._show_overview()

    def _show_overview(self) -> None:
        """The summary line and the sparklines over the loaded days."""
        store = self.app.store
        count = store.count()
        span = store.span()
        summary = self.query_one("#history-summary", Static)
        if span is None:
            summary.update("No check-ins yet: press c for today, or b to backfill today below.")
        else:
            first = span[0]
            missing = (self._newest - first).days + 1 - count
            more = " (more as you scroll)" if self._oldest_loaded > self._oldest else ""
            summary.update(
                f"{plural(count, 'check-in')} since {short_date(first)} · "
                f"{plural(missing, 'day')} missing{more}"
            )
        ordered = [self._checkins[day] for day in sorted(self._checkins)]
        for name in ("pain", "mood"):
            values = [getattr(c, name) for c in ordered if getattr(c, name) is not None]
            self.query_one(f"#{name}-spark", ScoreSparkline).show(values)
            average = f"avg {fmean(values):.1f}" if values else ""
            self.query_one(f"#{name}-average", Label).update(average)

    def _refresh_day(self, day: dt.date) -> None:
        """Show the stored state of one day after a save, delete or undo."""
        checkin = self.app.store.get(day)
        if checkin is None:
            self._checkins.pop(day, None)
        else:
            self._checkins[day] = checkin
        if self._oldest_loaded <= day <= self._newest:
            cells = day_cells(day, checkin, self.note_width, self._columns)
            for (_, name), cell in zip(self._columns, cells, strict=True):
                self.table.update_cell(day.isoformat(), name, cell, update_width=True)
        self._show_overview()
        self._show_detail()

    # -- the cursor ------------------------------------------------------

    def cursor_day(self) -> dt.date | None:
        """The day under the cursor, or None for an empty table."""
        table = self.table
        if table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return dt.date.fromisoformat(str(row_key.value))

    def _move_to(self, day: dt.date) -> bool:
        """Put the cursor on `day`, loading older pages as needed."""
        if not self._oldest <= day <= self._newest:
            return False
        while day < self._oldest_loaded:
            self._load_older(PAGE_DAYS)
        self.table.move_cursor(row=self.table.get_row_index(day.isoformat()))
        return True

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if (
            event.cursor_row >= self.table.row_count - LOAD_MORE_WITHIN
            and self._oldest_loaded > self._oldest
        ):
            self._load_older(PAGE_DAYS)
        self._show_detail()

    def _show_detail(self) -> None:
        day = self.cursor_day()
        detail = self.query_one("#day-detail", Static)
        if day is None:
            detail.update("")
            return
        checkin = self._checkins.get(day)
        if checkin is None:
            detail.update(
                f"{long_date(day)}: no check-in. Press b or Enter to backfill it, "
                "n for the next day without one."
            )
            return
        text = f"{long_date(day)}: {describe_checkin(checkin).split(', ', 1)[1]}"
        if checkin.note:
            text += f"\nNote: {checkin.note}"
        if day == self._oldest:
            text += "\nYour first check-in; b fills the day before it."
        detail.update(Text(text))

    # -- actions ---------------------------------------------------------

    @on(DataTable.RowSelected, "#history-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        day = self.cursor_day()
        if day is not None:
            self._open(day)

    def action_backfill(self) -> None:
        """Open the form on the highlighted day if it has no check-in yet."""
        day = self.cursor_day()
        if day is None:
            return
        if day in self._checkins and day == self._oldest:
            self._open(day - dt.timedelta(days=1))  # before the first check-in
            return
        if day in self._checkins:
            self.notify(f"{short_date(day)} already has a check-in; Enter edits it.")
            return
        self._open(day)

    def action_next_gap(self) -> None:
        """Jump to the next older day without a check-in."""
        day = self.cursor_day()
        if day is None:
            return
        day -= dt.timedelta(days=1)
        while day >= self._oldest:
            if day < self._oldest_loaded:
                self._load_older(PAGE_DAYS)
            if day not in self._checkins:
                self._move_to(day)
                return
            day -= dt.timedelta(days=1)
        self.notify("No earlier day without a check-in.")

    def _open(self, day: dt.date) -> None:
        """The edit dialog on `day`; it saves the day itself and returns what it wrote."""

        def saved(result: tuple[SaveOutcome, CheckIn] | None) -> None:
            if result is None:
                return
            outcome, checkin = result
            if self.app.store.span() and checkin.day < self._oldest:
                self._changed_everywhere(checkin.day)
            else:
                self._changed(checkin.day)
            self._move_to(checkin.day)
            verb = SAVE_OUTCOME_WORDS[outcome]
            self.notify(f"{verb}: {describe_checkin(checkin)}", title="History")

        from .edit_dialog import EditCheckInDialog  # dialogs load when first asked for

        self.app.push_screen(EditCheckInDialog(day, self.app.store.get(day)), saved)

    def action_delete_day(self) -> None:
        """Ask, then delete the highlighted day's check-in (u brings it back)."""
        day = self.cursor_day()
        checkin = self._checkins.get(day) if day else None
        if day is None or checkin is None:
            self.notify("There is no check-in on this day to delete.")
            return

        def deleted(_old: Any) -> None:
            self._changed_everywhere(day)
            self.notify(f"Deleted the check-in of {short_date(day)}; press u to undo.")

        def refused(error: PainmoodError) -> None:
            if isinstance(error, NotFound):
                self.notify(f"The check-in of {short_date(day)} was already deleted elsewhere.")
                self._changed_everywhere(day)
            else:
                self.notify(f"Nothing was deleted: {error}", severity="error")

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                store = self.app.store
                write_to_diary(self.app, lambda: store.delete(day), deleted, refused)

        question = (
            f"Delete the check-in of {long_date(day)}?\n{describe_checkin(checkin)}\n"
            "You can undo it with u."
        )
        from .confirm_dialog import ConfirmDialog

        self.app.push_screen(ConfirmDialog(question, "Delete", "Keep"), delete)

    def action_undo(self) -> None:
        """Undo the last change to the diary, wherever it was made."""
        store = self.app.store

        def undone(result: UndoResult) -> None:
            for day in result.days:
                self._changed(day)
            self._move_to(result.days[-1])
            if len(result.days) == 1:
                self.notify(f"Undid the {result.what()} of {result.day:%d %b %Y}.")
            else:
                self.notify(f"Undid the last change: {len(result.days)} days restored.")

        def refused(error: PainmoodError) -> None:
            self.notify(str(error), severity="warning")

        # The whole last change-set (an import: every day); a locked diary waits.
        write_to_diary(self.app, store.undo, undone, refused)

    def _changed(self, day: dt.date) -> None:
        self.app.data_changed()
        self._loaded_version = self.app.data_version
        self._refresh_day(day)

    def _changed_everywhere(self, _day: dt.date) -> None:
        """A change that may move the diary's first day: read the table again."""
        self.app.data_changed()
        self.diary_changed()


def plural(count: int, word: str) -> str:
    """`1 check-in`, `2 check-ins`."""
    return f"{count} {word}{'' if count == 1 else 's'}"
