"""A small fully connected network in NumPy, trained by mini-batch backpropagation.

It is TensorFlow Playground's network with Keras's conventions, so the exported Keras
script builds the same thing:

* inputs: the chosen :mod:`features <rna_core.playground.features>` of each point;
* 0 to 6 hidden ``Dense`` layers of 1 to 8 neurons, one activation for all of them
  (from :data:`rna_core.activations.ACTIVATIONS`);
* an output matched to the task: one sigmoid neuron and binary cross-entropy for two
  classes, a softmax over the classes and categorical cross-entropy for more, one linear
  neuron and mean squared error for regression. ``loss="mse"`` keeps the classification
  output but measures it with the mean squared error, which learns slower;
* optional L1 or L2 penalty on every weight matrix (the ``kernel_regularizer``; biases are
  not penalised), added to the cost;
* weights drawn as Keras's ``glorot_uniform``, biases 0; optimizers from
  :mod:`rna_core.optimizers` (NumPy, Keras update rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from rna_core.activations import ACTIVATIONS, sigmoid, softmax
from rna_core.losses import binary_crossentropy, categorical_crossentropy, mean_squared_error
from rna_core.optimizers import SGD, Adam, Optimizer
from rna_core.playground.features import check_features, feature_matrix

__all__ = ["PLAYGROUND_ACTIVATIONS", "LOSS_CHOICES", "MAX_LAYERS", "MAX_UNITS", "PLAYGROUND_OPTIMIZERS",
           "REGULARIZERS", "Network"]

#: Hidden activations offered (keys of :data:`rna_core.activations.ACTIVATIONS`).
PLAYGROUND_ACTIVATIONS: tuple[str, ...] = ("relu", "tanh", "sigmoid", "linear")
#: Largest number of hidden layers and of neurons per layer.
MAX_LAYERS, MAX_UNITS = 6, 8
#: Penalties on the weights.
REGULARIZERS: tuple[str, ...] = ("none", "l1", "l2")
#: ``"auto"``: the loss that matches the output; ``"mse"``: mean squared error whatever the task.
LOSS_CHOICES: tuple[str, ...] = ("auto", "mse")
#: Optimizer menu; ``momentum`` is Keras's SGD with ``momentum=0.9``.
PLAYGROUND_OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adam")
MOMENTUM = 0.9


def make_playground_optimizer(name: str, learning_rate: float) -> Optimizer:
    """The NumPy optimizer called ``name`` in :data:`PLAYGROUND_OPTIMIZERS`."""
    if name == "sgd":
        return SGD(learning_rate)
    if name == "momentum":
        return SGD(learning_rate, momentum=MOMENTUM)
    if name == "adam":
        return Adam(learning_rate)
    raise ValueError(f"Unknown optimizer {name!r}; choose one of {', '.join(PLAYGROUND_OPTIMIZERS)}.")


class Network:
    """A playground network: features -> hidden layers -> output, with its own optimizer.

    Parameters
    ----------
    layers : sequence of int
        Neurons of each hidden layer (0 to 6 layers of 1 to 8); ``()`` is a single neuron.
    activation : str
        Hidden activation, one of :data:`PLAYGROUND_ACTIVATIONS`.
    features : sequence of str
        Input features (keys of :data:`~rna_core.playground.features.FEATURES`).
    classes : int
        2 or 3 for classification, 0 for regression.
    loss : str
        ``"auto"`` or ``"mse"`` (see :data:`LOSS_CHOICES`).
    regularization : str
        ``"none"``, ``"l1"`` or ``"l2"``.
    regularization_rate : float
        Weight of the penalty (Keras's ``l1``/``l2`` argument), 0 or more.
    optimizer : str
        ``"sgd"``, ``"momentum"`` or ``"adam"``.
    learning_rate : float
        Step size, > 0.
    batch_size : int
        Points per update, 1 or more.
    seed : int
        Seed of the initial weights and of the shuffling: same seed, same run.

    Attributes
    ----------
    weights : list of numpy.ndarray
        One ``(inputs, outputs)`` matrix per layer, the output layer last.
    biases : list of numpy.ndarray
        One vector per layer.
    epoch : int
        Epochs trained so far.
    """

    def __init__(
        self,
        layers: Sequence[int] = (4, 4),
        activation: str = "tanh",
        *,
        features: Sequence[str] = ("x1", "x2"),
        classes: int = 2,
        loss: str = "auto",
        regularization: str = "none",
        regularization_rate: float = 0.0,
        optimizer: str = "sgd",
        learning_rate: float = 0.03,
        batch_size: int = 10,
        seed: int = 0,
    ) -> None:
        self.layers = tuple(int(units) for units in layers)
        if len(self.layers) > MAX_LAYERS or any(not 1 <= units <= MAX_UNITS for units in self.layers):
            raise ValueError(f"A network has 0 to {MAX_LAYERS} hidden layers of 1 to {MAX_UNITS} neurons.")
        if activation not in PLAYGROUND_ACTIVATIONS:
            raise ValueError(f"The hidden activation is one of {', '.join(PLAYGROUND_ACTIVATIONS)}.")
        if classes not in (0, 2, 3):
            raise ValueError("classes is 2 or 3 for a classification, 0 for a regression.")
        if loss not in LOSS_CHOICES or regularization not in REGULARIZERS:
            raise ValueError(f"loss is one of {LOSS_CHOICES}; regularization one of {REGULARIZERS}.")
        if not np.isfinite(regularization_rate) or regularization_rate < 0:
            raise ValueError("The regularization rate must be 0 or more.")
        if isinstance(batch_size, bool) or int(batch_size) < 1:
            raise ValueError("The batch size must be 1 or more.")
        self.activation = activation
        self.features = check_features(features)
        self.classes = int(classes)
        self.loss_choice = loss
        self.regularization = regularization
        self.regularization_rate = float(regularization_rate)
        self.optimizer_name = optimizer
        self.optimizer = make_playground_optimizer(optimizer, learning_rate)
        self.batch_size = int(batch_size)
        self.seed = int(seed)
        init_rng, shuffle_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(self.seed).spawn(2))
        self._shuffle_rng = shuffle_rng
        sizes = (len(self.features), *self.layers, self.outputs)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
            limit = np.sqrt(6.0 / (fan_in + fan_out))  # Keras's glorot_uniform
            self.weights.append(init_rng.uniform(-limit, limit, (fan_in, fan_out)))
            self.biases.append(np.zeros(fan_out))
        self.epoch = 0

    # ----- what the network is -------------------------------------------------------
    @property
    def outputs(self) -> int:
        """Neurons of the output layer: 1, or one per class when there are more than two."""
        return self.classes if self.classes > 2 else 1

    @property
    def output_activation(self) -> str:
        """``"sigmoid"``, ``"softmax"`` or ``"linear"``."""
        return {0: "linear", 2: "sigmoid", 3: "softmax"}[self.classes]

    @property
    def loss_name(self) -> str:
        """The Keras name of the loss minimised."""
        if self.classes == 0 or self.loss_choice == "mse":
            return "mean_squared_error"
        return "binary_crossentropy" if self.classes == 2 else "categorical_crossentropy"

    @property
    def learning_rate(self) -> float:
        """Step size; can be changed between epochs (the optimizer keeps its state)."""
        return self.optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        if not np.isfinite(value) or value <= 0:
            raise ValueError("The learning rate must be greater than 0.")
        self.optimizer.learning_rate = float(value)

    def parameters(self) -> list[np.ndarray]:
        """``[W1, b1, W2, b2, ...]``, the order Keras lists a Sequential model's weights."""
        return [array for pair in zip(self.weights, self.biases, strict=True) for array in pair]

    def set_parameters(self, parameters: Sequence[np.ndarray]) -> None:
        """Replace the weights and biases (same shapes as :meth:`parameters`)."""
        parameters = [np.array(p, dtype=np.float64) for p in parameters]
        if [p.shape for p in parameters] != [p.shape for p in self.parameters()]:
            raise ValueError("The new parameters do not have the network's shapes.")
        self.weights, self.biases = parameters[0::2], parameters[1::2]

    def __repr__(self) -> str:
        return (f"Network(layers={self.layers}, activation={self.activation!r}, features={self.features}, "
                f"classes={self.classes}, loss={self.loss_name!r})")

    # ----- forward ----------------------------------------------------------------------
    def neuron_outputs(self, X: np.ndarray) -> list[np.ndarray]:
        """What every neuron outputs at each point: the pictures of the page.

        Parameters
        ----------
        X : numpy.ndarray
            Points, shape ``(n, 2)`` (a grid over the plane for the pictures).

        Returns
        -------
        list of numpy.ndarray
            ``[features (n, k), hidden layer 1 (n, u1), ..., output (n, outputs)]``.
        """
        return [a for _, a in self._forward(feature_matrix(X, self.features))]

    def _forward(self, inputs: np.ndarray) -> list[tuple[np.ndarray | None, np.ndarray]]:
        """``[(None, inputs), (z1, a1), ..., (z_out, output)]``: weighted sums and outputs."""
        hidden = ACTIVATIONS[self.activation].function
        trace: list[tuple[np.ndarray | None, np.ndarray]] = [(None, inputs)]
        a = inputs
        last = len(self.weights) - 1
        for index, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ W + b
            if index < last:
                a = hidden(z)
            elif self.classes == 2:
                a = sigmoid(z)
            elif self.classes == 3:
                a = softmax(z)
            else:
                a = z
            trace.append((z, a))
        return trace

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The output for each point: P(class 1) ``(n,)`` for two classes, class
        probabilities ``(n, 3)`` for three, the predicted number ``(n,)`` for regression."""
        output = self._forward(feature_matrix(X, self.features))[-1][1]
        return output if self.classes == 3 else output[:, 0]

    def predict_classes(self, X: np.ndarray) -> np.ndarray:
        """The class each point is given (threshold 0.5, or the most probable class)."""
        if self.classes == 0:
            raise ValueError("A regression network predicts numbers, not classes.")
        output = self.predict(X)
        return np.argmax(output, axis=1) if self.classes == 3 else (output >= 0.5).astype(np.int64)

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        """Share of points given their own class (classification only)."""
        return float(np.mean(self.predict_classes(X) == np.asarray(y)))

    # ----- cost ---------------------------------------------------------------------------
    def _targets(self, y: np.ndarray) -> np.ndarray:
        """``y`` as the output layer's shape: a column, or one-hot rows for three classes."""
        y = np.asarray(y)
        if self.classes == 3:
            return np.eye(3)[y.astype(np.int64)]
        return y.astype(np.float64).reshape(-1, 1)

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """Mean loss over the points (without the penalty), as Keras's ``evaluate`` reports it."""
        output = self._forward(feature_matrix(X, self.features))[-1][1]
        targets = self._targets(y)
        if self.loss_name == "mean_squared_error":
            return mean_squared_error(targets, output)
        if self.loss_name == "binary_crossentropy":
            return binary_crossentropy(targets, output, eps=1e-7)
        return categorical_crossentropy(targets, output, eps=1e-7)

    def regularization_loss(self) -> float:
        """The penalty added to the cost: ``rate · Σ|w|`` (L1) or ``rate · Σw²`` (L2)."""
        if self.regularization == "l1":
            return self.regularization_rate * float(sum(np.abs(W).sum() for W in self.weights))
        if self.regularization == "l2":
            return self.regularization_rate * float(sum((W * W).sum() for W in self.weights))
        return 0.0

    def cost(self, X: np.ndarray, y: np.ndarray) -> float:
        """The function training minimises: mean loss + penalty."""
        return self.loss(X, y) + self.regularization_loss()

    # ----- backward -----------------------------------------------------------------------
    def gradients(self, X: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        """Gradient of :meth:`cost` on the points, in the order of :meth:`parameters`."""
        return self._gradients(feature_matrix(X, self.features), self._targets(y))

    def _output_error(self, z: np.ndarray, output: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """d(mean loss)/d(output layer's weighted sums), one row per point."""
        m = len(targets)
        if self.loss_name != "mean_squared_error":
            return (output - targets) / m  # sigmoid + binary CE and softmax + CE simplify alike
        d_output = 2.0 * (output - targets) / targets.size  # Keras averages over every output
        if self.classes == 2:
            return d_output * output * (1.0 - output)
        if self.classes == 3:  # through softmax's Jacobian: p_i (g_i - Σ_j g_j p_j)
            return output * (d_output - np.sum(d_output * output, axis=1, keepdims=True))
        return d_output

    def _gradients(self, inputs: np.ndarray, targets: np.ndarray) -> list[np.ndarray]:
        trace = self._forward(inputs)
        slope = ACTIVATIONS[self.activation].derivative
        delta = self._output_error(trace[-1][0], trace[-1][1], targets)  # error at the output's sums
        grads: list[np.ndarray] = []
        for layer in range(len(self.weights) - 1, -1, -1):
            a_below = trace[layer][1]
            dW = a_below.T @ delta
            if self.regularization == "l1":
                dW = dW + self.regularization_rate * np.sign(self.weights[layer])
            elif self.regularization == "l2":
                dW = dW + 2.0 * self.regularization_rate * self.weights[layer]
            grads += [delta.sum(axis=0), dW]
            if layer:  # chain rule: back through the weights, then the activation's slope
                delta = (delta @ self.weights[layer].T) * slope(trace[layer][0])
        return grads[::-1]

    # ----- training -----------------------------------------------------------------------
    def train_step(self, X: np.ndarray, y: np.ndarray) -> None:
        """One update of every weight from one mini-batch (``X`` already a batch)."""
        self._step(feature_matrix(X, self.features), self._targets(y))

    def _step(self, inputs: np.ndarray, targets: np.ndarray) -> None:
        updated = self.optimizer.apply_gradients(self.parameters(), self._gradients(inputs, targets))
        self.weights, self.biases = updated[0::2], updated[1::2]

    def fit(self, X: np.ndarray, y: np.ndarray, epochs: int = 1) -> Network:
        """Train for ``epochs`` passes over the points, in shuffled mini-batches.

        Each epoch shuffles the points (the network's own seeded generator) and updates
        the weights once per batch of :attr:`batch_size` points (the last batch may be
        smaller), like ``keras.Model.fit(..., shuffle=True)``.

        Returns
        -------
        Network
            ``self``, trained.
        """
        inputs, targets = feature_matrix(X, self.features), self._targets(y)
        if len(inputs) != len(targets) or len(inputs) == 0:
            raise ValueError("fit needs as many labels as points, and at least one point.")
        size = self.batch_size
        for _ in range(int(epochs)):
            order = self._shuffle_rng.permutation(len(inputs))
            for start in range(0, len(order), size):
                batch = order[start:start + size]
                self._step(inputs[batch], targets[batch])
            self.epoch += 1
        return self

    def summary(self) -> dict[str, Any]:
        """The settings of the network, for a run's label in the history."""
        return {"layers": self.layers, "activation": self.activation, "features": self.features,
                "loss": self.loss_name, "optimizer": self.optimizer_name, "learning_rate": self.learning_rate,
                "regularization": self.regularization, "regularization_rate": self.regularization_rate,
                "batch_size": self.batch_size}
