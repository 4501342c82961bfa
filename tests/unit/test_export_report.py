"""The clinician report: valid self-contained HTML (and Markdown) with the stats and charts."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.unit.test_cli import run
from tracker import charts
from tracker.demo import generate_diary
from tracker.formats import export_text
from tracker.formats.report import build_report
from tracker.model import CheckIn
from tracker.store import Store

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


def test_html_report_draws_real_charts_and_shows_each_verdict_once() -> None:
    diary = generate_diary(days=240, end=TODAY)
    page = export_text("report", diary, today=TODAY)
    structure = parse(page)
    text = "".join(structure.text)
    assert "pre" not in structure.tags  # no text-art chart
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 2  # pain and mood over time; days apart
    assert all("<circle" in svg and "<polyline" in svg for svg in svgs)
    shown = build_report(diary, today=TODAY).stats
    assert shown is not None and len(shown.verdict) == 2
    for sentence in shown.sentences():
        assert text.count(sentence) == 1
    for heading in ("Weekly averages", "Tags", "Notes", "Sources of painmood's guidance"):
        assert heading in structure.text


def test_markdown_report_is_text_only_with_the_same_parts() -> None:
    diary = generate_diary(days=240, end=TODAY)
    markdown = export_text("report-md", diary, today=TODAY)
    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    shown = build_report(diary, today=TODAY).stats
    assert shown is not None
    for sentence in shown.sentences():
        assert unescaped.count(sentence) == 1
    trend = charts.trend_chart(diary, diary[0].day, diary[-1].day, 96, 22, style="mono")
    assert f"```\n{trend.text}\n```" in markdown
    assert "http" not in markdown and "](" not in markdown and "<svg" not in markdown
    for heading in (
        "## Period",
        "## Averages",
        "## Statistics",
        "## Weekly averages",
        "## Tags",
        "## Notes",
        "## Sources of painmood's guidance",
    ):
        assert heading in markdown


def test_last_four_weeks_are_set_against_the_weeks_before() -> None:
    report = build_report(small_diary(), today=TODAY)
    # The whole ten days fall in the last 28 days of the period: nothing before.
    pain = report.recent[0]
    assert (pain.label, pain.recent_days, pain.before_days, pain.before) == ("Pain", 8, 0, None)
    assert round(pain.recent or 0, 3) == round((6 + 4 + 5 + 3 + 2 + 2 + 7 + 5) / 8, 3)
    longer = build_report(small_diary(), end=dt.date(2024, 2, 5), today=TODAY)
    # 2024-02-05 minus 27 days is 2024-01-09: the 9th and 10th are recent, the rest before.
    mood = longer.recent[1]
    assert (mood.recent_days, mood.before_days) == (2, 6)
    assert mood.recent == 4.0 and round(mood.before or 0, 3) == round(39 / 6, 3)


def test_every_guidance_source_is_cited_with_what_its_text_gives() -> None:
    from tracker.formats.report_sources import SOURCES
    from tracker.guidance import SOURCE_TITLES

    assert [s.title for s in SOURCES] == list(SOURCE_TITLES)
    page = export_text("report", small_diary(), today=TODAY)
    for source in SOURCES:
        assert html.escape(source.citation(), quote=True) in page or source.citation() in page
        assert source.by and source.date and source.address


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


def test_the_report_tells_each_verdict_once_with_its_own_interval_and_p() -> None:
    """On a diary with a known pain -> next-day mood effect the report says it in the
    third person, with the interval and p of the test that decides, each sentence once."""
    from tracker.stats import analyse

    diary = generate_diary(days=365, end=TODAY)
    report = build_report(diary, today=TODAY)
    assert report.stats is not None
    pain_to_mood, mood_to_pain = analyse(diary).verdicts
    assert pain_to_mood.flagged and not mood_to_pain.flagged
    first, second = report.stats.verdict
    assert first.startswith("In this diary, on days after pain was 2 points above")
    assert pain_to_mood.ci is not None and pain_to_mood.effect_per_point is not None
    low, high = sorted(2 * bound for bound in pain_to_mood.ci)
    assert f"(95% interval {low:+.1f} to {high:+.1f}; p < 0.001;" in first
    assert "stands out from chance" in first and "does not stand out" in second
    page = export_text("report", diary, today=TODAY)
    text = html.unescape("".join(parse(page).text))
    assert text.count(first) == 1 and text.count(second) == 1


HOSTILE_NAME = 'Jo <script>alert("x")</script> & *Smith* [link](http://example.org) O\'Brien'


def test_the_name_is_on_the_html_report_as_text_never_as_markup() -> None:
    page = export_text("report", small_diary(), today=TODAY, name=HOSTILE_NAME)
    structure = parse(page)
    assert "script" not in structure.tags and "a" not in structure.tags
    text = "".join(structure.text)
    assert f"summary for a clinician: {HOSTILE_NAME}" in text  # the heading, as typed
    assert f"Name{HOSTILE_NAME}" in text  # the period table's first row
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *Smith*" in page


def test_the_name_is_on_the_markdown_report_with_its_markup_escaped() -> None:
    markdown = export_text("report-md", small_diary(), today=TODAY, name=HOSTILE_NAME)
    heading = markdown.splitlines()[0]
    assert heading.startswith("# Pain and mood diary: summary for a clinician: Jo ")
    assert "&lt;script>" in heading and "<script>" not in markdown
    assert "\\*Smith\\* \\[link\\](http://example.org)" in heading
    assert "| Name | Jo &lt;script>" in markdown


def test_cli_prints_the_name_on_html_and_markdown_and_refuses_it_for_data(
    tmp_path: Path,
) -> None:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save_many(small_diary())
    for format_name in ("report", "report-md"):
        done = run("--db", str(db), "export", "--format", format_name, "--name", "Ada L")
        assert done.code == 0, done.stderr
        assert "Ada L" in done.stdout
    target = tmp_path / "diary.csv"
    args = ["--db", str(db), "export", "--format", "csv", "--name", "Ada", "-o", str(target)]
    refused = run(*args)
    assert refused.code == 2 and not target.exists()
    assert "--name is printed on a report (report, report-md, pdf)" in refused.stderr
    assert "Traceback" not in refused.stderr
