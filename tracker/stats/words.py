"""Plain sentences for every result, and short table cells (STATS.md §6).

Each verdict sentence says the direction, the effect in points with its
interval, how sure, and that it is an association in this diary, not proof.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..model import SCALES

if TYPE_CHECKING:
    from .results import StatsReport

NOT_PROOF = "This is an association in your diary, not proof that one causes the other."
CHANGE = 2  # points: the usual clinically meaningful change on a 0-10 scale (Farrar 2001)

_LABELS = {
    "pain": "pain",
    "mood": "mood",
    "sleep_hours": "sleep",
    "sleep_quality": "sleep quality",
    "stress": "stress",
    "anxiety": "anxiety",
    "fatigue": "fatigue",
    "activity_minutes": "activity",
}


def label(name: str) -> str:
    """'pain', 'sleep quality': a field in the person's words."""
    return _LABELS.get(name, SCALES[name].label.lower() if name in SCALES else name)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def when(lag: int) -> str:
    return {0: "on the same day", 1: "the next day"}.get(lag, f"{lag} days later")


def _points(value: float) -> str:
    return f"{abs(value):.1f}"


def _change(value: float, effect: str) -> str:
    """'0.6 lower', '0.3 higher', 'no different' for a change in points."""
    if round(abs(value), 1) == 0.0:
        return "about the same"
    return f"{_points(value)} {'higher' if value > 0 else 'lower'}"


def _interval(lo: float, hi: float) -> str:
    """'0.4 to 0.7 lower', 'from 0.3 lower to 0.1 higher'."""
    if lo > 0 or hi < 0:
        near, far = sorted((abs(lo), abs(hi)))
        way = "higher" if lo > 0 else "lower"
        return f"{near:.1f} to {far:.1f} {way}"
    return f"from {abs(lo):.1f} lower to {abs(hi):.1f} higher"


def effect_clause(direction: str, effect: float, ci: tuple[float, float]) -> str:
    """'On days after your pain was 2 points above your usual, your mood the next day ...'."""
    cause, target = direction.split("->")
    # The side people worry about: pain above usual, mood below usual.
    sign = 1.0 if cause == "pain" else -1.0
    side = "above" if cause == "pain" else "below"
    change = sign * CHANGE * effect
    lo, hi = sorted((sign * CHANGE * ci[0], sign * CHANGE * ci[1]))
    return (
        f"On days after your {cause} was {CHANGE} points {side} your usual, your {target} "
        f"the next day was on average {_change(change, target)} (95% interval: {_interval(lo, hi)})"
    )


def p_text(value: float) -> str:
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}"


def title(direction: str) -> str:
    """'Pain today -> mood the next days' for a direction key."""
    cause, target = direction.split("->")
    return f"{cause.capitalize()} today -> {target} later"


def nothing_stands_out(report: StatsReport) -> list[str]:
    """The line per direction when nothing is flagged (STATS.md §6)."""
    lines = []
    for verdict in report.verdicts:
        cause, target = verdict.direction.split("->")
        if verdict.status in ("missing", "needs-days", "no-variation"):
            lines.append(verdict.sentence)
        elif verdict.probably_no_link:
            lines.append(
                f"Probably no link bigger than 0.1 point per point from {cause} to next-day "
                f"{target}."
            )
        else:
            lines.append(f"No clear link from {cause} to later {target} yet (0-7 days).")
    return list(dict.fromkeys(lines))


# --------------------------------------------------------------------------- table cells


def format_r(value: float | None) -> str:
    """A correlation for a table cell: '+0.32', '-' when absent."""
    return "-" if value is None else f"{value:+.2f}"


def format_ci(ci: tuple[float, float] | None) -> str:
    """'[-0.45, -0.18]', '-' when absent."""
    return "-" if ci is None else f"[{ci[0]:+.2f}, {ci[1]:+.2f}]"


def format_p(value: float | None) -> str:
    """'0.003', '<0.001', '-' when absent."""
    if value is None:
        return "-"
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def status_note(result: Any) -> str:
    """Short words for a table's last column."""
    if getattr(result, "flagged", False):
        return "flagged"
    if getattr(result, "r", 0) is None or getattr(result, "status", "") == "insufficient":
        return "too few pairs"
    return ""


direction_title = title  # the name version 1 exported


# --------------------------------------------------------------------------- verdicts


def needs_sentence(direction: str, complete: int, needed: int, shown_from: int) -> str:
    """'12 complete days (pain and mood both) so far; 18 more days ... needed' (both ways)."""
    return (
        f"{plural(complete, 'complete day')} (pain and mood both) so far; "
        f"{plural(needed, 'more day')} with both needed for a first look "
        f"(numbers are shown from {shown_from})."
    )


def missing_sentence(missing: list[str], in_period: bool, shown_from: int, tested_from: int) -> str:
    """What to say when pain or mood (or both) was never recorded."""
    where = "period" if in_period else "diary"
    if len(missing) == 2:
        head = f"No pain or mood scores in this {where} yet."
    else:
        name = missing[0]
        head = f"{name.capitalize()} is missing: no day in this {where} has a {name} score."
    return (
        f"{head} The statistics need days with both pain and mood: {shown_from} such days "
        f"for a first look, and about {tested_from} days for a test."
    )


def same_sentence(direction: str, which: str, share: float) -> str:
    cause, target = direction.split("->")
    return (
        f"Your {which} was the same on {share:.0%} of days, so whether {cause} goes with "
        f"{target} the next day cannot be tested yet."
    )


def tested_sentence(
    direction: str,
    effect: float,
    ci: tuple[float, float],
    ci90: tuple[float, float],
    p: float,
    flagged: bool,
    no_link: bool,
    days: int,
) -> str:
    clause = effect_clause(direction, effect, ci)
    if flagged:
        how = (
            f"This stands out from chance ({p_text(p)} over {days} days, allowing for testing "
            "both directions and for the noise in typed scores)."
        )
    elif no_link:
        how = (
            f"Probably no link bigger than 0.1 point per point (90% interval {ci90[0]:+.2f} "
            f"to {ci90[1]:+.2f} per point, {days} days)."
        )
    else:
        how = f"This does not stand out from chance ({p_text(p)}, {days} days)."
    return f"{clause}. {how} {NOT_PROOF}"


def preliminary_sentence(
    direction: str, effect: float, ci: tuple[float, float], days: int, needed: int, short: str
) -> str:
    if short:
        wait = f"This period is too short to test; choose {short} or more."
    else:
        wait = f"{plural(needed, 'more day')} with both scores needed before it is tested."
    clause = effect_clause(direction, effect, ci)
    return f"Preliminary, over {days} days: {clause[0].lower()}{clause[1:]}. {wait} {NOT_PROOF}"


def fallback_sentence(
    direction: str, effect: float, ci: tuple[float, float], rows: int, reason: str
) -> str:
    clause = effect_clause(direction, effect, ci)
    return (
        f"{clause}, by a simple next-day regression over {rows} days. The fuller model could "
        f"not be used ({reason}), and such a regression is fooled by the noise in typed "
        f"scores, so it is not tested. {NOT_PROOF}"
    )


def inconclusive_sentence(direction: str, reason: str) -> str:
    cause, target = direction.split("->")
    return f"{cause.capitalize()} today and {target} the next day: inconclusive, because {reason}."


# --------------------------------------------------------------------------- level shifts


def recent_sentence(
    name: str,
    since: dt.date,
    recent: tuple[float, tuple[float, float], int],
    before: tuple[float, tuple[float, float], int],
    difference: tuple[float, float],
) -> str:
    """'Over the last 6 months (since ...), your pain averaged 6.1 (5.8 to 6.4) ...'."""
    (now, now_ci, now_days), (then, then_ci, then_days) = recent, before
    lo, hi = difference
    if lo > 0 or hi < 0:
        change = f"{_interval(lo, hi)}, 95% interval"
        head = f"{abs(now - then):.1f} points {'higher' if now > then else 'lower'}"
        compared = f"{head} ({change})"
    else:
        compared = f"no clear difference ({_interval(lo, hi)}, 95% interval)"
    return (
        f"Over the last 6 months (since {since.isoformat()}, {plural(now_days, 'day')}), your "
        f"{name} averaged {now:.1f} ({now_ci[0]:.1f} to {now_ci[1]:.1f}), against {then:.1f} "
        f"({then_ci[0]:.1f} to {then_ci[1]:.1f}) over {plural(then_days, 'day')} before: "
        f"{compared}."
    )


def link_change_sentence(
    direction: str,
    shift_day: dt.date,
    held: str,
    before: tuple[float, tuple[float, float], int],
    since: tuple[float, tuple[float, float], int],
) -> str:
    """A link that stood out on one side of a level shift and not on the other, as such."""
    cause, target = direction.split("->")

    def part(values: tuple[float, tuple[float, float], int]) -> str:
        effect, (lo, hi), days = values
        return f"{effect:+.2f} per point (95% interval {lo:+.2f} to {hi:+.2f}, {days} days)"

    link = f"{cause} today and {target} the next day"
    day = shift_day.isoformat()
    if held == "before":
        text = (
            f"Before the change around {day}, {link} went together: {part(before)}; since "
            f"then this does not stand out: {part(since)}."
        )
    elif held == "since":
        text = (
            f"Before the change around {day}, {link} did not stand out together: "
            f"{part(before)}; since then they do: {part(since)}."
        )
    else:
        way = "stood out together" if held == "both" else "did not stand out together"
        text = (
            f"Before and since the change around {day}, {link} {way}: {part(before)} "
            f"before, {part(since)} since."
        )
    return f"{text} Each period is fitted on its own. {NOT_PROOF}"
