"""Compile the training presets while the server is idle, so a student's first training does not.

Under JAX a recipe's first training spends seconds compiling its training step, its
validation step and its scoring (2-3 s of a 10 s Fast-preset run on two cores). JAX keeps
what it compiled in its cache on disk (:data:`rna_core.backend.JAX_CACHE_SETTINGS`), keyed by
the computation rather than by the model object, so the next model of the same recipe (a
student's) loads those programs instead of compiling them. :func:`warm_up` produces them on
a few hundred zero images shaped like the real data: one full batch and the short last batch
of each set, which are all the shapes a training meets. Nothing else is kept.

Keras is imported lazily.
"""

from __future__ import annotations

import time

import numpy as np

from rna_core.backend import backend_name
from rna_core.data import COURSE_SPLIT_SIZES
from rna_core.evaluation import SCORING_BATCH, model_probabilities
from rna_core.models import FAST_CONFIG, PRESETS, NetworkConfig, build_model

#: Pixels per image of the dense network's input (28 x 28, flattened).
_PIXELS = 784


def _batch_shapes(total: int, batch: int) -> int:
    """Examples that give the same batch shapes as ``total`` examples in batches of ``batch``."""
    return min(total, batch + (total % batch))


def warm_up(config: NetworkConfig = FAST_CONFIG, sizes: tuple[int, int, int] = COURSE_SPLIT_SIZES) -> float | None:
    """Compile ``config``'s training on data of ``sizes`` once, ahead of any student (JAX only).

    Parameters
    ----------
    config : NetworkConfig
        The recipe to prepare (default: the Fast preset, the training page's default).
    sizes : tuple of int
        Training, validation and test examples of the real data (their remainders decide the
        short last batches).

    Returns
    -------
    float or None
        Seconds spent, or None when the backend keeps no compiled programs across models
        (TensorFlow): there is nothing to prepare.
    """
    if backend_name() != "jax":
        return None
    start = time.perf_counter()
    n_train, n_val, n_test = sizes
    batch = config.batch_size

    def zeros(count: int) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros((count, _PIXELS), np.float32), np.zeros(count, np.int32)

    # as TrainingJob.run builds and fits it: the schedule's length comes from the real size
    model = build_model(config, (_PIXELS,), train_size=n_train)
    model.fit(*zeros(_batch_shapes(n_train, batch)), batch_size=batch, epochs=1,
              validation_data=zeros(_batch_shapes(n_val, batch)), verbose=0)
    model_probabilities(model, zeros(_batch_shapes(n_test, SCORING_BATCH))[0])
    return time.perf_counter() - start


def warm_up_presets() -> float | None:
    """:func:`warm_up` each preset of the training page (Fast, the default, first); seconds or None."""
    spent = [warm_up(config) for config in sorted(PRESETS.values(), key=lambda config: config != FAST_CONFIG)]
    return None if None in spent else sum(spent)
