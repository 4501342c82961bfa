"""The statistics part of the report, read from the statistics module's own results.

The report shows what `tracker.stats.analyse` says, each sentence once: the
verdict of each direction (its sentence carries the effect, the interval of
the test that decides and its p), then what stands out, then the factors.
The lagged correlations are a picture (the lag chart) and the factors one
small table of r, not more bullets: both are descriptions, not tests, so
they carry no p and no flag.

This is the one place that knows the shape of the statistics results. It
reads the per-direction `verdicts` when the statistics module has them, and
otherwise the older results (the next-day regression of each direction),
so the report works with either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import CheckIn

FACTOR_COLUMNS: tuple[tuple[str, int], ...] = (("pain", 0), ("pain", 1), ("mood", 0), ("mood", 1))
FACTOR_HEADERS = [
    "Factor",
    "Days",
    "Pain same day",
    "Pain next day",
    "Mood same day",
    "Mood next day",
]


@dataclass(frozen=True)
class FactorRow:
    """One factor's correlation r with pain and mood, the same day and the next."""

    label: str
    days: int
    r: tuple[float | None, ...]  # in FACTOR_COLUMNS order

    def cells(self) -> list[str]:
        return [self.label, str(self.days), *("–" if r is None else f"{r:+.2f}" for r in self.r)]


@dataclass(frozen=True)
class ReportStats:
    """What the report shows of the statistics, as plain values."""

    verdict: list[str]  # one sentence per direction, pain->mood first
    stands_out: list[str] = field(default_factory=list)
    factors: list[FactorRow] = field(default_factory=list)
    lagged: list[Any] = field(default_factory=list)  # items with direction, lag, n, r, ci

    def sentences(self) -> list[str]:
        """Every sentence shown, in order, each once."""
        return list(dict.fromkeys([*self.verdict, *self.stands_out]))


def _unique(items: Sequence[str], already: Sequence[str]) -> list[str]:
    seen = set(already)
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def report_stats(checkins: Sequence[CheckIn]) -> ReportStats:
    """Analyse the period's check-ins and pick what a clinician reads."""
    from .. import stats

    found = stats.analyse(list(checkins))
    verdicts = getattr(found, "verdicts", None)
    if verdicts is not None:
        verdict = [str(item.sentence) for item in verdicts]
    else:
        verdict = [
            str(result.sentence)
            for direction in stats.DIRECTIONS
            if (result := found.regression(direction)) is not None
        ]
    verdict = _unique(verdict, [])
    stands = getattr(found, "stands_out", None)
    stands_out = _unique([str(s) for s in stands()], verdict) if callable(stands) else []
    return ReportStats(verdict, stands_out, factor_rows(found.factors), list(found.lagged))


def factor_rows(factors: Sequence[Any]) -> list[FactorRow]:
    """The factors' r by pain/mood and same/next day; a factor with no r at all is left out."""
    from ..model import SCALES

    found: dict[str, dict[tuple[str, int], Any]] = {}
    for item in factors:
        key = (str(getattr(item, "target", "")), int(getattr(item, "lag", -1)))
        if key in FACTOR_COLUMNS:
            found.setdefault(str(getattr(item, "factor", "")), {})[key] = item
    rows = []
    for name, cells in found.items():
        values = tuple(_r(cells.get(column)) for column in FACTOR_COLUMNS)
        if any(v is not None for v in values) and name in SCALES:
            days = max(int(getattr(item, "n", 0) or 0) for item in cells.values())
            rows.append(FactorRow(SCALES[name].label, days, values))
    return rows


def _r(item: Any) -> float | None:
    value = getattr(item, "r", None)
    return None if value is None or value != value else float(value)
