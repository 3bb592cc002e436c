"""DOT diagrams of the neurons page: the McCulloch–Pitts neuron and the perceptron."""

from __future__ import annotations

import pytest

from rna_core.diagrams import mcculloch_pitts_dot, perceptron_dot


def test_mcculloch_pitts_diagram_marks_inhibitory_inputs() -> None:
    dot = mcculloch_pitts_dot((False, True, True), 2)
    assert dot.startswith("digraph") and dot.rstrip().endswith("}")
    assert dot.count("arrowhead=odot") == 2  # the two inhibitory inputs
    assert dot.count("arrowhead=normal") == 1
    assert "Σexc ≥ 2" in dot
    assert "Σexc − Σinh ≥ -1" in mcculloch_pitts_dot((True,), -1, subtractive=True)
    with pytest.raises(ValueError):
        mcculloch_pitts_dot((), 1)


def test_perceptron_diagram_labels_each_edge_with_its_weight() -> None:
    dot = perceptron_dot((0.5, -1.25, 2.0), activation="escalón")
    assert 'label="w0 = 0.5"' in dot and 'label="w1 = -1.25"' in dot and 'label="w2 = 2"' in dot
    assert "x0 -> neuron" in dot and "x2 -> neuron" in dot and "x3" not in dot
    assert "Σ | escalón" in dot
    assert 'label="1"' in dot  # the constant input of the bias
    with pytest.raises(ValueError):
        perceptron_dot((1.0,))
