"""`painmood stats`: lagged pain<->mood statistics as tables, sentences or JSON."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from ..model import DAYS_BACK_MAX, InvalidInput, local_today
from .common import day_argument, db_option, echo_json, store_from

if TYPE_CHECKING:
    from ..stats import StatsReport


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

    Correlations at 0-7 days apart in both directions, a next-day regression
    each way, and the optional factors. Associations in your own diary, not
    proof of cause.
    """
    start, end = _period(days, from_day, to_day)
    from ..stats import analyse

    report = analyse(store_from(ctx).checkins(start=start, end=end), start, end)
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo("\n".join(describe_report(report)))


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


def describe_report(report: StatsReport) -> list[str]:
    """The report for people: a table per direction, the regressions, factors, sentences."""
    from ..stats import (
        DIRECTIONS,
        direction_title,
        format_ci,
        format_p,
        format_r,
        status_note,
    )

    span = report.days
    if span.first is None or span.last is None:  # no day observed
        return ["No check-ins in this period yet; 20 days of pain and mood are needed."]
    lines = [
        f"{span.first.isoformat()} to {span.last.isoformat()}: {span.observed} days checked in"
        + (", adjusted for weekday and trend." if report.weekday else "."),
        "",
    ]
    header = f"{'lag':>3}  {'pairs':>5}  {'r':>5}  {'95% CI':<16} {'rho':>5}  {'prew.':>5}  "
    header += f"{'p':>6}  {'q':>6}  note"
    for direction in DIRECTIONS:
        lines += [direction_title(direction), header]
        for item in report.direction(direction):
            lines.append(
                f"{item.lag:>3}  {item.n:>5}  {format_r(item.r):>5}  {format_ci(item.ci):<16} "
                f"{format_r(item.rho):>5}  {format_r(item.r_prewhitened):>5}  "
                f"{format_p(item.p):>6}  {format_p(item.q):>6}  {status_note(item)}".rstrip()
            )
        lines.append("")
    lines.append("Next-day regression (yesterday's other score, beyond yesterday's own):")
    lines += [f"  {item.sentence}" for item in report.cross_lagged]
    lines.append("")
    shown = [f for f in report.factors if f.r is not None]
    if shown:
        lines.append(f"{'factor':<16} {'with':<5} {'lag':>3}  {'pairs':>5}  {'r':>5}  "
                     f"{'95% CI':<16} {'p':>6}  note")  # fmt: skip
        for f in shown:
            lines.append(
                f"{f.factor.replace('_', ' '):<16} {f.target:<5} {f.lag:>3}  {f.n:>5}  "
                f"{format_r(f.r):>5}  {format_ci(f.ci):<16} {format_p(f.p):>6}  "
                f"{status_note(f)}".rstrip()
            )
    else:
        lines.append("Factors (sleep, stress, ...): not enough days with them recorded yet.")
    lines += ["", "What stands out:"]
    lines += [f"  {item.sentence}" for item in report.highlights()]
    lines += [
        "",
        "r runs from -1 to +1. Flagged means q < 0.05 after allowing for each score's own",
        "day-to-day persistence and for testing 15 lags; it is an association, not a cause.",
    ]
    return lines
