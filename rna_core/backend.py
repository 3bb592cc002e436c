"""The Keras backend (one explicit choice) and Keras set-up for a long-lived server.

Keras 3 runs the same model code on TensorFlow or JAX. The app picks JAX by default:
measured on the 2-core machine kind (``python -m bench.backends``, BENCHMARKS.md), whole
trainings are 2-4x faster and the server needs hundreds of MB less memory; TensorFlow
stays supported and tested. The choice is the environment variable ``KERAS_BACKEND``, read
by Keras when it is first imported; :func:`configure_backend` sets it (unless the user did)
and runs when the package ``rna_core`` is imported, i.e. before any of our modules can
import Keras: the app, every command line (``python -m rna_core.*``), the tuner workers,
the tests and the benchmarks all get it without having to remember it.

Nothing here imports Keras at module level.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

#: Environment variable Keras reads (once, at its first import) to pick its backend.
BACKEND_ENV_VAR = "KERAS_BACKEND"
#: The backend the app uses unless ``KERAS_BACKEND`` says otherwise: JAX, measured faster on
#: whole trainings and ~0.5 GB lighter (BENCHMARKS.md, Keras backend). It pays a compilation
#: the first time a recipe trains; :func:`progress_phase` names that phase.
DEFAULT_BACKEND = "jax"
#: Backends the app is tested with (CI runs the Keras tests under both).
SUPPORTED_BACKENDS: tuple[str, ...] = ("jax", "tensorflow")
#: JAX settings (environment variables JAX reads at import) for its on-disk compilation
#: cache: a model compiled once (same layers, batch size, optimizer) is not compiled again,
#: in this process or the next (entries are a few hundred kB each).
JAX_CACHE_SETTINGS: dict[str, str] = {
    "JAX_COMPILATION_CACHE_DIR": str(Path.home() / ".cache" / "rna-dashboard" / "jax"),
    "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",
}


def configure_backend() -> str:
    """Choose the Keras backend before Keras is imported; return the backend in use.

    Sets ``KERAS_BACKEND`` to :data:`DEFAULT_BACKEND` unless it is already set (so
    ``KERAS_BACKEND=tensorflow streamlit run streamlit_app.py`` switches backends). Child
    processes (the tuner's chief and workers) inherit the variable. Under JAX it also turns
    on JAX's compilation cache (:data:`JAX_CACHE_SETTINGS`, each unless already set).

    Returns
    -------
    str
        The backend Keras uses (or will use once imported).

    Notes
    -----
    If Keras was imported before this call, the variable can no longer change its backend:
    the backend Keras already runs on is returned, with a warning when it differs.
    """
    wanted = os.environ.setdefault(BACKEND_ENV_VAR, DEFAULT_BACKEND)
    if wanted == "jax":
        for name, value in JAX_CACHE_SETTINGS.items():
            os.environ.setdefault(name, value)
    keras = sys.modules.get("keras")
    if keras is None or not hasattr(keras, "backend"):
        return wanted
    running = keras.backend.backend()
    if running != wanted:
        warnings.warn(
            f"Keras was imported before rna_core and runs on {running!r}, not on {wanted!r}: "
            f"set {BACKEND_ENV_VAR} before starting Python to choose the backend.",
            RuntimeWarning,
            stacklevel=2,
        )
    return running


def backend_name() -> str:
    """The Keras backend in use (or chosen for when Keras is imported), without importing Keras."""
    keras = sys.modules.get("keras")
    if keras is not None and hasattr(keras, "backend"):
        return keras.backend.backend()
    return os.environ.get(BACKEND_ENV_VAR, DEFAULT_BACKEND)


def progress_phase(status: str, steps_done: int) -> str:
    """What a running training is doing: ``"compiling"`` until its first batch ends.

    The first batch of a fresh model includes compiling its training step (JAX's JIT: a
    few seconds; TensorFlow's tracing: about a second). A progress display shows this
    phase ("compiling…") instead of a bar stuck at zero.

    Parameters
    ----------
    status : str
        The job's status (``"pending"``, ``"running"``, ...).
    steps_done : int
        Batches completed so far.

    Returns
    -------
    str
        ``"compiling"`` while running with no batch done, ``"training"`` while running
        after that, otherwise ``status`` itself.
    """
    if status != "running":
        return status
    return "compiling" if steps_done <= 0 else "training"


def progress_callback_base() -> type:
    """A ``keras.callbacks.Callback`` base for per-batch progress that keeps stop-within-a-batch.

    Subclass it instead of ``keras.callbacks.Callback`` for a callback that reports every
    batch and may set ``self.model.stop_training``:

    - It is called synchronously (``async_safe = False``). Under JAX, Keras would otherwise
      run batch callbacks on a helper thread while the training loop runs ahead (JAX
      dispatches steps asynchronously): a stop set there lands tens of batches late
      (measured: 35 batches).
    - ``self.model`` is the model itself. Keras's ``Callback.model`` under JAX first copies
      the whole training state back into the model's variables; done every batch it costs
      time, and from a helper thread it races with the training loop ("Array has been
      deleted" errors). A progress callback reads only ``logs`` and sets ``stop_training``.

    Returns
    -------
    type
        A subclass of ``keras.callbacks.Callback`` (imports Keras).
    """
    import keras

    class ProgressCallbackBase(keras.callbacks.Callback):
        """Per-batch callback safe under every backend (see :func:`progress_callback_base`)."""

        async_safe = False

        @property
        def model(self):  # noqa: D401 - same meaning as Keras's property
            return self._model

    return ProgressCallbackBase


def set_random_seed(seed: int) -> None:
    """``keras.utils.set_random_seed(seed)`` without importing TensorFlow under another backend.

    Keras's function also seeds TensorFlow whenever TensorFlow *can* be imported, importing
    it (seconds, and about 400 MB for the rest of the process) even under JAX. Here, under
    another backend and with TensorFlow not imported yet, it is hidden for the call: Keras
    then also remembers it as unavailable and never imports it later (saving ``.keras``
    files included). Python's, NumPy's and Keras's own seeds are set exactly as by Keras.

    Parameters
    ----------
    seed : int
        The seed.
    """
    import keras

    if backend_name() == "tensorflow" or sys.modules.get("tensorflow") is not None:
        keras.utils.set_random_seed(seed)
        return
    hidden = "tensorflow" not in sys.modules
    sys.modules["tensorflow"] = None  # type: ignore[assignment] # "import tensorflow" raises ImportError
    try:
        keras.utils.set_random_seed(seed)
    finally:
        if hidden:
            sys.modules.pop("tensorflow", None)


def load_keras() -> None:
    """Import Keras now, then exclude everything imported so far from garbage collection.

    A web server calls this once before its first training. Keras and its backend create
    millions of long-lived objects; every full ``gc.collect()`` would walk them all (about
    0.7 s on a small machine, holding the GIL, so a training thread stalls meanwhile).
    Frozen objects (``gc.freeze``) are skipped by the collector; they live as long as the
    process anyway.
    """
    import gc

    configure_backend()
    import keras  # noqa: F401

    gc.freeze()
