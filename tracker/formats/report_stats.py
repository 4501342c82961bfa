"""The statistics part of the report, read from the statistics module's own results.

The report shows what `tracker.stats.analyse` says, each sentence once: the
verdict of each direction (its sentence carries the effect, the interval of
the test that decides and its p), then what stands out, then the factors.
The lagged correlations are a picture (the lag chart) and the factors one
small table of r, not more bullets: both are descriptions, not tests, so
they carry no p and no flag.

This is the one place that knows the shape of the statistics results. A
tested or preliminary verdict is told to a clinician in the third person
("In this diary, ...") from the verdict's own effect, interval and p, so the
interval shown is always the one of the test that decides; any other verdict
(too little data, a fallback) is given in the statistics module's own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import CheckIn

if TYPE_CHECKING:
    from ..stats.results import Verdict

# A 2-point change is the usual clinically meaningful change on a 0-10 scale.
POINTS = 2

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
    verdict = [clinician_sentence(item) for item in found.verdicts]
    verdict = _unique(verdict, [])
    stands_out = _unique([str(s) for s in found.stands_out()], verdict)
    return ReportStats(verdict, stands_out, factor_rows(found.factors), list(found.lagged))


def clinician_sentence(verdict: Verdict) -> str:
    """One direction's verdict for a clinician: effect per 2 points, its interval, p, days."""
    effect, ci = verdict.effect_per_point, verdict.ci
    if verdict.status not in ("tested", "preliminary") or effect is None or ci is None:
        return verdict.sentence
    cause, outcome = verdict.direction.split("->")
    above = "above" if cause == "pain" else "below"
    change = effect * (POINTS if cause == "pain" else -POINTS)
    low, high = sorted((ci[0] * change / effect, ci[1] * change / effect)) if effect else ci
    way = "higher" if change > 0 else "lower"
    how_sure = (
        "this stands out from chance, allowing for both directions tested"
        if verdict.flagged
        else "this does not stand out from chance"
    )
    if verdict.status == "preliminary":
        how_sure = "preliminary: too few days to test"
    p = ""
    if verdict.p is not None:
        p = "p < 0.001; " if verdict.p < 0.001 else f"p = {verdict.p:.3f}; "
    return (
        f"In this diary, on days after {cause} was {POINTS} points {above} the person's usual "
        f"level, next-day {outcome} was on average {abs(change):.1f} points {way} "
        f"(95% interval {low:+.1f} to {high:+.1f}; {p}{verdict.days} days): {how_sure}. "
        "An association in self-reported scores, not proof of cause."
    )


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
