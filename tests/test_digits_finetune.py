"""rna_core.digits.finetune: Correct me, a copy of the network fine-tuned on corrected drawings."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core import digits
from rna_core.digits.finetune import FineTuneJob, head_gradients, split_head

from .conftest import TENSORFLOW_ONLY
from .digit_drawings import draw_digit


@pytest.fixture(scope="module")
def network() -> digits.NumpyNetwork:
    return digits.load_default_model()


@pytest.fixture(scope="module")
def mnist(mnist_path: str):
    from rna_core.data import load_mnist

    (x_train, y_train), (x_test, y_test) = load_mnist(mnist_path)
    return (x_train[:5000], y_train[:5000]), (x_test[:500], y_test[:500])


@pytest.mark.keras
@TENSORFLOW_ONLY
def test_head_gradients_match_keras() -> None:
    """Keras is the oracle for the written-out back-propagation."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(7, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(9, 12)).astype(np.float32), rng.integers(0, 10, 9)
    loss, gradients = head_gradients([w.astype(np.float64) for w in model.get_weights()], ["relu"], x, y)
    with tf.GradientTape() as tape:
        expected_loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, model(x)))
    expected = tape.gradient(expected_loss, model.trainable_weights)
    assert loss == pytest.approx(float(expected_loss), rel=1e-5)
    for ours, theirs in zip(gradients, expected, strict=True):
        np.testing.assert_allclose(ours, theirs.numpy(), atol=1e-5)


def test_the_head_starts_after_flatten(network) -> None:
    assert [layer.kind for layer in network.layers[split_head(network):]] == ["dense", "dense"]


def test_a_corrected_label_changes_the_answer_on_that_drawing(network, mnist) -> None:
    one = digits.to_mnist(draw_digit("one"))
    assert int(digits.predict_proba(network, one[None]).argmax()) == 1
    before = [layer.weights for layer in network.layers]
    job = FineTuneJob(network, np.stack([one] * 3), [7, 7, 7], *mnist, epochs=6).start()
    assert job.wait(120) and job.status == "finished"
    result = job.result()
    assert int(digits.predict_proba(result.network, one[None]).argmax()) == 7
    assert result.drawings_after.argmax(axis=1).tolist() == [7, 7, 7]
    assert result.drawings_before.argmax(axis=1).tolist() == [1, 1, 1]
    assert 0.0 <= result.mnist_after <= 1.0 and result.mnist_before > 0.95
    # the shipped network is untouched
    assert all(a is b for layer, weights in zip(network.layers, before, strict=True)
               for a, b in zip(layer.weights, weights, strict=True))
    assert int(digits.predict_proba(network, one[None]).argmax()) == 1


def test_the_job_can_be_stopped_and_refuses_bad_input(network, mnist) -> None:
    one = digits.to_mnist(draw_digit("one"))
    job = FineTuneJob(network, one[None], [1], *mnist, epochs=200)
    job.stop()
    assert job.start().wait(60) and job.status == "stopped" and job.result() is None
    with pytest.raises(ValueError, match="at least one"):
        FineTuneJob(network, np.zeros((0, 28, 28)), [], *mnist)
    with pytest.raises(ValueError, match="0 to 9"):
        FineTuneJob(network, one[None], [12], *mnist)
    mlp_without_head = digits.from_layers([{"type": "flatten"}, {"type": "dense", "units": 10, "activation": "softmax"}],
                                          [np.zeros((784, 10)), np.zeros(10)])
    assert split_head(mlp_without_head) == 1
