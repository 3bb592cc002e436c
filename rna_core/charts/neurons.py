"""Charts of the neurons page: the perceptron's input plane, the MLP's decision map, curves.

Pure builders: numbers and labels in, an Altair chart out. Every text shown on a chart
(axis titles, legend titles) is an argument, so the page passes it translated.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import CLASS_COLORS

__all__ = ["boundary_segment", "decision_map_chart", "errors_chart", "loss_chart", "perceptron_plane_chart"]

#: The input plane shown: a margin around the unit square.
PLANE = (-0.25, 1.25)
_CLASS_SCALE = alt.Scale(domain=[0, 1], range=list(CLASS_COLORS))


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


def _axes(x_title: str, y_title: str) -> tuple[alt.X, alt.Y]:
    scale = alt.Scale(domain=list(PLANE), nice=False)
    return (alt.X("x1:Q", title=x_title, scale=scale, axis=alt.Axis(values=[0, 1])),
            alt.Y("x2:Q", title=y_title, scale=scale, axis=alt.Axis(values=[0, 1])))


def perceptron_plane_chart(
    inputs: np.ndarray,
    targets: np.ndarray,
    weights: Sequence[float],
    *,
    highlight: int | None = None,
    class_title: str = "class y",
    region_title: str = "ŷ",
    x_title: str = "x₁",
    y_title: str = "x₂",
    size: int = 360,
) -> alt.LayerChart:
    """The truth table's points coloured by class, the region where the unit says 1, its line.

    Parameters
    ----------
    inputs : numpy.ndarray
        Shape ``(m, 1)`` or ``(m, 2)``; with one input the points sit on ``x2 = 0``.
    targets : numpy.ndarray
        0/1 label of each row.
    weights : sequence of float
        ``(w0, w1[, w2])`` of the perceptron at the step shown.
    highlight : int, optional
        0-based row presented at this step: drawn with a ring.
    class_title, region_title, x_title, y_title : str
        Texts shown on the chart (translated by the page). The background is tinted with
        the class the perceptron predicts there; ``region_title`` names it in tooltips.
    size : int
        Width and height in pixels.

    Returns
    -------
    altair.LayerChart
    """
    x = np.asarray(inputs, dtype=float)
    if x.ndim != 2 or x.shape[1] not in (1, 2):
        raise ValueError("The input plane can show gates with 1 or 2 inputs.")
    w = np.asarray(weights, dtype=float)
    points = pd.DataFrame({
        "x1": x[:, 0],
        "x2": x[:, 1] if x.shape[1] == 2 else np.zeros(len(x)),
        "y": np.asarray(targets).astype(int),
    })
    axis = np.linspace(PLANE[0], PLANE[1], 31)
    g1, g2 = np.meshgrid(axis, axis)
    z = w[0] + w[1] * g1 + (w[2] * g2 if len(w) > 2 else 0.0)
    cell = (PLANE[1] - PLANE[0]) / 30
    region = pd.DataFrame({"x1": g1.ravel() - cell / 2, "x1b": g1.ravel() + cell / 2,
                           "x2": g2.ravel() - cell / 2, "x2b": g2.ravel() + cell / 2,
                           "fires": (z.ravel() >= 0).astype(int)})
    x_enc, y_enc = _axes(x_title, y_title)
    shade = alt.Chart(region).mark_rect(opacity=0.18).encode(
        x=x_enc, x2="x1b:Q", y=y_enc, y2="x2b:Q",
        color=alt.Color("fires:N", scale=alt.Scale(domain=[0, 1], range=list(CLASS_COLORS)), legend=None),
        tooltip=[alt.Tooltip("fires:N", title=region_title)],
    )
    line = alt.Chart(boundary_segment(w)).mark_line(color="#1F2430", strokeWidth=2.5, clip=True).encode(
        x="x1:Q", y="x2:Q"
    )
    dots = alt.Chart(points).mark_circle(size=260, opacity=1, stroke="#1F2430", strokeWidth=1).encode(
        x="x1:Q", y="x2:Q",
        fill=alt.Fill("y:O", scale=_CLASS_SCALE, legend=None),  # colours explained in the page's caption
        tooltip=["x1:Q", "x2:Q", alt.Tooltip("y:O", title=class_title)],
    )
    layers = [shade, line, dots]
    if highlight is not None:
        ring = alt.Chart(points.iloc[[highlight]]).mark_circle(
            size=900, fillOpacity=0, stroke="#F2A541", strokeWidth=4
        ).encode(x="x1:Q", y="x2:Q")
        layers.append(ring)
    # No legends and equal axes: Streamlit fits the whole chart in size × size, so the plot stays square.
    return alt.layer(*layers).resolve_scale(color="independent").properties(width=size, height=size)


def decision_map_chart(
    grid: pd.DataFrame,
    inputs: np.ndarray,
    targets: np.ndarray,
    *,
    probability_title: str = "P(y = 1)",
    class_title: str = "class y",
    x_title: str = "x₁",
    y_title: str = "x₂",
    size: int = 340,
) -> alt.LayerChart:
    """Heatmap of a network's output over the input plane, with the table's points on top.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`rna_core.mlp.decision_grid`: columns ``x1, x2, p, width``.
    inputs, targets : numpy.ndarray
        The truth table's rows (shape ``(m, 2)``) and 0/1 labels.

    Returns
    -------
    altair.LayerChart
    """
    half = float(grid["width"].iloc[0]) / 2
    cells = grid.assign(x1b=grid["x1"] + half, x2b=grid["x2"] + half, x1=grid["x1"] - half, x2=grid["x2"] - half)
    x_enc, y_enc = _axes(x_title, y_title)
    heat = alt.Chart(cells).mark_rect().encode(
        x=x_enc, x2="x1b:Q", y=y_enc, y2="x2b:Q",
        color=alt.Color("p:Q", title=probability_title,
                        scale=alt.Scale(domain=[0, 0.5, 1], range=[CLASS_COLORS[0], "#FFFFFF", CLASS_COLORS[1]])),
    )
    x = np.asarray(inputs, dtype=float)
    points = pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "y": np.asarray(targets).astype(int)})
    dots = alt.Chart(points).mark_circle(size=260, opacity=1, stroke="#1F2430", strokeWidth=1.5).encode(
        x="x1:Q", y="x2:Q", fill=alt.Fill("y:O", scale=_CLASS_SCALE, legend=None),
        tooltip=["x1:Q", "x2:Q", alt.Tooltip("y:O", title=class_title)],
    )
    # Streamlit fits the whole chart (colour bar included) in its size: widen it by the bar's room.
    return alt.layer(heat, dots).properties(width=size + 70, height=size)


def loss_chart(history: pd.DataFrame, *, loss_title: str = "loss", epoch_title: str = "epoch",
               max_points: int = 400) -> alt.Chart:
    """The cost after each epoch (``history`` columns ``epoch, loss``), thinned to ``max_points``."""
    step = max(1, int(np.ceil(len(history) / max_points)))
    thinned = pd.concat([history.iloc[::step], history.iloc[[-1]]]).drop_duplicates("epoch")
    return alt.Chart(thinned).mark_line(color=CLASS_COLORS[1], strokeWidth=2).encode(
        x=alt.X("epoch:Q", title=epoch_title),
        y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(zero=True)),
        tooltip=["epoch:Q", alt.Tooltip("loss:Q", format=".4f")],
    ).properties(height=260)


def errors_chart(errors_per_epoch: Sequence[int], *, errors_title: str = "errors",
                 epoch_title: str = "epoch") -> alt.Chart:
    """Misclassified rows in each epoch of perceptron training, as bars."""
    data = pd.DataFrame({"epoch": np.arange(1, len(errors_per_epoch) + 1), "errors": list(errors_per_epoch)})
    return alt.Chart(data).mark_bar(color=CLASS_COLORS[0]).encode(
        x=alt.X("epoch:O" if len(data) <= 40 else "epoch:Q", title=epoch_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("errors:Q", title=errors_title, axis=alt.Axis(tickMinStep=1)),
        tooltip=["epoch", "errors"],
    ).properties(height=160)
