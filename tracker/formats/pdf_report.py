"""The clinician report as a PDF (fpdf2): the page machine and the one call that makes it.

`ReportPDF` is fpdf2 with the report's font, a footer on every page (the
period, the caveat and "page x of y"), text helpers and vector charts (the
paper charts are drawn as lines and shapes, so they print sharp at any
size). What goes on each page is in `pdf_pages`; this is the only module
that imports fpdf2, so the PDF's libraries load only when a PDF is made.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fpdf import FPDF

from ..charts.paper import PaperChart
from .pdf_pages import first_page, later_pages
from .pdf_text import BODY, FONT, GREY, MARGIN, PT, SMALL, font_files, has_rtl, printable
from .report import SHORT_CAVEAT, ClinicianReport, period_text

Paper = Literal["a4", "letter"]
PAPERS: tuple[str, ...] = ("a4", "letter")


class ReportPDF(FPDF):
    """fpdf2 with the report's font, footer (period, caveat, page x of y) and helpers."""

    def __init__(self, paper: Paper, footer_text: str, made_on: dt.date, name: str = "") -> None:
        super().__init__(orientation="P", unit="mm", format="A4" if paper == "a4" else "Letter")
        self.footer_text = footer_text
        self.footer_name = name
        self._footer: str | None = None
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
        if self._footer is None:
            self._footer = self._fitted_footer()
        self.cell(0, 4, self._footer, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)

    def _fitted_footer(self) -> str:
        """The name (shortened with … when long) and the footer text, clear of "Page x of y"."""
        room = self.width - self.get_string_width("Page 999 of 999") - 4
        text = printable(self.footer_text, self.cmap)
        name = printable(self.footer_name, self.cmap)
        while name and self.get_string_width(f"{name} · {text}") > room:
            name = name[:-2].rstrip() + "…"
            if name == "…":
                name = ""
        return f"{name} · {text}" if name else text

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

    def paragraph_height(self, text: str, size: float = BODY, gap: float = 1.5) -> float:
        """How tall `paragraph(text, size, gap)` would be, without drawing it."""
        self.set_font(FONT, size=size)
        height: Any = self.multi_cell(
            0, size * PT * 1.45, printable(text, self.cmap), dry_run=True, output="HEIGHT"
        )
        return float(height) + gap

    def chart(self, chart: PaperChart, x0: float, y0: float) -> None:
        """Draw a paper chart with its top left corner at (x0, y0)."""
        for _, line in chart.lines:
            self.set_draw_color(*_rgb(line.colour))
            self.set_line_width(line.width)
            if line.dashed:
                self.set_dash_pattern(dash=1.6, gap=1.0)
            else:
                self.set_dash_pattern()
            self.polyline([(x0 + x, y0 + y) for x, y in line.points])
        self.set_dash_pattern()
        colour = ""
        for _, dot in chart.dots:
            if dot.colour != colour:  # thousands of dots, a handful of colours
                colour = dot.colour
                self.set_fill_color(*_rgb(colour))
            if dot.square:
                side = dot.radius * 1.8
                self.rect(x0 + dot.x - side / 2, y0 + dot.y - side / 2, side, side, style="F")
            else:
                self.circle(x0 + dot.x, y0 + dot.y, dot.radius, style="F")
        for text in chart.texts:
            self.set_font(FONT, size=text.size / PT)
            self.set_text_color(*_rgb(text.colour))
            label = printable(text.text, self.cmap)
            width = self.get_string_width(label)
            shift = {"start": 0.0, "middle": width / 2, "end": width}[text.anchor]
            self.text(x0 + text.x - shift, y0 + text.y, label)
        self.set_text_color(0)
        self.set_draw_color(0)
        self.set_line_width(0.2)

    def chart_block(self, chart: PaperChart) -> None:
        """A chart at the left margin below what is there, on a new page if it does not fit."""
        if self.get_y() + chart.height > self.h - self.b_margin:
            self.add_page()
        y = self.get_y()
        self.chart(chart, self.l_margin, y)
        self.set_y(y + chart.height + 1)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def render_pdf(report: ClinicianReport, paper: Paper = "a4") -> bytes:
    """The report as PDF bytes on A4 or US Letter paper."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, got {paper!r}")
    footer = f"Pain and mood diary, {period_text(report)} · {SHORT_CAVEAT}"
    pdf = ReportPDF(paper, footer, report.made_on, report.name)
    pdf.set_title(f"Pain and mood diary, {period_text(report)}")
    pdf.add_page()
    first_page(pdf, report)
    later_pages(pdf, report)
    return bytes(pdf.output())


def export_pdf(checkins: Any, **options: Any) -> bytes:
    """Build and render in one call (what `export --format pdf` runs)."""
    from .report import build_report

    paper = options.pop("paper", "a4")
    return render_pdf(build_report(checkins, **options), paper)
