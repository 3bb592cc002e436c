"""rna_core.backprop: the trace's gradients equal Keras's autodiff and finite differences (1e-6 relative)."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from rna_core.activations import DEFAULT_LEAKY_ALPHA
from rna_core.backprop import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_PAIRS,
    STAGES,
    Network,
    backward,
    forward,
    numerical_gradients,
    stage_at,
    train_steps,
    update,
)
from rna_core.backprop.depth import batch as depth_batch
from rna_core.backprop.depth import initial_network

RTOL = 1e-6


def assert_close(mine: np.ndarray, oracle: np.ndarray) -> None:
    """Equal to 1e-6 relative, entry by entry.

    An entry that is a sum of cancelling terms (a gradient summed over a batch) gets an
    absolute allowance of 1e-8 of the array's largest entry: Keras's TensorFlow leaky ReLU
    multiplies by a float32 slope (0.2000000030, 1.5e-8 away from 0.2), an error that
    survives the cancellation.
    """
    scale = float(np.max(np.abs(oracle))) if np.size(oracle) else 0.0
    np.testing.assert_allclose(mine, oracle, rtol=RTOL, atol=max(1e-8 * scale, 1e-14))

keras = pytest.importorskip("keras")


def keras_activation(name: str):
    if name == "tanh" and keras.backend.backend() == "jax":
        # Keras 3.15's JAX tanh returns float32 for float64 input (1e-7 off); JAX's own keeps float64.
        import jax

        return jax.numpy.tanh
    if name == "leaky_relu":
        return lambda z: keras.activations.leaky_relu(z, negative_slope=DEFAULT_LEAKY_ALPHA)
    return getattr(keras.activations, name)


def float64_arithmetic():
    """Float64 Keras arithmetic for one oracle: JAX computes in float32 unless told (x64), and the
    switch is process-wide, so it is turned on only inside this context."""
    if keras.backend.backend() == "jax":
        import jax

        return jax.enable_x64(True)
    return contextlib.nullcontext()


def keras_loss_and_gradients(network: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """The loss and the gradients of [W1, b1, W2, b2, ...] by the active Keras backend's autodiff."""
    ops = keras.ops
    params = [p for pair in zip(network.weights, network.biases, strict=True) for p in pair]
    loss_function = getattr(keras.losses, network.loss)

    def loss_of(tensors):
        a = ops.convert_to_tensor(x, dtype="float64")
        for layer in range(1, network.depth + 1):
            z = ops.matmul(a, tensors[2 * layer - 2]) + tensors[2 * layer - 1]
            a = keras_activation(network.activation_of(layer))(z)
        return ops.mean(loss_function(ops.convert_to_tensor(y, dtype="float64"), a))

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        variables = [tf.Variable(p, dtype=tf.float64) for p in params]
        with tf.GradientTape() as tape:
            loss = loss_of(variables)
        return float(loss), [g.numpy() for g in tape.gradient(loss, variables)]
    if backend == "jax":
        import jax

        with float64_arithmetic():
            loss, grads = jax.value_and_grad(loss_of)([jax.numpy.asarray(p, dtype="float64") for p in params])
            return float(loss), [np.asarray(g) for g in grads]
    pytest.skip(f"no autodiff oracle written for the {backend} backend")


def ours(network: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, list[np.ndarray]]:
    passed = forward(network, x, y)
    grads = backward(network, passed, y)
    return passed.loss, [g for pair in zip(grads.weight_gradients, grads.bias_gradients, strict=True) for g in pair]


def random_network(sizes, hidden, pair, seed) -> Network:
    rng = np.random.default_rng(seed)
    output_activation, loss = OUTPUT_PAIRS[pair] if pair in OUTPUT_PAIRS else ("softmax", "categorical_crossentropy")
    weights = tuple(rng.normal(0, 0.8, (n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    biases = tuple(rng.normal(0, 0.3, n) for n in sizes[1:])
    return Network(weights, biases, hidden, output_activation, loss)


def targets_for(network: Network, m: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed + 100)
    n_out = network.layer_sizes[-1]
    if network.loss == "categorical_crossentropy":
        return np.eye(n_out)[rng.integers(0, n_out, m)]
    if network.output_activation == "linear":
        return rng.normal(0, 1.5, (m, n_out))
    if network.output_activation == "tanh":
        return rng.uniform(-0.9, 0.9, (m, n_out))
    return rng.integers(0, 2, (m, n_out)).astype(float)


CASES = [(hidden, pair) for hidden in HIDDEN_ACTIVATIONS for pair in OUTPUT_PAIRS] + [
    (hidden, "softmax_cce") for hidden in HIDDEN_ACTIVATIONS]


@pytest.mark.parametrize(("hidden", "pair"), CASES)
@pytest.mark.parametrize(("sizes", "m"), [((2, 2, 1), 1), ((3, 4, 3, 1), 5)])
def test_gradients_equal_keras_autodiff_and_finite_differences(hidden, pair, sizes, m):
    if pair == "softmax_cce":
        sizes = (*sizes[:-1], 3)
    network = random_network(sizes, hidden, pair, seed=len(hidden) + m)
    rng = np.random.default_rng(7)
    x, y = rng.normal(0, 1, (m, sizes[0])), targets_for(network, m, 7)
    loss, gradients = ours(network, x, y)
    keras_loss, keras_gradients = keras_loss_and_gradients(network, x, y)
    assert loss == pytest.approx(keras_loss, rel=RTOL)
    numeric_w, numeric_b = numerical_gradients(network, x, y)
    numeric = [g for pair_ in zip(numeric_w, numeric_b, strict=True) for g in pair_]
    for mine, oracle, estimate in zip(gradients, keras_gradients, numeric, strict=True):
        assert_close(mine, oracle)
        assert_close(estimate, mine)


def test_default_network_gradients_equal_keras():
    """The page's default: 2-2-1, sigmoid, sigmoid + binary cross-entropy, XOR row (1, 1) -> 0."""
    from rna_core.backprop.network import DEFAULT_BIASES, DEFAULT_INPUTS, DEFAULT_TARGET, DEFAULT_WEIGHTS

    network = Network(DEFAULT_WEIGHTS, DEFAULT_BIASES)
    x, y = np.array([DEFAULT_INPUTS]), np.array([[DEFAULT_TARGET]])
    loss, gradients = ours(network, x, y)
    keras_loss, keras_gradients = keras_loss_and_gradients(network, x, y)
    assert loss == pytest.approx(keras_loss, rel=RTOL)
    for mine, oracle in zip(gradients, keras_gradients, strict=True):
        assert_close(mine, oracle)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_depth_network_gradients_equal_keras(activation):
    """The deep network of the gradient-flow section (softmax + cross-entropy on a batch)."""
    network = initial_network(activation, "he" if activation == "relu" else "glorot", depth=6, width=16, seed=3)
    x, y = depth_batch(3)
    loss, gradients = ours(network, x, y)
    keras_loss, keras_gradients = keras_loss_and_gradients(network, x, y)
    assert loss == pytest.approx(keras_loss, rel=RTOL)
    for mine, oracle in zip(gradients, keras_gradients, strict=True):
        assert_close(mine, oracle)


def test_update_is_keras_sgd_step():
    network = random_network((2, 3, 1), "tanh", "sigmoid_bce", seed=1)
    x, y = np.array([[0.5, -1.0]]), np.array([[1.0]])
    gradients = backward(network, forward(network, x, y), y)
    new = update(network, gradients, 0.25)  # exact in float32, as Keras keeps the rate
    with float64_arithmetic():
        optimizer = keras.optimizers.SGD(learning_rate=0.25)
        variables = [keras.Variable(p, dtype="float64") for p in (*network.weights, *network.biases)]
        optimizer.apply([keras.ops.convert_to_tensor(g, dtype="float64")
                         for g in (*gradients.weight_gradients, *gradients.bias_gradients)], variables)
        for mine, theirs in zip((*new.weights, *new.biases), variables, strict=True):
            np.testing.assert_allclose(mine, keras.ops.convert_to_numpy(theirs), rtol=1e-12)


def test_sigmoid_cross_entropy_output_delta_is_prediction_minus_target():
    network = random_network((2, 2, 1), "sigmoid", "sigmoid_bce", seed=4)
    x, y = np.array([[1.0, 0.0]]), np.array([[1.0]])
    passed = forward(network, x, y)
    assert backward(network, passed, y).deltas[-1][0, 0] == pytest.approx(passed.output[0, 0] - 1.0, rel=1e-12)
    mse = Network(network.weights, network.biases, "sigmoid", "sigmoid", "mean_squared_error")
    p = passed.output[0, 0]
    assert backward(mse, forward(mse, x, y), y).deltas[-1][0, 0] == pytest.approx(2 * (p - 1) * p * (1 - p), rel=1e-12)


def test_training_steps_lower_the_loss_and_chain():
    network = random_network((2, 2, 1), "sigmoid", "sigmoid_bce", seed=0)
    x, y = np.array([[1.0, 1.0]]), np.array([[0.0]])
    traces = train_steps(network, x, y, 0.5, 4)
    for before, after in zip(traces, traces[1:], strict=False):
        assert after.network is before.updated
        assert after.forward.loss == pytest.approx(before.loss_after)
    assert all(trace.loss_after < trace.forward.loss for trace in traces)


def test_replay_positions():
    assert stage_at(0) == (0, None)
    assert [stage_at(p) for p in range(1, 7)] == [(0, s) for s in STAGES] + [(1, s) for s in STAGES]


def test_zero_slope_activations_give_no_gradient_to_hidden_weights():
    network = random_network((2, 2, 1), "relu", "sigmoid_bce", seed=0)
    weights = (np.array([[-1.0, -1.0], [-1.0, -1.0]]), network.weights[1])  # every hidden unit off
    dead = network.with_parameters(weights, network.biases)
    x, y = np.array([[1.0, 1.0]]), np.array([[1.0]])
    gradients = backward(dead, forward(dead, x, y), y)
    assert np.all(gradients.weight_gradients[0] == 0)
    assert np.any(gradients.bias_gradients[1] != 0)


def test_network_rejects_bad_shapes_and_pairs():
    with pytest.raises(ValueError, match="biases"):
        Network((np.ones((2, 2)),), (np.ones(3),))
    with pytest.raises(ValueError, match="expects"):
        Network((np.ones((2, 2)), np.ones((3, 1))), (np.ones(2), np.ones(1)))
    with pytest.raises(ValueError, match="sigmoid"):
        Network((np.ones((2, 1)),), (np.ones(1),), output_activation="linear", loss="binary_crossentropy")
    with pytest.raises(ValueError, match="Softmax"):
        Network((np.ones((2, 2)),), (np.ones(2),), output_activation="softmax", loss="mean_squared_error")
    with pytest.raises(ValueError, match="finite"):
        Network((np.array([[np.nan], [1.0]]),), (np.ones(1),))
