"""The frozen results `analyse` returns; `StatsReport.to_dict` is the `--json` shape.

Only a `Verdict` can be flagged, and it is the only thing whose JSON carries
`"flagged"`. Lags, factors and level shifts describe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

DIRECTIONS = ("pain->mood", "mood->pain")


def _pair(value: tuple[float, float] | None) -> list[float] | None:
    return [value[0], value[1]] if value is not None else None


@dataclass(frozen=True)
class Verdict:
    """One direction's answer: the next-day effect in points, its interval, the test.

    `status` is one of: "missing" (a score never recorded), "needs-days" (fewer than
    30 complete days), "no-variation", "preliminary", "tested", "inconclusive",
    "fallback" (described by the next-day OLS), "period-too-short".
    """

    direction: str
    effect_per_point: float | None
    ci: tuple[float, float] | None  # 95%
    p: float | None
    flagged: bool
    method: str | None  # "latent-var" | "ols-fallback" | None
    days: int  # complete days (pain and mood both) the result stands on
    status: str
    sentence: str
    response: tuple[float, ...] = ()  # effect per point over days 1..7
    pairs: int = 0  # consecutive complete days
    ci90: tuple[float, float] | None = None
    probably_no_link: bool = False
    days_needed: int | None = None  # more consecutive complete days to the next stage

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "effect_per_point": self.effect_per_point,
            "ci": _pair(self.ci),
            "p": self.p,
            "flagged": self.flagged,
            "method": self.method,
            "days": self.days,
            "pairs": self.pairs,
            "status": self.status,
            "probably_no_link": self.probably_no_link,
            "days_needed": self.days_needed,
            "response": list(self.response),
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class LaggedResult:
    """Cause today against effect `lag` days later: a description, never a test."""

    direction: str
    lag: int
    n: int  # calendar pairs at this lag
    r: float | None
    ci: tuple[float, float] | None
    sentence: str
    rho: float | None = None  # Spearman, on the scores' ranks
    status: str = "ok"  # "ok" | "insufficient"

    @property
    def q(self) -> None:
        """Version 1 tested each lag; version 2 describes lags, so there is no q."""
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "lag": self.lag,
            "n": self.n,
            "r": self.r,
            "ci": _pair(self.ci),
            "rho": self.rho,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class FactorResult:
    """An optional factor today against pain or mood `lag` (0 or 1) days later."""

    factor: str
    target: str
    lag: int
    n: int
    r: float | None
    ci: tuple[float, float] | None
    sentence: str
    q: float | None = None  # BH over all factor tests (prewhitened); None when untested
    survives: bool = False  # q < 0.05: named in "what stands out"
    status: str = "insufficient"

    def to_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "target": self.target,
            "lag": self.lag,
            "n": self.n,
            "r": self.r,
            "ci": _pair(self.ci),
            "q": self.q,
            "survives_correction": self.survives,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class LevelShift:
    """A lasting change in one series' weekly level, from `day` on."""

    series: str  # "pain" | "mood"
    day: dt.date
    before: float
    after: float
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "day": self.day.isoformat(),
            "before": self.before,
            "after": self.after,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class RecentLevel:
    """After a level shift: one score's mean over the last 6 months against before, in points.

    Each mean's 95% interval allows for the days' persistence (an AR(1)
    effective number of days); the difference's interval adds the two variances.
    """

    series: str  # "pain" | "mood"
    since: dt.date  # first day of the last 6 months
    before: float
    before_ci: tuple[float, float]
    before_days: int
    recent: float
    recent_ci: tuple[float, float]
    recent_days: int
    difference: float  # recent - before
    difference_ci: tuple[float, float]
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "since": self.since.isoformat(),
            "before": {"mean": self.before, "ci": _pair(self.before_ci), "days": self.before_days},
            "recent": {"mean": self.recent, "ci": _pair(self.recent_ci), "days": self.recent_days},
            "difference": self.difference,
            "difference_ci": _pair(self.difference_ci),
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class SegmentEffect:
    """One direction's next-day effect within one side of a level shift (a description)."""

    effect_per_point: float
    ci: tuple[float, float]
    p: float
    stands_out: bool  # by the verdict's own rule (Holm over two) within this segment
    days: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "effect_per_point": self.effect_per_point,
            "ci": _pair(self.ci),
            "p": self.p,
            "stands_out": self.stands_out,
            "days": self.days,
        }


@dataclass(frozen=True)
class LinkChange:
    """One direction before and since the latest level shift, each side fitted on its own.

    `held` is "before", "since", "both" or "neither": where the link stood out.
    A description beside the verdict, never flagged.
    """

    direction: str
    shift_day: dt.date
    before: SegmentEffect
    since: SegmentEffect
    held: str
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "shift_day": self.shift_day.isoformat(),
            "before": self.before.to_dict(),
            "since": self.since.to_dict(),
            "held": self.held,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class DaySpan:
    """First and last check-in analysed and how many days were checked in."""

    first: dt.date | None
    last: dt.date | None
    observed: int
    complete: int = 0  # days with pain and mood both

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "observed": self.observed,
            "complete": self.complete,
        }


@dataclass(frozen=True)
class StatsReport:
    """Everything `analyse` found."""

    verdicts: tuple[Verdict, Verdict]
    lagged: list[LaggedResult]
    factors: list[FactorResult]
    level_shifts: list[LevelShift]
    days: DaySpan
    adjusted: bool = False  # weekday and trend removed first
    notes: list[str] = field(default_factory=list)
    recent_levels: list[RecentLevel] = field(default_factory=list)  # after a level shift
    link_changes: list[LinkChange] = field(default_factory=list)  # ditto, both sides long enough

    def verdict(self, direction: str) -> Verdict:
        """The verdict for "pain->mood" or "mood->pain"."""
        return self.verdicts[DIRECTIONS.index(direction)]

    def direction(self, direction: str) -> list[LaggedResult]:
        """Lags 0..7 of one direction, in order (description)."""
        return [item for item in self.lagged if item.direction == direction]

    def stands_out(self) -> list[str]:
        """Sentences of what is flagged and of factors surviving BH; else the 'no link' line."""
        from .words import nothing_stands_out

        found = [v.sentence for v in self.verdicts if v.flagged]
        found += [f.sentence for f in self.factors if f.survives]
        return found or nothing_stands_out(self)

    # Kept for callers written against version 1 (the clinician report).
    def highlights(self) -> list[Verdict]:
        """The two verdicts (each carries its sentence)."""
        return list(self.verdicts)

    def regression(self, direction: str) -> Verdict:
        """Version 1's next-day regression: its place is taken by the verdict."""
        return self.verdict(direction)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdicts": [v.to_dict() for v in self.verdicts],
            "lagged": [item.to_dict() for item in self.lagged],
            "factors": [item.to_dict() for item in self.factors],
            "level_shifts": [item.to_dict() for item in self.level_shifts],
            "last_6_months": [item.to_dict() for item in self.recent_levels],
            "link_changes": [item.to_dict() for item in self.link_changes],
            "stands_out": self.stands_out(),
            "adjusted_for_weekday_and_trend": self.adjusted,
            "days": self.days.to_dict(),
        }
