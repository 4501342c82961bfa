"""Maximum-likelihood fits of the latent VAR(1), full and with one cross effect fixed.

L-BFGS-B on the nine parameters of `latent`, with a forward-difference
gradient: the point itself profiles the means, the nine nudged points hold
them there and share one stacked banded factorisation. Several starting
points are tried, because one start fails in a few percent of diaries
(STATS.md §2). The full maximum's curvature (second differences, one stacked
call) is kept on the diary's `memo`: it scales the later fits, predicts where
a fit with one effect pinned lies, and a few Newton steps with it finish each
fit where L-BFGS-B stops on slow progress along a ridge. A fit with no
reporting noise (R at its floor) is a valid fit; a fit whose Phi sits at a
bound or at a unit root is not used for a verdict.
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
    evaluate,
    log_likelihood,
    spectral_radius,
)

_STEP = 1e-6
_SETTLED = 0.02  # largest gradient entry of a settled fit, per unit of curvature scale
_RESTARTS = 2
_BOUNDS = [(-_PHI_BOUND, _PHI_BOUND)] * 4 + [(-8.0, 3.0), (-10.0, 10.0), (-8.0, 3.0)]
_BOUNDS += [(LOG_R_FLOOR, 3.0)] * 2
Bounds = tuple[np.ndarray, np.ndarray]  # lower and upper limits of the free parameters


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
    """Minus the log-likelihood and its forward-difference gradient.

    The point itself profiles the means; the nine nudged points hold them
    there (the profiled gradient by the envelope theorem) and go through one
    stacked factorisation.
    """
    names = [i for i in range(N_PARAMS) if i not in fixed]
    k = len(names)
    stack = np.empty((k + 1, N_PARAMS))
    stack[:, names] = free
    for index, value in fixed.items():
        stack[:, index] = value
    values, means = evaluate(stack[:1], data)
    if values[0] <= -1e9:
        return float(-values[0]), np.zeros(k)
    steps = _STEP * np.maximum(1.0, np.abs(free))
    stack[np.arange(1, k + 1), names] += steps
    nudged = log_likelihood(stack[1:], data, means[0])
    gradient = -(nudged - values[0]) / steps
    return float(-values[0]), gradient


def curvature(params: np.ndarray, data: Prepared, step: float = 1e-3) -> np.ndarray | None:
    """Minus the Hessian of the (profiled) log-likelihood at `params`, by second differences.

    All 55 likelihoods go through one stacked factorisation. None when a
    nudged point leaves the model (a unit root or a singular matrix).
    """
    n = N_PARAMS
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    stack = np.tile(params, (1 + n + len(pairs), 1))
    for i in range(n):
        stack[1 + i, i] += step
    for row, (i, j) in enumerate(pairs, start=1 + n):
        stack[row, i] += step
        stack[row, j] += step
    values = log_likelihood(stack, data)
    if values.min() <= -1e9:
        return None
    single = values[1 : 1 + n]
    hessian = np.empty((n, n))
    for row, (i, j) in enumerate(pairs, start=1 + n):
        hessian[i, j] = hessian[j, i] = values[row] - single[i] - single[j] + values[0]
    return -hessian / step**2


def _positive(matrix: np.ndarray) -> np.ndarray:
    """The nearest matrix with eigenvalues bounded away from zero (a usable metric)."""
    values, vectors = np.linalg.eigh(matrix)
    floor = max(float(values.max()) * 1e-8, 1e-6)
    return (vectors * np.maximum(values, floor)) @ vectors.T


def _pinned_start(
    start: np.ndarray, data: Prepared, fixed: dict[int, float], names: list[int], bounds: Bounds
) -> tuple[np.ndarray, float]:
    """Where the quadratic model at the full maximum puts the fit with `fixed` pinned.

    The model is tried a third, two thirds and all of the way (and not at
    all), in one stacked call: far from the maximum it can overshoot. Also
    returns the drop in log-likelihood the model expects there (-1 when the
    plain warm start is outside the model).
    """
    top, metric = data.memo["top"]
    pinned = list(fixed)
    shift = np.array([fixed[i] - top[i] for i in pinned])
    move = np.linalg.solve(metric[np.ix_(names, names)], metric[np.ix_(names, pinned)] @ shift)
    trials = np.tile(start, (4, 1))
    trials[:, names] -= np.array([0.0, 1 / 3, 2 / 3, 1.0])[:, None] * move
    trials[:, names] = np.clip(trials[:, names], bounds[0], bounds[1])
    values = log_likelihood(trials, data)
    # The drop the quadratic model expects at the pinned value (profile curvature).
    inverse = np.linalg.inv(_positive(metric))
    expected = 0.5 * float(shift @ np.linalg.solve(inverse[np.ix_(pinned, pinned)], shift))
    if values[0] <= -1e9:
        expected = -1.0  # the plain warm start leaves the model: climb afresh as well
    return trials[int(np.argmax(values))], expected


def _projected(gradient: np.ndarray, x: np.ndarray, bounds: Bounds) -> np.ndarray:
    """The gradient without the parts that push a parameter at its limit outwards."""
    low, high = bounds
    outward = ((x <= low + 1e-9) & (gradient > 0)) | ((x >= high - 1e-9) & (gradient < 0))
    return np.where(outward, 0.0, gradient)


def _polish(
    x: np.ndarray,
    fixed: dict[int, float],
    data: Prepared,
    metric: np.ndarray,
    bounds: Bounds,
    rounds: int = 6,
) -> tuple[np.ndarray, float, np.ndarray]:
    """Newton steps with a fixed metric from where L-BFGS-B stopped.

    L-BFGS-B stops on slow progress, which on a ridge (reporting noise traded
    against day-to-day variance) can be a hundredth of a log-likelihood unit
    short. Parameters at a bound that the gradient pushes outwards stay there.
    """
    value, gradient = _objective(x, fixed, data)
    low, high = bounds
    names = [i for i in range(N_PARAMS) if i not in fixed]
    for _ in range(rounds):
        ascent = -gradient
        free = _projected(gradient, x, bounds) != 0.0
        if not free.any():
            break
        step = np.zeros_like(x)
        step[free] = np.linalg.solve(_positive(metric[np.ix_(free, free)]), ascent[free])
        if 0.5 * float(ascent @ step) < 1e-7:
            break
        trials = np.clip(x + np.array([1.0, 0.5, 0.25])[:, None] * step, low, high)
        stack = np.empty((3, N_PARAMS))
        stack[:, names] = trials
        for index, pinned in fixed.items():
            stack[:, index] = pinned
        values = -log_likelihood(stack, data)
        best = int(np.argmin(values))
        if values[best] >= value:
            break
        x = trials[best]
        value, gradient = _objective(x, fixed, data)
    return x, value, gradient


def maximise(start: np.ndarray, data: Prepared, fixed: dict[int, float] | None = None) -> Fit:
    """Climb from one start; `fixed` pins parameters (a cross effect) at given values.

    Once a full maximum of this diary is known (`data.memo["top"]`: its
    parameters and curvature), the curvature scales the climb and, for a
    warm start from that maximum, predicts where the pinned fit lies.
    """
    from scipy.optimize import minimize

    fixed = fixed or {}
    names = [i for i in range(N_PARAMS) if i not in fixed]
    start = np.asarray(start, dtype=float).copy()
    for index, value in fixed.items():
        start[index] = value
    bounds = (np.array([_BOUNDS[i][0] for i in names]), np.array([_BOUNDS[i][1] for i in names]))
    known = data.memo.get("top")
    expected = top = None
    scale = np.ones(len(names))
    if known is not None:
        scale = np.sqrt(np.maximum(np.diag(known[1])[names], 1.0))
        if fixed and np.array_equal(known[0][names], start[names]):
            start, expected = _pinned_start(start, data, fixed, names, bounds)
            top = float(log_likelihood(known[0], data)[0])
    x0 = np.clip(start[names], *bounds)

    def scaled(y: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = _objective(x0 + y / scale, fixed, data)
        return value, gradient / scale

    # L-BFGS-B also stops when one step gains almost nothing, which it can do far
    # from the top (a gradient of 9 seen on a year's diary): then it starts again.
    # (In the scaled coordinates the gradient squared is about twice the gain left.)
    y = np.zeros(len(names))
    for _ in range(_RESTARTS + 1):
        result = minimize(
            scaled,
            y,
            jac=True,
            method="L-BFGS-B",
            bounds=list(zip((bounds[0] - x0) * scale, (bounds[1] - x0) * scale, strict=True)),
            options={"maxiter": 400, "ftol": 1e-10, "gtol": 1e-6},
        )
        y = result.x
        x, value, gradient = x0 + y / scale, float(result.fun), result.jac * scale
        if value >= 1e9 or np.max(np.abs(_projected(gradient, x, bounds) / scale)) < _SETTLED:
            break
    params = start.copy()
    params[names] = x
    metric = None
    if value < 1e9:
        metric = known[1] if known is not None else curvature(params, data)
    if metric is not None:
        x, value, gradient = _polish(x, fixed, data, metric[np.ix_(names, names)], bounds)
        params[names] = x
    converged = bool(
        value < 1e9 and (result.success or np.max(np.abs(_projected(gradient, x, bounds))) < 1e-2)
    )
    phi = params[:4].reshape(1, 2, 2)
    at_limit = bool(
        np.any(np.abs(params[[i for i in range(4) if i not in fixed]]) >= _PHI_BOUND - 1e-6)
        or spectral_radius(phi)[0] >= _MAX_RADIUS - 2e-3
    )
    if not fixed and converged and not at_limit and metric is not None:
        data.memo["top"] = (params, metric)
    found = Fit(params, -value, converged, at_limit)
    if (
        top is not None
        and expected is not None
        and (expected < 0 or top - found.log_likelihood > 2 * expected + 4)
    ):
        # A warm start outside the model, or far below what the curvature expects:
        # perhaps another basin. Climb from fresh starts too and keep the higher.
        fresh = best_fit(data, fixed, tries=2)
        if fresh is not None and (
            not found.converged or fresh.log_likelihood > found.log_likelihood
        ):
            return fresh
    return found


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
