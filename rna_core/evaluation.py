"""How well a trained MNIST network does: test metrics, confusion matrix, per-digit scores.

Everything but :func:`model_probabilities` is NumPy only: the page computes a model's class
probabilities once, then every number and chart comes from them. :func:`overfitting_epoch`
and :func:`first_epoch_reaching` read a run's learning curves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rna_core.models import NUM_CLASSES

if TYPE_CHECKING:  # pragma: no cover
    import keras


@dataclass(frozen=True)
class Evaluation:
    """How a trained model does on a labelled set.

    Attributes
    ----------
    loss : float
        Mean sparse categorical cross-entropy.
    accuracy : float
        Share of examples whose most probable class is the true one.
    precision : float
        Keras' ``Precision`` on one-hot labels (the course's metric): of all class
        probabilities above 0.5, the share that belong to the true class.
    confusion : np.ndarray
        (10, 10) counts; row = true digit, column = predicted digit.
    predicted : np.ndarray
        Predicted digit of each example.
    confidence : np.ndarray
        Probability the model gave its predicted digit.
    misclassified : np.ndarray
        Indices of the examples it got wrong, most confident mistakes first.
    """

    loss: float
    accuracy: float
    precision: float
    confusion: np.ndarray
    predicted: np.ndarray
    confidence: np.ndarray
    misclassified: np.ndarray

    def per_class(self) -> dict[str, np.ndarray]:
        """Per-digit precision, recall, F1 and support (see :func:`per_class_metrics`)."""
        return per_class_metrics(self.confusion)


#: Images scored per call of the model (a chunk of the test set).
SCORING_BATCH = 2048


def model_probabilities(model: keras.Model, x: np.ndarray, batch_size: int = SCORING_BATCH) -> np.ndarray:
    """Class probabilities of ``x`` (n, 10), computed in chunks without ``model.predict``.

    Calling the model directly is not capped by ``KERAS_MAX_STEPS_PER_EPOCH`` (which also
    limits ``predict``/``evaluate``), so every example is scored.
    """
    x = np.asarray(x, dtype=np.float32)
    if len(x) == 0:
        return np.zeros((0, NUM_CLASSES), dtype=np.float32)
    chunks = [np.asarray(model(x[i : i + batch_size], training=False)) for i in range(0, len(x), batch_size)]
    return np.concatenate(chunks).astype(np.float32)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int = NUM_CLASSES) -> np.ndarray:
    """Counts of (true, predicted) pairs: row = true class, column = predicted class.

    Raises
    ------
    ValueError
        If the arrays differ in length or hold labels outside ``0..n_classes-1``.
    """
    y_true = np.asarray(y_true).astype(np.int64).ravel()
    y_pred = np.asarray(y_pred).astype(np.int64).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"Got {len(y_true)} true labels but {len(y_pred)} predictions.")
    for name, values in (("true labels", y_true), ("predictions", y_pred)):
        if values.size and (values.min() < 0 or values.max() >= n_classes):
            raise ValueError(f"The {name} must be classes 0 to {n_classes - 1}.")
    return np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def per_class_metrics(confusion: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and support of each class from a confusion matrix.

    precision = correct predictions of a class / all predictions of it (column);
    recall = correct predictions of a class / all its true examples (row);
    F1 = their harmonic mean. A class never predicted (or absent) gets 0.

    Returns
    -------
    dict
        ``{"precision", "recall", "f1", "support"}`` arrays of length n_classes.
    """
    confusion = np.asarray(confusion, dtype=np.float64)
    if confusion.ndim != 2 or confusion.shape[0] != confusion.shape[1]:
        raise ValueError("A confusion matrix must be square.")
    correct = np.diag(confusion)
    predicted = confusion.sum(axis=0)
    actual = confusion.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, correct / predicted, 0.0)
        recall = np.where(actual > 0, correct / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return {"precision": precision, "recall": recall, "f1": f1, "support": actual.astype(np.int64)}


def evaluate_probabilities(probabilities: np.ndarray, y_true: np.ndarray) -> Evaluation:
    """Evaluate predicted probabilities (n, 10) against integer labels (NumPy only)."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    y_true = np.asarray(y_true).astype(np.int64).ravel()
    if probabilities.ndim != 2 or probabilities.shape[0] != len(y_true):
        raise ValueError("Need one row of class probabilities per label.")
    n = len(y_true)
    if n == 0:
        raise ValueError("There are no examples to evaluate.")
    n_classes = probabilities.shape[1]
    eps = np.finfo(np.float32).eps
    true_prob = np.clip(probabilities[np.arange(n), y_true], eps, 1 - eps)
    predicted = probabilities.argmax(axis=1)
    confidence = probabilities[np.arange(n), predicted]
    positives = probabilities > 0.5
    true_positives = positives[np.arange(n), y_true].sum()
    precision = float(true_positives / positives.sum()) if positives.any() else 0.0
    wrong = np.flatnonzero(predicted != y_true)
    wrong = wrong[np.argsort(-confidence[wrong], kind="stable")]
    return Evaluation(
        loss=float(-np.log(true_prob).mean()),
        accuracy=float((predicted == y_true).mean()),
        precision=precision,
        confusion=confusion_matrix(y_true, predicted, n_classes),
        predicted=predicted,
        confidence=confidence.astype(np.float32),
        misclassified=wrong,
    )


def evaluate(model: keras.Model, x: np.ndarray, y: np.ndarray) -> Evaluation:
    """Evaluate ``model`` on inputs ``x`` and integer labels ``y`` (every example is used)."""
    return evaluate_probabilities(model_probabilities(model, x), y)


def overfitting_epoch(epoch_logs: Sequence[Mapping[str, float]], patience: int = 2) -> int | None:
    """First epoch (1-based) at which overfitting shows, or ``None``.

    Overfitting shows when the validation loss has risen for ``patience`` epochs in a row
    while the training loss kept falling: the network memorises the training images
    instead of learning what generalises.
    """
    losses = [log.get("loss") for log in epoch_logs]
    val_losses = [log.get("val_loss") for log in epoch_logs]
    for end in range(patience, len(epoch_logs)):
        window = range(end - patience + 1, end + 1)
        if all(
            val_losses[i] is not None and val_losses[i - 1] is not None and val_losses[i] > val_losses[i - 1]
            and losses[i] is not None and losses[i - 1] is not None and losses[i] < losses[i - 1]
            for i in window
        ):
            return end + 1
    return None


def first_epoch_reaching(epoch_logs: Sequence[Mapping[str, float]], key: str, target: float) -> int | None:
    """First epoch (1-based) whose ``key`` (e.g. ``val_accuracy``) is at least ``target``."""
    for log in epoch_logs:
        if log.get(key, -math.inf) >= target:
            return int(log["epoch"])
    return None
