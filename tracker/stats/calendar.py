"""Check-ins on a gap-aware calendar (STATS.md §1).

Index d of a series is a calendar day, so a lag of k always means k days,
however many days the person skipped. Long empty spans are shrunk to
`LONG_GAP` slots: no lag or pair crosses them either way, and a diary with
one check-in in year 0024 costs no more than one without it. `offsets`
keeps every slot's true day number for weekday, trend and the latent model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import CheckIn

LONG_GAP = 31  # empty spans longer than this are shrunk to this many slots


@dataclass(frozen=True)
class Calendar:
    """Fields on calendar slots: slot i is day `start + offsets[i]` (NaN = no value)."""

    start: dt.date | None
    offsets: np.ndarray  # int64 day offsets from `start`, strictly increasing
    columns: dict[str, np.ndarray]

    @property
    def length(self) -> int:
        return int(self.offsets.size)

    def weekdays(self) -> np.ndarray:
        """Weekday (Monday 0) of each slot."""
        first = self.start.weekday() if self.start else 0
        return (first + self.offsets) % 7

    def day(self, slot: int) -> dt.date:
        assert self.start is not None
        return self.start + dt.timedelta(days=int(self.offsets[slot]))


def calendar(checkins: Iterable[CheckIn], fields: Sequence[str]) -> Calendar:
    """Put fields on one calendar from the first to the last check-in, NaN for no value."""
    kept = sorted(checkins, key=lambda c: c.day)
    if not kept:
        return Calendar(None, np.empty(0, dtype=np.int64), {f: np.empty(0) for f in fields})
    first = kept[0].day
    days = np.array([(c.day - first).days for c in kept], dtype=np.int64)
    days, unique = np.unique(days, return_index=True)  # a repeated day: the first given
    step = np.diff(days)
    shrunk = np.minimum(step, LONG_GAP + 1)
    slot_of = np.concatenate([[0], np.cumsum(shrunk)]).astype(np.int64)
    size = int(slot_of[-1]) + 1
    offsets = np.arange(size, dtype=np.int64)
    # Slots inside a shrunk gap keep counting from the day before the gap; the
    # day after the gap takes its true offset (so weekday and trend stay right).
    shift = np.zeros(size, dtype=np.int64)
    extra = step - shrunk
    for position in np.flatnonzero(extra):
        shift[slot_of[position + 1] :] += extra[position]
    offsets += shift
    columns = {}
    chosen = [kept[i] for i in unique]
    for name in fields:
        column = np.full(size, np.nan)
        values = np.array([getattr(c, name) for c in chosen], dtype=float)  # None -> NaN
        column[slot_of] = values
        column[~np.isfinite(column)] = np.nan  # only an unvalidated CheckIn can hold these
        columns[name] = column
    return Calendar(first, offsets, columns)


def calendar_series(checkins: Iterable[CheckIn], field: str) -> tuple[dt.date | None, np.ndarray]:
    """One field as (first day, values with NaN for missing days), gaps shrunk as above."""
    found = calendar(checkins, [field])
    return found.start, found.columns[field]


@dataclass(frozen=True)
class Counts:
    """What the verdicts stand on: complete days and consecutive complete pairs."""

    calendar_days: int  # first to last check-in, inclusive
    complete_days: int  # pain and mood both recorded
    complete_pairs: int  # complete days whose previous calendar day is complete
    pain_days: int
    mood_days: int

    def extended(self, more: int, last_complete: bool) -> Counts:
        """The counts after `more` consecutive complete days after the last check-in."""
        if more <= 0:
            return self
        return Counts(
            self.calendar_days + more,
            self.complete_days + more,
            self.complete_pairs + more - (0 if last_complete else 1),
            self.pain_days + more,
            self.mood_days + more,
        )


def counts(cal: Calendar) -> tuple[Counts, bool]:
    """(counts, whether the last calendar day is complete)."""
    pain, mood = cal.columns["pain"], cal.columns["mood"]
    complete = ~np.isnan(pain) & ~np.isnan(mood)
    consecutive = np.diff(cal.offsets) == 1
    pairs = int((complete[1:] & complete[:-1] & consecutive).sum())
    span = int(cal.offsets[-1]) + 1 if cal.length else 0
    last = bool(complete[-1]) if complete.size else False
    found = Counts(
        span, int(complete.sum()), pairs, int((~np.isnan(pain)).sum()), int((~np.isnan(mood)).sum())
    )
    return found, last
