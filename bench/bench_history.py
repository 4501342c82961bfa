"""How long the history screen takes to show ten years of diary, against one month.

Run: python bench/bench_history.py [--runs 7]

Each run starts a fresh headless app (100x30) on a diary of 30 or 3,650 days,
waits for the check-in screen, then times the `h` key until the history table
is filled and the screen is idle. Runs of the two sizes alternate so a busy
machine slows both alike. Prints the median of each and their ratio; the goal
is a ratio of at most 1.5 (the table is filled a page at a time).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from tracker.demo import generate_diary
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.history import HistoryScreen

TODAY = dt.date(2026, 3, 15)
SIZES = (30, 3650)
GOAL = 1.5


async def time_to_show_history(store: Store) -> float:
    """Seconds from pressing `h` to a filled, idle history screen."""
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.table.row_count > 0
        return time.perf_counter() - start


async def main(runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        stores = {}
        for days in SIZES:
            store = Store(Path(folder) / f"diary-{days}.db")
            store.save_many(generate_diary(days=days, seed=1, end=TODAY))
            stores[days] = store
        await time_to_show_history(stores[SIZES[0]])  # warm imports and CSS parsing
        timings: dict[int, list[float]] = {days: [] for days in SIZES}
        for _ in range(runs):
            for days in SIZES:
                timings[days].append(await time_to_show_history(stores[days]))
        for store in stores.values():
            store.close()
    medians = {days: statistics.median(values) for days, values in timings.items()}
    for days in SIZES:
        print(f"{days:>5} days: median {medians[days] * 1000:7.1f} ms over {runs} runs")
    ratio = medians[SIZES[1]] / medians[SIZES[0]]
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"ratio {SIZES[1]} / {SIZES[0]} days: {ratio:.2f} ({verdict} the goal of ≤ {GOAL})")
    return ratio


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    asyncio.run(main(parser.parse_args().runs))
