"""rna_core.backprop: what the student types is validated with clear, translatable messages."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.backprop import BackpropInputError, parse_example, parse_network
from rna_core.i18n import STRINGS, t

SIZES = (2, 2, 1)
WEIGHTS = ["0.5, -0.4, 0.3, 0.8", "0.7, -0.6"]
BIASES = ["0.1, -0.2", "0.05"]


def test_weights_are_read_row_by_row_with_either_decimal_mark():
    network = parse_network(["0,5; -0,4; 0,3; 0,8", "0.7 -0.6"], BIASES, SIZES, "tanh", "sigmoid_mse")
    np.testing.assert_array_equal(network.weights[0], [[0.5, -0.4], [0.3, 0.8]])
    assert (network.hidden_activation, network.output_activation, network.loss) == ("tanh", "sigmoid", "mean_squared_error")


def test_a_weight_that_is_not_a_number_names_its_layer():
    with pytest.raises(BackpropInputError) as caught:
        parse_network(["0.5, abc, 0.3, 0.8", "0.7, -0.6"], BIASES, SIZES, "sigmoid", "sigmoid_bce")
    error = caught.value
    assert error.key == "backprop.error_number.weights" and error.values == {"layer": 1, "token": "abc"}
    assert "'abc' is not a number" in str(error) and "layer 1" in str(error)
    for lang in ("en", "es"):
        assert "abc" in t(error.key, lang, **error.values) and "1" in t(error.key, lang, **error.values)


@pytest.mark.parametrize(("weights", "biases", "key"), [
    (["0.5, 0.3, 0.8", "0.7, -0.6"], BIASES, "backprop.error_count.weights"),
    (WEIGHTS, ["0.1", "0.05"], "backprop.error_count.biases"),
    (WEIGHTS, ["0.1, x", "0.05"], "backprop.error_number.biases"),
    (["0.5, -0.4, 0.3, 80", "0.7, -0.6"], BIASES, "backprop.error_large.weights"),
])
def test_wrong_counts_and_sizes_are_rejected(weights, biases, key):
    with pytest.raises(BackpropInputError) as caught:
        parse_network(weights, biases, SIZES, "sigmoid", "sigmoid_bce")
    assert caught.value.key == key
    assert t(key, "es", **caught.value.values) != t(key, "en", **caught.value.values)


@pytest.mark.parametrize(("target", "output", "loss"), [
    ("1.5", "sigmoid", "binary_crossentropy"),
    ("-0.1", "sigmoid", "mean_squared_error"),
    ("-2", "tanh", "mean_squared_error"),
])
def test_a_target_out_of_reach_is_rejected(target, output, loss):
    with pytest.raises(BackpropInputError) as caught:
        parse_example("1, 0", target, 2, output, loss)
    error = caught.value
    assert error.key == "backprop.error_target"
    assert error.values["value"] == float(target)
    assert "out of reach" in str(error)
    assert "1,5" in t(error.key, "es", **error.values) or target != "1.5"


def test_targets_in_reach_and_inputs_are_accepted():
    x, y = parse_example("1; 0", "0,75", 2, "sigmoid", "binary_crossentropy")
    assert x.shape == (1, 2) and y.tolist() == [[0.75]]
    assert parse_example("1, 0", "-7", 2, "linear", "mean_squared_error")[1].tolist() == [[-7.0]]


@pytest.mark.parametrize(("inputs", "key"), [("1", "backprop.error_count.inputs"), ("1, two", "backprop.error_number.inputs")])
def test_bad_inputs_are_rejected(inputs, key):
    with pytest.raises(BackpropInputError) as caught:
        parse_example(inputs, "1", 2, "sigmoid", "binary_crossentropy")
    assert caught.value.key == key


def test_every_error_key_exists_in_both_languages():
    for field in ("inputs", "target", "weights", "biases"):
        for kind in ("number", "count", "large"):
            key = f"backprop.error_{kind}.{field}"
            assert set(STRINGS[key]) == {"en", "es"}, key
    assert set(STRINGS["backprop.error_target"]) == {"en", "es"}
    assert set(STRINGS["backprop.error_pairing"]) == {"en", "es"}


def test_unknown_choices_are_value_errors():
    with pytest.raises(ValueError, match="output"):
        parse_network(WEIGHTS, BIASES, SIZES, "sigmoid", "softmax_something")
    with pytest.raises(ValueError, match="hidden activation"):
        parse_network(WEIGHTS, BIASES, SIZES, "heaviside", "sigmoid_bce")


def test_default_parameters_per_size():
    from rna_core.backprop.network import DEFAULT_BIASES, DEFAULT_WEIGHTS, HIDDEN_UNITS, default_parameters

    weights, biases = default_parameters(2)
    for mine, default in zip((*weights, *biases), (*DEFAULT_WEIGHTS, *DEFAULT_BIASES), strict=True):
        np.testing.assert_array_equal(mine, default)
    for units in HIDDEN_UNITS:
        weights, biases = default_parameters(units)
        assert [w.shape for w in weights] == [(2, units), (units, 1)] and [b.shape for b in biases] == [(units,), (1,)]
        assert np.all(weights[0] != 0)  # no unit starts as a copy of another or switched off
        assert len({tuple(column) for column in weights[0].T}) == units
    with pytest.raises(ValueError, match="hidden units"):
        default_parameters(9)
