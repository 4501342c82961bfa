"""`painmood chart`: a chart of the diary on stdout (works over SSH, in pipes, in cron mail)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys

import click

from .. import charts
from ..charts import CHART_KINDS, FACTOR_NAMES, Style, choose_style
from ..model import DAYS_BACK_MAX, CheckIn, local_today
from .common import db_option, store_from

DEFAULT_SIZE = (100, 30)


FACTOR_WORDS = ", ".join(name.replace("_", "-") for name in FACTOR_NAMES)


def _factor_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Accept `sleep-hours` as well as `sleep_hours`, in any case."""
    if value is None:
        return None
    name = value.strip().lower().replace("-", "_")
    if name not in FACTOR_NAMES:
        raise click.BadParameter(f"{value!r} is not one of {FACTOR_WORDS}.")
    return name


@click.command()
@db_option
@click.argument("kind", type=click.Choice((*CHART_KINDS, "questionnaires")))
@click.option(
    "--factor",
    metavar="NAME",
    callback=_factor_name,
    default=None,
    help=f"factor chart: one of {FACTOR_WORDS} (default: the one recorded most often).",
)
@click.option(
    "--against",
    type=click.Choice(["pain", "mood"]),
    default="pain",
    show_default=True,
    help="factor chart: what to show under the factor.",
)
@click.option("--reverse", is_flag=True, help="scatter chart: mood today against pain tomorrow.")
@click.option(
    "--days",
    type=click.IntRange(min=1, max=DAYS_BACK_MAX),
    default=None,
    help="Only the last N days up to today (default: the whole diary).",
)
@click.option(
    "--width",
    type=click.IntRange(min=40, max=1000),
    default=None,
    help="Width in characters (default: the terminal's, else 100).",
)
@click.option(
    "--height",
    type=click.IntRange(min=12, max=500),
    default=None,
    help="Height in lines (default: the terminal's, else 30).",
)
@click.option(
    "--theme",
    type=click.Choice(["dark", "light", "mono"]),
    default=None,
    help="Colours for a dark or light terminal, or none (default: dark on a terminal; "
    "none in a pipe or when NO_COLOR is set).",
)
@click.pass_context
def chart(
    ctx: click.Context,
    kind: str,
    factor: str | None,
    against: str,
    reverse: bool,
    days: int | None,
    width: int | None,
    height: int | None,
    theme: str | None,
) -> None:
    """Draw a chart: trend, lags, scatter, weekly or factor.

    \b
    trend    pain and mood over time (7-day means; weekly/monthly means for long spans)
    lags     correlation of pain and mood 0-7 days apart, both directions
    scatter  pain today against mood tomorrow (--reverse: mood today, pain tomorrow)
    weekly   weekly means and the weekday pattern
    factor   a factor (--factor) over time above pain or mood (--against)
    questionnaires  PHQ-9, GAD-7 and PEG scores with their published band edges
    """
    size = _size(width, height)
    style = _style(theme)
    today = local_today()
    start = today - dt.timedelta(days=days - 1) if days else None
    end = today if days else None
    if kind == "questionnaires":
        from ..charts.questionnaire_chart import questionnaire_chart
        from ..questionnaires.storage import results

        found = results(store_from(ctx), start=start, end=end)
        drawn = questionnaire_chart(found, start, end, *size, style)
        click.echo(drawn.text, color=style != "mono")
        return
    checkins = store_from(ctx).checkins(start=start, end=end)
    lagged = _lagged(checkins) if kind == "lags" else ()
    result = charts.draw_chart(
        kind,
        checkins,
        start,
        end,
        *size,
        style,
        factor=factor,
        against=against,
        reverse=reverse,
        lagged=lagged,
    )
    click.echo(result.text, color=style != "mono")


def _lagged(checkins: list[CheckIn]) -> list:  # list[stats.LaggedResult]
    """The lagged correlations the lag chart draws (scipy is imported only here)."""
    from ..stats import analyse

    return list(analyse(checkins).lagged)


def _size(width: int | None, height: int | None) -> tuple[int, int]:
    """The given size, else the terminal's when stdout is one, else 100x30."""
    if sys.stdout.isatty():
        columns, lines = shutil.get_terminal_size(DEFAULT_SIZE)
        default = (columns, max(lines - 1, 12))  # leave the prompt line
    else:
        default = DEFAULT_SIZE
    return (width or default[0], height or default[1])


def _style(theme: str | None) -> Style:
    """No colour codes in a pipe or with NO_COLOR; otherwise the chosen theme."""
    if theme == "mono" or not sys.stdout.isatty() or os.environ.get("NO_COLOR", ""):
        return "mono"
    return choose_style(dark=theme != "light")
