"""A small fully connected network whose every number can be shown: its layers and their checks.

Layer ``l`` has a weight matrix ``W[l]`` of shape ``(units before, units of l)`` (the layout
of a Keras ``Dense`` kernel: ``W[l][i, j]`` joins unit ``i`` of the layer before to unit
``j``) and a bias vector ``b[l]``. Its aggregation function is ``z = a_prev @ W + b`` and
its output ``a = f(z)``. Hidden layers share one activation; the output layer has its own,
paired with the loss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rna_core.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, softmax
from rna_core.errors import LocalizedError
from rna_core.losses import LOSSES
from rna_core.number_lists import NumberListError, parse_numbers

__all__ = [
    "DEFAULT_BIASES",
    "DEFAULT_INPUTS",
    "DEFAULT_TARGET",
    "DEFAULT_WEIGHTS",
    "HIDDEN_ACTIVATIONS",
    "MAX_ABS_VALUE",
    "OUTPUT_PAIRS",
    "BackpropInputError",
    "Network",
    "HIDDEN_UNITS",
    "activate",
    "activation_slope",
    "default_parameters",
    "parse_example",
    "parse_network",
]

#: Output activation and loss pairs offered, by name: ``name -> (activation, loss)``.
OUTPUT_PAIRS: dict[str, tuple[str, str]] = {
    "sigmoid_bce": ("sigmoid", "binary_crossentropy"),
    "sigmoid_mse": ("sigmoid", "mean_squared_error"),
    "linear_mse": ("linear", "mean_squared_error"),
    "tanh_mse": ("tanh", "mean_squared_error"),
}
#: Largest absolute value of an editable number (inputs, target, weights, biases).
MAX_ABS_VALUE = 10.0

#: The default example: one row of XOR, ``(1, 1) -> 0``, where both inputs are non-zero.
DEFAULT_INPUTS: tuple[float, ...] = (1.0, 1.0)
DEFAULT_TARGET = 0.0
#: Starting numbers of the first four hidden units: ``(w from x1, w from x2, bias, w to the output)``.
_UNIT_DEFAULTS: tuple[tuple[float, float, float, float], ...] = (
    (0.5, 0.3, 0.1, 0.7), (-0.4, 0.8, -0.2, -0.6), (0.2, -0.6, 0.05, 0.4), (-0.7, 0.4, 0.15, -0.3),
)
_OUTPUT_BIAS = 0.05
#: Hidden units the page offers (one hidden layer).
HIDDEN_UNITS: tuple[int, ...] = tuple(range(1, len(_UNIT_DEFAULTS) + 1))


def default_parameters(hidden_units: int) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Starting weights and biases of a 2-``hidden_units``-1 network (the first units of a fixed table).

    Returns
    -------
    (tuple of numpy.ndarray, tuple of numpy.ndarray)
        ``(W1, W2)`` in Keras's layout and ``(b1, b2)``.
    """
    if hidden_units not in HIDDEN_UNITS:
        raise ValueError(f"Choose 1 to {len(_UNIT_DEFAULTS)} hidden units.")
    units = np.array(_UNIT_DEFAULTS[:hidden_units])
    return (units[:, :2].T.copy(), units[:, 3:4].copy()), (units[:, 2].copy(), np.array([_OUTPUT_BIAS]))


#: Default weights of the 2-2-1 network, row ``i`` = input ``i`` (Keras's kernel layout).
DEFAULT_WEIGHTS: tuple[tuple[tuple[float, ...], ...], ...] = (
    ((0.5, -0.4), (0.3, 0.8)),
    ((0.7,), (-0.6,)),
)
DEFAULT_BIASES: tuple[tuple[float, ...], ...] = ((0.1, -0.2), (0.05,))


class BackpropInputError(LocalizedError):
    """A value typed for the network cannot be used; ``key`` names the sentence to show."""


def activate(name: str, z: np.ndarray) -> np.ndarray:
    """``f(z)`` for an activation of the registry, or softmax along the last axis."""
    if name == "softmax":
        return softmax(z)
    return ACTIVATIONS[name].function(z)


def activation_slope(name: str, z: np.ndarray) -> np.ndarray:
    """``f'(z)`` element by element (softmax has a Jacobian instead: never asked here)."""
    return ACTIVATIONS[name].derivative(z)


@dataclass(frozen=True, eq=False)
class Network:
    """A fully connected network: weights, biases, activations and the loss it is trained on.

    Attributes
    ----------
    weights : tuple of numpy.ndarray
        ``W[l]`` of shape ``(n_{l-1}, n_l)`` for each layer, input side first.
    biases : tuple of numpy.ndarray
        ``b[l]`` of shape ``(n_l,)``.
    hidden_activation : str
        Activation of every hidden layer (a key of ``ACTIVATIONS``).
    output_activation : str
        Activation of the output layer (a key of ``ACTIVATIONS``, or ``"softmax"``).
    loss : str
        A key of :data:`rna_core.losses.LOSSES` (not the sparse one).
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    hidden_activation: str = "sigmoid"
    output_activation: str = "sigmoid"
    loss: str = "binary_crossentropy"

    def __post_init__(self) -> None:
        weights = tuple(np.array(w, dtype=np.float64, ndmin=2) for w in self.weights)
        biases = tuple(np.array(b, dtype=np.float64, ndmin=1) for b in self.biases)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)
        if not weights or len(weights) != len(biases):
            raise ValueError("A network needs at least one layer, with one weight matrix and one bias vector each.")
        for index, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
            if w.ndim != 2 or b.shape != (w.shape[1],):
                raise ValueError(f"Layer {index}: {w.shape[1]} units need {w.shape[1]} biases, got {b.shape}.")
            if index > 1 and w.shape[0] != weights[index - 2].shape[1]:
                raise ValueError(f"Layer {index} expects {w.shape[0]} inputs but the layer before has "
                                 f"{weights[index - 2].shape[1]} units.")
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise ValueError(f"Layer {index}: weights and biases must be finite numbers.")
        if self.hidden_activation not in ACTIVATIONS:
            raise ValueError(f"Unknown hidden activation {self.hidden_activation!r}.")
        if self.output_activation not in ACTIVATIONS and self.output_activation != "softmax":
            raise ValueError(f"Unknown output activation {self.output_activation!r}.")
        if self.loss not in LOSSES or self.loss.startswith("sparse"):
            raise ValueError(f"Unknown loss {self.loss!r}.")
        if (self.output_activation == "softmax") != (self.loss == "categorical_crossentropy"):
            raise ValueError("Softmax outputs go with categorical cross-entropy, and only with it.")
        if self.loss == "binary_crossentropy" and self.output_activation != "sigmoid":
            raise BackpropInputError("Binary cross-entropy needs a probability: use a sigmoid output.",
                                     "backprop.error_pairing")

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """Units per layer, the inputs first: ``(2, 2, 1)``."""
        return (self.weights[0].shape[0], *(w.shape[1] for w in self.weights))

    @property
    def depth(self) -> int:
        """Number of layers with weights (hidden layers plus the output layer)."""
        return len(self.weights)

    def activation_of(self, layer: int) -> str:
        """Activation name of layer ``layer`` (1 = first hidden layer, ``depth`` = output)."""
        return self.output_activation if layer == self.depth else self.hidden_activation

    def with_parameters(self, weights: tuple[np.ndarray, ...], biases: tuple[np.ndarray, ...]) -> Network:
        """The same network with other weights and biases (same shapes)."""
        return Network(tuple(weights), tuple(biases), self.hidden_activation, self.output_activation, self.loss)

    def parameters(self) -> list[tuple[str, int, tuple[int, ...], float]]:
        """Every weight and bias as ``(kind, layer, index, value)``: ``("w", 1, (0, 1), 0.3)``."""
        rows: list[tuple[str, int, tuple[int, ...], float]] = []
        for layer, (w, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):
            rows.extend(("w", layer, (i, j), float(w[i, j])) for i in range(w.shape[0]) for j in range(w.shape[1]))
            rows.extend(("b", layer, (j,), float(b[j])) for j in range(b.shape[0]))
        return rows

    def __repr__(self) -> str:
        sizes = "-".join(map(str, self.layer_sizes))
        return f"Network({sizes}, {self.hidden_activation}, {self.output_activation}, {self.loss})"


def _numbers(text: str, count: int, field: str, layer: int = 0) -> np.ndarray:
    """Parse ``count`` numbers for ``field``, re-raising with a message that names the field."""
    where = field.capitalize() + (f" of layer {layer}" if layer else "")
    try:
        values = parse_numbers(text, count)
    except NumberListError as error:
        if error.key == "numbers.not_a_number":
            raise BackpropInputError(f"{where}: {error.values['token']!r} is not a number.",
                                     f"backprop.error_number.{field}", layer=layer, token=error.values["token"]) from None
        raise BackpropInputError(f"{where}: type exactly {count} numbers.",
                                 f"backprop.error_count.{field}", layer=layer, expected=count) from None
    if np.any(np.abs(values) > MAX_ABS_VALUE):
        raise BackpropInputError(f"{where}: keep every number between -{MAX_ABS_VALUE:g} and {MAX_ABS_VALUE:g}.",
                                 f"backprop.error_large.{field}", layer=layer, limit=MAX_ABS_VALUE)
    return values


def parse_example(inputs_text: str, target_text: str, n_inputs: int, output_activation: str,
                  loss: str) -> tuple[np.ndarray, np.ndarray]:
    """Read the example typed by the student: its inputs and its target.

    Parameters
    ----------
    inputs_text, target_text : str
        Numbers separated by commas or semicolons (decimal points or commas).
    n_inputs : int
        How many inputs the network has.
    output_activation, loss : str
        The output layer's activation and the loss: the target must be something the
        output can reach (a probability in [0, 1] for a sigmoid, [-1, 1] for tanh).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``x`` shaped ``(1, n_inputs)`` and ``y`` shaped ``(1, 1)``.

    Raises
    ------
    BackpropInputError
        A piece is not a number, the count is wrong, or the target is out of range.
    """
    x = _numbers(inputs_text, n_inputs, "inputs")
    y = _numbers(target_text, 1, "target")
    low, high = ACTIVATIONS[output_activation].output_range if output_activation in ACTIVATIONS else (0.0, 1.0)
    if loss == "binary_crossentropy":
        low, high = 0.0, 1.0
    low, high = max(low, -MAX_ABS_VALUE), min(high, MAX_ABS_VALUE)
    if not low <= y[0] <= high:
        raise BackpropInputError(
            f"The target {y[0]:g} is out of reach: a {output_activation} output gives values between {low:g} and {high:g}.",
            "backprop.error_target", value=float(y[0]), low=low, high=high,
        )
    return x.reshape(1, -1), y.reshape(1, 1)


def parse_network(weight_texts: list[str], bias_texts: list[str], layer_sizes: tuple[int, ...],
                  hidden_activation: str, output_pair: str) -> Network:
    """Build a :class:`Network` from the weights and biases typed for each layer.

    Parameters
    ----------
    weight_texts : list of str
        One text per layer: its ``n_{l-1} * n_l`` weights row by row (row ``i`` = the
        weights leaving unit ``i`` of the layer before).
    bias_texts : list of str
        One text per layer: its ``n_l`` biases.
    layer_sizes : tuple of int
        Units per layer, the inputs first.
    hidden_activation : str
        One of :data:`HIDDEN_ACTIVATIONS`.
    output_pair : str
        A key of :data:`OUTPUT_PAIRS`.

    Raises
    ------
    BackpropInputError
        A weight or bias is not a number, too large, or missing.
    """
    if output_pair not in OUTPUT_PAIRS:
        raise ValueError(f"Unknown output {output_pair!r}; choose one of: {', '.join(OUTPUT_PAIRS)}.")
    if hidden_activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"Unknown hidden activation {hidden_activation!r}.")
    weights, biases = [], []
    for layer, (n_in, n_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:], strict=True), start=1):
        weights.append(_numbers(weight_texts[layer - 1], n_in * n_out, "weights", layer).reshape(n_in, n_out))
        biases.append(_numbers(bias_texts[layer - 1], n_out, "biases", layer))
    output_activation, loss = OUTPUT_PAIRS[output_pair]
    return Network(tuple(weights), tuple(biases), hidden_activation, output_activation, loss)
