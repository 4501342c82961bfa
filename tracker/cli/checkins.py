"""Daily commands: log a check-in, show the diary, delete, undo, status, where."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from ..model import (
    DAYS_BACK_MAX,
    FIRST_POSSIBLE_DAY,
    SCALES,
    CheckIn,
    InvalidInput,
    describe_checkin,
    local_today,
    parse_day,
    plural,
)
from ..store import SAVE_OUTCOME_WORDS, NotFound, NothingToUndo
from .common import ExitCode, day_argument, db_option, db_path_from, echo_json, store_from

# Fields `--clear` can empty, in the spelling of their options.
CLEARABLE: tuple[str, ...] = tuple(name.replace("_", "-") for name in (*SCALES, "tags", "note"))
# A day further than this before the diary's first one needs --force.
EARLY_DAY_MARGIN = dt.timedelta(days=366)


def _score_option(name: str, help_text: str) -> Any:
    return click.option(f"--{name.replace('_', '-')}", name, default=None, help=help_text)


def _option_of(field_name: str | None) -> str:
    """The option a person typed for a field: pain -> --pain, tags -> --tag."""
    name = field_name or "pain"
    return "--tag" if name == "tags" else f"--{name.replace('_', '-')}"


def _refuse_blanks(given: dict[str, Any]) -> None:
    """An empty value never erases what is stored: clearing is said with --clear."""
    for name, value in given.items():
        values = value if isinstance(value, list) else [value]
        if any(not str(v).strip() for v in values):
            option = _option_of(name)
            clear = "tags" if name == "tags" else name.replace("_", "-")
            raise InvalidInput(
                f"{option} is empty; give a value, or use --clear {clear} to remove "
                "the stored one.",
                name,
            )


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
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=click.Choice(CLEARABLE),
    help="Remove a stored field of the day (repeatable), e.g. --clear stress.",
)
@click.option(
    "--force", is_flag=True, help="Accept a day more than a year before the diary's first day."
)
@click.pass_context
def log(
    ctx: click.Context,
    day: str,
    tags: tuple[str, ...],
    clear: tuple[str, ...],
    force: bool,
    **values: Any,
) -> None:
    """Save a check-in; a second one on the same day updates it (kept as a revision).

    Only the options given change the day. An empty value is refused; to remove
    a stored value, name it with --clear (pain or mood can be cleared while the
    other one stays).
    """
    given: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    if tags:
        given["tags"] = list(tags)
    _refuse_blanks(given)
    cleared = [name.replace("-", "_") for name in clear]
    both = [name for name in cleared if name in given]
    if both:
        raise InvalidInput(
            f"{_option_of(both[0])} and --clear {clear[cleared.index(both[0])]} contradict "
            "each other; give one.",
            both[0],
        )
    if not given and not cleared:
        raise InvalidInput(
            "Nothing to save: give a score, e.g. painmood log --pain 4 --mood 6 "
            "(see painmood log --help).",
            "pain",
        )
    the_day = day_argument(day)
    today = local_today()
    # Validate what was typed before the database is even opened.
    try:
        CheckIn.create(today=today, **{"pain": 0, **given, "day": the_day})
    except InvalidInput as exc:
        raise InvalidInput(f"{_option_of(exc.field_name)}: {exc}", exc.field_name) from None
    needs_score = InvalidInput("A check-in needs --pain or --mood (or both).", "pain")
    has_score = "pain" in given or "mood" in given
    if not db_path_from(ctx).exists():
        if cleared:
            raise NotFound(f"There is no check-in on {the_day.isoformat()} to clear.")
        if not has_score:
            raise needs_score  # nothing to add the factors to, and no file to create
    store = store_from(ctx)
    existing = store.get(the_day)
    if existing is None:
        if cleared:
            raise NotFound(f"There is no check-in on {the_day.isoformat()} to clear.")
        if not has_score:
            raise needs_score
        _refuse_an_early_day(store, the_day, force)
    merged = existing.to_dict() if existing else {}
    merged.update(given)
    merged.update({name: None for name in cleared})
    merged["day"] = the_day
    try:
        checkin = CheckIn.create(today=today, **merged)
    except InvalidInput as exc:
        if cleared and exc.field_name == "pain":
            raise InvalidInput(
                "A check-in needs a pain or a mood score; clearing would leave neither "
                f"(to remove the whole day: painmood delete {the_day.isoformat()}).",
                "pain",
            ) from None
        raise
    outcome = store.save(checkin)
    verb = SAVE_OUTCOME_WORDS[outcome]
    click.echo(f"{verb}: {describe_checkin(checkin)}")


def _refuse_an_early_day(store: Any, day: dt.date, force: bool) -> None:
    """A new day long before the diary began is most likely a mistyped year."""
    span = store.span()
    if force or span is None or day >= span[0] - EARLY_DAY_MARGIN:
        return
    raise InvalidInput(
        f"--day {day.isoformat()} is more than a year before the diary's first day "
        f"({span[0].isoformat()}); check the year, or add --force if it is right.",
        "day",
    )


@click.command()
@db_option
@click.option(
    "--days",
    type=click.IntRange(min=1, max=DAYS_BACK_MAX),
    default=14,
    show_default=True,
    help=f"How many days back from today (up to {DAYS_BACK_MAX}; --all for every check-in).",
)
@click.option("--all", "show_all", is_flag=True, help="Every check-in.")
@click.option("--json", "as_json", is_flag=True, help="JSON array for scripts, oldest first.")
@click.pass_context
def show(ctx: click.Context, days: int, show_all: bool, as_json: bool) -> None:
    """List check-ins, oldest first; days without one are counted, not listed."""
    today = local_today()
    start = None if show_all else max(today - dt.timedelta(days=days - 1), FIRST_POSSIBLE_DAY)
    # A reading command: a missing diary is "There is no diary at PATH", never created.
    checkins = store_from(ctx).checkins(start=start, end=None if show_all else today)
    if as_json:
        echo_json([c.to_dict() for c in checkins])
        return
    if not checkins:
        click.echo("No check-ins in this period.")
        return
    click.echo(_table(checkins))
    # Count the gaps from the start of the period or the diary's first day, whichever is later.
    diary_first = checkins[0].day if show_all else store_from(ctx).span()[0]
    first = checkins[0].day if start is None or diary_first >= start else start
    last = checkins[-1].day if show_all else today
    span = (last - first).days + 1
    missing = span - len(checkins)
    shown = f"{plural(len(checkins), 'check-in')} over {plural(span, 'day')}"
    if missing:
        click.echo(f"{shown}; {plural(missing, 'day')} without a check-in not listed.")
    else:
        click.echo(f"{shown}.")


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
    try:  # a bad day is refused before the diary is opened; any stored day can go
        the_day = parse_day(day, today=local_today(), earliest=dt.date.min)
    except InvalidInput as exc:
        raise InvalidInput(f"DAY: {exc}", "day") from None
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
