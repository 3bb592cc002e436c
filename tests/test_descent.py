"""rna_core.descent: 1-D gradient descent walks and their verdicts."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.descent import CURVES, STATUSES, get_curve, gradient_descent


@pytest.mark.parametrize("name", sorted(CURVES))
def test_gradients_match_finite_differences(name):
    curve = CURVES[name]
    w = np.linspace(*curve.window, 41)
    h = 1e-6
    numeric = (curve.cost(w + h) - curve.cost(w - h)) / (2 * h)
    np.testing.assert_allclose(curve.gradient(w), numeric, atol=1e-6)
    for minimum in curve.minima:
        assert abs(curve.gradient(np.array(minimum))) < 1e-9
        assert curve.cost(np.array(minimum + 0.01)) > curve.cost(np.array(minimum))


def test_non_convex_curve_has_two_minima_global_first():
    curve = CURVES["non_convex"]
    assert len(curve.minima) == 2
    assert curve.cost(np.array(curve.minima[0])) < curve.cost(np.array(curve.minima[1]))


def test_first_step_is_the_update_rule():
    result = gradient_descent("convex", start=-2.0, learning_rate=0.1, steps=1)
    # J(w) = (w - 1)^2 + 0.5, J'(-2) = -6, so w1 = -2 - 0.1 * (-6) = -1.4
    assert result.weights.tolist() == pytest.approx([-2.0, -1.4])
    assert result.costs.tolist() == pytest.approx([9.5, 6.26])


@pytest.mark.parametrize(
    "learning_rate, status",
    [(0.01, "slow"), (0.1, "converged"), (0.45, "converged"), (0.95, "oscillating"), (1.0, "oscillating"), (1.1, "diverged")],
)
def test_learning_rate_decides_the_verdict_on_the_bowl(learning_rate, status):
    result = gradient_descent("convex", start=-2.0, learning_rate=learning_rate, steps=30)
    assert result.status == status
    assert result.status in STATUSES
    if status == "converged":
        assert result.minimum == 1.0
        assert result.weights[-1] == pytest.approx(1.0, abs=0.01)
    if status == "diverged":
        assert result.costs[-1] > result.costs[0]


def test_overshooting_walk_can_still_converge():
    result = gradient_descent("convex", start=-2.0, learning_rate=0.9, steps=60)
    assert result.status == "converged"
    assert result.reversals == result.steps - 1
    assert gradient_descent("convex", start=-2.0, learning_rate=0.1, steps=60).reversals == 0


def test_divergence_stops_before_overflow():
    result = gradient_descent("convex", start=4.0, learning_rate=50.0, steps=1000)
    assert result.status == "diverged"
    assert result.steps < 1000
    assert np.all(np.isfinite(result.weights))


@pytest.mark.parametrize("start, minimum_index", [(-2.5, 0), (-0.5, 0), (0.3, 1), (2.5, 1)])
def test_start_decides_which_minimum(start, minimum_index):
    curve = CURVES["non_convex"]
    result = gradient_descent(curve, start=start, learning_rate=0.1, steps=100)
    assert result.status == "converged"
    assert result.minimum == curve.minima[minimum_index]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"learning_rate": 0.0}, "positive"),
        ({"learning_rate": float("nan")}, "positive"),
        ({"start": 99.0}, "between"),
        ({"steps": 0}, "whole number"),
        ({"steps": 2.5}, "whole number"),
    ],
)
def test_invalid_input(kwargs, match):
    arguments = {"curve": "convex", "start": 0.0, "learning_rate": 0.1, **kwargs}
    with pytest.raises(ValueError, match=match):
        gradient_descent(**arguments)
    with pytest.raises(ValueError, match="Unknown cost curve"):
        get_curve("saddle")


def test_foundation_modules_import_without_streamlit_or_keras():
    import subprocess
    import sys

    from tests.conftest import ROOT

    modules = (
        "rna_core.activations, rna_core.losses, rna_core.descent, rna_core.output_layers, "
        "rna_core.number_lists, rna_core.charts.activations, rna_core.charts.costs, "
        "rna_core.charts.output_layers, rna_core.charts.named_data"
    )
    code = (
        f"import sys; import {modules}; "
        "print(','.join(m for m in ('streamlit', 'tensorflow', 'keras') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
