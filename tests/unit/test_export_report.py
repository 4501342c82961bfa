"""The clinician report: valid self-contained HTML (and Markdown) with the stats and charts."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

from tracker import charts, stats
from tracker.demo import generate_diary
from tracker.formats import export_text
from tracker.formats.report import build_report
from tracker.model import CheckIn

TODAY = dt.date(2026, 3, 15)
VOID = {"meta", "br", "hr", "img", "link", "input"}


class Structure(HTMLParser):
    """Collects text, tags and attributes, and checks every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:]}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.open == []
    return parser


def small_diary() -> list[CheckIn]:
    """Mon 2024-01-01 .. Wed 2024-01-10 with two missing days (01-04 and 01-08)."""
    values = {
        1: dict(pain=6, mood=4, tags=["physio"], note="Stiff <b>back</b> & tired"),
        2: dict(pain=4, mood=6, sleep_hours=7),
        3: dict(pain=5, mood=5, tags=["physio", "walk"]),
        5: dict(pain=3, mood=7, sleep_hours=8),
        6: dict(pain=2, mood=8),
        7: dict(pain=2, mood=9, tags=["walk"]),
        9: dict(pain=7, mood=3, note="Flare-up\nafter lifting"),
        10: dict(pain=5, mood=5, tags=["physio"]),
    }
    return [CheckIn.create(today=TODAY, day=dt.date(2024, 1, d), **v) for d, v in values.items()]


def test_html_report_counts_weeks_tags_and_notes() -> None:
    page = export_text("report", small_diary(), today=TODAY)
    text = " ".join(parse(page).text)
    assert "2024-01-01 to 2024-01-10" in text
    cells = re.findall(r"<td>(.*?)</td>", page)
    assert cells[cells.index("Days in period") + 1] == "10"
    assert cells[cells.index("Days checked in") + 1] == "8"
    assert cells[cells.index("Days missing") + 1] == "2"
    # Week of Mon 2024-01-01: 6 days, pain (6+4+5+3+2+2)/6 = 3.7, mood (4+6+5+7+8+9)/6 = 6.5,
    # sleep (7+8)/2 = 7.5; week of 2024-01-08: pain 6.0, mood 4.0, no sleep.
    week_one = cells.index("2024-01-01")
    assert cells[week_one : week_one + 5] == ["2024-01-01", "6", "3.7", "6.5", "7.5"]
    week_two = cells.index("2024-01-08")
    assert cells[week_two : week_two + 5] == ["2024-01-08", "2", "6.0", "4.0", "–"]
    # Tags: physio on 3 days, walk on 2.
    assert cells[cells.index("physio") + 1] == "3"
    assert cells[cells.index("walk") + 1] == "2"
    # Notes are shown as text, never as markup.
    assert "Stiff <b>back</b> & tired" in text
    assert "<b>back</b>" not in page
    assert "Flare-up\nafter lifting" in text


def test_html_report_is_self_contained_and_prints() -> None:
    page = export_text("report", small_diary(), today=TODAY)
    structure = parse(page)
    assert "script" not in structure.tags
    assert "link" not in structure.tags
    assert "img" not in structure.tags
    assert not [value for name, value in structure.attributes if name in ("src", "href")]
    assert "url(" not in page
    assert "@media print" in page
    assert page.startswith("<!DOCTYPE html>")


def test_report_holds_the_stats_sentences_and_charts() -> None:
    diary = generate_diary(days=240, end=TODAY)
    page = export_text("report", diary, today=TODAY)
    structure = parse(page)
    text = "".join(structure.text)
    found = stats.analyse(diary)
    for direction in stats.DIRECTIONS:
        assert found.regression(direction).sentence in text
    for item in found.highlights():  # flagged results and the strongest lag each way
        assert item.sentence in text
    first, last = diary[0].day, diary[-1].day
    trend = charts.trend_chart(diary, first, last, 96, 22, style="mono")
    lags = charts.lag_chart(found.lagged, 96, 20, style="mono")
    assert trend.drawn and lags.drawn
    pres = re.findall(r"<pre>(.*?)</pre>", page, flags=re.S)
    assert [html.unescape(p) for p in pres] == [trend.text, lags.text]
    # The lag table has a row per lag, lag 0 once: 8 + 7 rows.
    assert len(build_report(diary, today=TODAY).lag_rows) == 15


def test_markdown_report_has_the_same_parts() -> None:
    diary = generate_diary(days=240, end=TODAY)
    markdown = export_text("report-md", diary, today=TODAY)
    found = stats.analyse(diary)
    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    for direction in stats.DIRECTIONS:
        assert found.regression(direction).sentence in unescaped
    for item in found.highlights():
        assert item.sentence in unescaped
    trend = charts.trend_chart(diary, diary[0].day, diary[-1].day, 96, 22, style="mono")
    assert f"```\n{trend.text}\n```" in markdown
    for heading in (
        "## Period",
        "## Averages",
        "## Statistics",
        "## Weekly averages",
        "## Tags",
        "## Notes",
    ):
        assert heading in markdown


def test_markdown_notes_cannot_inject_markup() -> None:
    diary = [
        CheckIn.create(today=TODAY, day="2024-01-01", pain=3, note="<script>x</script> *bold*")
    ]
    markdown = export_text("report-md", diary, today=TODAY)
    assert "<script>" not in markdown
    assert "&lt;script>x&lt;/script> \\*bold\\*" in markdown


def test_an_empty_diary_still_gives_a_valid_report() -> None:
    page = export_text("report", [], today=TODAY)
    text = " ".join(parse(page).text)
    assert "no check-ins" in text
    assert "No notes in this period." in text
