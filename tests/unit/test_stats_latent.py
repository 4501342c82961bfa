"""The latent VAR(1) with reporting noise against statsmodels' VARMAX (STATS.md §7).

statsmodels' `VARMAX(order=(1, 0), measurement_error=True)` is the same model
fitted by its own Kalman filter: at our maximum it must give the same
log-likelihood, and its own gradient there must vanish in Phi, on gap-free and
on gappy diaries.
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
import statsmodels.api as sm

from tracker.model import CheckIn
from tracker.stats import analyse
from tracker.stats.fit import best_fit
from tracker.stats.latent import (
    LOG_R_FLOOR,
    evaluate,
    log_likelihood,
    prepare,
    profiled_means,
)

from .test_stats import simulate


def statsmodels_params(params: np.ndarray, data) -> np.ndarray:  # noqa: ANN001
    """Our standardised parameters as VARMAX's (intercept, Phi, chol(Q), R) on raw scores."""
    scale = np.diag(data.scale)
    phi = scale @ params[:4].reshape(2, 2) @ np.linalg.inv(scale)
    lower = np.array([[np.exp(params[4]), 0.0], [params[5], np.exp(params[6])]])
    q = scale @ lower @ lower.T @ scale
    r = np.exp(np.maximum(params[7:9], LOG_R_FLOOR)) * data.scale**2
    intercept = (np.eye(2) - phi) @ profiled_means(params, data)
    chol = np.linalg.cholesky(q)
    return np.r_[intercept, phi.ravel(), chol[0, 0], chol[1, 0], chol[1, 1], r]


def varmax(pain: np.ndarray, mood: np.ndarray):  # noqa: ANN201
    return sm.tsa.VARMAX(
        np.column_stack([pain, mood]), order=(1, 0), measurement_error=True, trend="c"
    )


@pytest.mark.parametrize("missing", [0.0, 0.25], ids=["gap-free", "gappy"])
def test_log_likelihood_equals_statsmodels_at_our_maximum(missing: float) -> None:
    pain, mood = simulate(160, pain_to_mood=-0.3, seed=4, missing=missing)
    data = prepare(pain, mood)
    fit = best_fit(data)
    assert fit is not None and fit.converged
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = varmax(pain, mood).loglike(statsmodels_params(fit.params, data))
    assert fit.log_likelihood == pytest.approx(reference, abs=1e-6)
    # Away from the maximum too: a different point, the same number.
    moved = fit.params + np.array([0.05, -0.1, 0.1, 0.02, 0.1, 0.2, -0.1, 0.3, -0.2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        elsewhere = varmax(pain, mood).loglike(statsmodels_params(moved, data))
    assert log_likelihood(moved, data)[0] == pytest.approx(elsewhere, abs=1e-6)


@pytest.mark.parametrize("missing", [0.0, 0.2], ids=["gap-free", "gappy"])
def test_our_phi_is_where_statsmodels_likelihood_peaks(missing: float) -> None:
    """statsmodels' own gradient is ~0 at our Phi, and large a tenth away from it.

    (A full VARMAX fit on the same diaries, with its timing, is in bench/bench_stats.py:
    under a loaded test machine it takes minutes.)
    """
    pain, mood = simulate(160, pain_to_mood=-0.3, seed=2, missing=missing)
    data = prepare(pain, mood)
    fit = best_fit(data)
    assert fit is not None
    model = varmax(pain, mood)
    ours = statsmodels_params(fit.params, data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        at_ours = model.score(ours)
        moved = ours.copy()
        moved[4] += 0.1  # Phi[mood, pain] a tenth of a point away
        away = model.score(moved)
    np.testing.assert_allclose(at_ours[2:6], 0.0, atol=0.02)  # the four entries of Phi
    assert np.abs(away[2:6]).max() > 100


def test_a_long_empty_span_is_integrated_out_exactly() -> None:
    """A gap of 40 days stepped over in one go equals 40 missing days on the calendar."""
    pain, mood = simulate(120, seed=5)
    gap = np.full(40, np.nan)
    long_pain, long_mood = np.r_[pain[:60], gap, pain[60:]], np.r_[mood[:60], gap, mood[60:]]
    stepped = prepare(long_pain, long_mood)
    assert stepped.values.shape[0] == 120  # the empty days hold no state
    params = np.array([0.6, 0.05, -0.2, 0.5, 0.0, 0.1, 0.0, -1.0, -1.5])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = varmax(long_pain, long_mood).loglike(statsmodels_params(params, stepped))
    assert log_likelihood(params, stepped)[0] == pytest.approx(reference, abs=1e-6)


def test_no_reporting_noise_is_a_valid_fit_at_the_floor() -> None:
    """Scores typed without noise: R goes to its floor and the fit still counts."""
    rng = np.random.default_rng(1)
    state = np.zeros((300, 2))
    for t in range(1, 300):
        state[t] = np.array([[0.6, 0.0], [-0.3, 0.5]]) @ state[t - 1] + rng.normal(0, 1, 2)
    fit = best_fit(prepare(state[:, 0], state[:, 1]))
    assert fit is not None and fit.converged and not fit.at_limit
    assert np.exp(fit.params[7:9]).max() < 0.25  # little noise found where there is none
    assert fit.phi[1, 0] == pytest.approx(-0.3, abs=0.12)
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(300)]
    typed = [CheckIn(day=d, pain=int(p), mood=int(m)) for d, p, m in zip(
        days, np.clip(np.rint(5 + 1.5 * state[:, 0]), 0, 10),
        np.clip(np.rint(5 + 1.5 * state[:, 1]), 0, 10), strict=True)]  # fmt: skip
    verdict = analyse(typed).verdict("pain->mood")
    assert verdict.method == "latent-var" and verdict.ci is not None and verdict.ci[1] < 0


def test_a_pinned_fit_reaches_the_same_maximum_from_the_full_fit_or_afresh() -> None:
    """The curvature-guided start for a pinned effect changes the path, not the maximum."""
    from tracker.stats.fit import cross_fixed, maximise

    pain, mood = simulate(365, pain_to_mood=-0.3, seed=6, missing=0.1)
    guided = prepare(pain, mood)
    full = best_fit(guided)
    assert full is not None and "top" in guided.memo
    for direction, value in (("pain->mood", 0.0), ("mood->pain", 0.0), ("pain->mood", -0.1)):
        warm = full.params.copy()
        warm[2 if direction == "pain->mood" else 1] = value
        pinned = maximise(warm, guided, cross_fixed(direction, value))
        afresh = best_fit(prepare(pain, mood), cross_fixed(direction, value))
        assert pinned.converged and afresh is not None
        assert pinned.log_likelihood == pytest.approx(afresh.log_likelihood, abs=2e-4)
        assert pinned.log_likelihood <= full.log_likelihood + 1e-6


def test_holding_the_means_at_their_profiled_values_gives_the_same_likelihood() -> None:
    """The gradient's nudged likelihoods hold the means: at the profiled means it is one number."""
    pain, mood = simulate(200, seed=3, missing=0.2)
    data = prepare(pain, mood)
    params = np.array([0.5, 0.1, -0.2, 0.4, -0.3, 0.1, -0.2, -1.0, -1.5])
    values, means = evaluate(params, data)
    assert log_likelihood(params, data, means[0])[0] == pytest.approx(values[0], abs=1e-9)
    assert log_likelihood(params, data, means[0] + 0.05)[0] < values[0]
