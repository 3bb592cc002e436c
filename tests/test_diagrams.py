"""DOT diagrams are well-formed and say what they should."""

from __future__ import annotations

import re

import pytest

from rna_core.diagrams import learning_loop_dot


def test_learning_loop_is_a_chain_then_a_cycle() -> None:
    steps = [(f"step {i}", None) for i in range(7)]
    steps[4] = ("error", "see: Cost functions")
    dot = learning_loop_dot(steps)
    edges = re.findall(r"s(\d+) -> s(\d+)", dot)
    assert edges == [(str(i), str(i + 1)) for i in range(6)] + [("6", "3")]
    assert 'label="error\\n(see: Cost functions)"' in dot
    assert dot.count("[label=") == 7 and dot.strip().endswith("}")


def test_quotes_in_labels_are_escaped() -> None:
    dot = learning_loop_dot([('say "hi"', None)] + [("x", None)] * 4, lead_in=1)
    assert 'label="say \\"hi\\""' in dot


def test_too_short_loop_is_refused() -> None:
    with pytest.raises(ValueError):
        learning_loop_dot([("a", None), ("b", None)])
