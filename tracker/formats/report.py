"""A report for a clinician: the facts, gathered once for the PDF, HTML and Markdown.

What it holds: who (an optional name) and which period, how many days were
checked in and missed, the average and range of each score, the last four
weeks against the weeks before, the weekly means, the statistics' own
sentences, how often each tag was used, the notes, and the sources of the
guidance painmood gives. `build_report` gathers; `report_html`,
`report_markdown` and `pdf_report` only lay out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from ..model import SCALES, CheckIn, InvalidInput
from .report_stats import ReportStats, report_stats

SUMMARY_FIELDS = tuple(SCALES)  # every scored field, in column order
RECENT_DAYS = 28
CAVEAT = (
    "Self-reported daily ratings (pain 0-10, 10 = worst; mood 0-10, 10 = best). The "
    "statistics describe associations in this person's diary, not proof of cause. "
    "Not medical advice."
)
SHORT_CAVEAT = "Not medical advice; self-reported."
MAX_NAME = 100  # characters: a name on one or two lines of the first page
REPORT_FORMATS = ("report", "report-md", "pdf")  # the exports that carry a name


@dataclass(frozen=True)
class FieldSummary:
    """Mean, lowest and highest of one field over the period, and on how many days."""

    name: str
    label: str
    days: int
    mean: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class RecentChange:
    """One score's mean over the last four weeks of the period and over the days before."""

    label: str
    recent: float | None
    recent_days: int
    before: float | None
    before_days: int


@dataclass(frozen=True)
class WeekRow:
    """One calendar week (Monday first) of the weekly averages table."""

    monday: dt.date
    days: int
    pain: float | None
    mood: float | None
    sleep_hours: float | None


@dataclass
class ClinicianReport:
    """Everything the report shows, as plain values."""

    first: dt.date | None
    last: dt.date | None
    made_on: dt.date
    checked_days: int
    missing_days: int
    summaries: list[FieldSummary]
    weeks: list[WeekRow]
    tags: list[tuple[str, int]]
    notes: list[tuple[dt.date, str]]
    checkins: list[CheckIn] = field(default_factory=list)
    name: str = ""
    recent: list[RecentChange] = field(default_factory=list)
    stats: ReportStats | None = None
    missing_parts: list[str] = field(default_factory=list)
    # Weekly questionnaires of the period (tracker.questionnaires.Result), oldest first.
    questionnaires: list[Any] = field(default_factory=list)
    # Their association with the same weeks' pain and mood (sentences).
    questionnaire_association: list[str] = field(default_factory=list)

    @property
    def days_in_period(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last - self.first).days + 1

    def summary(self, name: str) -> FieldSummary | None:
        return next((row for row in self.summaries if row.name == name), None)


def _mean(values: Sequence[float]) -> float | None:
    return fmean(values) if values else None


def _values(checkins: Sequence[CheckIn], name: str) -> list[float]:
    return [getattr(c, name) for c in checkins if getattr(c, name) is not None]


def _summaries(checkins: Sequence[CheckIn]) -> list[FieldSummary]:
    rows = []
    for name in SUMMARY_FIELDS:
        values = _values(checkins, name)
        rows.append(
            FieldSummary(
                name,
                SCALES[name].label,
                len(values),
                _mean(values),
                min(values) if values else None,
                max(values) if values else None,
            )
        )
    return rows


def _recent(checkins: Sequence[CheckIn], last: dt.date | None) -> list[RecentChange]:
    """Pain and mood: the last 28 days of the period against the days before them."""
    if last is None:
        return []
    cut = last - dt.timedelta(days=RECENT_DAYS - 1)
    recent = [c for c in checkins if c.day >= cut]
    before = [c for c in checkins if c.day < cut]
    rows = []
    for name in ("pain", "mood"):
        now, then = _values(recent, name), _values(before, name)
        rows.append(RecentChange(SCALES[name].label, _mean(now), len(now), _mean(then), len(then)))
    return rows


def _weeks(checkins: Sequence[CheckIn]) -> list[WeekRow]:
    by_week: dict[dt.date, list[CheckIn]] = {}
    for checkin in checkins:
        monday = checkin.day - dt.timedelta(days=checkin.day.weekday())
        by_week.setdefault(monday, []).append(checkin)
    return [
        WeekRow(
            monday,
            len(week),
            _mean(_values(week, "pain")),
            _mean(_values(week, "mood")),
            _mean(_values(week, "sleep_hours")),
        )
        for monday, week in sorted(by_week.items())
    ]


def build_report(
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
    name: str = "",
    questionnaires: Sequence[Any] = (),
) -> ClinicianReport:
    """Gather the report for the check-ins between start and end (both optional)."""
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise InvalidInput(
            f"The name is {len(name)} characters; a report takes at most {MAX_NAME}.", "name"
        )
    chosen = sorted(
        (
            c
            for c in checkins
            if (start is None or c.day >= start) and (end is None or c.day <= end)
        ),
        key=lambda c: c.day,
    )
    first = start or (chosen[0].day if chosen else None)
    last = end or (chosen[-1].day if chosen else None)
    tag_counts = Counter(tag for c in chosen for tag in c.tags)
    report = ClinicianReport(
        first=first,
        last=last,
        made_on=today or dt.date.today(),
        checked_days=len(chosen),
        missing_days=0,
        summaries=_summaries(chosen),
        weeks=_weeks(chosen),
        tags=sorted(tag_counts.items(), key=lambda item: (-item[1], item[0])),
        notes=[(c.day, c.note) for c in chosen if c.note],
        checkins=chosen,
        name=name,
        recent=_recent(chosen, last),
    )
    report.missing_days = max(report.days_in_period - len(chosen), 0)
    if questionnaires:
        from ..questionnaires.association import associate
        from ..questionnaires.report_section import in_period

        report.questionnaires = in_period(questionnaires, start, end)
        report.questionnaire_association = [
            a.sentence() for a in associate(report.questionnaires, chosen) if a.rho is not None
        ]
    try:
        report.stats = report_stats(chosen)
    except ImportError:
        report.missing_parts.append("statistics (this painmood has no stats module)")
    return report


# ----------------------------------------------------------------- shared wording


def number(value: float | None, digits: int = 1) -> str:
    """A mean as the report prints it; an en dash when there is none."""
    return "–" if value is None else f"{value:.{digits}f}"


def plain(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def period_text(report: ClinicianReport) -> str:
    if report.first is None or report.last is None:
        return "no check-ins"
    return f"{report.first.isoformat()} to {report.last.isoformat()}"


def facts(report: ClinicianReport) -> list[tuple[str, str]]:
    rows = [("Name", report.name)] if report.name else []
    return rows + [
        ("Period", period_text(report)),
        ("Days in period", str(report.days_in_period)),
        ("Days checked in", str(report.checked_days)),
        ("Days missing", str(report.missing_days)),
        ("Report made", report.made_on.isoformat()),
    ]


SUMMARY_HEADERS = ["Measure", "Days", "Mean", "Lowest", "Highest"]
RECENT_HEADERS = ["Measure", "Last 4 weeks", "Days", "Before", "Days"]
WEEK_HEADERS = ["Week of (Mon)", "Days", "Pain", "Mood", "Sleep h"]


def summary_cells(row: FieldSummary) -> list[str]:
    return [row.label, str(row.days), number(row.mean), plain(row.low), plain(row.high)]


def recent_cells(row: RecentChange) -> list[str]:
    return [
        row.label,
        number(row.recent),
        str(row.recent_days),
        number(row.before),
        str(row.before_days),
    ]


def week_cells(row: WeekRow) -> list[str]:
    return [
        row.monday.isoformat(),
        str(row.days),
        number(row.pain),
        number(row.mood),
        number(row.sleep_hours),
    ]


def recorded_summaries(report: ClinicianReport) -> list[FieldSummary]:
    """Pain and mood always; the optional factors only when recorded in the period."""
    return [r for r in report.summaries if r.name in ("pain", "mood") or r.days]
