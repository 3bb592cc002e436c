"""Charts of the cost-functions page: cross-entropy curves, per-example costs, residuals, descent paths.

Each ``*_chart`` builds the structure over named data (see
:mod:`rna_core.charts.named_data`); the matching ``*_data`` function computes the
DataFrames for the current inputs, keyed by the names the chart reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import CLASS_COLORS, PALETTE
from rna_core.descent import CURVES, DescentResult

__all__ = [
    "REGRESSION_HOURS",
    "REGRESSION_SCORES",
    "bce_chart",
    "bce_data",
    "class_probability_chart",
    "descent_chart",
    "descent_data",
    "example_cost_chart",
    "example_cost_data",
    "regression_chart",
    "regression_data",
]

#: Toy regression data: hours of study -> exam score (0–10), a noisy straight line.
REGRESSION_HOURS: tuple[float, ...] = (1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 5.5, 6.5, 7.0, 8.0)
REGRESSION_SCORES: tuple[float, ...] = (2.1, 3.4, 3.0, 4.6, 4.9, 6.3, 5.6, 7.4, 7.1, 8.8)

_BCE_MAX = 5.5  # the cost axis of the cross-entropy chart stops here (the curves go to infinity)


def bce_data(y_hat: float, label_y1: str, label_y0: str) -> dict[str, pd.DataFrame]:
    """The two branches of binary cross-entropy and the costs at ``y_hat``.

    Returns
    -------
    dict
        ``bce_curves`` (``y_hat, cost, curve``) and ``bce_marks`` (``y_hat, cost, curve, text``).
    """
    grid = np.linspace(0.005, 0.995, 199)
    curves = pd.concat(
        [
            pd.DataFrame({"y_hat": grid, "cost": -np.log(grid), "curve": label_y1}),
            pd.DataFrame({"y_hat": grid, "cost": -np.log1p(-grid), "curve": label_y0}),
        ],
        ignore_index=True,
    )
    eps = np.finfo(float).eps
    p = float(np.clip(y_hat, eps, 1 - eps))
    costs = [-np.log(p), -np.log1p(-p)]
    marks = pd.DataFrame(
        {
            "y_hat": [float(y_hat)] * 2,
            "cost": [min(c, _BCE_MAX) for c in costs],  # drawn at the top edge when off the chart
            "curve": [label_y1, label_y0],
            "value": [float(c) for c in costs],  # the true cost, also when drawn at the edge
        }
    )
    return {"bce_curves": curves, "bce_marks": marks}


def bce_chart(label_y1: str, label_y0: str, x_title: str, y_title: str) -> alt.LayerChart:
    """−log(ŷ) (true label 1) and −log(1 − ŷ) (true label 0), with the chosen ŷ marked."""
    color = alt.Color(
        "curve:N", title=None, scale=alt.Scale(domain=[label_y1, label_y0], range=[CLASS_COLORS[1], CLASS_COLORS[0]]),
        legend=alt.Legend(orient="top"),
    )
    x = alt.X("y_hat:Q", title=x_title, scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("cost:Q", title=y_title, scale=alt.Scale(domain=[0, _BCE_MAX]))
    lines = alt.Chart(alt.NamedData("bce_curves")).mark_line(strokeWidth=2.5, clip=True).encode(x=x, y=y, color=color)
    marks = alt.Chart(alt.NamedData("bce_marks"))
    rule = marks.mark_rule(strokeDash=[4, 4], color="#888").encode(x=x)
    points = marks.mark_circle(size=140).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("y_hat:Q", title="ŷ", format=".3f"), alt.Tooltip("value:Q", title=y_title, format=".3f")],
    )
    text = marks.mark_text(dx=10, dy=-12, align="left", fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("value:Q", format=".3f"), color=color)
    return alt.layer(lines, rule, points, text).properties(height=300)


def example_cost_data(
    labels: Sequence[float], predictions: Sequence[float], costs: Sequence[float], mean: float, mean_label: str
) -> dict[str, pd.DataFrame]:
    """Per-example costs (``examples``) and their mean (``mean``) for :func:`example_cost_chart`."""
    examples = pd.DataFrame(
        {"example": np.arange(1, len(costs) + 1), "y": labels, "y_hat": predictions, "cost": costs}
    )
    return {"examples": examples, "mean": pd.DataFrame({"cost": [mean], "label": [mean_label]})}


def example_cost_chart(x_title: str, y_title: str) -> alt.LayerChart:
    """Bars of each example's cost with a rule at their mean."""
    bars = alt.Chart(alt.NamedData("examples")).mark_bar(color=CLASS_COLORS[0]).encode(
        x=alt.X("example:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cost:Q", title=y_title),
        tooltip=[alt.Tooltip("example:O", title="#"), alt.Tooltip("y:Q", title="y"),
                 alt.Tooltip("y_hat:Q", title="ŷ", format=".3f"), alt.Tooltip("cost:Q", title=y_title, format=".4f")],
    )
    mean = alt.Chart(alt.NamedData("mean"))
    rule = mean.mark_rule(color=CLASS_COLORS[1], strokeWidth=2).encode(y="cost:Q")
    # Vega's format() follows the chart's number locale (rna_core.charts.localize).
    text = mean.transform_calculate(text='datum.label + " = " + format(datum.cost, ".3f")').mark_text(
        align="right", dy=-7, color=CLASS_COLORS[1], x="width").encode(y="cost:Q", text="text:N")
    return alt.layer(bars, rule, text).properties(height=220)


def class_probability_chart(y_title: str, true_label: str, other_label: str, class_title: str) -> alt.LayerChart:
    """Softmax probabilities per class, the true class in the accent colour.

    Reads the named data ``classes``: columns ``class``, ``probability``, ``kind``
    (``true_label`` or ``other_label``).
    """
    base = alt.Chart(alt.NamedData("classes")).encode(
        x=alt.X("class:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "kind:N", title=None,
            scale=alt.Scale(domain=[true_label, other_label], range=[CLASS_COLORS[1], CLASS_COLORS[0]]),
        ),
        tooltip=[alt.Tooltip("class:N", title=class_title), alt.Tooltip("probability:Q", title=y_title, format=".4f")],
    )
    text = base.mark_text(dy=-8).encode(text=alt.Text("probability:Q", format=".3f"))
    return alt.layer(bars, text).properties(height=240)


def regression_data(w: float, b: float) -> dict[str, pd.DataFrame]:
    """The toy data with predictions and residuals (``points``) and the line ``ŷ = w·x + b`` (``line``)."""
    x = np.array(REGRESSION_HOURS)
    y = np.array(REGRESSION_SCORES)
    points = pd.DataFrame({"x": x, "y": y, "y_hat": w * x + b})
    points["residual"] = points["y_hat"] - points["y"]
    return {"points": points, "line": pd.DataFrame({"x": [0.0, 9.0], "y_hat": [b, w * 9.0 + b]})}


def regression_chart(x_title: str, y_title: str) -> alt.LayerChart:
    """The toy data, the fitted line and each residual as a red segment."""
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[0, 9]))
    y_scale = alt.Scale(domain=[-1, 11])
    points = alt.Chart(alt.NamedData("points"))
    residuals = points.mark_rule(color=CLASS_COLORS[1], strokeWidth=2, clip=True).encode(
        x=x, y=alt.Y("y:Q", title=y_title, scale=y_scale), y2="y_hat:Q"
    )
    dots = points.mark_circle(size=80, color=CLASS_COLORS[0]).encode(
        x=x, y=alt.Y("y:Q", scale=y_scale),
        tooltip=[alt.Tooltip("x:Q", title=x_title), alt.Tooltip("y:Q", title=y_title),
                 alt.Tooltip("y_hat:Q", title="ŷ", format=".2f"), alt.Tooltip("residual:Q", title="ŷ − y", format=".2f")],
    )
    fit = alt.Chart(alt.NamedData("line")).mark_line(color="#333", clip=True).encode(
        x=x, y=alt.Y("y_hat:Q", scale=y_scale)
    )
    return alt.layer(residuals, fit, dots).properties(height=300)


def _view(curve_name: str, result: DescentResult) -> tuple[float, float]:
    low, high = CURVES[curve_name].window
    width = high - low
    return (
        max(min(low, float(result.weights.min())), low - width),
        min(max(high, float(result.weights.max())), high + width),
    )


def descent_data(curve_name: str, result: DescentResult) -> dict[str, pd.DataFrame]:
    """The curve around the walk (``curve``), its steps (``path``) and the moves between them (``moves``).

    The view is the curve's window widened to show a few escaping steps (at most one
    window width on each side); steps further out are left out of the drawing.
    """
    curve = CURVES[curve_name]
    view_low, view_high = _view(curve_name, result)
    grid = np.linspace(view_low, view_high, 300)
    path = pd.DataFrame({"step": np.arange(len(result.weights)), "w": result.weights, "cost": result.costs})
    path["w_next"] = path["w"].shift(-1)
    path["cost_next"] = path["cost"].shift(-1)
    inside = path["w"].between(view_low, view_high)
    moves = path[inside & path["w_next"].between(view_low, view_high)]
    return {
        "curve": pd.DataFrame({"w": grid, "cost": curve.cost(grid)}),
        "path": path.loc[inside, ["step", "w", "cost"]],
        "moves": moves,
    }


def descent_chart(x_title: str, y_title: str, step_title: str) -> alt.LayerChart:
    """The cost curve with the steps of gradient descent drawn on it (named data from :func:`descent_data`)."""
    # Both axes follow the data: the curve is sampled over the view of the walk, so a
    # divergent walk zooms out and shows how far the steps flew.
    y_scale = alt.Scale(zero=False)
    x = alt.X("w:Q", title=x_title, scale=alt.Scale(zero=False, nice=False))
    curve_layer = alt.Chart(alt.NamedData("curve")).mark_line(color="#555", strokeWidth=2, clip=True).encode(
        x=x, y=alt.Y("cost:Q", title=y_title, scale=y_scale)
    )
    moves = alt.Chart(alt.NamedData("moves")).mark_rule(color=PALETTE[1], strokeWidth=1.5, clip=True).encode(
        x=x, y=alt.Y("cost:Q", scale=y_scale), x2="w_next:Q", y2="cost_next:Q"
    )
    dots = alt.Chart(alt.NamedData("path")).mark_circle(size=70, clip=True).encode(
        x=x, y=alt.Y("cost:Q", scale=y_scale),
        color=alt.Color("step:Q", title=step_title, scale=alt.Scale(scheme="oranges")),
        tooltip=[alt.Tooltip("step:Q", title=step_title), alt.Tooltip("w:Q", title="w", format=".4f"),
                 alt.Tooltip("cost:Q", title=y_title, format=".4f")],
    )
    return alt.layer(curve_layer, moves, dots).properties(height=340)
