"""NumPy optimizers against keras.optimizers (the oracle), by hand, and on bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rna_core.optimizers import OPTIMIZERS, SGD, Adam, RMSprop, make_optimizer
from rna_core.surfaces import TEST_FUNCTIONS

from .conftest import TENSORFLOW_ONLY

STEPS = 200


def quadratic_grad(x: float, y: float) -> tuple[float, float]:
    return 2.0 * x, 10.0 * y  # f = x² + 5 y²


rosenbrock = TEST_FUNCTIONS["rosenbrock"]

# (name, kwargs, learning rate on the quadratic, learning rate on Rosenbrock).
# Keras (TensorFlow backend) keeps the learning rate in a float32 variable and turns SGD's
# momentum and Adam's beta_1/beta_2 into float32 tensors before casting them to the variable's
# dtype, so 0.9 becomes 0.899999976... inside Keras. The oracle comparison therefore uses
# values that float32 represents exactly; test_keras_defaults_agree_up_to_float32_rounding
# covers the default values.
CASES = [
    ("sgd", {}, 2**-4, 2**-10),
    ("sgd", {"momentum": 0.875}, 2**-6, 2**-11),
    ("sgd", {"momentum": 0.75, "nesterov": True}, 2**-6, 2**-11),
    ("rmsprop", {}, 2**-7, 2**-8),
    ("rmsprop", {"rho": 0.8, "momentum": 0.5, "centered": True}, 2**-8, 2**-9),
    ("adam", {"beta_1": 0.875, "beta_2": 1 - 2**-10}, 2**-4, 2**-7),
    ("adam", {"beta_1": 0.75, "beta_2": 1 - 2**-7, "amsgrad": True}, 2**-4, 2**-7),
]
SURFACES = [("quadratic", quadratic_grad, (1.5, -0.8), 2), ("rosenbrock", rosenbrock.gradient, (-1.2, 1.0), 3)]


def ours(name, kwargs, learning_rate, gradient, start):
    optimizer = make_optimizer(name, learning_rate=learning_rate, **kwargs)
    x, y = start
    path = []
    for _ in range(STEPS):
        x, y = optimizer.apply_gradients([x, y], list(gradient(x, y)))
        path.append((x, y))
    return np.array(path), optimizer


def keras_path(name, kwargs, learning_rate, gradient, start):
    """Keras's optimizer driving keras.Variables (float64) with the same analytic gradients.

    The gradient formulas use only arithmetic, so they run on the variables' tensors inside
    one ``tf.function`` (200 eager steps would take seconds per case).
    """
    import keras
    import tensorflow as tf

    classes = {"sgd": keras.optimizers.SGD, "rmsprop": keras.optimizers.RMSprop, "adam": keras.optimizers.Adam}
    optimizer = classes[name](learning_rate=learning_rate, **kwargs)
    variables = [keras.Variable(np.float64(value), dtype="float64") for value in start]
    optimizer.build(variables)

    @tf.function
    def run():
        path = tf.TensorArray(tf.float64, size=STEPS)
        for step in tf.range(STEPS):
            gx, gy = gradient(variables[0].value, variables[1].value)
            optimizer.apply_gradients([(gx, variables[0]), (gy, variables[1])])
            path = path.write(step, tf.stack([variables[0].value, variables[1].value]))
        return path.stack()

    return run().numpy()


@pytest.mark.keras
@TENSORFLOW_ONLY
@pytest.mark.parametrize(("surface", "gradient", "start", "rate_index"), SURFACES, ids=[s[0] for s in SURFACES])
@pytest.mark.parametrize(("name", "kwargs", "lr_quadratic", "lr_rosenbrock"), CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1]) or 'default'}" for c in CASES])
def test_200_steps_match_keras(surface, gradient, start, rate_index, name, kwargs, lr_quadratic, lr_rosenbrock):
    learning_rate = lr_quadratic if rate_index == 2 else lr_rosenbrock
    mine, _ = ours(name, kwargs, learning_rate, gradient, start)
    theirs = keras_path(name, kwargs, learning_rate, gradient, start)
    assert np.all(np.isfinite(theirs))
    assert np.abs(mine[-1] - np.array(start)).max() > 1e-3, "the optimizer should have moved"
    np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-9)


@pytest.mark.keras
@TENSORFLOW_ONLY
@pytest.mark.parametrize(("name", "kwargs"), [("sgd", {"momentum": 0.9}), ("adam", {})])
def test_keras_defaults_agree_up_to_float32_rounding(name, kwargs):
    mine, _ = ours(name, kwargs, 2**-6, quadratic_grad, (1.5, -0.8))
    theirs = keras_path(name, kwargs, 2**-6, quadratic_grad, (1.5, -0.8))
    np.testing.assert_allclose(mine, theirs, rtol=1e-3, atol=1e-6)


def test_arrays_and_floats_follow_the_same_rule():
    gradient = rosenbrock.gradient
    for name in OPTIMIZERS:
        float_opt, array_opt = make_optimizer(name, learning_rate=0.001), make_optimizer(name, learning_rate=0.001)
        x, y, vector = -1.0, 1.5, np.array([-1.0, 1.5])
        for _ in range(20):
            x, y = float_opt.apply_gradients([x, y], list(gradient(x, y)))
            (vector,) = array_opt.apply_gradients([vector], [np.array(gradient(*vector))])
        np.testing.assert_allclose(vector, [x, y], rtol=1e-12)


def test_sgd_momentum_by_hand():
    optimizer = SGD(learning_rate=0.1, momentum=0.9)
    (w,) = optimizer.apply_gradients([1.0], [2.0])  # v = -0.2; w = 0.8
    assert w == pytest.approx(0.8) and optimizer.momentums == [pytest.approx(-0.2)]
    (w,) = optimizer.apply_gradients([w], [1.0])  # v = 0.9*(-0.2) - 0.1 = -0.28; w = 0.52
    assert w == pytest.approx(0.52) and optimizer.momentums == [pytest.approx(-0.28)]
    assert optimizer.iterations == 2


def test_nesterov_by_hand():
    optimizer = SGD(learning_rate=0.1, momentum=0.5, nesterov=True)
    (w,) = optimizer.apply_gradients([1.0], [2.0])  # v = -0.2; w = 1 + 0.5*(-0.2) - 0.2 = 0.7
    assert w == pytest.approx(0.7)


def test_rmsprop_by_hand():
    optimizer = RMSprop(learning_rate=0.01, rho=0.9, epsilon=0.0)
    (w,) = optimizer.apply_gradients([0.0], [3.0])  # s = 0.1*9 = 0.9; step = 0.01*3/sqrt(0.9)
    assert optimizer.velocities == [pytest.approx(0.9)]
    assert w == pytest.approx(-0.03 / math.sqrt(0.9))


def test_adam_first_step_is_learning_rate_times_sign():
    optimizer = Adam(learning_rate=0.01, epsilon=0.0)
    new = optimizer.apply_gradients([0.0, 0.0], [123.0, -0.004])
    assert new == [pytest.approx(-0.01), pytest.approx(0.01)]
    assert optimizer.momentums == [pytest.approx(12.3), pytest.approx(-0.0004)]
    assert optimizer.velocities[0] == pytest.approx(0.001 * 123.0**2)


def test_state_is_visible_and_named_like_keras():
    assert SGD().state() == {"momentums": []}
    optimizer = SGD(momentum=0.9)
    optimizer.apply_gradients([1.0, 2.0], [0.5, 0.5])
    assert len(optimizer.state()["momentums"]) == 2
    adam = Adam()
    adam.apply_gradients([np.zeros(3)], [np.ones(3)])
    assert set(adam.state()) == {"momentums", "velocities", "velocity_hats"}
    assert adam.state()["momentums"][0].shape == (3,)


@pytest.mark.keras
def test_defaults_are_keras_defaults():
    keras = pytest.importorskip("keras")
    for ours_cls, theirs_cls in ((SGD, keras.optimizers.SGD), (RMSprop, keras.optimizers.RMSprop), (Adam, keras.optimizers.Adam)):
        mine, theirs = ours_cls().get_config(), theirs_cls().get_config()
        for key, value in mine.items():
            assert theirs[key] == pytest.approx(value), (ours_cls.__name__, key)


def test_inputs_are_not_modified():
    values = [np.array([1.0, 2.0])]
    Adam().apply_gradients(values, [np.array([1.0, 1.0])])
    assert values[0].tolist() == [1.0, 2.0]


@pytest.mark.parametrize("rate", [0, -0.1, float("nan"), float("inf"), "0.1", None, True])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_bad_learning_rate_is_a_clear_value_error(name, rate):
    with pytest.raises(ValueError, match="learning rate"):
        make_optimizer(name, learning_rate=rate)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("sgd", {"momentum": 1.5}), ("sgd", {"momentum": -0.1}), ("rmsprop", {"rho": 1.0}), ("rmsprop", {"epsilon": -1e-7}),
     ("adam", {"beta_1": 1.0}), ("adam", {"beta_2": float("nan")}), ("adam", {"rho": 0.9}), ("lion", {})],
)
def test_bad_hyperparameters(name, kwargs):
    with pytest.raises(ValueError):
        make_optimizer(name, **kwargs)


def test_one_gradient_per_parameter():
    with pytest.raises(ValueError, match="one gradient per parameter"):
        SGD().apply_gradients([1.0, 2.0], [1.0])
