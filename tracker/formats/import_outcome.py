"""What reading a file gives back: its check-ins, or every problem with its row and column.

Split from `common` so the shape of an import's answer stands on its own:
each reader collects ImportProblems (where: row, column, value; why) and
raises one ImportFailed carrying all of them, so a person fixes a file in
one pass; a file read whole becomes an ImportResult. Row numbers count the
header as row 1, as a spreadsheet shows them, so a person can find the bad
cell. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import CheckIn, ConflictPolicy, InvalidInput, PainmoodError, quoted

# How many problems an error message lists before saying "and N more".
PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class ImportProblem:
    """One bad cell or row: where it is, what it holds, and why it is refused."""

    row: int | None
    column: str | None
    value: str | None
    reason: str
    row_word: str = "row"

    def where(self) -> str:
        """`row 4, column pain, value '11'` (less when something is unknown)."""
        parts = []
        if self.row is not None:
            parts.append(f"{self.row_word} {self.row}")
        if self.column:
            column = self.column if len(self.column) <= 40 else quoted(self.column, 40)
            parts.append(f"{'column' if self.row_word == 'row' else 'field'} {column}")
        if self.value is not None:
            parts.append(f"value {_show_value(self.value)}")
        return ", ".join(parts)

    def sentence(self) -> str:
        """One line for the report: where, the value, and why."""
        where = self.where()
        return f"{where}: {self.reason}" if where else self.reason


def _show_value(value: str) -> str:
    return quoted(value)


class ImportFailed(PainmoodError):
    """The file cannot be imported; nothing was written. Carries every problem."""

    def __init__(self, problems: Sequence[ImportProblem], source: str = "the file") -> None:
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        first = self.problems[0].sentence() if self.problems else "unreadable"
        if count == 1:
            message = f"{source}: {first} Nothing was imported."
        else:
            message = f"{source}: {count} problems, nothing was imported. First: {first}"
        super().__init__(message)

    def report_lines(self, limit: int = PROBLEMS_SHOWN) -> list[str]:
        """Every problem as a line (up to `limit`, then a count of the rest)."""
        lines = [p.sentence() for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problems.")
        return lines


@dataclass
class ImportResult:
    """A whole file read and validated: one check-in per day, oldest first."""

    format: str
    rows_read: int
    checkins: list[CheckIn]
    # Things adjusted or left out on purpose, each with its reason.
    remarks: list[str] = field(default_factory=list)
    default_conflict: ConflictPolicy = "skip"
    # Weekly questionnaires (tracker.questionnaires.Result) in painmood's own formats.
    questionnaires: list[Any] = field(default_factory=list)


def raise_problems(problems: list[ImportProblem]) -> None:
    """Raise ImportFailed with every problem in row order, if there are any."""
    if problems:
        raise ImportFailed(sorted(problems, key=lambda p: p.row or 0))


def row_problem(
    row: int, column: str | None, value: str | None, error: Exception, row_word: str = "row"
) -> ImportProblem:
    """A problem from a validation error, naming the column the error names."""
    if isinstance(error, InvalidInput) and error.field_name and column is None:
        column = error.field_name
    return ImportProblem(row, column, value, str(error), row_word)
