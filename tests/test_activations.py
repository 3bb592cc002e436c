"""rna_core.activations: agrees with keras.activations (float64) and finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.activations import (
    ACTIVATIONS,
    DEFAULT_LEAKY_ALPHA,
    HIDDEN_ACTIVATIONS,
    check_z_range,
    get_activation,
    leaky_relu,
    low_slope_intervals,
    sigmoid,
    softmax,
    softmax_jacobian,
)

from .conftest import TENSORFLOW_ONLY

keras = pytest.importorskip("keras")
pytestmark = pytest.mark.keras

RNG = np.random.default_rng(4)
Z = np.concatenate([RNG.normal(0, 4, 200), [-30.0, -5.5, -1e-3, 1e-3, 2.0, 30.0]])
# Points away from the kinks (z = 0) of relu, leaky relu, heaviside and sign.
Z_SMOOTH = Z[np.abs(Z) > 1e-2]


def to_numpy(tensor) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(tensor))


KERAS_PAIRS = {
    "sigmoid": lambda z: keras.activations.sigmoid(z),
    "tanh": lambda z: keras.activations.tanh(z),
    "relu": lambda z: keras.activations.relu(z),
    "linear": lambda z: keras.activations.linear(z),
    "leaky_relu": lambda z: keras.activations.leaky_relu(z, negative_slope=DEFAULT_LEAKY_ALPHA),
    "elu": lambda z: keras.activations.elu(z),
}


def test_registry_has_agreed_names():
    assert set(ACTIVATIONS) == {"heaviside", "sign", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear"}
    assert set(HIDDEN_ACTIVATIONS) <= set(ACTIVATIONS)
    for name, activation in ACTIVATIONS.items():
        assert activation.name == name
        assert callable(activation.function) and callable(activation.derivative)


@pytest.mark.parametrize("name", sorted(KERAS_PAIRS))
def test_matches_keras_float64(name):
    expected = to_numpy(KERAS_PAIRS[name](keras.ops.convert_to_tensor(Z, dtype="float64")))
    got = ACTIVATIONS[name].function(Z)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.3, 1.0])
def test_leaky_relu_alpha_matches_keras(alpha):
    expected = to_numpy(keras.activations.leaky_relu(keras.ops.convert_to_tensor(Z, dtype="float64"), negative_slope=alpha))
    np.testing.assert_allclose(leaky_relu(Z, alpha=alpha), expected, atol=1e-6)


@pytest.mark.parametrize("temperature", [1.0, 0.25, 3.0])
def test_softmax_matches_keras(temperature):
    logits = RNG.normal(0, 3, (6, 4))
    expected = to_numpy(keras.activations.softmax(keras.ops.convert_to_tensor(logits / temperature, dtype="float64")))
    got = softmax(logits, temperature=temperature)
    np.testing.assert_allclose(got, expected, atol=1e-6)
    np.testing.assert_allclose(got.sum(axis=-1), 1.0, atol=1e-12)


def test_softmax_large_logits_stay_finite_and_temperature_sharpens():
    p = softmax([1000.0, 999.0, -1000.0, 0.0])
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1.0)
    logits = [2.0, 1.0, 0.5, -1.0]
    cold, warm = softmax(logits, temperature=0.2), softmax(logits, temperature=5.0)
    assert cold[0] > softmax(logits)[0] > warm[0]
    assert np.ptp(warm) < np.ptp(cold)


def test_softmax_axis_zero():
    logits = RNG.normal(size=(4, 3))
    np.testing.assert_allclose(softmax(logits, axis=0), softmax(logits.T).T)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_finite_differences(name):
    activation = ACTIVATIONS[name]
    h = 1e-6
    numeric = (activation.function(Z_SMOOTH + h) - activation.function(Z_SMOOTH - h)) / (2 * h)
    np.testing.assert_allclose(activation.derivative(Z_SMOOTH), numeric, atol=1e-6)


@pytest.mark.parametrize("alpha", [0.01, 0.5])
def test_leaky_relu_derivative_with_alpha(alpha):
    activation = ACTIVATIONS["leaky_relu"]
    h = 1e-6
    numeric = (activation.function(Z_SMOOTH + h, alpha=alpha) - activation.function(Z_SMOOTH - h, alpha=alpha)) / (2 * h)
    np.testing.assert_allclose(activation.derivative(Z_SMOOTH, alpha=alpha), numeric, atol=1e-6)


@TENSORFLOW_ONLY
def test_derivatives_match_keras_autodiff():
    import tensorflow as tf

    for name in KERAS_PAIRS:
        z = tf.Variable(Z_SMOOTH, dtype=tf.float64)
        with tf.GradientTape() as tape:
            out = KERAS_PAIRS[name](z)
        expected = tape.gradient(out, z).numpy()
        np.testing.assert_allclose(ACTIVATIONS[name].derivative(Z_SMOOTH), expected, atol=1e-6, err_msg=name)


def test_softmax_jacobian_matches_finite_differences():
    for temperature in (1.0, 0.5, 2.0):
        z = RNG.normal(size=4)
        h = 1e-6
        numeric = np.empty((4, 4))
        for j in range(4):
            step = np.zeros(4)
            step[j] = h
            numeric[:, j] = (softmax(z + step, temperature) - softmax(z - step, temperature)) / (2 * h)
        jac = softmax_jacobian(z, temperature)
        np.testing.assert_allclose(jac, numeric, atol=1e-8)
        np.testing.assert_allclose(jac.sum(axis=0), 0.0, atol=1e-12)
    assert softmax_jacobian(RNG.normal(size=(5, 3))).shape == (5, 3, 3)


def test_step_functions_and_kinks():
    np.testing.assert_array_equal(ACTIVATIONS["heaviside"].function([-2, 0, 3]), [0, 1, 1])
    np.testing.assert_array_equal(ACTIVATIONS["sign"].function([-2, 0, 3]), [-1, 0, 1])
    np.testing.assert_array_equal(ACTIVATIONS["relu"].derivative([-1.0, 0.0, 1.0]), [0, 0, 1])
    np.testing.assert_array_equal(ACTIVATIONS["leaky_relu"].derivative([-1.0, 0.0, 1.0]), [0.2, 0.2, 1])


def test_sigmoid_is_stable_and_keeps_float32():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = sigmoid(np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0]))
    np.testing.assert_allclose(values, [0, 1.9287498479639178e-22, 0.5, 1, 1], rtol=1e-12)
    assert sigmoid(np.zeros(3, dtype=np.float32)).dtype == np.float32
    assert ACTIVATIONS["sigmoid"].derivative(0.0) == pytest.approx(0.25)


def test_low_slope_intervals():
    (left, right) = low_slope_intervals("sigmoid", -10, 10)
    # s(1 - s) = 0.05 at s = (1 + sqrt(0.8)) / 2, i.e. |z| = ln(s / (1 - s)) ~ 2.887
    s = (1 + np.sqrt(0.8)) / 2
    edge = np.log(s / (1 - s))
    assert left[0] == -10 and right[1] == 10
    step = 20 / 800
    assert left[1] == pytest.approx(-edge, abs=step) and right[0] == pytest.approx(edge, abs=step)
    assert low_slope_intervals("relu", -5, 5) == [(-5.0, 0.0)]
    assert low_slope_intervals("linear", -5, 5) == []
    assert low_slope_intervals("leaky_relu", -5, 5, alpha=0.2) == []
    assert low_slope_intervals("leaky_relu", -5, 5, alpha=0.01) == [(-5.0, 0.0)]
    assert low_slope_intervals("heaviside", -5, 5) == [(-5.0, 5.0)]


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: leaky_relu([1.0], alpha=-0.1), "alpha"),
        (lambda: leaky_relu([1.0], alpha="x"), "alpha"),
        (lambda: softmax([1.0, 2.0], temperature=0), "temperature"),
        (lambda: softmax([]), "at least one"),
        (lambda: softmax([1.0, float("nan")]), "finite"),
        (lambda: sigmoid(["a", "b"]), "numbers"),
        (lambda: get_activation("swish2"), "Unknown activation"),
        (lambda: check_z_range(3, 3), "smaller"),
        (lambda: check_z_range(0, float("inf")), "finite"),
        (lambda: low_slope_intervals("tanh", 5, -5), "smaller"),
    ],
)
def test_invalid_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
