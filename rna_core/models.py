"""The course's MNIST network as a validated configuration, a Keras model and safe files.

:class:`NetworkConfig` describes one training run (architecture, optimizer, schedule,
batch size, epochs, seed). :func:`build_model` turns it into a compiled Keras model,
:func:`to_keras_code` into a standalone script that reproduces the run, and
:func:`save_safe` / :func:`load_safe` store a trained model as ``config.json`` plus
``weights.npz`` — plain data that our code rebuilds, never unpickled or deserialized.

Keras is imported lazily inside the functions that need it: importing this module is cheap.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    import keras

#: Activations a hidden layer may use (Keras names).
ACTIVATIONS: tuple[str, ...] = ("relu", "leaky_relu", "elu", "tanh", "sigmoid", "linear")
#: Optimizers: plain SGD, SGD with momentum (``momentum`` field), RMSprop and Adam.
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "rmsprop", "adam")
#: Learning-rate schedules: constant, or cosine decay from ``learning_rate`` to 0 over the run.
SCHEDULES: tuple[str, ...] = ("none", "cosine")
#: Number of classes of MNIST (the softmax output layer).
NUM_CLASSES = 10
#: Size of the course's training set (all 60,000 MNIST training images).
TRAIN_SIZE = 60_000

MAX_LAYERS = 8
MAX_UNITS = 4096
MAX_EPOCHS = 500
MAX_BATCH_SIZE = 60_000
#: Format tag and version written into ``config.json`` by :func:`save_safe`.
SAFE_FORMAT = "rna-dashboard-model"
SAFE_FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"
#: Size caps of the safe format (the course network is about 1 MB of weights).
MAX_CONFIG_BYTES = 64 * 1024
MAX_WEIGHTS_BYTES = 64 * 1024 * 1024
#: File endings that hold executable or pickled objects: refused on upload.
UNSAFE_SUFFIXES: tuple[str, ...] = (".keras", ".h5", ".hdf5", ".pkl", ".pickle", ".joblib", ".pt", ".pb")


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
        Activation of the hidden layers, one of :data:`ACTIVATIONS`.
    dropout : float
        Fraction of a hidden layer's outputs switched off at random while training
        (a ``Dropout`` after each hidden layer); 0 means no dropout.
    optimizer : str
        One of :data:`OPTIMIZERS`. ``"momentum"`` is Keras ``SGD`` with ``momentum``.
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
        if not isinstance(layers, tuple) or not all(_is_int(units) for units in layers):
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
        _check_choice("activation", self.activation, ACTIVATIONS)
        _check_choice("optimizer", self.optimizer, OPTIMIZERS)
        _check_choice("schedule", self.schedule, SCHEDULES)
        _check_number("dropout", self.dropout, 0.0, 0.9, "a fraction from 0 (no dropout) to 0.9")
        _check_number("learning_rate", self.learning_rate, 0.0, 10.0, "greater than 0 and at most 10", open_low=True)
        _check_number("momentum", self.momentum, 0.0, 0.9999, "from 0 to just below 1")
        _check_number("rho", self.rho, 0.0, 0.9999, "from 0 to just below 1")
        _check_number("beta_1", self.beta_1, 0.0, 0.9999, "from 0 to just below 1")
        _check_number("beta_2", self.beta_2, 0.0, 0.99999, "from 0 to just below 1")
        _check_number("epsilon", self.epsilon, 0.0, 1.0, "greater than 0 and at most 1", open_low=True)
        if not _is_int(self.batch_size) or not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ValueError(
                f"The batch size must be a whole number from 1 to {MAX_BATCH_SIZE:,} examples "
                f"(got {self.batch_size!r})."
            )
        if not _is_int(self.epochs) or not 1 <= self.epochs <= MAX_EPOCHS:
            raise ValueError(
                f"The number of epochs must be a whole number from 1 to {MAX_EPOCHS} "
                f"(got {self.epochs!r}): with 0 epochs the network never sees the data."
            )
        if not _is_int(self.seed) or not 0 <= self.seed < 2**31:
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

    def steps_per_epoch(self, n_samples: int = TRAIN_SIZE) -> int:
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
            if name in values and _is_int(values[name]):
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


def _is_int(value: object) -> bool:
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


def make_optimizer(config: NetworkConfig, train_size: int = TRAIN_SIZE) -> keras.optimizers.Optimizer:
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
    train_size: int = TRAIN_SIZE,
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

    from rna_core.keras_parts import SparsePrecision

    if not isinstance(config, NetworkConfig):
        raise ValueError("build_model needs a NetworkConfig.")
    shape = tuple(int(n) for n in input_shape)
    if not shape or any(n < 1 for n in shape):
        raise ValueError(f"The input shape must be positive sizes, such as (784,); got {input_shape!r}.")
    keras.utils.set_random_seed(config.seed)
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
            optimizer=make_optimizer(config, train_size),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy", SparsePrecision(NUM_CLASSES)],
        )
    return model


def parameter_count(config: NetworkConfig, inputs: int = 784) -> int:
    """Number of trainable parameters (weights and biases) of the network, without Keras."""
    sizes = (inputs, *config.hidden_layers, NUM_CLASSES)
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def to_keras_code(config: NetworkConfig, *, train_samples: int | None = None) -> str:
    """A standalone Python script that reproduces the run with plain Keras.

    The script loads MNIST (from ``$RNA_MNIST_PATH`` when set, else Keras downloads it),
    splits the test set into validation and test halves, trains, evaluates on the test
    half and saves ``mnist_mlp.keras``.

    Parameters
    ----------
    config : NetworkConfig
        The run to reproduce.
    train_samples : int, optional
        Train on only the first ``train_samples`` training images (a quick check).

    Returns
    -------
    str
        Python source code.
    """
    if train_samples is not None and (not _is_int(train_samples) or not 1 <= train_samples <= TRAIN_SIZE):
        raise ValueError(f"train_samples must be a whole number from 1 to {TRAIN_SIZE:,}.")
    n_train = train_samples or TRAIN_SIZE
    config.check_data_size(n_train)
    lines = [
        '"""Train the RNA Dashboard MNIST network with plain Keras."""',
        "",
        "import math",
        "import os",
        "",
        "import keras",
        "import numpy as np",
        "",
        f"keras.utils.set_random_seed({config.seed})",
        "",
        "# Data: 60,000 training images; the 10,000 test images halved into validation + test.",
        'path = os.environ.get("RNA_MNIST_PATH")',
        "if path:",
        "    with np.load(path) as data:",
        '        x_train, y_train, x_test, y_test = (data[k] for k in ("x_train", "y_train", "x_test", "y_test"))',
        "else:",
        "    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()",
    ]
    if train_samples is not None:
        lines.append(f"x_train, y_train = x_train[:{n_train}], y_train[:{n_train}]")
    lines += [
        "x_train = x_train.reshape(len(x_train), 784).astype('float32') / 255.0  # same scaling for every image",
        "x_test = x_test.reshape(len(x_test), 784).astype('float32') / 255.0",
        f"order = np.random.default_rng({config.seed}).permutation(len(x_test))",
        "half = len(order) // 2",
        "x_val, y_val = x_test[order[:half]], y_test[order[:half]]",
        "x_test, y_test = x_test[order[half:]], y_test[order[half:]]",
        "",
        "# The network: dense hidden layers, softmax output over the 10 digits.",
        "model = keras.Sequential([",
        "    keras.Input(shape=(784,)),",
    ]
    for index, units in enumerate(config.hidden_layers, start=1):
        lines.append(f'    keras.layers.Dense({units}, activation="{config.activation}"),')
        if config.dropout > 0:
            lines.append(f"    keras.layers.Dropout({config.dropout!r}, seed={config.seed + index}),")
    lines += ['    keras.layers.Dense(10, activation="softmax"),', "])", "model.summary()", ""]
    batch = config.batch_size
    if config.schedule == "cosine":
        lines += [
            f"steps = {config.epochs} * math.ceil(len(x_train) / {batch})",
            f"learning_rate = keras.optimizers.schedules.CosineDecay({config.learning_rate!r}, decay_steps=steps)",
        ]
    else:
        lines.append(f"learning_rate = {config.learning_rate!r}")
    optimizer = {
        "sgd": "keras.optimizers.SGD(learning_rate=learning_rate)",
        "momentum": f"keras.optimizers.SGD(learning_rate=learning_rate, momentum={config.momentum!r})",
        "rmsprop": f"keras.optimizers.RMSprop(learning_rate=learning_rate, rho={config.rho!r}, "
        f"epsilon={config.epsilon!r})",
        "adam": f"keras.optimizers.Adam(learning_rate=learning_rate, beta_1={config.beta_1!r}, "
        f"beta_2={config.beta_2!r}, epsilon={config.epsilon!r})",
    }[config.optimizer]
    lines += [
        "",
        "# Integer labels 0-9 -> sparse categorical cross-entropy (softmax output, from_logits=False).",
        "model.compile(",
        f"    optimizer={optimizer},",
        '    loss="sparse_categorical_crossentropy",',
        '    metrics=["accuracy"],',
        ")",
        "history = model.fit(",
        "    x_train, y_train,",
        f"    batch_size={batch}, epochs={config.epochs},",
        "    validation_data=(x_val, y_val),",
        ")",
        "",
        "# evaluate returns the loss, then the metrics in the order they were compiled.",
        "test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)",
        'print(f"test_loss={test_loss:.4f} test_accuracy={test_accuracy:.4f}")',
        'model.save("mnist_mlp.keras")  # Keras 3 needs the .keras extension',
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- safe format


class UnsafeModelFileError(ValueError):
    """A model file the app refuses to open (``.keras``, ``.h5``, pickle...); ``filename`` names it."""

    def __init__(self, message: str, filename: str) -> None:
        super().__init__(message)
        self.filename = filename


class MissingModelFileError(ValueError):
    """An upload that lacks ``config.json`` or ``weights.npz`` (or has several of one)."""


def refuse_unsafe_upload(filename: str) -> None:
    """Raise :class:`UnsafeModelFileError` for model files that cannot be loaded safely on a server.

    ``.keras``, ``.h5`` and pickle files can carry code that runs while they are loaded
    (Keras ``safe_mode`` has been bypassed several times), so the app only imports the
    project's safe format: ``config.json`` + ``weights.npz``.
    """
    name = str(filename).lower()
    for suffix in UNSAFE_SUFFIXES:
        if name.endswith(suffix):
            raise UnsafeModelFileError(
                f"'{filename}' is a {suffix} file. The app does not open {suffix} files: loading them "
                "can run code hidden inside, which is unsafe on a shared server. Upload the safe "
                f"format instead: {CONFIG_FILE} (the settings) and {WEIGHTS_FILE} (the weights).",
                str(filename),
            )


def load_uploaded(files: Sequence[tuple[str, bytes]]) -> tuple[keras.Model, NetworkConfig]:
    """Rebuild a model from uploaded files ``(name, content)``: one ``.json`` and one ``.npz``.

    Raises
    ------
    UnsafeModelFileError
        If any file is a ``.keras``, ``.h5`` or pickle file (refused, never opened).
    MissingModelFileError
        Unless there is exactly one ``.json`` and one ``.npz`` file.
    ValueError
        If the files are invalid (see :func:`load_safe_bytes`).
    """
    for name, _ in files:
        refuse_unsafe_upload(name)
    configs = [data for name, data in files if name.lower().endswith(".json")]
    weights = [data for name, data in files if name.lower().endswith(".npz")]
    if len(configs) != 1 or len(weights) != 1:
        raise MissingModelFileError(f"Upload exactly one {CONFIG_FILE} and one {WEIGHTS_FILE}.")
    return load_safe_bytes(configs[0], weights[0])


def config_json(model: keras.Model, config: NetworkConfig) -> bytes:
    """The ``config.json`` of the safe format for ``model`` trained with ``config``."""
    input_shape = [int(n) for n in model.inputs[0].shape[1:]]
    document = {
        "format": SAFE_FORMAT,
        "version": SAFE_FORMAT_VERSION,
        "input_shape": input_shape,
        "config": config.to_dict(),
        "weights": [list(map(int, w.shape)) for w in model.get_weights()],
    }
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def weights_npz(model: keras.Model) -> bytes:
    """The ``weights.npz`` of the safe format: arrays ``w000, w001, ...`` in layer order (float32)."""
    buffer = io.BytesIO()
    arrays = {f"w{index:03d}": np.asarray(w, dtype=np.float32) for index, w in enumerate(model.get_weights())}
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path`` and rename it over ``path``."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; saved models are meant to be shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_safe(model: keras.Model, config: NetworkConfig, directory: str | os.PathLike[str]) -> Path:
    """Save ``model`` as ``directory/config.json`` + ``directory/weights.npz``, atomically as a pair.

    Both files are written into a fresh hidden folder beside ``directory``, which then
    replaces ``directory`` by renames only. A crash at any moment leaves either the old
    complete pair or the new complete pair (or, in the instant between two renames, no
    folder at all, which loading reports as "not found") — never a half-written file, and
    never new weights beside an old configuration. Leftovers of a crashed save are hidden
    folders (``.name.*.new`` / ``.name.*.old``), removed by the next save. Other files
    already in ``directory`` (a README, metrics) are carried over into the new folder.

    Returns
    -------
    Path
        The directory.
    """
    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.new"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.*.old"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new"))
    try:
        atomic_write(staging / WEIGHTS_FILE, weights_npz(model))
        atomic_write(staging / CONFIG_FILE, config_json(model, config))
        if target.is_dir():
            for other in target.iterdir():
                if other.is_file() and other.name not in (WEIGHTS_FILE, CONFIG_FILE):
                    shutil.copy2(other, staging / other.name)
        if target.exists():
            retired = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, retired / target.name)
            os.replace(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # still there only if a step above failed
    return target


def parse_config_json(data: bytes) -> tuple[NetworkConfig, tuple[int, ...]]:
    """Validate a safe-format ``config.json`` and return ``(config, input_shape)``.

    Raises
    ------
    ValueError
        If the file is too large, not JSON, not our format, or holds invalid settings.
    """
    if len(data) > MAX_CONFIG_BYTES:
        raise ValueError(f"{CONFIG_FILE} is too large ({len(data):,} bytes; at most {MAX_CONFIG_BYTES:,}).")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{CONFIG_FILE} is not valid JSON: {error}") from error
    if not isinstance(document, dict) or document.get("format") != SAFE_FORMAT:
        raise ValueError(f"{CONFIG_FILE} is not an RNA Dashboard model (its 'format' is not '{SAFE_FORMAT}').")
    if document.get("version") != SAFE_FORMAT_VERSION:
        raise ValueError(f"{CONFIG_FILE} has version {document.get('version')!r}; this app reads version 1.")
    shape = document.get("input_shape", [784])
    if not isinstance(shape, list) or shape not in ([784], [28, 28]):
        raise ValueError(f"The model's input shape must be [784] or [28, 28]; got {shape!r}.")
    return NetworkConfig.from_dict(document.get("config", {})), tuple(shape)


def parse_weights_npz(data: bytes) -> list[np.ndarray]:
    """Read a safe-format ``weights.npz`` (no pickles) into a list of float32 arrays.

    Raises
    ------
    ValueError
        If the file is too large, unreadable, holds objects or non-finite numbers.
    """
    if len(data) > MAX_WEIGHTS_BYTES:
        raise ValueError(f"{WEIGHTS_FILE} is too large ({len(data):,} bytes; at most {MAX_WEIGHTS_BYTES:,}).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ValueError(f"{WEIGHTS_FILE} is not a NumPy .npz file (not a zip archive).") from error
    if unpacked > MAX_WEIGHTS_BYTES:
        raise ValueError(f"{WEIGHTS_FILE} unpacks to {unpacked:,} bytes; at most {MAX_WEIGHTS_BYTES:,}.")
    arrays: list[np.ndarray] = []
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            names = sorted(archive.files)
            expected = [f"w{index:03d}" for index in range(len(names))]
            if names != expected:
                raise ValueError(f"{WEIGHTS_FILE} must hold arrays named w000, w001, ... (found {names[:5]}).")
            for name in names:
                try:
                    array = archive[name]
                except Exception as error:  # object arrays (pickles) are refused by allow_pickle=False
                    raise ValueError(
                        f"{WEIGHTS_FILE}: array {name} could not be read; only plain numbers are allowed, "
                        f"never pickled objects ({error})."
                    ) from error
                if array.dtype.kind != "f":
                    raise ValueError(f"{WEIGHTS_FILE}: array {name} is not made of decimal numbers ({array.dtype}).")
                arrays.append(array.astype(np.float32))
    except ValueError:
        raise
    except Exception as error:  # truncated files, pickled objects refused...
        raise ValueError(f"{WEIGHTS_FILE} could not be read as a NumPy .npz file: {error}") from error
    if not all(np.isfinite(array).all() for array in arrays):
        raise ValueError(f"{WEIGHTS_FILE} holds NaN or infinite weights: the model is broken.")
    return arrays


def load_safe_bytes(config_data: bytes, weights_data: bytes) -> tuple[keras.Model, NetworkConfig]:
    """Rebuild a model from the bytes of ``config.json`` and ``weights.npz`` (e.g. an upload).

    Returns
    -------
    tuple
        ``(model, config)``: a compiled Keras model with the loaded weights.

    Raises
    ------
    ValueError
        If either file is invalid or the weights do not fit the described network.
    """
    config, input_shape = parse_config_json(config_data)
    weights = parse_weights_npz(weights_data)
    model = build_model(config, input_shape)
    expected = [tuple(w.shape) for w in model.get_weights()]
    found = [tuple(w.shape) for w in weights]
    if expected != found:
        raise ValueError(
            f"The weights do not fit the network in {CONFIG_FILE}: expected {len(expected)} arrays "
            f"shaped {expected[:4]}..., found {len(found)} shaped {found[:4]}..."
        )
    model.set_weights(weights)
    return model, config


def load_safe(directory: str | os.PathLike[str]) -> tuple[keras.Model, NetworkConfig]:
    """Load a model saved by :func:`save_safe` (validated; nothing is unpickled).

    Returns
    -------
    tuple
        ``(model, config)``.
    """
    source = Path(directory)
    paths = [source / CONFIG_FILE, source / WEIGHTS_FILE]
    for path in paths:
        if not path.is_file():
            raise ValueError(f"No {path.name} in {source}: a saved model needs {CONFIG_FILE} and {WEIGHTS_FILE}.")
    caps = (MAX_CONFIG_BYTES, MAX_WEIGHTS_BYTES)
    for path, cap in zip(paths, caps, strict=True):
        if path.stat().st_size > cap:
            raise ValueError(f"{path} is too large ({path.stat().st_size:,} bytes; at most {cap:,}).")
    return load_safe_bytes(paths[0].read_bytes(), paths[1].read_bytes())


def keras_file_bytes(model: keras.Model) -> bytes:
    """The model as a ``.keras`` file (for download, to use in plain Keras).

    The copy holds the architecture and weights only (no compile settings), so it loads
    with ``keras.models.load_model`` without any of this project's code.
    """
    import keras

    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        clone.save(path)
        return path.read_bytes()
