"""The Draw-a-digit page's default model: a small CNN trained on MNIST with augmentation.

Why not just the course's MLP? A network only knows the images it was trained on. Real
drawings reach it through :func:`rna_core.digits.to_mnist`, which scales and centres them,
but their strokes are thicker or thinner, their shapes wider, slanted or rotated. So half
of each epoch's images are MNIST digits changed the way handwriting changes (stroke width,
scale, aspect, slant, rotation, a small shift) and then put through the same crop / fit /
centre recipe as a drawing; the rest are plain MNIST. Convolutions, which look for
the same small stroke patterns everywhere in the image, make the most of this.

Command (the one that produced ``models/digits_cnn``)::

    nice -n 10 python -m rna_core.digits train --out models/digits_cnn

Keras is imported inside the functions that need it.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage

from rna_core import digits, handwriting
from rna_core.data import load_mnist


def build_cnn(seed: int = 42) -> Any:
    """Two convolution + max-pooling blocks, then a Dense layer: about 100k weights.

    Parameters
    ----------
    seed : int
        Seed of the initial weights.

    Returns
    -------
    keras.Model
        Compiled with Adam and sparse categorical cross-entropy (softmax output).
    """
    import keras

    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name="digits_cnn",
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def augment_one(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One MNIST digit written differently, then normalised like a drawing.

    Parameters
    ----------
    image : np.ndarray
        uint8 (28, 28) MNIST digit.
    rng : np.random.Generator
        Source of randomness.

    Returns
    -------
    np.ndarray
        float32 (28, 28) in [0, 1], as :func:`rna_core.digits.to_mnist` would give.
    """
    big = ndimage.zoom(image.astype(np.float32) / 255.0, 2, order=1)  # 56x56: room to change strokes
    choice = rng.random()
    if choice < 0.4:
        big = ndimage.grey_dilation(big, size=(int(rng.integers(2, 7)),) * 2)  # a thicker pen
    elif choice < 0.6:
        big = ndimage.grey_erosion(big, size=(2, 2))  # a thinner pen
    angle = np.radians(rng.uniform(-12, 12))
    shear = rng.uniform(-0.3, 0.3)
    scale_x, scale_y = rng.uniform(0.75, 1.25), rng.uniform(0.9, 1.1)
    cos, sin = np.cos(angle), np.sin(angle)
    forward = np.array([[cos, -sin], [sin, cos]]) @ np.array([[scale_y, 0.0], [shear, scale_x]])
    inverse = np.linalg.inv(forward)
    centre = np.array(big.shape) / 2.0
    offset = centre - inverse @ centre
    warped = ndimage.affine_transform(big, inverse, offset=offset, order=1, mode="constant")
    warped = np.clip(warped, 0.0, 1.0)
    if warped.max() < 0.2:
        return image.astype(np.float32) / 255.0
    ink = np.where(warped > 0.1, warped, 0.0)
    top, bottom, left, right = digits.bounding_box(ink)
    centred = digits.centre_by_mass(digits.fit_into_box(ink[top:bottom, left:right]))
    shift = rng.uniform(-1.0, 1.0, size=2)
    return np.clip(ndimage.shift(centred, shift, order=1, prefilter=False), 0.0, 1.0).astype(np.float32)


def augment(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """:func:`augment_one` for every image of a (n, 28, 28) uint8 batch."""
    return np.stack([augment_one(image, rng) for image in images])


def rendering_accuracy(network: Any, per_digit: int = 60, seed: int = 7) -> dict[str, float]:
    """Accuracy on :func:`rna_core.handwriting.make_test_set`, overall and per style/source."""
    renderings = handwriting.make_test_set(per_digit=per_digit, seed=seed)
    images = np.stack([digits.to_mnist(r.image) for r in renderings])
    predicted = digits.predict_proba(network, images).argmax(axis=1)
    labels = np.array([r.label for r in renderings])
    result = {"all": float(np.mean(predicted == labels))}
    for key in [*handwriting.STYLES, *handwriting.SOURCES]:
        chosen = np.array([key in (r.style, r.source) for r in renderings])
        result[key] = float(np.mean(predicted[chosen] == labels[chosen]))
    return result


def train(out: Path, epochs: int = 5, seed: int = 42, limit: int | None = None) -> dict[str, Any]:
    """Train the CNN, measure it and write ``model.keras``, ``architecture.json``, ``weights.npz``.

    Parameters
    ----------
    out : Path
        Output directory (created; files written atomically).
    epochs : int
        Passes over the training set; each has freshly augmented copies.
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
    (x_train, y_train), (x_test, y_test) = load_mnist()
    if limit:
        x_train, y_train = x_train[:limit], y_train[:limit]
    rng = np.random.default_rng(seed)
    model = build_cnn(seed)
    plain = x_train.astype(np.float32) / 255.0
    augmented = augment(x_train, rng)  # one changed copy of every digit, computed once
    print(f"augmentation done at {time.perf_counter() - start:.0f} s", flush=True)
    for epoch in range(epochs):
        # each epoch: all plain digits + a different half of the changed copies
        half = rng.permutation(len(x_train))[: len(x_train) // 2]
        x_epoch = np.concatenate([plain, augmented[half]])[..., None]
        y_epoch = np.concatenate([y_train, y_train[half]])
        order = rng.permutation(len(x_epoch))
        learning_rate = 1e-3 * (0.5 ** max(0, epoch - 2))  # halve after the third epoch
        model.optimizer.learning_rate.assign(learning_rate)
        model.fit(x_epoch[order], y_epoch[order], batch_size=128, epochs=1, verbose=2)
        print(f"epoch {epoch + 1}/{epochs} done at {time.perf_counter() - start:.0f} s", flush=True)
    train_seconds = time.perf_counter() - start

    network = digits.from_keras(model)
    test_images = x_test.astype(np.float32) / 255.0
    mnist_accuracy = float(np.mean(digits.predict_proba(network, test_images).argmax(axis=1) == y_test))
    renderings = rendering_accuracy(network)
    metrics = {
        "mnist_test_accuracy": mnist_accuracy,
        "rendering_accuracy": renderings,
        "epochs": epochs,
        "seed": seed,
        "training_images": int(len(x_train)),
        "train_seconds": round(train_seconds, 1),
        "parameters": int(model.count_params()),
        "keras_version": keras.__version__,
    }
    out.mkdir(parents=True, exist_ok=True)
    temporary = out / "model.tmp.keras"
    model.save(temporary)
    os.replace(temporary, out / "model.keras")
    digits.save_numpy_network(network, out)
    temporary_metrics = out / "metrics.json.tmp"
    temporary_metrics.write_text(json.dumps(metrics, indent=2))
    os.replace(temporary_metrics, out / "metrics.json")
    return metrics


def main(argv: Sequence[str]) -> int:
    """``python -m rna_core.digits train --out DIR [--epochs N] [--seed S] [--limit N]``."""
    parser = argparse.ArgumentParser(prog="python -m rna_core.digits", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    train_parser = commands.add_parser("train", help="train the default CNN and save it")
    train_parser.add_argument("--out", type=Path, default=digits.DEFAULT_MODEL_DIR)
    train_parser.add_argument("--epochs", type=int, default=5)
    train_parser.add_argument("--seed", type=int, default=42)
    train_parser.add_argument("--limit", type=int, default=None, help="use only the first N training images")
    evaluate_parser = commands.add_parser("evaluate", help="measure a saved model on MNIST and the renderings")
    evaluate_parser.add_argument("--model", type=Path, default=digits.DEFAULT_MODEL_DIR)
    args = parser.parse_args(argv)
    if args.command == "train":
        if args.epochs < 1:
            parser.error("--epochs must be at least 1")
        metrics = train(args.out, epochs=args.epochs, seed=args.seed, limit=args.limit)
    else:
        network = digits.load_default_model(args.model)
        (_, _), (x_test, y_test) = load_mnist()
        predicted = digits.predict_proba(network, x_test.astype(np.float32) / 255.0).argmax(axis=1)
        metrics = {"mnist_test_accuracy": float(np.mean(predicted == y_test)),
                   "rendering_accuracy": rendering_accuracy(network)}
    print(json.dumps(metrics, indent=2))
    return 0
