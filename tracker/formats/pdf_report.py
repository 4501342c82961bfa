"""The clinician report as a PDF (fpdf2): page 1 alone answers the questions of a visit.

Page 1: who and which period, days recorded and missing, averages and ranges
with the last four weeks against the weeks before, the pain and mood chart,
the statistics' verdict, and the caveat. Later pages: the lag chart, the
weekly means in compact columns, factors, tags, notes and the sources of the
guidance. Every page carries the period and its number. Charts are drawn as
vector shapes, so they print sharp at any size.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fpdf import FPDF

from ..charts.paper import PaperChart, lag_paper_chart, trend_paper_chart
from .pdf_text import FONT, MISSING_NOTE, font_files, has_rtl, printable
from .report import (
    CAVEAT,
    SHORT_CAVEAT,
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

Paper = Literal["a4", "letter"]
PAPERS: tuple[str, ...] = ("a4", "letter")
WEEK_HEADERS = ["Week of", "Days", "Pain", "Mood", "Sleep"]
MARGIN = 15.0
PT = 0.3528  # millimetres per point
BODY = 9.5  # pt
SMALL = 7.5
GREY = (90, 90, 90)


class ReportPDF(FPDF):
    """fpdf2 with the report's font, footer (period, caveat, page x of y) and helpers."""

    def __init__(self, paper: Paper, footer_text: str, made_on: dt.date) -> None:
        super().__init__(orientation="P", unit="mm", format="A4" if paper == "a4" else "Letter")
        self.footer_text = footer_text
        regular, bold = font_files()
        self.add_font(FONT, "", str(regular))
        self.add_font(FONT, "B", str(bold))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 3)
        font: Any = self.fonts[FONT.lower()]
        self.cmap: dict[int, str] = font.cmap
        self._widths: dict[tuple[str, str, float], float] = {}
        self.set_producer("painmood")
        # The report's day, not the clock: the same diary and day give the same file.
        self.set_creation_date(dt.datetime.combine(made_on, dt.time(), tzinfo=dt.UTC))

    def footer(self) -> None:
        self.set_y(-MARGIN + 2)
        self.set_font(FONT, size=SMALL)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def heading(self, text: str, size: float = 12) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(
            0, size * PT * 1.5, printable(text, self.cmap), new_x="LMARGIN", new_y="NEXT"
        )
        self.set_font(FONT, size=BODY)

    def paragraph(self, text: str, size: float = BODY, gap: float = 1.5) -> None:
        self.set_font(FONT, size=size)
        shaped = has_rtl(text)
        if shaped:
            self.set_text_shaping(True)
        self.multi_cell(
            0, size * PT * 1.45, printable(text, self.cmap), new_x="LMARGIN", new_y="NEXT"
        )
        if shaped:
            self.set_text_shaping(False)
        self.ln(gap)

    def text_row(
        self, cells: list[str], widths: list[float], x: float, y: float, height: float
    ) -> None:
        """One table row of plain cells (first left, the rest right) and a rule under it.

        Placed text with cached widths: many times faster than `cell`, which a
        ten-year weekly table calls thousands of times.
        """
        baseline = y + height * 0.72
        left = x
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            key = (cell, self.font_style, self.font_size_pt)
            if key not in self._widths:
                self._widths[key] = self.get_string_width(cell)
            shift = 0.5 if index == 0 else width - 0.5 - self._widths[key]
            self.text(left + shift, baseline, cell)
            left += width
        self.line(x, y + height, left, y + height)

    def note(self, day: str, text: str, size: float) -> None:
        """A dated note: one placed line when it fits, else a wrapped paragraph."""
        height = size * PT * 1.45
        self.set_font(FONT, "B", size)
        if self.will_page_break(height):
            self.add_page()
        self.cell(22, height, day)
        shown = printable(text, self.cmap)
        self.set_font(FONT, size=size)
        room = self.w - self.r_margin - self.get_x()
        if "\n" in shown or has_rtl(shown) or self.get_string_width(shown) > room:
            self.paragraph(text, size, 0.6)
            return
        self.text(self.get_x(), self.get_y() + height * 0.72, shown)
        self.set_xy(self.l_margin, self.get_y() + height + 0.6)

    def row(self, cells: list[str], widths: list[float], bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", SMALL + 1)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            align = "L" if index == 0 else "R"
            self.cell(width, 4.4, printable(cell, self.cmap), border="B", align=align)
        self.ln(4.4)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def draw_chart(pdf: ReportPDF, chart: PaperChart, x0: float, y0: float) -> None:
    """Draw a paper chart with its top left corner at (x0, y0)."""
    for _, line in chart.lines:
        pdf.set_draw_color(*_rgb(line.colour))
        pdf.set_line_width(line.width)
        if line.dashed:
            pdf.set_dash_pattern(dash=1.6, gap=1.0)
        else:
            pdf.set_dash_pattern()
        pdf.polyline([(x0 + x, y0 + y) for x, y in line.points])
    pdf.set_dash_pattern()
    for _, dot in chart.dots:
        pdf.set_fill_color(*_rgb(dot.colour))
        if dot.square:
            side = dot.radius * 1.8
            pdf.rect(x0 + dot.x - side / 2, y0 + dot.y - side / 2, side, side, style="F")
        else:
            pdf.circle(x0 + dot.x, y0 + dot.y, dot.radius, style="F")
    for text in chart.texts:
        pdf.set_font(FONT, size=text.size / PT)
        pdf.set_text_color(*_rgb(text.colour))
        label = printable(text.text, pdf.cmap)
        width = pdf.get_string_width(label)
        shift = {"start": 0.0, "middle": width / 2, "end": width}[text.anchor]
        pdf.text(x0 + text.x - shift, y0 + text.y, label)
    pdf.set_text_color(0)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)


def _chart_block(pdf: ReportPDF, chart: PaperChart) -> None:
    if pdf.get_y() + chart.height > pdf.h - pdf.b_margin:
        pdf.add_page()
    y = pdf.get_y()
    draw_chart(pdf, chart, pdf.l_margin, y)
    pdf.set_y(y + chart.height + 1)


def _first_page(pdf: ReportPDF, report: ClinicianReport) -> None:
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
    if report.first is not None and report.last is not None and report.checkins:
        _chart_block(pdf, trend_paper_chart(report.checkins, report.first, report.last, pdf.width))
    _item_nine(pdf, report)
    pdf.heading("What the statistics say", 11)
    if report.stats is not None:
        for sentence in report.stats.verdict:
            pdf.paragraph(sentence)
    for missing in report.missing_parts:
        pdf.paragraph(f"Not included: {missing}.")
    pdf.set_text_color(*GREY)
    pdf.paragraph(CAVEAT, SMALL + 0.5)
    pdf.set_text_color(0)


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


def _item_nine(pdf: ReportPDF, report: ClinicianReport) -> None:
    """PHQ-9 question 9 above 0: on the first page, each on its own line, in bold."""
    if not report.questionnaires:
        return
    from ..questionnaires.report_section import item_nine_lines

    for line in item_nine_lines(report.questionnaires):
        pdf.set_font(FONT, "B", BODY)
        pdf.multi_cell(
            0, BODY * PT * 1.45, printable(line, pdf.cmap), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(1.5)
    pdf.set_font(FONT, "", BODY)


def _questionnaires(pdf: ReportPDF, report: ClinicianReport) -> None:
    """Latest PHQ-9, GAD-7 and PEG with band and trend, then the association."""
    if not report.questionnaires:
        return
    from ..questionnaires import report_section as q

    pdf.heading("Weekly questionnaires", 11)
    rows = q.latest_rows(report.questionnaires)
    if rows:
        widths = [24.0, 22.0, 20.0, 32.0]
        widths.append(pdf.width - sum(widths))
        pdf.row(q.HEADERS, widths, True)
        for row in rows:
            pdf.row(row.cells(), widths)
        pdf.ln(2)
    incomplete = q.incomplete_line(report.questionnaires)
    if incomplete:
        pdf.paragraph(incomplete, SMALL + 0.5)
    for line in report.questionnaire_association:
        pdf.paragraph(line, SMALL + 0.5)
    pdf.set_text_color(*GREY)
    pdf.paragraph(q.BAND_NOTE, SMALL + 0.5)
    pdf.set_text_color(0)


def _later_pages(pdf: ReportPDF, report: ClinicianReport) -> None:
    pdf.add_page()
    _questionnaires(pdf, report)
    pdf.heading("Pain and mood days apart", 11)
    lagged = report.stats.lagged if report.stats is not None else []
    if any(getattr(item, "r", None) is not None for item in lagged):
        _chart_block(pdf, lag_paper_chart(lagged, pdf.width))
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


def render_pdf(report: ClinicianReport, paper: Paper = "a4") -> bytes:
    """The report as PDF bytes on A4 or US Letter paper."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, got {paper!r}")
    who = f"{report.name} · " if report.name else ""
    footer = f"{who}Pain and mood diary, {period_text(report)} · {SHORT_CAVEAT}"
    pdf = ReportPDF(paper, footer, report.made_on)
    pdf.set_title(f"Pain and mood diary, {period_text(report)}")
    pdf.add_page()
    _first_page(pdf, report)
    _later_pages(pdf, report)
    return bytes(pdf.output())


def export_pdf(checkins: Any, **options: Any) -> bytes:
    """Build and render in one call (what `export --format pdf` runs)."""
    from .report import build_report

    paper = options.pop("paper", "a4")
    return render_pdf(build_report(checkins, **options), paper)
