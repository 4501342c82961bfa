"""The rules that bring cards up, each a small function of the person's diary.

Rules are functions of a `GuidanceState` (the diary up to today, the
statistics report when there is one, and questionnaire results). Each returns
a plain reason quoting the person's own figures, or None. Plain values in,
plain values out: no UI here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import CheckIn
from .cards import SAFETY_ID, SEEK_HELP_ID

if TYPE_CHECKING:
    from ..questionnaires import Result
    from ..stats import StatsReport


@dataclass(frozen=True)
class GuidanceState:
    """What the rules look at: the diary up to today, and the stats report if any."""

    checkins: tuple[CheckIn, ...]
    today: dt.date
    stats: StatsReport | None = None
    questionnaires: tuple[Result, ...] = ()

    def __init__(
        self,
        checkins: Iterable[CheckIn],
        today: dt.date,
        stats: StatsReport | None = None,
        questionnaires: Iterable[Result] = (),
    ) -> None:
        kept = sorted((c for c in checkins if c.day <= today), key=lambda c: c.day)
        object.__setattr__(self, "checkins", tuple(kept))
        object.__setattr__(self, "today", today)
        object.__setattr__(self, "stats", stats)
        answered = sorted((q for q in questionnaires if q.day <= today), key=lambda q: q.day)
        object.__setattr__(self, "questionnaires", tuple(answered))

    @cached_property
    def by_day(self) -> dict[dt.date, CheckIn]:
        return {checkin.day: checkin for checkin in self.checkins}

    def last_days(self, days: int, end: dt.date | None = None) -> list[CheckIn]:
        """Check-ins in the `days` calendar days ending on `end` (default today)."""
        end = end or self.today
        start = end - dt.timedelta(days=days - 1)
        return [c for c in self.checkins if start <= c.day <= end]


HIGH_PAIN = 7
HIGH_PAIN_DAYS, HIGH_PAIN_WINDOW = 5, 7
LOW_MOOD = 3
LOW_MOOD_DAYS, LOW_MOOD_WINDOW = 10, 14
HIGH_STRESS = 7
HIGH_STRESS_DAYS, HIGH_STRESS_WINDOW = 4, 7
RISE_POINTS, RISE_MIN_SCORES = 1.5, 4
GAP_DAYS = 4
POOR_SLEEP_QUALITY, POOR_SLEEP_HOURS = 4, 6.0
SLEEP_WINDOW, SLEEP_MIN_NIGHTS, SLEEP_PAIN_GAP = 28, 4, 1.0


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def rule_low_mood_two_weeks(state: GuidanceState) -> str | None:
    """Mood at 3 or lower on at least 10 of the last 14 days (the two-week rule)."""
    low = [c for c in state.last_days(LOW_MOOD_WINDOW) if c.mood is not None and c.mood <= LOW_MOOD]
    if len(low) < LOW_MOOD_DAYS:
        return None
    return (
        f"Your mood was {LOW_MOOD} or lower on {len(low)} of the last {LOW_MOOD_WINDOW} days. "
        "Low mood lasting two weeks or more is worth talking to a doctor about."
    )


def rule_high_pain_week(state: GuidanceState) -> str | None:
    """Pain at 7 or higher on at least 5 of the last 7 days."""
    high = [
        c for c in state.last_days(HIGH_PAIN_WINDOW) if c.pain is not None and c.pain >= HIGH_PAIN
    ]
    if len(high) < HIGH_PAIN_DAYS:
        return None
    return (
        f"Your pain was {HIGH_PAIN} or higher on {len(high)} of the last {HIGH_PAIN_WINDOW} days."
    )


def _flagged_direction(state: GuidanceState, direction: str) -> str | None:
    """Quote the person's own flagged verdict in one direction: its figure and sentence."""
    report = state.stats
    if report is None:
        return None
    verdict = report.verdict(direction)
    if not verdict.flagged or verdict.effect_per_point is None:
        return None
    arrow = direction.replace("->", " → ")
    return f"Your statistics flag {arrow} the next day: {verdict.sentence}"


def rule_pain_to_mood_flagged(state: GuidanceState) -> str | None:
    """The statistics flag high pain going with lower mood on following days."""
    return _flagged_direction(state, "pain->mood")


def rule_mood_to_pain_flagged(state: GuidanceState) -> str | None:
    """The statistics flag low mood going with higher pain on following days."""
    return _flagged_direction(state, "mood->pain")


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def rule_rising_pain(state: GuidanceState) -> str | None:
    """Average pain this week at least 1.5 points above the week before."""
    this_week = [c.pain for c in state.last_days(7) if c.pain is not None]
    week_before_end = state.today - dt.timedelta(days=7)
    week_before = [c.pain for c in state.last_days(7, week_before_end) if c.pain is not None]
    if len(this_week) < RISE_MIN_SCORES or len(week_before) < RISE_MIN_SCORES:
        return None
    now, before = _mean(this_week), _mean(week_before)
    if now - before < RISE_POINTS:
        return None
    return (
        f"Your pain averaged {_fmt(now)} over the last 7 days, up from {_fmt(before)} "
        "the week before."
    )


def _poor_night(checkin: CheckIn) -> bool | None:
    """Whether the night before this day was poor (None when sleep was not recorded)."""
    if checkin.sleep_quality is None and checkin.sleep_hours is None:
        return None
    return (checkin.sleep_quality is not None and checkin.sleep_quality <= POOR_SLEEP_QUALITY) or (
        checkin.sleep_hours is not None and checkin.sleep_hours < POOR_SLEEP_HOURS
    )


def rule_poor_sleep_next_day_pain(state: GuidanceState) -> str | None:
    """Over the last 4 weeks, days after a poor night hurt clearly more than the others.

    A check-in's sleep describes the night before that day, so the day after a
    poor night is the same check-in's day.
    """
    after_poor: list[int] = []
    after_other: list[int] = []
    for checkin in state.last_days(SLEEP_WINDOW):
        poor = _poor_night(checkin)
        if poor is None or checkin.pain is None:
            continue
        (after_poor if poor else after_other).append(checkin.pain)
    if len(after_poor) < SLEEP_MIN_NIGHTS or len(after_other) < SLEEP_MIN_NIGHTS:
        return None
    poor_mean, other_mean = _mean(after_poor), _mean(after_other)
    if poor_mean - other_mean < SLEEP_PAIN_GAP:
        return None
    return (
        f"In the last 4 weeks, pain after the {len(after_poor)} poor nights (sleep quality "
        f"{POOR_SLEEP_QUALITY} or less, or under {POOR_SLEEP_HOURS:g} hours) averaged "
        f"{_fmt(poor_mean)}, against {_fmt(other_mean)} after the other {len(after_other)}. "
        "That is a pattern in your diary, not proof of cause."
    )


def rule_high_stress_week(state: GuidanceState) -> str | None:
    """Stress or anxiety at 7 or higher on at least 4 of the last 7 days."""
    tense = [
        c
        for c in state.last_days(HIGH_STRESS_WINDOW)
        if (c.stress is not None and c.stress >= HIGH_STRESS)
        or (c.anxiety is not None and c.anxiety >= HIGH_STRESS)
    ]
    if len(tense) < HIGH_STRESS_DAYS:
        return None
    return (
        f"Your stress or anxiety was {HIGH_STRESS} or higher on {len(tense)} "
        f"of the last {HIGH_STRESS_WINDOW} days."
    )


def rule_check_in_gap(state: GuidanceState) -> str | None:
    """No check-in for 4 days or more (and there was one before)."""
    if not state.checkins:
        return None
    last = state.checkins[-1].day
    gap = (state.today - last).days
    if gap < GAP_DAYS:
        return None
    return f"Your last check-in was {gap} days ago, on {last.isoformat()}."


def rule_too_little_data(state: GuidanceState) -> str | None:
    """The statistics cannot test yet: quote the verdict's own count and what it needs."""
    if not state.checkins:
        return "Your diary has no check-ins yet."
    report = state.stats
    if report is None:
        from ..stats import data_needed

        return data_needed(state.checkins)
    verdict = report.verdict("pain->mood")
    return verdict.sentence if verdict.status in ("missing", "needs-days") else None


# Questionnaire rules look at results of the last two weeks (the period PHQ-9
# and GAD-7 ask about); they quote the person's own answers and scores.
QUESTIONNAIRE_WINDOW = 14


def _recent_latest(state: GuidanceState, key: str) -> Result | None:
    start = state.today - dt.timedelta(days=QUESTIONNAIRE_WINDOW - 1)
    found = [q for q in state.questionnaires if q.instrument.key == key and q.day >= start]
    return found[-1] if found else None


def rule_phq9_item_nine(state: GuidanceState) -> str | None:
    """PHQ-9 question 9 (thoughts of being better off dead or of self-harm) answered above 0."""
    latest = _recent_latest(state, "phq9")
    if latest is None or not latest.safety_answer:
        return None
    choice = latest.instrument.items[8].choices[latest.safety_answer].text
    return (
        f"On {latest.day.isoformat()} you answered PHQ-9 question 9, about thoughts of being "
        f"better off dead or of hurting yourself, with '{choice}'. Please talk to someone "
        "about it soon; the safety card has numbers that answer now."
    )


def rule_questionnaire_score(state: GuidanceState) -> str | None:
    """A PHQ-9 or GAD-7 score of 10 or more in the last two weeks."""
    high = [
        q
        for q in (_recent_latest(state, "phq9"), _recent_latest(state, "gad7"))
        if q is not None and q.seek_help
    ]
    if not high:
        return None
    scores = " and ".join(
        f"{q.instrument.name} {q.score_text()} on {q.day.isoformat()} ('{q.band_name}' band)"
        for q in high
    )
    return (
        f"Your score was {scores}: 10 or more on the published scale. It is not a diagnosis; "
        "show it to your doctor, who can interpret it."
    )


@dataclass(frozen=True)
class Rule:
    """A named check on the diary; `first` orders its cards (the rest follow library order)."""

    id: str
    check: Callable[[GuidanceState], str | None]
    first: tuple[str, ...] = ()
    background: bool = False  # true for rules that fire for weeks (shown, but not pushed)

    @property
    def summary(self) -> str:
        return (self.check.__doc__ or "").strip().splitlines()[0]


# In priority order: what matters most for the person comes first.
RULES: tuple[Rule, ...] = (
    Rule("phq9-item-nine", rule_phq9_item_nine, first=(SEEK_HELP_ID, SAFETY_ID)),
    Rule("questionnaire-score", rule_questionnaire_score, first=(SEEK_HELP_ID,)),
    Rule("low-mood-two-weeks", rule_low_mood_two_weeks, first=(SEEK_HELP_ID, SAFETY_ID)),
    Rule("high-pain-week", rule_high_pain_week),
    Rule("pain-to-mood-flagged", rule_pain_to_mood_flagged),
    Rule("mood-to-pain-flagged", rule_mood_to_pain_flagged),
    Rule("rising-pain", rule_rising_pain),
    Rule("poor-sleep-next-day-pain", rule_poor_sleep_next_day_pain),
    Rule("high-stress-week", rule_high_stress_week),
    Rule("check-in-gap", rule_check_in_gap),
    Rule("too-little-data", rule_too_little_data, background=True),
)
RULE_IDS: frozenset[str] = frozenset(rule.id for rule in RULES)


def rule_by_id(rule_id: str) -> Rule:
    for rule in RULES:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)
