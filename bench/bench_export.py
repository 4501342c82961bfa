"""Benchmark: exporting ten years of diary must take at most one second per format.

Run: `/work/venv/bin/python bench/bench_export.py`. Each export is timed from
a real SQLite store (reading the rows included), best of three runs; the
baseline, measured in the same run on the same machine, is a bare
`json.dumps` of the same check-ins' dicts, so a loaded machine shows up in
both figures. Exit status 1 if any export takes over the limit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tracker.demo import generate_diary
from tracker.formats import EXPORT_FORMATS, export_text
from tracker.store import Store

LIMIT_SECONDS = 1.0
YEARS = 10
TODAY = dt.date(2026, 3, 15)
RUNS = 3


def best_of(runs: int, task: Callable[[], object]) -> float:
    """Shortest wall time of `runs` calls (the least disturbed by other work)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    diary = generate_diary(days=365 * YEARS, end=TODAY)
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        store.save_many(diary)
        rows = store.checkins()
        baseline = best_of(RUNS, lambda: json.dumps([c.to_dict() for c in rows]))
        print(f"{len(rows)} check-ins over {YEARS} years")
        print(f"baseline json.dumps of the same rows: {baseline:.3f} s")
        slow = []
        for format_name in EXPORT_FORMATS:

            def export(name: str = format_name) -> str:
                return export_text(name, store.checkins(), today=TODAY)

            seconds = best_of(RUNS, export)
            verdict = "ok" if seconds <= LIMIT_SECONDS else "OVER THE LIMIT"
            print(
                f"export {format_name:<10} {seconds:6.3f} s  "
                f"({seconds / baseline:5.1f}x baseline)  {verdict}"
            )
            if seconds > LIMIT_SECONDS:
                slow.append(format_name)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
