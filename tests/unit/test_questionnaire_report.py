"""The clinician report shows each questionnaire's latest score, band and trend, and question 9."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.unit.test_cli import run
from tests.unit.test_export_formats import golden_diary
from tracker.formats import export_content, export_text
from tracker.questionnaires import GAD7, PEG, PHQ9, Result
from tracker.questionnaires import storage as qs
from tracker.store import Store

DAYS = sorted(c.day for c in golden_diary())
FIRST, LAST = DAYS[0], DAYS[-1]
QUESTION_NINE = "PHQ-9 question 9 (Thoughts that you would be better off dead"


def _results() -> list[Result]:
    return [
        Result(PHQ9, FIRST, (2, 2, 2, 2, 2, 1, 1, 1, 0, None)),  # 13, moderate
        Result(PHQ9, LAST, (1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),  # 9, mild; question 9 at 1
        Result(GAD7, LAST, (3, 3, 3, 3, 3, 1, 0)),  # 16, severe
        Result(PEG, LAST, (5, 5, 6)),  # 5.3
        Result(GAD7, FIRST, (1, None, 1, 1, 1, 1, 1)),  # incomplete
    ]


def test_markdown_report_lists_latest_band_trend_and_question_nine() -> None:
    text = export_text("report-md", golden_diary(), questionnaires=_results())
    section = text.split("## Weekly questionnaires", 1)[1].split("## Pain and mood over time")[0]
    assert f"**{QUESTION_NINE}" in section and f"'Several days' (1) on {LAST}" in section
    assert section.count("question 9") == 1  # the first PHQ-9 had 0 there
    assert f"| PHQ-9 | {LAST} | 9 of 27 | mild | down 4 since {FIRST} (2 scores) |" in section
    assert f"| GAD-7 | {LAST} | 16 of 21 | severe | first score in the period (1 score) |" in (
        section
    )
    assert f"| PEG | {LAST} | 5.3 of 10 | (no bands) |" in section
    assert f"Incomplete, so not scored: GAD-7 {FIRST}." in section
    assert "not a diagnosis" in section


def test_html_report_has_the_same_section() -> None:
    page = export_text("report", golden_diary(), questionnaires=_results())
    assert "<h2>Weekly questionnaires</h2>" in page
    assert "<strong>" + QUESTION_NINE in page
    assert "<td>severe</td>" in page and "<td>mild</td>" in page


def test_a_report_without_questionnaires_has_no_section() -> None:
    assert "Weekly questionnaires" not in export_text("report-md", golden_diary())


def test_pdf_report_shows_question_nine_on_the_first_page_and_the_table_later() -> None:
    data = export_content("pdf", golden_diary(), questionnaires=_results())
    assert isinstance(data, bytes)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert "PHQ-9 question 9 (Thoughts that you would be better off dead" in pages[0]
    later = " ".join(pages[1:])
    assert "Weekly questionnaires" in later and "16 of 21" in later and "severe" in later


def test_report_md_export_from_the_diary(db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as store:
        store.save_many(golden_diary())
        qs.save_many(store, _results())
    out = tmp_path / "r.md"
    assert run("--db", str(db_path), "export", "--format", "report-md", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "## Weekly questionnaires" in text and QUESTION_NINE in text
