"""`analyse`: check-ins in, a `StatsReport` out (all of STATS.md v2).

Pure and total: thin, constant or empty diaries give results whose status and
sentence say why there are no numbers; nothing here raises or returns NaN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from ..model import FACTORS, CheckIn
from . import words
from .calendar import Calendar, Counts, calendar, counts
from .factors import factor_results
from .lags import Series, lagged_results
from .regression import adjust, cross_lagged_fit
from .results import (
    DIRECTIONS,
    DaySpan,
    LevelShift,
    LinkChange,
    RecentLevel,
    SegmentEffect,
    StatsReport,
    Verdict,
)
from .shifts import level_shifts, recent_levels
from .verdict import (
    MIN_SHOWN_DAYS,
    MIN_TESTED_DAYS,
    NO_LINK,
    SAME_SHARE,
    LatentAnswer,
    days_needed,
    holm_flags,
    latent_answer,
    same_share,
    shown,
    testable,
)


def analyse(
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> StatsReport:
    """Everything for the check-ins between start and end (inclusive; None = open)."""
    fields = ["pain", "mood", *(scale.name for scale in FACTORS)]
    kept = [
        c for c in checkins if (start is None or c.day >= start) and (end is None or c.day <= end)
    ]
    cal = calendar(kept, fields)
    found, last_complete = counts(cal)
    weekdays = cal.weekdays()
    shifts: list[LevelShift] = []
    values: dict[str, np.ndarray] = {}
    for name in fields:
        raw = cal.columns[name]
        steps: list[int] = []
        if name in ("pain", "mood"):
            mine = level_shifts(name, raw, cal.offsets, cal.start)
            shifts += mine
            steps = [(s.day - cal.start).days for s in mine if cal.start is not None]
        values[name] = adjust(raw, cal.offsets, weekdays, steps)
    adjusted = any(
        not np.array_equal(values[n], cal.columns[n], equal_nan=True) for n in ("pain", "mood")
    )
    series = {name: Series(name, cal.columns[name], values[name]) for name in fields}
    period = (end - start).days + 1 if start is not None and end is not None else None
    verdicts = _verdicts(cal, found, last_complete, values, period)
    recent: list[RecentLevel] = []
    changes: list[LinkChange] = []
    if shifts:
        for name in ("pain", "mood"):
            level = recent_levels(name, cal.columns[name], cal.offsets, cal.start)
            recent += [level] if level is not None else []
        changes = link_changes(kept, max(s.day for s in shifts))
    days = DaySpan(
        first=cal.start,
        last=cal.day(cal.length - 1) if cal.length else None,
        observed=int(sum(1 for c in {c.day for c in kept})),
        complete=found.complete_days,
    )
    return StatsReport(
        verdicts=verdicts,
        lagged=lagged_results(series["pain"], series["mood"]),
        factors=factor_results(series),
        level_shifts=sorted(shifts, key=lambda s: s.day),
        days=days,
        adjusted=adjusted,
        recent_levels=recent,
        link_changes=changes,
    )


def _segment(checkins: Sequence[CheckIn]) -> tuple[dict[str, SegmentEffect], int] | None:
    """Both directions fitted on one side of a shift, when that side could be tested alone."""
    cal = calendar(checkins, ["pain", "mood"])
    found, _ = counts(cal)
    if not testable(found):
        return None
    weekdays = cal.weekdays()
    values = {n: adjust(cal.columns[n], cal.offsets, weekdays, []) for n in ("pain", "mood")}
    answer = latent_answer(values["pain"], values["mood"], cal.offsets)
    if not answer.effects:
        return None
    flags = holm_flags({d: e.p for d, e in answer.effects.items()})
    days = found.complete_days
    return {
        d: SegmentEffect(e.effect, e.ci, e.p, flags[d], days) for d, e in answer.effects.items()
    }, days


def link_changes(checkins: Sequence[CheckIn], shift_day: dt.date) -> list[LinkChange]:
    """Each direction before and since the latest level shift (STATS.md §4), a description.

    Only when both sides are long enough to be tested on their own (the tested
    minimum each); each side is then fitted alone, so a link that held before
    the shift and not after is said as such. Costs two more analyses (about 14
    fits, each on part of the days).
    """
    before = _segment([c for c in checkins if c.day < shift_day])
    if before is None:
        return []
    since = _segment([c for c in checkins if c.day >= shift_day])
    if since is None:
        return []
    out = []
    for direction in DIRECTIONS:
        then, now = before[0][direction], since[0][direction]
        held = {(True, True): "both", (True, False): "before", (False, True): "since"}.get(
            (then.stands_out, now.stands_out), "neither"
        )
        sentence = words.link_change_sentence(
            direction, shift_day, held,
            (then.effect_per_point, then.ci, then.days), (now.effect_per_point, now.ci, now.days),
        )  # fmt: skip
        out.append(LinkChange(direction, shift_day, then, now, held, sentence))
    return out


def _verdicts(
    cal: Calendar,
    found: Counts,
    last_complete: bool,
    values: dict[str, np.ndarray],
    period: int | None,
) -> tuple[Verdict, Verdict]:
    """Both directions' verdicts by the stages of STATS.md §5."""
    early = _early(found, last_complete, period is not None)
    if early is not None:
        status, needed = early
        return (
            _plain(DIRECTIONS[0], found, status.removesuffix("-in-period"),
                   _early_text(DIRECTIONS[0], found, early), needed),
            _plain(DIRECTIONS[1], found, status.removesuffix("-in-period"),
                   _early_text(DIRECTIONS[1], found, early), needed),
        )  # fmt: skip
    pain, mood = cal.columns["pain"], cal.columns["mood"]
    complete = ~np.isnan(pain) & ~np.isnan(mood)
    for name, column in (("pain", pain), ("mood", mood)):
        share = same_share(column[complete])
        if share >= SAME_SHARE:
            return (
                _plain(DIRECTIONS[0], found, "no-variation",
                       words.same_sentence(DIRECTIONS[0], name, share)),
                _plain(DIRECTIONS[1], found, "no-variation",
                       words.same_sentence(DIRECTIONS[1], name, share)),
            )  # fmt: skip
    answer = latent_answer(values["pain"], values["mood"], cal.offsets)
    tested = testable(found)
    if period is not None and period < MIN_TESTED_DAYS:
        tested = False
    if answer.effects:
        return _latent(answer, found, last_complete, tested, period)
    return (
        _fallback(DIRECTIONS[0], values, found, answer.reason or "it did not fit"),
        _fallback(DIRECTIONS[1], values, found, answer.reason or "it did not fit"),
    )


def _early(found: Counts, last_complete: bool, in_period: bool) -> tuple[str, int] | None:
    """("missing" | "needs-days", days needed) before any number can be shown, else None."""
    if not found.pain_days or not found.mood_days:
        return ("missing-in-period" if in_period else "missing"), days_needed(
            found, last_complete, "shown"
        )
    if not shown(found):
        return "needs-days", days_needed(found, last_complete, "shown")
    return None


def _early_text(direction: str, found: Counts, early: tuple[str, int]) -> str:
    status, needed = early
    if status.startswith("missing"):
        missing = [n for n, k in (("pain", found.pain_days), ("mood", found.mood_days)) if not k]
        return words.missing_sentence(
            missing, status.endswith("period"), MIN_SHOWN_DAYS, MIN_TESTED_DAYS
        )
    return words.needs_sentence(direction, found.complete_days, needed, MIN_SHOWN_DAYS)


def data_needed(checkins: Sequence[CheckIn]) -> str | None:
    """Without fitting anything: what the statistics still need before showing a number.

    The same sentence the verdict gives (guidance quotes it on every check-in,
    where a full analysis would be too slow). None once numbers can be shown.
    """
    found, last_complete = counts(calendar(checkins, ["pain", "mood"]))
    early = _early(found, last_complete, False)
    return _early_text(DIRECTIONS[0], found, early) if early is not None else None


def _plain(
    direction: str, found: Counts, status: str, sentence: str, needed: int | None = None
) -> Verdict:
    return Verdict(
        direction=direction,
        effect_per_point=None,
        ci=None,
        p=None,
        flagged=False,
        method=None,
        days=found.complete_days,
        status=status,
        sentence=sentence,
        pairs=found.complete_pairs,
        days_needed=needed,
    )


def _latent(
    answer: LatentAnswer, found: Counts, last_complete: bool, tested: bool, period: int | None
) -> tuple[Verdict, Verdict]:
    flags = holm_flags({d: e.p for d, e in answer.effects.items()} if tested else {})
    needed = days_needed(found, last_complete, "tested")
    short = f"{MIN_TESTED_DAYS} days" if period is not None and period < MIN_TESTED_DAYS else ""
    out = []
    for direction in DIRECTIONS:
        e = answer.effects[direction]
        no_link = -NO_LINK <= e.ci90[0] and e.ci90[1] <= NO_LINK
        if tested:
            sentence = words.tested_sentence(
                direction, e.effect, e.ci, e.ci90, e.p, flags[direction], no_link,
                found.complete_days,
            )  # fmt: skip
        else:
            sentence = words.preliminary_sentence(
                direction, e.effect, e.ci, found.complete_days, needed, short
            )
        out.append(
            Verdict(
                direction=direction,
                effect_per_point=e.effect,
                ci=e.ci,
                p=e.p if tested else None,
                flagged=flags[direction] if tested else False,
                method="latent-var",
                days=found.complete_days,
                status="tested" if tested else "preliminary",
                sentence=sentence,
                response=e.response,
                pairs=found.complete_pairs,
                ci90=e.ci90,
                probably_no_link=bool(tested and no_link),
                days_needed=None if tested else needed,
            )
        )
    return out[0], out[1]


def _fallback(direction: str, values: dict[str, np.ndarray], found: Counts, reason: str) -> Verdict:
    """The next-day OLS, described with its limitation and never flagged."""
    cause, target = direction.split("->")
    fit = cross_lagged_fit(values[target], values[cause])
    if fit.coef is None or fit.ci is None:
        text = words.inconclusive_sentence(direction, f"{reason}, and {fit.reason}")
        return _plain(direction, found, "inconclusive", text)
    return Verdict(
        direction=direction,
        effect_per_point=fit.coef,
        ci=fit.ci,
        p=None,
        flagged=False,
        method="ols-fallback",
        days=fit.rows,
        status="fallback",
        sentence=words.fallback_sentence(direction, fit.coef, fit.ci, fit.rows, reason),
        pairs=found.complete_pairs,
    )
