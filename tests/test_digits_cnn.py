"""rna_core.digits.augment, cnn and the command line: the shipped CNN's recipe."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from rna_core import model_files
from rna_core.digits import augment, cnn

from .conftest import ROOT


def test_augmented_digits_look_like_preprocessed_drawings(mnist_path: str) -> None:
    from rna_core.data import load_mnist

    (x_train, _), _ = load_mnist(mnist_path)
    images = augment.augment(x_train[:40], np.random.default_rng(0))
    assert images.shape == (40, 28, 28) and images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0
    rows, cols = np.indices((28, 28))
    for image in images:
        total = image.sum()
        assert abs((rows * image).sum() / total - 13.5) < 2.0 and abs((cols * image).sum() / total - 13.5) < 2.0
    assert not np.allclose(images, x_train[:40] / 255.0, atol=0.1)


def test_elastic_bend_keeps_the_picture_and_moves_the_strokes() -> None:
    image = np.zeros((56, 56), np.float32)
    image[10:46, 26:30] = 1.0
    bent = augment.elastic(image, np.random.default_rng(1), strength=2.0, smoothness=5.0)
    assert bent.shape == image.shape
    assert 0.7 < bent.sum() / image.sum() < 1.3
    assert not np.allclose(bent, image)


def test_keras_builder_reads_the_shipped_layer_list() -> None:
    document, weights = model_files.read_safe_folder(ROOT / "models" / "digits_cnn")
    layers = model_files.layer_list(document)
    assert layers == [dict(layer) for layer in cnn.CNN_LAYERS]
    model = cnn.build_keras(layers, document["input_shape"])
    assert model.count_params() == 225_034 == sum(w.size for w in weights)


def test_command_line_help_and_bad_epochs() -> None:
    run = [sys.executable, "-m", "rna_core.digits"]
    assert "train" in subprocess.run([*run, "--help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    bad = subprocess.run([*run, "train", "--epochs", "0", "--out", "/nonexistent"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "at least 1" in bad.stderr


@pytest.mark.parametrize("layer", [{"type": "dense", "units": 0, "activation": "relu"},
                                   {"type": "dropout", "rate": 1.5}, {"type": "maxpool2d", "pool_size": "2"}])
def test_invalid_layer_lists_are_refused(layer: dict) -> None:
    document = {"format": model_files.SAFE_FORMAT, "version": 1, "kind": model_files.LAYERS_KIND,
                "input_shape": [28, 28, 1], "layers": [layer]}
    with pytest.raises(ValueError, match="Layer 0"):
        model_files.layer_list(document)
