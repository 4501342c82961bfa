"""The export screen's two forms (export, then import) and their choices.

The screen mounts them just after its first paint; they are built here, as
plain widgets, so that can happen outside `compose`.
"""

from __future__ import annotations

from textual.containers import Grid, Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from ...formats.report import MAX_NAME
from ..periods import PERIODS

EXPORT_CHOICES: tuple[tuple[str, str], ...] = (
    ("CSV (spreadsheet; re-importable)", "csv"),
    ("JSON (everything; re-importable)", "json"),
    ("FHIR R4 Bundle (health records)", "fhir"),
    ("Report for a clinician (HTML)", "report"),
    ("Report for a clinician (Markdown)", "report-md"),
    ("Report for a clinician (PDF)", "pdf"),
)
# The app's one list of periods (an export starts on "all": the whole diary).
PERIOD_CHOICES: tuple[tuple[str, str], ...] = (
    *(
        (f"Last {words}", str(days)) if days else ("All (the whole diary)", "all")
        for words, days in PERIODS
    ),
    ("From / to below", "custom"),
)
PLAIN_EXPORT = (
    "Your diary is encrypted, but the exported file will be plain, not encrypted: "
    "anyone who can open the file can read it."
)
CONFLICT_CHOICES: tuple[tuple[str, str], ...] = (
    ("Usual for the file (newest for JSON, else keep mine)", "default"),
    ("Keep the day already in my diary", "skip"),
    ("Take the file's day", "replace"),
    ("Keep whichever was edited last", "newest"),
)


def data_forms() -> list[Widget]:
    """Everything under the title: the export form, then the import form."""
    return [
        Grid(
            Label("Format"),
            Select(EXPORT_CHOICES, value="csv", allow_blank=False, compact=True, id="format"),
            Label("Period"),
            Select(PERIOD_CHOICES, value="all", allow_blank=False, compact=True, id="period"),
            Label("From / to", id="custom-label"),
            Horizontal(
                Input(placeholder="first day", compact=True, id="from-day"),
                Input(placeholder="last day", compact=True, id="to-day"),
                id="custom-period",
            ),
            Label("Name", id="name-label"),
            Input(
                placeholder="optional: printed on the report",
                max_length=MAX_NAME,
                compact=True,
                id="report-name",
            ),
            Label("Write to"),
            Input(compact=True, id="export-path"),
            id="export-form",
            classes="data-form",
        ),
        Static(PLAIN_EXPORT, id="plain-export", classes="data-hint"),
        Horizontal(
            Button("Write export (ctrl+s)", variant="primary", compact=True, id="export-button"),
            classes="data-actions",
        ),
        Static("", id="export-result", classes="data-result"),
        Static("Import a file", classes="screen-title"),
        Static(
            "painmood CSV or JSON, or a Daylio or Bearable CSV export. The file is "
            "checked first; you see what would change before anything is written.",
            classes="data-hint",
        ),
        Grid(
            Label("File"),
            Input(placeholder="path to the file", compact=True, id="import-path"),
            Label("Same day"),
            Select(
                CONFLICT_CHOICES,
                value="default",
                allow_blank=False,
                compact=True,
                id="conflict",
            ),
            Label("Daylio moods"),
            Input(
                placeholder="optional: label=score,... e.g. great=9",
                compact=True,
                id="mood-map",
            ),
            id="import-form",
            classes="data-form",
        ),
        Horizontal(
            Button("Check and import… (ctrl+o)", compact=True, id="import-button"),
            classes="data-actions",
        ),
        Static("", id="import-result", classes="data-result"),
    ]
