"""Draw a digit: from a drawing or photo to what an MNIST network sees, and what it answers.

The package's public face (DESIGN.md): :func:`to_mnist`, :class:`EmptyDrawingError`,
:func:`load_default_model` and :func:`predict_proba`. Its modules, one idea each:

* :mod:`~rna_core.digits.preprocess` -- MNIST's recipe (ink, crop, fit 20x20, centre of mass);
* :mod:`~rna_core.digits.numpy_network` -- inference in NumPy, from the safe model files;
* :mod:`~rna_core.digits.augment` and :mod:`~rna_core.digits.cnn` -- training the shipped CNN
  (Keras, imported only there);
* :mod:`~rna_core.digits.handwriting` -- a non-MNIST test set (renderings);
* ``python -m rna_core.digits train --out models/digits_cnn`` -- the command line.

Importing the package imports neither Streamlit nor TensorFlow.
"""

from __future__ import annotations

from rna_core.digits.numpy_network import (
    DEFAULT_MODEL_DIR,
    FeatureMaps,
    NumpyLayer,
    NumpyNetwork,
    feature_maps,
    from_keras,
    from_layers,
    hidden_activations,
    load_default_model,
    load_network,
    predict_proba,
)
from rna_core.digits.preprocess import (
    FIT_SIZE,
    MNIST_SIZE,
    WORK_SIZE,
    EmptyDrawingError,
    Stages,
    bounding_box,
    centre_by_mass,
    fit_into_box,
    preprocess,
    stage_pictures,
    to_mnist,
)

__all__ = [
    "DEFAULT_MODEL_DIR",
    "FIT_SIZE",
    "MNIST_SIZE",
    "WORK_SIZE",
    "EmptyDrawingError",
    "FeatureMaps",
    "NumpyLayer",
    "NumpyNetwork",
    "Stages",
    "bounding_box",
    "centre_by_mass",
    "feature_maps",
    "fit_into_box",
    "from_keras",
    "from_layers",
    "hidden_activations",
    "load_default_model",
    "load_network",
    "predict_proba",
    "preprocess",
    "stage_pictures",
    "to_mnist",
]
