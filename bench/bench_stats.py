"""How long the statistics take, against statsmodels' VARMAX on the same data in the same run.

Run: python bench/bench_stats.py [--repeats N] [--skip-statsmodels]

Prints, for one year and ten years of daily check-ins (the demo generator:
pain, mood, factors, ~12% of days skipped):
- `analyse` in-process, whole (median), and the latent-model part alone;
- where the ten-year latent fit's CPU time goes: likelihood-and-gradient calls,
  and LAPACK's banded factorisation and triangular solves inside them;
- statsmodels `VARMAX(order=(1, 0), measurement_error=True)` fitting the same
  model to the same scores (default start and optimiser), with both
  log-likelihoods and Phi side by side;
- `painmood stats` as a whole process on the one-year diary;
- the stats screen's first visit on the ten-year diary (press `s`, wait for the
  first paint) against the same switch to a minimal second screen.
Targets (issue 12): 1 year <= 250 ms, 10 years <= 2.5 s in-process, the
process <= 1 s, first visit <= 3x a minimal two-screen switch.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from tracker.demo import generate_diary
from tracker.stats import analyse
from tracker.stats.calendar import calendar
from tracker.stats.latent import prepare
from tracker.stats.verdict import latent_answer
from tracker.store import Store

END = dt.date(2026, 3, 15)


def median_s(function, repeats: int, clock=time.perf_counter) -> float:  # noqa: ANN001
    """Median time of `function` (wall clock by default; `time.process_time` for CPU)."""
    function()  # warm caches and lazy imports
    times = []
    for _ in range(repeats):
        started = clock()
        function()
        times.append(clock() - started)
    return statistics.median(times)


def scores(checkins) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # noqa: ANN001
    cal = calendar(checkins, ["pain", "mood"])
    return cal.columns["pain"], cal.columns["mood"], cal.offsets


def against_statsmodels(name: str, checkins) -> None:  # noqa: ANN001
    """Our fit and VARMAX's on the same calendar (raw scores, gaps as NaN)."""
    import statsmodels.api as sm

    from tracker.stats.fit import best_fit

    pain, mood, offsets = scores(checkins)
    data = prepare(pain, mood, offsets)
    started = time.perf_counter()
    fit = best_fit(data)
    ours_s = time.perf_counter() - started
    assert fit is not None
    scale = np.diag(data.scale)
    phi = scale @ fit.phi @ np.linalg.inv(scale)
    full = np.full((int(offsets[-1]) + 1, 2), np.nan)
    full[offsets] = np.column_stack([pain, mood])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        started = time.perf_counter()
        model = sm.tsa.VARMAX(full, order=(1, 0), measurement_error=True, trend="c")
        result = model.fit(disp=False, maxiter=1000, cov_type="none")
        theirs_s = time.perf_counter() - started
    theirs = np.asarray(result.params[2:6]).reshape(2, 2)
    print(
        f"{name}: one fit {ours_s * 1000:7.0f} ms, statsmodels VARMAX {theirs_s * 1000:8.0f} ms "
        f"(x{theirs_s / ours_s:.1f}); log-likelihood {fit.log_likelihood:.4f} vs "
        f"{result.llf:.4f}; max |Phi difference| {np.abs(phi - theirs).max():.4f}"
    )


def breakdown(checkins) -> None:  # noqa: ANN001
    """CPU time of one latent answer: objective calls, and LAPACK's share of them."""
    import scipy.linalg.lapack as lapack

    from tracker.stats import fit

    spent = {"dpbtrf": 0.0, "dtbtrs": 0.0, "objective": 0.0, "calls": 0.0}

    def timed(function, name: str):  # noqa: ANN001, ANN202
        def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - started
                spent["calls"] += name == "objective"

        return run

    originals = {name: getattr(lapack, name) for name in ("dpbtrf", "dtbtrs")}
    objective = fit._objective
    try:
        for name, function in originals.items():
            setattr(lapack, name, timed(function, name))
        fit._objective = timed(objective, "objective")
        started = time.process_time()
        latent_answer(*scores(checkins))
        total = time.process_time() - started
    finally:
        for name, function in originals.items():
            setattr(lapack, name, function)
        fit._objective = objective
    print(
        f"  10 years, one latent answer: {total * 1000:.0f} ms CPU; {spent['calls']:.0f} "
        f"likelihood-and-gradient calls {spent['objective'] * 1000:.0f} ms, of which LAPACK "
        f"banded Cholesky {spent['dpbtrf'] * 1000:.0f} ms and triangular solves "
        f"{spent['dtbtrs'] * 1000:.0f} ms"
    )


def first_visit(db: Path, repeats: int) -> None:
    """Press `s` on the real app vs push a minimal screen: time to the first paint."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Label

    from tracker.ui.app import make_app

    class Second(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Label("second")

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("first")

    async def switch(app: App[None], action) -> float:  # noqa: ANN001
        """Seconds from the key (or push) to the first paint of the new screen.

        Pilot's pause() waits for the whole process to go idle, which a
        background analysis never lets happen, so the paint is caught with
        call_after_refresh on the new screen instead.
        """
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            first = app.screen
            painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            started = time.perf_counter()
            action(app)
            while app.screen is first:
                await asyncio.sleep(0.001)
            app.screen.call_after_refresh(lambda: painted.set_result(time.perf_counter()))
            ended = await painted
            for worker in list(app.workers):  # let the analysis finish before closing
                with contextlib.suppress(Exception):
                    await worker.wait()
            return ended - started

    def press_s(app: App[None]) -> None:
        app.simulate_key("s")

    def push(app: App[None]) -> None:
        app.push_screen(Second())

    minimal = [asyncio.run(switch(Minimal(), push)) for _ in range(repeats)]
    stats = [asyncio.run(switch(make_app(Store(db)), press_s)) for _ in range(repeats)]
    ratio = statistics.median(stats) / statistics.median(minimal)
    print(
        f"first visit to stats (10 years): {statistics.median(stats) * 1000:6.0f} ms; minimal "
        f"two-screen switch {statistics.median(minimal) * 1000:6.0f} ms; x{ratio:.1f} "
        f"(target <= 3)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-statsmodels", action="store_true")
    parser.add_argument(
        "--decade-statsmodels", action="store_true", help="also fit VARMAX to 10 years (slow)"
    )
    args = parser.parse_args()
    one_year = generate_diary(365, seed=7, end=END)
    ten_years = generate_diary(3650, seed=7, end=END)
    for name, diary, target in (("1 year", one_year, 0.25), ("10 years", ten_years, 2.5)):
        whole = median_s(lambda d=diary: analyse(d), args.repeats)
        cpu = median_s(lambda d=diary: analyse(d), args.repeats, time.process_time)
        part = median_s(lambda d=diary: latent_answer(*scores(d)), args.repeats)
        print(
            f"analyse, {name:<8} ({len(diary):>4} check-ins): {whole * 1000:6.0f} ms median, "
            f"{cpu * 1000:6.0f} ms CPU (target <= {target * 1000:.0f} ms: "
            f"{'met' if whole <= target else 'NOT met'}); latent fits and tests "
            f"{part * 1000:6.0f} ms of it"
        )
    breakdown(ten_years)
    if not args.skip_statsmodels:
        against_statsmodels("1 year  ", one_year)
        if args.decade_statsmodels:
            against_statsmodels("10 years", ten_years)
    script = Path(sys.executable).parent / "painmood"
    painmood = [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "year.db"
        store = Store(db)
        store.save_many(one_year)
        store.close()
        times = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            subprocess.run([*painmood, "stats", "--db", str(db)], check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        process = statistics.median(times)
        print(
            f"painmood stats --db <1 year> (whole process): {process * 1000:6.0f} ms median "
            f"(target <= 1000 ms: {'met' if process <= 1.0 else 'NOT met'})"
        )
        decade = Path(folder) / "decade.db"
        store = Store(decade)
        store.save_many(ten_years)
        store.close()
        first_visit(decade, max(args.repeats // 2, 2))


if __name__ == "__main__":
    main()
