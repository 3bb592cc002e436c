"""The Draw-a-digit page's default model: a small CNN trained on MNIST with augmentation.

Why not just the course's MLP? A network only knows the images it was trained on. Real
drawings reach it through :func:`rna_core.digits.to_mnist`, which scales and centres them,
but their strokes are thicker or thinner, their shapes wider, slanted or rotated. So half
of each epoch's images are MNIST digits changed the way handwriting changes
(:mod:`rna_core.digits.augment`) and then put through the same crop / fit / centre recipe
as a drawing; the rest are plain MNIST. Convolutions, which look for the same small stroke
patterns everywhere in the image, make the most of this.

The network is described by a layer list (:data:`CNN_LAYERS`), the same list its
``config.json`` holds in the safe format: :func:`build_keras` turns any such list into a
Keras model, :func:`rna_core.digits.numpy_network.from_layers` into a NumPy one.

Command (the one that produced ``models/digits_cnn``)::

    nice -n 10 python -m rna_core.digits train --out models/digits_cnn

Keras is imported inside the functions that need it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rna_core import files, model_files
from rna_core.data import load_mnist
from rna_core.digits import handwriting
from rna_core.digits.augment import augment
from rna_core.digits.numpy_network import NumpyNetwork, from_keras, load_network, predict_proba
from rna_core.digits.preprocess import to_mnist

#: The shipped CNN, as the safe format's layer list (about 225k weights).
CNN_LAYERS: tuple[dict, ...] = (
    {"type": "conv2d", "filters": 32, "kernel_size": 3, "activation": "relu"},
    {"type": "maxpool2d", "pool_size": 2},
    {"type": "conv2d", "filters": 64, "kernel_size": 3, "activation": "relu"},
    {"type": "maxpool2d", "pool_size": 2},
    {"type": "flatten"},
    {"type": "dropout", "rate": 0.3},
    {"type": "dense", "units": 128, "activation": "relu"},
    {"type": "dropout", "rate": 0.3},
    {"type": "dense", "units": 10, "activation": "softmax"},
)
CNN_INPUT_SHAPE = (28, 28, 1)


def build_keras(layers: Sequence[dict] = CNN_LAYERS, input_shape: Sequence[int] = CNN_INPUT_SHAPE,
                seed: int = 42, name: str = "digits_cnn") -> Any:
    """A Keras model from a safe-format layer list, compiled with Adam and cross-entropy.

    Parameters
    ----------
    layers : sequence of dict
        Layer list (see :func:`rna_core.model_files.layer_list`).
    input_shape : sequence of int
        Shape of one input, e.g. (28, 28, 1).
    seed : int
        Seed of the initial weights.
    name : str
        The model's name.

    Returns
    -------
    keras.Model
    """
    import keras

    from rna_core.backend import set_random_seed

    set_random_seed(seed)
    built: list[Any] = [keras.Input(tuple(int(n) for n in input_shape))]
    for layer in layers:
        kind = layer["type"]
        if kind == "conv2d":
            built.append(keras.layers.Conv2D(layer["filters"], layer["kernel_size"], activation=layer["activation"]))
        elif kind == "maxpool2d":
            built.append(keras.layers.MaxPooling2D(layer["pool_size"]))
        elif kind == "flatten":
            built.append(keras.layers.Flatten())
        elif kind == "dropout":
            built.append(keras.layers.Dropout(layer["rate"]))
        elif kind == "dense":
            built.append(keras.layers.Dense(layer["units"], activation=layer["activation"]))
        else:
            raise ValueError(f"Unknown layer type {kind!r}.")
    model = keras.Sequential(built, name=name)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def load_keras(directory: str | Path | None = None) -> Any:
    """A safe-format CNN folder (default: the shipped model) as a Keras model."""
    from rna_core.digits.numpy_network import DEFAULT_MODEL_DIR

    document, weights = model_files.read_safe_folder(directory or DEFAULT_MODEL_DIR)
    model = build_keras(model_files.layer_list(document), document["input_shape"], name=str(document.get("name")))
    model.set_weights(weights)
    return model


def save(model: Any, directory: str | Path, layers: Sequence[dict] = CNN_LAYERS) -> Path:
    """Write ``model`` (built by :func:`build_keras` from ``layers``) in the safe format."""
    return model_files.save_layers(directory, model.name, CNN_INPUT_SHAPE, layers, model.get_weights())


def rendering_accuracy(network: Any, per_digit: int = 72, seed: int = 7) -> dict[str, float]:
    """Accuracy on :func:`rna_core.digits.handwriting.make_test_set`, overall and per style/source/variation."""
    renderings = handwriting.make_test_set(per_digit=per_digit, seed=seed)
    images = np.stack([to_mnist(r.image) for r in renderings])
    predicted = predict_proba(network, images).argmax(axis=1)
    labels = np.array([r.label for r in renderings])
    result = {"all": float(np.mean(predicted == labels))}
    for key in [*handwriting.STYLES, *handwriting.SOURCES, *handwriting.VARIATIONS]:
        chosen = np.array([key in (r.style, r.source, r.variation) for r in renderings])
        if chosen.any():
            result[key] = float(np.mean(predicted[chosen] == labels[chosen]))
    return result


def mnist_accuracy(network: NumpyNetwork, limit: int | None = None) -> float:
    """Accuracy on the MNIST test set (the first ``limit`` images, or all 10,000)."""
    _, (x_test, y_test) = load_mnist()
    x_test, y_test = x_test[:limit], y_test[:limit]
    return float(np.mean(predict_proba(network, x_test.astype(np.float32) / 255.0).argmax(axis=1) == y_test))


def train(out: Path, epochs: int = 5, seed: int = 42, limit: int | None = None) -> dict[str, Any]:
    """Train the CNN, measure it and write it in the safe format (+ ``model.keras`` for download).

    Parameters
    ----------
    out : Path
        Output directory (written atomically).
    epochs : int
        Passes over the training set; each has a different half of the augmented copies.
    seed : int
        Seed of the weights, the augmentation and the shuffling.
    limit : int, optional
        Use only the first ``limit`` training images (quick trials).

    Returns
    -------
    dict
        Accuracies (MNIST test, renderings) and the training time.
    """
    import keras

    start = time.perf_counter()
    (x_train, y_train), _ = load_mnist()
    if limit:
        x_train, y_train = x_train[:limit], y_train[:limit]
    rng = np.random.default_rng(seed)
    model = build_keras(seed=seed)
    plain = x_train.astype(np.float32) / 255.0
    augmented = augment(x_train, rng)  # one changed copy of every digit, computed once
    print(f"augmentation done at {time.perf_counter() - start:.0f} s", flush=True)
    for epoch in range(epochs):
        half = rng.permutation(len(x_train))[: len(x_train) // 2]
        x_epoch = np.concatenate([plain, augmented[half]])[..., None]
        y_epoch = np.concatenate([y_train, y_train[half]])
        order = rng.permutation(len(x_epoch))
        model.optimizer.learning_rate.assign(1e-3 * (0.5 ** max(0, epoch - 2)))  # halve after the third epoch
        model.fit(x_epoch[order], y_epoch[order], batch_size=128, epochs=1, verbose=2)
        print(f"epoch {epoch + 1}/{epochs} done at {time.perf_counter() - start:.0f} s", flush=True)
    train_seconds = time.perf_counter() - start
    network = from_keras(model)
    metrics = {
        "mnist_test_accuracy": mnist_accuracy(network),
        "rendering_accuracy": rendering_accuracy(network),
        "epochs": epochs, "seed": seed, "training_images": int(len(x_train)),
        "train_seconds": round(train_seconds, 1), "parameters": int(model.count_params()),
        "keras_version": keras.__version__,
    }
    save(model, out)
    files.atomic_write(Path(out) / "model.keras", model_files.keras_file_bytes(model))
    files.write_json(Path(out) / "metrics.json", metrics, indent=2)
    return metrics


def evaluate(directory: Path) -> dict[str, Any]:
    """MNIST test and rendering accuracy of a saved model folder."""
    network = load_network(directory)
    return {"mnist_test_accuracy": mnist_accuracy(network), "rendering_accuracy": rendering_accuracy(network)}

