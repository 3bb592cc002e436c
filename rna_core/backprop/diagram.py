"""The small network as a Graphviz (DOT) diagram, with the numbers of the stage being shown.

Before the forward pass only the inputs, weights and biases are written; after it, each
unit's ``z`` and ``a`` (blue) and the loss; after the backward pass each unit's ``δ``
(orange) and each weight's gradient (green), the edges turned green and thickened by the
gradient's size; after the update, the new weights. Streamlit draws DOT with
``st.graphviz_chart`` in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import numpy as np

from rna_core.backprop.explain import COLORS
from rna_core.backprop.trace import StepTrace

__all__ = ["network_dot"]

_NEUTRAL = "#9AA5B1"


def _font(kind: str, text: str) -> str:
    return f'<font color="{COLORS[kind]}">{escape(text)}</font>'


def _unit_label(layer: int, unit: int, depth: int, n_units: int) -> str:
    if layer == 0:
        return f"x{unit + 1}"
    if layer == depth:
        return "ŷ" if n_units == 1 else f"ŷ{unit + 1}"
    return f"h{unit + 1}" if depth == 2 else f"h{layer}.{unit + 1}"


def network_dot(trace: StepTrace, stage: str | None, number: Callable[[float], str] = "{:.3f}".format) -> str:
    """DOT source of the network of ``trace`` at ``stage``.

    Parameters
    ----------
    trace : StepTrace
        The step to draw (its starting weights; its new ones at the ``"update"`` stage).
    stage : {None, "forward", "backward", "update"}
        How far the step has gone: what numbers to write.
    number : callable
        Formats a number (the page passes one that writes the language's decimal separator).

    Returns
    -------
    str
        A left-to-right ``digraph``.
    """
    network, passed, grads = trace.network, trace.forward, trace.backward
    shown = {None: 0, "forward": 1, "backward": 2, "update": 3}[stage]
    sizes, depth = network.layer_sizes, network.depth
    lines = [
        "digraph backprop {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.35, ranksep=1.6];',
        '  node [fontname="Helvetica", fontsize=14, shape=box, style="rounded,filled", fillcolor="#F5F8FC", color="#4C78A8"];',
        '  edge [fontname="Helvetica", fontsize=12, arrowsize=0.7];',
    ]
    if max(sizes) > 2:  # many crossing edges: underline each label and tie it to its edge
        lines.append("  edge [decorate=true];")
    grad_scale = max(float(np.max(np.abs(g))) for g in grads.weight_gradients) if shown >= 2 else 0.0
    for layer, n_units in enumerate(sizes):
        for unit in range(n_units):
            rows = [f"<b>{escape(_unit_label(layer, unit, depth, sizes[-1]))}</b>"]
            if layer == 0:
                rows.append(escape(f"= {number(trace.x[0, unit])}"))
            else:
                bias = network.biases[layer - 1][unit]
                new_bias = trace.updated.biases[layer - 1][unit]
                rows.append(escape(f"b = {number(bias)}") + (escape(f" → {number(new_bias)}") if shown >= 3 else ""))
                if shown >= 1:
                    rows.append(_font("forward", f"z = {number(passed.z[layer - 1][0, unit])}"))
                    rows.append(_font("forward", f"a = {number(passed.a[layer][0, unit])}"))
                if shown >= 2:
                    rows.append(_font("delta", f"δ = {number(grads.deltas[layer - 1][0, unit])}"))
            lines.append(f'  n{layer}_{unit} [label=<{"<br/>".join(rows)}>];')
    for layer, n_units in enumerate(sizes):  # keep each layer's units in order, top to bottom
        if n_units > 1:
            chain = " -> ".join(f"n{layer}_{unit}" for unit in range(n_units))
            lines.append(f"  {{rank=same; {chain} [style=invis];}}")
    loss_rows = [escape(f"y = {number(trace.y[0, 0])}" if sizes[-1] == 1 else "y")]
    if shown >= 1:
        loss_rows.append(_font("forward", f"L = {number(passed.loss)}"))
    if shown >= 3:
        loss_rows.append(escape(f"→ {number(trace.loss_after)}"))
    lines.append(f'  loss [shape=box, style="rounded,filled", fillcolor="#FFF6E5", color="#F2A541", label=<{"<br/>".join(loss_rows)}>];')
    for unit in range(sizes[-1]):
        lines.append(f'  n{depth}_{unit} -> loss [color="#F2A541"];')
    for layer in range(1, depth + 1):
        w = network.weights[layer - 1]
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                label = [escape(f"w = {number(w[i, j])}")]
                color, width = _NEUTRAL, 1.2
                if shown >= 2:
                    gradient = float(grads.weight_gradients[layer - 1][i, j])
                    label.append(_font("gradient", f"∂L/∂w = {number(gradient)}"))
                    color = COLORS["gradient"] if gradient != 0 else _NEUTRAL
                    width = 1.0 + 3.0 * abs(gradient) / grad_scale if grad_scale > 0 else 1.0
                if shown >= 3:
                    label.append(escape(f"→ {number(trace.updated.weights[layer - 1][i, j])}"))
                lines.append(f'  n{layer - 1}_{i} -> n{layer}_{j} [color="{color}", penwidth={width:.2f}, '
                             f'label=<{"<br/>".join(label)}>];')
    lines.append("}")
    return "\n".join(lines)
