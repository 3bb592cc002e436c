"""One run of the playground: the data, its split, the network and the losses so far.

The page keeps one :class:`Experiment` in the session and calls :meth:`Experiment.advance`
while "play" is on; everything it draws comes from here: the losses per epoch, the
output over the plane and every neuron's picture (:meth:`Experiment.pictures`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from rna_core.playground.datasets import DATASETS, DOMAIN, make_dataset, split_train_test
from rna_core.playground.network import Network
from rna_core.playground.settings import Settings

__all__ = ["DEFAULT_POINTS", "Experiment", "RunRecord", "plane_grid"]

#: Points of every built-in data set.
DEFAULT_POINTS = 500


def plane_grid(resolution: int) -> np.ndarray:
    """Points of a ``resolution × resolution`` grid over [-6, 6]², row by row from the top.

    Row 0 is ``x2 = 6`` and column 0 is ``x1 = -6``, so ``values.reshape(resolution,
    resolution)`` is an image with the plane the right way up.
    """
    if resolution < 2:
        raise ValueError("A grid needs at least 2 points per side.")
    axis = np.linspace(-DOMAIN, DOMAIN, resolution)
    x1, x2 = np.meshgrid(axis, axis[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


@dataclass
class RunRecord:
    """A finished (or reset) run, for the history chart."""

    label: str
    test_losses: list[float]
    settings: Settings


@dataclass
class Experiment:
    """Data + network + losses per epoch.

    Attributes
    ----------
    settings : Settings
    X, y : numpy.ndarray
        All the points and their labels (classes or numbers).
    classes : int
        2 or 3, or 0 for regression.
    train, test : numpy.ndarray
        Indices of the training and test points.
    network : Network
    train_losses, test_losses : list of float
        Mean loss after each epoch; entry 0 is before any training.
    """

    settings: Settings
    X: np.ndarray
    y: np.ndarray
    classes: int
    train: np.ndarray
    test: np.ndarray
    network: Network
    train_losses: list[float] = field(default_factory=list)
    test_losses: list[float] = field(default_factory=list)

    @classmethod
    def create(cls, settings: Settings, custom: tuple[np.ndarray, np.ndarray] | None = None) -> Experiment:
        """Make the data (or take the student's ``custom`` points), split it and build the network.

        ``custom`` is required when ``settings.dataset == "custom"``: points already checked
        by :func:`rna_core.playground.custom.check_points`.
        """
        if settings.dataset == "custom":
            if custom is None:
                raise ValueError("The custom data set needs points.")
            X, y = custom
            classes = 0 if y.dtype.kind == "f" else max(2, int(y.max()) + 1)
        else:
            X, y = make_dataset(settings.dataset, DEFAULT_POINTS, settings.noise, settings.seed)
            classes = DATASETS[settings.dataset].classes
        train, test = split_train_test(len(X), settings.train_percent / 100.0, settings.seed)
        experiment = cls(settings, X, y, classes, train, test, settings.network(classes))
        experiment._record()
        return experiment

    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return self.network.epoch

    def _record(self) -> None:
        self.train_losses.append(self.network.loss(self.X[self.train], self.y[self.train]))
        self.test_losses.append(self.network.loss(self.X[self.test], self.y[self.test]))

    def advance(self, epochs: int = 1, target: float | None = None) -> bool:
        """Train up to ``epochs`` more epochs, recording both losses after each one.

        Parameters
        ----------
        epochs : int
            Epochs to train.
        target : float, optional
            Stop as soon as the test loss is at or below it.

        Returns
        -------
        bool
            Whether the test loss has reached ``target`` (False without a target).
        """
        for _ in range(int(epochs)):
            if self.reached(target):
                break
            self.network.fit(self.X[self.train], self.y[self.train], 1)
            self._record()
        return self.reached(target)

    def reached(self, target: float | None) -> bool:
        """Whether the latest test loss is at or below ``target``."""
        return target is not None and self.test_losses[-1] <= target

    def can_continue_with(self, settings: Settings) -> bool:
        """Whether ``settings`` differ from this run's only in what may change mid-run: the
        learning rate, the regularization rate and the batch size (as in TensorFlow Playground)."""
        def fixed(s: Settings) -> Settings:
            return replace(s, learning_rate=1.0, regularization_rate=0.0, batch_size=1)
        return fixed(settings) == fixed(self.settings)

    def continue_with(self, settings: Settings) -> None:
        """Apply a new learning rate, regularization rate and batch size to the running network."""
        if not self.can_continue_with(settings):
            raise ValueError("These settings need a new run (new data or a new network).")
        self.network.learning_rate = settings.learning_rate
        self.network.regularization_rate = float(settings.regularization_rate)
        self.network.batch_size = int(settings.batch_size)
        self.settings = settings

    def pictures(self, resolution: int) -> list[np.ndarray]:
        """Every neuron's output over the plane: one array per layer, shape ``(units, res, res)``.

        Layer 0 is the features, the last is the output layer (for three classes: one
        picture per class probability).
        """
        outputs = self.network.neuron_outputs(plane_grid(resolution))
        return [layer.T.reshape(-1, resolution, resolution) for layer in outputs]

    def accuracy(self, part: str) -> float | None:
        """Accuracy on ``"train"`` or ``"test"`` points; None for regression."""
        if self.classes == 0:
            return None
        index = self.train if part == "train" else self.test
        return self.network.accuracy(self.X[index], self.y[index])

    def record(self, label: str) -> RunRecord:
        """This run's test-loss curve and settings, for the history."""
        return RunRecord(label, list(self.test_losses), self.settings)
