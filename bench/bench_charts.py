"""How long the trend chart takes for ten years of diary, against thirty days.

Run: python bench/bench_charts.py [--runs 15]

Times `charts.trend_chart` in-process at 100x30 with colour (the TUI's case),
on the demo diary of 30 days and of ten years, check-ins already in memory.
Runs of the two sizes alternate so a busy machine slows both alike. Prints
the median of each and their ratio. Goals: ratio at most 2 (long periods are
summarised to weekly/monthly/quarterly means, so plotext draws about as many
points either way) and ten years at most 100 ms. Exit status 1 if a goal is
missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time

from tracker import charts
from tracker.demo import generate_diary

TODAY = dt.date(2026, 3, 15)
RATIO_GOAL = 2.0
TEN_YEARS_GOAL_MS = 100.0


def time_trend(checkins: list, width: int = 100, height: int = 30) -> float:
    """Seconds to build one trend chart."""
    start = time.perf_counter()
    chart = charts.trend_chart(checkins, width=width, height=height, style="dark")
    elapsed = time.perf_counter() - start
    assert chart.drawn, chart.text
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each size")
    args = parser.parse_args(argv)

    month = generate_diary(days=30, end=TODAY)
    ten_years = generate_diary(days=3652, end=TODAY)
    time_trend(month), time_trend(ten_years)  # warm-up: imports plotext
    month_times, years_times = [], []
    for _ in range(args.runs):
        month_times.append(time_trend(month))
        years_times.append(time_trend(ten_years))
    month_ms = statistics.median(month_times) * 1000
    years_ms = statistics.median(years_times) * 1000
    ratio = years_ms / month_ms
    print(f"trend chart 100x30, median of {args.runs} runs")
    print(f"  30 days ({len(month)} check-ins):      {month_ms:7.1f} ms")
    print(f"  10 years ({len(ten_years)} check-ins): {years_ms:7.1f} ms")
    print(f"  ratio 10 years / 30 days: {ratio:.2f} (goal <= {RATIO_GOAL:g})")
    print(f"  10 years absolute: {years_ms:.1f} ms (goal <= {TEN_YEARS_GOAL_MS:g} ms)")
    return 0 if ratio <= RATIO_GOAL and years_ms <= TEN_YEARS_GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
