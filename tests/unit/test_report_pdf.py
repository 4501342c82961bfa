"""The PDF report: page 1 answers a clinician, every page says where it belongs, text prints."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tracker.cli import cli
from tracker.demo import generate_diary
from tracker.formats import EXPORT_FORMATS, export_content
from tracker.formats.pdf_text import font_files, printable
from tracker.formats.report import ClinicianReport, build_report, week_cells
from tracker.model import CheckIn
from tracker.store import Store

TODAY = dt.date(2026, 3, 15)
A4 = (595, 842)  # points, rounded
LETTER = (612, 792)


def flat(text: str) -> str:
    """Extracted text with line breaks and doubled spaces made single spaces."""
    return re.sub(r"\s+", " ", text)


def pdf_of(checkins: list[CheckIn], **options: object) -> PdfReader:
    data = export_content("pdf", checkins, today=TODAY, **options)
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def year() -> list[CheckIn]:
    return generate_diary(days=365, end=TODAY)


@pytest.fixture(scope="module")
def year_report(year: list[CheckIn]) -> ClinicianReport:
    return build_report(year, today=TODAY)


@pytest.fixture(scope="module")
def year_pdf(year: list[CheckIn]) -> PdfReader:
    return pdf_of(year, name="Ada Lovelace")


def test_page_one_answers_who_when_how_much_and_what_the_statistics_say(
    year: list[CheckIn], year_pdf: PdfReader, year_report: ClinicianReport
) -> None:
    first = flat(year_pdf.pages[0].extract_text())
    report = year_report
    assert "Ada Lovelace" in first
    period = f"{year[0].day.isoformat()} to {TODAY.isoformat()}"
    assert f"Period: {period} (365 days)" in first
    assert f"Recorded on {report.checked_days} days; missing {report.missing_days}" in first
    pain, mood = report.summary("pain"), report.summary("mood")
    assert pain is not None and mood is not None
    assert f"Pain {pain.days} {pain.mean:.1f} {pain.low:g}–{pain.high:g}" in first
    assert f"Mood {mood.days} {mood.mean:.1f} {mood.low:g}–{mood.high:g}" in first
    recent = report.recent[0]
    assert f"{recent.recent:.1f} ({recent.recent_days})" in first
    assert report.stats is not None and len(report.stats.verdict) == 2
    for sentence in report.stats.verdict:
        assert flat(sentence) in first
    assert "Not medical advice; self-reported." in first


def test_a_year_fits_in_four_pages_each_with_its_period_and_number(
    year: list[CheckIn], year_pdf: PdfReader
) -> None:
    pages = year_pdf.pages
    assert 2 <= len(pages) <= 4
    period = f"{year[0].day.isoformat()} to {TODAY.isoformat()}"
    for number, page in enumerate(pages, start=1):
        text = flat(page.extract_text())
        assert period in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Not medical advice; self-reported." in text
    assert tuple(round(v) for v in pages[0].mediabox[2:]) == A4
    rest = flat(" ".join(page.extract_text() for page in pages[1:]))
    for heading in ("Pain and mood days apart", "Weekly averages", "Tags", "Notes"):
        assert heading in rest
    assert "Sources of painmood's guidance" in rest


def test_the_weekly_table_of_a_year_stays_on_one_page(
    year_pdf: PdfReader, year_report: ClinicianReport
) -> None:
    report = year_report
    texts = [flat(page.extract_text()) for page in year_pdf.pages]
    rows = [" ".join(week_cells(row)[:4]) for row in report.weeks]
    holding = [index for index, text in enumerate(texts) if any(row in text for row in rows)]
    assert len(holding) == 1 and len(report.weeks) >= 52
    assert all(row in texts[holding[0]] for row in rows)


def test_letter_paper_and_an_empty_diary() -> None:
    letter = pdf_of(generate_diary(days=30, end=TODAY), paper="letter")
    assert tuple(round(v) for v in letter.pages[0].mediabox[2:]) == LETTER
    empty = pdf_of([])
    assert "no check-ins" in flat(empty.pages[0].extract_text())


def test_characters_the_font_lacks_become_visible_markers() -> None:
    regular, _ = font_files()
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(regular)).getBestCmap()
    assert printable("Café à l'école", cmap) == "Café à l'école"
    assert printable("שלום مرحبا", cmap) == "שלום مرحبا"  # DejaVu draws both scripts
    assert printable("早上好 ok", cmap) == "[3 CJK characters] ok"
    assert printable("thumbs \U0001f44d\U0001f3fd!", cmap) == "thumbs [thumbs up sign]!"
    assert printable("\U0001f9e0", cmap) == "[brain]"
    marked = printable("Flare 早上 \U0001f9e0 \U0001f44d\U0001f3fd é", cmap)
    assert all(ord(char) in cmap for char in marked)


def test_a_note_in_many_scripts_prints_without_empty_boxes() -> None:
    note = "Émile \U0001f9e0 中文 שלום עולם مرحبا ok"
    diary = [
        CheckIn.create(today=TODAY, day=dt.date(2026, 3, 1), pain=4, mood=5, note=note),
        CheckIn.create(today=TODAY, day=dt.date(2026, 3, 2), pain=5, mood=4),
    ]
    text = flat(" ".join(page.extract_text() for page in pdf_of(diary).pages))
    assert "Émile [brain] [2 CJK characters]" in text
    assert "ok" in text


def test_cli_writes_a_private_pdf_with_name_and_paper(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save_many(generate_diary(days=60, end=TODAY))
    target = tmp_path / "report.pdf"
    args = ["export", "--db", str(db), "--format", "pdf", "-o", str(target)]
    done = CliRunner().invoke(cli, [*args, "--name", "Jo", "--paper", "letter"])
    assert done.exit_code == 0, done.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    reader = PdfReader(target)
    assert tuple(round(v) for v in reader.pages[0].mediabox[2:]) == LETTER
    assert "Name: Jo" in reader.pages[0].extract_text()
    assert "pdf" in EXPORT_FORMATS


def test_cli_refuses_a_name_too_long_for_the_page(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(CheckIn.create(today=TODAY, day=TODAY, pain=3, mood=6))
    target = tmp_path / "report.pdf"
    args = ["export", "--db", str(db), "--format", "pdf", "-o", str(target), "--name", "x" * 101]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2
    assert "The name is 101 characters; a report takes at most 100." in done.output
    assert not target.exists()


def test_cli_refuses_to_print_a_pdf_on_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(CheckIn.create(today=TODAY, day=TODAY, pain=3, mood=6))
    terminal, screen = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(db), "export", "--format", "pdf"],
            stdout=screen,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
        os.close(screen)
        try:
            shown = os.read(terminal, 65536)
        except OSError:  # Linux: nothing was written to the terminal
            shown = b""
    finally:
        os.close(terminal)
    assert done.returncode == 2
    assert "give -o FILE" in done.stderr and "Traceback" not in done.stderr
    assert b"%PDF" not in shown


def test_the_same_diary_and_day_give_the_same_file() -> None:
    diary = generate_diary(days=20, end=TODAY)
    first = export_content("pdf", diary, today=TODAY, name="Jo")
    assert first == export_content("pdf", diary, today=TODAY, name="Jo")
