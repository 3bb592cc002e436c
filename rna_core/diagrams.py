"""Graphviz (DOT) diagrams, built as plain strings so they can be tested and cached.

Streamlit renders DOT with ``st.graphviz_chart`` in the browser; no Graphviz install needed.
"""

from __future__ import annotations

import math
from typing import Sequence


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
