"""A report for a clinician: one self-contained HTML page (or Markdown).

What it holds: the period, how many days were checked in and missed, the
averages, a weekly table, the trend and lag charts as text, the statistics
sentences with their numbers, how often each tag was used, and the notes.
The HTML has no scripts and no external resources (a clinic's mail filter
and a printer both take it as it is).

`build_report` gathers the facts; `render_html` and `render_markdown` only
lay them out. The statistics come from `tracker.stats` and the charts from
`tracker.charts`; each part is left out, with a line saying so, if its
module is not available.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean

from ..model import SCALES, CheckIn

SUMMARY_FIELDS = tuple(SCALES)  # every scored field, in column order
CHART_WIDTH = 96
TREND_HEIGHT = 22
LAG_HEIGHT = 20
CAVEAT = (
    "Self-reported daily ratings (pain 0-10, 10 = worst; mood 0-10, 10 = best). The "
    "statistics describe associations in this person's diary, not proof of cause. "
    "Not medical advice."
)


@dataclass(frozen=True)
class FieldSummary:
    """Mean, lowest and highest of one field over the period, and on how many days."""

    label: str
    days: int
    mean: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class WeekRow:
    """One calendar week (Monday first) of the weekly averages table."""

    monday: dt.date
    days: int
    pain: float | None
    mood: float | None
    sleep_hours: float | None


@dataclass(frozen=True)
class LagRow:
    """One line of the lag table: direction, lag, pairs, r and interval, q, status."""

    direction: str
    lag: int
    n: int
    r: str
    ci: str
    q: str
    status: str


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
    sentences: list[str] = field(default_factory=list)
    lag_rows: list[LagRow] = field(default_factory=list)
    charts: list[tuple[str, str, bool]] = field(default_factory=list)  # title, text, drawn
    missing_parts: list[str] = field(default_factory=list)

    @property
    def days_in_period(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last - self.first).days + 1


def _mean(values: Sequence[float]) -> float | None:
    return fmean(values) if values else None


def _summaries(checkins: Sequence[CheckIn]) -> list[FieldSummary]:
    rows = []
    for name in SUMMARY_FIELDS:
        values = [getattr(c, name) for c in checkins if getattr(c, name) is not None]
        rows.append(
            FieldSummary(
                SCALES[name].label,
                len(values),
                _mean(values),
                min(values) if values else None,
                max(values) if values else None,
            )
        )
    return rows


def _weeks(checkins: Sequence[CheckIn]) -> list[WeekRow]:
    by_week: dict[dt.date, list[CheckIn]] = {}
    for checkin in checkins:
        monday = checkin.day - dt.timedelta(days=checkin.day.weekday())
        by_week.setdefault(monday, []).append(checkin)

    def mean_of(week: list[CheckIn], name: str) -> float | None:
        return _mean([getattr(c, name) for c in week if getattr(c, name) is not None])

    return [
        WeekRow(
            monday,
            len(week),
            mean_of(week, "pain"),
            mean_of(week, "mood"),
            mean_of(week, "sleep_hours"),
        )
        for monday, week in sorted(by_week.items())
    ]


def build_report(
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
) -> ClinicianReport:
    """Gather the report for the check-ins between start and end (both optional)."""
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
    )
    report.missing_days = max(report.days_in_period - len(chosen), 0)
    lagged = _add_stats(report, chosen)
    _add_charts(report, chosen, first, last, lagged)
    return report


def _add_stats(report: ClinicianReport, chosen: Sequence[CheckIn]) -> list[object]:
    """Sentences and the lag table from tracker.stats, when that module is there."""
    try:
        from .. import stats
    except ImportError:
        report.missing_parts.append("statistics (this painmood has no stats module)")
        return []
    found = stats.analyse(chosen)
    # Flagged results and the strongest lag each way, as the stats screen shows them.
    picked = [item.sentence for item in found.highlights()]
    for direction in stats.DIRECTIONS:
        regression = found.regression(direction)
        if regression is not None:
            picked.append(regression.sentence)
    if not any(item.r is not None for item in found.lagged):
        picked.append(found.lagged[0].sentence if found.lagged else "No statistics yet.")
    picked += [item.sentence for item in found.factors if item.status != "insufficient"]
    report.sentences = list(dict.fromkeys(picked))  # each once, in order
    report.lag_rows = [
        LagRow(
            stats.direction_title(item.direction),
            item.lag,
            item.n,
            stats.format_r(item.r),
            stats.format_ci(item.ci),
            stats.format_p(item.q),
            stats.status_note(item),
        )
        for item in found.lagged
        if not (item.lag == 0 and item.direction != stats.DIRECTIONS[0])
    ]
    return list(found.lagged)


def _add_charts(
    report: ClinicianReport,
    chosen: Sequence[CheckIn],
    first: dt.date | None,
    last: dt.date | None,
    lagged: list[object],
) -> None:
    """Trend and lag charts as plain text, when tracker.charts is there."""
    try:
        from .. import charts
    except ImportError:
        report.missing_parts.append("charts (this painmood has no charts module)")
        return
    trend = charts.trend_chart(chosen, first, last, CHART_WIDTH, TREND_HEIGHT, style="mono")
    report.charts.append(("Pain and mood over time", trend.text, trend.drawn))
    if report.lag_rows:
        lags = charts.lag_chart(lagged, CHART_WIDTH, LAG_HEIGHT, style="mono")
        report.charts.append(("Lagged correlations (r with 95% interval)", lags.text, lags.drawn))


# --------------------------------------------------------------------------- layout


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _period_text(report: ClinicianReport) -> str:
    if report.first is None or report.last is None:
        return "no check-ins"
    return f"{report.first.isoformat()} to {report.last.isoformat()}"


def _facts(report: ClinicianReport) -> list[tuple[str, str]]:
    return [
        ("Period", _period_text(report)),
        ("Days in period", str(report.days_in_period)),
        ("Days checked in", str(report.checked_days)),
        ("Days missing", str(report.missing_days)),
        ("Report made", report.made_on.isoformat()),
    ]


def _summary_cells(row: FieldSummary) -> list[str]:
    def plain(value: float | None) -> str:
        return "–" if value is None else f"{value:g}"

    return [row.label, str(row.days), _number(row.mean), plain(row.low), plain(row.high)]


SUMMARY_HEADERS = ["Measure", "Days", "Mean", "Lowest", "Highest"]
WEEK_HEADERS = ["Week of (Mon)", "Days", "Pain", "Mood", "Sleep h"]
LAG_HEADERS = ["Direction", "Lag (days)", "Pairs", "r", "95% interval", "q", "Status"]


def _week_cells(row: WeekRow) -> list[str]:
    return [
        row.monday.isoformat(),
        str(row.days),
        _number(row.pain),
        _number(row.mood),
        _number(row.sleep_hours),
    ]


def _lag_cells(row: LagRow) -> list[str]:
    return [row.direction, str(row.lag), str(row.n), row.r, row.ci, row.q, row.status]


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #999; margin-top: 1.8rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #bbb; padding: 0.15rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
pre { font-size: 0.72rem; line-height: 1.1; overflow-x: auto; border: 1px solid #ddd;
      padding: 0.4rem; }
.caveat { color: #444; font-size: 0.9rem; }
.note-day { font-weight: bold; margin-top: 0.6rem; }
.note-text { white-space: pre-wrap; margin: 0 0 0 1rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  pre, table, figure { break-inside: avoid; }
  pre { font-size: 7pt; }
}
"""


def _html_table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: ClinicianReport) -> str:
    """The report as one self-contained HTML page."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>painmood report {e(_period_text(report))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Pain and mood diary: report for a clinician</h1>",
        f'<p class="caveat">{e(CAVEAT)}</p>',
        "<h2>Period</h2>",
        _html_table(["", ""], [[k, v] for k, v in _facts(report)]),
        "<h2>Averages</h2>",
        _html_table(SUMMARY_HEADERS, [_summary_cells(r) for r in report.summaries]),
    ]
    for title, text, drawn in report.charts:
        parts.append(f"<h2>{e(title)}</h2>")
        parts.append(f"<figure><pre>{e(text)}</pre></figure>" if drawn else f"<p>{e(text)}</p>")
    parts.append("<h2>Statistics</h2>")
    if report.sentences:
        parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in report.sentences) + "</ul>")
    if report.lag_rows:
        parts.append(_html_table(LAG_HEADERS, [_lag_cells(r) for r in report.lag_rows]))
    for missing in report.missing_parts:
        parts.append(f"<p>Not included: {e(missing)}.</p>")
    parts.append("<h2>Weekly averages</h2>")
    parts.append(_html_table(WEEK_HEADERS, [_week_cells(r) for r in report.weeks]))
    parts.append("<h2>Tags</h2>")
    if report.tags:
        parts.append(_html_table(["Tag", "Days"], [[t, str(n)] for t, n in report.tags]))
    else:
        parts.append("<p>No tags in this period.</p>")
    parts.append("<h2>Notes</h2>")
    if report.notes:
        for day, note in report.notes:
            parts.append(f'<p class="note-day">{e(day.isoformat())}</p>')
            parts.append(f'<p class="note-text">{e(note)}</p>')
    else:
        parts.append("<p>No notes in this period.</p>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _md_text(text: str) -> str:
    """Markdown-inert text: emphasis and link punctuation escaped, and tags and
    entities shown as written (`p < 0.05` stays as it is)."""
    text = re.sub(r"([\\`*_\[\]#|~])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _md_cell(text: str) -> str:
    return _md_text(text).replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(report: ClinicianReport) -> str:
    """The report as Markdown (charts in fenced blocks)."""
    lines = ["# Pain and mood diary: report for a clinician", "", f"_{CAVEAT}_", ""]
    lines += ["## Period", ""]
    lines += _md_table(["", ""], [[k, v] for k, v in _facts(report)])
    lines += ["## Averages", ""]
    lines += _md_table(SUMMARY_HEADERS, [_summary_cells(r) for r in report.summaries])
    for title, text, drawn in report.charts:
        lines += [f"## {title}", ""]
        if drawn:
            fence = "````" if "```" in text else "```"
            lines += [fence, text, fence, ""]
        else:
            lines += [_md_text(text), ""]
    lines += ["## Statistics", ""]
    lines += [f"- {_md_text(s)}" for s in report.sentences]
    lines += [""]
    if report.lag_rows:
        lines += _md_table(LAG_HEADERS, [_lag_cells(r) for r in report.lag_rows])
    lines += [f"Not included: {missing}." for missing in report.missing_parts]
    lines += ["## Weekly averages", ""]
    lines += _md_table(WEEK_HEADERS, [_week_cells(r) for r in report.weeks])
    lines += ["## Tags", ""]
    if report.tags:
        lines += _md_table(["Tag", "Days"], [[t, str(n)] for t, n in report.tags])
    else:
        lines += ["No tags in this period.", ""]
    lines += ["## Notes", ""]
    if report.notes:
        for day, note in report.notes:
            quoted = "\n".join(f"> {_md_text(line)}" if line else ">" for line in note.split("\n"))
            lines += [f"**{day.isoformat()}**", "", quoted, ""]
    else:
        lines += ["No notes in this period.", ""]
    return "\n".join(lines)
