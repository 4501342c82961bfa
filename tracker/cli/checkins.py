"""Daily commands: log a check-in, show the diary, delete, undo, status, where."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from ..model import CheckIn, InvalidInput, describe_checkin, local_today
from ..store import SAVE_OUTCOME_WORDS, NotFound, NothingToUndo
from .common import ExitCode, day_argument, db_option, db_path_from, echo_json, store_from


def _score_option(name: str, help_text: str) -> Any:
    return click.option(f"--{name.replace('_', '-')}", name, default=None, help=help_text)


@click.command()
@db_option
@_score_option("pain", "Pain 0-10 (0 no pain, 10 worst imaginable).")
@_score_option("mood", "Mood 0-10 (0 worst, 10 best).")
@click.option(
    "--day", "day", default="today", show_default=True, help="YYYY-MM-DD, today or yesterday."
)
@_score_option("sleep_hours", "Hours slept, 0-24.")
@_score_option("sleep_quality", "Sleep quality 0-10.")
@_score_option("stress", "Stress 0-10.")
@_score_option("anxiety", "Anxiety 0-10.")
@_score_option("fatigue", "Fatigue 0-10.")
@_score_option("activity_minutes", "Minutes of activity, 0-1440.")
@click.option("--tag", "tags", multiple=True, help="A short word (repeatable): physio, yoga ...")
@click.option("--note", default=None, help="Free text.")
@click.pass_context
def log(ctx: click.Context, day: str, tags: tuple[str, ...], **values: Any) -> None:
    """Save a check-in; a second one on the same day updates it (kept as a revision)."""
    given: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    if tags:
        given["tags"] = list(tags)
    the_day = day_argument(day)
    today = local_today()
    # Validate what was typed before the database is even opened.
    try:
        CheckIn.create(today=today, **{"pain": 0, **given, "day": the_day})
    except InvalidInput as exc:
        option = f"--{(exc.field_name or 'pain').replace('_', '-')}"
        option = "--tag" if option == "--tags" else option
        raise InvalidInput(f"{option}: {exc}", exc.field_name) from None
    needs_score = InvalidInput("A check-in needs --pain or --mood (or both).", "pain")
    has_score = "pain" in given or "mood" in given
    if not has_score and not db_path_from(ctx).exists():
        raise needs_score  # nothing to add the factors to, and no file to create
    store = store_from(ctx)
    existing = store.get(the_day)
    if existing is None and not has_score:
        raise needs_score
    merged = existing.to_dict() if existing else {}
    merged.update(given)
    merged["day"] = the_day
    checkin = CheckIn.create(today=today, **merged)
    outcome = store.save(checkin)
    verb = SAVE_OUTCOME_WORDS[outcome]
    click.echo(f"{verb}: {describe_checkin(checkin)}")


@click.command()
@db_option
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=14,
    show_default=True,
    help="How many days back from today.",
)
@click.option("--all", "show_all", is_flag=True, help="Every check-in.")
@click.option("--json", "as_json", is_flag=True, help="JSON array for scripts, oldest first.")
@click.pass_context
def show(ctx: click.Context, days: int, show_all: bool, as_json: bool) -> None:
    """List check-ins, oldest first."""
    today = local_today()
    start = None if show_all else today - dt.timedelta(days=days - 1)
    checkins = []
    if db_path_from(ctx).exists():  # reading never creates the diary
        checkins = store_from(ctx).checkins(start=start, end=None if show_all else today)
    if as_json:
        echo_json([c.to_dict() for c in checkins])
        return
    if not checkins:
        click.echo("No check-ins in this period.")
        return
    click.echo(_table(checkins))


def _table(checkins: list[CheckIn]) -> str:
    headers = [
        "day",
        "pain",
        "mood",
        "sleep",
        "sq",
        "stress",
        "anx",
        "fatigue",
        "act",
        "tags",
        "note",
    ]
    rows = []
    for c in checkins:
        note = (c.note or "").replace("\n", " ")
        rows.append(
            [
                c.day.isoformat(),
                *(
                    "" if v is None else f"{v:g}"
                    for v in (
                        c.pain,
                        c.mood,
                        c.sleep_hours,
                        c.sleep_quality,
                        c.stress,
                        c.anxiety,
                        c.fatigue,
                        c.activity_minutes,
                    )
                ),
                ",".join(c.tags),
                note if len(note) <= 30 else note[:29] + "…",
            ]
        )
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


@click.command()
@db_option
@click.argument("day")
@click.pass_context
def delete(ctx: click.Context, day: str) -> None:
    """Delete the check-in on DAY (`painmood undo` brings it back)."""
    the_day = day_argument(day)  # a bad day is refused before the diary is opened
    if not db_path_from(ctx).exists():
        raise NotFound(f"There is no check-in on {the_day.isoformat()}.")
    removed = store_from(ctx).delete(the_day)
    click.echo(f"Deleted: {describe_checkin(removed)} (undo with 'painmood undo')")


@click.command()
@db_option
@click.pass_context
def undo(ctx: click.Context) -> None:
    """Undo the last change (save, edit, delete, or a whole import) and say how many days."""
    if not db_path_from(ctx).exists():
        raise NothingToUndo("There is no change to undo.")
    click.echo(store_from(ctx).undo().sentence())  # the whole last change-set, e.g. an import


@click.command()
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code.")
@click.pass_context
def status(ctx: click.Context, quiet: bool) -> None:
    """Exit 0 if today has a check-in, 1 if not (for prompts and cron)."""
    today = local_today()
    checkin = None
    path = db_path_from(ctx)
    if path.exists():  # a reminder from cron never creates the diary
        from ..encryption import looks_encrypted

        if looks_encrypted(path):  # never asks, never derives the key: see encrypted_status
            from .crypto_commands import encrypted_status

            written_today, message = encrypted_status(path, today)
            if not quiet:
                click.echo(message)
            ctx.exit(ExitCode.OK if written_today else ExitCode.NOT_FOUND)
        checkin = store_from(ctx).get(today)
    if not quiet:
        if checkin:
            streak = store_from(ctx).streak(today)
            plural = "" if streak == 1 else "s"
            summary = describe_checkin(checkin)
            click.echo(f"Checked in today: {summary}; streak {streak} day{plural}.")
        else:
            click.echo(f"No check-in yet today ({today.isoformat()}).")
    ctx.exit(ExitCode.OK if checkin else ExitCode.NOT_FOUND)


@click.command()
@db_option
@click.pass_context
def where(ctx: click.Context) -> None:
    """Print the database path."""
    click.echo(str(db_path_from(ctx)))
