"""Which output layer and loss fit which task, toy examples, and three common mistakes.

The last layer of a network decides what its numbers mean: one sigmoid unit gives the
probability of a yes/no answer, several sigmoid units give independent yes/no answers
(multilabel), a softmax layer gives one probability per class that sum to 1
(multiclass), and a unit without activation gives any real number (regression); a ReLU
unit gives a number that cannot be negative (bounded regression). The loss must match.

Everything here is NumPy; the Keras snippets are text for the student to copy
(the tests build them with Keras to be sure they run).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from rna_core.activations import ACTIVATIONS, softmax
from rna_core.losses import (
    binary_crossentropy,
    mean_squared_error,
    sparse_categorical_crossentropy,
)

__all__ = [
    "DoubleSoftmax",
    "NormalisationMismatch",
    "OUTPUT_LAYERS",
    "OutputExample",
    "OutputLayer",
    "SigmoidWithCategorical",
    "TASKS",
    "double_softmax",
    "get_output_layer",
    "keras_code",
    "normalisation_mismatch",
    "output_example",
    "sigmoid_with_categorical",
]


@dataclass(frozen=True)
class OutputLayer:
    """The recipe of an output layer for one kind of task.

    Attributes
    ----------
    task : str
        Registry key.
    activation : str
        Keras activation name of the last layer (``"linear"`` means none).
    loss : str
        Keras loss name to compile with.
    metric : str
        A Keras metric that suits the task.
    units : int
        Units of the toy example (in general: 1, one per label, one per class, or
        one per value to predict).
    labels : tuple of str
        Names (i18n suffixes) of the toy example's outputs.
    target : tuple of float
        The toy example's true answer (a class index for multiclass).
    """

    task: str
    activation: str
    loss: str
    metric: str
    units: int
    labels: tuple[str, ...]
    target: tuple[float, ...]


#: One recipe per task, in the order a page lists them.
OUTPUT_LAYERS: Mapping[str, OutputLayer] = MappingProxyType(
    {
        "binary": OutputLayer("binary", "sigmoid", "binary_crossentropy", "accuracy", 1, ("spam",), (1.0,)),
        "multilabel": OutputLayer(
            "multilabel", "sigmoid", "binary_crossentropy", "binary_accuracy", 3,
            ("beach", "sunset", "people"), (1.0, 1.0, 0.0),
        ),
        "multiclass": OutputLayer(
            "multiclass", "softmax", "sparse_categorical_crossentropy", "accuracy", 4,
            ("dog", "cat", "bird", "fish"), (1.0,),
        ),
        "regression": OutputLayer("regression", "linear", "mean_squared_error", "mae", 1, ("temperature",), (18.5,)),
        "bounded_regression": OutputLayer(
            "bounded_regression", "relu", "mean_squared_error", "mae", 1, ("rain",), (4.0,)
        ),
    }
)

#: Task names, in display order.
TASKS: tuple[str, ...] = tuple(OUTPUT_LAYERS)


def get_output_layer(task: str) -> OutputLayer:
    """Return the recipe for ``task``; ``ValueError`` listing the known tasks otherwise."""
    try:
        return OUTPUT_LAYERS[task]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown task {task!r}; choose one of: {', '.join(TASKS)}.") from None


def keras_code(task: str, units: int | None = None) -> str:
    """Keras code for the last layer and ``compile`` of a Sequential ``model``.

    Parameters
    ----------
    task : str
        Key of :data:`OUTPUT_LAYERS`.
    units : int, optional
        Output units; defaults to the toy example's. Binary classification always has 1.

    Returns
    -------
    str
        Python source, valid after ``from keras import layers`` and a ``model``.
    """
    layer = get_output_layer(task)
    units = layer.units if units is None else int(units)
    if units < 1:
        raise ValueError("The output layer needs at least one unit.")
    if task == "binary":
        units = 1
    activation = "" if layer.activation == "linear" else f', activation="{layer.activation}"'
    return (
        f"model.add(layers.Dense({units}{activation}))\n"
        "model.compile(\n"
        '    optimizer="adam",\n'
        f'    loss="{layer.loss}",\n'
        f'    metrics=["{layer.metric}"],\n'
        ")"
    )


@dataclass(frozen=True)
class OutputExample:
    """The toy example of a task evaluated on given raw outputs (logits).

    Attributes
    ----------
    logits : numpy.ndarray
        The last layer's weighted sums ``z``.
    outputs : numpy.ndarray
        What the layer outputs after its activation.
    target : numpy.ndarray
        The true answer (one-hot for multiclass, so it lines up with ``outputs``).
    loss : float
        The task's loss for this single example.
    """

    logits: np.ndarray
    outputs: np.ndarray
    target: np.ndarray
    loss: float


def output_example(task: str, logits: object) -> OutputExample:
    """Run the toy example of ``task`` on the last layer's weighted sums ``logits``.

    Parameters
    ----------
    task : str
        Key of :data:`OUTPUT_LAYERS`.
    logits : array_like
        One weighted sum per output unit of the toy example.

    Returns
    -------
    OutputExample
        Outputs after the activation, the true answer and the task's loss.

    Raises
    ------
    ValueError
        If ``logits`` does not have one finite number per output unit.
    """
    layer = get_output_layer(task)
    z = np.asarray(logits, dtype=float).reshape(-1)
    if z.size != layer.units or not np.all(np.isfinite(z)):
        raise ValueError(f"This example needs {layer.units} finite output value(s).")
    if layer.activation == "softmax":
        outputs = softmax(z)
        index = int(layer.target[0])
        target = np.eye(layer.units)[index]
        loss = sparse_categorical_crossentropy([index], outputs[None, :])
    else:
        outputs = ACTIVATIONS[layer.activation].function(z)
        target = np.array(layer.target)
        compute = binary_crossentropy if layer.loss == "binary_crossentropy" else mean_squared_error
        loss = compute(target, outputs)
    return OutputExample(z, outputs, target, float(loss))


@dataclass(frozen=True)
class DoubleSoftmax:
    """Mistake: a softmax output compiled with ``from_logits=True``.

    Attributes
    ----------
    probabilities : numpy.ndarray
        The model's softmax output.
    seen_by_loss : numpy.ndarray
        What the loss works with: softmax applied a second time.
    right_loss, wrong_loss : float
        Cross-entropy with ``from_logits=False`` (right) and ``True`` (wrong).
    floor : float
        The lowest loss the wrong setting can ever reach, even for a perfect answer.
    """

    probabilities: np.ndarray
    seen_by_loss: np.ndarray
    right_loss: float
    wrong_loss: float
    floor: float


def double_softmax(logits: object, label: int) -> DoubleSoftmax:
    """Numbers of the double-softmax mistake for one example of class ``label``.

    Parameters
    ----------
    logits : array_like
        The last layer's weighted sums, one per class.
    label : int
        Index of the true class.

    Returns
    -------
    DoubleSoftmax
        The model's probabilities, what a ``from_logits=True`` loss really uses, both
        losses, and the lowest loss the wrong setting can reach.
    """
    probabilities = softmax(logits)
    n = probabilities.size
    if not 0 <= int(label) < n:
        raise ValueError(f"The true class must be between 0 and {n - 1}.")
    seen = softmax(probabilities)
    right = sparse_categorical_crossentropy([int(label)], probabilities[None, :])
    wrong = sparse_categorical_crossentropy([int(label)], seen[None, :])
    floor = float(np.log(np.e + n - 1) - 1.0)  # -log(e / (e + n - 1)) for a one-hot answer
    return DoubleSoftmax(probabilities, seen, right, wrong, floor)


@dataclass(frozen=True)
class SigmoidWithCategorical:
    """Mistake: sigmoid outputs trained with categorical cross-entropy on one-of-N classes.

    Attributes
    ----------
    sigmoid_outputs : numpy.ndarray
        Independent sigmoid outputs: they need not sum to 1.
    total : float
        Their sum.
    formula_loss : float
        ``-log s[label]``, the formula applied to the raw outputs: it only looks at the
        true class, so saying "yes" to every class costs almost nothing.
    keras_loss : float
        What Keras' ``categorical_crossentropy`` reports: it silently rescales the
        outputs to sum to 1 first.
    softmax_outputs : numpy.ndarray
        The right layer's output for the same logits.
    softmax_loss : float
        The right loss.
    """

    sigmoid_outputs: np.ndarray
    total: float
    formula_loss: float
    keras_loss: float
    softmax_outputs: np.ndarray
    softmax_loss: float


def sigmoid_with_categorical(logits: object, label: int) -> SigmoidWithCategorical:
    """Numbers of the sigmoid + categorical cross-entropy mistake for one example.

    Parameters
    ----------
    logits : array_like
        The last layer's weighted sums, one per class (at least two).
    label : int
        Index of the true class.

    Returns
    -------
    SigmoidWithCategorical
        Sigmoid outputs and their sum, the loss by the raw formula and as Keras reports
        it (after rescaling), and the softmax outputs and loss for comparison.
    """
    z = np.asarray(logits, dtype=float).reshape(-1)
    if z.size < 2 or not np.all(np.isfinite(z)):
        raise ValueError("Give at least two finite logits.")
    if not 0 <= int(label) < z.size:
        raise ValueError(f"The true class must be between 0 and {z.size - 1}.")
    s = ACTIVATIONS["sigmoid"].function(z)
    total = float(s.sum())
    eps = np.finfo(float).eps
    formula = float(-np.log(np.clip(s[label], eps, 1 - eps)))
    keras_like = float(-np.log(np.clip(s[label] / total, eps, 1 - eps)))
    p = softmax(z)
    return SigmoidWithCategorical(s, total, formula, keras_like, p, float(-np.log(p[label])))


@dataclass(frozen=True)
class NormalisationMismatch:
    """Mistake: new inputs scaled differently from the training data.

    A tiny classifier (logistic regression on the mean brightness of an image: thin
    "1"s against round "0"s, pixel values 0–255) is trained on inputs divided by 255,
    then tested on new images divided by 255 (right) and by 32 (wrong).

    Attributes
    ----------
    train_range, right_range, wrong_range : tuple of float
        Smallest and largest input value the model sees in each case.
    right_accuracy, wrong_accuracy : float
        Accuracy on the same new images with each scaling.
    threshold : float
        Brightness (0–255) where the trained model switches class.
    wrong_share_zero : float
        Share of the new images the model calls a "0" when they are scaled wrongly.
    divisor : float
        The scale the new images were divided by.
    """

    train_range: tuple[float, float]
    right_range: tuple[float, float]
    wrong_range: tuple[float, float]
    right_accuracy: float
    wrong_accuracy: float
    threshold: float
    wrong_share_zero: float
    divisor: float = 255.0

    @property
    def effect(self) -> str:
        """How the new scale changes the images: ``"brighter"`` (divided by less than 255),
        ``"same"`` (by 255, like the training data) or ``"darker"`` (by more than 255)."""
        if self.divisor < 255.0:
            return "brighter"
        return "same" if self.divisor == 255.0 else "darker"


def _brightness_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, 2, n)  # 1 = a round "0" (more ink), 0 = a thin "1"
    brightness = np.where(labels == 1, rng.normal(95, 12, n), rng.normal(45, 12, n))
    return np.clip(brightness, 0, 255), labels.astype(float)


def normalisation_mismatch(divisor: float = 32.0, seed: int = 0) -> NormalisationMismatch:
    """Train on ``x / 255``, then predict new images scaled by ``/ 255`` and ``/ divisor``.

    Parameters
    ----------
    divisor : float
        The wrong scale applied to the new images (the course's text uses 32).
    seed : int
        Seed of the synthetic images.

    Returns
    -------
    NormalisationMismatch
        Input ranges and accuracies.
    """
    if not np.isfinite(divisor) or divisor <= 0:
        raise ValueError("The divisor must be a positive number.")
    rng = np.random.default_rng(seed)
    x_train, y_train = _brightness_data(rng, 300)
    x_new, y_new = _brightness_data(rng, 200)
    features = x_train / 255.0
    w, b = 0.0, 0.0
    for _ in range(400):  # full-batch gradient descent on binary cross-entropy
        p = ACTIVATIONS["sigmoid"].function(w * features + b)
        w -= 20.0 * float(np.mean((p - y_train) * features))
        b -= 20.0 * float(np.mean(p - y_train))

    def accuracy(x: np.ndarray) -> float:
        return float(np.mean(((w * x + b) > 0) == (y_new == 1)))

    right, wrong = x_new / 255.0, x_new / float(divisor)
    return NormalisationMismatch(
        (float(features.min()), float(features.max())),
        (float(right.min()), float(right.max())),
        (float(wrong.min()), float(wrong.max())),
        accuracy(right),
        accuracy(wrong),
        float(-b / w * 255.0),
        float(np.mean((w * wrong + b) > 0)),
        float(divisor),
    )
