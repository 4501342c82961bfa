"""The two ways the app writes a date: one long, one short.

Long where there is room and the day matters (form titles, the day under the
history cursor, questions); short in lines and tables. Every screen uses
these two, so a day always reads the same way.
"""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """`Sunday 15 March 2026`."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """`Sun 05 Mar 2026` (zero-padded, so a column of days lines up)."""
    return f"{day:%a %d %b %Y}"
