"""The clinician report shows each questionnaire's latest score, band and trend, and question 9."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.unit.test_cli import run
from tests.unit.test_export_formats import golden_diary
from tracker.demo import generate_diary
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


def test_pdf_page_one_holds_question_nine_and_the_latest_scores_with_bands() -> None:
    data = export_content("pdf", golden_diary(), questionnaires=_results())
    assert isinstance(data, bytes)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    first = pages[0]
    assert "PHQ-9 question 9 (Thoughts that you would be better off dead" in first
    assert f"PHQ-9 {LAST} 9 of 27 mild down 4 since {FIRST} (2 scores)" in first
    assert f"GAD-7 {LAST} 16 of 21 severe first score in the period (1 score)" in first
    assert f"PEG {LAST} 5.3 of 10 (no bands)" in first
    assert "not a diagnosis" in first
    later = " ".join(pages[1:])
    assert "16 of 21" not in later  # each score shown once
    assert f"Incomplete, so not scored: GAD-7 {FIRST}." in later


def _weekly_year(end: dt.date, nine: int) -> list[Result]:
    """A year of weekly PHQ-9, GAD-7 and PEG; question 9 at `nine` every week."""
    results = []
    for week in range(52):
        day = end - dt.timedelta(days=7 * week)
        results += [
            Result(PHQ9, day, (2, 1, 2, 1, 2, 1, 2, 1, nine, 1)),
            Result(GAD7, day, (1, 2, 1, 2, 1, 2, 1)),
            Result(PEG, day, (4, 5, 6)),
        ]
    return results


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_page_one_of_a_full_year_stays_one_page_with_every_question_nine_said(
    paper: str,
) -> None:
    """A year with notes, a long name and question 9 above 0 every week: page 1 still
    ends with its caveat; it names the latest two and counts the rest, which page 2 lists."""
    end = dt.date(2026, 3, 15)
    diary = generate_diary(days=365, end=end)
    assert sum(1 for c in diary if c.note) > 10
    name = "Ada Augusta King, Countess of Lovelace, née Byron, writer of the Notes on the Engine"
    data = export_content(
        "pdf", diary, today=end, name=name, paper=paper, questionnaires=_weekly_year(end, nine=2)
    )
    assert isinstance(data, bytes)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    first = pages[0]
    assert first.index("Weekly questionnaires: latest scores") < first.index(
        "What the statistics say"
    )
    assert f"PHQ-9 {end} 14 of 27 moderate same as on 2026-03-08 (52 scores)" in first
    assert "Self-reported daily ratings" in first and "Not medical advice." in first
    assert first.count("PHQ-9 question 9 (") == 2
    assert "also answered above 0 on 50 earlier questionnaires" in first
    assert "What the statistics say" not in " ".join(pages[1:])
    assert "2025-03-23 'More than half the days' (2)" in pages[1]
    assert "Page 1 of" in first and "Countess" in first.split("Not medical advice.")[-1]


def test_report_md_export_from_the_diary(db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as store:
        store.save_many(golden_diary())
        qs.save_many(store, _results())
    out = tmp_path / "r.md"
    assert run("--db", str(db_path), "export", "--format", "report-md", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "## Weekly questionnaires" in text and QUESTION_NINE in text
