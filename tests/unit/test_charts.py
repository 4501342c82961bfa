"""Charts as text: title, labels and legend present, gaps stay gaps, long diaries summarised."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest

from tracker import charts
from tracker.model import CheckIn

END = dt.date(2026, 3, 15)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def day(offset: int) -> dt.date:
    """END minus `offset` days."""
    return END - dt.timedelta(days=offset)


def small_diary(days: int = 30, skip: range = range(0)) -> list[CheckIn]:
    """A fixed diary ending on END: pain rises and falls in a 10-day cycle, mood mirrors it."""
    out = []
    for i in range(days):
        if i in skip:
            continue
        pain = (i % 10) if i % 20 < 10 else 9 - (i % 10)
        out.append(
            CheckIn(
                day=day(days - 1 - i),
                pain=pain,
                mood=10 - pain,
                sleep_hours=5 + (i % 4),
                stress=i % 11,
            )
        )
    return out


def constant_pain(days: int, skip: range = range(0)) -> list[CheckIn]:
    return [CheckIn(day=day(days - 1 - i), pain=5) for i in range(days) if i not in skip]


def plot_rows(text: str) -> list[str]:
    """The lines inside the chart frame (between │/┤/├ and │), frame characters removed."""
    rows = []
    for line in text.splitlines():
        match = re.match(r"^\s*[-0-9.]*[│┤├](.*)[│┤]$", line)
        if match:
            rows.append(match.group(1))
    return rows


def longest_blank_run(row: str) -> int:
    """Longest run of blanks between the first and last non-blank character of a row."""
    inner = row.strip()
    return max((len(run) for run in re.findall(r" +", inner)), default=0)


class TestEveryChartHasTitleLabelsAndLegend:
    def test_trend(self) -> None:
        chart = charts.trend_chart(small_diary(), width=80, height=24, style="mono")
        assert chart.drawn
        text = chart.text
        assert "Pain (10 = worst) and mood (10 = best), 2026-02-14 to 2026-03-15" in text
        assert "score 0-10" in text and "day" in text.splitlines()[-1]
        for legend in ("pain, each day", "pain, 7-day mean", "mood, each day", "mood, 7-day mean"):
            assert legend in text
        assert "14 Feb" in text and "15 Mar" in text  # dates on the x axis

    def test_lags_from_plain_tuples(self) -> None:
        results = [("pain->mood", k, -0.4 / (k + 1), (-0.6, -0.1), k == 1) for k in range(8)]
        results += [("mood->pain", k, 0.05, (-0.2, 0.3), False) for k in range(8)]
        text = charts.lag_chart(results, width=80, height=24, style="mono").text
        assert "Pain and mood days apart: correlation r" in text
        assert "r (-1 to 1)" in text and "lag: days from the first score" in text
        assert "pain, then mood" in text and "mood, then pain" in text
        assert "flagged" not in text and "✱" not in text  # a description, not a test

    def test_lags_with_few_pairs_are_hollow(self) -> None:
        points = [
            charts.LagPoint("pain->mood", 1, -0.3, (-0.6, 0.1), n=30),
            charts.LagPoint("mood->pain", 1, 0.1, (-0.3, 0.4), n=60),
        ]
        text = charts.lag_chart(points, width=80, height=24, style="mono").text
        assert "○○ pain, then mood (under 50 pairs)" in text
        assert "■■ mood, then pain" in text

    def test_scatter(self) -> None:
        text = charts.scatter_chart(small_diary(), width=80, height=24, style="mono").text
        assert "Pain today vs mood tomorrow, 29 day pairs" in text
        assert "pain on day t (0-10)" in text and "mood on day t+1 (0-10)" in text
        assert "mean mood next day" in text and "number = days at that point" in text

    def test_scatter_reverse(self) -> None:
        text = charts.scatter_chart(
            small_diary(), "mood->pain", width=80, height=24, style="mono"
        ).text
        assert "Mood today vs pain tomorrow" in text
        assert "mood on day t (0-10)" in text and "pain on day t+1 (0-10)" in text

    def test_weekly(self) -> None:
        text = charts.weekly_chart(small_diary(), width=80, height=24, style="mono").text
        assert "Weekly mean pain and mood" in text
        assert "Mean pain and mood by weekday" in text
        assert "week starting" in text and "weekday" in text and "mean 0-10" in text
        assert "██ pain" in text and "░░ mood" in text
        for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
            assert name in text

    def test_factor(self) -> None:
        text = charts.factor_chart(
            small_diary(), "sleep_hours", "mood", width=80, height=24, style="mono"
        ).text
        assert "Sleep hours, 2026-02-14 to 2026-03-15" in text
        assert "Mood over the same days" in text
        assert "hours" in text and "mood 0-10" in text
        assert "sleep hours, 7-day mean" in text and "mood, 7-day mean" in text


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
@pytest.mark.parametrize("size", [(80, 24), (140, 45)])
def test_every_chart_fits_the_size_asked_for(kind: str, size: tuple[int, int]) -> None:
    lagged = [("pain->mood", k, -0.2, (-0.5, 0.1), False) for k in range(8)]
    chart = charts.draw_chart(
        kind,
        small_diary(),
        width=size[0],
        height=size[1],
        style="mono",
        factor="stress",
        lagged=lagged,
    )
    lines = chart.text.splitlines()
    assert chart.drawn
    assert len(lines) <= size[1]
    assert max(len(line) for line in lines) <= size[0]
    assert lines[0].strip(), "the title is on the first line"


class TestGapsAreGaps:
    HOLE = range(12, 17)  # five days without a check-in

    def test_no_series_segment_spans_the_hole(self) -> None:
        diary = small_diary(skip=self.HOLE)
        line = charts.timeline(diary, ("pain", "mood"), day(29), END, max_points=70)
        assert line.unit == "day"
        mean_lines = [s for s in line.series if s.lines]
        assert len(mean_lines) == 2
        for series in mean_lines:
            assert len(series.segments) == 2
            for xs, _ in series.segments:
                assert all(b - a == 1 for a, b in zip(xs, xs[1:], strict=False))
                assert not set(xs) & {float(i) for i in self.HOLE}

    def test_the_drawn_line_breaks_at_the_hole(self) -> None:
        with_hole = charts.trend_chart(
            constant_pain(30, skip=self.HOLE), width=80, height=24, style="mono"
        ).text
        without = charts.trend_chart(constant_pain(30), width=80, height=24, style="mono").text

        def pain_row(text: str) -> str:
            return max(plot_rows(text), key=lambda row: row.count("x"))

        # About 2.4 columns a day: a line drawn through 5 missing days would leave no hole.
        assert longest_blank_run(pain_row(with_hole)) >= 10
        assert longest_blank_run(pain_row(without)) <= 2

    def test_rolling_mean_needs_the_day_and_four_days_of_its_week(self) -> None:
        values = [1.0, 2.0, 3.0, None, 5.0, 6.0, 7.0, 8.0, None, None, None, None, None, 9.0]
        means = charts.rolling_mean(values)
        assert means[:3] == [None, None, None]  # fewer than 4 days so far
        assert means[3] is None  # the day itself is missing
        assert means[4] == pytest.approx((1 + 2 + 3 + 5) / 4)
        assert means[7] == pytest.approx((2 + 3 + 5 + 6 + 7 + 8) / 6)
        assert means[13] is None  # only 9.0 and 8.0 are in its window

    def test_empty_weeks_split_summarised_lines(self) -> None:
        # Two years with a six-week break in the middle, drawn weekly.
        diary = [CheckIn(day=day(i), pain=4, mood=6) for i in range(730) if not 300 <= i < 342]
        line = charts.timeline(diary, ("pain",), day(729), END, max_points=120)
        assert line.unit == "week"
        assert len(line.series[0].segments) == 2


class TestLongDiariesAreSummarised:
    def ten_years(self) -> list[CheckIn]:
        return [
            CheckIn(day=day(i), pain=(i // 365) % 11, mood=10 - (i // 365) % 11)
            for i in reversed(range(3652))
        ]

    @pytest.mark.parametrize("width", [80, 100, 200])
    def test_point_count_is_bounded_by_the_width(self, width: int) -> None:
        diary = self.ten_years()
        line = charts.timeline(diary, ("pain", "mood"), diary[0].day, END, width - 8)
        assert line.unit != "day"
        for series in line.series:
            assert 0 < series.point_count <= width

    def test_the_chart_says_what_it_summarised_to(self) -> None:
        text = charts.trend_chart(self.ten_years(), width=100, height=30, style="mono").text
        assert "date (quarterly means)" in text
        assert "pain, quarterly mean" in text

    def test_yearly_means_are_the_means_of_each_year(self) -> None:
        diary = [
            CheckIn(day=dt.date(2020, 1, 1) + dt.timedelta(days=i), pain=2) for i in range(366)
        ] + [
            CheckIn(day=dt.date(2021, 1, 1) + dt.timedelta(days=i), pain=2 + (i % 2) * 6)
            for i in range(365)
        ]
        starts, means = charts.bin_means(
            diary, "pain", dt.date(2020, 1, 1), dt.date(2021, 12, 31), "year"
        )
        assert starts == [dt.date(2020, 1, 1), dt.date(2021, 1, 1)]
        assert means[0] == 2
        assert means[1] == pytest.approx((183 * 2 + 182 * 8) / 365)

    def test_weekly_monthly_and_quarterly_bins(self) -> None:
        # January 2026 at pain 1, February at pain 2; 2026-01-05 is a Monday.
        diary = [
            CheckIn(day=dt.date(2026, 1, 1) + dt.timedelta(days=i), pain=1 if i < 31 else 2)
            for i in range(59)
        ]
        first, last = dt.date(2026, 1, 1), dt.date(2026, 2, 28)
        assert charts.bin_means(diary, "pain", first, last, "month") == (
            [dt.date(2026, 1, 1), dt.date(2026, 2, 1)],
            [1, 2],
        )
        starts, means = charts.bin_means(diary, "pain", first, last, "quarter")
        assert starts == [dt.date(2026, 1, 1)]
        assert means[0] == pytest.approx((31 * 1 + 28 * 2) / 59)
        starts, means = charts.bin_means(diary, "pain", first, last, "week")
        assert starts[:2] == [dt.date(2025, 12, 29), dt.date(2026, 1, 5)]
        assert len(starts) == 9
        # The week of 26 Jan - 1 Feb holds six January days and one February day.
        assert means[starts.index(dt.date(2026, 1, 26))] == pytest.approx((6 * 1 + 2) / 7)
        assert means[-1] == 2

    def test_units_get_coarser_as_the_span_grows(self) -> None:
        assert charts.choose_unit(day(29), END, 70) == "day"
        assert charts.choose_unit(day(364), END, 70) == "week"
        assert charts.choose_unit(day(1999), END, 70) == "month"
        assert charts.choose_unit(day(3651), END, 70) == "quarter"
        assert charts.choose_unit(day(365 * 40), END, 70) == "year"


class TestWhatTheChartsCount:
    def test_next_day_pairs_follow_the_calendar_not_the_list(self) -> None:
        diary = [
            CheckIn(day=day(3), pain=8, mood=5),
            CheckIn(day=day(2), pain=2, mood=5),
            # day(1) is missing: day(2) has no next day, day(0) no previous one
            CheckIn(day=day(0), pain=6, mood=1),
        ]
        assert charts.next_day_pairs(diary, "pain", "mood") == [(8, 5)]

    def test_scatter_counts_days_at_each_point(self) -> None:
        diary = [CheckIn(day=day(i), pain=3, mood=7) for i in range(12)]
        text = charts.scatter_chart(diary, width=80, height=24, style="mono").text
        assert "11 day pairs" in text
        assert re.search(r"(?<![0-9])11(?![0-9])", "\n".join(plot_rows(text)))

    def test_weekday_means(self) -> None:
        # 2026-03-09 is a Monday; two weeks, pain equal to the weekday number.
        diary = [
            CheckIn(day=dt.date(2026, 3, 2) + dt.timedelta(days=i), pain=i % 7, mood=5)
            for i in range(14)
        ]
        assert charts._weekday_means(diary, "pain") == [0, 1, 2, 3, 4, 5, 6]

    def test_factor_view_defaults_to_the_most_recorded_factor(self) -> None:
        diary = [CheckIn(day=day(i), pain=4, fatigue=i % 10) for i in range(10)]
        diary[0] = CheckIn(day=day(0), pain=4, fatigue=1, stress=3)
        assert charts.most_recorded_factor(diary) == "fatigue"
        assert "Fatigue" in charts.factor_chart(diary, width=80, height=24, style="mono").text


class TestNotEnoughData:
    @pytest.mark.parametrize("kind", charts.CHART_KINDS)
    def test_an_empty_diary_gets_a_sentence(self, kind: str) -> None:
        chart = charts.draw_chart(kind, [], style="mono")
        assert not chart.drawn
        assert chart.text.startswith("Not enough data for the ")
        assert chart.text.endswith(".") and "\n" not in chart.text

    def test_one_day_of_trend(self) -> None:
        chart = charts.trend_chart([CheckIn(day=END, pain=3)])
        assert not chart.drawn
        assert "there is 1 day" in chart.text

    def test_lags_say_how_many_more_days_are_needed(self) -> None:
        points = [charts.LagPoint("pain->mood", 1, None, n=14, status="insufficient")]
        chart = charts.lag_chart(points)
        assert not chart.drawn
        assert "14 so far (6 more needed)" in chart.text

    def test_factor_never_recorded(self) -> None:
        chart = charts.factor_chart(small_diary(), "anxiety")
        assert not chart.drawn
        assert "anxiety" in chart.text

    def test_period_outside_the_diary(self) -> None:
        chart = charts.trend_chart(small_diary(), start=day(400), end=day(300))
        assert not chart.drawn


class TestColour:
    def test_mono_has_no_escape_codes_and_colour_has(self) -> None:
        mono = charts.trend_chart(small_diary(), style="mono").text
        dark = charts.trend_chart(small_diary(), style="dark").text
        light = charts.trend_chart(small_diary(), style="light").text
        assert not ANSI.search(mono)
        assert ANSI.search(dark) and ANSI.search(light)
        assert dark != light
        assert ANSI.sub("", dark) == ANSI.sub("", light)

    def test_mono_series_differ_by_marker(self) -> None:
        text = charts.trend_chart(small_diary(), width=80, height=24, style="mono").text
        assert "xx pain, 7-day mean" in text and "oo mood, 7-day mean" in text

    @pytest.mark.parametrize(
        ("environ", "dark", "monochrome", "expected"),
        [
            ({}, True, False, "dark"),
            ({}, False, False, "light"),
            ({"NO_COLOR": "1"}, True, False, "mono"),
            ({"NO_COLOR": ""}, False, False, "light"),  # set but empty means nothing
            ({}, True, True, "mono"),
        ],
    )
    def test_choose_style(
        self, environ: dict[str, str], dark: bool, monochrome: bool, expected: str
    ) -> None:
        assert charts.choose_style(dark=dark, monochrome=monochrome, environ=environ) == expected


def test_charts_drawn_from_several_threads_match_charts_drawn_one_by_one() -> None:
    """plotext's figure is global: the lock must keep concurrent charts apart."""
    diaries = [small_diary(20 + 5 * i) for i in range(4)]
    expected = [charts.trend_chart(d, style="mono").text for d in diaries]
    got: dict[int, str] = {}

    def draw(index: int) -> None:
        for _ in range(5):
            got[index] = charts.trend_chart(diaries[index], style="mono").text
            if got[index] != expected[index]:
                return

    threads = [threading.Thread(target=draw, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [got[i] for i in range(4)] == expected
