"""The exact Keras script of a training run, for students to copy and run on their own."""

from __future__ import annotations

from rna_core.data import MNIST_TRAIN_SIZE
from rna_core.models import NetworkConfig, is_whole_number


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
    if train_samples is not None and (not is_whole_number(train_samples) or not 1 <= train_samples <= MNIST_TRAIN_SIZE):
        raise ValueError(f"train_samples must be a whole number from 1 to {MNIST_TRAIN_SIZE:,}.")
    n_train = train_samples or MNIST_TRAIN_SIZE
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
        lines += [
            f"# A subset of {n_train:,} images keeping each digit's share (rna_core.data.training_subset).",
            f"order = np.random.default_rng({config.seed}).permutation(len(y_train))",
            "rank = np.empty(len(order))",
            "for digit in range(10):",
            "    members = np.flatnonzero(y_train[order] == digit)",
            "    rank[members] = (np.arange(len(members)) + 0.5) / len(members)",
            f"keep = order[np.argsort(rank, kind='stable')[:{n_train}]]",
            "x_train, y_train = x_train[keep], y_train[keep]",
        ]
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
