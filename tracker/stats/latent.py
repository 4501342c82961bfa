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
one factorisation. The band is gathered from a table of the few kinds of day
(`Layout`), already in LAPACK's column-major layout, and factorised in place:
numpy's share of a stacked call is then about that of LAPACK.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

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
class Layout:
    """What every likelihood of one diary shares, worked out once (see `evaluate`).

    A day's column of the precision band depends only on its kind: the step
    into it, the step out of it, and which scores it has. A ten-year diary has
    a few dozen kinds, so the band is built for the kinds and gathered.
    """

    kinds: np.ndarray  # (K, 4): step-in index, step-out index, pain seen, mood seen
    kind: np.ndarray  # (T,) the kind of each day
    index_counts: np.ndarray  # (G+1,) days per step-in index (last: the first day)
    one: int  # index of the one-day step in `gaps`, -1 if there is none
    rhs: np.ndarray  # (3, T, 2): the scores and the two mean indicators, per state
    gram: np.ndarray  # (2, 3, 3): rhs' rhs over pain states, over mood states
    n_obs: np.ndarray  # (2,) observed pain and mood scores


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
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def layout(self) -> Layout:
        """The day kinds and right-hand sides, computed on first use."""
        size, steps = self.values.shape[0], len(self.gaps)
        into = self.gap_index.astype(np.intp).copy()
        if size:
            into[0] = steps  # the first day: no predecessor
        out_of = np.append(into[1:], steps + 1)  # the last day: nothing after it
        seen = self.observed.astype(np.intp)
        kinds, kind = np.unique(
            np.column_stack([into, out_of, seen]).reshape(size, 4), axis=0, return_inverse=True
        )
        rhs = np.zeros((3, size, 2))
        rhs[0] = np.where(self.observed, self.values, 0.0)
        rhs[1, :, 0] = self.observed[:, 0]
        rhs[2, :, 1] = self.observed[:, 1]
        gram = np.einsum("atc,btc->cab", rhs, rhs)
        one = np.flatnonzero(self.gaps == 1)
        return Layout(
            kinds=kinds.reshape(-1, 4),
            kind=kind.ravel(),
            index_counts=np.bincount(into, minlength=steps + 1).astype(float),
            one=int(one[0]) if one.size else -1,
            rhs=rhs,
            gram=gram,
            n_obs=self.observed.sum(axis=0),
        )


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


def log_likelihood(
    params: np.ndarray, data: Prepared, means: np.ndarray | None = None
) -> np.ndarray:
    """Exact log-likelihood for each row of `params`, the means profiled out.

    `means` (standardised, as `evaluate` returns them) holds the means fixed
    instead: at the profiled means that is the same number, and its gradient in
    the other parameters is the profiled likelihood's gradient (envelope
    theorem), for a third of the triangular-solve work.
    """
    return evaluate(params, data, means)[0]


def profiled_means(params: np.ndarray, data: Prepared) -> np.ndarray:
    """The maximum-likelihood means of pain and mood (original scale) at `params`."""
    return evaluate(np.atleast_2d(params)[:1], data)[1][0] * data.scale + data.centre


def evaluate(
    params: np.ndarray, data: Prepared, fixed_means: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Log-likelihoods and profiled means (standardised) for each row of `params`.

    With `fixed_means` (standardised) the means are held there instead of
    profiled: one right-hand side instead of three.

    Rows whose Phi is not stationary, or whose matrices are singular, get
    `-1e10`: the optimiser treats that as a wall.
    """
    from scipy.linalg.lapack import dpbtrf, dtbtrs

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
    layout = data.layout
    sigma = stationary_covariance(phi, q)
    # Transition and innovation covariance for each distinct step length; the last
    # table entry is the first day (no predecessor: the stationary distribution).
    powers = [np.linalg.matrix_power(phi, int(g)) for g in data.gaps]
    a_tab = np.stack([*powers, np.zeros_like(phi)], axis=1)  # (m, G+1, 2, 2)
    q_tab = sigma[:, None] - a_tab @ sigma[:, None] @ a_tab.transpose(0, 1, 3, 2)
    if layout.one >= 0:
        q_tab[:, layout.one] = q
    qi_tab, qdet_tab = _inv2(q_tab)
    bad = (qdet_tab <= 0.0).any(axis=1)
    if bad.all():
        return out, means
    qdet_tab = np.where(qdet_tab <= 0.0, 1.0, qdet_tab)
    log_det_prior = np.log(qdet_tab) @ layout.index_counts
    # The block-tridiagonal precision of the latent states given the observations,
    # one band column per (step in, step out, scores seen) kind of day: built for
    # the few kinds, then gathered into LAPACK's lower band layout (column-major).
    tail = np.zeros((m, 1, 2, 2))
    carry = np.concatenate([a_tab.transpose(0, 1, 3, 2) @ qi_tab @ a_tab, tail], axis=1)
    off = np.concatenate([-(qi_tab @ a_tab), tail], axis=1)  # block (j+1, j) by step j+1
    kinds = layout.kinds
    diag = qi_tab[:, kinds[:, 0]] + carry[:, kinds[:, 1]]
    rinv = 1.0 / r  # (m, 2)
    diag[:, :, 0, 0] += rinv[:, None, 0] * kinds[:, 2]
    diag[:, :, 1, 1] += rinv[:, None, 1] * kinds[:, 3]
    below = off[:, kinds[:, 1]]
    table = np.zeros((m, kinds.shape[0], 2, 4))
    table[:, :, 0, 0] = diag[:, :, 0, 0]
    table[:, :, 1, 0] = diag[:, :, 1, 1]
    table[:, :, 0, 1] = diag[:, :, 1, 0]
    table[:, :, 1, 1] = below[:, :, 0, 1]
    table[:, :, 0, 2] = below[:, :, 0, 0]
    table[:, :, 1, 2] = below[:, :, 1, 1]
    table[:, :, 0, 3] = below[:, :, 1, 0]
    band = np.take(table, layout.kind, axis=1).reshape(m * size * 2, 4).T
    chol, info = dpbtrf(band, lower=1, overwrite_ab=1)
    if info != 0:
        return out, means
    log_det_post = 2.0 * np.log(chol[0]).reshape(m, size * 2).sum(axis=1)
    if fixed_means is None:
        # The scores and the two mean indicators: the means by generalised least squares.
        rhs, gram_seen = layout.rhs, layout.gram
    else:
        centred = np.where(data.observed, data.values - fixed_means, 0.0)[None]
        rhs, gram_seen = centred, np.einsum("atc,btc->cab", centred, centred)
    # Quadratic forms v' Sigma_y^-1 w = v' R^-1 w - (L^-1 R^-1 v)' (L^-1 R^-1 w): only the
    # forward triangular solve is needed (LAPACK tbtrs), half the work of a full solve.
    u = rhs[:, None, :, :] * rinv[None, :, None, :]  # (columns, m, T, 2)
    width = rhs.shape[0]
    z, info = dtbtrs(chol, u.reshape(width, m * size * 2).T, uplo="L", overwrite_b=1)
    if info != 0:
        return out, means
    z = z.T.reshape(width, m, size * 2)
    gram = rinv[:, 0, None, None] * gram_seen[0] + rinv[:, 1, None, None] * gram_seen[1]
    gram -= np.einsum("akt,bkt->kab", z, z)
    if fixed_means is None:
        try:
            mu = np.linalg.solve(gram[:, 1:, 1:], gram[:, 1:, 0:1])[..., 0]
        except np.linalg.LinAlgError:
            return out, means
        quad = gram[:, 0, 0] - np.einsum("ka,ka->k", gram[:, 0, 1:], mu)
    else:
        mu = np.broadcast_to(fixed_means, (m, 2))
        quad = gram[:, 0, 0]
    n_obs = layout.n_obs
    log_det_r = n_obs[0] * np.log(r[:, 0]) + n_obs[1] * np.log(r[:, 1])
    value = -0.5 * (data.n_observed * _LOG_2PI + log_det_r + log_det_post + log_det_prior + quad)
    # Back to the original scale of the scores (a Jacobian term, same for every row).
    value -= n_obs[0] * math.log(data.scale[0]) + n_obs[1] * math.log(data.scale[1])
    value = np.where(bad | ~np.isfinite(value), -_PENALTY, value)
    out[ok] = value
    means[ok] = mu
    return out, means
