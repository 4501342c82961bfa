"""Recorded changes as a person reads them: revisions, change-sets and undo results.

Split from `store`: every write leaves a row in `revisions` (what the day held
before and after), and this module turns those rows back into values and
sentences, for the history, `painmood undo` and the TUI's undo notice.
Revisions of records other than check-ins (questionnaires) are worded by
their own module, imported only when such a revision is met, so the daily
`painmood log` never loads it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from .checkin_rows import checkin_from_json
from .diary_file import StoreError
from .model import CheckIn, PainmoodError, quoted

# How each kind of revision is said to a person.
REVISION_WORDS: dict[str, str] = {
    "insert": "new check-in",
    "update": "edit",
    "delete": "delete",
    "undo": "undo",
}
# Revisions of records other than check-ins (kind -> the module that words and
# undoes them, imported only when such a revision is met).
REVISION_KIND_MODULES: dict[str, str] = {"questionnaire": "tracker.questionnaires.storage"}


class NothingToUndo(PainmoodError):
    """There is no change left to undo."""


@dataclass(frozen=True)
class Revision:
    """One recorded change: what the day held before and after."""

    id: int
    day: dt.date
    action: str
    old: CheckIn | None
    new: CheckIn | None
    at: str
    undone: bool
    changeset: int = 0
    kind: str = "checkin"
    words: str = ""  # set for other kinds, e.g. "new PHQ-9"

    def what(self) -> str:
        """The change in a person's words, e.g. for "Undid the edit of ..."."""
        return self.words or REVISION_WORDS.get(self.action, self.action)


@dataclass(frozen=True)
class UndoResult:
    """What one `undo` reverted: every revision of the last change-set, newest first."""

    revisions: tuple[Revision, ...]

    @property
    def days(self) -> list[dt.date]:
        """The days restored, oldest first (a day changed twice counts once)."""
        return sorted({revision.day for revision in self.revisions})

    @property
    def day(self) -> dt.date:
        """The first day restored (the only one after a one-day change)."""
        return self.days[0]

    @property
    def action(self) -> str:
        """The kind of the latest change undone (insert, update, delete)."""
        return self.revisions[0].action

    def what(self) -> str:
        """The change in a person's words."""
        return self.revisions[0].what()

    def sentence(self) -> str:
        """`Undid the edit of 2024-01-05.` or `Undid the last change: 300 days restored (...).`"""
        days = self.days
        if len(days) == 1:
            return f"Undid the {self.what()} of {days[0].isoformat()}."
        return (
            f"Undid the last change: {len(days)} days restored "
            f"({days[0].isoformat()} to {days[-1].isoformat()})."
        )


def revision_kind(row: sqlite3.Row) -> str:
    """What a revision row changed: "checkin", or another kind such as "questionnaire"."""
    # A diary opened read-only may still be at schema 1 (no kind column).
    return row["kind"] if "kind" in row.keys() else "checkin"


def row_to_revision(row: sqlite3.Row) -> Revision:
    """The Revision a `revisions` row holds (other kinds worded by their own module)."""
    # A diary opened read-only may still be at schema 1 (no change-set column).
    changeset = row["changeset"] if "changeset" in row.keys() else row["id"]
    kind = revision_kind(row)
    if kind != "checkin":  # its old and new are not check-ins: its own module words it
        return Revision(
            id=row["id"],
            day=dt.date.fromisoformat(row["day"]),
            action=row["action"],
            old=None,
            new=None,
            at=row["at"],
            undone=bool(row["undone"]),
            changeset=changeset if changeset is not None else row["id"],
            kind=kind,
            words=kind_module(kind).revision_words(row),
        )
    return Revision(
        id=row["id"],
        day=dt.date.fromisoformat(row["day"]),
        action=row["action"],
        old=checkin_from_json(row["old"]),
        new=checkin_from_json(row["new"]),
        at=row["at"],
        undone=bool(row["undone"]),
        changeset=changeset if changeset is not None else row["id"],
    )


def kind_module(kind: str) -> Any:
    """The module that handles revisions of `kind` (see REVISION_KIND_MODULES)."""
    name = REVISION_KIND_MODULES.get(kind)
    if name is None:
        raise StoreError(
            f"The diary holds a change of a kind this painmood does not know ({quoted(kind)}); "
            "update painmood to undo it."
        )
    return importlib.import_module(name)
