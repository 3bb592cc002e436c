"""rna_core.output_layers: recipes, Keras code that runs, toy examples, mistakes' numbers."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.output_layers import (
    OUTPUT_LAYERS,
    TASKS,
    double_softmax,
    get_output_layer,
    keras_code,
    normalisation_mismatch,
    output_example,
    sigmoid_with_categorical,
)

keras = pytest.importorskip("keras")
pytestmark = pytest.mark.keras


def test_recipes_follow_the_course():
    expected = {
        "binary": ("sigmoid", "binary_crossentropy"),
        "multilabel": ("sigmoid", "binary_crossentropy"),
        "multiclass": ("softmax", "sparse_categorical_crossentropy"),
        "regression": ("linear", "mean_squared_error"),
        "bounded_regression": ("relu", "mean_squared_error"),
    }
    assert TASKS == tuple(expected)
    for task, (activation, loss) in expected.items():
        layer = OUTPUT_LAYERS[task]
        assert (layer.activation, layer.loss) == (activation, loss)
        assert len(layer.labels) == layer.units


@pytest.mark.parametrize("task", TASKS)
def test_keras_code_builds_and_compiles(task):
    from keras import layers  # noqa: F401  (used by the generated code)

    model = keras.Sequential([keras.Input((5,)), layers.Dense(8, activation="relu")])
    exec(keras_code(task), {"model": model, "layers": layers})  # noqa: S102 (our own snippet)
    layer = OUTPUT_LAYERS[task]
    assert model.output_shape == (None, layer.units)
    assert model.layers[-1].activation.__name__ == layer.activation
    assert model.loss == layer.loss


def test_keras_code_units():
    assert "Dense(10, " in keras_code("multiclass", units=10)
    assert "Dense(1, " in keras_code("binary", units=7)
    with pytest.raises(ValueError, match="at least one unit"):
        keras_code("regression", units=0)


def test_output_examples():
    binary = output_example("binary", [0.0])
    assert binary.outputs[0] == pytest.approx(0.5) and binary.loss == pytest.approx(np.log(2))
    multiclass = output_example("multiclass", [2.0, 1.0, 0.0, -1.0])
    assert multiclass.outputs.sum() == pytest.approx(1.0)
    assert multiclass.target.tolist() == [0, 1, 0, 0]
    assert multiclass.loss == pytest.approx(-np.log(multiclass.outputs[1]))
    multilabel = output_example("multilabel", [3.0, 3.0, 3.0])
    assert multilabel.outputs.sum() > 2  # independent answers need not sum to 1
    assert output_example("regression", [-5.0]).outputs[0] == -5.0
    bounded = output_example("bounded_regression", [-5.0])
    assert bounded.outputs[0] == 0.0 and bounded.loss == pytest.approx(16.0)
    with pytest.raises(ValueError, match="needs 4"):
        output_example("multiclass", [1.0, 2.0])
    with pytest.raises(ValueError, match="Unknown task"):
        get_output_layer("ranking")


def test_double_softmax_matches_keras_from_logits():
    logits = np.array([2.0, 1.0, 0.1, -1.0])
    result = double_softmax(logits, 0)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    wrong = float(loss(np.array([0]), result.probabilities[None, :].astype("float64")))
    right = float(keras.losses.SparseCategoricalCrossentropy()(np.array([0]), result.probabilities[None, :]))
    assert result.wrong_loss == pytest.approx(wrong, abs=1e-6)
    assert result.right_loss == pytest.approx(right, abs=1e-6)
    assert result.wrong_loss > result.right_loss
    perfect = double_softmax(np.array([30.0] + [0.0] * 9), 0)
    assert perfect.right_loss == pytest.approx(0.0, abs=1e-9)
    assert perfect.wrong_loss == pytest.approx(perfect.floor, abs=1e-6)
    assert perfect.floor == pytest.approx(1.4612, abs=1e-4)


def test_sigmoid_with_categorical_matches_keras():
    logits = np.array([3.0, 2.5, 2.0, -1.0])
    result = sigmoid_with_categorical(logits, 0)
    assert result.total > 1.5
    keras_value = float(keras.losses.categorical_crossentropy(np.eye(4)[:1], result.sigmoid_outputs[None, :])[0])
    assert result.keras_loss == pytest.approx(keras_value, abs=1e-6)
    all_yes = sigmoid_with_categorical([6.0, 6.0, 6.0, 6.0], 2)
    assert all_yes.formula_loss < 0.01  # "yes to everything" looks perfect to the raw formula
    assert all_yes.keras_loss == pytest.approx(np.log(4))
    assert result.softmax_outputs.sum() == pytest.approx(1.0)


def test_normalisation_mismatch_breaks_predictions():
    result = normalisation_mismatch()
    assert result.train_range[1] <= 1.0 and result.right_range[1] <= 1.0
    assert result.wrong_range[1] > 2.0
    assert result.right_accuracy > 0.95
    assert result.wrong_accuracy < 0.6
    assert 45 < result.threshold < 95
    assert result.wrong_share_zero == 1.0  # every wrongly scaled image looks like a bright "0"
    assert normalisation_mismatch(divisor=255.0).wrong_accuracy == result.right_accuracy
    with pytest.raises(ValueError, match="positive"):
        normalisation_mismatch(divisor=0)


@pytest.mark.parametrize("divisor, effect", [(32.0, "brighter"), (128.0, "brighter"), (255.0, "same"), (512.0, "darker")])
def test_normalisation_mismatch_says_which_way_the_images_move(divisor, effect):
    result = normalisation_mismatch(divisor=divisor)
    assert result.effect == effect
    if effect == "brighter":  # brighter images cross into the round "0" side
        assert result.wrong_share_zero > 0.5 and result.wrong_range[1] > result.right_range[1]
    if effect == "darker":  # darker images fall onto the thin "1" side
        assert result.wrong_share_zero < 0.5 and result.wrong_range[1] < result.right_range[1]
    if effect != "same":
        assert result.wrong_accuracy < result.right_accuracy
