"""Backpropagation with every number kept: forward pass, error terms, gradients, update.

The forward pass applies each layer's aggregation function and activation::

    z[l] = a[l-1] @ W[l] + b[l]        a[l] = f(z[l])        (a[0] = x)

The backward pass is the chain rule, layer by layer from the output. The error term
``delta[l] = dL/dz[l]`` of a unit says how much the loss changes when the unit's weighted
sum changes::

    delta[L] = dL/da[L] * f'(z[L])                       (output layer)
    delta[l] = (delta[l+1] @ W[l+1].T) * f'(z[l])        (hidden layers)
    dL/dW[l] = a[l-1].T @ delta[l]      dL/db[l] = sum of delta[l] over the examples

With softmax outputs and categorical cross-entropy the output term is ``(p - y) / m``
directly (the softmax Jacobian and the loss's ``-y/p`` cancel). Gradient descent then
moves every parameter against its gradient: ``w <- w - learning_rate * dL/dw``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rna_core.backprop.network import Network, activate, activation_slope
from rna_core.losses import LOSSES

__all__ = [
    "STAGES",
    "BackwardPass",
    "ForwardPass",
    "StepTrace",
    "backward",
    "forward",
    "loss_of",
    "numerical_gradients",
    "stage_at",
    "train_steps",
    "update",
]

#: What the page shows in order for each step of training; a replay position ``p > 0`` is
#: stage ``STAGES[(p - 1) % 3]`` of step ``(p - 1) // 3``.
STAGES: tuple[str, ...] = ("forward", "backward", "update")


@dataclass(frozen=True, eq=False)
class ForwardPass:
    """Every number of a forward pass: ``z[l]`` and ``a[l]`` per layer (``a[0]`` is the input)."""

    z: tuple[np.ndarray, ...]  # one entry per layer with weights: z[0] belongs to layer 1
    a: tuple[np.ndarray, ...]  # a[0] = x, a[l] = f(z[l-1]) for layer l
    loss: float

    @property
    def output(self) -> np.ndarray:
        """The prediction ``ŷ`` (the last layer's outputs)."""
        return self.a[-1]


@dataclass(frozen=True, eq=False)
class BackwardPass:
    """Every number of a backward pass, one entry per layer (input side first).

    ``loss_slope`` is ``dL/dŷ`` (from the loss alone); ``slopes[l]`` is ``f'(z[l])``.
    """

    loss_slope: np.ndarray
    slopes: tuple[np.ndarray, ...]
    deltas: tuple[np.ndarray, ...]
    weight_gradients: tuple[np.ndarray, ...]
    bias_gradients: tuple[np.ndarray, ...]


@dataclass(frozen=True, eq=False)
class StepTrace:
    """One step of gradient descent on one batch, with everything computed on the way."""

    network: Network  # the weights the step starts from
    x: np.ndarray
    y: np.ndarray
    forward: ForwardPass
    backward: BackwardPass
    learning_rate: float
    updated: Network  # the weights after the step
    loss_after: float  # the loss of the same batch with the new weights


def _check_batch(network: Network, x: object, y: object | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    inputs = np.array(x, dtype=np.float64, ndmin=2)
    if inputs.shape[1] != network.layer_sizes[0]:
        raise ValueError(f"The network takes {network.layer_sizes[0]} inputs, got {inputs.shape[1]}.")
    if y is None:
        return inputs, None
    targets = np.array(y, dtype=np.float64, ndmin=2)
    if targets.shape != (inputs.shape[0], network.layer_sizes[-1]):
        raise ValueError(f"Expected targets shaped {(inputs.shape[0], network.layer_sizes[-1])}, got {targets.shape}.")
    return inputs, targets


def loss_of(network: Network, output: np.ndarray, y: np.ndarray) -> float:
    """The loss (mean over the batch) of predictions ``output`` for targets ``y``."""
    return LOSSES[network.loss].value(y, output)


def forward(network: Network, x: object, y: object) -> ForwardPass:
    """Forward pass of a batch ``x`` (shape ``(m, n_inputs)``) and its loss against ``y``.

    Parameters
    ----------
    network : Network
        Weights, biases, activations and loss.
    x : array_like
        Inputs, one row per example (a 1-D array is one example).
    y : array_like
        Targets, shape ``(m, n_outputs)``.

    Returns
    -------
    ForwardPass
        ``z`` and ``a`` of every layer and the loss.
    """
    inputs, targets = _check_batch(network, x, y)
    zs, activations = [], [inputs]
    for layer, (w, b) in enumerate(zip(network.weights, network.biases, strict=True), start=1):
        z = activations[-1] @ w + b  # the aggregation function of every unit of the layer
        zs.append(z)
        activations.append(activate(network.activation_of(layer), z))
    return ForwardPass(tuple(zs), tuple(activations), loss_of(network, activations[-1], targets))


def backward(network: Network, passed: ForwardPass, y: object) -> BackwardPass:
    """Backward pass: the error term of every unit and the gradient of every parameter.

    Parameters
    ----------
    network : Network
        The network ``passed`` was computed with.
    passed : ForwardPass
        Its forward pass on a batch.
    y : array_like
        The batch's targets.

    Returns
    -------
    BackwardPass
        ``dL/dŷ``, ``f'(z)``, ``delta`` and the gradients of the weights and biases.
    """
    _, targets = _check_batch(network, passed.a[0], y)
    output = passed.output
    depth = network.depth
    slopes: list[np.ndarray] = [np.ones(0)] * depth
    deltas: list[np.ndarray] = [np.ones(0)] * depth
    if network.output_activation == "softmax":  # with cross-entropy: p - y, the Jacobian cancels
        loss_slope = LOSSES[network.loss].gradient(targets, output)
        slopes[-1] = np.ones_like(output)
        deltas[-1] = (output - targets) / output.shape[0]
    else:
        loss_slope = LOSSES[network.loss].gradient(targets, output)  # dL/dŷ
        slopes[-1] = activation_slope(network.output_activation, passed.z[-1])  # dŷ/dz
        deltas[-1] = loss_slope * slopes[-1]  # chain rule: dL/dz = dL/dŷ · dŷ/dz
    for index in range(depth - 2, -1, -1):  # hidden layers, from the output back to the input
        slopes[index] = activation_slope(network.hidden_activation, passed.z[index])
        deltas[index] = (deltas[index + 1] @ network.weights[index + 1].T) * slopes[index]
    weight_gradients = tuple(passed.a[index].T @ deltas[index] for index in range(depth))  # dL/dw = a · delta
    bias_gradients = tuple(delta.sum(axis=0) for delta in deltas)
    return BackwardPass(np.asarray(loss_slope), tuple(slopes), tuple(deltas), weight_gradients, bias_gradients)


def update(network: Network, gradients: BackwardPass, learning_rate: float) -> Network:
    """One step of gradient descent: ``w <- w - learning_rate * dL/dw`` for every parameter."""
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError("The learning rate must be a positive number.")
    weights = tuple(w - learning_rate * g for w, g in zip(network.weights, gradients.weight_gradients, strict=True))
    biases = tuple(b - learning_rate * g for b, g in zip(network.biases, gradients.bias_gradients, strict=True))
    return network.with_parameters(weights, biases)


def train_steps(network: Network, x: object, y: object, learning_rate: float, steps: int) -> list[StepTrace]:
    """``steps`` steps of gradient descent on one batch, each with its whole trace.

    Parameters
    ----------
    network : Network
        Starting weights.
    x, y : array_like
        The batch (one example on the page).
    learning_rate : float
        ``η > 0``.
    steps : int
        How many steps, 1 or more.

    Returns
    -------
    list of StepTrace
        Step ``k`` starts from the weights step ``k - 1`` ended with.
    """
    if steps < 1:
        raise ValueError("Train at least one step.")
    traces = []
    for _ in range(steps):
        passed = forward(network, x, y)
        gradients = backward(network, passed, y)
        updated = update(network, gradients, learning_rate)
        after = forward(updated, x, y).loss
        traces.append(StepTrace(network, passed.a[0], np.array(y, dtype=np.float64, ndmin=2), passed, gradients,
                                float(learning_rate), updated, after))
        network = updated
    return traces


def stage_at(position: int) -> tuple[int, str | None]:
    """The step and stage a replay position shows: ``0 -> (0, None)``, ``1 -> (0, "forward")``, ..."""
    if position <= 0:
        return 0, None
    return (position - 1) // len(STAGES), STAGES[(position - 1) % len(STAGES)]


def numerical_gradients(network: Network, x: object, y: object, h: float = 1e-6) -> tuple[
        tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Gradients estimated by central finite differences, ``(L(w + h) - L(w - h)) / 2h``.

    No chain rule at all: each parameter is nudged both ways and the loss recomputed. It
    is slow (two forward passes per parameter) but a independent check of :func:`backward`.

    Returns
    -------
    (tuple of numpy.ndarray, tuple of numpy.ndarray)
        Estimates shaped like the weights and like the biases.
    """
    def nudged_loss(kind: str, layer: int, index: tuple[int, ...], delta: float) -> float:
        weights = [w.copy() for w in network.weights]
        biases = [b.copy() for b in network.biases]
        (weights if kind == "w" else biases)[layer][index] += delta
        return forward(network.with_parameters(tuple(weights), tuple(biases)), x, y).loss

    estimates = {"w": [np.zeros_like(w) for w in network.weights], "b": [np.zeros_like(b) for b in network.biases]}
    for kind, layer, index, _ in network.parameters():
        estimates[kind][layer - 1][index] = (nudged_loss(kind, layer - 1, index, h)
                                             - nudged_loss(kind, layer - 1, index, -h)) / (2 * h)
    return tuple(estimates["w"]), tuple(estimates["b"])
