"""Does painmood keep its promise of honesty? Simulated diaries, end to end (STATS.md §7).

Run: python bench/stats_calibration.py [--diaries N] [--jobs J] [--only NAME ...] [--days D ...]

Each cell simulates N diaries (default 1,000) of one scenario and length,
runs `analyse` on them exactly as the app does, and counts how often anything
is flagged, how often pain -> mood is flagged (the power, where there is an
effect), and how often the verdict's 95% interval covers the true effect.
The table is printed, then each target of issue 12 with "met" or "MISSED";
the exit status is 1 when a target is missed, so CI can run a slice of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from scipy.special import chdtri

from tracker.model import CheckIn
from tracker.stats import analyse

START = dt.date(2024, 1, 1)  # a Monday


@dataclass(frozen=True)
class Scenario:
    """A simulated person: latent VAR(1) states, reporting noise, integer scores."""

    name: str
    cross: float = 0.0  # Phi[mood, pain]: points of mood per point of pain yesterday
    lag: int = 1  # the day the cross effect arrives
    persistence: tuple[float, float] = (0.6, 0.5)
    same_day: float = 0.0  # correlation of the two daily shocks
    noise: float = 0.0  # reporting noise SD (points)
    weekday: float = 0.0  # shared weekend effect: pain up, mood down by this much
    trend: float = 0.0  # pain rises and mood falls by this much over the diary
    shift: float = 0.0  # pain up, mood down by this much from the middle on
    means: tuple[float, float] = (4.5, 6.0)
    missing: float = 0.0  # share of days skipped at random
    blocks: float = 0.0  # share of days skipped in blocks of 5-20 days
    null: bool = True  # no lagged link in either direction


SCENARIOS = {
    s.name: s
    for s in (
        Scenario("independent AR(1)"),
        Scenario("shared weekday", weekday=1.0),
        Scenario("opposite trends", trend=2.0),
        Scenario("20% random gaps", missing=0.2),
        Scenario("30% block gaps", blocks=0.3),
        Scenario("floor/ceiling", means=(0.8, 9.2)),
        Scenario("persistence 0.9", persistence=(0.9, 0.9)),
        Scenario("same-day link", same_day=-0.5),
        Scenario("same-day + noise 1", same_day=-0.5, noise=1.0),
        Scenario("shared level shift", shift=2.0),
        Scenario("effect -0.1 + noise", cross=-0.1, noise=1.0, null=False),
        Scenario("effect -0.2 + noise", cross=-0.2, noise=1.0, null=False),
        Scenario("effect -0.3 + noise", cross=-0.3, noise=1.0, null=False),
        Scenario("effect -0.3 lag 2 + noise", cross=-0.3, lag=2, noise=1.0, null=False),
    )
}

# (scenario, length) cells of the table.
NULL_NAMES = [s.name for s in SCENARIOS.values() if s.null and s.noise == 0 and not s.shift]
CELLS = (
    [("same-day + noise 1", 365), ("same-day + noise 1", 730), ("shared level shift", 365)]
    + [(f"effect -0.{k} + noise", days) for k in (3, 2, 1) for days in (365, 730)]
    + [(name, days) for days in (180, 365, 90) for name in NULL_NAMES]
    + [("effect -0.3 lag 2 + noise", 365)]
)


def simulate(scenario: Scenario, days: int, rng: np.random.Generator) -> list[CheckIn]:
    """One diary of `days` calendar days as check-ins (skipped days left out)."""
    burn = 60
    total = days + burn
    phi = np.diag(scenario.persistence)
    chol = np.linalg.cholesky(np.array([[1.0, scenario.same_day], [scenario.same_day, 1.0]]))
    shocks = rng.standard_normal((total, 2)) @ chol.T
    state = np.zeros((total, 2))
    for t in range(1, total):
        state[t] = phi @ state[t - 1] + shocks[t]
        if t >= scenario.lag:
            state[t, 1] += scenario.cross * state[t - scenario.lag, 0]
    state = state[burn:]
    t = np.arange(days)
    weekend = ((START.weekday() + t) % 7 >= 5).astype(float)
    level = np.outer(weekend * scenario.weekday, [1.0, -1.0])
    level += np.outer(scenario.trend * t / max(days - 1, 1), [1.0, -1.0])
    level += np.outer((t >= days // 2) * scenario.shift, [1.0, -1.0])
    typed = state + level + np.array(scenario.means)
    typed += scenario.noise * rng.standard_normal(typed.shape)
    typed = np.clip(np.rint(typed), 0, 10)
    keep = rng.random(days) >= scenario.missing
    if scenario.blocks:
        skipped = 0
        while skipped < scenario.blocks * days:
            length = int(rng.integers(5, 21))
            start = int(rng.integers(1, max(days - length - 1, 2)))
            keep[start : start + length] = False
            skipped = int((~keep).sum())
    keep[0] = keep[-1] = True
    return [
        CheckIn(day=START + dt.timedelta(days=int(i)), pain=int(typed[i, 0]), mood=int(typed[i, 1]))
        for i in np.flatnonzero(keep)
    ]


@dataclass
class Cell:
    """Counts for one scenario and length."""

    scenario: str
    days: int
    diaries: int = 0
    any_flag: int = 0
    forward_flag: int = 0
    with_interval: int = 0
    covered: int = 0
    tested: int = 0
    fallback: int = 0
    seconds: float = 0.0
    extra: dict[str, int] = field(default_factory=dict)
    null_ratios: list[float] = field(default_factory=list)  # LR of each tested no-link direction

    def share(self, count: int, of: int | None = None) -> float:
        base = self.diaries if of is None else of
        return count / base if base else math.nan


def run_cell(name: str, days: int, diaries: int, seed: int = 0) -> Cell:
    """Simulate and analyse `diaries` diaries of one cell."""
    scenario = SCENARIOS[name]
    rng = np.random.default_rng([seed, days, sorted(SCENARIOS).index(name)])
    cell = Cell(name, days)
    began = time.perf_counter()
    for _ in range(diaries):
        report = analyse(simulate(scenario, days, rng))
        there, back = report.verdicts
        cell.diaries += 1
        cell.any_flag += there.flagged or back.flagged
        cell.forward_flag += there.flagged
        cell.tested += there.status == "tested"
        cell.fallback += there.method == "ols-fallback"
        truths = [(there, scenario.cross if scenario.lag == 1 else None), (back, 0.0)]
        for verdict, truth in truths:
            if truth == 0.0 and verdict.p is not None and verdict.method == "latent-var":
                cell.null_ratios.append(float(chdtri(1, max(verdict.p, 1e-300))))
            if truth is None or verdict.ci is None or verdict.method != "latent-var":
                continue
            cell.with_interval += 1
            cell.covered += verdict.ci[0] <= truth <= verdict.ci[1]
    cell.seconds = time.perf_counter() - began
    return cell


def wilson(count: int, total: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson 95% interval of a share: how sure a measured rate is."""
    if total == 0:
        return (math.nan, math.nan)
    share = count / total
    middle = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return (middle - half / (1 + z * z / total), middle + half / (1 + z * z / total))


def _run(args: tuple[str, int, int, int]) -> Cell:
    return run_cell(*args)


def _interval(cell: Cell) -> str:
    low, high = wilson(cell.any_flag, cell.diaries)
    return f"({low:.1%}-{high:.1%})"


def targets(cells: Iterable[Cell]) -> list[tuple[str, bool]]:
    """Each target of issue 12 with whether it is met."""
    by_key = {(c.scenario, c.days): c for c in cells}
    out = []
    for name in NULL_NAMES:
        for days in (90, 180, 365):
            if (cell := by_key.get((name, days))) is not None:
                share = cell.share(cell.any_flag)
                out.append((f"no link, {name}, {days} d: flagged {share:.1%} <= 6%", share <= 0.06))
    for name, days, limit in (
        ("same-day + noise 1", 365, 0.07),
        ("same-day + noise 1", 730, 0.07),
        ("shared level shift", 365, 0.07),
    ):
        if (cell := by_key.get((name, days))) is not None:
            share = cell.share(cell.any_flag)
            out.append((f"{name}, {days} d: flagged {share:.1%} <= {limit:.0%}", share <= limit))
    for days, floor in ((365, 0.70), (730, 0.80)):
        if (cell := by_key.get(("effect -0.3 + noise", days))) is not None:
            share = cell.share(cell.forward_flag)
            out.append((f"power at -0.3, {days} d: {share:.1%} >= {floor:.0%}", share >= floor))
    covered = sum(c.covered for c in by_key.values())
    given = sum(c.with_interval for c in by_key.values())
    if given:
        share = covered / given
        out.append((f"interval covers the truth in {share:.1%} (93-97%)", 0.93 <= share <= 0.97))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diaries", type=int, default=1000, help="diaries per cell")
    parser.add_argument("--jobs", type=int, default=1, help="processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", default=None, help="scenario names to run")
    parser.add_argument("--days", nargs="*", type=int, default=None, help="lengths to run")
    args = parser.parse_args(argv)
    chosen = [
        (n, d)
        for n, d in CELLS
        if (not args.only or n in args.only) and (not args.days or d in args.days)
    ]
    work = [(n, d, args.diaries, args.seed) for n, d in chosen]
    began = time.perf_counter()
    print(f"{'scenario':<27} {'days':>4} {'diaries':>7} {'any flag':>8} {'(95% interval)':>15} "
          f"{'pain->mood':>10} {'covers':>6} {'tested':>6} {'OLS':>4} {'s/diary':>7}",
          flush=True)  # fmt: skip
    cells = []
    with ProcessPoolExecutor(max(args.jobs, 1)) as pool:
        for c in pool.map(_run, work):  # each row as soon as it and those above are done
            cells.append(c)
            print(
                f"{c.scenario:<27} {c.days:>4} {c.diaries:>7} {c.share(c.any_flag):>8.1%} "
                f"{_interval(c):>15} {c.share(c.forward_flag):>10.1%} "
                f"{c.share(c.covered, c.with_interval):>6.1%} "
                f"{c.share(c.tested):>6.0%} {c.fallback:>4} {c.seconds / max(c.diaries, 1):>7.2f}",
                flush=True,
            )
    print(f"\n{len(cells)} cells, {sum(c.diaries for c in cells)} diaries, "
          f"{time.perf_counter() - began:.0f} s\n")  # fmt: skip
    for c in cells:
        if c.null_ratios:
            ratios = np.array(c.null_ratios)
            print(
                f"{c.scenario}, {c.days} d: {ratios.size} tested no-link directions, "
                f"p < 0.05 in {np.mean(ratios > 3.8415):.1%}, mean LR {ratios.mean():.3f}, "
                f"95th percentile / 3.84 = {np.quantile(ratios, 0.95) / 3.8415:.3f}"
            )
    results = targets(cells)
    for text, met in results:
        print(f"{'met   ' if met else 'MISSED'} {text}")
    return 0 if all(met for _, met in results) else 1


if __name__ == "__main__":
    sys.exit(main())
