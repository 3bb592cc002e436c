"""Charts of the output-layers page: a layer's outputs next to the true answer."""

from __future__ import annotations

import altair as alt
import pandas as pd

from rna_core.charts import CLASS_COLORS

__all__ = ["output_chart", "paired_bars"]


def output_chart(table: pd.DataFrame, value_title: str, output_name: str, target_name: str) -> alt.LayerChart:
    """Bars of what the layer outputs, with a black tick at the true answer.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``label`` (translated), ``output``, ``target``.
    """
    long = table.melt(id_vars="label", value_vars=["output", "target"], var_name="kind", value_name="value")
    long["kind"] = long["kind"].map({"output": output_name, "target": target_name})
    color = alt.Color(
        "kind:N", title=None, scale=alt.Scale(domain=[output_name, target_name], range=[CLASS_COLORS[0], "#222"])
    )
    x = alt.X("label:N", title=None, sort=None, axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(long[long["kind"] == output_name]).mark_bar(size=40).encode(
        x=x, y=alt.Y("value:Q", title=value_title), color=color,
        tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("value:Q", title=output_name, format=".4f")],
    )
    ticks = alt.Chart(long[long["kind"] == target_name]).mark_tick(thickness=3, size=50).encode(
        x=x, y="value:Q", color=color,
        tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("value:Q", title=target_name, format=".4f")],
    )
    return alt.layer(bars, ticks).properties(height=240)


def paired_bars(table: pd.DataFrame, value_title: str) -> alt.Chart:
    """Grouped bars: for each class, one bar per series (``class``, ``series``, ``value``)."""
    series = list(dict.fromkeys(table["series"]))
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("class:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=series),
            y=alt.Y("value:Q", title=value_title, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "series:N", title=None, sort=series, scale=alt.Scale(domain=series, range=list(CLASS_COLORS)),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=["class:N", "series:N", alt.Tooltip("value:Q", format=".4f")],
        )
        .properties(height=240)
    )
