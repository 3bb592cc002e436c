"""Activation functions, each paired with its derivative, in one registry; softmax.

An activation turns a neuron's weighted sum ``z`` (the output of the aggregation
function) into the neuron's output ``f(z)``. Training by gradient descent needs the
slope ``f'(z)`` too: the error signal that reaches a weight is multiplied by it, so
where the slope is almost zero (a *saturated* neuron) the weight barely learns.

Every activation of :data:`ACTIVATIONS` is an :class:`Activation` with a ``function``
and a ``derivative``; both take ``z`` (anything NumPy can turn into a float array) and
optional keyword parameters (``alpha`` for leaky ReLU). Softmax works on a whole vector
of logits rather than element by element, so it lives apart: :func:`softmax` and its
Jacobian :func:`softmax_jacobian`.

Conventions at the kinks (where the slope is not defined): the derivative of ReLU and
leaky ReLU at ``z = 0`` is the one on the left (0 and ``alpha``), as in TensorFlow; the
step functions (Heaviside, sign) have slope 0 everywhere they are defined.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "DEFAULT_LEAKY_ALPHA",
    "get_activation",
    "heaviside",
    "heaviside_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "linear",
    "linear_derivative",
    "check_z_range",
    "low_slope_intervals",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "sign",
    "sign_derivative",
    "softmax",
    "softmax_jacobian",
    "tanh",
    "tanh_derivative",
]

#: Default slope of leaky ReLU for ``z < 0`` (Keras' ``negative_slope`` default).
DEFAULT_LEAKY_ALPHA = 0.2


def _as_float_array(z: object, name: str = "z") -> np.ndarray:
    """Return ``z`` as a float array (float32/float64 kept, anything else -> float64)."""
    try:
        array = np.asarray(z)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise ValueError(f"{name} must be a number or an array of numbers.") from error
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    raise ValueError(f"{name} must be a number or an array of numbers, not {array.dtype.name} values.")


def _check_alpha(alpha: float) -> float:
    try:
        alpha = float(alpha)
    except (TypeError, ValueError) as error:
        raise ValueError("The leaky ReLU slope alpha must be a number.") from error
    if not np.isfinite(alpha) or alpha < 0:
        raise ValueError("The leaky ReLU slope alpha must be a finite number, 0 or more.")
    return alpha


def heaviside(z: object) -> np.ndarray:
    """Heaviside step of the weighted sums ``z``: 1.0 where ``z >= 0``, else 0.0.

    The perceptron's classic output: it says yes or no, never how sure it is.
    """
    z = _as_float_array(z)
    return np.where(z >= 0, 1.0, 0.0).astype(z.dtype)


def heaviside_derivative(z: object) -> np.ndarray:
    """Slope of the Heaviside step: 0 everywhere (undefined at ``z = 0``; 0 returned).

    A zero slope is why a network of step units cannot learn by gradient descent.
    """
    z = _as_float_array(z)
    return np.zeros_like(z)


def sign(z: object) -> np.ndarray:
    """Sign function: -1 where ``z < 0``, 0 at ``z = 0``, 1 where ``z > 0``."""
    z = _as_float_array(z)
    return np.sign(z)


def sign_derivative(z: object) -> np.ndarray:
    """Slope of the sign function: 0 everywhere (undefined at ``z = 0``; 0 returned)."""
    z = _as_float_array(z)
    return np.zeros_like(z)


def sigmoid(z: object) -> np.ndarray:
    """Logistic sigmoid ``1 / (1 + exp(-z))``, computed without overflow.

    For ``z < 0`` the equivalent form ``exp(z) / (1 + exp(z))`` is used, so ``exp``
    only ever sees non-positive numbers and ``sigmoid(-1000)`` is 0, not a warning.

    Parameters
    ----------
    z : array_like
        Weighted sums.

    Returns
    -------
    numpy.ndarray
        Values in [0, 1], read as the probability of the positive class.
    """
    z = _as_float_array(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype)


def sigmoid_derivative(z: object) -> np.ndarray:
    """Slope of the sigmoid, ``s(z) * (1 - s(z))``: at most 0.25, at ``z = 0``."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: object) -> np.ndarray:
    """Hyperbolic tangent ``(e^z - e^-z) / (e^z + e^-z)``: values in [-1, 1], centred on 0."""
    z = _as_float_array(z)
    return np.tanh(z)


def tanh_derivative(z: object) -> np.ndarray:
    """Slope of tanh, ``1 - tanh(z)^2``: at most 1, at ``z = 0``."""
    t = tanh(z)
    return 1.0 - t * t


def relu(z: object) -> np.ndarray:
    """Rectified linear unit ``max(0, z)``."""
    z = _as_float_array(z)
    return np.maximum(z, 0).astype(z.dtype)


def relu_derivative(z: object) -> np.ndarray:
    """Slope of ReLU: 1 where ``z > 0``, else 0 (0 at the kink, as TensorFlow does)."""
    z = _as_float_array(z)
    return np.where(z > 0, 1.0, 0.0).astype(z.dtype)


def leaky_relu(z: object, alpha: float = DEFAULT_LEAKY_ALPHA) -> np.ndarray:
    """Leaky ReLU: ``z`` where ``z >= 0``, else ``alpha * z``.

    Parameters
    ----------
    z : array_like
        Weighted sums.
    alpha : float
        Slope for negative ``z`` (Keras calls it ``negative_slope``; default 0.2).
        0 gives plain ReLU.

    Returns
    -------
    numpy.ndarray
        The activations.

    Raises
    ------
    ValueError
        If ``alpha`` is negative or not a finite number.
    """
    alpha = _check_alpha(alpha)
    z = _as_float_array(z)
    return np.where(z >= 0, z, alpha * z).astype(z.dtype)


def leaky_relu_derivative(z: object, alpha: float = DEFAULT_LEAKY_ALPHA) -> np.ndarray:
    """Slope of leaky ReLU: 1 where ``z > 0``, else ``alpha``."""
    alpha = _check_alpha(alpha)
    z = _as_float_array(z)
    return np.where(z > 0, 1.0, alpha).astype(z.dtype)


def elu(z: object) -> np.ndarray:
    """ELU (exponential linear unit): ``z`` where ``z > 0``, else ``exp(z) - 1``.

    Like ReLU for positive sums, but smooth and slightly negative below zero (down to -1),
    so a unit is never completely silent. Keras's ``elu`` with its default ``alpha = 1``.
    """
    z = _as_float_array(z)
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0))).astype(z.dtype)


def elu_derivative(z: object) -> np.ndarray:
    """Slope of ELU: 1 where ``z > 0``, else ``exp(z)``."""
    z = _as_float_array(z)
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0))).astype(z.dtype)


def linear(z: object) -> np.ndarray:
    """Identity ``f(z) = z``: "no activation", used on regression outputs."""
    z = _as_float_array(z)
    return z.copy()


def linear_derivative(z: object) -> np.ndarray:
    """Slope of the identity: 1 everywhere."""
    z = _as_float_array(z)
    return np.ones_like(z)


@dataclass(frozen=True)
class Activation:
    """An activation function paired with its derivative.

    Attributes
    ----------
    name : str
        Registry key (``"relu"``), also the Keras name where Keras has one.
    function : callable
        ``function(z, **params) -> f(z)``, element by element.
    derivative : callable
        ``derivative(z, **params) -> f'(z)``, element by element.
    params : tuple of str
        Names of the keyword parameters ``function`` and ``derivative`` accept.
    output_range : tuple of float
        The smallest and largest value the function can output.
    """

    name: str
    function: Callable[..., np.ndarray]
    derivative: Callable[..., np.ndarray]
    params: tuple[str, ...] = field(default=())
    output_range: tuple[float, float] = field(default=(-np.inf, np.inf))

    def __call__(self, z: object, **params: float) -> np.ndarray:
        """Apply the function: ``ACTIVATIONS["relu"](z)``."""
        return self.function(z, **params)


#: Every element-wise activation by name. Read-only; menus are built from its keys.
ACTIVATIONS: Mapping[str, Activation] = MappingProxyType(
    {
        "heaviside": Activation("heaviside", heaviside, heaviside_derivative, (), (0.0, 1.0)),
        "sign": Activation("sign", sign, sign_derivative, (), (-1.0, 1.0)),
        "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, (), (0.0, 1.0)),
        "tanh": Activation("tanh", tanh, tanh_derivative, (), (-1.0, 1.0)),
        "relu": Activation("relu", relu, relu_derivative, (), (0.0, np.inf)),
        "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative, ("alpha",)),
        "elu": Activation("elu", elu, elu_derivative, (), (-1.0, np.inf)),
        "linear": Activation("linear", linear, linear_derivative),
    }
)

#: Activations a hidden layer of a trained network may use: the registry's differentiable
#: functions (the step functions have no useful gradient). The Keras builder, the training
#: page and the tuner's search space all read this tuple; the names are Keras's.
HIDDEN_ACTIVATIONS: tuple[str, ...] = ("relu", "leaky_relu", "elu", "tanh", "sigmoid", "linear")


def get_activation(name: str) -> Activation:
    """Return the activation called ``name``.

    Raises
    ------
    ValueError
        If there is no such activation; the message lists the known names.
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(ACTIVATIONS)
        raise ValueError(f"Unknown activation {name!r}; choose one of: {known}.") from None


def _check_temperature(temperature: float) -> float:
    try:
        temperature = float(temperature)
    except (TypeError, ValueError) as error:
        raise ValueError("The softmax temperature must be a number.") from error
    if not np.isfinite(temperature) or temperature <= 0:
        raise ValueError("The softmax temperature must be a positive number.")
    return temperature


def softmax(z: object, temperature: float = 1.0, axis: int = -1) -> np.ndarray:
    """Softmax of logits: ``exp(z_i / T) / sum_j exp(z_j / T)`` along ``axis``.

    The largest logit is subtracted first (it cancels out), so large logits never
    overflow. The outputs are positive and sum to 1: a probability for each class.

    Parameters
    ----------
    z : array_like
        Logits (the output layer's weighted sums), one class per entry along ``axis``.
    temperature : float
        ``T > 0``. Above 1 the probabilities become more even; below 1, sharper
        (towards a one-hot vector at the largest logit).
    axis : int
        Axis holding the classes.

    Returns
    -------
    numpy.ndarray
        Probabilities with the shape of ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or not numeric, or ``temperature`` is not positive.
    """
    temperature = _check_temperature(temperature)
    z = _as_float_array(z)
    if z.ndim == 0 or z.size == 0:
        raise ValueError("Softmax needs at least one logit per class vector.")
    if not np.all(np.isfinite(z)):
        raise ValueError("The logits must be finite numbers.")
    scaled = z / temperature
    shifted = scaled - np.max(scaled, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_jacobian(z: object, temperature: float = 1.0) -> np.ndarray:
    """Jacobian of :func:`softmax` over the last axis: ``d p_i / d z_j``.

    ``J[i, j] = p_i * (delta_ij - p_j) / T``: raising one logit raises its own
    probability and lowers all the others, and every column sums to 0 (the
    probabilities always sum to 1).

    Parameters
    ----------
    z : array_like
        Logits, shape ``(..., n)``.
    temperature : float
        As in :func:`softmax`.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., n, n)``.
    """
    temperature = _check_temperature(temperature)
    p = softmax(z, temperature=temperature, axis=-1)
    diagonal = p[..., :, None] * np.eye(p.shape[-1], dtype=p.dtype)
    return (diagonal - p[..., :, None] * p[..., None, :]) / temperature


def low_slope_intervals(
    name: str,
    z_min: float,
    z_max: float,
    threshold: float = 0.05,
    points: int = 801,
    **params: float,
) -> list[tuple[float, float]]:
    """Intervals of ``[z_min, z_max]`` where ``|f'(z)| < threshold`` (saturation zones).

    In these zones a neuron passes almost no gradient back, so its incoming weights
    learn very slowly (the *vanishing gradient* problem of sigmoid and tanh).

    Parameters
    ----------
    name : str
        Key of :data:`ACTIVATIONS`.
    z_min, z_max : float
        The range examined; ``z_min < z_max``.
    threshold : float
        Slopes below this (in absolute value) count as saturated.
    points : int
        Grid resolution; interval ends are accurate to one grid step.
    **params
        Parameters of the activation (``alpha``).

    Returns
    -------
    list of (float, float)
        Disjoint ``(start, end)`` intervals, in increasing order.

    Raises
    ------
    ValueError
        If the range is empty or the name unknown.
    """
    check_z_range(z_min, z_max)
    activation = get_activation(name)
    z = np.linspace(float(z_min), float(z_max), int(points))
    low = np.abs(activation.derivative(z, **params)) < threshold
    intervals: list[tuple[float, float]] = []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], low.astype(np.int8), [0]))))
    for first, after_last in zip(edges[::2], edges[1::2], strict=True):
        intervals.append((float(z[first]), float(z[after_last - 1])))
    return intervals


def check_z_range(z_min: float, z_max: float) -> None:
    """Raise ``ValueError`` unless ``z_min < z_max`` are finite numbers."""
    if not (np.isfinite(z_min) and np.isfinite(z_max)):
        raise ValueError("The ends of the z range must be finite numbers.")
    if z_min >= z_max:
        raise ValueError(
            f"The z range is empty: its minimum ({z_min:g}) must be smaller than its maximum ({z_max:g})."
        )
