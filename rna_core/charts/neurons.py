"""Charts of the neurons page: the perceptron's input plane, the MLP's decision map, curves.

Pure builders: numbers and labels in, a chart out. Every text shown on a chart (axis
titles, tooltips) is an argument, so the page passes it translated. The two charts redrawn
on almost every rerun (the perceptron's plane, the MLP's map) are plain Vega-Lite
specifications for ``st.vega_lite_chart``; the curves are Altair charts.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import CLASS_COLORS

__all__ = ["boundary_segment", "errors_chart", "perceptron_plane_chart"]

#: The input plane shown: a margin around the unit square.
PLANE = (-0.25, 1.25)


def boundary_segment(weights: Sequence[float], low: float = PLANE[0], high: float = PLANE[1]) -> pd.DataFrame:
    """Two points of the decision line ``w0 + w1 x1 + w2 x2 = 0`` spanning the plotted square.

    With one input the boundary is the vertical line ``x1 = -w0 / w1``. With all input
    weights zero there is no boundary (the unit answers the same everywhere): the frame
    is empty.

    Returns
    -------
    pandas.DataFrame
        Columns ``x1, x2`` (0 or 2 rows; the points may lie outside the square, the
        chart clips them).
    """
    w = [float(v) for v in weights]
    if len(w) == 2:
        w.append(0.0)
    w0, w1, w2 = w[:3]
    if len(weights) == 2 and w1 != 0:
        return pd.DataFrame({"x1": [-w0 / w1] * 2, "x2": [low, high]})
    if abs(w2) >= abs(w1) and w2 != 0:  # steep or flat: solve for the better-conditioned variable
        xs = np.array([low, high])
        return pd.DataFrame({"x1": xs, "x2": -(w0 + w1 * xs) / w2})
    if w1 != 0:
        ys = np.array([low, high])
        return pd.DataFrame({"x1": -(w0 + w2 * ys) / w1, "x2": ys})
    return pd.DataFrame({"x1": [], "x2": []})


def _half_plane_layers(weights: np.ndarray) -> list[dict]:
    """Vega-Lite layers shading the square's two sides of ``w0 + w1 x1 + w2 x2 = 0`` by predicted class."""
    low, high = PLANE
    w0, w1 = float(weights[0]), float(weights[1])
    w2 = float(weights[2]) if len(weights) > 2 else 0.0
    layers = []
    if w2 != 0:  # the line is x2 = -(w0 + w1 x1) / w2; class 1 lies above it when w2 > 0
        values = [{"x1": x1, "x2": -(w0 + w1 * x1) / w2, "top": high, "bottom": low} for x1 in PLANE]
        for edge, fires in (("top", int(w2 > 0)), ("bottom", int(w2 < 0))):
            layers.append({"data": {"values": values}, "mark": {"type": "area", "color": CLASS_COLORS[fires],
                                                                "opacity": 0.18, "clip": True},
                           "encoding": {"y2": {"field": edge}}})
        return layers
    if w1 != 0:  # a vertical line x1 = -w0 / w1; class 1 lies to its right when w1 > 0
        cut, left = float(np.clip(-w0 / w1, low, high)), int(w1 < 0)
    else:  # no line: the whole square is one class (the right side is empty)
        cut, left = high, int(w0 >= 0)
    for start, end, fires in ((low, cut, left), (cut, high, 1 - left)):
        layers.append({"data": {"values": [{"x1": start, "x1b": end, "x2": low, "x2b": high}]},
                       "mark": {"type": "rect", "color": CLASS_COLORS[fires], "opacity": 0.18, "clip": True},
                       "encoding": {"x2": {"field": "x1b"}, "y2": {"field": "x2b"}}})
    return layers


def perceptron_plane_chart(
    inputs: np.ndarray,
    targets: np.ndarray,
    weights: Sequence[float],
    *,
    highlight: int | None = None,
    class_title: str = "class y",
    x_title: str = "x₁",
    y_title: str = "x₂",
    size: int = 360,
) -> dict:
    """The truth table's points coloured by class, the two sides of the unit's line, the line.

    Returned as a plain Vega-Lite specification (for ``st.vega_lite_chart``), not an Altair
    object: the replay slider redraws it at every step, and building and serialising the
    same chart through Altair's object model costs about 70 ms of CPU per draw, this 0.1 ms.
    The tests check it against the Vega-Lite schema.

    Parameters
    ----------
    inputs : numpy.ndarray
        Shape ``(m, 1)`` or ``(m, 2)``; with one input the points sit on ``x2 = 0``.
    targets : numpy.ndarray
        0/1 label of each row.
    weights : sequence of float
        ``(w0, w1[, w2])`` of the perceptron at the step shown.
    highlight : int, optional
        0-based row presented at this step: drawn with an orange ring.
    class_title, x_title, y_title : str
        Texts shown on the chart (translated by the page). The background is tinted with
        the class the perceptron predicts there (no legend: the page's caption explains).
    size : int
        Width and height in pixels (Streamlit fits axes inside them).

    Returns
    -------
    dict
        A Vega-Lite layer specification.
    """
    x = np.asarray(inputs, dtype=float)
    if x.ndim != 2 or x.shape[1] not in (1, 2):
        raise ValueError("The input plane can show gates with 1 or 2 inputs.")
    w = np.asarray(weights, dtype=float)
    if len(w) != x.shape[1] + 1:
        raise ValueError("The perceptron needs one weight per input plus the bias w0.")
    points = [{"x1": float(row[0]), "x2": float(row[1]) if len(row) > 1 else 0.0, "y": int(label)}
              for row, label in zip(x, np.asarray(targets), strict=True)]
    scale = {"domain": list(PLANE), "nice": False}
    axes = {
        "x": {"field": "x1", "type": "quantitative", "title": x_title, "scale": scale, "axis": {"values": [0, 1]}},
        "y": {"field": "x2", "type": "quantitative", "title": y_title, "scale": scale, "axis": {"values": [0, 1]}},
    }
    segment = boundary_segment(w)
    layers = [
        *_half_plane_layers(w),
        {"data": {"values": [{"x1": float(a), "x2": float(b)} for a, b in zip(segment["x1"], segment["x2"],
                                                                                strict=True)]},
         "mark": {"type": "line", "color": "#1F2430", "strokeWidth": 2.5, "clip": True}},
        {"data": {"values": points},
         "mark": {"type": "circle", "size": 260, "opacity": 1, "stroke": "#1F2430", "strokeWidth": 1},
         "encoding": {"fill": {"field": "y", "type": "ordinal", "legend": None,
                               "scale": {"domain": [0, 1], "range": list(CLASS_COLORS)}},
                      "tooltip": [{"field": "x1", "type": "quantitative"}, {"field": "x2", "type": "quantitative"},
                                  {"field": "y", "type": "ordinal", "title": class_title}]}},
    ]
    if highlight is not None:
        layers.append({"data": {"values": [points[highlight]]},
                       "mark": {"type": "circle", "size": 900, "fillOpacity": 0, "stroke": "#F2A541",
                                "strokeWidth": 4}})
    for layer in layers:
        layer["encoding"] = {**axes, **layer.get("encoding", {})}
    # No legends and equal axes: Streamlit fits the whole chart in size × size, so the plot stays square.
    return {"$schema": alt.SCHEMA_URL, "width": size, "height": size, "layer": layers}


def errors_chart(errors_per_epoch: Sequence[int], *, errors_title: str = "errors",
                 epoch_title: str = "epoch") -> alt.Chart:
    """Misclassified rows in each epoch of perceptron training, as bars."""
    data = pd.DataFrame({"epoch": np.arange(1, len(errors_per_epoch) + 1), "errors": list(errors_per_epoch)})
    return alt.Chart(data).mark_bar(color=CLASS_COLORS[0]).encode(
        x=alt.X(field="epoch", type="ordinal" if len(data) <= 40 else "quantitative", title=epoch_title,
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y(field="errors", type="quantitative", title=errors_title, axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domain=[0, max(1, *errors_per_epoch)])),
        tooltip=[alt.Tooltip(field="epoch", type="quantitative"), alt.Tooltip(field="errors", type="quantitative")],
    ).properties(height=160)
