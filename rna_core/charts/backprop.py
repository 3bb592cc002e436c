"""Charts of the backpropagation page: output δ per loss, gradient norm per layer, every pair's flow.

Each ``*_chart`` builds the structure over named data (see :mod:`rna_core.charts.named_data`);
the page caches its Vega-Lite dict and attaches the current DataFrame, named as the
docstring says.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt

from rna_core.charts import PALETTE

__all__ = ["flow_chart", "output_delta_chart", "overview_chart", "units_chart"]

#: Colour of each flow name in the overview.
FLOW_COLORS: dict[str, str] = {"healthy": "#54A24B", "vanishing": "#4C78A8", "exploding": "#E4572E", "none": "#9AA5B1"}


def output_delta_chart(loss_labels: Sequence[str], x_title: str, y_title: str, title: str) -> alt.LayerChart:
    """``|δ|`` of a sigmoid output against ``ŷ``, one line per loss, with the current ``ŷ`` marked.

    Data ``delta_curves``: ``y_hat, loss, delta`` (``loss`` holds the labels); ``delta_marks``:
    ``y_hat, loss, delta`` at the current prediction.
    """
    color = alt.Color("loss:N", title=None, scale=alt.Scale(domain=list(loss_labels), range=[PALETTE[2], PALETTE[1]]),
                      legend=alt.Legend(orient="top", labelLimit=320))
    x = alt.X("y_hat:Q", title=x_title, scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("delta:Q", title=y_title, scale=alt.Scale(domain=[0, 1]))
    lines = alt.Chart(alt.NamedData("delta_curves")).mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color)
    points = alt.Chart(alt.NamedData("delta_marks")).mark_point(size=90, filled=True).encode(
        x=x, y=y, color=color, tooltip=[alt.Tooltip("delta:Q", format=".4f")])
    return (lines + points).properties(height=260, title=title)


def flow_chart(moment_labels: Sequence[str], x_title: str, y_title: str) -> alt.LayerChart:
    """Gradient norm per layer (log scale), one line per moment (start, after training).

    Data ``flow``: ``layer`` (int), ``moment`` (a label of ``moment_labels``), ``norm``
    (positive and finite: the page drops zeros, which a log scale cannot draw).
    """
    color = alt.Color("moment:N", title=None, scale=alt.Scale(domain=list(moment_labels), range=[PALETTE[0], PALETTE[1]]),
                      legend=alt.Legend(orient="top"))
    base = alt.Chart(alt.NamedData("flow")).encode(
        x=alt.X("layer:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("norm:Q", title=y_title, scale=alt.Scale(type="log"), axis=alt.Axis(format=".0e")),
        color=color,
        tooltip=[alt.Tooltip("layer:O"), alt.Tooltip("norm:Q", format=".3e")],
    )
    return (base.mark_line(strokeWidth=2.5) + base.mark_point(size=60, filled=True)).properties(height=300)


def overview_chart(x_title: str, y_title: str, color_title: str, flow_labels: dict[str, str]) -> alt.LayerChart:
    """A grid of activation × initialisation, each cell coloured by how the gradient flows.

    Data ``overview``: ``init`` and ``activation`` (labels), ``flow`` (a key of
    ``flow_labels``), ``flow_label`` (its translation) and ``ratio`` (first / last layer).
    """
    names = list(flow_labels)
    color = alt.Color("flow_label:N", title=color_title, scale=alt.Scale(
        domain=[flow_labels[name] for name in names], range=[FLOW_COLORS[name] for name in names]),
        legend=alt.Legend(orient="top"))
    base = alt.Chart(alt.NamedData("overview")).encode(
        x=alt.X("init:N", title=x_title, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
        y=alt.Y("activation:N", title=y_title, sort=None, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=color, tooltip=[alt.Tooltip("flow_label:N", title=color_title), alt.Tooltip("ratio:Q", format=".1e")])
    text = base.mark_text(color="white", fontWeight="bold").encode(text="flow_label:N")
    return (cells + text).properties(height={"step": 44})


def units_chart(x_title: str, y_title: str, color_title: str, title: str) -> alt.Chart:
    """What each unit of a layer outputs for a few examples: one column per unit.

    Data ``units``: ``example``, ``unit`` (ints) and ``output``. Columns that look alike
    are units that compute the same thing (zero initialisation makes them all alike).
    """
    return alt.Chart(alt.NamedData("units")).mark_rect().encode(
        x=alt.X("unit:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("example:O", title=y_title),
        color=alt.Color("output:Q", title=color_title, scale=alt.Scale(scheme="viridis")),
        tooltip=[alt.Tooltip("unit:O"), alt.Tooltip("example:O"), alt.Tooltip("output:Q", format=".3g")],
    ).properties(height=170, title=title)
