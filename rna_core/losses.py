"""Cost (loss) functions with their gradients with respect to the prediction.

Every loss returns the **mean over the examples** (a Python ``float``), as Keras reports
it, and every ``*_grad`` returns ``d loss / d y_pred`` with the shape of ``y_pred``
(the mean's ``1/m`` included), which is where backpropagation starts.

Probabilities are clipped to ``[eps, 1 - eps]`` before any logarithm, with ``eps`` the
machine epsilon of ``y_pred``'s dtype (``2.2e-16`` for float64, ``1.2e-7`` for float32):
a prediction of exactly 0 or 1 then costs a large but finite amount instead of
``inf``. Keras clips with ``keras.config.epsilon()`` (``1e-7``); pass ``eps=1e-7`` to get
its numbers exactly. Gradients are evaluated at the clipped prediction, so they stay
finite too.

Formulas (``m`` examples, ``ŷ`` the prediction, ``y`` the truth):

* binary cross-entropy: ``-(1/m) Σ [y log ŷ + (1 - y) log(1 - ŷ)]``; with several
  outputs per example (multilabel) the mean runs over every output;
* categorical cross-entropy: ``-(1/m) Σ_i Σ_j y_ij log ŷ_ij`` (one-hot ``y``);
* sparse categorical cross-entropy: the same with ``y`` given as class indices;
* mean squared error: ``(1/m) Σ (ŷ - y)²``, averaged over every output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

__all__ = [
    "LOSSES",
    "Loss",
    "binary_crossentropy",
    "binary_crossentropy_grad",
    "categorical_crossentropy",
    "categorical_crossentropy_grad",
    "clip_probabilities",
    "get_loss",
    "mean_squared_error",
    "mean_squared_error_grad",
    "sparse_categorical_crossentropy",
    "sparse_categorical_crossentropy_grad",
]

#: How far from 1 a row of predicted class probabilities may sum (rounding allowance).
ROW_SUM_TOLERANCE = 1e-3


def _as_array(values: object, name: str) -> np.ndarray:
    try:
        array = np.asarray(values)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numbers.") from error
    if array.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be numbers, not {array.dtype.name} values.")
    if array.size == 0:
        raise ValueError(f"{name} is empty: give at least one example.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers (no NaN or infinity).")
    return array


def _dtype_of(y_pred: np.ndarray) -> np.dtype:
    return y_pred.dtype if y_pred.dtype.kind == "f" else np.dtype(np.float64)


def clip_probabilities(y_pred: object, eps: float | None = None) -> np.ndarray:
    """Clip probabilities to ``[eps, 1 - eps]`` (as float64).

    Parameters
    ----------
    y_pred : array_like
        Predicted probabilities.
    eps : float, optional
        Margin; defaults to the machine epsilon of ``y_pred``'s dtype.

    Returns
    -------
    numpy.ndarray
        The clipped probabilities, float64.
    """
    array = np.asarray(y_pred)
    margin = float(np.finfo(_dtype_of(array)).eps) if eps is None else float(eps)
    if not 0 < margin < 0.5:
        raise ValueError("eps must be a small positive number (between 0 and 0.5).")
    return np.clip(array.astype(np.float64), margin, 1.0 - margin)


def _pair(y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    true = _as_array(y_true, "y_true")
    pred = _as_array(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {true.shape} and {pred.shape}."
        )
    return true, pred


def _check_probabilities(pred: np.ndarray) -> None:
    if np.any(pred < 0) or np.any(pred > 1):
        raise ValueError("Predicted probabilities must be between 0 and 1.")


def _check_labels_01(true: np.ndarray) -> None:
    if np.any(true < 0) or np.any(true > 1):
        raise ValueError("The true labels must be between 0 and 1 (0 or 1 for hard labels).")


def _check_distributions(pred: np.ndarray) -> None:
    _check_probabilities(pred)
    if pred.ndim == 0:
        raise ValueError("Categorical predictions need one probability per class.")
    sums = pred.sum(axis=-1)
    if not np.allclose(sums, 1.0, atol=ROW_SUM_TOLERANCE, rtol=0.0):
        raise ValueError(
            "Each row of predicted class probabilities must sum to 1 (apply softmax to the logits first)."
        )


def _n_examples(pred: np.ndarray) -> int:
    """Number of examples when the last axis holds the classes."""
    return int(np.prod(pred.shape[:-1])) if pred.ndim > 1 else 1


def binary_crossentropy(y_true: object, y_pred: object, eps: float | None = None) -> float:
    """Mean binary cross-entropy ``-mean[y log ŷ + (1 - y) log(1 - ŷ)]``.

    Parameters
    ----------
    y_true : array_like
        Labels in [0, 1] (usually 0 or 1); any shape (one column per label).
    y_pred : array_like
        Predicted probabilities of the positive class, same shape.
    eps : float, optional
        Clipping margin; defaults to the machine epsilon of ``y_pred``'s dtype.

    Returns
    -------
    float
        The cost, averaged over every example (and every label).

    Raises
    ------
    ValueError
        Shapes differ, values are not finite, or not in [0, 1].
    """
    true, pred = _pair(y_true, y_pred)
    _check_labels_01(true)
    _check_probabilities(pred)
    p = clip_probabilities(pred, eps)
    return float(-np.mean(true * np.log(p) + (1.0 - true) * np.log1p(-p)))


def binary_crossentropy_grad(y_true: object, y_pred: object, eps: float | None = None) -> np.ndarray:
    """Gradient of :func:`binary_crossentropy` with respect to ``y_pred``.

    ``(ŷ - y) / (ŷ (1 - ŷ)) / N`` with ``N`` the number of entries; positive when the
    prediction is above the label (lowering ŷ lowers the cost).
    """
    true, pred = _pair(y_true, y_pred)
    _check_labels_01(true)
    _check_probabilities(pred)
    p = clip_probabilities(pred, eps)
    return ((p - true) / (p * (1.0 - p)) / p.size).astype(_dtype_of(pred))


def categorical_crossentropy(y_true: object, y_pred: object, eps: float | None = None) -> float:
    """Mean categorical cross-entropy ``-mean_i Σ_j y_ij log ŷ_ij``.

    Parameters
    ----------
    y_true : array_like
        One-hot labels (or any distribution), shape ``(m, n_classes)`` or ``(n_classes,)``.
    y_pred : array_like
        Predicted class probabilities, rows summing to 1 (softmax outputs), same shape.
    eps : float, optional
        Clipping margin; defaults to the machine epsilon of ``y_pred``'s dtype.

    Returns
    -------
    float
        The cost averaged over the ``m`` examples.

    Raises
    ------
    ValueError
        Shapes differ, values are not finite, or rows of ``y_pred`` are not distributions.
    """
    true, pred = _pair(y_true, y_pred)
    _check_labels_01(true)
    _check_distributions(pred)
    p = clip_probabilities(pred, eps)
    return float(-np.sum(true * np.log(p)) / _n_examples(pred))


def categorical_crossentropy_grad(y_true: object, y_pred: object, eps: float | None = None) -> np.ndarray:
    """Gradient of :func:`categorical_crossentropy` with respect to ``y_pred``: ``-y / ŷ / m``."""
    true, pred = _pair(y_true, y_pred)
    _check_labels_01(true)
    _check_distributions(pred)
    p = clip_probabilities(pred, eps)
    return (-true / p / _n_examples(pred)).astype(_dtype_of(pred))


def _sparse_to_one_hot(y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    labels = _as_array(y_true, "y_true")
    pred = _as_array(y_pred, "y_pred")
    if pred.ndim == 0:
        raise ValueError("Categorical predictions need one probability per class.")
    if labels.ndim == pred.ndim and labels.shape[-1:] == (1,):
        labels = labels[..., 0]  # Keras also accepts labels shaped (m, 1)
    if labels.shape != pred.shape[:-1]:
        raise ValueError(
            f"Sparse labels need one class index per example: got {labels.shape} for predictions {pred.shape}."
        )
    if labels.dtype.kind == "f":
        if np.any(labels != np.round(labels)):
            raise ValueError("Sparse labels must be whole class indices (0, 1, 2, ...).")
        labels = labels.astype(np.int64)
    n_classes = pred.shape[-1]
    if np.any(labels < 0) or np.any(labels >= n_classes):
        raise ValueError(f"Sparse labels must be class indices from 0 to {n_classes - 1}.")
    return np.eye(n_classes, dtype=np.float64)[labels], pred


def sparse_categorical_crossentropy(y_true: object, y_pred: object, eps: float | None = None) -> float:
    """Mean categorical cross-entropy with integer labels: ``-mean_i log ŷ_i[y_i]``.

    Parameters
    ----------
    y_true : array_like of int
        Class index of each example, shape ``(m,)`` (or ``(m, 1)``); a scalar for one example.
    y_pred : array_like
        Predicted class probabilities, shape ``(m, n_classes)``, rows summing to 1.
    eps : float, optional
        Clipping margin; defaults to the machine epsilon of ``y_pred``'s dtype.

    Returns
    -------
    float
        The cost averaged over the examples.
    """
    one_hot, pred = _sparse_to_one_hot(y_true, y_pred)
    return categorical_crossentropy(one_hot, pred, eps)


def sparse_categorical_crossentropy_grad(
    y_true: object, y_pred: object, eps: float | None = None
) -> np.ndarray:
    """Gradient of :func:`sparse_categorical_crossentropy` with respect to ``y_pred``."""
    one_hot, pred = _sparse_to_one_hot(y_true, y_pred)
    return categorical_crossentropy_grad(one_hot, pred, eps)


def mean_squared_error(y_true: object, y_pred: object) -> float:
    """Mean squared error ``mean[(ŷ - y)²]`` over every example and output.

    Raises
    ------
    ValueError
        Shapes differ or values are not finite.
    """
    true, pred = _pair(y_true, y_pred)
    residual = pred.astype(np.float64) - true
    return float(np.mean(residual * residual))


def mean_squared_error_grad(y_true: object, y_pred: object) -> np.ndarray:
    """Gradient of :func:`mean_squared_error` with respect to ``y_pred``: ``2 (ŷ - y) / N``."""
    true, pred = _pair(y_true, y_pred)
    residual = pred.astype(np.float64) - true
    return (2.0 * residual / residual.size).astype(_dtype_of(pred))


@dataclass(frozen=True)
class Loss:
    """A cost function paired with its gradient.

    Attributes
    ----------
    name : str
        Registry key, also the Keras name (``loss="binary_crossentropy"``).
    value : callable
        ``value(y_true, y_pred) -> float``, the mean over the examples.
    gradient : callable
        ``gradient(y_true, y_pred) -> d value / d y_pred``.
    """

    name: str
    value: Callable[..., float]
    gradient: Callable[..., np.ndarray]

    def __call__(self, y_true: object, y_pred: object) -> float:
        return self.value(y_true, y_pred)


#: Every loss by name (Keras' names). Read-only.
LOSSES: Mapping[str, Loss] = MappingProxyType(
    {
        "binary_crossentropy": Loss("binary_crossentropy", binary_crossentropy, binary_crossentropy_grad),
        "categorical_crossentropy": Loss(
            "categorical_crossentropy", categorical_crossentropy, categorical_crossentropy_grad
        ),
        "sparse_categorical_crossentropy": Loss(
            "sparse_categorical_crossentropy",
            sparse_categorical_crossentropy,
            sparse_categorical_crossentropy_grad,
        ),
        "mean_squared_error": Loss("mean_squared_error", mean_squared_error, mean_squared_error_grad),
    }
)


def get_loss(name: str) -> Loss:
    """Return the loss called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown loss {name!r}; choose one of: {', '.join(LOSSES)}.") from None
