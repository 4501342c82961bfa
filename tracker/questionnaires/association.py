"""Weekly questionnaire scores against the same weeks' daily diary: a plain association.

For each complete questionnaire, its week is the 7 days ending on the day it
was answered (PEG asks about the past week; PHQ-9 and GAD-7 about the last 2
weeks, of which this is the second). That week's mean daily pain and mean
daily mood need at least 4 days each. Each instrument is then set against
each mean with Spearman's rho (scores are ordinal) and a 95% interval from
Fisher's z with the Bonett-Wright (2000) standard error for rho,
sqrt((1 + rho^2 / 2) / (n - 3)).

What it is not: a test of cause, or of which comes first. Weekly scores
drift together over months, so the interval (which takes the weeks as
independent) can be too narrow. That is why nothing is flagged below
MIN_WEEKS_FLAGGED weeks, and above it only when the interval at the
Bonferroni level over all pairs shown (six: three instruments, pain and
mood) leaves out 0. Pure Python: no scipy import for a few dozen weeks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

from ..model import CheckIn
from .instruments import INSTRUMENTS
from .scoring import Result

WEEK_DAYS = 7
MIN_DAYS_IN_WEEK = 4
MIN_WEEKS_SHOWN = 5  # below this no rho is shown at all: "N more weeks needed"
MIN_WEEKS_FLAGGED = 12
AGAINST = ("pain", "mood")
PAIRS = len(INSTRUMENTS) * len(AGAINST)
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Association:
    """One instrument against one daily score over the weeks both were recorded."""

    instrument: str  # phq9, gad7, peg
    against: str  # pain, mood
    weeks: int
    rho: float | None
    low: float | None
    high: float | None
    flagged: bool

    def sentence(self) -> str:
        name = INSTRUMENTS[self.instrument].name
        what = f"{name} against the same weeks' mean daily {self.against}"
        if self.rho is None or self.low is None or self.high is None:
            if self.weeks < MIN_WEEKS_SHOWN:
                more = MIN_WEEKS_SHOWN - self.weeks
                return f"{what}: {more} more week{'s' if more != 1 else ''} needed."
            return f"{what}: the scores did not vary, so there is nothing to relate."
        shown = (
            f"{what}: Spearman rho {self.rho:+.2f} (95% interval {self.low:+.2f} to "
            f"{self.high:+.2f}) over {self.weeks} weeks"
        )
        if self.weeks < MIN_WEEKS_FLAGGED:
            verdict = f"too few weeks to say it stands out ({MIN_WEEKS_FLAGGED} needed)"
        elif self.flagged:
            verdict = "it stands out"
        else:
            verdict = "it does not stand out"
        return f"{shown}; {verdict}. An association in this diary, not proof of cause."

    def to_dict(self) -> dict[str, object]:
        return {
            "instrument": self.instrument,
            "against": self.against,
            "weeks": self.weeks,
            "rho": self.rho,
            "low": self.low,
            "high": self.high,
            "flagged": self.flagged,
            "sentence": self.sentence(),
        }


def week_mean(checkins: dict[dt.date, CheckIn], day: dt.date, name: str) -> float | None:
    """The mean of `name` over the 7 days ending on `day` (None under 4 days with it)."""
    values = []
    for back in range(WEEK_DAYS):
        checkin = checkins.get(day - dt.timedelta(days=back))
        value = getattr(checkin, name) if checkin is not None else None
        if value is not None:
            values.append(float(value))
    return sum(values) / len(values) if len(values) >= MIN_DAYS_IN_WEEK else None


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties given their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for place in range(start, end + 1):
            ranks[order[place]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson r of the ranks); None when either side never varies."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def interval(rho: float, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Fisher-z interval for Spearman's rho with the Bonett-Wright standard error."""
    z = math.atanh(max(min(rho, 0.999999), -0.999999))
    se = math.sqrt((1 + rho * rho / 2) / (n - 3))
    half = NormalDist().inv_cdf(0.5 + confidence / 2) * se
    return math.tanh(z - half), math.tanh(z + half)


def associate(results: Iterable[Result], checkins: Iterable[CheckIn]) -> list[Association]:
    """Every instrument against mean pain and mean mood, in a fixed order."""
    by_day = {c.day: c for c in checkins}
    complete = [r for r in results if r.score is not None]
    found = []
    for key in INSTRUMENTS:
        mine = [r for r in complete if r.instrument.key == key]
        for name in AGAINST:
            pairs = []
            for result in mine:
                mean = week_mean(by_day, result.day, name)
                if mean is not None and result.score is not None:
                    pairs.append((result.score, mean))
            found.append(_association(key, name, pairs))
    return found


def _association(key: str, name: str, pairs: list[tuple[float, float]]) -> Association:
    weeks = len(pairs)
    if weeks < MIN_WEEKS_SHOWN:
        return Association(key, name, weeks, None, None, None, False)
    rho = spearman([p[0] for p in pairs], [p[1] for p in pairs])
    if rho is None:
        return Association(key, name, weeks, None, None, None, False)
    low, high = interval(rho, weeks)
    strict_low, strict_high = interval(rho, weeks, 1 - (1 - CONFIDENCE) / PAIRS)
    flagged = weeks >= MIN_WEEKS_FLAGGED and (strict_low > 0 or strict_high < 0)
    return Association(key, name, weeks, round(rho, 4), round(low, 4), round(high, 4), flagged)
