"""Export and import: the person takes their diary out, or brings one in.

Export: choose a format and a period; the file path is shown (and can be
edited) before anything is written; the file is written in a worker and is
private (0600). Import: a file is read and checked in a worker, then a
dialog shows what the import would do (a dry run that only reads the diary)
and nothing is written until the person says yes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from ...formats import FORMAT_NAMES, ConflictPolicy, ImportResult
from ...formats.daylio_moods import UnknownMoods, mood_map_text
from ...model import InvalidInput, parse_day
from ..app import PainmoodApp
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine
from .confirm_dialog import ConfirmDialog
from .export_forms import data_forms

REMARKS_SHOWN = 4


class ExportScreen(Screen[None]):
    """Write the diary to a file, or bring in another app's export."""

    app = getters.app(PainmoodApp)  # `self.app` typed as our app, not a bare App

    BINDINGS = [
        Binding("ctrl+s", "export", "Write export", id="write-export"),
        Binding("ctrl+o", "preview_import", "Import…", id="preview-import"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._path_edited = False
        self._built = False

    def compose(self) -> ComposeResult:
        yield StatusLine()
        with VerticalScroll(id="export-body"):
            yield Static("Export your diary", classes="screen-title")
        yield KeyBar()

    def on_mount(self) -> None:
        # The forms (three drop-downs, six fields) are built once the frame has
        # painted: building and styling them was most of the screen's first visit.
        self.call_after_refresh(self._build_forms)

    async def _build_forms(self) -> None:
        body = self.query_one("#export-body", VerticalScroll)
        await body.mount_all(data_forms())
        self._built = True
        self.refresh_bindings()
        self._show_default_path()
        self._show_custom_period(False)
        self._show_name_field()
        # An encrypted diary's export is still a plain file: said before anything is written.
        self.query_one("#plain-export").display = bool(self.app.store.encrypted)
        self.query_one("#format", Select).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+S and Ctrl+O wait for the forms (a few hundredths of a second)."""
        if action in ("export", "preview_import") and not self._built:
            return None
        return True

    def _show_custom_period(self, shown: bool) -> None:
        for selector in ("#custom-label", "#custom-period"):
            self.query_one(selector).display = shown

    def _show_name_field(self) -> None:
        """The name field only for the reports, the formats that print it."""
        from ...formats.report import REPORT_FORMATS

        for selector in ("#name-label", "#report-name"):
            self.query_one(selector).display = self._format in REPORT_FORMATS

    # -- export ------------------------------------------------------------

    @property
    def _format(self) -> str:
        return str(self.query_one("#format", Select).value)

    def _default_path_text(self) -> str:
        """The suggested file, written with `~` for the home folder."""
        from ...transfer import default_export_path

        path = default_export_path(self._format, self.app.today)
        try:
            return str(Path("~") / path.relative_to(Path.home()))
        except ValueError:
            return str(path)

    def _show_default_path(self) -> None:
        self.query_one("#export-path", Input).value = self._default_path_text()

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        self._show_name_field()
        if not self._path_edited:
            self._show_default_path()
        else:
            from ...formats import EXPORT_SUFFIXES

            # Keep the person's folder and name; only the suffix follows the format.
            path_input = self.query_one("#export-path", Input)
            path = Path(path_input.value)
            stem = path.name
            for suffix in sorted(EXPORT_SUFFIXES.values(), key=len, reverse=True):
                if stem.endswith(suffix):
                    stem = stem[: -len(suffix)]
                    break
            path_input.value = str(path.with_name(stem + EXPORT_SUFFIXES[self._format]))

    @on(Select.Changed, "#period")
    def _period_changed(self, event: Select.Changed) -> None:
        self._show_custom_period(event.value == "custom")

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._path_edited = event.value != self._default_path_text()

    def _period(self) -> tuple[dt.date | None, dt.date | None]:
        """The chosen period; raises InvalidInput for a malformed or reversed one."""
        today: dt.date = self.app.today
        choice = self.query_one("#period", Select).value
        if choice == "all":
            return None, None
        if choice != "custom":
            return today - dt.timedelta(days=int(str(choice)) - 1), today
        start_text = self.query_one("#from-day", Input).value.strip()
        end_text = self.query_one("#to-day", Input).value.strip()
        try:
            start = parse_day(start_text, today=today) if start_text else None
        except InvalidInput as exc:
            raise InvalidInput(f"From: {exc}", "from") from None
        try:
            end = parse_day(end_text, today=today) if end_text else None
        except InvalidInput as exc:
            raise InvalidInput(f"To: {exc}", "to") from None
        if start and end and start > end:
            raise InvalidInput("The first day is after the last day; swap them.", "from")
        return start, end

    @on(Button.Pressed, "#export-button")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        """Check the choices here, then write the file in a worker."""
        result = self.query_one("#export-result", Static)
        try:
            start, end = self._period()
        except InvalidInput as exc:
            self._show(result, str(exc), error=True)
            return
        path_text = self.query_one("#export-path", Input).value.strip()
        if not path_text:
            self._show(result, "Choose a file to write to.", error=True)
            return
        path = Path(path_text).expanduser()
        if path.is_dir():
            self._show(result, f"{path} is a folder; add a file name.", error=True)
            return
        from ...safe_files import UnsafeTarget, check_target

        try:  # never the open diary, a link or a device, whatever the answer below
            check_target(path, replace=True, diary=self.app.store.path)
        except UnsafeTarget as exc:
            self._show(result, str(exc), error=True)
            return
        export_format = self._format
        from ...formats.report import REPORT_FORMATS

        name = self.query_one("#report-name", Input).value
        options = {"name": name} if export_format in REPORT_FORMATS else {}
        if path.exists():

            def answered(replace: bool | None) -> None:
                if replace:
                    self._show(result, f"Writing {path} …")
                    self._write_export(export_format, start, end, path, True, options)
                else:
                    self._show(result, f"{path} was kept; nothing was written.")

            question = f"{path} already exists.\nReplace it with this export?"
            self.app.push_screen(ConfirmDialog(question, "Replace", "Keep it"), answered)
            return
        self._show(result, f"Writing {path} …")
        self._write_export(export_format, start, end, path, False, options)

    @work(thread=True, exclusive=True, group="export")
    def _write_export(
        self,
        format_name: str,
        start: dt.date | None,
        end: dt.date | None,
        path: Path,
        replace: bool,
        options: dict[str, str],
    ) -> None:
        from ...model import PainmoodError
        from ...transfer import export_diary, write_export

        app = self.app
        result = self.query_one("#export-result", Static)
        try:
            text, checkins = export_diary(
                app.store,
                format_name,
                start=start,
                end=end,
                today=app.today,
                **options,
            )
            outcome = write_export(path, text, checkins, replace=replace, diary=app.store.path)
        except PainmoodError as exc:  # refused, or the disk said no: one sentence
            app.call_from_thread(self._show, result, str(exc), True)
            return
        except OSError as exc:
            app.call_from_thread(
                self._show, result, f"Could not write {path}: {exc.strerror or exc}.", True
            )
            return
        message = outcome.sentence() + " Only you can read the file (mode 600)."
        app.call_from_thread(self._show, result, message)

    # -- import ------------------------------------------------------------

    @on(Button.Pressed, "#import-button")
    @on(Input.Submitted, "#import-path")
    def action_preview_import(self) -> None:
        """Read and check the file in a worker; the dialog comes after."""
        from ...formats.daylio import parse_mood_map

        result = self.query_one("#import-result", Static)
        path_text = self.query_one("#import-path", Input).value.strip()
        if not path_text:
            self._show(result, "Type the path of the file to import.", error=True)
            self.query_one("#import-path", Input).focus()
            return
        path = Path(path_text).expanduser()
        if not path.is_file():
            self._show(result, f"There is no file {path}.", error=True)
            return
        try:
            moods = parse_mood_map(self.query_one("#mood-map", Input).value)
        except InvalidInput as exc:
            self._show(result, str(exc).replace("--mood-map", "Daylio moods"), error=True)
            return
        conflict = str(self.query_one("#conflict", Select).value)
        self._show(result, f"Checking {path} …")
        self._check_import(path, moods, conflict)

    @work(thread=True, exclusive=True, group="import")
    def _check_import(self, path: Path, moods: dict[str, int], conflict: str) -> None:
        from ...formats import ImportFailed, read_import
        from ...transfer import preview_import

        app = self.app
        store = app.store
        result_widget = self.query_one("#import-result", Static)
        try:
            data = path.read_bytes()
            imported = read_import(
                data,
                today=app.today,
                mood_map=moods,
                source=path.name,
            )
        except ImportFailed as failed:
            if isinstance(failed, UnknownMoods) and not failed.other:
                app.call_from_thread(self._ask_mood_scores, path, failed, moods, conflict)
                return
            lines = [f"{failed.source}: nothing can be imported until these are fixed:"]
            lines += [f"  {line}" for line in failed.report_lines(limit=8)]
            app.call_from_thread(self._show, result_widget, "\n".join(lines), True)
            return
        except OSError as exc:
            app.call_from_thread(
                self._show, result_widget, f"Could not read {path}: {exc.strerror or exc}.", True
            )
            return
        policy: ConflictPolicy = (
            imported.default_conflict if conflict == "default" else conflict  # type: ignore[assignment]
        )
        preview = preview_import(store, imported.checkins, policy, imported.questionnaires)
        question = self._describe_import(path, imported, preview.lines(on_screen=True))
        app.call_from_thread(self._ask_to_import, question, imported, policy)

    def _ask_mood_scores(
        self, path: Path, failed: UnknownMoods, moods: dict[str, int], conflict: str
    ) -> None:
        """Ask a score for each unknown Daylio mood, then check the file again."""
        from .mood_map_dialog import MoodMapDialog

        def answered(scores: dict[str, int] | None) -> None:
            if scores is None:
                self._show(self.query_one("#import-result", Static), "Import cancelled.")
                return
            merged = {**moods, **scores}
            self.query_one("#mood-map", Input).value = mood_map_text(merged)
            self._check_import(path, merged, conflict)

        self.app.push_screen(MoodMapDialog(failed.moods), answered)

    @staticmethod
    def _describe_import(path: Path, imported: ImportResult, summary: list[str]) -> str:
        lines = [
            f"{path.name} ({FORMAT_NAMES[imported.format]}): {imported.rows_read} rows, "
            f"{len(imported.checkins)} days.",
        ]
        lines += [f"· {r}" for r in imported.remarks[:REMARKS_SHOWN]]
        if len(imported.remarks) > REMARKS_SHOWN:
            lines.append(f"· … and {len(imported.remarks) - REMARKS_SHOWN} more remarks.")
        lines.append("")
        lines.append("Importing would do this:")
        lines += summary
        lines.append("")
        lines.append("Every change is kept as a revision. Import now?")
        return "\n".join(lines)

    def _ask_to_import(self, question: str, imported: ImportResult, policy: ConflictPolicy) -> None:
        result = self.query_one("#import-result", Static)

        def answered(yes: bool | None) -> None:
            if yes:
                self._show(result, "Importing …")
                self._apply_import(imported, policy)
            else:
                self._show(result, "Import cancelled; nothing was written.")

        self.app.push_screen(
            ConfirmDialog(question, yes_label="Import", no_label="Cancel"), answered
        )

    @work(thread=True, exclusive=True, group="import")
    def _apply_import(self, imported: ImportResult, policy: ConflictPolicy) -> None:
        from ...model import PainmoodError
        from ...transfer import apply_import

        app = self.app
        result = self.query_one("#import-result", Static)
        try:
            summary = apply_import(app.store, imported.checkins, policy, imported.questionnaires)
        except PainmoodError as exc:
            app.call_from_thread(self._show, result, f"Nothing was imported: {exc}", True)
            return
        message = "Imported. " + "\n".join(summary.lines(on_screen=True))
        app.call_from_thread(self._imported, message)

    def _imported(self, message: str) -> None:
        self._show(self.query_one("#import-result", Static), message)
        self.app.data_changed()

    # -- shared ------------------------------------------------------------

    @staticmethod
    def _show(widget: Static, message: str, error: bool = False) -> None:
        widget.set_class(error, "-error")
        widget.update(Text(message))  # plain text: file names may hold [brackets]
