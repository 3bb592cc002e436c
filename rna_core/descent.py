"""Gradient descent on a one-parameter cost curve, with a verdict on how the walk went.

A network's cost depends on its weights; with a single weight ``w`` the cost is a curve
``J(w)`` and gradient descent repeats ``w <- w - learning_rate * J'(w)``. The learning
rate decides the walk: too small and it crawls, a little too large and it overshoots
the minimum back and forth, much too large and every step lands higher than the last
(divergence). On a non-convex curve, where it starts decides which minimum it finds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

__all__ = [
    "CURVES",
    "CostCurve",
    "DescentResult",
    "STATUSES",
    "STATIONARY_KINDS",
    "gradient_descent",
    "get_curve",
    "stationary_kind",
]

#: Possible verdicts of :func:`gradient_descent`, in the order a page explains them.
#: ``"maximum"`` and ``"flat"``: the walk stopped where the slope is almost 0, but that
#: point is a hilltop or a flat spot, not a minimum.
STATUSES: tuple[str, ...] = ("converged", "slow", "oscillating", "diverged", "maximum", "flat")

#: Kinds of stationary point :func:`stationary_kind` tells apart.
STATIONARY_KINDS: tuple[str, ...] = ("minimum", "maximum", "flat")

#: Beyond this distance from the curve's window the walk is stopped as divergent.
_ESCAPE_FACTOR = 1e3


@dataclass(frozen=True)
class CostCurve:
    """A cost as a function of one weight.

    Attributes
    ----------
    name : str
        Registry key.
    cost : callable
        ``cost(w) -> J(w)`` (vectorised).
    gradient : callable
        ``gradient(w) -> J'(w)`` (vectorised).
    window : tuple of float
        The ``(w_min, w_max)`` range worth drawing; starting points must lie in it.
    minima : tuple of float
        Where the local minima are (the first is the global one).
    start : float
        A suggested starting weight.
    """

    name: str
    cost: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]
    window: tuple[float, float]
    minima: tuple[float, ...]
    start: float = 0.0


def _bowl(w: np.ndarray) -> np.ndarray:
    return (w - 1.0) ** 2 + 0.5


def _bowl_gradient(w: np.ndarray) -> np.ndarray:
    return 2.0 * (w - 1.0)


def _double_well(w: np.ndarray) -> np.ndarray:
    return 0.25 * w**4 - w**2 + 0.3 * w + 1.5


def _double_well_gradient(w: np.ndarray) -> np.ndarray:
    return w**3 - 2.0 * w + 0.3


def _double_well_minima() -> tuple[float, ...]:
    roots = np.roots([1.0, 0.0, -2.0, 0.3])  # w^3 - 2w + 0.3 = 0
    real = np.sort(roots.real[np.abs(roots.imag) < 1e-12])
    minima = [float(r) for r in real if 3.0 * r * r - 2.0 > 0]  # J'' > 0
    return tuple(sorted(minima, key=lambda r: float(_double_well(np.array(r)))))


#: Cost curves by name: a convex bowl (one minimum) and a tilted double well (two).
CURVES: Mapping[str, CostCurve] = MappingProxyType(
    {
        "convex": CostCurve("convex", _bowl, _bowl_gradient, (-3.0, 5.0), (1.0,), start=-2.0),
        "non_convex": CostCurve(
            "non_convex", _double_well, _double_well_gradient, (-2.6, 2.6), _double_well_minima(), start=2.2
        ),
    }
)


def get_curve(name: str) -> CostCurve:
    """Return the curve called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return CURVES[name]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown cost curve {name!r}; choose one of: {', '.join(CURVES)}.") from None


@dataclass(frozen=True)
class DescentResult:
    """The walk of gradient descent and its verdict.

    Attributes
    ----------
    weights : numpy.ndarray
        ``w_0`` (the start) to ``w_k``: one more entry than steps taken.
    costs : numpy.ndarray
        ``J(w)`` at each weight.
    gradients : numpy.ndarray
        ``J'(w)`` at each weight.
    status : str
        One of :data:`STATUSES`: ``"converged"`` (the slope is almost 0 at a minimum),
        ``"maximum"`` / ``"flat"`` (the slope is almost 0, but on a hilltop or a flat
        spot: a small slope alone does not make a minimum), ``"slow"`` (still walking
        downhill in the same direction), ``"oscillating"`` (jumping across the minimum
        without settling), ``"diverged"`` (the cost grew: each step overshoots by more
        than the last).
    minimum : float or None
        The local minimum the walk ended at (``None`` unless converged).
    start_kind : str or None
        When the slope at the start is already below the tolerance, what kind of
        stationary point the start is (:data:`STATIONARY_KINDS`); else ``None``.
    """

    weights: np.ndarray
    costs: np.ndarray
    gradients: np.ndarray
    status: str
    minimum: float | None
    start_kind: str | None = None

    @property
    def steps(self) -> int:
        """Number of steps taken."""
        return len(self.weights) - 1

    @property
    def reversals(self) -> int:
        """How many times a step went the opposite way of the previous one (overshoots)."""
        moves = np.sign(np.diff(self.weights))
        return int(np.sum(moves[1:] != moves[:-1]))


def gradient_descent(
    curve: CostCurve | str,
    start: float,
    learning_rate: float,
    steps: int = 30,
    tolerance: float = 0.02,
) -> DescentResult:
    """Walk down ``curve`` from ``start`` with ``w <- w - learning_rate * J'(w)``.

    Parameters
    ----------
    curve : CostCurve or str
        The cost curve, or its name in :data:`CURVES`.
    start : float
        Initial weight, inside the curve's window.
    learning_rate : float
        Step size, greater than 0.
    steps : int
        Maximum number of steps, 1 to 1000. The walk stops early once the slope
        is below ``tolerance`` at a minimum or the weight runs far away. Where the
        slope is that small, the curvature ``J''(w)`` tells a minimum from a hilltop or
        a flat spot (:func:`stationary_kind`): only a minimum is reported as converged;
        near a hilltop the walk goes on (slowly, since the slope is small).
    tolerance : float
        Slope (in absolute value) under which the walk counts as converged.

    Returns
    -------
    DescentResult
        The path and its verdict.

    Raises
    ------
    ValueError
        For a non-positive learning rate, a start outside the window or a bad step count.
    """
    if isinstance(curve, str):
        curve = get_curve(curve)
    start, learning_rate = float(start), float(learning_rate)
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError("The learning rate must be a positive number.")
    low, high = curve.window
    if not np.isfinite(start) or not low <= start <= high:
        raise ValueError(f"The starting weight must be between {low:g} and {high:g}.")
    if int(steps) != steps or not 1 <= steps <= 1000:
        raise ValueError("The number of steps must be a whole number from 1 to 1000.")
    escape = _ESCAPE_FACTOR * (high - low)
    weights = [start]
    for _ in range(int(steps)):
        w = weights[-1]
        slope = float(curve.gradient(np.array(w)))
        if abs(slope) < tolerance and (slope == 0.0 or stationary_kind(curve, w) == "minimum"):
            break  # at a minimum, or exactly flat: no step would move w
        # near a hilltop the slope is small but not 0: the walk goes on and slowly rolls off
        w_next = w - learning_rate * slope
        weights.append(w_next)
        if not np.isfinite(w_next) or abs(w_next) > escape:
            break
    w_path = np.array(weights)
    with np.errstate(over="ignore", invalid="ignore"):
        costs = np.asarray(curve.cost(w_path), dtype=float)
        gradients = np.asarray(curve.gradient(w_path), dtype=float)
    status = _verdict(w_path, costs, gradients, tolerance, escape)
    if status == "converged":
        kind = stationary_kind(curve, float(w_path[-1]))
        status = "converged" if kind == "minimum" else kind
    minimum = None
    if status == "converged":
        minimum = min(curve.minima, key=lambda m: abs(m - w_path[-1]))
    start_kind = stationary_kind(curve, start) if abs(gradients[0]) < tolerance else None
    return DescentResult(w_path, costs, gradients, status, minimum, start_kind)


def _verdict(w: np.ndarray, costs: np.ndarray, gradients: np.ndarray, tolerance: float, escape: float) -> str:
    if not np.all(np.isfinite(costs)) or np.abs(w[-1]) > escape or costs[-1] > costs[0] + 1e-12:
        return "diverged"
    if abs(gradients[-1]) < tolerance:
        return "converged"
    moves = np.diff(w)
    if len(moves) >= 2:
        reversals = np.sum(np.sign(moves[1:]) != np.sign(moves[:-1]))
        if reversals >= (len(moves) - 1) / 2:
            return "oscillating"
    return "slow"


def stationary_kind(curve: CostCurve | str, w: float) -> str:
    """Tell what kind of stationary point ``w`` is, from the curvature ``J''(w)``.

    Where the slope ``J'(w)`` is 0 the curve is flat for an instant, but that happens at
    the bottom of a valley, on a hilltop and on a level shoulder alike. The second
    derivative decides: ``J'' > 0`` bends up (a minimum), ``J'' < 0`` bends down (a
    maximum). When ``J''`` is about 0 too, the neighbours decide: both higher is a
    minimum, both lower a maximum, else a flat point (an inflection).

    Parameters
    ----------
    curve : CostCurve or str
        The cost curve, or its name in :data:`CURVES`.
    w : float
        The weight to classify (normally one where ``J'(w)`` is about 0).

    Returns
    -------
    str
        One of :data:`STATIONARY_KINDS`: ``"minimum"``, ``"maximum"`` or ``"flat"``.
    """
    if isinstance(curve, str):
        curve = get_curve(curve)
    low, high = curve.window
    h = 1e-4 * (high - low)
    curvature = float(curve.gradient(np.array(w + h)) - curve.gradient(np.array(w - h))) / (2 * h)
    if curvature > 1e-3:
        return "minimum"
    if curvature < -1e-3:
        return "maximum"
    delta = 1e-2 * (high - low)
    here = float(curve.cost(np.array(w)))
    left, right = float(curve.cost(np.array(w - delta))), float(curve.cost(np.array(w + delta)))
    if left > here and right > here:
        return "minimum"
    if left < here and right < here:
        return "maximum"
    return "flat"
