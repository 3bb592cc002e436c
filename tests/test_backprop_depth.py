"""rna_core.backprop.depth: gradient flow in a deep network, vanishing, exploding and symmetry."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.backprop.depth import (
    DEPTH_ACTIVATIONS,
    INITIALISATIONS,
    classify_flow,
    distinct_units,
    gradient_flow,
    initial_network,
)


def first_and_last(result, moment="start"):
    norms = result.norms[result.norms["moment"] == moment]["norm"].to_numpy()
    return norms[0], norms[-1]


def test_norms_per_layer_at_start_and_after():
    result = gradient_flow("relu", "he", depth=6, width=16, steps=3)
    assert sorted(result.norms["moment"].unique()) == ["after", "start"]
    assert result.norms.groupby("moment").size().tolist() == [7, 7]  # 6 hidden layers + the output layer
    assert len(result.losses) == 4 and result.losses[-1] < result.losses[0]


@pytest.mark.parametrize(("activation", "scheme"), [("relu", "he"), ("tanh", "glorot")])
def test_good_pairs_keep_the_gradient_alive(activation, scheme):
    result = gradient_flow(activation, scheme, depth=8, width=32, steps=5)
    assert result.flow_start == "healthy" and result.flow_after == "healthy"
    first, last = first_and_last(result)
    assert 1e-2 < first / last < 1e2


def test_deep_sigmoid_vanishes():
    result = gradient_flow("sigmoid", "glorot", depth=8, width=32, steps=0)
    first, last = first_and_last(result)
    assert first < last / 100 and result.flow_start == "vanishing"


def test_large_weights_with_relu_explode():
    result = gradient_flow("relu", "large", depth=8, width=32, steps=5)
    first, _ = first_and_last(result)
    assert first > 1e3 and result.flow_start == "exploding"


def test_small_weights_vanish_everywhere():
    result = gradient_flow("tanh", "small", depth=8, width=32, steps=0)
    assert result.flow_start == "vanishing"


@pytest.mark.parametrize("activation", DEPTH_ACTIVATIONS)
def test_zero_initialisation_keeps_every_unit_equal(activation):
    result = gradient_flow(activation, "zeros", depth=6, width=16, steps=10)
    assert result.symmetric and result.distinct == (1,) * 6
    assert not gradient_flow(activation, "glorot", depth=6, width=16, steps=2).symmetric


def test_zero_initialisation_with_tanh_or_relu_gets_no_hidden_gradient():
    assert gradient_flow("relu", "zeros", depth=6, width=16, steps=0).flow_start == "none"


def test_initialisations_have_the_documented_spread():
    glorot = initial_network("tanh", "glorot", depth=2, width=64, seed=0).weights[1]
    assert np.abs(glorot).max() <= np.sqrt(6 / 128)
    assert glorot.var() == pytest.approx(2 / 128, rel=0.15)
    he = initial_network("relu", "he", depth=2, width=64, seed=0).weights[0]
    assert he.var() == pytest.approx(2 / 784, rel=0.05)
    assert np.all(initial_network("relu", "zeros", depth=2, width=8).weights[0] == 0)


def test_classify_flow_names():
    assert classify_flow([1.0, 1.0, 1.0]) == "healthy"
    assert classify_flow([1e-5, 1e-1, 1.0]) == "vanishing"
    assert classify_flow([1e4, 1e2, 1.0]) == "exploding"
    assert classify_flow([np.inf, 1.0, 1.0]) == "exploding"
    assert classify_flow([0.0, 0.0, 1.0]) == "none"


def test_distinct_units():
    assert distinct_units(np.ones((3, 4))) == 1
    assert distinct_units(np.arange(12.0).reshape(3, 4)) == 4


def test_bad_arguments():
    with pytest.raises(ValueError, match="initialisation"):
        gradient_flow("relu", "orthogonal")
    with pytest.raises(ValueError, match="activation"):
        gradient_flow("softmax", "he")
    with pytest.raises(ValueError, match="hidden layers"):
        gradient_flow("relu", "he", depth=40)


def test_every_combination_runs_and_is_deterministic():
    for activation in DEPTH_ACTIVATIONS:
        for scheme in INITIALISATIONS:
            a = gradient_flow(activation, scheme, depth=6, width=16, steps=2)
            b = gradient_flow(activation, scheme, depth=6, width=16, steps=2)
            assert a.norms.equals(b.norms) and a.flow_start in {"healthy", "vanishing", "exploding", "none"}


def test_first_layer_outputs_show_the_symmetry():
    same = gradient_flow("sigmoid", "zeros", depth=6, width=16, steps=5).units
    assert len(same) == 8 * 16 and set(same["unit"]) == set(range(1, 17))
    assert (same.groupby("example")["output"].nunique() == 1).all()  # every unit outputs the same
    varied = gradient_flow("sigmoid", "glorot", depth=6, width=16, steps=5).units
    assert (varied.groupby("example")["output"].nunique() == 16).all()
