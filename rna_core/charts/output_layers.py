"""Charts of the output-layers page: a layer's outputs next to the true answer; paired bars.

Builders return Altair charts over named data (see :mod:`rna_core.charts.named_data`).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from rna_core.charts import CLASS_COLORS

__all__ = ["output_chart", "output_data", "paired_bars", "paired_data"]


def output_data(labels: Sequence[str], outputs: Sequence[float], targets: Sequence[float]) -> dict[str, pd.DataFrame]:
    """The named data ``outputs`` of :func:`output_chart`: ``label, output, target``."""
    return {"outputs": pd.DataFrame({"label": list(labels), "output": list(outputs), "target": list(targets)})}


def output_chart(value_title: str, output_name: str, target_name: str) -> alt.LayerChart:
    """Bars of what the layer outputs, with a dark tick at the true answer of each unit."""
    x = alt.X("label:N", title=None, sort=None, axis=alt.Axis(labelAngle=0))
    base = alt.Chart(alt.NamedData("outputs"))
    bars = base.mark_bar(size=40, color=CLASS_COLORS[0]).encode(
        x=x, y=alt.Y("output:Q", title=value_title),
        tooltip=[alt.Tooltip("output:Q", title=output_name, format=".4f"),
                 alt.Tooltip("target:Q", title=target_name, format=".4f")],
    )
    ticks = base.mark_tick(thickness=3, size=50, color="#222").encode(
        x=x, y="target:Q",
        tooltip=[alt.Tooltip("target:Q", title=target_name, format=".4f")],
    )
    return alt.layer(bars, ticks).properties(height=240)


def paired_data(classes: Sequence[str], series: Sequence[str], first: Sequence[float],
                second: Sequence[float]) -> dict[str, pd.DataFrame]:
    """The named data ``paired`` of :func:`paired_bars`: ``class, series, value``, two bars per class.

    ``first`` holds each class's value in ``series[0]``, ``second`` in ``series[1]``.
    """
    classes = list(classes)
    if not len(classes) == len(first) == len(second) or len(series) != 2:
        raise ValueError("Paired bars need one value per class in each of the two series.")
    frame = pd.DataFrame({
        "class": classes * 2,
        "series": [series[0]] * len(classes) + [series[1]] * len(classes),
        "value": [float(v) for v in first] + [float(v) for v in second],
    })
    return {"paired": frame}


def paired_bars(value_title: str, series: Sequence[str], class_title: str) -> alt.Chart:
    """Grouped bars from the named data ``paired``: for each ``class``, one bar per ``series``."""
    series = list(series)
    return (
        alt.Chart(alt.NamedData("paired"))
        .mark_bar()
        .encode(
            x=alt.X("class:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=series),
            y=alt.Y("value:Q", title=value_title, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "series:N", title=None, sort=series, scale=alt.Scale(domain=series, range=list(CLASS_COLORS)),
                legend=alt.Legend(orient="top", labelLimit=400),
            ),
            tooltip=[alt.Tooltip("class:N", title=class_title), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=value_title, format=".4f")],
        )
        .properties(height=240)
    )
