"""rna_core.playground against Keras: same gradients, and the exported script runs."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from rna_core.playground import PLAYGROUND_ACTIVATIONS, REGULARIZERS, Network, make_dataset
from rna_core.playground.keras_code import keras_model, to_keras_code
from rna_core.playground.settings import Settings

keras = pytest.importorskip("keras")

CASES = [  # every activation with every output/loss pair, the regulariser cycling through all three
    (activation, classes, loss, REGULARIZERS[(i + j) % 3])
    for i, activation in enumerate(PLAYGROUND_ACTIVATIONS)
    for j, (classes, loss) in enumerate([(2, "auto"), (3, "auto"), (0, "auto"), (2, "mse"), (3, "mse")])
]


def keras_gradients(model, loss_name: str, x: np.ndarray, targets: np.ndarray) -> list[np.ndarray]:
    """Gradient of Keras's loss + the layers' penalties, with the active backend's autodiff."""
    loss_fn = keras.losses.get(loss_name)
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            output = model(x, training=True)
            cost = tf.reduce_mean(loss_fn(targets, output)) + tf.add_n(model.losses or [tf.constant(0.0, x.dtype)])
        return [g.numpy() for g in tape.gradient(cost, model.trainable_variables)]
    if backend == "jax":
        import jax
        import jax.numpy as jnp

        def cost(trainable):
            output, _, losses = model.stateless_call(
                trainable, [v.value for v in model.non_trainable_variables], x, training=True, return_losses=True)
            return jnp.mean(loss_fn(targets, output)) + sum(losses)

        return [np.asarray(g) for g in jax.grad(cost)([v.value for v in model.trainable_variables])]
    pytest.skip(f"no gradient helper for the {backend} backend")


@pytest.mark.parametrize(("activation", "classes", "loss", "regularization"), CASES)
def test_gradients_equal_keras(activation: str, classes: int, loss: str, regularization: str) -> None:
    rng = np.random.default_rng(11)
    X = rng.uniform(-3, 3, (16, 2))
    y = rng.uniform(-1, 1, 16) if classes == 0 else rng.integers(0, classes, 16)
    network = Network((4, 3), activation, features=("x1", "x2", "x2sq", "sin1"), classes=classes, loss=loss,
                      regularization=regularization, regularization_rate=0.003, seed=3)
    network.set_parameters([p + rng.normal(0, 0.2, p.shape) for p in network.parameters()])
    model = keras_model(network, dtype="float64")
    inputs = network.neuron_outputs(X)[0]
    output = np.asarray(model(inputs))
    # float64 where the backend computes in it (TensorFlow); JAX without x64 stays in float32
    rtol, atol = (1e-6, 1e-10) if output.dtype == np.float64 else (2e-4, 2e-6)
    np.testing.assert_allclose(output, network.neuron_outputs(X)[-1], rtol=rtol, atol=atol)
    theirs = keras_gradients(model, network.loss_name, inputs.astype(output.dtype), network._targets(y))
    for ours, expected in zip(network.gradients(X, y), theirs, strict=True):
        np.testing.assert_allclose(ours, expected, rtol=rtol, atol=atol)


def test_one_keras_sgd_step_lands_where_ours_does() -> None:
    X, y = make_dataset("circle", n=20, seed=2)
    network = Network((3,), "tanh", features=("x1", "x2"), regularization="l2", regularization_rate=0.01,
                      learning_rate=0.1, batch_size=20)
    model = keras_model(network)  # float32, Keras's default
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=network.loss_name)
    before = [p.copy() for p in network.parameters()]
    model.train_on_batch(network.neuron_outputs(X)[0].astype("float32"), y.reshape(-1, 1).astype("float32"))
    network.fit(X, y, 1)
    for old, ours, theirs in zip(before, network.parameters(), model.get_weights(), strict=True):
        assert np.abs(ours - old).max() > 1e-4  # the step moved the weights
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("settings", [
    Settings(dataset="blobs3", features=("x1", "x2", "x1x2"), layers=(3,), optimizer="adam",
             regularization="l1", regularization_rate=0.001),
    Settings(dataset="multi_gauss", layers=(), optimizer="momentum", learning_rate=0.01),
    Settings(dataset="custom", loss="mse", layers=(2,)),
])
def test_exported_script_runs_and_trains_the_same_architecture(tmp_path, settings: Settings) -> None:
    custom = (np.array([[1.0, 1.0], [-1.0, -1.0], [2.0, -1.0], [-2.0, 1.5], [0.5, 0.5]]), np.array([1, 0, 1, 0, 1]))
    classes = {"blobs3": 3, "multi_gauss": 0, "custom": 2}[settings.dataset]
    code = to_keras_code(settings, classes, epochs=2, custom=custom)
    script = tmp_path / "run.py"
    script.write_text(code + "\nmodel.save('model.keras')\n")
    env = {**os.environ, "PYTHONPATH": ""}
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "test loss" in result.stdout
    model = keras.saving.load_model(tmp_path / "model.keras")
    network = settings.network(classes)
    assert [w.shape for w in model.get_weights()] == [p.shape for p in network.parameters()]
    assert model.layers[-1].activation.__name__ == network.output_activation


def test_exported_script_makes_the_page_s_points() -> None:
    settings = Settings(dataset="spiral", noise=0.1, seed=4)
    namespace: dict = {}
    code = to_keras_code(settings, 2)
    data_part = code.split("model = keras.Sequential")[0].replace("import keras", "").replace(
        "keras.utils.set_random_seed(4)", "")
    exec(compile(data_part, "exported", "exec"), namespace)  # noqa: S102 - our own generated code
    X, y = make_dataset("spiral", 500, 0.1, 4)
    np.testing.assert_array_equal(namespace["X"], X)
    np.testing.assert_array_equal(namespace["y"], y)
    assert "rna_core" not in code  # the script never imports the project
