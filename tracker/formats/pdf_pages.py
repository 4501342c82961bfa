"""What goes on the PDF report's pages: page 1 for the visit, then the detail.

Page 1 alone answers a clinician's questions: who and which period, days
recorded and missing, averages and ranges with the last four weeks against
the weeks before, the latest PHQ-9, GAD-7 and PEG with their bands (and any
question 9 answered above 0), the pain and mood chart, the statistics'
verdict and the caveat. The chart takes the room the rest leaves, so page 1
stays one page. Later pages: the questionnaires against the diary, the lag
chart, the weekly means in compact columns, factors, tags, notes and the
sources of the guidance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..charts.paper import lag_paper_chart, trend_paper_chart
from .pdf_text import BODY, FONT, GREY, MISSING_NOTE, PT, SMALL, printable
from .report import (
    CAVEAT,
    ClinicianReport,
    number,
    period_text,
    plain,
    recorded_summaries,
    week_cells,
)
from .report_html import TITLE
from .report_sources import SOURCES
from .report_stats import FACTOR_HEADERS

if TYPE_CHECKING:
    from .pdf_report import ReportPDF

WEEK_HEADERS = ["Week of", "Days", "Pain", "Mood", "Sleep"]
CHART_HEIGHT = 80.0  # mm: the trend chart when page 1 has room
CHART_LEAST = 50.0  # mm: the smallest trend chart that still reads well
ITEM_NINE_ON_PAGE_ONE = 3  # more than this: the latest two, and a line saying how many more


def first_page(pdf: ReportPDF, report: ClinicianReport) -> None:
    """Page 1: everything a clinician reads in a minute, on one page."""
    pdf.heading(TITLE, 14)
    if report.name:
        pdf.paragraph(f"Name: {report.name}", 11, 0.5)
    if report.first is not None and report.last is not None:
        share = report.missing_days / report.days_in_period if report.days_in_period else 0
        pdf.paragraph(
            f"Period: {period_text(report)} ({report.days_in_period} days). Recorded on "
            f"{report.checked_days} days; missing {report.missing_days} ({share:.0%}). "
            f"Report made {report.made_on.isoformat()}.",
            BODY,
            1,
        )
    else:
        pdf.paragraph("Period: no check-ins.", BODY, 1)
    widths = [42.0, 14.0, 20.0, 24.0, 40.0, 40.0]
    widths[0] += pdf.width - sum(widths)
    pdf.row(
        ["Measure", "Days", "Mean", "Range", "Last 4 weeks (days)", "Before (days)"], widths, True
    )
    recent = {row.label: row for row in report.recent}
    for row in recorded_summaries(report):
        change = recent.get(row.label)
        last4 = f"{number(change.recent)} ({change.recent_days})" if change else ""
        before = f"{number(change.before)} ({change.before_days})" if change else ""
        span = f"{plain(row.low)}–{plain(row.high)}" if row.days else "–"
        pdf.row([row.label, str(row.days), number(row.mean), span, last4, before], widths)
    pdf.ln(3)
    _latest_questionnaires(pdf, report)
    verdict: list[tuple[str, float]] = []
    if report.stats is not None:
        verdict += [(sentence, BODY) for sentence in report.stats.verdict]
    verdict += [(f"Not included: {missing}.", BODY) for missing in report.missing_parts]
    if report.first is not None and report.last is not None and report.checkins:
        # The chart takes the room left once the verdict and the caveat are counted.
        below = 11 * PT * 1.5 + pdf.paragraph_height(CAVEAT, SMALL + 0.5)
        below += sum(pdf.paragraph_height(text, size) for text, size in verdict)
        room = pdf.h - pdf.b_margin - pdf.get_y() - below - 2
        height = max(CHART_LEAST, min(CHART_HEIGHT, room))
        chart = trend_paper_chart(report.checkins, report.first, report.last, pdf.width, height)
        pdf.chart_block(chart)
    pdf.heading("What the statistics say", 11)
    for text, size in verdict:
        pdf.paragraph(text, size)
    pdf.set_text_color(*GREY)
    pdf.paragraph(CAVEAT, SMALL + 0.5)
    pdf.set_text_color(0)


def _latest_questionnaires(pdf: ReportPDF, report: ClinicianReport) -> None:
    """Latest PHQ-9, GAD-7 and PEG with band and trend, and question 9 above 0, in bold."""
    if not report.questionnaires:
        return
    from ..questionnaires import report_section as q

    rows = q.latest_rows(report.questionnaires)
    if rows:
        pdf.heading("Weekly questionnaires: latest scores", 11)
        widths = [24.0, 22.0, 20.0, 32.0]
        widths.append(pdf.width - sum(widths))
        pdf.row(q.HEADERS, widths, True)
        for row in rows:
            pdf.row(row.cells(), widths)
        pdf.ln(1)
        pdf.set_text_color(*GREY)
        pdf.paragraph(q.BAND_NOTE, SMALL + 0.5, 1)
        pdf.set_text_color(0)
    lines = q.item_nine_lines(report.questionnaires)
    if len(lines) > ITEM_NINE_ON_PAGE_ONE:
        earlier = len(lines) - (ITEM_NINE_ON_PAGE_ONE - 1)
        first_day = q.item_nine_answers(report.questionnaires)[0][0].isoformat()
        lines = lines[-(ITEM_NINE_ON_PAGE_ONE - 1) :] + [
            f"PHQ-9 question 9 was also answered above 0 on {earlier} earlier "
            f"questionnaires in this period, the first on {first_day}; page 2 lists each."
        ]
    for line in lines:
        _bold_line(pdf, line)
    pdf.ln(1)


def _bold_line(pdf: ReportPDF, line: str) -> None:
    pdf.set_font(FONT, "B", BODY)
    pdf.multi_cell(0, BODY * PT * 1.45, printable(line, pdf.cmap), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(FONT, "", BODY)


def _questionnaires_detail(pdf: ReportPDF, report: ClinicianReport) -> None:
    """What page 1 has no room for: every question 9 above 0 when page 1 listed only
    the latest, questionnaires left unscored, and the association with the diary."""
    if not report.questionnaires:
        return
    from ..questionnaires import report_section as q

    nine = q.item_nine_answers(report.questionnaires)
    nine = nine if len(nine) > ITEM_NINE_ON_PAGE_ONE else []
    incomplete = q.incomplete_line(report.questionnaires)
    if not (nine or incomplete or report.questionnaire_association):
        return
    pdf.heading("Weekly questionnaires and the diary", 11)
    if nine:
        answered = "; ".join(f"{day.isoformat()} '{words}' ({value})" for day, value, words in nine)
        _bold_line(pdf, f"PHQ-9 question 9 ({q.item_nine_text()}) answered above 0: {answered}.")
    if incomplete:
        pdf.paragraph(incomplete, SMALL + 0.5)
    for line in report.questionnaire_association:
        pdf.paragraph(line, SMALL + 0.5)


def _weekly_columns(pdf: ReportPDF, report: ClinicianReport) -> None:
    """The weekly means in side-by-side columns, so a year fits on part of one page."""
    widths = [19.0, 8.0, 9.5, 9.5, 9.5]
    block = sum(widths) + 3.5
    columns = max(1, int((pdf.width + 4) // block))
    row_height = 3.7
    rows = [week_cells(r) for r in report.weeks]
    # A table that fits on a page of its own is never split across two.
    heading_room = 10.0
    needed = (-(-len(rows) // columns) + 1) * row_height
    left = pdf.h - pdf.b_margin - pdf.get_y() - heading_room
    if needed > left and needed <= pdf.h - pdf.b_margin - pdf.t_margin - heading_room:
        pdf.add_page()
    pdf.heading("Weekly averages (weeks start on Monday)", 11)
    while rows:
        top = pdf.get_y()
        fit = max(1, int((pdf.h - pdf.b_margin - top) // row_height) - 1)
        if fit < 6:
            pdf.add_page()
            continue
        per_column = min(fit, -(-len(rows) // columns))
        for column in range(columns):
            chunk, rows = rows[:per_column], rows[per_column:]
            if not chunk:
                break
            x = pdf.l_margin + column * block
            for line, (cells, bold) in enumerate(
                [(WEEK_HEADERS, True)] + [(c, False) for c in chunk]
            ):
                pdf.set_font(FONT, "B" if bold else "", SMALL)
                pdf.text_row(cells, widths, x, top + line * row_height, row_height)
        pdf.set_y(top + (per_column + 1) * row_height + 3)
        if rows:
            pdf.add_page()


def later_pages(pdf: ReportPDF, report: ClinicianReport) -> None:
    """Pages 2 on: the questionnaires' detail, the lag chart, weeks, factors, tags, notes."""
    pdf.add_page()
    _questionnaires_detail(pdf, report)
    pdf.heading("Pain and mood days apart", 11)
    lagged = report.stats.lagged if report.stats is not None else []
    if any(getattr(item, "r", None) is not None for item in lagged):
        pdf.chart_block(lag_paper_chart(lagged, pdf.width))
        pdf.paragraph(
            "Each dot is the correlation between one score and the other score that many "
            "days later, with its 95% interval: a description of the diary, not a test.",
            SMALL + 0.5,
        )
    else:
        pdf.paragraph("Not enough paired days for the lag picture yet.")
    if report.stats is not None and report.stats.stands_out:
        pdf.heading("What stands out", 11)
        for sentence in report.stats.stands_out:
            pdf.paragraph(f"• {sentence}")
    _weekly_columns(pdf, report)
    if report.stats is not None and report.stats.factors:
        pdf.heading("Factors: correlation r with pain and mood (a description, not a test)", 11)
        widths = [pdf.width - 14.0 - 4 * 29.0, 14.0, 29.0, 29.0, 29.0, 29.0]
        pdf.row(FACTOR_HEADERS, widths, True)
        for row in report.stats.factors:
            pdf.row(row.cells(), widths)
        pdf.ln(3)
    pdf.heading("Tags", 11)
    tags = " · ".join(f"{tag} ({count} days)" for tag, count in report.tags)
    pdf.paragraph(tags or "No tags in this period.")
    pdf.heading("Notes", 11)
    if report.notes:
        pdf.paragraph(MISSING_NOTE, SMALL, 1)
        for day, note in report.notes:
            pdf.note(day.isoformat(), note, SMALL + 1)
    else:
        pdf.paragraph("No notes in this period.")
    pdf.heading("Sources of painmood's guidance", 11)
    for source in SOURCES:
        pdf.paragraph(f"• {source.citation()}", SMALL + 0.5, 0.8)
