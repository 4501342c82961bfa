"""The periods the charts and statistics screens step through with `p`.

A period is (words shown, days back from today); None days means the whole
diary. Both screens read their dates and draw their choices the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

Period = tuple[str, int | None]


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
