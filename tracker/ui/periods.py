"""The one list of periods that the charts, statistics and export screens offer.

A period is (words shown, days back from today); None days means the whole
diary. Every screen offers the same periods in the same order (shortest
first), starts on the same one, and reads their dates and draws the choice
the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

Period = tuple[str, int | None]

PERIODS: tuple[Period, ...] = (
    ("30 days", 30),
    ("90 days", 90),
    ("1 year", 365),
    ("all", None),
)
# A year: enough days for the statistics, still a readable chart.
DEFAULT_PERIOD = 2


def next_period(index: int) -> int:
    """The period `p` steps to from `index` (after "all" comes the shortest again)."""
    return (index + 1) % len(PERIODS)


def period_dates(period: Period, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a period ending today; (None, None) for the whole diary."""
    days = period[1]
    if days is None:
        return None, None
    return today - dt.timedelta(days=days - 1), today


def append_period_choices(caption: Text, periods: Sequence[Period], chosen: int) -> None:
    """` Period (p): 30 days  90 days ...` with the chosen one highlighted."""
    caption.append(" Period (p):")
    for index, (words, _days) in enumerate(periods):
        caption.append(f" {words} ", style="bold reverse" if index == chosen else "")
