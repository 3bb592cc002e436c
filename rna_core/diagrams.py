"""Graphviz (DOT) diagrams, built as plain strings so they can be tested and cached.

Streamlit renders DOT with ``st.graphviz_chart`` in the browser; no Graphviz install needed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def learning_loop_dot(steps: Sequence[tuple[str, str | None]], lead_in: int = 3) -> str:
    """DOT source of the training loop: a lead-in chain, then a cycle.

    Parameters
    ----------
    steps : sequence of (label, caption)
        The loop's steps in order (dataset, layers, parameters, prediction, error,
        optimizer, update); ``caption`` names the page that shows the step, or is ``None``.
    lead_in : int
        How many first steps happen once, as a chain (dataset -> layers -> parameters);
        the remaining steps form the cycle a network repeats while it learns, the last
        one pointing back to the first step of the cycle (the update feeds the next
        prediction).

    Returns
    -------
    str
        A ``digraph`` in DOT, laid out with ``neato`` at fixed positions.
    """
    cycle = len(steps) - lead_in
    if lead_in < 1 or cycle < 3:
        raise ValueError("The learning loop needs a lead-in step and at least three steps in its cycle.")
    lines = [
        "digraph loop {",
        '  graph [layout=neato, bgcolor="transparent", splines=true, overlap=false];',
        '  node [shape=box, style="rounded,filled", fillcolor="#EEF3FB", color="#4C78A8",'
        ' fontname="Helvetica", fontsize=15, margin="0.15,0.08"];',
        '  edge [color="#4C78A8", penwidth=1.4];',
    ]
    radius_x, radius_y, spacing = 2.1, 1.2, 2.3
    centre_x = spacing * lead_in + radius_x
    for index, (label, caption) in enumerate(steps):
        text = label if caption is None else f"{label}\n({caption})"
        if index < lead_in:
            x, y = spacing * index, 0.0
        else:
            angle = math.pi - 2 * math.pi * (index - lead_in) / cycle  # clockwise from the left
            x, y = centre_x + radius_x * math.cos(angle), radius_y * math.sin(angle)
        lines.append(f'  s{index} [label={_quote(text)}, pos="{x:.2f},{y:.2f}!"];')
    for index in range(len(steps) - 1):
        lines.append(f"  s{index} -> s{index + 1};")
    lines.append(f"  s{len(steps) - 1} -> s{lead_in} [style=dashed];")
    lines.append("}")
    return "\n".join(lines)


def mcculloch_pitts_dot(
    inhibitory: Sequence[bool], threshold: int, *, output: str = "y", subtractive: bool = False
) -> str:
    """DOT source of a McCulloch–Pitts neuron: its inputs, their kind, the threshold.

    Excitatory inputs arrive with an ordinary arrow; inhibitory ones in red, ending in a
    circle (the classic drawing of an inhibitory synapse).

    Parameters
    ----------
    inhibitory : sequence of bool
        One entry per input, ``True`` when the input is inhibitory.
    threshold : int
        ``θ``, written inside the neuron.
    output : str
        Label of the output node.
    subtractive : bool
        Label the neuron with the subtractive rule (``Σexc − Σinh ≥ θ``) instead of the
        absolute one (``Σexc ≥ θ``, silenced by any inhibitory input).

    Returns
    -------
    str
        A ``digraph`` in DOT.
    """
    if not inhibitory:
        raise ValueError("A neuron needs at least one input.")
    rule = f"Σexc − Σinh ≥ {threshold}" if subtractive else f"Σexc ≥ {threshold}"
    lines = [
        "digraph mp {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=0.8];',
        '  node [fontname="Helvetica", fontsize=13];',
        '  edge [penwidth=1.6];',
        f'  neuron [shape=circle, style=filled, fillcolor="#EEF3FB", color="#4C78A8", label={_quote(rule)}];',
        f"  out [shape=plaintext, label={_quote(output)}];",
        '  neuron -> out [color="#4C78A8"];',
    ]
    for index, flag in enumerate(inhibitory, start=1):
        lines.append(f'  x{index} [shape=circle, width=0.5, fixedsize=true, label="x{index}"];')
        style = 'color="#E4572E", arrowhead=odot' if flag else 'color="#4C78A8", arrowhead=normal'
        lines.append(f"  x{index} -> neuron [{style}];")
    lines.append("}")
    return "\n".join(lines)


def perceptron_dot(weights: Sequence[float], *, activation: str = "step", output: str = "ŷ") -> str:
    """DOT source of a perceptron: a constant input 1 and the inputs, each edge labelled with its weight.

    Parameters
    ----------
    weights : sequence of float
        ``(w0, w1, ..., wn)``; ``w0`` (the bias) is the weight of the constant input 1.
    activation : str
        Name written in the neuron after the sum (``"step"``, ``"sign"``).
    output : str
        Label of the output node.

    Returns
    -------
    str
        A ``digraph`` in DOT.
    """
    if len(weights) < 2:
        raise ValueError("A perceptron needs a bias and at least one weight.")
    lines = [
        "digraph perceptron {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=1.1];',
        '  node [fontname="Helvetica", fontsize=13];',
        '  edge [fontname="Helvetica", fontsize=11, color="#4C78A8", penwidth=1.6];',
        f'  neuron [shape=circle, style=filled, fillcolor="#EEF3FB", color="#4C78A8", label={_quote("Σ | " + activation)}];',
        f"  out [shape=plaintext, label={_quote(output)}];",
        "  neuron -> out;",
        '  x0 [shape=box, style="rounded,filled", fillcolor="#F3F6FB", label="1"];',
    ]
    for index in range(1, len(weights)):
        lines.append(f'  x{index} [shape=circle, width=0.5, fixedsize=true, label="x{index}"];')
    for index, weight in enumerate(weights):
        lines.append(f"  x{index} -> neuron [label={_quote(f'w{index} = {float(weight):.3g}')}];")
    lines.append("}")
    return "\n".join(lines)
