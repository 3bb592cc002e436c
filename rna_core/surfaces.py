"""Loss surfaces of two parameters, for optimizers to race on.

Two kinds:

- classic test functions (:data:`TEST_FUNCTIONS`): Rosenbrock's banana valley, Beale,
  a saddle, a narrow ravine and a landscape with a local and a global minimum. Their
  gradient is exact; there is no data, so "batch size" has no meaning on them;
- a real finite-sum surface (:class:`LogisticSurface`): the mean binary cross-entropy of
  a logistic regression ``ŷ = sigmoid(w·x + b)`` on a seeded data set of a few hundred
  points. The two parameters are the weight ``w`` and the bias ``b``. The gradient on a
  batch of N examples is the true mini-batch gradient, so gradient descent (all M
  examples), mini-batch (N) and stochastic gradient descent (N = 1) differ for real. One
  epoch is ``ceil(M / N)`` iterations.

Every surface has ``value(x, y)`` (vectorised, for the contour map) and
``gradient(x, y)`` (Python floats in, floats out: fast for a race).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from rna_core.activations import sigmoid
from rna_core.losses import binary_crossentropy, binary_crossentropy_grad

ArrayOrFloat = float | np.ndarray
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class Surface:
    """A 2-D cost surface ``f(x, y)`` with its exact gradient.

    Attributes
    ----------
    name : str
        Registry key (also the i18n key suffix ``optimizers.surface.<name>``).
    value : callable
        ``value(x, y)``: the cost; works on floats and on NumPy arrays (a grid).
    gradient : callable
        ``gradient(x, y) -> (df/dx, df/dy)``.
    bounds : tuple of float
        Plotted area ``(x_min, x_max, y_min, y_max)``.
    start : tuple of float
        A start point that makes an interesting race.
    minimum : tuple of float
        Where the global minimum is.
    min_value : float
        The cost at the global minimum.
    tolerance : float
        A racer "arrives" when its cost is within this of ``min_value``.
    learning_rates : mapping
        Suggested learning rate per optimizer name for this surface (the Keras
        defaults are often too small or too large for a toy landscape).
    local_minima : tuple
        Other minima (a trap for the racers), if any: higher than the global one.
    twin_minima : tuple
        Other minima exactly as deep as :attr:`minimum` (drawn as minima too).
    """

    name: str
    value: Callable[[ArrayOrFloat, ArrayOrFloat], ArrayOrFloat]
    gradient: Callable[[float, float], tuple[float, float]]
    bounds: Bounds
    start: tuple[float, float]
    minimum: tuple[float, float]
    min_value: float
    tolerance: float
    learning_rates: Mapping[str, float]
    local_minima: tuple[tuple[float, float], ...] = ()
    twin_minima: tuple[tuple[float, float], ...] = ()
    #: Whether a batch of examples gives a different gradient (finite-sum surfaces).
    stochastic: bool = False
    #: Axis names in the charts (``x``/``y``, or ``w``/``b``).
    axis_names: tuple[str, str] = ("x", "y")

    def contains(self, x: float, y: float) -> bool:
        """Whether ``(x, y)`` lies inside the plotted area."""
        x_min, x_max, y_min, y_max = self.bounds
        return x_min <= x <= x_max and y_min <= y <= y_max

    def landmarks(self, start: tuple[float, float]) -> pd.DataFrame:
        """Points to mark on a map: ``x, y, kind`` with kind start, minimum (as deep as the
        global one) or local (a higher valley)."""
        minima = [(*p, "minimum") for p in (self.minimum, *self.twin_minima)]
        points = [(*start, "start"), *minima] + [(*p, "local") for p in self.local_minima]
        return pd.DataFrame(points, columns=["x", "y", "kind"])

    def grid(self, resolution: int = 80) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The cost on a ``resolution × resolution`` grid over :attr:`bounds`.

        Returns
        -------
        xs, ys, values : numpy.ndarray
            ``xs`` (resolution,), ``ys`` (resolution,), ``values[j, i] = f(xs[i], ys[j])``.
        """
        if not isinstance(resolution, int) or resolution < 2:
            raise ValueError("The grid needs at least 2 points per side.")
        x_min, x_max, y_min, y_max = self.bounds
        xs = np.linspace(x_min, x_max, resolution)
        ys = np.linspace(y_min, y_max, resolution)
        grid_x, grid_y = np.meshgrid(xs, ys)
        return xs, ys, np.asarray(self.value(grid_x, grid_y), dtype=float)


# -- classic test functions -------------------------------------------------------------


def _rosenbrock(x: ArrayOrFloat, y: ArrayOrFloat) -> ArrayOrFloat:
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def _rosenbrock_grad(x: float, y: float) -> tuple[float, float]:
    valley = y - x * x
    return -2 * (1 - x) - 400 * x * valley, 200 * valley


def _beale_terms(x: ArrayOrFloat, y: ArrayOrFloat) -> tuple:
    return 1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y


def _beale(x: ArrayOrFloat, y: ArrayOrFloat) -> ArrayOrFloat:
    a, b, c = _beale_terms(x, y)
    return a * a + b * b + c * c


def _beale_grad(x: float, y: float) -> tuple[float, float]:
    a, b, c = _beale_terms(x, y)
    dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1)
    dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y
    return dx, dy


def _saddle(x: ArrayOrFloat, y: ArrayOrFloat) -> ArrayOrFloat:
    # A saddle point at (0, 0) between two equally deep valleys at (0, ±1); y = 0 is a ridge.
    return 0.5 * x * x + 0.25 * y**4 - 0.5 * y * y


def _saddle_grad(x: float, y: float) -> tuple[float, float]:
    return x, y * y * y - y


_RAVINE_X, _RAVINE_Y = 0.05, 5.0  # curvatures: 100 times steeper across than along


def _ravine(x: ArrayOrFloat, y: ArrayOrFloat) -> ArrayOrFloat:
    return 0.5 * (_RAVINE_X * x * x + _RAVINE_Y * y * y)


def _ravine_grad(x: float, y: float) -> tuple[float, float]:
    return _RAVINE_X * x, _RAVINE_Y * y


# Two Gaussian wells on a gentle bowl: a deep one (global) and a shallow one (local).
_WELLS = ((1.5, 1.0, 2.0, 0.6), (-1.2, -1.0, 1.2, 0.6))  # centre x, centre y, depth, width
_BOWL = 0.08


def _wells(x: ArrayOrFloat, y: ArrayOrFloat) -> ArrayOrFloat:
    total = _BOWL * (x * x + y * y)
    for cx, cy, depth, width in _WELLS:
        total = total - depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width * width))
    return total


def _wells_grad(x: float, y: float) -> tuple[float, float]:
    dx, dy = 2 * _BOWL * x, 2 * _BOWL * y
    for cx, cy, depth, width in _WELLS:
        bump = depth * math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width * width)) / (width * width)
        dx += bump * (x - cx)
        dy += bump * (y - cy)
    return dx, dy


def _descend(gradient: Callable[[float, float], tuple[float, float]], x: float, y: float) -> tuple[float, float]:
    """Plain gradient descent to a nearby minimum (used once to locate the wells' minima)."""
    for _ in range(20_000):
        gx, gy = gradient(x, y)
        x, y = x - 0.05 * gx, y - 0.05 * gy
        if gx * gx + gy * gy < 1e-26:
            break
    return x, y


_WELL_GLOBAL = _descend(_wells_grad, _WELLS[0][0], _WELLS[0][1])
_WELL_LOCAL = _descend(_wells_grad, _WELLS[1][0], _WELLS[1][1])

_SLOW = {"sgd": 0.001, "rmsprop": 0.01, "adam": 0.02}
_MEDIUM = {"sgd": 0.01, "rmsprop": 0.02, "adam": 0.05}

#: The classic test functions by name.
TEST_FUNCTIONS: Mapping[str, Surface] = MappingProxyType(
    {
        surface.name: surface
        for surface in (
            Surface(
                "rosenbrock", _rosenbrock, _rosenbrock_grad, (-2.0, 2.0, -1.0, 3.0), (-1.5, 2.5),
                (1.0, 1.0), 0.0, 1e-3, MappingProxyType(_SLOW),
            ),
            Surface(
                "beale", _beale, _beale_grad, (-4.5, 4.5, -4.5, 4.5), (0.7, 1.4),
                (3.0, 0.5), 0.0, 1e-3, MappingProxyType({"sgd": 0.005, "rmsprop": 0.01, "adam": 0.05}),
            ),
            Surface(
                "saddle", _saddle, _saddle_grad, (-2.0, 2.0, -2.0, 2.0), (-1.8, 0.001),
                (0.0, 1.0), -0.25, 1e-3, MappingProxyType({"sgd": 0.05, "rmsprop": 0.01, "adam": 0.02}),
                twin_minima=((0.0, -1.0),),
            ),
            Surface(
                "ravine", _ravine, _ravine_grad, (-10.0, 10.0, -3.0, 3.0), (-9.0, 2.0),
                (0.0, 0.0), 0.0, 1e-3, MappingProxyType({"sgd": 0.3, "rmsprop": 0.05, "adam": 0.1}),
            ),
            Surface(
                "wells", _wells, _wells_grad, (-3.0, 3.0, -3.0, 3.0), (-2.5, 0.5),
                _WELL_GLOBAL, float(_wells(*_WELL_GLOBAL)), 1e-3, MappingProxyType(_MEDIUM),
                local_minima=(_WELL_LOCAL,),
            ),
        )
    }
)


# -- a real finite-sum surface ---------------------------------------------------------


def make_logistic_data(
    n_samples: int = 300, seed: int = 7, weight: float = 2.0, bias: float = -1.0
) -> tuple[np.ndarray, np.ndarray]:
    """A seeded 1-feature binary classification data set.

    Features ``x ~ N(0, 1.2²)``; each label is 1 with probability
    ``sigmoid(weight·x + bias)``, so the classes overlap and the best ``(w, b)`` is finite.

    Returns
    -------
    features, labels : numpy.ndarray
        Both shaped ``(n_samples,)``; labels are 0.0 or 1.0.
    """
    if not isinstance(n_samples, int) or n_samples < 2:
        raise ValueError("The data set needs at least 2 examples.")
    rng = np.random.default_rng(seed)
    features = rng.normal(0.0, 1.2, n_samples)
    labels = (rng.random(n_samples) < sigmoid(weight * features + bias)).astype(float)
    return features, labels


@dataclass(frozen=True)
class LogisticSurface(Surface):
    """Mean binary cross-entropy of ``sigmoid(w·x + b)`` on a data set: a finite sum.

    ``f(w, b) = (1/M) Σ_i ℓ_i(w, b)``; the gradient of one term is
    ``((ŷ_i - y_i)·x_i, ŷ_i - y_i)``, so the gradient on a batch is an average of
    per-example gradients and the batches of one epoch average to the full gradient.

    Build it with :func:`logistic_surface`.
    """

    features: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    @property
    def n_samples(self) -> int:
        """M, the number of examples."""
        return int(self.features.size)

    def loss(self, w: float, b: float, batch: np.ndarray | None = None) -> float:
        """Mean binary cross-entropy at ``(w, b)`` on ``batch`` (indices; all when None).

        Computed through :func:`rna_core.losses.binary_crossentropy`, the same loss the
        cost-function page teaches.
        """
        x, y = self._take(batch)
        return binary_crossentropy(y, sigmoid(w * x + b))

    def batch_gradient(self, w: float, b: float, batch: np.ndarray | None = None) -> tuple[float, float]:
        """Gradient of the mean loss over the examples ``batch`` (all when None).

        Uses the simplification ``dℓ/dz = ŷ - y`` of sigmoid + cross-entropy, which is
        exact and stays finite even when ``ŷ`` saturates.
        """
        x, y = self._take(batch)
        # sigmoid(z) = (1 + tanh(z/2)) / 2: exact, stable and faster for one small batch
        error = 0.5 * np.tanh(0.5 * (w * x + b)) + 0.5 - y
        return float(error @ x) / x.size, float(error.sum()) / x.size

    def chain_rule_gradient(self, w: float, b: float, batch: np.ndarray | None = None) -> tuple[float, float]:
        """The same gradient by the chain rule through :mod:`rna_core.losses` (for checking)."""
        x, y = self._take(batch)
        z = w * x + b
        prediction = sigmoid(z)
        d_prediction = binary_crossentropy_grad(y, prediction)  # already divided by N
        d_z = d_prediction * prediction * (1 - prediction)
        return float(np.sum(d_z * x)), float(np.sum(d_z))

    def _take(self, batch: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        if batch is None:
            return self.features, self.labels
        return self.features[batch], self.labels[batch]

    def iterations_per_epoch(self, batch_size: int) -> int:
        """``ceil(M / N)``: the updates one pass over the data makes (the last batch may be smaller)."""
        return math.ceil(self.n_samples / check_batch_size(batch_size, self.n_samples))

    def minibatches(self, batch_size: int, seed: int = 0) -> Iterator[np.ndarray]:
        """Endless mini-batches of example indices, reshuffled every epoch (as ``fit`` does).

        Parameters
        ----------
        batch_size : int
            N, between 1 and M. N = M is full-batch gradient descent.
        seed : int
            Seed of the shuffles.

        Yields
        ------
        numpy.ndarray
            Indices of the examples of the next batch.
        """
        size = check_batch_size(batch_size, self.n_samples)
        rng = np.random.default_rng(seed)
        everything = np.arange(self.n_samples)
        while True:
            if size == self.n_samples:
                yield everything
                continue
            order = rng.permutation(self.n_samples)
            for start in range(0, self.n_samples, size):
                yield order[start:start + size]


def check_batch_size(batch_size: object, n_samples: int) -> int:
    """Validate a batch size N against M examples; returns it as an int."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)):
        raise ValueError(f"The batch size must be a whole number (got {batch_size!r}).")
    if not 1 <= batch_size <= n_samples:
        raise ValueError(f"The batch size must be between 1 and {n_samples} (got {batch_size}).")
    return int(batch_size)


def _logistic_minimum(features: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Newton's method on the (convex) logistic cost: the exact minimum in a few steps."""
    design = np.column_stack([features, np.ones_like(features)])
    theta = np.zeros(2)
    for _ in range(50):
        prediction = sigmoid(design @ theta)
        gradient = design.T @ (prediction - labels) / len(labels)
        hessian = (design * (prediction * (1 - prediction))[:, None]).T @ design / len(labels)
        step = np.linalg.solve(hessian, gradient)
        theta = theta - step
        if np.max(np.abs(step)) < 1e-13:
            break
    return float(theta[0]), float(theta[1])


def logistic_surface(n_samples: int = 300, seed: int = 7) -> LogisticSurface:
    """The finite-sum surface: logistic regression's cost on a seeded data set.

    Parameters
    ----------
    n_samples : int
        M, the number of examples.
    seed : int
        Seed of the data set.

    Returns
    -------
    LogisticSurface
        With its exact minimum found by Newton's method.
    """
    features, labels = make_logistic_data(n_samples, seed)
    w_best, b_best = _logistic_minimum(features, labels)

    def value(w: ArrayOrFloat, b: ArrayOrFloat) -> ArrayOrFloat:
        # Stable form of the mean cross-entropy: softplus(z) - y·z, averaged over examples.
        w_arr, b_arr = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
        z = w_arr[..., None] * features + b_arr[..., None]
        per_example = np.logaddexp(0.0, z) - labels * z
        result = per_example.mean(axis=-1)
        return float(result) if result.ndim == 0 else result

    surface = LogisticSurface(
        name="logistic",
        value=value,
        gradient=lambda w, b: surface.batch_gradient(w, b),
        bounds=(-2.0, 6.0, -5.0, 3.0),
        start=(-1.5, 2.5),
        minimum=(w_best, b_best),
        min_value=float(value(w_best, b_best)),
        tolerance=1e-3,
        learning_rates=MappingProxyType({"sgd": 0.5, "rmsprop": 0.02, "adam": 0.05}),
        stochastic=True,
        axis_names=("w", "b"),
        features=features,
        labels=labels,
    )
    return surface


def get_surface(name: str) -> Surface:
    """A surface by name: one of :data:`SURFACE_NAMES`."""
    if name == "logistic":
        return logistic_surface()
    if name not in TEST_FUNCTIONS:
        raise ValueError(f"Unknown surface {name!r}; choose one of {', '.join(SURFACE_NAMES)}.")
    return TEST_FUNCTIONS[name]


#: Every surface a race can use: the finite-sum one first, then the test functions.
SURFACE_NAMES: tuple[str, ...] = ("logistic", *TEST_FUNCTIONS)
