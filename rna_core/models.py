"""The course's MNIST network as a validated configuration, a Keras model and safe files.

:class:`NetworkConfig` describes one training run (architecture, optimizer, schedule,
batch size, epochs, seed). :func:`build_model` turns it into a compiled Keras model,
:func:`to_keras_code` into a standalone script that reproduces the run, and
:func:`save_safe` / :func:`load_safe` store a trained model as ``config.json`` plus
``weights.npz`` — plain data that our code rebuilds, never unpickled or deserialized.

Keras is imported lazily inside the functions that need it: importing this module is cheap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from rna_core.activations import HIDDEN_ACTIVATIONS
from rna_core.data import MNIST_TRAIN_SIZE

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    import keras

#: Optimizers a run may use: plain SGD, SGD with momentum (``momentum`` field), RMSprop and
#: Adam. Keras's ``SGD`` is an update rule, not a batch size: ``batch_size`` is separate.
OPTIMIZER_CHOICES: tuple[str, ...] = ("sgd", "momentum", "rmsprop", "adam")
#: Learning-rate schedules: constant, or cosine decay from ``learning_rate`` to 0 over the run.
SCHEDULES: tuple[str, ...] = ("none", "cosine")
#: Number of classes of MNIST (the softmax output layer).
NUM_CLASSES = 10

MAX_LAYERS = 8
MAX_UNITS = 4096
MAX_EPOCHS = 500
MAX_BATCH_SIZE = 60_000


@dataclass(frozen=True)
class NetworkConfig:
    """One MNIST training run: a dense network, its optimizer and how long to train.

    Frozen and made of plain values, so it is hashable (a cache or session key) and
    round-trips through JSON with :meth:`to_dict` / :meth:`from_dict`.

    Attributes
    ----------
    hidden_layers : tuple of int
        Units of each hidden ``Dense`` layer, input side first; the course uses (300, 100).
    activation : str
        Activation of the hidden layers, one of :data:`rna_core.activations.HIDDEN_ACTIVATIONS`.
    dropout : float
        Fraction of a hidden layer's outputs switched off at random while training
        (a ``Dropout`` after each hidden layer); 0 means no dropout.
    optimizer : str
        One of :data:`OPTIMIZER_CHOICES`. ``"momentum"`` is Keras ``SGD`` with ``momentum``.
    learning_rate : float
        Step size of the optimizer (the initial one when ``schedule`` is ``"cosine"``).
    momentum : float
        Momentum of the ``"momentum"`` optimizer (ignored by the others).
    rho : float
        Decay of RMSprop's moving average of squared gradients.
    beta_1, beta_2 : float
        Adam's decay rates of the first and second moment estimates.
    epsilon : float
        Small constant RMSprop and Adam add to avoid dividing by zero.
    schedule : str
        ``"none"`` (constant learning rate) or ``"cosine"`` (cosine decay to 0 over all
        the training steps).
    batch_size : int
        Examples per gradient step: 1 is SGD, the whole training set is batch gradient
        descent, anything between is mini-batch gradient descent.
    epochs : int
        Passes over the training set.
    seed : int
        Seed of weight initialisation, shuffling and dropout (reproducible runs).
    """

    hidden_layers: tuple[int, ...] = (300, 100)  # units per hidden layer
    activation: str = "relu"  # hidden-layer activation
    dropout: float = 0.0  # dropout rate after each hidden layer
    optimizer: str = "sgd"  # sgd | momentum | rmsprop | adam
    learning_rate: float = 0.01  # (initial) step size
    momentum: float = 0.9  # only for optimizer="momentum"
    rho: float = 0.9  # RMSprop
    beta_1: float = 0.9  # Adam
    beta_2: float = 0.999  # Adam
    epsilon: float = 1e-7  # RMSprop, Adam
    schedule: str = "none"  # none | cosine
    batch_size: int = 32  # examples per step
    epochs: int = 40  # passes over the training set
    seed: int = 42  # reproducibility

    def __post_init__(self) -> None:
        layers = self.hidden_layers
        if isinstance(layers, list):
            object.__setattr__(self, "hidden_layers", tuple(layers))
            layers = self.hidden_layers
        if not isinstance(layers, tuple) or not all(is_whole_number(units) for units in layers):
            raise ValueError("The hidden layers must be a list of whole numbers of units, such as (300, 100).")
        if len(layers) > MAX_LAYERS:
            raise ValueError(f"Use at most {MAX_LAYERS} hidden layers (got {len(layers)}).")
        for units in layers:
            if units < 1:
                raise ValueError(
                    f"Every hidden layer needs at least 1 unit (neuron); got {units}. "
                    "Remove the layer instead of giving it 0 units."
                )
            if units > MAX_UNITS:
                raise ValueError(f"A hidden layer can have at most {MAX_UNITS} units (got {units}).")
        _check_choice("activation", self.activation, HIDDEN_ACTIVATIONS)
        _check_choice("optimizer", self.optimizer, OPTIMIZER_CHOICES)
        _check_choice("schedule", self.schedule, SCHEDULES)
        _check_number("dropout", self.dropout, 0.0, 0.9, "a fraction from 0 (no dropout) to 0.9")
        _check_number("learning_rate", self.learning_rate, 0.0, 10.0, "greater than 0 and at most 10", open_low=True)
        _check_number("momentum", self.momentum, 0.0, 0.9999, "from 0 to just below 1")
        _check_number("rho", self.rho, 0.0, 0.9999, "from 0 to just below 1")
        _check_number("beta_1", self.beta_1, 0.0, 0.9999, "from 0 to just below 1")
        _check_number("beta_2", self.beta_2, 0.0, 0.99999, "from 0 to just below 1")
        _check_number("epsilon", self.epsilon, 0.0, 1.0, "greater than 0 and at most 1", open_low=True)
        if not is_whole_number(self.batch_size) or not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ValueError(
                f"The batch size must be a whole number from 1 to {MAX_BATCH_SIZE:,} examples "
                f"(got {self.batch_size!r})."
            )
        if not is_whole_number(self.epochs) or not 1 <= self.epochs <= MAX_EPOCHS:
            raise ValueError(
                f"The number of epochs must be a whole number from 1 to {MAX_EPOCHS} "
                f"(got {self.epochs!r}): with 0 epochs the network never sees the data."
            )
        if not is_whole_number(self.seed) or not 0 <= self.seed < 2**31:
            raise ValueError(f"The seed must be a whole number from 0 to 2**31 - 1 (got {self.seed!r}).")

    def check_data_size(self, n_samples: int) -> None:
        """Raise ``ValueError`` if a batch would be larger than the training data.

        Parameters
        ----------
        n_samples : int
            Number of training examples.
        """
        if n_samples < 1:
            raise ValueError("There are no training examples to learn from.")
        if self.batch_size > n_samples:
            raise ValueError(
                f"The batch size ({self.batch_size:,}) is larger than the training data "
                f"({n_samples:,} examples). Use at most {n_samples:,}: a batch as large as the "
                "data is batch gradient descent."
            )

    def steps_per_epoch(self, n_samples: int = MNIST_TRAIN_SIZE) -> int:
        """Gradient steps (iterations) in one epoch: ``ceil(n_samples / batch_size)``."""
        self.check_data_size(n_samples)
        return math.ceil(n_samples / self.batch_size)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dictionary (``hidden_layers`` becomes a list)."""
        data = asdict(self)
        data["hidden_layers"] = list(self.hidden_layers)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NetworkConfig:
        """Build a validated config from :meth:`to_dict` output (missing keys take defaults).

        Raises
        ------
        ValueError
            If ``data`` is not a mapping, has unknown keys, or a value is invalid.
        """
        if not isinstance(data, Mapping):
            raise ValueError("A network configuration must be a JSON object (a dictionary).")
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"Unknown setting(s) in the network configuration: {', '.join(map(str, unknown))}.")
        values = dict(data)
        if "hidden_layers" in values:
            layers = values["hidden_layers"]
            if not isinstance(layers, (list, tuple)):
                raise ValueError("hidden_layers must be a list of whole numbers, such as [300, 100].")
            values["hidden_layers"] = tuple(layers)
        for name in ("dropout", "learning_rate", "momentum", "rho", "beta_1", "beta_2", "epsilon"):
            if name in values and is_whole_number(values[name]):
                values[name] = float(values[name])
        return cls(**values)

    def replace(self, **changes: Any) -> NetworkConfig:
        """A copy with some fields changed (validated)."""
        return NetworkConfig.from_dict({**self.to_dict(), **changes})

    def describe(self, lang: str = "en") -> str:
        """A one-line summary in ``lang``, such as
        ``784-300-100-10 relu · adam lr=0.003 cosine · batch 128 · 10 epochs``."""
        from rna_core.i18n import t

        arch = "-".join(str(n) for n in (784, *self.hidden_layers, NUM_CLASSES))
        extras = t("training.describe.dropout", lang, rate=self.dropout) if self.dropout else ""
        schedule = t("training.describe.cosine", lang) if self.schedule == "cosine" else ""
        return t("training.describe", lang, arch=arch, activation=self.activation, extras=extras,
                 optimizer=self.optimizer, rate=self.learning_rate, schedule=schedule,
                 batch=self.batch_size, epochs=self.epochs)


def is_whole_number(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"Unknown {name} {value!r}: choose one of {', '.join(choices)}.")


def _check_number(name: str, value: object, low: float, high: float, rule: str, open_low: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number ({rule}); got {value!r}.")
    number = float(value)
    too_low = number <= low if open_low else number < low
    if not math.isfinite(number) or too_low or number > high:
        raise ValueError(f"{name} must be {rule}; got {value!r}.")


#: The course's recipe: 784-300-100-10 ReLU, plain SGD (lr 0.01), batch 32, 40 epochs.
COURSE_CONFIG = NetworkConfig()
#: The same network trained fast: Adam with cosine decay, light dropout, batch 128, 10 epochs.
#: Chosen by the sweep in BENCHMARKS.md: 8 epochs (any dropout or rate tried) stayed near
#: 98.2 % on the course's test half; 10 epochs with dropout 0.1 reached 98.30-98.40 % on 3 seeds.
FAST_CONFIG = NetworkConfig(
    dropout=0.1, optimizer="adam", learning_rate=0.003, schedule="cosine", batch_size=128, epochs=10
)
#: Named presets of the training page.
PRESETS: Mapping[str, NetworkConfig] = MappingProxyType({"course": COURSE_CONFIG, "fast": FAST_CONFIG})


def _learning_rate(config: NetworkConfig, train_size: int) -> Any:
    import keras

    if config.schedule == "cosine":
        decay_steps = config.epochs * config.steps_per_epoch(train_size)
        return keras.optimizers.schedules.CosineDecay(config.learning_rate, decay_steps=decay_steps)
    return config.learning_rate


def keras_optimizer(config: NetworkConfig, train_size: int = MNIST_TRAIN_SIZE) -> keras.optimizers.Optimizer:
    """The Keras optimizer of ``config`` (with its schedule), ready for ``compile``.

    Parameters
    ----------
    config : NetworkConfig
        The run's settings.
    train_size : int
        Training examples per epoch; the cosine schedule decays over
        ``epochs * ceil(train_size / batch_size)`` steps.
    """
    import keras

    rate = _learning_rate(config, train_size)
    if config.optimizer == "sgd":
        return keras.optimizers.SGD(learning_rate=rate)
    if config.optimizer == "momentum":
        return keras.optimizers.SGD(learning_rate=rate, momentum=config.momentum)
    if config.optimizer == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=rate, rho=config.rho, epsilon=config.epsilon)
    return keras.optimizers.Adam(
        learning_rate=rate, beta_1=config.beta_1, beta_2=config.beta_2, epsilon=config.epsilon
    )


def build_model(
    config: NetworkConfig,
    input_shape: tuple[int, ...] = (784,),
    *,
    train_size: int = MNIST_TRAIN_SIZE,
    compile_model: bool = True,
) -> keras.Model:
    """Build (and compile) the dense network ``config`` describes.

    ``Input -> [Dense(units, activation) -> Dropout]* -> Dense(10, softmax)``, compiled with
    sparse categorical cross-entropy (integer labels 0-9), accuracy and precision.
    Weights are initialised from ``config.seed``.

    Parameters
    ----------
    config : NetworkConfig
        The run's settings.
    input_shape : tuple of int
        Shape of one example; (784,) for flattened 28x28 MNIST images.
    train_size : int
        Training examples per epoch (sets the length of the cosine schedule).
    compile_model : bool
        Compile the model (default). ``False`` gives an uncompiled model, e.g. to load
        weights into and predict.

    Returns
    -------
    keras.Model
        A ``Sequential`` model named ``mnist_mlp``.
    """
    import keras

    from rna_core.backend import set_random_seed
    from rna_core.keras_parts import SparsePrecision

    if not isinstance(config, NetworkConfig):
        raise ValueError("build_model needs a NetworkConfig.")
    shape = tuple(int(n) for n in input_shape)
    if not shape or any(n < 1 for n in shape):
        raise ValueError(f"The input shape must be positive sizes, such as (784,); got {input_shape!r}.")
    set_random_seed(config.seed)
    layers: list[Any] = [keras.Input(shape=shape)]
    if len(shape) > 1:
        layers.append(keras.layers.Flatten())
    for index, units in enumerate(config.hidden_layers, start=1):
        layers.append(keras.layers.Dense(units, activation=config.activation, name=f"hidden_{index}"))
        if config.dropout > 0:
            layers.append(keras.layers.Dropout(config.dropout, seed=config.seed + index, name=f"dropout_{index}"))
    layers.append(keras.layers.Dense(NUM_CLASSES, activation="softmax", name="output"))
    model = keras.Sequential(layers, name="mnist_mlp")
    if compile_model:
        model.compile(
            optimizer=keras_optimizer(config, train_size),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy", SparsePrecision(NUM_CLASSES)],
        )
    return model


def parameter_count(config: NetworkConfig, inputs: int = 784) -> int:
    """Number of trainable parameters (weights and biases) of the network, without Keras."""
    sizes = (inputs, *config.hidden_layers, NUM_CLASSES)
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def batch_regime(batch_size: int, n_samples: int) -> tuple[str, int]:
    """Name the kind of gradient descent a batch size gives, and its iterations per epoch.

    Returns
    -------
    tuple
        ``("gd" | "minibatch" | "sgd", iterations)``: batch = all the data is (batch)
        gradient descent, batch = 1 is stochastic gradient descent, anything between
        is mini-batch gradient descent; ``iterations = ceil(n_samples / batch_size)``.
    """
    if not 1 <= batch_size <= n_samples:
        raise ValueError(f"The batch size must be between 1 and the number of examples ({n_samples:,}).")
    kind = "gd" if batch_size == n_samples else "sgd" if batch_size == 1 else "minibatch"
    return kind, math.ceil(n_samples / batch_size)


def layer_summary(config: NetworkConfig, inputs: int = 784) -> list[dict[str, Any]]:
    """The layers of ``config``'s network with their parameter counts (no Keras needed).

    Returns
    -------
    list of dict
        One dict per layer: ``kind`` (``"input"``, ``"hidden"``, ``"dropout"``,
        ``"output"``), ``index`` (1-based for hidden layers), ``units``, ``activation``,
        ``parameters`` (weights + biases), ``rate`` (dropout only).
    """
    rows: list[dict[str, Any]] = [{"kind": "input", "index": 0, "units": inputs, "activation": "", "parameters": 0}]
    previous = inputs
    for index, units in enumerate(config.hidden_layers, start=1):
        rows.append({"kind": "hidden", "index": index, "units": units, "activation": config.activation,
                     "parameters": previous * units + units})
        if config.dropout > 0:
            rows.append({"kind": "dropout", "index": index, "units": units, "activation": "", "parameters": 0,
                         "rate": config.dropout})
        previous = units
    rows.append({"kind": "output", "index": 0, "units": NUM_CLASSES, "activation": "softmax",
                 "parameters": previous * NUM_CLASSES + NUM_CLASSES})
    return rows
