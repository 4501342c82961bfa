"""The questionnaire chart: each instrument on its own scale, its published band edges drawn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.unit.test_cli import run
from tracker.charts.questionnaire_chart import band_edges, questionnaire_chart
from tracker.questionnaires import GAD7, PEG, PHQ9, Result
from tracker.questionnaires import storage as qs
from tracker.store import Store

START = dt.date(2026, 1, 5)


def _weeks(count: int) -> list[Result]:
    found = []
    for week in range(count):
        day = START + dt.timedelta(weeks=week)
        found.append(Result(PHQ9, day, (*(min(3, week % 4),) * 9, None)))
        found.append(Result(GAD7, day, (1,) * 7))
        found.append(Result(PEG, day, (week % 11, 5, 6)))
    return found


def test_band_edges_are_the_published_ones() -> None:
    assert band_edges(PHQ9) == [5, 10, 15, 20]
    assert band_edges(GAD7) == [5, 10, 15]
    assert band_edges(PEG) == []


def test_each_instrument_has_a_panel_with_its_scale_and_edges() -> None:
    chart = questionnaire_chart(_weeks(8), width=100, height=30, style="mono")
    assert chart.drawn
    lines = chart.text.splitlines()
    assert any("PHQ-9 0-27; band edges at 5, 10, 15, 20" in line for line in lines)
    assert any("GAD-7 0-21; band edges at 5, 10, 15; latest 7 (mild)" in line for line in lines)
    assert any("PEG 0-10; latest" in line for line in lines)
    edge_rows = [line for line in lines if line.lstrip().startswith(("5├", "10├", "15├", "20├"))]
    assert len(edge_rows) >= 5  # drawn edges, not just tick labels
    assert max(len(line) for line in lines) <= 100


def test_incomplete_only_or_empty_says_why() -> None:
    incomplete = [Result(PHQ9, START, (None,) * 10)]
    chart = questionnaire_chart(incomplete, style="mono")
    assert not chart.drawn and "painmood questionnaire phq9" in chart.text


def test_chart_command(db_path: Path) -> None:
    with Store(db_path) as store:
        qs.save_many(store, _weeks(4))
    done = run("--db", str(db_path), "chart", "questionnaires", "--width", "90", "--height", "30")
    assert done.code == 0, done.stderr
    assert "PHQ-9 0-27" in done.stdout and "PEG 0-10" in done.stdout
