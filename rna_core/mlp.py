"""A tiny multilayer perceptron in NumPy, trained by backpropagation (for XOR and 2-D toys).

The network has ``n`` inputs, one hidden layer of ``h`` units with a smooth activation
(sigmoid, tanh or ReLU) and one sigmoid output read as ``P(y = 1 | x)``::

    z1 = x W1 + b1      a1 = f(z1)          (hidden layer)
    z2 = a1 W2 + b2     p  = sigmoid(z2)    (output)

It minimises the mean binary cross-entropy with full-batch gradient descent. The
gradients are written out by hand (backpropagation: the chain rule applied layer by
layer, from the output back to the inputs) and checked against finite differences in
the tests. Activations come from :mod:`rna_core.activations`, the cost from
:mod:`rna_core.losses`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rna_core.activations import ACTIVATIONS, sigmoid
from rna_core.losses import binary_crossentropy, clip_probabilities
from rna_core.neurons.perceptron import _check_epochs, _check_learning_rate
from rna_core.neurons.truth_tables import NeuronInputError, _not_binary

__all__ = [
    "MAX_HIDDEN_UNITS",
    "MAX_MLP_EPOCHS",
    "MIN_HIDDEN_UNITS",
    "MLP",
    "MLP_ACTIVATIONS",
    "MLPConfig",
    "MLPTraining",
    "decision_grid",
    "train_mlp",
]

#: Hidden activations the MLP offers (keys of :data:`rna_core.activations.ACTIVATIONS`).
MLP_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu")
#: Range of hidden units.
MIN_HIDDEN_UNITS, MAX_HIDDEN_UNITS = 2, 8
#: Largest epoch budget accepted by :func:`train_mlp`.
MAX_MLP_EPOCHS = 10_000


@dataclass(frozen=True)
class MLPConfig:
    """Hyperparameters of the XOR network (frozen, validated, hashable).

    Attributes
    ----------
    hidden_units : int
        Units in the hidden layer, 2 to 8.
    activation : str
        Hidden activation, one of :data:`MLP_ACTIVATIONS`.
    learning_rate : float
        Gradient-descent step ``η > 0``.
    epochs : int
        Full-batch updates, 1 to :data:`MAX_MLP_EPOCHS`.
    seed : int
        Seed of the initial weights.
    """

    hidden_units: int = 4  # 2 is the minimum for XOR; more units learn more easily
    activation: str = "tanh"  # zero-centred, so it learns faster than the sigmoid here
    learning_rate: float = 0.5  # full batch on 4 points tolerates a large step
    epochs: int = 1000  # enough for 100 % on XOR with the defaults
    seed: int = 0  # same seed, same initial weights, same result

    def __post_init__(self) -> None:
        units = self.hidden_units
        if isinstance(units, bool) or not isinstance(units, (int, np.integer)) \
                or not MIN_HIDDEN_UNITS <= units <= MAX_HIDDEN_UNITS:
            raise NeuronInputError(
                f"The hidden layer has {MIN_HIDDEN_UNITS} to {MAX_HIDDEN_UNITS} units, not {units}.",
                "neurons.error_hidden_units", value=units, min=MIN_HIDDEN_UNITS, max=MAX_HIDDEN_UNITS,
            )
        if self.activation not in MLP_ACTIVATIONS:
            raise NeuronInputError(
                f"The hidden activation is one of {', '.join(MLP_ACTIVATIONS)}.", "neurons.error_activation"
            )
        object.__setattr__(self, "learning_rate", _check_learning_rate(self.learning_rate))
        object.__setattr__(self, "epochs", _check_epochs(self.epochs, MAX_MLP_EPOCHS))
        object.__setattr__(self, "hidden_units", int(units))
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)) or self.seed < 0:
            raise ValueError(f"The seed must be a whole number, 0 or more, not {self.seed!r}.")
        object.__setattr__(self, "seed", int(self.seed))


class MLP:
    """``n`` inputs → ``h`` hidden units → 1 sigmoid output.

    Parameters
    ----------
    w1 : numpy.ndarray
        Input-to-hidden weights, shape ``(n, h)``.
    b1 : numpy.ndarray
        Hidden biases, shape ``(h,)``.
    w2 : numpy.ndarray
        Hidden-to-output weights, shape ``(h, 1)``.
    b2 : numpy.ndarray
        Output bias, shape ``(1,)``.
    activation : str
        Hidden activation, one of :data:`MLP_ACTIVATIONS`.
    """

    def __init__(self, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray, activation: str) -> None:
        self.w1, self.b1 = np.array(w1, dtype=float), np.array(b1, dtype=float)
        self.w2, self.b2 = np.array(w2, dtype=float), np.array(b2, dtype=float)
        if activation not in MLP_ACTIVATIONS:
            raise ValueError(f"The hidden activation is one of {', '.join(MLP_ACTIVATIONS)}.")
        self.activation = activation

    @classmethod
    def initialise(cls, n_inputs: int, hidden_units: int, activation: str, seed: int = 0) -> MLP:
        """Glorot-uniform weights (Keras' default for ``Dense``) and zero biases, seeded."""
        rng = np.random.default_rng(seed)

        def glorot(fan_in: int, fan_out: int) -> np.ndarray:
            limit = math.sqrt(6.0 / (fan_in + fan_out))
            return rng.uniform(-limit, limit, size=(fan_in, fan_out))

        return cls(glorot(n_inputs, hidden_units), np.zeros(hidden_units), glorot(hidden_units, 1), np.zeros(1),
                   activation)

    def parameters(self) -> dict[str, np.ndarray]:
        """The learnable arrays by name (the same objects the network uses)."""
        return {"w1": self.w1, "b1": self.b1, "w2": self.w2, "b2": self.b2}

    def forward(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Run the network, keeping every intermediate value backpropagation needs.

        Returns
        -------
        dict
            ``x, z1, a1, z2`` and ``p`` (the output probabilities, shape ``(m,)``).
        """
        x = np.asarray(x, dtype=float)
        z1 = x @ self.w1 + self.b1  # each hidden unit's weighted sum
        a1 = ACTIVATIONS[self.activation](z1)  # ... through its activation
        z2 = a1 @ self.w2 + self.b2  # the output unit's weighted sum, shape (m, 1)
        return {"x": x, "z1": z1, "a1": a1, "z2": z2, "p": sigmoid(z2)[:, 0]}

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Probability of class 1 for each row of ``x``."""
        return self.forward(x)["p"]

    def loss(self, x: np.ndarray, y: np.ndarray) -> float:
        """Mean binary cross-entropy of the predictions on ``x`` against labels ``y``."""
        return binary_crossentropy(np.asarray(y, dtype=float), self(x))

    def gradients(self, x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
        """Backpropagation: the gradient of :meth:`loss` with respect to every parameter.

        Returns
        -------
        dict
            ``w1, b1, w2, b2`` -> array of the parameter's shape.
        """
        return self.backward(self.forward(x), y)

    def backward(self, cache: dict[str, np.ndarray], y: np.ndarray) -> dict[str, np.ndarray]:
        """The gradients of :meth:`gradients` from a :meth:`forward` cache (no second forward pass)."""
        y = np.asarray(y, dtype=float)
        m = len(y)
        # Output: for a sigmoid unit under cross-entropy, dL/dz2 = (p - y) / m
        # (dL/dp = (p - y) / (p (1 - p) m) times dp/dz2 = p (1 - p): the two cancel).
        delta2 = ((cache["p"] - y) / m)[:, None]
        grad_w2 = cache["a1"].T @ delta2  # each weight: its input times the error signal
        grad_b2 = delta2.sum(axis=0)
        # Hidden layer: the error signal flows back through W2, scaled by each unit's slope f'(z1).
        delta1 = (delta2 @ self.w2.T) * ACTIVATIONS[self.activation].derivative(cache["z1"])
        grad_w1 = cache["x"].T @ delta1
        grad_b1 = delta1.sum(axis=0)
        return {"w1": grad_w1, "b1": grad_b1, "w2": grad_w2, "b2": grad_b2}

    def __repr__(self) -> str:
        return f"MLP({self.w1.shape[0]} → {self.w1.shape[1]} {self.activation} → 1 sigmoid)"


@dataclass(frozen=True)
class MLPTraining:
    """The result of :func:`train_mlp`.

    Attributes
    ----------
    model : MLP
        The trained network.
    losses : numpy.ndarray
        Cost before each update (``epochs`` values) and after the last (one more).
    accuracies : numpy.ndarray
        Accuracy (predictions thresholded at 0.5) at the same moments.
    config : MLPConfig
        The hyperparameters used.
    """

    model: MLP
    losses: np.ndarray
    accuracies: np.ndarray
    config: MLPConfig

    @property
    def final_accuracy(self) -> float:
        """Accuracy after the last update, between 0 and 1."""
        return float(self.accuracies[-1])

    def history_frame(self) -> pd.DataFrame:
        """Columns ``epoch`` (0 = before training), ``loss``, ``accuracy``."""
        return pd.DataFrame(
            {"epoch": np.arange(len(self.losses)), "loss": self.losses, "accuracy": self.accuracies}
        )


def train_mlp(
    inputs: np.ndarray,
    targets: np.ndarray,
    config: MLPConfig = MLPConfig(),
    progress: Callable[[int, float], None] | None = None,
    report_every: int = 100,
) -> MLPTraining:
    """Train an :class:`MLP` by full-batch gradient descent: ``θ ← θ − η ∂L/∂θ``.

    Parameters
    ----------
    inputs : numpy.ndarray
        Shape ``(m, n)``.
    targets : numpy.ndarray
        Shape ``(m,)``, labels 0 or 1.
    config : MLPConfig
        Hyperparameters (hidden units, activation, η, epochs, seed).
    progress : callable, optional
        ``progress(epoch, loss)`` called every ``report_every`` epochs and at the end
        (for a progress bar); it must not raise.
    report_every : int
        How often ``progress`` is called.

    Returns
    -------
    MLPTraining
    """
    x = np.asarray(inputs, dtype=float)
    y = np.asarray(targets, dtype=float)
    if x.ndim != 2 or y.shape != (len(x),) or len(x) == 0:
        raise ValueError("The inputs must be a table with one row per label.")
    bad = np.flatnonzero(~np.isin(y, (0.0, 1.0)))
    if bad.size:
        raise _not_binary(int(bad[0]) + 1, y[bad[0]].item())
    model = MLP.initialise(x.shape[1], config.hidden_units, config.activation, config.seed)
    predictions = np.empty((config.epochs + 1, len(y)))  # the outputs before each update and after the last
    params = model.parameters()
    for epoch in range(config.epochs + 1):
        cache = model.forward(x)
        predictions[epoch] = cache["p"]
        if epoch == config.epochs:
            break
        for name, gradient in model.backward(cache, y).items():
            params[name] -= config.learning_rate * gradient  # in place: the model's own arrays
        if progress is not None and (epoch + 1) % report_every == 0:
            progress(epoch + 1, binary_crossentropy(y, cache["p"]))
    losses = _crossentropy_per_row(y, predictions)
    if progress is not None:
        progress(config.epochs, float(losses[-1]))
    accuracies = np.mean((predictions >= 0.5) == (y == 1), axis=1)
    return MLPTraining(model, losses, accuracies, config)


def _crossentropy_per_row(y: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """:func:`rna_core.losses.binary_crossentropy` of each row of ``predictions`` at once (same clipping)."""
    p = clip_probabilities(predictions)
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p), axis=1)


def decision_grid(model: MLP, resolution: int = 41, low: float = -0.25, high: float = 1.25) -> pd.DataFrame:
    """The model's output over a square grid of the input plane, for a heatmap.

    Parameters
    ----------
    model : MLP
        A network with 2 inputs.
    resolution : int
        Points per side (``resolution**2`` in all).
    low, high : float
        Range of both inputs.

    Returns
    -------
    pandas.DataFrame
        Columns ``x1, x2, p`` (``p``: probability of class 1), plus ``width`` (cell size).
    """
    if model.w1.shape[0] != 2:
        raise ValueError("A decision map needs a network with exactly 2 inputs.")
    if resolution < 2 or not low < high:
        raise ValueError("The grid needs at least 2 points per side and low < high.")
    axis = np.linspace(low, high, resolution)
    x1, x2 = np.meshgrid(axis, axis)
    points = np.column_stack([x1.ravel(), x2.ravel()])
    return pd.DataFrame({"x1": points[:, 0], "x2": points[:, 1], "p": model(points),
                         "width": (high - low) / (resolution - 1)})
