"""Charts of the cost-functions page: cross-entropy curves, per-example costs, residuals, descent paths."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import CLASS_COLORS, PALETTE
from rna_core.descent import CostCurve, DescentResult

__all__ = [
    "REGRESSION_HOURS",
    "REGRESSION_SCORES",
    "bce_chart",
    "class_probability_chart",
    "descent_chart",
    "example_cost_chart",
    "regression_chart",
]

#: Toy regression data: hours of study -> exam score (0–10), a noisy straight line.
REGRESSION_HOURS: tuple[float, ...] = (1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 5.5, 6.5, 7.0, 8.0)
REGRESSION_SCORES: tuple[float, ...] = (2.1, 3.4, 3.0, 4.6, 4.9, 6.3, 5.6, 7.4, 7.1, 8.8)


def bce_chart(y_hat: float, label_y1: str, label_y0: str, x_title: str, y_title: str) -> alt.LayerChart:
    """The two branches of binary cross-entropy with the chosen ``y_hat`` marked on both.

    Parameters
    ----------
    y_hat : float
        Prediction in [0, 1] to mark.
    label_y1, label_y0 : str
        Legend names of ``-log(ŷ)`` (true label 1) and ``-log(1 - ŷ)`` (true label 0).
    """
    grid = np.linspace(0.005, 0.995, 199)
    curves = pd.concat(
        [
            pd.DataFrame({"y_hat": grid, "cost": -np.log(grid), "curve": label_y1}),
            pd.DataFrame({"y_hat": grid, "cost": -np.log1p(-grid), "curve": label_y0}),
        ]
    )
    eps = np.finfo(float).eps
    p = float(np.clip(y_hat, eps, 1 - eps))
    marks = pd.DataFrame(
        {"y_hat": [y_hat, y_hat], "cost": [-np.log(p), -np.log1p(-p)], "curve": [label_y1, label_y0]}
    )
    marks["text"] = marks["cost"].map(lambda c: f"{c:.3f}")
    color = alt.Color(
        "curve:N", title=None, scale=alt.Scale(domain=[label_y1, label_y0], range=list(CLASS_COLORS[::-1])),
        legend=alt.Legend(orient="top"),
    )
    y_scale = alt.Scale(domain=[0, 5.5], clamp=True)
    lines = alt.Chart(curves).mark_line(strokeWidth=2.5, clip=True).encode(
        x=alt.X("y_hat:Q", title=x_title, scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("cost:Q", title=y_title, scale=y_scale),
        color=color,
    )
    points = alt.Chart(marks).mark_circle(size=140).encode(
        x="y_hat:Q", y=alt.Y("cost:Q", scale=y_scale), color=color,
        tooltip=[alt.Tooltip("curve:N", title=""), alt.Tooltip("y_hat:Q", format=".3f"), alt.Tooltip("cost:Q", format=".4f")],
    )
    text = alt.Chart(marks).mark_text(dx=10, dy=-12, align="left", fontWeight="bold").encode(
        x="y_hat:Q", y=alt.Y("cost:Q", scale=y_scale), text="text:N", color=color
    )
    rule = alt.Chart(pd.DataFrame({"y_hat": [y_hat]})).mark_rule(strokeDash=[4, 4], color="#888").encode(x="y_hat:Q")
    return alt.layer(lines, rule, points, text).properties(height=300)


def example_cost_chart(table: pd.DataFrame, mean: float, x_title: str, y_title: str, mean_label: str) -> alt.LayerChart:
    """Bars of each example's cost with a rule at their mean.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``example`` (1, 2, ...), ``y``, ``y_hat``, ``cost``.
    """
    bars = alt.Chart(table).mark_bar(color=CLASS_COLORS[0]).encode(
        x=alt.X("example:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cost:Q", title=y_title),
        tooltip=["example:O", "y:Q", alt.Tooltip("y_hat:Q", format=".3f"), alt.Tooltip("cost:Q", format=".4f")],
    )
    mean_frame = pd.DataFrame({"cost": [mean], "text": [f"{mean_label} = {mean:.3f}"]})
    rule = alt.Chart(mean_frame).mark_rule(color=CLASS_COLORS[1], strokeWidth=2).encode(y="cost:Q")
    text = alt.Chart(mean_frame).mark_text(align="right", dy=-7, color=CLASS_COLORS[1], x="width").encode(
        y="cost:Q", text="text:N"
    )
    return alt.layer(bars, rule, text).properties(height=220)


def class_probability_chart(table: pd.DataFrame, y_title: str) -> alt.LayerChart:
    """Softmax probabilities per class, the true class in the accent colour.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``class``, ``probability``, ``kind`` (legend text: true class / other).
    """
    kinds = list(dict.fromkeys(table["kind"]))
    base = alt.Chart(table).encode(
        x=alt.X("class:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=[CLASS_COLORS[1], CLASS_COLORS[0]][: len(kinds)])),
        tooltip=["class:N", alt.Tooltip("probability:Q", format=".4f")],
    )
    text = base.mark_text(dy=-8).encode(text=alt.Text("probability:Q", format=".3f"))
    return alt.layer(bars, text).properties(height=240)


def regression_chart(w: float, b: float, x_title: str, y_title: str) -> alt.LayerChart:
    """The toy data, the line ``ŷ = w·x + b`` and each residual as a red segment."""
    x = np.array(REGRESSION_HOURS)
    y = np.array(REGRESSION_SCORES)
    points = pd.DataFrame({"x": x, "y": y, "y_hat": w * x + b})
    points["residual"] = points["y_hat"] - points["y"]
    line = pd.DataFrame({"x": [0.0, 9.0], "y_hat": [b, w * 9.0 + b]})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[0, 9]))
    y_scale = alt.Scale(domain=[-1, 11], clamp=True)
    residuals = alt.Chart(points).mark_rule(color=CLASS_COLORS[1], strokeWidth=2).encode(
        x=x_enc, y=alt.Y("y:Q", title=y_title, scale=y_scale), y2="y_hat:Q"
    )
    dots = alt.Chart(points).mark_circle(size=80, color=CLASS_COLORS[0]).encode(
        x=x_enc, y=alt.Y("y:Q", scale=y_scale),
        tooltip=[alt.Tooltip("x:Q"), alt.Tooltip("y:Q"), alt.Tooltip("y_hat:Q", format=".2f"), alt.Tooltip("residual:Q", format=".2f")],
    )
    fit = alt.Chart(line).mark_line(color="#333", clip=True).encode(x=x_enc, y=alt.Y("y_hat:Q", scale=y_scale))
    return alt.layer(residuals, fit, dots).properties(height=300)


def descent_chart(curve: CostCurve, result: DescentResult, x_title: str, y_title: str, step_title: str) -> alt.LayerChart:
    """The cost curve with the steps of gradient descent drawn on it.

    The view is the curve's window widened to show a few escaping steps; anything
    further (a divergent walk) is clipped at the border.
    """
    low, high = curve.window
    width = high - low
    view_low = max(min(low, float(result.weights.min())), low - width)
    view_high = min(max(high, float(result.weights.max())), high + width)
    grid = np.linspace(view_low, view_high, 300)
    line = pd.DataFrame({"w": grid, "cost": curve.cost(grid)})
    costs_in_window = curve.cost(np.linspace(low, high, 300))
    y_domain = [float(costs_in_window.min()) - 0.3, float(costs_in_window.max()) + 0.3]
    path = pd.DataFrame({"step": np.arange(len(result.weights)), "w": result.weights, "cost": result.costs})
    path["w_next"] = path["w"].shift(-1)
    path["cost_next"] = path["cost"].shift(-1)
    x_enc = alt.X("w:Q", title=x_title, scale=alt.Scale(domain=[view_low, view_high]))
    y_scale = alt.Scale(domain=y_domain)
    curve_layer = alt.Chart(line).mark_line(color="#555", strokeWidth=2, clip=True).encode(
        x=x_enc, y=alt.Y("cost:Q", title=y_title, scale=y_scale)
    )
    moves = alt.Chart(path.dropna()).mark_rule(color=PALETTE[1], strokeWidth=1.5, clip=True).encode(
        x=x_enc, y=alt.Y("cost:Q", scale=y_scale), x2="w_next:Q", y2="cost_next:Q"
    )
    dots = alt.Chart(path).mark_circle(size=70, clip=True).encode(
        x=x_enc, y=alt.Y("cost:Q", scale=y_scale),
        color=alt.Color("step:Q", title=step_title, scale=alt.Scale(scheme="oranges")),
        tooltip=[alt.Tooltip("step:Q", title=step_title), alt.Tooltip("w:Q", format=".4f"), alt.Tooltip("cost:Q", format=".4f")],
    )
    return alt.layer(curve_layer, moves, dots).properties(height=340)
