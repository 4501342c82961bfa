"""Maximum-likelihood fits of the latent VAR(1), full and with one cross effect fixed.

L-BFGS-B on the nine parameters of `latent`, with a forward-difference
gradient whose likelihoods come from one stacked banded factorisation. Several
starting points are tried, because one start fails in a few percent of
diaries (STATS.md §2). A fit with no reporting noise (R at its floor) is a
valid fit; a fit whose Phi sits at a bound or at a unit root is not used for a
verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .latent import (
    _MAX_RADIUS,
    _PHI_BOUND,
    CROSS_INDEX,
    LOG_R_FLOOR,
    N_PARAMS,
    Prepared,
    log_likelihood,
    spectral_radius,
)

_STEP = 1e-6
_BOUNDS = [(-_PHI_BOUND, _PHI_BOUND)] * 4 + [(-8.0, 3.0), (-10.0, 10.0), (-8.0, 3.0)]
_BOUNDS += [(LOG_R_FLOOR, 3.0)] * 2


@dataclass(frozen=True)
class Fit:
    """One maximum: parameters, log-likelihood, and whether it can carry a verdict."""

    params: np.ndarray
    log_likelihood: float
    converged: bool
    at_limit: bool  # Phi at a bound or (nearly) a unit root: inconclusive

    @property
    def phi(self) -> np.ndarray:
        return self.params[:4].reshape(2, 2)


def _objective(
    free: np.ndarray, fixed: dict[int, float], data: Prepared
) -> tuple[float, np.ndarray]:
    """Minus the log-likelihood and its forward-difference gradient, in one stacked call."""
    names = [i for i in range(N_PARAMS) if i not in fixed]
    k = len(names)
    stack = np.empty((k + 1, N_PARAMS))
    stack[:, names] = free
    for index, value in fixed.items():
        stack[:, index] = value
    steps = _STEP * np.maximum(1.0, np.abs(free))
    stack[np.arange(1, k + 1), names] += steps
    values = -log_likelihood(stack, data)
    gradient = (values[1:] - values[0]) / steps
    if values[0] >= 1e9:
        gradient = np.zeros(k)
    return float(values[0]), gradient


def maximise(start: np.ndarray, data: Prepared, fixed: dict[int, float] | None = None) -> Fit:
    """Climb from one start; `fixed` pins parameters (a cross effect) at given values."""
    from scipy.optimize import minimize

    fixed = fixed or {}
    names = [i for i in range(N_PARAMS) if i not in fixed]
    start = np.asarray(start, dtype=float).copy()
    for index, value in fixed.items():
        start[index] = value
    bounds = [_BOUNDS[i] for i in names]
    x0 = np.clip(start[names], [b[0] for b in bounds], [b[1] for b in bounds])
    result = minimize(
        _objective,
        x0,
        args=(fixed, data),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 400, "ftol": 1e-10, "gtol": 1e-6},
    )
    params = start.copy()
    params[names] = result.x
    value = -float(result.fun)
    phi = params[:4].reshape(1, 2, 2)
    at_limit = bool(
        np.any(np.abs(params[[i for i in range(4) if i not in fixed]]) >= _PHI_BOUND - 1e-6)
        or spectral_radius(phi)[0] >= _MAX_RADIUS - 2e-3
    )
    converged = bool(value > -1e9 and (result.success or np.max(np.abs(result.jac)) < 1e-2))
    return Fit(params, value, converged, at_limit)


def starts(data: Prepared) -> list[np.ndarray]:
    """Starting points: an OLS VAR(1) on consecutive days with little and with more noise."""
    values, observed = data.values, data.observed
    rows = observed[1:].all(axis=1) & observed[:-1].all(axis=1) & (data.gap_index[1:] == 0)
    if data.gaps.size and data.gaps[0] != 1:
        rows &= False
    phi = np.diag([0.5, 0.5])
    resid = np.eye(2) * 0.75
    if rows.sum() >= 6:
        x = np.column_stack([np.ones(rows.sum()), values[:-1][rows]])
        y = values[1:][rows]
        coef, *_ = np.linalg.lstsq(x, y, rcond=None)
        phi = np.clip(coef[1:].T, -0.9, 0.9)
        if spectral_radius(phi[None])[0] >= 0.95:
            phi = phi * 0.9 / spectral_radius(phi[None])[0]
        e = y - x @ coef
        resid = np.cov(e.T) + np.eye(2) * 1e-3
    found = []
    for noise, shrink in ((0.05, 1.0), (0.35, 1.3), (0.6, 1.6)):
        p = np.clip(phi * shrink, -0.95, 0.95)
        if spectral_radius(p[None])[0] >= 0.97:
            p = p * 0.95 / spectral_radius(p[None])[0]
        q = resid * (1.0 - noise) + np.eye(2) * 1e-3
        lower = np.linalg.cholesky(q)
        found.append(
            np.array(
                [
                    *p.ravel(),
                    np.log(lower[0, 0]),
                    lower[1, 0],
                    np.log(lower[1, 1]),
                    np.log(max(noise, 1e-4)),
                    np.log(max(noise, 1e-4)),
                ]
            )
        )
    return found


def best_fit(
    data: Prepared,
    fixed: dict[int, float] | None = None,
    initial: list[np.ndarray] | None = None,
    tries: int = 3,
) -> Fit | None:
    """The first start that converges inside the limits, else the best of the rest.

    One start fails in a few percent of diaries; the others begin from more
    reporting noise and a wider Phi, so between them one settles.
    """
    candidates = initial or starts(data)
    best: Fit | None = None
    for start in candidates[:tries]:
        fit = maximise(start, data, fixed)
        if not fit.converged:
            continue
        if best is None or fit.log_likelihood > best.log_likelihood:
            best = fit
        if not best.at_limit:
            break
    return best


def cross_fixed(direction: str, value: float) -> dict[int, float]:
    """`fixed` argument pinning one direction's cross effect (standardised units)."""
    return {CROSS_INDEX[direction]: value}
