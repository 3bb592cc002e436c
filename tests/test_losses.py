"""rna_core.losses: agrees with keras.losses (float64), finite differences, edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.losses import (
    LOSSES,
    binary_crossentropy,
    binary_crossentropy_grad,
    categorical_crossentropy,
    categorical_crossentropy_grad,
    get_loss,
    mean_squared_error,
    mean_squared_error_grad,
    sparse_categorical_crossentropy,
    sparse_categorical_crossentropy_grad,
)

from .conftest import TENSORFLOW_ONLY

keras = pytest.importorskip("keras")
pytestmark = pytest.mark.keras

KERAS_EPS = 1e-7  # keras.config.epsilon(): what Keras clips probabilities with
RNG = np.random.default_rng(44)


def keras_mean(loss, y_true, y_pred) -> float:
    """Keras' per-sample loss averaged over the batch (the reported value)."""
    t = keras.ops.convert_to_tensor(y_true, dtype="float64")
    p = keras.ops.convert_to_tensor(y_pred, dtype="float64")
    return float(np.mean(keras.ops.convert_to_numpy(loss(t, p))))


def random_distributions(m: int, n: int) -> np.ndarray:
    logits = RNG.normal(0, 2, (m, n))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_registry_names():
    assert set(LOSSES) == {
        "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy", "mean_squared_error",
    }
    assert get_loss("mean_squared_error").value([1.0], [3.0]) == 4.0


@pytest.mark.parametrize("shape", [(50,), (20, 1), (10, 3)])
def test_binary_crossentropy_matches_keras(shape):
    y = RNG.integers(0, 2, shape).astype(np.float64)
    p = RNG.uniform(0.001, 0.999, shape)
    expected = keras_mean(keras.losses.binary_crossentropy, y, p)
    assert binary_crossentropy(y, p) == pytest.approx(expected, abs=1e-6)
    # hand check of the formula with both terms (the course text gets the first one wrong)
    assert binary_crossentropy([1.0, 0.0], [0.8, 0.3]) == pytest.approx(-(np.log(0.8) + np.log(0.7)) / 2)


def test_binary_crossentropy_soft_labels_match_keras():
    y = RNG.uniform(0, 1, 30)
    p = RNG.uniform(0.01, 0.99, 30)
    assert binary_crossentropy(y, p) == pytest.approx(keras_mean(keras.losses.binary_crossentropy, y, p), abs=1e-6)


def test_categorical_crossentropy_matches_keras():
    p = random_distributions(12, 4)
    y = np.eye(4)[RNG.integers(0, 4, 12)]
    expected = keras_mean(keras.losses.categorical_crossentropy, y, p)
    assert categorical_crossentropy(y, p) == pytest.approx(expected, abs=1e-6)


def test_sparse_categorical_crossentropy_matches_keras():
    p = random_distributions(15, 10)
    labels = RNG.integers(0, 10, 15)
    expected = keras_mean(keras.losses.sparse_categorical_crossentropy, labels, p)
    assert sparse_categorical_crossentropy(labels, p) == pytest.approx(expected, abs=1e-6)
    assert sparse_categorical_crossentropy(labels[:, None], p) == pytest.approx(expected, abs=1e-6)
    assert sparse_categorical_crossentropy(labels, p) == pytest.approx(categorical_crossentropy(np.eye(10)[labels], p))


@pytest.mark.parametrize("shape", [(40,), (8, 3)])
def test_mean_squared_error_matches_keras(shape):
    y, p = RNG.normal(size=shape), RNG.normal(size=shape)
    expected = keras_mean(keras.losses.mean_squared_error, y, p)
    assert mean_squared_error(y, p) == pytest.approx(expected, abs=1e-6)


@TENSORFLOW_ONLY
def test_edge_predictions_are_finite_and_match_keras_with_its_eps():
    y = np.array([1.0, 0.0, 1.0, 0.0])
    p = np.array([0.0, 1.0, 1.0, 0.0])  # two certain mistakes, two certain hits
    value = binary_crossentropy(y, p)
    assert np.isfinite(value) and value > 10  # float64 eps: -log(2.2e-16) ~ 36 per mistake
    assert np.all(np.isfinite(binary_crossentropy_grad(y, p)))
    expected = keras_mean(keras.losses.binary_crossentropy, y, p)
    assert binary_crossentropy(y, p, eps=KERAS_EPS) == pytest.approx(expected, abs=1e-6)

    one_hot = np.eye(4)
    certain_wrong = np.roll(one_hot, 1, axis=1)
    for pred in (one_hot, certain_wrong):
        assert np.isfinite(categorical_crossentropy(one_hot, pred))
        assert np.all(np.isfinite(categorical_crossentropy_grad(one_hot, pred)))
        expected = keras_mean(keras.losses.categorical_crossentropy, one_hot, pred)
        assert categorical_crossentropy(one_hot, pred, eps=KERAS_EPS) == pytest.approx(expected, abs=1e-6)
        assert np.isfinite(sparse_categorical_crossentropy([0, 1, 2, 3], pred))
    assert categorical_crossentropy(one_hot, one_hot) == pytest.approx(0.0, abs=1e-12)


def test_float32_predictions_clip_with_float32_eps():
    value = binary_crossentropy([1.0], np.array([0.0], dtype=np.float32))
    assert value == pytest.approx(-np.log(np.finfo(np.float32).eps))
    assert binary_crossentropy_grad([1.0], np.array([0.5], dtype=np.float32)).dtype == np.float32


def numeric_gradient(function, y_true, y_pred, h=1e-6):
    grad = np.zeros_like(y_pred)
    for index in np.ndindex(y_pred.shape):
        up, down = y_pred.copy(), y_pred.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (function(y_true, up) - function(y_true, down)) / (2 * h)
    return grad


def test_gradients_match_finite_differences():
    y = RNG.integers(0, 2, (6, 2)).astype(np.float64)
    p = RNG.uniform(0.05, 0.95, (6, 2))
    np.testing.assert_allclose(binary_crossentropy_grad(y, p), numeric_gradient(binary_crossentropy, y, p), atol=1e-6)

    p = random_distributions(5, 4)
    y = np.eye(4)[RNG.integers(0, 4, 5)]
    np.testing.assert_allclose(
        categorical_crossentropy_grad(y, p), numeric_gradient(categorical_crossentropy, y, p), rtol=1e-5, atol=1e-6
    )
    labels = RNG.integers(0, 4, 5)
    np.testing.assert_allclose(
        sparse_categorical_crossentropy_grad(labels, p),
        numeric_gradient(sparse_categorical_crossentropy, labels, p),
        rtol=1e-5,
        atol=1e-6,
    )
    y, p = RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))
    np.testing.assert_allclose(mean_squared_error_grad(y, p), numeric_gradient(mean_squared_error, y, p), atol=1e-6)


@TENSORFLOW_ONLY
def test_gradients_match_keras_autodiff():
    import tensorflow as tf

    y = RNG.integers(0, 2, (7,)).astype(np.float64)
    p = tf.Variable(RNG.uniform(0.05, 0.95, (7,)))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(keras.losses.binary_crossentropy(tf.constant(y), p))
    np.testing.assert_allclose(binary_crossentropy_grad(y, p.numpy()), tape.gradient(loss, p).numpy(), atol=1e-6)

    y, q = RNG.normal(size=(5, 2)), tf.Variable(RNG.normal(size=(5, 2)))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(keras.losses.mean_squared_error(tf.constant(y), q))
    np.testing.assert_allclose(mean_squared_error_grad(y, q.numpy()), tape.gradient(loss, q).numpy(), atol=1e-6)


def test_softmax_plus_crossentropy_gradient_is_p_minus_y():
    from rna_core.activations import softmax, softmax_jacobian

    logits = RNG.normal(size=4)
    y = np.eye(4)[2]
    p = softmax(logits)
    grad_logits = softmax_jacobian(logits).T @ categorical_crossentropy_grad(y, p)
    np.testing.assert_allclose(grad_logits, p - y, atol=1e-12)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: binary_crossentropy([1, 0], [0.5]), "same shape"),
        (lambda: binary_crossentropy([1, 0], [0.5, 1.5]), "between 0 and 1"),
        (lambda: binary_crossentropy([2, 0], [0.5, 0.5]), "labels"),
        (lambda: binary_crossentropy([], []), "empty"),
        (lambda: binary_crossentropy([1.0], [float("nan")]), "finite"),
        (lambda: binary_crossentropy(["a"], [0.5]), "numbers"),
        (lambda: categorical_crossentropy([[1, 0]], [[0.9, 0.9]]), "sum to 1"),
        (lambda: sparse_categorical_crossentropy([3], [[0.5, 0.5]]), "from 0 to 1"),
        (lambda: sparse_categorical_crossentropy([0.5], [[0.5, 0.5]]), "whole"),
        (lambda: sparse_categorical_crossentropy([0, 1], [[0.5, 0.5]]), "one class index"),
        (lambda: mean_squared_error([1, 2], [[1, 2]]), "same shape"),
        (lambda: binary_crossentropy([1], [0.5], eps=0), "eps"),
        (lambda: get_loss("hinge2"), "Unknown loss"),
    ],
)
def test_invalid_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
