"""Benchmark: importing 10,000 Daylio rows must take at most 1.5 s, whole process.

Run: `.venv/bin/python bench/bench_import.py`. Writes a Daylio CSV export of
10,000 entries (two a day, current layout, activities and some HTML notes),
then times `painmood --db NEW import FILE` in a fresh process, best of three
runs, each into a new diary (start-up, reading, checking and writing all
counted). The baseline, measured in the same run, is `python -c pass`, so a
loaded machine shows up in both figures. Exit status 1 over the limit.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_SECONDS = 1.5
ROWS = 10_000
RUNS = 3
END = dt.date(2026, 3, 15)
MOODS = ("rad", "good", "meh", "bad", "awful")
ACTIVITIES = ("work", "walk", "friends", "reading", "physio", "bad sleep", "gaming", "cooking")


def daylio_export(rows: int, seed: int = 7) -> str:
    """A Daylio CSV export of `rows` entries, newest first, two entries a day."""
    pick = random.Random(seed)
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for index in range(rows):
        day = END - dt.timedelta(days=index // 2)
        time_of_day = "9:15 PM" if index % 2 == 0 else "8:05 AM"
        activities = " | ".join(pick.sample(ACTIVITIES, pick.randint(0, 4)))
        note = "<p>Back <b>stiff</b> today.</p>" if index % 7 == 0 else ""
        lines.append(
            f"{day.isoformat()},{day:%B} {day.day},{day:%A},{time_of_day},"
            f'{pick.choice(MOODS)},"{activities}","","{note}"'
        )
    return "\n".join(lines) + "\n"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process run (it must succeed).

    The CPU figure shows what the import itself costs when other work on the
    machine stretches the wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "daylio_export.csv"
        export.write_text(daylio_export(ROWS), encoding="utf-8")
        baseline = min(timed([sys.executable, "-c", "pass"])[0] for _ in range(RUNS))
        times: list[tuple[float, float]] = []
        for run in range(RUNS):
            db = Path(folder) / f"diary{run}.db"
            command = [sys.executable, "-m", "tracker", "--db", str(db), "import", str(export)]
            times.append(timed(command))
        seconds, cpu = min(times)
    verdict = "ok" if seconds <= LIMIT_SECONDS else "OVER THE LIMIT"
    print(f"python start-up baseline: {baseline:.3f} s")
    print(
        f"import {ROWS} Daylio rows ({ROWS // 2} days), whole process: {seconds:.3f} s wall, "
        f"{cpu:.3f} s CPU  {verdict}"
    )
    return 0 if seconds <= LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
