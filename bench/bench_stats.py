"""How long the statistics take: in-process `analyse`, and `painmood stats` as a process.

Run: python bench/bench_stats.py

Diaries come from the demo generator (pain, mood, factors, ~12% of days
skipped). The goal for 10 years in-process is 50 ms or less; the whole-process
figure is shown as a multiple of a bare `python -c pass`, since start-up
(numpy, scipy.special, sqlite) is most of it.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.demo import generate_diary
from tracker.stats import analyse
from tracker.store import Store

END = dt.date(2026, 3, 15)
GOAL_MS = 50.0


def median_ms(function, repeats: int) -> float:  # noqa: ANN001
    function()  # warm caches and lazy imports
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def median_process_s(command: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    one_year = generate_diary(365, seed=7, end=END)
    ten_years = generate_diary(3650, seed=7, end=END)
    year_ms = median_ms(lambda: analyse(one_year), 31)
    decade_ms = median_ms(lambda: analyse(ten_years), 21)
    print(f"analyse, 1 year   ({len(one_year):>4} check-ins): {year_ms:6.1f} ms median")
    print(
        f"analyse, 10 years ({len(ten_years):>4} check-ins): {decade_ms:6.1f} ms median "
        f"(goal <= {GOAL_MS:.0f} ms: {'met' if decade_ms <= GOAL_MS else 'NOT met'}); "
        f"x{decade_ms / year_ms:.1f} the 1-year time"
    )

    script = Path(sys.executable).parent / "painmood"
    painmood = [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "year.db"
        store = Store(db)
        store.save_many(one_year)
        store.close()
        bare = median_process_s([sys.executable, "-c", "pass"], 7)
        subprocess.run([*painmood, "stats", "--db", str(db)], check=True, capture_output=True)
        stats_s = median_process_s([*painmood, "stats", "--db", str(db)], 7)
        json_s = median_process_s([*painmood, "stats", "--db", str(db), "--json"], 7)
    print(f"python -c pass:                     {bare * 1000:6.0f} ms median of 7")
    print(
        f"painmood stats --db <1 year>:       {stats_s * 1000:6.0f} ms median of 7 "
        f"= x{stats_s / bare:.1f} bare python"
    )
    print(
        f"painmood stats --json --db <1 year>:{json_s * 1000:6.0f} ms median of 7 "
        f"= x{json_s / bare:.1f} bare python"
    )


if __name__ == "__main__":
    main()
