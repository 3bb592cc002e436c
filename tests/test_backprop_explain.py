"""rna_core.backprop.explain and .diagram: the formulas and the diagram show the trace's own numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest

from rna_core.backprop import Network, train_steps
from rna_core.backprop.diagram import network_dot
from rna_core.backprop.explain import (
    COLORS,
    backward_latex,
    forward_latex,
    gradient_table,
    output_delta_curves,
    output_deltas,
    pairing_latex,
    parameter_name,
    tex_number,
    update_latex,
)
from rna_core.backprop.network import DEFAULT_BIASES, DEFAULT_WEIGHTS

X, Y = np.array([[1.0, 1.0]]), np.array([[0.0]])


@pytest.fixture()
def trace():
    return train_steps(Network(DEFAULT_WEIGHTS, DEFAULT_BIASES, "tanh", "sigmoid", "mean_squared_error"), X, Y, 0.5, 1)[0]


def lines(latex: str) -> list[str]:
    return latex.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r" \\ ")


def colored_numbers(line: str, kind: str) -> list[float]:
    found = re.findall(r"\\textcolor\{" + COLORS[kind] + r"\}\{\(?([-0-9.e]+)\)?\}", line)
    return [float(value) for value in found]


def test_tex_number():
    assert tex_number(0.123456) == "0.1235"
    assert tex_number(-2.5e-7) == r"-2.5\times 10^{-7}"
    assert parameter_name("w", 1, (0, 1)) == "w¹₁₂" and parameter_name("b", 2, (0,)) == "b²₁"


def test_forward_lines_show_each_unit_and_the_loss(trace):
    rows = lines(forward_latex(trace.network, trace.forward, Y))
    assert len(rows) == 4  # two hidden units, the output, the loss
    z = np.concatenate([trace.forward.z[0][0], trace.forward.z[1][0]])
    a = np.concatenate([trace.forward.a[1][0], trace.forward.a[2][0]])
    for row, z_value, a_value in zip(rows, z, a, strict=False):
        np.testing.assert_allclose(colored_numbers(row, "forward"), [z_value, a_value], rtol=1e-3)
    assert colored_numbers(rows[-1], "forward") == pytest.approx([trace.forward.loss], rel=1e-3)


def test_each_gradient_is_the_product_of_its_shown_factors(trace):
    rows = [row for row in lines(backward_latex(trace.network, trace.forward, trace.backward, Y)) if "partial w" in row]
    assert len(rows) == 6
    for row in rows:
        (delta,) = colored_numbers(row, "delta")
        (activation,) = colored_numbers(row, "forward")
        (gradient,) = colored_numbers(row, "gradient")
        assert delta * activation == pytest.approx(gradient, rel=2e-3)


def test_output_delta_with_squared_error_shows_the_sigmoid_slope(trace):
    first = lines(backward_latex(trace.network, trace.forward, trace.backward, Y))[0]
    slope = trace.backward.slopes[-1][0, 0]
    assert tex_number(slope) in first and r"\sigma'" in first
    assert colored_numbers(first, "delta") == pytest.approx([trace.backward.deltas[-1][0, 0]], rel=1e-3)


def test_update_lines_apply_the_rule(trace):
    for row, (_, _, _, new) in zip(lines(update_latex(trace.network, trace.backward, trace.updated, 0.5)),
                                   trace.updated.parameters(), strict=True):
        old, rate = (float(v) for v in re.findall(r"\\leftarrow ([-0-9.]+) - ([0-9.]+)", row)[0])
        (gradient,) = colored_numbers(row, "gradient")
        assert old - rate * gradient == pytest.approx(new, abs=2e-4)


def test_gradient_table_lists_every_parameter(trace):
    table = gradient_table(trace.network, X, Y, trace.backward, trace.updated)
    assert list(table["parameter"]) == ["w¹₁₁", "w¹₁₂", "w¹₂₁", "w¹₂₂", "b¹₁", "b¹₂", "w²₁₁", "w²₂₁", "b²₁"]
    assert table["relative_difference"].max() < 1e-6
    np.testing.assert_allclose(table["new_value"], table["value"] - 0.5 * table["backprop"], rtol=1e-12)


def test_diagram_shows_what_the_stage_has_computed(trace):
    nothing = network_dot(trace, None)
    assert "z =" not in nothing and "w = 0.500" in nothing and "L =" not in nothing
    forward = network_dot(trace, "forward")
    assert f"z = {trace.forward.z[0][0, 0]:.3f}" in forward and "δ" not in forward and "L =" in forward
    backward = network_dot(trace, "backward")
    assert f"δ = {trace.backward.deltas[-1][0, 0]:.3f}" in backward and "∂L/∂w" in backward and "→" not in backward
    update = network_dot(trace, "update")
    assert f"→ {trace.updated.weights[0][0, 0]:.3f}" in update and f"→ {trace.loss_after:.3f}" in update
    spanish = network_dot(trace, "forward", number=lambda v: f"{v:.3f}".replace(".", ","))
    assert "z = 0,9" not in forward and re.search(r"z = -?\d,\d{3}", spanish)


def test_output_deltas_cross_entropy_against_squared_error():
    sure_and_wrong = output_deltas(0.01, 1.0)
    assert sure_and_wrong["binary_crossentropy"] == pytest.approx(-0.99)
    assert abs(sure_and_wrong["mean_squared_error"]) < 0.02  # the σ' factor kills the correction
    curves = output_delta_curves(1.0)
    assert set(curves["loss"]) == {"binary_crossentropy", "mean_squared_error"} and (curves["delta"] >= 0).all()
    assert "0.99" in pairing_latex(0.01, 1.0) or "-0.99" in pairing_latex(0.01, 1.0)
