"""The inputs a playground network may see: x1, x2 and five features computed from them.

A feature is a fixed function of the point ``(x1, x2)``. With the right features a problem
that needs hidden neurons becomes one a single neuron solves: the circle is a straight line
in (x1², x2²), the XOR pattern is the sign of x1·x2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

__all__ = ["FEATURES", "Feature", "check_features", "feature_matrix"]


@dataclass(frozen=True)
class Feature:
    """One input of the network.

    Attributes
    ----------
    name : str
        Registry key, also its name in a link (``x1x2``).
    label : str
        How the page writes it (``x1·x2``).
    latex : str
        How a formula writes it (``x_1 x_2``).
    code : str
        The NumPy expression of the exported Keras script (``X[:, 0] * X[:, 1]``).
    function : callable
        ``function(X) -> (n,)`` for points ``X`` of shape ``(n, 2)``.
    """

    name: str
    label: str
    latex: str
    code: str
    function: Callable[[np.ndarray], np.ndarray]


#: Every feature by name, in the order the network receives them. Read-only.
FEATURES: Mapping[str, Feature] = MappingProxyType({
    "x1": Feature("x1", "x1", "x_1", "X[:, 0]", lambda X: X[:, 0]),
    "x2": Feature("x2", "x2", "x_2", "X[:, 1]", lambda X: X[:, 1]),
    "x1sq": Feature("x1sq", "x1²", "x_1^2", "X[:, 0] ** 2", lambda X: X[:, 0] ** 2),
    "x2sq": Feature("x2sq", "x2²", "x_2^2", "X[:, 1] ** 2", lambda X: X[:, 1] ** 2),
    "x1x2": Feature("x1x2", "x1·x2", "x_1 x_2", "X[:, 0] * X[:, 1]", lambda X: X[:, 0] * X[:, 1]),
    "sin1": Feature("sin1", "sin x1", r"\sin x_1", "np.sin(X[:, 0])", lambda X: np.sin(X[:, 0])),
    "sin2": Feature("sin2", "sin x2", r"\sin x_2", "np.sin(X[:, 1])", lambda X: np.sin(X[:, 1])),
})


def check_features(features: Sequence[str]) -> tuple[str, ...]:
    """Return ``features`` in registry order, without repeats; ``ValueError`` if empty or unknown."""
    unknown = [name for name in features if name not in FEATURES]
    if unknown:
        raise ValueError(f"Unknown feature {unknown[0]!r}; choose from {', '.join(FEATURES)}.")
    chosen = tuple(name for name in FEATURES if name in set(features))
    if not chosen:
        raise ValueError("Choose at least one input feature.")
    return chosen


def feature_matrix(X: np.ndarray, features: Sequence[str]) -> np.ndarray:
    """The network's input table: one column per feature, one row per point.

    Parameters
    ----------
    X : numpy.ndarray
        Points, shape ``(n, 2)``.
    features : sequence of str
        Keys of :data:`FEATURES`, already checked.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(n, len(features))``.
    """
    points = np.asarray(X, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError("The points must be a table with two columns, x1 and x2.")
    return np.column_stack([FEATURES[name].function(points) for name in features])
