"""Paper charts: every plotted point maps back to the diary's numbers; gaps stay gaps."""

from __future__ import annotations

import datetime as dt

from tracker.charts import LagPoint
from tracker.charts.paper import date_ticks, lag_paper_chart, trend_paper_chart
from tracker.charts.svg import to_svg
from tracker.model import CheckIn

TODAY = dt.date(2026, 3, 15)
START = dt.date(2024, 1, 1)  # a Monday


def diary() -> list[CheckIn]:
    """Mon 1 Jan .. Sun 21 Jan 2024 with the whole middle week (8..14 Jan) missing."""
    scores = {1: (6, 4), 2: (4, 6), 3: (5, 5), 5: (3, 7), 15: (7, 3), 16: (5, None), 21: (2, 8)}
    return [
        CheckIn.create(today=TODAY, day=dt.date(2024, 1, d), pain=p, mood=m)
        for d, (p, m) in scores.items()
    ]


def test_each_daily_dot_is_the_days_score() -> None:
    chart = trend_paper_chart(diary(), START, dt.date(2024, 1, 21))
    for name, field in (("pain-day", "pain"), ("mood-day", "mood")):
        plotted = sorted(
            tuple(round(v, 9) for v in chart.scale.data(dot.x, dot.y))
            for role, dot in chart.dots
            if role == name
        )
        expected = sorted(
            (float((c.day - START).days), float(getattr(c, field)))
            for c in diary()
            if getattr(c, field) is not None
        )
        assert plotted == expected


def test_weekly_mean_lines_hold_the_weekly_means_and_break_at_the_empty_week() -> None:
    chart = trend_paper_chart(diary(), START, dt.date(2024, 1, 21))
    pain_lines = [line for role, line in chart.lines if role == "pain-week"]
    # Week 1 (days 0..6): (6+4+5+3)/4 = 4.5 at x 3; week 2 empty; week 3 (days 14..20):
    # (7+5+2)/3 at x 17. The empty week splits the line: two strokes, never one joining them.
    assert len(pain_lines) == 2
    means = [
        [tuple(round(v, 9) for v in chart.scale.data(x, y)) for x, y in line.points]
        for line in pain_lines
    ]
    assert {round(chart.scale.data(*p)[1], 9) for p in pain_lines[0].points} == {4.5}
    assert {round(chart.scale.data(*p)[1], 9) for p in pain_lines[1].points} == {round(14 / 3, 9)}
    assert means[0][0][0] < 3 < means[0][-1][0]  # a lone week: a short stroke centred on it
    assert means[1][0][0] < 17 < means[1][-1][0]
    mood_lines = [line for role, line in chart.lines if role == "mood-week"]
    assert all(line.dashed for line in mood_lines) and not any(p.dashed for p in pain_lines)


def test_a_long_diary_draws_monthly_means() -> None:
    long = [
        CheckIn.create(
            today=START + dt.timedelta(days=1200),
            day=START + dt.timedelta(days=i),
            pain=i % 10,
            mood=5,
        )
        for i in range(0, 1200, 3)
    ]
    chart = trend_paper_chart(long, START, long[-1].day)
    assert any(role == "pain-month" for role, _ in chart.lines)
    assert not any(role == "pain-week" for role, _ in chart.lines)
    assert "monthly" in chart.title


def test_lag_dots_and_bars_are_r_and_its_interval_with_lag_zero_once() -> None:
    points = [
        LagPoint("pain->mood", 0, -0.2, (-0.3, -0.1), n=80),
        LagPoint("mood->pain", 0, -0.2, (-0.3, -0.1), n=80),
        LagPoint("pain->mood", 1, -0.45, (-0.6, -0.3), n=79),
        LagPoint("mood->pain", 1, 0.05, (-0.1, 0.2), n=79),
        LagPoint("mood->pain", 2, None, None, n=10),
    ]
    chart = lag_paper_chart(points)
    dots = [(role, chart.scale.data(d.x, d.y)) for role, d in chart.dots if role.endswith("-r")]
    assert len(dots) == 3  # lag 0 once; no dot without an r
    found = sorted((role, round(x, 6), round(y, 6)) for role, (x, y) in dots)
    assert found == [("mood-r", 1.12, 0.05), ("pain-r", -0.0, -0.2), ("pain-r", 0.88, -0.45)]
    bars = [line for role, line in chart.lines if role == "pain-ci" and len(line.points) == 2]
    ends = {round(chart.scale.data(*point)[1], 6) for line in bars for point in line.points}
    assert {-0.6, -0.3, -0.1} <= ends


def test_date_ticks_are_calendar_days_inside_the_period() -> None:
    ticks = date_ticks(dt.date(2024, 1, 3), dt.date(2024, 12, 30))
    assert all(day.day == 1 for day, _ in ticks) and 2 <= len(ticks) <= 8
    decade = date_ticks(dt.date(2016, 3, 1), dt.date(2026, 2, 28))
    assert [label for _, label in decade][0] == "2017" and len(decade) <= 8


def test_svg_is_one_element_without_outside_references() -> None:
    svg = to_svg(trend_paper_chart(diary(), START, dt.date(2024, 1, 21)))
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "href" not in svg and "url(" not in svg and "http" not in svg
    # Pain's 7 days as dots and mood's 6 as squares, plus one of each in the legend.
    assert svg.count("<circle") == 7 + 1 and svg.count("<rect") == 6 + 1
