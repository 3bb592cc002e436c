"""Small matrix products on one BLAS thread: what every NumPy network of the app runs with.

The app's NumPy networks (the draw page's reader, the backpropagation page's deep network,
fine-tuning) multiply small matrices. On a busy 2-core server, waking NumPy's BLAS threads
for each such product costs 10-100 times the work itself, so these blocks run BLAS on one
thread (through threadpoolctl, which comes with scikit-learn).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any


@functools.cache
def _numpy_blas() -> Any:
    """threadpoolctl's handle on the BLAS library NumPy uses (found once: the search takes ms), or None."""
    from threadpoolctl import ThreadpoolController

    libraries = [lib for lib in ThreadpoolController().lib_controllers
                 if lib.user_api == "blas" and "numpy" in str(lib.filepath)]
    return libraries[0] if libraries else None


@contextlib.contextmanager
def single_thread_blas() -> Iterator[None]:
    """Run NumPy's BLAS on one thread inside the block (the previous count comes back after it)."""
    blas = _numpy_blas()
    previous = blas.num_threads if blas is not None else 1
    if previous != 1:
        blas.set_num_threads(1)
    try:
        yield
    finally:
        if previous != 1:
            blas.set_num_threads(previous)
