"""What every chart shares: the kinds, styles and limits, and the plain values charts draw.

A chart is a `Chart` (text, or one sentence saying why nothing is drawn yet);
the data behind a time chart is a `Timeline` of `Series`; a lagged result as
the lag charts need it is a `LagPoint`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..model import FACTORS

Style = Literal["dark", "light", "mono"]
Unit = Literal["day", "week", "month", "quarter", "year"]

CHART_KINDS: tuple[str, ...] = ("trend", "lags", "scatter", "weekly", "factor")
FACTOR_NAMES: tuple[str, ...] = tuple(scale.name for scale in FACTORS)
DIRECTIONS: tuple[str, ...] = ("pain->mood", "mood->pain")

ROLLING_DAYS = 7
ROLLING_MIN_DAYS = 4  # a 7-day mean needs at least 4 observed days in its window
MIN_TREND_DAYS = 2
MIN_SCATTER_PAIRS = 5
MIN_WEEKLY_DAYS = 7
MIN_FACTOR_DAYS = 2
LAG_MIN_PAIRS = 20  # stats shows no r below this (STATS.md section 5)
_UNIT_WORDS: dict[str, tuple[str, str]] = {
    # unit -> (adjective for titles, plural noun)
    "day": ("daily", "days"),
    "week": ("weekly", "weeks"),
    "month": ("monthly", "months"),
    "quarter": ("quarterly", "quarters"),
    "year": ("yearly", "years"),
}
_WEEKDAYS = tuple(calendar.day_abbr)  # Mon .. Sun


@dataclass(frozen=True)
class Chart:
    """A chart as text: `drawn` is False when `text` is a "not enough data" sentence."""

    text: str
    drawn: bool = True

    @classmethod
    def not_enough(cls, sentence: str) -> Chart:
        return cls(sentence, drawn=False)


@dataclass(frozen=True)
class Series:
    """One thing to draw: `segments` are runs of consecutive points, never joined."""

    name: str  # "pain", "mood" or a factor name: picks the colour
    label: str  # legend text
    segments: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]
    lines: bool = True  # False: separate dots (daily values)

    @property
    def point_count(self) -> int:
        return sum(len(xs) for xs, _ in self.segments)


@dataclass(frozen=True)
class Timeline:
    """Series over a calendar period, at one resolution (`unit`)."""

    start: dt.date
    end: dt.date
    unit: Unit
    series: tuple[Series, ...]

    @property
    def span_days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class LagPoint:
    """One lagged correlation as the lag chart needs it (from stats results or tuples)."""

    direction: str
    lag: int
    r: float | None
    ci: tuple[float, float] | None = None
    flagged: bool = False
    n: int = 0
    status: str = ""


def choose_style(
    dark: bool = True, monochrome: bool = False, environ: Mapping[str, str] | None = None
) -> Style:
    """The style for a caller: "mono" when asked or when NO_COLOR is set (no-color.org)."""
    environ = os.environ if environ is None else environ
    if monochrome or environ.get("NO_COLOR", ""):
        return "mono"
    return "dark" if dark else "light"
