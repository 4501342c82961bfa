"""Run the latent-model fit with one BLAS thread.

The fit makes thousands of tiny LAPACK/BLAS calls; OpenBLAS's worker threads
spin between them and, on a laptop doing other work, made a one-year fit 3-4x
slower in wall time (and 4x in CPU) than one thread. This is what
threadpoolctl does, reduced to the OpenBLAS builds numpy and scipy wheels
ship; anything else (MKL, Accelerate, a system BLAS) is left as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
from collections.abc import Iterator
from functools import cache
from typing import Any

_NAMES = [
    (f"{prefix}openblas_get_num_threads{suffix}", f"{prefix}openblas_set_num_threads{suffix}")
    for prefix in ("scipy_", "")
    for suffix in ("64_", "")
]


_RTLD_NOLOAD = getattr(os, "RTLD_NOLOAD", 4)  # only a library already loaded


@cache
def _controls() -> list[tuple[Any, Any]]:
    """(get, set) functions of every OpenBLAS that numpy or scipy loaded."""
    import numpy
    import scipy
    import scipy.linalg  # noqa: F401 - loads scipy's OpenBLAS, so it can be found
    import scipy.optimize  # noqa: F401

    found = []
    for package in (numpy, scipy):
        folder = os.path.join(os.path.dirname(package.__path__[0]), f"{package.__name__}.libs")
        for path in sorted(glob.glob(os.path.join(folder, "*openblas*"))):
            try:
                library = ctypes.CDLL(path, mode=_RTLD_NOLOAD)
            except OSError:
                continue  # not loaded by this process: nothing to limit
            for get_name, set_name in _NAMES:
                if hasattr(library, get_name) and hasattr(library, set_name):
                    found.append((getattr(library, get_name), getattr(library, set_name)))
                    break
    return found


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit OpenBLAS to one thread inside the block, then restore what it was."""
    try:
        controls = _controls()
        before = [get() for get, _ in controls]
        for _, set_threads in controls:
            set_threads(1)
    except (OSError, AttributeError, ValueError, TypeError):
        controls, before = [], []
    try:
        yield
    finally:
        for (_, set_threads), count in zip(controls, before, strict=True):
            set_threads(count)
