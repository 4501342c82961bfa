"""When the weekly questionnaires are offered: due, answered, or skipped for the week.

Default: due 7 days after the last questionnaire answered (or the last time
the offer was skipped); the very first offer comes a week into the diary
(7 days after its first check-in), not on the first day someone opens it. A person may
choose a weekday instead (a preference kept in the diary's painmood_meta
table, not in revisions: it is a setting, not diary data); then they are due
from that weekday on until answered or skipped. The offer never blocks the
daily check-in: this module only says whether to show it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..model import InvalidInput

if TYPE_CHECKING:
    from ..store import Store

INTERVAL_DAYS = 7
WEEKDAY_KEY = "questionnaire.weekday"
SKIPPED_KEY = "questionnaire.skipped_on"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _meta(store: Store, key: str) -> str | None:
    with store._reading() as conn:
        row = conn.execute("SELECT value FROM painmood_meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def _set_meta(store: Store, key: str, value: str | None) -> None:
    with store._write() as conn:
        if value is None:
            conn.execute("DELETE FROM painmood_meta WHERE key = ?", [key])
        else:
            conn.execute(
                "INSERT OR REPLACE INTO painmood_meta (key, value) VALUES (?, ?)", [key, value]
            )


def weekday(store: Store) -> int | None:
    """The chosen weekday (0 Monday ... 6 Sunday), or None for "7 days after the last"."""
    value = _meta(store, WEEKDAY_KEY)
    return WEEKDAYS.index(value) if value in WEEKDAYS else None


def set_weekday(store: Store, name: str | None) -> None:
    """Choose the weekday (mon ... sun), or None / `off` for 7 days after the last."""
    if name is None or name.strip().lower() in ("off", "none", ""):
        _set_meta(store, WEEKDAY_KEY, None)
        return
    short = name.strip().lower()[:3]
    if short not in WEEKDAYS:
        raise InvalidInput(
            f"{name[:20]!r} is not a weekday; use one of {', '.join(WEEKDAYS)}, or off.",
            "weekday",
        )
    _set_meta(store, WEEKDAY_KEY, short)


def skip(store: Store, today: dt.date) -> None:
    """Skip this week's offer (asked again when the next one is due)."""
    _set_meta(store, SKIPPED_KEY, today.isoformat())


def last_seen(store: Store) -> dt.date | None:
    """The later of the last questionnaire answered and the last offer skipped."""
    from .storage import results

    days = [r.day for r in results(store)]
    skipped = _meta(store, SKIPPED_KEY)
    if skipped:
        try:
            days.append(dt.date.fromisoformat(skipped))
        except ValueError:
            pass  # a damaged setting only makes the offer come sooner
    return max(days) if days else None


def is_due(store: Store, today: dt.date) -> bool:
    """Whether the check-in screen offers the weekly questionnaires today."""
    last = last_seen(store)
    if last is None:
        span = store.span()
        return span is not None and (today - span[0]).days >= INTERVAL_DAYS
    if last >= today:
        return False
    chosen = weekday(store)
    if chosen is None:
        return (today - last).days >= INTERVAL_DAYS
    latest_chosen_day = today - dt.timedelta(days=(today.weekday() - chosen) % 7)
    return latest_chosen_day > last
