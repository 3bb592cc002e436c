"""rna_core.formulas: every formula a page shows has a home; the moving-average rule of thumb."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.activations import ACTIVATIONS
from rna_core.formulas import ACTIVATION_LATEX, OPTIMIZER_LATEX, effective_window, moving_average_weights


def test_every_activation_has_its_formula_and_derivative():
    assert set(ACTIVATIONS) <= set(ACTIVATION_LATEX)
    for function, derivative in ACTIVATION_LATEX.values():
        assert "'" in derivative and "'" not in function


def test_optimizer_rules_use_keras_names():
    assert "momentums" in " ".join(OPTIMIZER_LATEX["momentum"])
    assert "velocities" in " ".join(OPTIMIZER_LATEX["rmsprop"])
    assert r"1 - \beta_1^{\,t}" in " ".join(OPTIMIZER_LATEX["adam"])  # the bias correction


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.99])
def test_moving_average_weights_are_what_the_recursion_gives(beta):
    steps = 30
    weights = moving_average_weights(beta, steps)
    # feed a one-hot signal through a <- beta a + (1 - beta) x: its weight k steps later
    for k in (0, 1, 7, steps - 1):
        average = 0.0
        for i in range(k + 1):
            average = beta * average + (1 - beta) * (1.0 if i == 0 else 0.0)
        assert weights["weight"][k] == pytest.approx(average)
    assert moving_average_weights(beta, 5000)["weight"].sum() == pytest.approx(1.0)


def test_rule_of_thumb_beta_09_is_10_steps():
    assert effective_window(0.9) == pytest.approx(10)
    weights = moving_average_weights(0.9, 60)
    assert int(weights["inside"].sum()) == 10
    assert weights.loc[weights["inside"], "weight"].sum() == pytest.approx(1 - 0.9**10)
    assert np.all(np.diff(weights["weight"]) < 0)


@pytest.mark.parametrize("beta", [1.0, -0.1, float("nan")])
def test_bad_beta(beta):
    with pytest.raises(ValueError, match="smaller than 1"):
        effective_window(beta)
