"""The playground's data sets: points of the plane [-6, 6]² with a class or a number each.

Every generator is a small self-contained NumPy function ``(n, noise, rng) -> (X, y)``: the
exported Keras script copies its source, so a student's script makes the very same points.
``noise`` (0 to 0.5) moves the points away from where the rule put them, so the classes
overlap more as it grows. Labels are decided before the noise is added, like in TensorFlow
Playground: with noise, some points sit on the "wrong" side and no network can be perfect.

Classification sets return integer labels 0, 1 (and 2 for ``blobs3``); regression sets
return a float target in [-1, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

__all__ = ["DATASETS", "DOMAIN", "MAX_NOISE", "Dataset", "make_dataset", "split_train_test"]

#: The plane every data set lives in: both coordinates in [-DOMAIN, DOMAIN].
DOMAIN = 6.0
#: Largest noise level accepted (a fraction of the data's radius).
MAX_NOISE = 0.5
#: Smallest and largest number of points a data set may have.
MIN_POINTS, MAX_POINTS = 10, 2000


def circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Class 1 inside a disc of radius 2.5, class 0 in a ring from 3.5 to 5 around it."""
    inside = np.arange(n) < n // 2
    radius = np.where(inside, rng.uniform(0.0, 2.5, n), rng.uniform(3.5, 5.0, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    X += rng.normal(0.0, 5.0 * noise, (n, 2))
    return np.clip(X, -6.0, 6.0), inside.astype(np.int64)


def xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points away from the axes; class 1 where x1 and x2 have the same sign."""
    X = rng.uniform(-5.0, 5.0, (n, 2))
    X += np.where(X > 0, 0.3, -0.3)  # a small gap along the axes
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    X += rng.normal(0.0, 5.0 * noise, (n, 2))
    return np.clip(X, -6.0, 6.0), y


def gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two round clouds, class 1 around (2, 2) and class 0 around (-2, -2); noise widens them."""
    y = (np.arange(n) < n // 2).astype(np.int64)
    centres = np.where(y[:, None] == 1, 2.0, -2.0)
    spread = 0.7 + 3.0 * noise
    X = centres + rng.normal(0.0, spread, (n, 2))
    return np.clip(X, -6.0, 6.0), y


def spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms (class 1 and class 0), 1.75 turns each, out to radius 5."""
    half = n // 2
    y = (np.arange(n) < half).astype(np.int64)
    index = np.where(y == 1, np.arange(n), np.arange(n) - half)
    count = np.where(y == 1, half, n - half)
    fraction = index / count
    radius = 5.0 * fraction
    angle = 1.75 * 2 * np.pi * fraction + np.where(y == 1, 0.0, np.pi)
    X = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    X += rng.uniform(-1.0, 1.0, (n, 2)) * 2.0 * noise
    return np.clip(X, -6.0, 6.0), y


def blobs3(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three round clouds 120° apart on a circle of radius 3.2: classes 0, 1 and 2."""
    y = np.arange(n) % 3
    angle = np.pi / 2 + y * 2 * np.pi / 3
    centres = 3.2 * np.column_stack([np.cos(angle), np.sin(angle)])
    X = centres + rng.normal(0.0, 0.8 + 2.5 * noise, (n, 2))
    return np.clip(X, -6.0, 6.0), y.astype(np.int64)


def plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Regression: the target rises steadily along the diagonal, y = (x1 + x2) / 12."""
    X = rng.uniform(-6.0, 6.0, (n, 2))
    y = (X[:, 0] + X[:, 1]) / 12.0
    y = y + rng.normal(0.0, noise, n)
    return X, np.clip(y, -1.0, 1.0)


def multi_gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Regression: six bumps and pits, the target is the sum of six Gaussians, clipped to [-1, 1]."""
    X = rng.uniform(-6.0, 6.0, (n, 2))
    centres = np.array([[-4.0, 2.5], [0.0, 2.5], [4.0, 2.5], [-4.0, -2.5], [0.0, -2.5], [4.0, -2.5]])
    signs = np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
    squared = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    y = (signs * np.exp(-squared / 2.0)).sum(axis=1)
    y = y + rng.normal(0.0, noise, n)
    return X, np.clip(y, -1.0, 1.0)


@dataclass(frozen=True)
class Dataset:
    """One data set of the registry.

    Attributes
    ----------
    name : str
        Registry key.
    generator : callable
        ``generator(n, noise, rng) -> (X, y)``; self-contained (NumPy only).
    classes : int
        Number of classes; 0 for regression (a number per point).
    """

    name: str
    generator: Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]
    classes: int

    @property
    def task(self) -> str:
        """``"classification"`` or ``"regression"``."""
        return "regression" if self.classes == 0 else "classification"


#: The data sets by name, in menu order. Read-only.
DATASETS: Mapping[str, Dataset] = MappingProxyType({
    "circle": Dataset("circle", circle, 2),
    "xor": Dataset("xor", xor, 2),
    "gauss": Dataset("gauss", gauss, 2),
    "spiral": Dataset("spiral", spiral, 2),
    "blobs3": Dataset("blobs3", blobs3, 3),
    "plane": Dataset("plane", plane, 0),
    "multi_gauss": Dataset("multi_gauss", multi_gauss, 0),
})


def _whole(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise ValueError(f"The {name} must be a whole number from {low} to {high} (got {value!r}).")
    return int(value)


def make_dataset(name: str, n: int = 500, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Generate one of :data:`DATASETS`.

    Parameters
    ----------
    name : str
        ``circle``, ``xor``, ``gauss``, ``spiral``, ``blobs3``, ``plane`` or ``multi_gauss``.
    n : int
        Number of points, 10 to 2000.
    noise : float
        0 (clean) to 0.5 (very noisy).
    seed : int
        Same seed, same points.

    Returns
    -------
    X : numpy.ndarray
        float64, shape ``(n, 2)``, inside [-6, 6]².
    y : numpy.ndarray
        int64 class labels, or float64 targets in [-1, 1] for regression sets.

    Raises
    ------
    ValueError
        Unknown name, or a number out of range.
    """
    if name not in DATASETS:
        raise ValueError(f"Unknown data set {name!r}; choose one of {', '.join(DATASETS)}.")
    n = _whole("number of points", n, MIN_POINTS, MAX_POINTS)
    seed = _whole("seed", seed, 0, 2**31 - 1)
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)) \
            or not 0.0 <= float(noise) <= MAX_NOISE:
        raise ValueError(f"The noise must be a number from 0 to {MAX_NOISE} (got {noise!r}).")
    X, y = DATASETS[name].generator(n, float(noise), np.random.default_rng(seed))
    return X.astype(np.float64), y


def split_train_test(n: int, train_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle the indices ``0..n-1`` and cut them into a training and a test part.

    Parameters
    ----------
    n : int
        Number of points.
    train_fraction : float
        Share of the points used for training, in (0, 1); both parts keep at least one point.
    seed : int
        Seed of the shuffle.

    Returns
    -------
    train, test : numpy.ndarray
        Index arrays (disjoint, together all of ``0..n-1``).
    """
    if not 0.0 < train_fraction < 1.0:
        raise ValueError(f"The training share must be between 0 and 1 (got {train_fraction!r}).")
    if n < 2:
        raise ValueError("A training and a test part need at least 2 points.")
    order = np.random.default_rng(seed).permutation(n)
    cut = min(n - 1, max(1, round(n * train_fraction)))
    return order[:cut], order[cut:]
