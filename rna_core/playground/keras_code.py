"""The playground's run as plain Keras: a script to copy, and the same model built in memory.

:func:`to_keras_code` writes a standalone script (NumPy + Keras only) that makes the same
points (it carries the data set's own generator, or the student's points), the same
features and split, and trains the same architecture with the same loss, optimizer,
penalty and batch size. :func:`keras_model` builds that model with a network's current
weights, so tests can compare our gradients with Keras's.
"""

from __future__ import annotations

import inspect

import numpy as np

from rna_core.playground.datasets import DATASETS
from rna_core.playground.experiment import DEFAULT_POINTS
from rna_core.playground.features import FEATURES
from rna_core.playground.network import MOMENTUM, Network
from rna_core.playground.settings import Settings

__all__ = ["keras_model", "to_keras_code"]


def _optimizer_code(name: str, learning_rate: float) -> str:
    return {
        "sgd": f"keras.optimizers.SGD(learning_rate={learning_rate!r})",
        "momentum": f"keras.optimizers.SGD(learning_rate={learning_rate!r}, momentum={MOMENTUM!r})",
        "adam": f"keras.optimizers.Adam(learning_rate={learning_rate!r})",
    }[name]


def _regularizer_code(name: str, rate: float) -> str:
    if name == "none" or rate == 0:
        return ""
    return f", kernel_regularizer=keras.regularizers.{name.upper()}({rate!r})"


def to_keras_code(settings: Settings, classes: int, *, epochs: int = 100,
                  custom: tuple[np.ndarray, np.ndarray] | None = None) -> str:
    """A runnable Python script that trains the playground's network with Keras.

    Parameters
    ----------
    settings : Settings
        The experiment.
    classes : int
        2 or 3, or 0 for regression (what the data holds).
    epochs : int
        Epochs the script trains.
    custom : (X, y), optional
        The student's points, written into the script, when ``settings.dataset == "custom"``.

    Returns
    -------
    str
        Python source code.
    """
    network = settings.network(classes)  # validates the settings, and names output and loss
    lines = ['"""Train the RNA Dashboard playground network with plain Keras."""', "", "import keras",
             "import numpy as np", "", f"keras.utils.set_random_seed({settings.seed})", ""]
    if settings.dataset == "custom":
        if custom is None:
            raise ValueError("The custom data set needs points.")
        X, y = custom
        lines += ["# Data: the points drawn or uploaded on the page (x1, x2) and their labels.",
                  f"X = np.array({np.round(X, 4).tolist()!r})",
                  f"y = np.array({(y.tolist() if classes else np.round(y, 4).tolist())!r})"]
    else:
        generator = DATASETS[settings.dataset].generator
        lines += [f"# Data: the playground's {settings.dataset!r} set, made by its own generator.",
                  inspect.getsource(generator).rstrip(), "",
                  f"X, y = {generator.__name__}({DEFAULT_POINTS}, {settings.noise!r}, "
                  f"np.random.default_rng({settings.seed}))"]
    columns = ", ".join(FEATURES[name].code for name in network.features)
    lines += [
        "",
        f"# Inputs of the network: {', '.join(FEATURES[name].label for name in network.features)}.",
        f"features = np.column_stack([{columns}])",
        "",
        f"# Same split as the page: shuffled with the seed, {settings.train_percent} % to train.",
        f"order = np.random.default_rng({settings.seed}).permutation(len(X))",
        f"cut = min(len(X) - 1, max(1, round(len(X) * {settings.train_percent / 100!r})))",
        "train, test = order[:cut], order[cut:]",
    ]
    target = "y"
    if network.loss_name == "mean_squared_error" and classes == 3:
        lines.append("y_target = keras.utils.to_categorical(y, 3)  # squared error compares one-hot rows")
        target = "y_target"
    regularizer = _regularizer_code(network.regularization, network.regularization_rate)
    lines += ["", "model = keras.Sequential([", f"    keras.Input(shape=({len(network.features)},)),"]
    lines += [f'    keras.layers.Dense({units}, activation="{network.activation}"{regularizer}),'
              for units in network.layers]
    lines.append(f'    keras.layers.Dense({network.outputs}, activation="{network.output_activation}"{regularizer}),')
    loss = network.loss_name
    if loss == "categorical_crossentropy":
        loss = "sparse_categorical_crossentropy"  # integer labels; the same cost as one-hot rows
    metrics = '["accuracy"]' if classes and network.loss_name != "mean_squared_error" else "[]"
    lines += [
        "])",
        "model.compile(",
        f"    optimizer={_optimizer_code(network.optimizer_name, network.learning_rate)},",
        f'    loss="{loss}",',
        f"    metrics={metrics},",
        ")",
        "history = model.fit(",
        f"    features[train], {target}[train],",
        f"    batch_size={settings.batch_size}, epochs={int(epochs)}, shuffle=True,",
        f"    validation_data=(features[test], {target}[test]), verbose=0,",
        ")",
        'print("train loss", history.history["loss"][-1], "test loss", history.history["val_loss"][-1])',
        "",
    ]
    return "\n".join(lines)


def keras_model(network: Network, dtype: str = "float32"):
    """The network as a ``keras.Sequential`` with the same weights, compiled with the same loss.

    The model's ``losses`` (after a call) hold the same L1/L2 penalty. ``dtype="float64"``
    gives Keras's numbers to the last digits (for tests). Imports Keras.
    """
    import keras

    regularizer = None
    if network.regularization != "none":
        regularizer = getattr(keras.regularizers, network.regularization.upper())(network.regularization_rate)
    model = keras.Sequential([keras.Input(shape=(len(network.features),), dtype=dtype)]
                             + [keras.layers.Dense(units, activation=network.activation, dtype=dtype,
                                                   kernel_regularizer=regularizer) for units in network.layers]
                             + [keras.layers.Dense(network.outputs, activation=network.output_activation,
                                                   dtype=dtype, kernel_regularizer=regularizer)])
    model.set_weights([np.asarray(p, dtype=dtype) for p in network.parameters()])
    model.compile(loss=network.loss_name)
    return model
