"""`painmood stats`: lagged pain<->mood statistics as tables, sentences or JSON."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from ..model import DAYS_BACK_MAX, InvalidInput, local_today
from .common import day_argument, db_option, echo_json, store_from

if TYPE_CHECKING:
    from ..model import CheckIn
    from ..questionnaires.association import Association
    from ..stats import StatsReport
    from ..store import Store


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object for scripts.")
@click.option(
    "--days",
    type=click.IntRange(min=1, max=DAYS_BACK_MAX),
    default=None,
    help="Only the last N days up to today (default: the whole diary).",
)
@click.option("--from", "from_day", default=None, help="First day (YYYY-MM-DD).")
@click.option("--to", "to_day", default=None, help="Last day (YYYY-MM-DD).")
@click.pass_context
def stats(
    ctx: click.Context, as_json: bool, days: int | None, from_day: str | None, to_day: str | None
) -> None:
    """Does pain go with mood in the next days, and mood with pain?

    One tested verdict per direction (the next-day effect in points, with its
    interval), the lag picture 0-7 days as description, the optional factors
    and any level shifts. Associations in your own diary, not proof of cause.
    """
    start, end = _period(days, from_day, to_day)
    from ..stats import analyse

    store = store_from(ctx)
    checkins = store.checkins(start=start, end=end)
    report = analyse(checkins, start, end)
    weekly = _questionnaire_associations(store, checkins, start, end)
    if as_json:
        found = report.to_dict()
        if weekly:
            found["questionnaires"] = [item.to_dict() for item in weekly]
        echo_json(found)
        return
    lines = describe_report(report)
    if weekly:
        lines += ["", "Weekly questionnaires against the mean pain and mood of the same week:"]
        for item in weekly:
            lines += _wrapped(item.sentence())
    click.echo("\n".join(lines))


def _questionnaire_associations(
    store: Store, checkins: list[CheckIn], start: dt.date | None, end: dt.date | None
) -> list[Association]:
    """PHQ-9, GAD-7 and PEG scores against the same weeks' daily means; none if never answered."""
    from ..questionnaires.association import associate
    from ..questionnaires.storage import results

    answered = results(store, start=start, end=end)
    return associate(answered, checkins) if answered else []


def _period(
    days: int | None, from_day: str | None, to_day: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) from --days or --from/--to; refuse both at once and a reversed range."""
    if days is not None and (from_day or to_day):
        raise click.UsageError("use either --days or --from/--to, not both")
    if days is not None:
        today = local_today()
        return today - dt.timedelta(days=days - 1), today
    start, end = day_argument(from_day, "from"), day_argument(to_day, "to")
    if start and end and start > end:
        raise InvalidInput(
            f"--from {start.isoformat()} is after --to {end.isoformat()}; swap them.", "from"
        )
    return start, end


_RESULT = {
    "tested": "no clear link",
    "preliminary": "preliminary",
    "fallback": "not tested",
    "needs-days": "more days needed",
    "no-variation": "cannot test yet",
}


def _wrapped(sentence: str) -> list[str]:
    """One sentence as indented lines that fit 80 columns."""
    import textwrap

    return textwrap.wrap(sentence, 78, initial_indent="  ", subsequent_indent="  ")


def _verdict_table(report: StatsReport) -> list[str]:
    """The two verdicts as rows, their sentences and their 7-day responses."""
    from ..stats import format_ci, format_p, format_r

    lines = [
        "Does one go with the other the next day? (the test)",
        f"{'direction':<18} {'effect':>6}  {'95% interval':<16} {'p':>6}  result",
    ]
    for verdict in report.verdicts:
        cause, target = verdict.direction.split("->")
        result = _RESULT.get(verdict.status, verdict.status.replace("-", " "))
        if verdict.flagged:
            result = "stands out"
        elif verdict.probably_no_link:
            result = "probably no link"
        lines.append(
            f"{cause + ' -> next ' + target:<18} {format_r(verdict.effect_per_point):>6}  "
            f"{format_ci(verdict.ci):<16} {format_p(verdict.p):>6}  {result}"
        )
    lines.append("")
    for verdict in report.verdicts:
        lines += _wrapped(verdict.sentence)
    for verdict in report.verdicts:
        if verdict.response:
            cause, target = verdict.direction.split("->")
            days = " ".join(f"{value:+.2f}" for value in verdict.response)
            lines.append(f"  {target.capitalize()} on days 1-7 per point of {cause}: {days}")
    return lines


def _lag_table(report: StatsReport) -> list[str]:
    """r at 0-7 days apart each way, with the pairs behind them (description only)."""
    from ..stats import DIRECTIONS, format_r

    lines = ["", "Lag picture (a description, not a test): r between the scores k days apart"]
    lines.append(f"{'lag':>3}  {'pairs':>5}  {'pain->mood':>10}  {'mood->pain':>10}")
    by_key = {(item.direction, item.lag): item for item in report.lagged}
    for lag in range(8):
        there, back = by_key.get((DIRECTIONS[0], lag)), by_key.get((DIRECTIONS[1], lag))
        pairs = there.n if there else 0
        lines.append(
            f"{lag:>3}  {pairs:>5}  {format_r(there.r if there else None):>10}  "
            f"{format_r(back.r if back else None):>10}"
        )
    return lines


def _shift_lines(report: StatsReport) -> list[str]:
    """Level shifts, then the last 6 months against before and any link that changed."""
    if not report.level_shifts:
        return []
    lines = ["", "Level shifts:"]
    for shift in report.level_shifts:
        lines += _wrapped(shift.sentence)
    if report.recent_levels:
        lines += ["", "The last 6 months against before (means in points, 95% intervals):"]
        for level in report.recent_levels:
            lines += _wrapped(level.sentence)
    changed = [c for c in report.link_changes if c.held in ("before", "since")]
    if changed:
        lines += ["", "A link that changed with the shift (each side fitted on its own):"]
        for change in changed:
            lines += _wrapped(change.sentence)
    return lines


def describe_report(report: StatsReport) -> list[str]:
    """The report for people: verdicts, the lag picture, factors, shifts, what stands out.

    Every column shown is explained at the end; p-values of the description and
    Spearman's rho are left to `--json`.
    """
    from ..stats import MIN_SHOWN_DAYS, format_ci, format_r

    span = report.days
    if span.first is None or span.last is None:  # no day observed
        return [
            "No check-ins in this period yet; "
            f"{MIN_SHOWN_DAYS} days with pain and mood are needed for a first look."
        ]
    lines = [
        f"{span.first.isoformat()} to {span.last.isoformat()}: {span.observed} days checked "
        f"in, {span.complete} with pain and mood.",
        *(
            ["Scores adjusted for weekday and trend first."]
            if report.adjusted and span.complete
            else []
        ),
        "",
    ]
    if any(verdict.effect_per_point is not None for verdict in report.verdicts):
        lines += _verdict_table(report)
    else:  # nothing to tabulate: what is needed, said once
        for sentence in dict.fromkeys(verdict.sentence for verdict in report.verdicts):
            lines += _wrapped(sentence)
    if any(item.r is not None for item in report.lagged):
        lines += _lag_table(report)
    else:
        lines += ["", "Lag picture: a number is shown from 30 pairs of days."]
    shown = [f for f in report.factors if f.r is not None]
    lines.append("")
    if shown:
        lines.append("Factors (a description; named below only if they stand out):")
        lines.append(f"{'factor':<16} {'with':<5} {'lag':>3}  {'pairs':>5}  {'r':>5}  95% interval")
        for f in shown:
            lines.append(
                f"{f.factor.replace('_', ' '):<16} {f.target:<5} {f.lag:>3}  {f.n:>5}  "
                f"{format_r(f.r):>5}  {format_ci(f.ci)}"
            )
    else:
        lines.append("Factors (sleep, stress, ...): not enough days with them recorded yet.")
    lines += _shift_lines(report)
    lines += ["", "What stands out:"]
    for sentence in report.stands_out():
        lines += _wrapped(sentence)
    lines += [
        "",
        "effect: change in the later score per point of the earlier one, from a model",
        "that allows for each score's persistence and for the noise in typed scores.",
        "p: how surprising the effect would be with no link; it stands out when p is",
        "below 0.05 after allowing for testing two directions. r: correlation from -1",
        "to +1. pairs: days with both scores k days apart. More: painmood stats --json.",
    ]
    return lines
