"""rna_core.descent: 1-D gradient descent walks and their verdicts."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.descent import CURVES, STATUSES, CostCurve, get_curve, gradient_descent, stationary_kind


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


# --- stationary points: a small slope alone is not a minimum ------------------------------

def _hilltop() -> float:
    """The non-convex curve's stationary point between its two valleys (J' = 0, J'' < 0)."""
    roots = np.roots([1.0, 0.0, -2.0, 0.3])
    real = roots.real[np.abs(roots.imag) < 1e-12]
    (top,) = [r for r in real if 3 * r * r - 2 < 0]
    return float(top)


@pytest.mark.parametrize("start", [_hilltop(), 0.15])
def test_a_start_on_the_hilltop_is_never_reported_as_a_minimum(start):
    result = gradient_descent("non_convex", start=start, learning_rate=0.1, steps=30)
    assert result.status != "converged"
    assert result.minimum is None
    assert result.start_kind == "maximum"
    assert result.status in STATUSES


def test_staying_on_the_hilltop_is_called_a_maximum():
    result = gradient_descent("non_convex", start=_hilltop(), learning_rate=0.1, steps=30)
    assert result.status == "maximum"
    assert abs(result.weights[-1] - _hilltop()) < 0.01


def test_near_a_hilltop_the_walk_goes_on_and_rolls_into_a_valley():
    curve = CURVES["non_convex"]
    result = gradient_descent(curve, start=0.16, learning_rate=0.1, steps=100)
    assert result.steps > 1
    assert result.status == "converged"
    assert result.minimum in curve.minima
    assert result.start_kind == "maximum"


def test_a_start_in_a_valley_has_start_kind_minimum():
    curve = CURVES["convex"]
    result = gradient_descent(curve, start=1.0, learning_rate=0.1, steps=10)
    assert result.status == "converged" and result.steps == 0
    assert result.start_kind == "minimum"
    assert gradient_descent(curve, start=-2.0, learning_rate=0.1).start_kind is None


def _curve(name, cost, gradient):
    return CostCurve(name, cost, gradient, (-2.0, 2.0), (0.0,))


@pytest.mark.parametrize(
    "cost, gradient, kind",
    [
        (lambda w: w**2, lambda w: 2 * w, "minimum"),
        (lambda w: -(w**2), lambda w: -2 * w, "maximum"),
        (lambda w: w**4, lambda w: 4 * w**3, "minimum"),  # J'' = 0 too: the neighbours decide
        (lambda w: -(w**4), lambda w: -4 * w**3, "maximum"),
        (lambda w: w**3, lambda w: 3 * w**2, "flat"),  # an inflection
    ],
)
def test_stationary_kind_from_the_curvature(cost, gradient, kind):
    assert stationary_kind(_curve("test", cost, gradient), 0.0) == kind


def test_an_exactly_flat_start_that_is_not_a_minimum_is_flat():
    curve = _curve("shoulder", lambda w: w**3 + 1.0, lambda w: 3 * w**2)
    result = gradient_descent(curve, start=0.0, learning_rate=0.1, steps=20)
    assert result.status == "flat"
    assert result.minimum is None
