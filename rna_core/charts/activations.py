"""Charts of the activation-functions page: f(z) and f'(z) with saturation zones; softmax bars.

Builders return Altair charts over named data (see :mod:`rna_core.charts.named_data`):
``activation_chart`` reads ``curves`` (and ``zones``) from :func:`activation_curves`;
``softmax_bars`` reads ``softmax``.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.activations import ACTIVATIONS, low_slope_intervals
from rna_core.charts import CLASS_COLORS, PALETTE

__all__ = ["activation_chart", "activation_curves", "softmax_bars"]


def activation_curves(
    names: Sequence[str], z_min: float, z_max: float, alpha: float, labels: Sequence[str] | None = None,
    points: int = 241,
) -> dict[str, pd.DataFrame]:
    """Sample f(z) and f'(z) of each activation, and find its saturation zones.

    Parameters
    ----------
    names : sequence of str
        Keys of :data:`rna_core.activations.ACTIVATIONS`.
    z_min, z_max : float
        The range of z.
    alpha : float
        Slope of leaky ReLU for negative z.
    labels : sequence of str, optional
        Legend name of each activation (defaults to the keys).
    points : int
        Samples per curve.

    Returns
    -------
    dict
        ``curves`` (columns ``activation, label, z, f, df``) and ``zones`` (columns
        ``activation, label, start, end``: where ``|f'(z)| < 0.05``).
    """
    labels = list(names) if labels is None else list(labels)
    z = np.linspace(z_min, z_max, points)
    frames, zones = [], []
    for name, label in zip(names, labels, strict=True):
        activation = ACTIVATIONS[name]
        params = {"alpha": alpha} if "alpha" in activation.params else {}
        frames.append(
            pd.DataFrame(
                {
                    "activation": name,
                    "label": label,
                    "z": z,
                    "f": activation.function(z, **params),
                    "df": activation.derivative(z, **params),
                }
            )
        )
        for start, end in low_slope_intervals(name, z_min, z_max, **params):
            zones.append({"activation": name, "label": label, "start": start, "end": end})
    columns = ["activation", "label", "z", "f", "df"]
    curves = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return {"curves": curves, "zones": pd.DataFrame(zones, columns=["activation", "label", "start", "end"])}


def _panel(field: str, title: str, item_title: str, color: alt.Color, show_zones: bool) -> alt.LayerChart:
    # The line carries invisible points: hovering anywhere on it shows the exact values.
    line = (
        alt.Chart(alt.NamedData("curves"))
        .mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(opacity=0, size=60))
        .encode(
            x=alt.X("z:Q", title="z"),
            y=alt.Y(f"{field}:Q", title=title),
            color=color,
            tooltip=[
                alt.Tooltip("label:N", title=item_title),
                alt.Tooltip("z:Q", format=".3f"),
                alt.Tooltip("f:Q", title="f(z)", format=".4f"),
                alt.Tooltip("df:Q", title="f'(z)", format=".4f"),
            ],
        )
    )
    layers: list[alt.Chart] = []
    if show_zones:
        layers.append(
            alt.Chart(alt.NamedData("zones"))
            .mark_rect(opacity=0.1)
            .encode(
                x="start:Q", x2="end:Q", color=color,
                tooltip=[
                    alt.Tooltip("label:N", title=item_title),
                    alt.Tooltip("start:Q", title="|f′(z)| < 0.05: z ≥", format=".2f"),
                    alt.Tooltip("end:Q", title="z ≤", format=".2f"),
                ],
            )
        )
    return alt.layer(*layers, line).properties(title=title, height=320)


def activation_chart(labels: Sequence[str], field: str, title: str, item_title: str) -> alt.LayerChart:
    """One panel of the activations: outputs (``field="f"``) or slopes (``field="df"``).

    The slope panel also shades the saturation zones (named data ``zones``).

    Parameters
    ----------
    labels : sequence of str
        Legend names of the activations drawn, in order (they get the palette's colours).
    field : {"f", "df"}
        Which column of the named data ``curves`` to draw.
    title : str
        Panel title (also the y-axis title).
    item_title : str
        Tooltip title of the activation's name.
    """
    if field not in ("f", "df"):
        raise ValueError("field must be 'f' (the outputs) or 'df' (the slopes).")
    color = alt.Color(
        "label:N",
        title=None,
        scale=alt.Scale(domain=list(labels), range=list(PALETTE[: len(labels)])),
        legend=alt.Legend(orient="bottom", symbolOpacity=1),
    )
    return _panel(field, title, item_title, color, show_zones=field == "df")


def softmax_bars(probability_title: str, class_title: str) -> alt.LayerChart:
    """Bars of softmax probabilities, one per class, values written on top.

    Reads the named data ``softmax``: columns ``class`` (translated), ``logit``,
    ``probability``.
    """
    base = alt.Chart(alt.NamedData("softmax")).encode(
        x=alt.X("class:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", title=probability_title, scale=alt.Scale(domain=[0, 1])),
        tooltip=[
            alt.Tooltip("class:N", title=class_title),
            alt.Tooltip("logit:Q", format=".3f"),
            alt.Tooltip("probability:Q", format=".4f"),
        ],
    )
    bars = base.mark_bar(color=CLASS_COLORS[0])
    text = base.mark_text(dy=-8).encode(text=alt.Text("probability:Q", format=".3f"))
    return alt.layer(bars, text).properties(height=260)
