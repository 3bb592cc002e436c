"""Correct me: fine-tune a copy of the network on a student's corrected drawings.

When the network misreads a student's handwriting, the student gives the right label.
:class:`FineTuneJob` then trains a *copy* of the network's dense head (the layers after
``Flatten``; the convolutions, which find strokes, stay as they are) on those drawings,
each shifted a little, mixed with MNIST training digits so that it does not forget the
rest ("catastrophic forgetting"). It runs in NumPy with back-propagation written out
(:func:`head_gradients`, checked against Keras in the tests) and the project's Adam
(:class:`rna_core.optimizers.Adam`), in a background thread: a few seconds, no TensorFlow.
The shipped model is never changed.

The job is one of the app's background jobs (:class:`rna_core.jobs.BackgroundJob`): it
takes a server slot, stops on request or when its tab is closed, and reports progress.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence

import numpy as np
from scipy import ndimage

from rna_core.digits.numpy_network import NumpyLayer, NumpyNetwork
from rna_core.jobs import BackgroundJob, JobProgress
from rna_core.optimizers import Adam

#: Shifted copies made of each corrected drawing.
COPIES = 12
#: MNIST training digits mixed in.
MNIST_MIX = 500


@dataclasses.dataclass(frozen=True)
class FineTuneProgress(JobProgress):
    """A snapshot of a :class:`FineTuneJob` (besides the base's ``status``, ``error``...).

    Attributes
    ----------
    epoch, epochs : int
        Epochs done, and planned.
    loss : float or None
        Mean cross-entropy of the last epoch.
    """

    epoch: int = 0
    epochs: int = 0
    loss: float | None = None


@dataclasses.dataclass(frozen=True)
class FineTuneResult:
    """What fine-tuning gave: the new network and its accuracy before and after.

    Attributes
    ----------
    network : NumpyNetwork
        The fine-tuned copy.
    mnist_before, mnist_after : float
        Accuracy on the MNIST test images given to the job.
    drawings_before, drawings_after : np.ndarray
        (n, 10) probabilities of the corrected drawings before and after.
    seconds : float
        Wall-clock time of the job.
    """

    network: NumpyNetwork
    mnist_before: float
    mnist_after: float
    drawings_before: np.ndarray
    drawings_after: np.ndarray
    seconds: float


def split_head(network: NumpyNetwork) -> int:
    """Index of the first dense layer after the last non-dense one: where the trainable head starts.

    Raises
    ------
    ValueError
        If the network does not end with at least one dense layer.
    """
    start = len(network.layers)
    while start > 0 and network.layers[start - 1].kind == "dense":
        start -= 1
    if start == len(network.layers):
        raise ValueError("Only a network that ends with Dense layers can be fine-tuned here.")
    return start


def head_gradients(weights: Sequence[np.ndarray], activations: Sequence[str], features: np.ndarray,
                   labels: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """Mean cross-entropy of a dense head and its gradient for every weight (back-propagation).

    Parameters
    ----------
    weights : sequence of np.ndarray
        ``kernel, bias`` of each dense layer, in order; the last layer is softmax.
    activations : sequence of str
        Activation of each hidden dense layer: ``"relu"`` or ``"linear"``.
    features : np.ndarray
        (n, d) inputs of the head.
    labels : np.ndarray
        (n,) integer classes.

    Returns
    -------
    tuple
        ``(loss, gradients)`` with one gradient per weight array.
    """
    outputs = [features]
    for index, activation in enumerate(activations):
        z = outputs[-1] @ weights[2 * index] + weights[2 * index + 1]
        outputs.append(np.maximum(z, 0.0) if activation == "relu" else z)
    logits = outputs[-1] @ weights[-2] + weights[-1]
    logits = logits - logits.max(axis=1, keepdims=True)
    probabilities = np.exp(logits)
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    n = len(labels)
    loss = float(-np.mean(np.log(probabilities[np.arange(n), labels] + 1e-12)))
    delta = probabilities
    delta[np.arange(n), labels] -= 1.0
    delta /= n  # d loss / d logits (softmax + cross-entropy)
    gradients: list[np.ndarray] = [np.empty(0)] * len(weights)
    for index in range(len(activations), -1, -1):
        gradients[2 * index] = outputs[index].T @ delta
        gradients[2 * index + 1] = delta.sum(axis=0)
        if index > 0:
            delta = delta @ weights[2 * index].T
            if activations[index - 1] == "relu":
                delta = delta * (outputs[index] > 0)
    return loss, gradients


def shifted_copies(images: np.ndarray, copies: int, rng: np.random.Generator) -> np.ndarray:
    """``copies`` versions of each 28x28 image moved by up to 1.5 pixels (the first one unmoved)."""
    out = []
    for image in images:
        out.append(image)
        for _ in range(copies - 1):
            out.append(ndimage.shift(image, rng.uniform(-1.5, 1.5, size=2), order=1, prefilter=False))
    return np.clip(np.stack(out), 0.0, 1.0).astype(np.float32)


class FineTuneJob(BackgroundJob):
    """Fine-tune a copy of ``network`` on corrected drawings, in a background thread.

    Parameters
    ----------
    network : NumpyNetwork
        The network to copy (left unchanged).
    drawings : np.ndarray
        (n, 28, 28) float32 drawings as the network sees them.
    labels : sequence of int
        The right digit of each drawing.
    mnist_train : tuple of np.ndarray
        ``(images uint8 (m, 28, 28), labels)``: digits to mix in (:data:`MNIST_MIX` are drawn).
    mnist_test : tuple of np.ndarray
        ``(images, labels)`` on which accuracy is measured before and after.
    epochs : int
        Passes over the mixed set.
    learning_rate : float
        Adam's learning rate.
    seed : int
        Seed of the sampling, shifts and shuffling.
    is_watched, abandon_after
        See :class:`rna_core.jobs.BackgroundJob`.

    Raises
    ------
    ValueError
        If there are no drawings, labels are not 0-9, or the network has no dense head.
    """

    def __init__(self, network: NumpyNetwork, drawings: np.ndarray, labels: Sequence[int],
                 mnist_train: tuple[np.ndarray, np.ndarray], mnist_test: tuple[np.ndarray, np.ndarray],
                 epochs: int = 6, learning_rate: float = 3e-4, seed: int = 0, *,
                 is_watched: Callable[[], bool] | None = None, abandon_after: float = 30.0) -> None:
        drawings = np.asarray(drawings, dtype=np.float32).reshape(-1, 28, 28)
        labels = np.asarray(labels, dtype=np.int64)
        if len(drawings) == 0 or len(drawings) != len(labels):
            raise ValueError("Give at least one corrected drawing, each with its right digit.")
        if labels.min() < 0 or labels.max() > 9:
            raise ValueError("The right digit of a drawing is a whole number from 0 to 9.")
        super().__init__(f"fine-tune {network.name}", is_watched=is_watched, abandon_after=abandon_after)
        self.network, self.drawings, self.labels = network, drawings, labels
        self.head = split_head(network)
        self.mnist_train, self.mnist_test = mnist_train, mnist_test
        self.epochs, self.learning_rate, self.seed = int(epochs), float(learning_rate), int(seed)
        self._epoch, self._loss = 0, None
        self._result: FineTuneResult | None = None

    def progress(self) -> FineTuneProgress:
        """The latest snapshot (cheap; call it from the page as often as needed)."""
        base = self._progress_fields()
        with self._lock:
            return FineTuneProgress(**base, epoch=self._epoch, epochs=self.epochs, loss=self._loss)

    def result(self) -> FineTuneResult | None:
        """The fine-tuned network and the numbers, once the job has finished."""
        with self._lock:
            return self._result

    def run(self) -> None:
        self._train()

    def _train(self) -> None:
        start = time.perf_counter()
        rng = np.random.default_rng(self.seed)
        network, head = self.network, self.head
        layers = network.layers[head:]
        hidden = [layer.activation for layer in layers[:-1]]
        if any(name not in ("relu", "linear") for name in hidden) or layers[-1].activation != "softmax":
            raise ValueError("Fine-tuning supports ReLU or linear hidden layers and a softmax output.")

        def features(images: np.ndarray) -> np.ndarray:
            return np.concatenate([network.forward(images[i : i + 512], stop=head)[-1]
                                   for i in range(0, len(images), 512)])

        x_pool, y_pool = self.mnist_train
        chosen = rng.choice(len(x_pool), size=min(MNIST_MIX, len(x_pool)), replace=False)
        x_test, y_test = self.mnist_test
        test_features = features(np.asarray(x_test, dtype=np.float32) / 255.0)
        copies = shifted_copies(self.drawings, COPIES, rng)
        train_x = np.concatenate([features(copies), features(x_pool[chosen].astype(np.float32) / 255.0)])
        train_y = np.concatenate([np.repeat(self.labels, COPIES), np.asarray(y_pool)[chosen]])
        weights = [np.array(w, dtype=np.float32) for layer in layers for w in layer.weights]  # a copy
        drawing_features = features(self.drawings)

        before_test = self._accuracy(network.forward(test_features, start=head)[-1], y_test)
        before_drawings = network.forward(drawing_features, start=head)[-1]
        optimizer = Adam(learning_rate=self.learning_rate)
        for epoch in range(self.epochs):
            order = rng.permutation(len(train_x))
            losses = []
            for begin in range(0, len(order), 64):
                if self.should_stop():  # a stopped fine-tuning keeps no result
                    return
                batch = order[begin : begin + 64]
                loss, gradients = head_gradients(weights, hidden, train_x[batch], train_y[batch])
                weights = [np.asarray(w, dtype=np.float32) for w in optimizer.apply_gradients(weights, gradients)]
                losses.append(loss)
            with self._lock:
                self._epoch, self._loss = epoch + 1, float(np.mean(losses))
        tuned = NumpyNetwork([*network.layers[:head], *_head_layers(layers, weights)], name=f"{network.name}+you")
        after_test = self._accuracy(tuned.forward(test_features, start=head)[-1], y_test)
        after_drawings = tuned.forward(drawing_features, start=head)[-1]
        with self._lock:
            self._result = FineTuneResult(tuned, before_test, after_test, before_drawings, after_drawings,
                                          time.perf_counter() - start)

    @staticmethod
    def _accuracy(probabilities: np.ndarray, labels: np.ndarray) -> float:
        return float(np.mean(probabilities.argmax(axis=1) == np.asarray(labels)))


def _head_layers(layers: Sequence[NumpyLayer], weights: Sequence[np.ndarray]) -> list[NumpyLayer]:
    return [NumpyLayer("dense", layer.activation, (weights[2 * i], weights[2 * i + 1])) for i, layer in enumerate(layers)]
