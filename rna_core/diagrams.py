"""Graphviz (DOT) diagrams, built as plain strings so they can be tested and cached.

Streamlit renders DOT with ``st.graphviz_chart`` in the browser; no Graphviz install needed.
"""

from __future__ import annotations

from typing import Sequence


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def learning_loop_dot(steps: Sequence[tuple[str, str | None]]) -> str:
    """DOT source of the training loop drawn as a cycle.

    Parameters
    ----------
    steps : sequence of (label, caption)
        The loop's steps in order (dataset, layers, ..., parameter update); ``caption``
        names the page that shows the step, or is ``None``. The last step points back
        to the fourth one (prediction), closing the loop a network repeats.

    Returns
    -------
    str
        A ``digraph`` in DOT.
    """
    if len(steps) < 4:
        raise ValueError("The learning loop needs at least four steps.")
    lines = [
        "digraph loop {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.35, ranksep=0.45];',
        '  node [shape=box, style="rounded,filled", fillcolor="#EEF3FB", color="#4C78A8",'
        ' fontname="Helvetica", fontsize=12];',
        '  edge [color="#4C78A8", penwidth=1.4];',
    ]
    for index, (label, caption) in enumerate(steps):
        text = label if caption is None else f"{label}\\n({caption})"
        lines.append(f"  s{index} [label={_quote(text)}];")
    for index in range(len(steps) - 1):
        lines.append(f"  s{index} -> s{index + 1};")
    lines.append(f'  s{len(steps) - 1} -> s3 [style=dashed, constraint=false];')
    lines.append("}")
    return "\n".join(lines)
