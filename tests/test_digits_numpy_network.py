"""rna_core.digits.numpy_network: NumPy inference from the safe format, checked against Keras."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rna_core import digits
from rna_core.activations import HIDDEN_ACTIVATIONS
from rna_core.digits import handwriting, predict_proba, to_mnist

from .digit_drawings import draw_digit


@pytest.fixture(scope="module")
def network() -> digits.NumpyNetwork:
    return digits.load_default_model()


# -- prediction -------------------------------------------------------------------------------------


def test_predict_proba_rows_sum_to_one(network) -> None:
    images = np.random.default_rng(1).random((7, 28, 28), dtype=np.float32)
    probabilities = predict_proba(network, images)
    assert probabilities.shape == (7, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-9)
    assert (probabilities >= 0).all()


def test_predict_proba_rejects_wrong_shapes(network) -> None:
    with pytest.raises(ValueError, match=r"\(n, 28, 28\)"):
        predict_proba(network, np.zeros((2, 784), np.float32))


@pytest.mark.parametrize(("kind", "label"), [("one", 1), ("zero", 0), ("seven", 7)])
def test_default_model_reads_simple_drawings(network, kind: str, label: int) -> None:
    probabilities = predict_proba(network, to_mnist(draw_digit(kind))[None])[0]
    assert int(np.argmax(probabilities)) == label
    assert probabilities[label] > 0.5


def test_default_model_accuracy_on_mnist_test(network, mnist_path: str) -> None:
    from rna_core.data import load_mnist

    _, (x_test, y_test) = load_mnist(mnist_path)
    predicted = predict_proba(network, x_test[:2000].astype(np.float32) / 255).argmax(axis=1)
    assert np.mean(predicted == y_test[:2000]) >= 0.98


def test_default_model_accuracy_on_non_mnist_renderings(network) -> None:
    renderings = handwriting.make_test_set(per_digit=12, seed=123)
    images = np.stack([to_mnist(r.image) for r in renderings])
    labels = np.array([r.label for r in renderings])
    assert np.mean(predict_proba(network, images).argmax(axis=1) == labels) >= 0.88


@pytest.mark.keras
def test_numpy_forward_matches_keras_for_cnn_and_mlp() -> None:
    """Keras is the oracle: the NumPy copy must give the same probabilities and activations."""
    import keras

    keras.utils.set_random_seed(0)
    cnn = keras.Sequential([
        keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3, activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(6, 3, activation="tanh"), keras.layers.MaxPooling2D(2), keras.layers.Flatten(),
        keras.layers.Dropout(0.5), keras.layers.Dense(10, activation="softmax"),
    ])
    mlp = keras.Sequential([
        keras.Input((784,)), keras.layers.Dense(12, activation="sigmoid"), keras.layers.Dropout(0.2),
        keras.layers.Dense(8, activation="relu"), keras.layers.Dense(10, activation="softmax"),
    ])
    images = np.random.default_rng(2).random((5, 28, 28), dtype=np.float32)
    np.testing.assert_allclose(predict_proba(cnn, images), np.asarray(cnn(images[..., None])), atol=1e-5)
    np.testing.assert_allclose(predict_proba(mlp, images), np.asarray(mlp(images.reshape(5, 784))), atol=1e-5)
    hidden = digits.hidden_activations(mlp, images[0])
    assert [h.shape for h in hidden] == [(12,), (8,), (10,)]
    probe = keras.Model(mlp.inputs[0], mlp.layers[0].output)
    np.testing.assert_allclose(hidden[0], np.asarray(probe(images[:1].reshape(1, 784)))[0], atol=1e-5)
    with pytest.raises(ValueError, match="Dense layers only"):
        digits.hidden_activations(cnn, images[0])


def test_cnn_round_trips_through_the_safe_format_and_malformed_files_are_refused(tmp_path, network) -> None:
    from rna_core import model_files
    from rna_core.digits.cnn import CNN_INPUT_SHAPE, CNN_LAYERS

    weights = [w for layer in network.layers for w in layer.weights]
    model_files.save_layers(tmp_path, "copy", CNN_INPUT_SHAPE, CNN_LAYERS, weights)
    again = digits.load_network(tmp_path)
    images = np.random.default_rng(4).random((3, 28, 28), dtype=np.float32)
    np.testing.assert_array_equal(again(images), network(images))
    document = json.loads((tmp_path / "config.json").read_text())
    for broken in ({"type": "lambda"}, {"type": "dense", "units": 10, "activation": "exec"},
                   {"type": "conv2d", "filters": True, "kernel_size": 3, "activation": "relu"}):
        (tmp_path / "config.json").write_text(json.dumps({**document, "layers": [broken]}))
        with pytest.raises(ValueError):
            digits.load_network(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({**document, "layers": document["layers"][:-1]}))
    with pytest.raises(ValueError, match="malformed"):  # weights left over
        digits.load_network(tmp_path)
    with pytest.raises(FileNotFoundError, match="python -m rna_core.digits train"):
        digits.load_default_model(tmp_path / "missing")


@pytest.mark.keras
def test_shipped_cnn_matches_keras_built_from_the_same_files(network) -> None:
    """One format, two readers: the Keras builder and the NumPy network give the same numbers."""
    from rna_core.digits import cnn

    keras_model = cnn.load_keras()
    images = np.random.default_rng(6).random((3, 28, 28), dtype=np.float32)
    np.testing.assert_allclose(network(images), np.asarray(keras_model(images[..., None])), atol=1e-5)


@pytest.mark.keras
def test_feature_maps_match_keras_and_refuse_an_mlp(network) -> None:
    import keras

    from rna_core.digits import cnn

    keras_model = cnn.load_keras()
    image = to_mnist(draw_digit("seven"))
    maps = digits.feature_maps(network, image)
    assert maps.filters.shape == (32, 3, 3)
    probe = keras.Model(keras_model.inputs[0], [keras_model.layers[0].output, keras_model.layers[2].output])
    first, second = (np.asarray(o)[0] for o in probe(image[None, ..., None]))
    np.testing.assert_allclose(maps.maps[0], first.transpose(2, 0, 1), atol=1e-5)
    np.testing.assert_allclose(maps.maps[1], second.transpose(2, 0, 1), atol=1e-5)
    mlp = digits.from_layers([{"type": "dense", "units": 10, "activation": "softmax"}],
                             [np.zeros((784, 10)), np.zeros(10)])
    with pytest.raises(ValueError, match="convolution"):
        digits.feature_maps(mlp, image)


@pytest.mark.keras
@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_course_mlp_in_the_safe_format_runs_on_the_fast_path(tmp_path, activation: str) -> None:
    """The training page's models (rna_core.models) are read by the page's NumPy path, same numbers."""
    from rna_core import model_files, models

    config = models.NetworkConfig(hidden_layers=(16, 8), activation=activation, dropout=0.2, epochs=1)
    keras_model = models.build_model(config)
    model_files.save_safe(keras_model, config, tmp_path)
    network = digits.load_network(tmp_path)  # straight from the files: no Keras model in between
    images = np.random.default_rng(5).random((4, 28, 28), dtype=np.float32)
    np.testing.assert_allclose(network(images), np.asarray(keras_model(images.reshape(4, 784))), atol=1e-5)
    assert network.is_mlp and [h.shape for h in digits.hidden_activations(network, images[0])] == [(16,), (8,), (10,)]


def test_draw_modules_import_neither_streamlit_nor_keras() -> None:
    """The page's core (and loading the shipped model) never pulls in Streamlit or TensorFlow."""
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import sys, rna_core.digits, rna_core.digits.handwriting, rna_core.digits.numbers, "
        "rna_core.digits.finetune, rna_core.digits.augment, rna_core.digits.cnn, rna_core.uploads, "
        "rna_core.charts.draw; "
        "rna_core.digits.load_default_model(); "
        "print(','.join(m for m in ('streamlit', 'tensorflow', 'keras') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
