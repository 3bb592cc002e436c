"""Gradient flow in a deep network: which activations and initialisations keep gradients alive.

Backpropagation multiplies, layer after layer, by each layer's weights and by the slope of
its activation. Many factors below 1 make the gradient of the first layers tiny (the
*vanishing gradient*: those layers barely learn); many factors above 1 make it huge (the
*exploding gradient*: the steps overshoot). Sigmoid slopes are at most 0.25, so deep sigmoid
networks vanish; weights drawn with the right spread keep the product near 1: Glorot's for
tanh, He's for ReLU. Weights that all start equal (zeros) give every unit of a layer the same
gradient, so the units stay identical forever (the *symmetry* problem).

This module runs the same NumPy backpropagation as the small network of the page
(:mod:`rna_core.backprop.trace`) on a deep one: MNIST-sized random inputs (784 values in
[0, 1]), ``depth`` hidden layers of ``width`` units, 10 softmax outputs, categorical
cross-entropy, a few steps of gradient descent on one batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rna_core.backprop.network import Network, activate
from rna_core.backprop.trace import BackwardPass, backward, forward, update
from rna_core.blas import single_thread_blas

__all__ = [
    "DEPTH_ACTIVATIONS",
    "INITIALISATIONS",
    "DepthResult",
    "classify_flow",
    "flow_overview",
    "gradient_flow",
    "initial_network",
]

#: Hidden activations compared.
DEPTH_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu")
#: Weight initialisations compared (biases always start at 0).
INITIALISATIONS: tuple[str, ...] = ("zeros", "small", "glorot", "he", "large")
#: Depth and width limits of the experiment.
MIN_DEPTH, MAX_DEPTH = 2, 12
MIN_WIDTH, MAX_WIDTH = 4, 128
N_INPUTS, N_CLASSES, BATCH = 784, 10, 32
#: Examples whose first-hidden-layer outputs :class:`DepthResult` keeps (for the symmetry picture).
SHOWN_EXAMPLES = 8
#: Ratio of the first layer's gradient norm to the last layer's beyond which the flow is
#: called vanishing (below ``1 / FLOW_RATIO``) or exploding (above ``FLOW_RATIO``).
FLOW_RATIO = 100.0
#: First-layer gradient norms below this are vanishing, above the other exploding, whatever
#: the output layer gets.
VANISHING_NORM, EXPLODING_NORM = 1e-4, 1e3


def _weights(scheme: str, fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """One weight matrix drawn by ``scheme`` (Keras's formulas for Glorot uniform and He normal)."""
    shape = (fan_in, fan_out)
    if scheme == "zeros":
        return np.zeros(shape)
    if scheme == "small":
        return rng.normal(0.0, 0.01, shape)
    if scheme == "glorot":  # uniform in ±sqrt(6 / (fan_in + fan_out)): variance 2 / (fan_in + fan_out)
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, shape)
    if scheme == "he":  # normal with variance 2 / fan_in: ReLU halves the variance, this doubles it back
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)
    if scheme == "large":
        return rng.normal(0.0, 1.0, shape)
    raise ValueError(f"Unknown initialisation {scheme!r}; choose one of: {', '.join(INITIALISATIONS)}.")


def initial_network(activation: str, scheme: str, depth: int, width: int, seed: int = 0) -> Network:
    """The deep network at initialisation: ``784 -> width x depth -> 10`` (softmax, cross-entropy).

    Raises
    ------
    ValueError
        Unknown activation or initialisation, or depth/width out of range.
    """
    if activation not in DEPTH_ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}; choose one of: {', '.join(DEPTH_ACTIVATIONS)}.")
    if not (MIN_DEPTH <= depth <= MAX_DEPTH and MIN_WIDTH <= width <= MAX_WIDTH):
        raise ValueError(f"Use {MIN_DEPTH} to {MAX_DEPTH} hidden layers of {MIN_WIDTH} to {MAX_WIDTH} units.")
    rng = np.random.default_rng(seed)
    sizes = (N_INPUTS, *([width] * depth), N_CLASSES)
    weights = tuple(_weights(scheme, n_in, n_out, rng) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    biases = tuple(np.zeros(n) for n in sizes[1:])
    return Network(weights, biases, activation, "softmax", "categorical_crossentropy")


def batch(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A random MNIST-sized batch: 32 inputs of 784 values in [0, 1] and one-hot labels of 10 classes."""
    rng = np.random.default_rng(seed + 1)
    x = rng.uniform(0.0, 1.0, (BATCH, N_INPUTS))
    y = np.eye(N_CLASSES)[rng.integers(0, N_CLASSES, BATCH)]
    return x, y


def classify_flow(norms: np.ndarray) -> str:
    """Name the flow from gradient norms per layer (input side first, the output layer last).

    ``"none"`` when the hidden layers get no gradient at all; ``"exploding"`` when a norm
    is not finite, or the first layer's is above :data:`EXPLODING_NORM` or ``FLOW_RATIO``
    times the output layer's; ``"vanishing"`` when the first layer's is below
    :data:`VANISHING_NORM` or ``FLOW_RATIO`` times smaller than the output layer's; else
    ``"healthy"``.
    """
    norms = np.asarray(norms, dtype=np.float64)
    if not np.all(np.isfinite(norms)):
        return "exploding"
    if np.all(norms[:-1] == 0):
        return "none"
    first, last = norms[0], norms[-1]
    if first > EXPLODING_NORM or first > FLOW_RATIO * last:
        return "exploding"
    if first < VANISHING_NORM or first * FLOW_RATIO < last:
        return "vanishing"
    return "healthy"


def distinct_units(weights: np.ndarray) -> int:
    """How many different units a layer has: distinct columns of its weight matrix."""
    scale = max(float(np.max(np.abs(weights))), 1e-300)
    return len({column.tobytes() for column in np.round(weights / scale, 9).T + 0.0})  # + 0.0: -0.0 is 0.0


@dataclass(frozen=True)
class DepthResult:
    """Gradient norms per layer at initialisation and after training, and what they mean.

    Attributes
    ----------
    norms : pandas.DataFrame
        ``layer`` (1 = first hidden layer, last = output), ``moment`` (``"start"`` or
        ``"after"``) and ``norm`` (Frobenius norm of ``dL/dW`` of that layer).
    flow_start, flow_after : str
        :func:`classify_flow` of the norms at the start and after training.
    distinct : tuple of int
        Distinct units of each hidden layer after training (``width`` unless symmetric).
    losses : tuple of float
        The batch's loss before each step and after the last (``steps + 1`` values; fewer
        if the numbers stopped being finite).
    units : pandas.DataFrame
        What the first hidden layer's units output after training for the first
        :data:`SHOWN_EXAMPLES` examples: ``example``, ``unit`` (1-based), ``output``. With
        zero initialisation every unit outputs the same for each example.
    """

    norms: pd.DataFrame
    flow_start: str
    flow_after: str
    distinct: tuple[int, ...]
    losses: tuple[float, ...]
    units: pd.DataFrame

    @property
    def symmetric(self) -> bool:
        """Every hidden layer still has all its units equal (what zero initialisation gives)."""
        return all(count == 1 for count in self.distinct)


def _norms(gradients: BackwardPass) -> np.ndarray:
    return np.array([np.linalg.norm(g) for g in gradients.weight_gradients])


def _train(network: Network, x: np.ndarray, y: np.ndarray, steps: int, learning_rate: float
           ) -> tuple[np.ndarray, np.ndarray, list[float], Network]:
    """Norms at the start and after ``steps`` steps, the losses on the way, the final network."""
    with np.errstate(all="ignore"):
        passed = forward(network, x, y)
        gradients = backward(network, passed, y)
        start = after = _norms(gradients)
        losses = [passed.loss]
        for _ in range(steps):
            try:
                network = update(network, gradients, learning_rate)
                passed = forward(network, x, y)
                gradients = backward(network, passed, y)
            except ValueError:  # the numbers stopped being finite: the step exploded
                return start, np.full_like(start, np.inf), losses, network
            after = _norms(gradients)
            losses.append(passed.loss)
    return start, after, losses, network


def gradient_flow(activation: str, scheme: str, depth: int = 8, width: int = 32, steps: int = 10,
                  learning_rate: float = 0.1, seed: int = 0) -> DepthResult:
    """Gradient norm per layer of a deep network, at initialisation and after ``steps`` steps.

    Parameters
    ----------
    activation : str
        Hidden activation, one of :data:`DEPTH_ACTIVATIONS`.
    scheme : str
        Weight initialisation, one of :data:`INITIALISATIONS`.
    depth, width : int
        Hidden layers and units per hidden layer.
    steps : int
        Gradient-descent steps on the batch (0 or more).
    learning_rate : float
        Their step size.
    seed : int
        Seed of the weights and of the batch.

    Returns
    -------
    DepthResult
    """
    network = initial_network(activation, scheme, depth, width, seed)
    x, y = batch(seed)
    with single_thread_blas():
        start, after, losses, network = _train(network, x, y, steps, learning_rate)
    rows = [{"layer": layer, "moment": moment, "norm": float(norm)}
            for moment, norms in (("start", start), ("after", after)) for layer, norm in enumerate(norms, start=1)]
    distinct = tuple(distinct_units(w) for w in network.weights[:-1])
    with np.errstate(all="ignore"):
        outputs = activate(activation, x[:SHOWN_EXAMPLES] @ network.weights[0] + network.biases[0])
    units = pd.DataFrame({"example": np.repeat(np.arange(1, SHOWN_EXAMPLES + 1), width),
                          "unit": np.tile(np.arange(1, width + 1), SHOWN_EXAMPLES), "output": outputs.ravel()})
    return DepthResult(pd.DataFrame(rows), classify_flow(start), classify_flow(after), distinct, tuple(losses), units)


def flow_overview(depth: int = 8, width: int = 32, seed: int = 0) -> pd.DataFrame:
    """How the gradient flows at initialisation for every activation and initialisation.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``activation``, ``init``, ``flow`` (:func:`classify_flow`) and
        ``ratio`` (the first layer's gradient norm over the output layer's).
    """
    x, y = batch(seed)
    rows = []
    with single_thread_blas():
        for activation in DEPTH_ACTIVATIONS:
            for scheme in INITIALISATIONS:
                start = _train(initial_network(activation, scheme, depth, width, seed), x, y, 0, 1.0)[0]
                ratio = float(start[0] / start[-1]) if start[-1] > 0 else float("nan")
                rows.append({"activation": activation, "init": scheme, "flow": classify_flow(start), "ratio": ratio})
    return pd.DataFrame(rows)
