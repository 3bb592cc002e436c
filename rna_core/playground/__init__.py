"""The playground: a small network on the plane, in NumPy, that a page watches learn.

``make_dataset`` makes the points, :class:`Network` learns them, ``neuron_outputs`` gives
every neuron's picture over a grid; :mod:`.settings` holds the lesson's state (and its URL),
:mod:`.custom` checks a student's own points, :mod:`.keras_code` writes the same run as a
Keras script.
"""

from rna_core.playground.datasets import DATASETS, DOMAIN, make_dataset, split_train_test
from rna_core.playground.features import FEATURES, feature_matrix
from rna_core.playground.network import (
    LOSS_CHOICES,
    MAX_LAYERS,
    MAX_UNITS,
    PLAYGROUND_ACTIVATIONS,
    PLAYGROUND_OPTIMIZERS,
    REGULARIZERS,
    Network,
)

__all__ = [
    "DATASETS",
    "DOMAIN",
    "FEATURES",
    "PLAYGROUND_ACTIVATIONS",
    "LOSS_CHOICES",
    "MAX_LAYERS",
    "MAX_UNITS",
    "PLAYGROUND_OPTIMIZERS",
    "REGULARIZERS",
    "Network",
    "feature_matrix",
    "make_dataset",
    "split_train_test",
]
