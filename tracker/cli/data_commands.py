"""Data commands: export the diary, import files (painmood, Daylio, Bearable), back up."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from ..formats import EXPORT_FORMATS, FORMAT_NAMES, IMPORT_FORMATS, ConflictPolicy
from ..model import cut_long_words, local_today, plural
from .common import day_argument, db_option, db_path_from, store_from
from .crypto_commands import export_encryption_options

# Imports of more rows than this show a progress bar on a terminal.
PROGRESS_THRESHOLD = 500
# A file larger than this is no diary export (ten years of Daylio is a few MB).
IMPORT_MAX_BYTES = 200_000_000


@click.command()
@db_option
@click.option(
    "--format",
    "format_name",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help="csv/json (exact, re-importable), fhir (FHIR R4 Bundle), report (HTML), report-md, "
    "pdf (report for a clinician).",
)
@click.option("--from", "start", default=None, help="First day (YYYY-MM-DD); default the first.")
@click.option("--to", "end", default=None, help="Last day (YYYY-MM-DD); default the last.")
@click.option(
    "-o",
    "--output",
    default=None,
    help="File to write (a new private file, mode 0600); '-' or none: standard output.",
)
@click.option("--force", is_flag=True, help="Replace the --output file if it exists.")
@click.option(
    "--name",
    default="",
    help="Name printed on the report (report, report-md, pdf); at most 100 characters.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="PDF size.",
)
@export_encryption_options
@click.pass_context
def export(
    ctx: click.Context,
    format_name: str,
    start: str | None,
    end: str | None,
    output: str | None,
    force: bool,
    name: str,
    paper: str,
    encrypt: bool,
    recipients: tuple[str, ...],
) -> None:
    """Export the diary (all of it, or --from/--to) as CSV, JSON, FHIR or a clinician report.

    The file is written whole or not at all: an existing file is replaced only
    with --force, and never the diary itself.
    """
    from ..formats.report import REPORT_FORMATS
    from ..model import InvalidInput
    from ..safe_files import TargetExists, check_target
    from ..transfer import export_diary, write_export
    from .crypto_commands import protect_export

    first, last = day_argument(start, "from"), day_argument(end, "to")
    if first and last and first > last:
        raise InvalidInput(
            f"--from {first.isoformat()} is after --to {last.isoformat()}; swap them.", "from"
        )
    if output is not None and not output.strip():
        raise InvalidInput("-o is empty; give a file name, or '-' for standard output.", "o")
    target = None if output in (None, "-") else Path(str(output)).expanduser()
    if format_name == "pdf" and target is None and sys.stdout.isatty():
        raise InvalidInput("A PDF cannot be shown in the terminal; give -o FILE.", "output")
    if name.strip() and format_name not in REPORT_FORMATS:
        raise InvalidInput(
            f"--name is printed on a report ({', '.join(REPORT_FORMATS)}); "
            f"a {format_name} export has no place for it.",
            "name",
        )
    options: dict[str, str] = {"name": name} if format_name in REPORT_FORMATS else {}
    if format_name == "pdf":
        options["paper"] = paper
    diary = db_path_from(ctx)
    try:
        if target is not None:
            check_target(target, replace=force, diary=diary)  # before any work is done
        content, checkins = export_diary(
            store_from(ctx), format_name, start=first, end=last, today=local_today(), **options
        )
        protected = protect_export(ctx, store_from(ctx), content, encrypt, recipients)
        if target is None:
            write_to_stdout(protected)
            return
        outcome = write_export(target, protected, checkins, replace=force, diary=diary)
    except TargetExists as exists:
        raise TargetExists(exists.path, "; add --force to replace it") from None
    click.echo(outcome.sentence())


def write_to_stdout(content: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """Write an export to standard output; a full disk or closed pipe is one line, exit 2."""
    from ..safe_files import WriteFailed
    from ..transfer import as_chunks

    try:
        for chunk in as_chunks(content):
            click.echo(chunk, nl=False)  # bytes go to the binary stream underneath
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise
    except OSError as exc:
        _silence_stdout()
        raise WriteFailed(
            f"Cannot write to standard output: {(exc.strerror or str(exc)).lower()}."
        ) from None


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so Python's exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing will be flushed at exit


@click.command("import")
@db_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(IMPORT_FORMATS),
    default=None,
    help="What the file is; detected from its header when not given.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--on-conflict",
    type=click.Choice(["skip", "replace", "newest"]),
    default=None,
    help="A day already in the diary: keep it (skip), take the file's (replace), or the "
    "later-edited one (newest). Default: newest for painmood JSON, skip otherwise.",
)
@click.option(
    "--mood-map",
    default=None,
    help="Daylio moods as label=score (0-10), comma-separated, e.g. 'great=9,fine=6'.",
)
@click.pass_context
def import_(
    ctx: click.Context,
    file: Path,
    format_name: str | None,
    dry_run: bool,
    on_conflict: ConflictPolicy | None,  # click.Choice allows only these
    mood_map: str | None,
) -> None:
    """Import FILE (painmood CSV/JSON, Daylio or Bearable CSV): all rows or none."""
    from ..formats import ImportFailed, read_import
    from ..formats.daylio import parse_mood_map
    from ..transfer import apply_import, preview_import
    from .crypto_commands import open_age_export

    moods = parse_mood_map(mood_map)
    data = open_age_export(ctx, _import_bytes(file), file)
    try:
        result = read_import(
            data,
            today=local_today(),
            format_name=format_name,
            mood_map=moods,
            source=str(file),
        )
    except ImportFailed as failed:
        click.echo(f"painmood: {cut_long_words(str(failed))}", err=True)
        if len(failed.problems) > 1:
            for line in failed.report_lines():
                click.echo(f"  {cut_long_words(line)}", err=True)
        ctx.exit(2)
    policy = on_conflict or result.default_conflict
    click.echo(
        f"Read {plural(result.rows_read, 'row')} from {file} ({FORMAT_NAMES[result.format]}): "
        f"{plural(len(result.checkins), 'day')}."
    )
    for remark in result.remarks:
        click.echo(f"  {remark}")
    if dry_run:
        exists = db_path_from(ctx).exists()  # a dry run never creates the diary
        summary = preview_import(
            store_from(ctx) if exists else None, result.checkins, policy, result.questionnaires
        )
        click.echo("Dry run, nothing written.")
    else:
        store = store_from(ctx)
        if len(result.checkins) > PROGRESS_THRESHOLD and sys.stdout.isatty():
            with click.progressbar(result.checkins, label="Importing") as bar:
                summary = apply_import(store, bar, policy, result.questionnaires)
        else:
            summary = apply_import(store, result.checkins, policy, result.questionnaires)
    first, *details = summary.lines()
    click.echo(first)
    for line in details:
        click.echo(f"  {line}")


def _import_bytes(file: Path) -> bytes:
    """The bytes of a file to import; a pipe, device or huge file is refused unread
    (reading a FIFO or /dev/zero would never end)."""
    from ..model import InvalidInput

    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(
                f"{file} is not a regular file (a pipe or a device); give the exported file."
            )
        if info.st_size > IMPORT_MAX_BYTES:
            raise InvalidInput(
                f"{file} is {info.st_size // 1_000_000} MB; painmood imports files up to "
                f"{IMPORT_MAX_BYTES // 1_000_000} MB, and no diary export is that large."
            )
        return file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {file}: {exc.strerror or exc}.") from None


@click.command()
@db_option
@click.argument("dest", required=False)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=None,
    help="Afterwards keep only the N newest good backups of this diary in that folder.",
)
@click.pass_context
def backup(ctx: click.Context, dest: str | None, keep: int | None) -> None:
    """Copy the diary to DEST (default: a dated file in backups/ beside the database).

    DEST may be a new file or an existing folder. The copy is checked before
    it gets its name, so a file under a backup's name always opens. Safe
    while the app is open. To restore, open the copy with --db, or copy it
    over the database while painmood is closed.
    """
    from ..backups import backup_stem, prune_backups, resolve_destination, write_backup

    store = store_from(ctx)
    destination = resolve_destination(store.path, dest, local_today())
    written = write_backup(store, destination)
    click.echo(f"Backed up to {written}")
    if keep is not None:
        removed, broken = prune_backups(written.parent, keep, backup_stem(store.path))
        for path in removed:
            click.echo(f"Removed old backup {path}")
        for path in broken:
            click.echo(f"Left {path} alone: it does not open, so it was not counted.")
