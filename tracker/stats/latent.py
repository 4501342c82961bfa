"""The latent VAR(1) with reporting noise: exact likelihood and its maximum (STATS.md §2).

A typed score is the day's true state plus noise. The true states follow
`s_t = c + Phi s_{t-1} + w_t` (`w ~ N(0, Q)`, Q full) and each typed score is
`y_t = s_t + v_t` (`v ~ N(0, R)`, R diagonal). The latent states of the days
with an observation form one long vector whose precision is banded (width 3),
so the exact Gaussian likelihood is one banded Cholesky factorisation and one
banded triangular solve (LAPACK through `scipy.linalg`). Days with no check-in between
two observed days are integrated out exactly (a gap of g days steps by Phi^g
with the stationary remainder of the variance), so a long empty span costs
nothing. The means are profiled out by generalised least squares, and the
likelihoods needed for a numerical gradient are stacked block-diagonally into
one factorisation: that is what keeps a ten-year fit well under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Parameter vector (on standardised scores): Phi row-major (4), log L11, L21,
# log L22 of Q's Cholesky factor (3), log R for pain and mood (2).
N_PARAMS = 9
CROSS_INDEX = {"pain->mood": 2, "mood->pain": 1}  # Phi[mood, pain], Phi[pain, mood]
LOG_R_FLOOR = math.log(1e-4)  # "no reporting noise" is a valid fit at this floor
_PHI_BOUND = 1.5
_MAX_RADIUS = 0.995  # beyond this the model has (nearly) a unit root
_PENALTY = 1e10
_LOG_2PI = math.log(2.0 * math.pi)


@dataclass(frozen=True)
class Prepared:
    """Standardised scores on the observed days and the calendar steps between them."""

    values: np.ndarray  # (T, 2) standardised, NaN where missing
    observed: np.ndarray  # (T, 2) bool
    gap_index: np.ndarray  # (T,) index into `gaps` of the step into day j (0 unused)
    gaps: np.ndarray  # distinct step lengths in days
    scale: np.ndarray  # (2,) standard deviations used to standardise
    centre: np.ndarray  # (2,) means subtracted before that
    n_observed: int


def prepare(pain: np.ndarray, mood: np.ndarray, offsets: np.ndarray | None = None) -> Prepared:
    """Keep the days with any score; record the step in days into each kept day.

    `offsets` are the true day numbers of the slots (default: consecutive days).
    """
    both = np.column_stack([pain, mood]).astype(float)
    days = np.arange(both.shape[0]) if offsets is None else np.asarray(offsets)
    observed = ~np.isnan(both)
    kept = np.flatnonzero(observed.any(axis=1))
    both, observed, days = both[kept], observed[kept], days[kept]
    scale = np.ones(2)
    centre = np.zeros(2)
    for k in (0, 1):
        if observed[:, k].any():
            centre[k] = float(np.nanmean(both[:, k]))
            spread = float(np.nanstd(both[:, k]))
            scale[k] = spread if spread > 0 else 1.0
    values = (both - centre) / scale
    steps = np.diff(days, prepend=days[0] - 1 if days.size else 0)
    gaps, gap_index = np.unique(steps, return_inverse=True)
    return Prepared(values, observed, gap_index.ravel(), gaps, scale, centre, int(observed.sum()))


def _unpack(params: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Phi, Q, R diag) for a stack of parameter vectors."""
    k = params.shape[0]
    phi = params[:, :4].reshape(k, 2, 2)
    lower = np.zeros((k, 2, 2))
    lower[:, 0, 0] = np.exp(params[:, 4])
    lower[:, 1, 0] = params[:, 5]
    lower[:, 1, 1] = np.exp(params[:, 6])
    q = lower @ lower.transpose(0, 2, 1)
    r = np.exp(np.maximum(params[:, 7:9], LOG_R_FLOOR))
    return phi, q, r


def spectral_radius(phi: np.ndarray) -> np.ndarray:
    """Largest |eigenvalue| of each 2x2 matrix in a stack."""
    trace = phi[..., 0, 0] + phi[..., 1, 1]
    det = phi[..., 0, 0] * phi[..., 1, 1] - phi[..., 0, 1] * phi[..., 1, 0]
    disc = trace * trace / 4.0 - det
    real = np.abs(trace) / 2.0 + np.sqrt(np.maximum(disc, 0.0))
    return np.where(disc >= 0.0, real, np.sqrt(np.abs(det)))


def stationary_covariance(phi: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Sigma with Sigma = Phi Sigma Phi' + Q, for a stack (vec trick on 4x4 systems)."""
    k = phi.shape[0]
    kron = np.einsum("kij,klm->kiljm", phi, phi).reshape(k, 4, 4)
    vec = np.linalg.solve(np.eye(4) - kron, q.reshape(k, 4, 1))
    sigma = vec.reshape(k, 2, 2)
    return (sigma + sigma.transpose(0, 2, 1)) / 2.0


def _inv2(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse and determinant of a stack of 2x2 matrices."""
    det = m[..., 0, 0] * m[..., 1, 1] - m[..., 0, 1] * m[..., 1, 0]
    inv = np.empty_like(m)
    inv[..., 0, 0] = m[..., 1, 1]
    inv[..., 1, 1] = m[..., 0, 0]
    inv[..., 0, 1] = -m[..., 0, 1]
    inv[..., 1, 0] = -m[..., 1, 0]
    return inv / det[..., None, None], det


def log_likelihood(params: np.ndarray, data: Prepared) -> np.ndarray:
    """Exact log-likelihood (means profiled out) for each row of `params`."""
    return _evaluate(params, data)[0]


def profiled_means(params: np.ndarray, data: Prepared) -> np.ndarray:
    """The maximum-likelihood means of pain and mood (original scale) at `params`."""
    return _evaluate(np.atleast_2d(params)[:1], data)[1][0] * data.scale + data.centre


def _evaluate(params: np.ndarray, data: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Log-likelihoods and profiled means (standardised) for each row of `params`.

    Rows whose Phi is not stationary, or whose matrices are singular, get
    `-1e10`: the optimiser treats that as a wall.
    """
    from scipy.linalg import cholesky_banded
    from scipy.linalg.lapack import dtbtrs

    params = np.atleast_2d(np.asarray(params, dtype=float))
    k, size = params.shape[0], data.values.shape[0]
    out = np.full(k, -_PENALTY)
    means = np.zeros((k, 2))
    phi, q, r = _unpack(params)
    ok = spectral_radius(phi) < _MAX_RADIUS
    if not ok.any() or size == 0:
        return out, means
    phi, q, r = phi[ok], q[ok], r[ok]
    m = phi.shape[0]
    sigma = stationary_covariance(phi, q)
    # Transition and innovation covariance for each distinct step length; the last
    # table entry is the first day (no predecessor: the stationary distribution).
    powers = [np.linalg.matrix_power(phi, int(g)) for g in data.gaps]
    a_tab = np.stack([*powers, np.zeros_like(phi)], axis=1)  # (m, G+1, 2, 2)
    q_tab = sigma[:, None] - a_tab @ sigma[:, None] @ a_tab.transpose(0, 1, 3, 2)
    one = np.flatnonzero(data.gaps == 1)
    if one.size:
        q_tab[:, one[0]] = q
    qi_tab, qdet_tab = _inv2(q_tab)
    bad = (qdet_tab <= 0.0).any(axis=1)
    if bad.all():
        return out, means
    qdet_tab = np.where(qdet_tab <= 0.0, 1.0, qdet_tab)
    index = data.gap_index.copy()
    index[0] = len(data.gaps)
    log_det_prior = np.log(qdet_tab[:, index]).sum(axis=1)
    # Block-tridiagonal precision of the latent states given the observations.
    carry_tab = a_tab.transpose(0, 1, 3, 2) @ qi_tab @ a_tab
    off_tab = -(qi_tab @ a_tab)  # block (j, j-1)
    diag = qi_tab[:, index]
    diag[:, :-1] += carry_tab[:, index[1:]]
    off = off_tab[:, index]
    rinv = 1.0 / r  # (m, 2)
    obs = data.observed
    diag[:, :, 0, 0] += np.where(obs[:, 0], rinv[:, 0:1], 0.0)
    diag[:, :, 1, 1] += np.where(obs[:, 1], rinv[:, 1:2], 0.0)
    band = np.zeros((4, m, size, 2))
    band[0, :, :, 0] = diag[:, :, 0, 0]
    band[0, :, :, 1] = diag[:, :, 1, 1]
    band[1, :, :, 0] = diag[:, :, 1, 0]
    band[1, :, :-1, 1] = off[:, 1:, 0, 1]
    band[2, :, :-1, 0] = off[:, 1:, 0, 0]
    band[2, :, :-1, 1] = off[:, 1:, 1, 1]
    band[3, :, :-1, 0] = off[:, 1:, 1, 0]
    try:
        chol = cholesky_banded(band.reshape(4, m * size * 2), lower=True, check_finite=False)
    except np.linalg.LinAlgError:
        return out, means
    log_det_post = 2.0 * np.log(chol[0].reshape(m, size * 2)).sum(axis=1)
    # Right-hand sides: the scores and the two mean indicators, each times R^-1.
    y = np.where(obs, data.values, 0.0).reshape(size * 2)
    ind = np.zeros((size * 2, 2))
    ind[0::2, 0] = obs[:, 0]
    ind[1::2, 1] = obs[:, 1]
    w = np.column_stack([y, ind])  # (2T, 3)
    rdiag = np.tile(rinv, size)  # (m, 2T) pain, mood alternating
    u = rdiag[:, :, None] * w[None]  # (m, 2T, 3)
    # Quadratic forms v' Sigma_y^-1 w = v' R^-1 w - (L^-1 R^-1 v)' (L^-1 R^-1 w): only the
    # forward triangular solve is needed (LAPACK tbtrs), half the work of a full solve.
    z, info = dtbtrs(chol, np.asfortranarray(u.reshape(m * size * 2, 3)), uplo="L")
    if info != 0:
        return out, means
    z = z.reshape(m, size * 2, 3)
    gram = u.transpose(0, 2, 1) @ w - z.transpose(0, 2, 1) @ z
    try:
        mu = np.linalg.solve(gram[:, 1:, 1:], gram[:, 1:, 0:1])[..., 0]
    except np.linalg.LinAlgError:
        return out, means
    quad = gram[:, 0, 0] - np.einsum("ka,ka->k", gram[:, 0, 1:], mu)
    n_obs = obs.sum(axis=0)
    log_det_r = n_obs[0] * np.log(r[:, 0]) + n_obs[1] * np.log(r[:, 1])
    value = -0.5 * (data.n_observed * _LOG_2PI + log_det_r + log_det_post + log_det_prior + quad)
    # Back to the original scale of the scores (a Jacobian term, same for every row).
    value -= n_obs[0] * math.log(data.scale[0]) + n_obs[1] * math.log(data.scale[1])
    value = np.where(bad | ~np.isfinite(value), -_PENALTY, value)
    out[ok] = value
    means[ok] = mu
    return out, means
