"""The clinician report as one self-contained HTML page, or as Markdown text.

The HTML has the PDF's structure and its charts as inline SVG; it has no
scripts, fonts, images or links outside the file (a clinic's mail filter and
a printer both take it as it is). The Markdown is text only: tables, and the
terminal charts in fenced blocks.
"""

from __future__ import annotations

import html
import re

from .report import (
    CAVEAT,
    RECENT_HEADERS,
    SUMMARY_HEADERS,
    WEEK_HEADERS,
    ClinicianReport,
    facts,
    period_text,
    recent_cells,
    recorded_summaries,
    summary_cells,
    week_cells,
)
from .report_sources import SOURCES
from .report_stats import FACTOR_HEADERS

TITLE = "Pain and mood diary: summary for a clinician"
LAG_HEADERS = ["Direction", "Lag (days)", "Pairs", "r", "95% interval"]
CHART_WIDTH = 96  # Markdown's text charts, in characters
TREND_HEIGHT = 22
LAG_HEIGHT = 20

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #999; margin-top: 1.8rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #bbb; padding: 0.15rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 0.5rem 0; }
.caveat { color: #444; font-size: 0.9rem; }
.verdict { font-size: 1.05rem; }
.weeks { columns: 2; }
.note-day { font-weight: bold; margin-top: 0.6rem; }
.note-text { white-space: pre-wrap; margin: 0 0 0 1rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  .later { break-before: page; }
}
"""


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"


def render_html(report: ClinicianReport) -> str:
    """The report as one self-contained HTML page with SVG charts."""
    from ..charts.paper import lag_paper_chart, trend_paper_chart
    from ..charts.svg import to_svg

    e = html.escape
    heading = f"{TITLE}: {report.name}" if report.name else TITLE
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(heading)}, {e(period_text(report))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(heading)}</h1>",
        f'<p class="caveat">{e(CAVEAT)}</p>',
        "<h2>Period</h2>",
        _table(["", ""], [[k, v] for k, v in facts(report)]),
        "<h2>Averages</h2>",
        _table(SUMMARY_HEADERS, [summary_cells(r) for r in recorded_summaries(report)]),
    ]
    if report.recent:
        parts.append(_table(RECENT_HEADERS, [recent_cells(r) for r in report.recent]))
    parts += _questionnaires_html(report)
    parts.append("<h2>Pain and mood over time</h2>")
    if report.first is not None and report.last is not None and report.checkins:
        chart = trend_paper_chart(report.checkins, report.first, report.last)
        parts.append(_figure(to_svg(chart), chart.title))
    else:
        parts.append("<p>No check-ins to draw.</p>")
    parts.append("<h2>What the statistics say</h2>")
    if report.stats is not None:
        parts += [f'<p class="verdict">{e(s)}</p>' for s in report.stats.verdict]
        if report.stats.stands_out:
            parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in report.stats.stands_out))
            parts.append("</ul>")
    parts += [f"<p>Not included: {e(missing)}.</p>" for missing in report.missing_parts]
    parts.append('<h2 class="later">Pain and mood days apart</h2>')
    if report.stats is not None and any(
        getattr(item, "r", None) is not None for item in report.stats.lagged
    ):
        chart = lag_paper_chart(report.stats.lagged)
        parts.append(_figure(to_svg(chart), chart.title + " (a description, not a test)"))
    else:
        parts.append("<p>Not enough paired days for the lag picture yet.</p>")
    parts.append("<h2>Weekly averages</h2>")
    parts.append(
        '<div class="weeks">'
        + _table(WEEK_HEADERS, [week_cells(r) for r in report.weeks])
        + "</div>"
    )
    if report.stats is not None and report.stats.factors:
        parts.append("<h2>Factors: correlation r with pain and mood</h2>")
        parts.append(_table(FACTOR_HEADERS, [row.cells() for row in report.stats.factors]))
        parts.append("<p>A description of the diary, not a test.</p>")
    parts.append("<h2>Tags</h2>")
    if report.tags:
        parts.append(_table(["Tag", "Days"], [[t, str(n)] for t, n in report.tags]))
    else:
        parts.append("<p>No tags in this period.</p>")
    parts.append("<h2>Notes</h2>")
    if report.notes:
        for day, note in report.notes:
            parts.append(f'<p class="note-day">{e(day.isoformat())}</p>')
            parts.append(f'<p class="note-text">{e(note)}</p>')
    else:
        parts.append("<p>No notes in this period.</p>")
    parts.append("<h2>Sources of painmood's guidance</h2>")
    parts.append("<ul>" + "".join(f"<li>{e(s.citation())}</li>" for s in SOURCES) + "</ul>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _questionnaires_html(report: ClinicianReport) -> list[str]:
    """Latest PHQ-9, GAD-7 and PEG with band and trend; question 9 on its own line."""
    if not report.questionnaires:
        return []
    from ..questionnaires import report_section as q

    e = html.escape
    parts = ["<h2>Weekly questionnaires</h2>"]
    parts += [f'<p class="verdict"><strong>{e(line)}</strong></p>'
              for line in q.item_nine_lines(report.questionnaires)]  # fmt: skip
    rows = q.latest_rows(report.questionnaires)
    if rows:
        parts.append(_table(q.HEADERS, [row.cells() for row in rows]))
    incomplete = q.incomplete_line(report.questionnaires)
    parts += [f"<p>{e(incomplete)}</p>"] if incomplete else []
    parts.append(f'<p class="caveat">{e(q.BAND_NOTE)}</p>')
    parts += [f"<p>{e(line)}</p>" for line in report.questionnaire_association]
    return parts


def _questionnaires_md(report: ClinicianReport) -> list[str]:
    """The Markdown twin of `_questionnaires_html`."""
    if not report.questionnaires:
        return []
    from ..questionnaires import report_section as q

    lines = ["## Weekly questionnaires", ""]
    for line in q.item_nine_lines(report.questionnaires):
        lines += [f"**{_md_text(line)}**", ""]
    rows = q.latest_rows(report.questionnaires)
    if rows:
        lines += _md_table(q.HEADERS, [row.cells() for row in rows])
    incomplete = q.incomplete_line(report.questionnaires)
    lines += [_md_text(incomplete), ""] if incomplete else []
    lines += [f"_{_md_text(q.BAND_NOTE)}_", ""]
    lines += [f"- {_md_text(line)}" for line in report.questionnaire_association]
    lines += [""] if report.questionnaire_association else []
    return lines


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


def _lag_rows(report: ClinicianReport) -> list[list[str]]:
    from ..charts import lag_points

    rows = []
    points = lag_points(report.stats.lagged if report.stats else [])
    for p in points:
        if p.r is None or (p.lag == 0 and p.direction != "pain->mood"):
            continue
        ci = f"{p.ci[0]:+.2f} to {p.ci[1]:+.2f}" if p.ci else "–"
        words = "pain, then mood" if p.direction == "pain->mood" else "mood, then pain"
        rows.append([words if p.lag else "same day", str(p.lag), str(p.n), f"{p.r:+.2f}", ci])
    return rows


def render_markdown(report: ClinicianReport) -> str:
    """The report as Markdown: text, tables and text charts; nothing linked or embedded."""
    from .. import charts

    heading = f"{TITLE}: {report.name}" if report.name else TITLE
    lines = [f"# {_md_text(heading)}", "", f"_{CAVEAT}_", ""]
    lines += ["## Period", ""]
    lines += _md_table(["", ""], [[k, v] for k, v in facts(report)])
    lines += ["## Averages", ""]
    lines += _md_table(SUMMARY_HEADERS, [summary_cells(r) for r in recorded_summaries(report)])
    if report.recent:
        lines += _md_table(RECENT_HEADERS, [recent_cells(r) for r in report.recent])
    lines += _questionnaires_md(report)
    lines += ["## Pain and mood over time", ""]
    trend = charts.trend_chart(
        report.checkins, report.first, report.last, CHART_WIDTH, TREND_HEIGHT, style="mono"
    )
    if trend.drawn:
        fence = "````" if "```" in trend.text else "```"
        lines += [fence, trend.text, fence, ""]
    else:
        lines += [_md_text(trend.text), ""]
    lines += ["## Statistics", ""]
    if report.stats is not None:
        lines += [f"- {_md_text(s)}" for s in report.stats.sentences()]
        lines += [""]
        rows = _lag_rows(report)
        if rows:
            lines += ["Pain and mood days apart (a description, not a test):", ""]
            lines += _md_table(LAG_HEADERS, rows)
        if report.stats.factors:
            lines += ["Factors: correlation r with pain and mood (a description, not a test):", ""]
            lines += _md_table(FACTOR_HEADERS, [row.cells() for row in report.stats.factors])
    lines += [f"Not included: {missing}." for missing in report.missing_parts]
    lines += ["## Weekly averages", ""]
    lines += _md_table(WEEK_HEADERS, [week_cells(r) for r in report.weeks])
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
    lines += ["## Sources of painmood's guidance", ""]
    lines += [f"- {_md_text(s.citation())}" for s in SOURCES]
    lines += [""]
    return "\n".join(lines)
