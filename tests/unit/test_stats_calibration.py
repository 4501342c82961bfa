"""A fast slice of bench/stats_calibration.py: honest on simulated diaries.

The full table (1,000 diaries a cell) is too slow for the suite; this slice
runs the same simulator and the same `analyse` on about 130 short diaries:
nothing below the tested minimum is ever flagged, and at the minimum
a realistic diary with no lagged link (same-day link plus reporting noise,
where version 1's regression was fooled in 38% of 365-day diaries) is rarely
flagged, while a real effect is found.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parents[2] / "bench" / "stats_calibration.py"


def load_bench():  # noqa: ANN201 - the bench module
    spec = importlib.util.spec_from_file_location("stats_calibration", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stats_calibration"] = module
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def test_short_diaries_are_never_flagged_and_always_give_a_clear_result() -> None:
    for name in ("independent AR(1)", "same-day + noise 1", "effect -0.3 + noise"):
        cell = bench.run_cell(name, 45, 30, seed=1)
        assert cell.diaries == 30
        assert cell.any_flag == 0 and cell.tested == 0  # below the tested minimum


def test_at_the_minimum_noise_is_not_a_link_and_a_real_effect_is_found() -> None:
    noise = bench.run_cell("same-day + noise 1", 365, 30, seed=2)
    assert noise.tested >= 27
    assert noise.any_flag <= 3  # <= 10% of 30 (the bench: 2-4% at 365-730 days)
    effect = bench.run_cell("effect -0.3 + noise", 365, 12, seed=3)
    assert effect.forward_flag >= 8  # the bench: ~90% at 365 days
    assert effect.covered >= 0.8 * effect.with_interval


def test_the_simulator_builds_what_it_says() -> None:
    rng = np.random.default_rng(0)
    diary = bench.simulate(bench.SCENARIOS["20% random gaps"], 365, rng)
    assert 250 <= len(diary) <= 320
    assert all(0 <= c.pain <= 10 and 0 <= c.mood <= 10 for c in diary)
