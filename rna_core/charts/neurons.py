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


def _axes(x_title: str, y_title: str, grid: bool = True) -> tuple[alt.X, alt.Y]:
    # Channels are built as objects: Altair's "x1:Q" shorthand costs milliseconds each to parse.
    scale = alt.Scale(domain=list(PLANE), nice=False)
    return (alt.X(field="x1", type="quantitative", title=x_title, scale=scale, axis=alt.Axis(values=[0, 1], grid=grid)),
            alt.Y(field="x2", type="quantitative", title=y_title, scale=scale, axis=alt.Axis(values=[0, 1], grid=grid)))


def _xy() -> dict[str, object]:
    return {"x": alt.X(field="x1", type="quantitative"), "y": alt.Y(field="x2", type="quantitative")}


def _half_planes(weights: np.ndarray, x_enc: alt.X, y_enc: alt.Y) -> list[alt.Chart]:
    """Two shaded regions of the square: where ``w0 + w1 x1 + w2 x2 >= 0`` (class 1) and the rest."""
    low, high = PLANE
    w0, w1 = float(weights[0]), float(weights[1])
    w2 = float(weights[2]) if len(weights) > 2 else 0.0
    shade = {"opacity": 0.18, "clip": True}
    if w2 != 0:  # the line is x2 = -(w0 + w1 x1) / w2; class 1 lies above it when w2 > 0
        xs = np.array([low, high])
        frame = pd.DataFrame({"x1": xs, "x2": -(w0 + w1 * xs) / w2, "top": high, "bottom": low})
        above, below = (1, 0) if w2 > 0 else (0, 1)
        return [alt.Chart(frame).mark_area(color=CLASS_COLORS[above], **shade).encode(
                    x=x_enc, y=y_enc, y2=alt.Y2(field="top")),
                alt.Chart(frame).mark_area(color=CLASS_COLORS[below], **shade).encode(
                    x=x_enc, y=y_enc, y2=alt.Y2(field="bottom"))]
    cut = float(np.clip(-w0 / w1, low, high)) if w1 != 0 else (low if w0 >= 0 else high)
    right = 1 if w1 > 0 or (w1 == 0 and w0 >= 0) else 0  # class on the right of the vertical cut
    frame = pd.DataFrame({"x1": [low, cut], "x1b": [cut, high], "x2": low, "x2b": high, "fires": [1 - right, right]})
    return [alt.Chart(frame.iloc[[i]]).mark_rect(color=CLASS_COLORS[int(frame["fires"].iloc[i])], **shade).encode(
                x=x_enc, x2=alt.X2(field="x1b"), y=y_enc, y2=alt.Y2(field="x2b")) for i in range(2)]


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
) -> alt.LayerChart:
    """The truth table's points coloured by class, the two sides of the unit's line, the line.

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
    class_title, x_title, y_title : str
        Texts shown on the chart (translated by the page). The background is tinted with
        the class the perceptron predicts there (no legend: the page's caption explains).
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
    if len(w) != x.shape[1] + 1:
        raise ValueError("The perceptron needs one weight per input plus the bias w0.")
    points = pd.DataFrame({
        "x1": x[:, 0],
        "x2": x[:, 1] if x.shape[1] == 2 else np.zeros(len(x)),
        "y": np.asarray(targets).astype(int),
    })
    x_enc, y_enc = _axes(x_title, y_title)
    line = alt.Chart(boundary_segment(w)).mark_line(color="#1F2430", strokeWidth=2.5, clip=True).encode(**_xy())
    dots = alt.Chart(points).mark_circle(size=260, opacity=1, stroke="#1F2430", strokeWidth=1).encode(
        **_xy(), fill=alt.Fill(field="y", type="ordinal", scale=_CLASS_SCALE, legend=None),
        tooltip=[alt.Tooltip(field="x1", type="quantitative"), alt.Tooltip(field="x2", type="quantitative"),
                 alt.Tooltip(field="y", type="ordinal", title=class_title)],
    )
    layers = [*_half_planes(w, x_enc, y_enc), line, dots]
    if highlight is not None:
        ring = alt.Chart(points.iloc[[highlight]]).mark_circle(
            size=900, fillOpacity=0, stroke="#F2A541", strokeWidth=4
        ).encode(**_xy())
        layers.append(ring)
    # No legends and equal axes: Streamlit fits the whole chart in size × size, so the plot stays square.
    return alt.layer(*layers).properties(width=size, height=size)


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
    half = float(grid["width"].iloc[0]) * 0.52  # cells overlap a little: no seams between them
    cells = pd.DataFrame({"x1": grid["x1"] - half, "x1b": grid["x1"] + half, "x2": grid["x2"] - half,
                          "x2b": grid["x2"] + half, "p": grid["p"].round(4)})
    x_enc, y_enc = _axes(x_title, y_title, grid=False)
    heat = alt.Chart(cells).mark_rect().encode(
        x=x_enc, x2=alt.X2(field="x1b"), y=y_enc, y2=alt.Y2(field="x2b"),
        color=alt.Color(field="p", type="quantitative", title=probability_title,
                        scale=alt.Scale(domain=[0, 0.5, 1], range=[CLASS_COLORS[0], "#FFFFFF", CLASS_COLORS[1]])),
    )
    x = np.asarray(inputs, dtype=float)
    points = pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "y": np.asarray(targets).astype(int)})
    halo = alt.Chart(points).mark_circle(size=520, opacity=1, color="#FFFFFF").encode(**_xy())
    dots = alt.Chart(points).mark_circle(size=220, opacity=1, stroke="#1F2430", strokeWidth=1.5).encode(
        **_xy(), fill=alt.Fill(field="y", type="ordinal", scale=_CLASS_SCALE, legend=None),
        tooltip=[alt.Tooltip(field="y", type="ordinal", title=class_title)],
    )
    # Streamlit fits the whole chart (colour bar included) in its size: widen it by the bar's room.
    return alt.layer(heat, halo, dots).properties(width=size + 70, height=size)


def loss_chart(history: pd.DataFrame, *, loss_title: str = "loss", epoch_title: str = "epoch",
               max_points: int = 400) -> alt.Chart:
    """The cost after each epoch (``history`` columns ``epoch, loss``), thinned to ``max_points``."""
    step = max(1, int(np.ceil(len(history) / max_points)))
    thinned = pd.concat([history.iloc[::step], history.iloc[[-1]]]).drop_duplicates("epoch")[["epoch", "loss"]]
    return alt.Chart(thinned).mark_line(color=CLASS_COLORS[1], strokeWidth=2).encode(
        x=alt.X(field="epoch", type="quantitative", title=epoch_title),
        y=alt.Y(field="loss", type="quantitative", title=loss_title, scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip(field="epoch", type="quantitative"),
                 alt.Tooltip(field="loss", type="quantitative", format=".4f")],
    ).properties(height=260)


def errors_chart(errors_per_epoch: Sequence[int], *, errors_title: str = "errors",
                 epoch_title: str = "epoch") -> alt.Chart:
    """Misclassified rows in each epoch of perceptron training, as bars."""
    data = pd.DataFrame({"epoch": np.arange(1, len(errors_per_epoch) + 1), "errors": list(errors_per_epoch)})
    return alt.Chart(data).mark_bar(color=CLASS_COLORS[0]).encode(
        x=alt.X(field="epoch", type="ordinal" if len(data) <= 40 else "quantitative", title=epoch_title,
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y(field="errors", type="quantitative", title=errors_title, axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip(field="epoch", type="quantitative"), alt.Tooltip(field="errors", type="quantitative")],
    ).properties(height=160)
