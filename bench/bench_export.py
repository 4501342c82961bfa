"""Benchmark: exporting ten years of diary must take at most one second per format,
and writing the FHIR Bundle must stay under 50 MB of Python memory.

Run: `python bench/bench_export.py`. Each text export is timed from a real
SQLite store (reading the rows included), best of three runs; the baseline,
measured in the same run on the same machine, is a bare `json.dumps` of the
same check-ins' dicts, so a loaded machine shows up in both figures. The PDF
is timed whole-process by `bench/bench_report.py`. The FHIR memory figure is
tracemalloc's peak while the Bundle is written to a file in pieces (as
`painmood export --format fhir -o FILE` does), next to the peak of building
it as one string. Exit status 1 if any export takes over a limit.
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
from tracker.formats import EXPORT_FORMATS, export_content, export_text
from tracker.store import Store
from tracker.transfer import write_export

LIMIT_SECONDS = 1.0
LIMIT_FHIR_MB = 50.0
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
        for format_name in [f for f in EXPORT_FORMATS if f != "pdf"]:

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
        target = Path(folder) / "bundle.fhir.json"
        whole = peak_mb(lambda: export_text("fhir", rows))
        streamed = peak_mb(lambda: write_export(target, export_content("fhir", rows), rows))
        verdict = "ok" if streamed <= LIMIT_FHIR_MB else "OVER THE LIMIT"
        print(
            f"fhir memory: written in pieces {streamed:.2f} MB peak "
            f"(built as one string {whole:.1f} MB), "
            f"{target.stat().st_size / 1e6:.1f} MB file  {verdict}"
        )
        if streamed > LIMIT_FHIR_MB:
            slow.append("fhir memory")
    return 1 if slow else 0


def peak_mb(task: Callable[[], object]) -> float:
    """tracemalloc's peak (MB) of Python allocations while `task` runs."""
    import tracemalloc

    tracemalloc.start()
    try:
        task()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


if __name__ == "__main__":
    sys.exit(main())
