"""Charts of the activation-functions page: f(z) and f'(z) with saturation zones; softmax bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.activations import ACTIVATIONS, low_slope_intervals
from rna_core.charts import CLASS_COLORS, PALETTE

__all__ = ["activation_curves", "activation_chart", "softmax_bars"]


def activation_curves(
    names: Sequence[str], z_min: float, z_max: float, alpha: float, points: int = 241
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sample f(z) and f'(z) of each activation, and find its saturation zones.

    Returns
    -------
    curves : pandas.DataFrame
        Columns ``activation, z, f, df``.
    zones : pandas.DataFrame
        Columns ``activation, start, end``: where ``|f'(z)| < 0.05``.
    """
    z = np.linspace(z_min, z_max, points)
    frames, zones = [], []
    for name in names:
        activation = ACTIVATIONS[name]
        params = {"alpha": alpha} if "alpha" in activation.params else {}
        frames.append(
            pd.DataFrame(
                {
                    "activation": name,
                    "z": z,
                    "f": activation.function(z, **params),
                    "df": activation.derivative(z, **params),
                }
            )
        )
        for start, end in low_slope_intervals(name, z_min, z_max, **params):
            zones.append({"activation": name, "start": start, "end": end})
    curves = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["activation", "z", "f", "df"])
    return curves, pd.DataFrame(zones, columns=["activation", "start", "end"])


def _panel(
    curves: pd.DataFrame,
    zones: pd.DataFrame,
    field: str,
    title: str,
    color: alt.Color,
    show_zones: bool,
) -> alt.LayerChart:
    base = alt.Chart(curves).encode(
        x=alt.X("z:Q", title="z"),
        y=alt.Y(f"{field}:Q", title=title),
        color=color,
    )
    # The line carries invisible points: hovering anywhere on it shows the exact values.
    line = base.mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(opacity=0, size=60)).encode(
        tooltip=[
            alt.Tooltip("label:N", title=""),
            alt.Tooltip("z:Q", format=".3f"),
            alt.Tooltip("f:Q", title="f(z)", format=".4f"),
            alt.Tooltip("df:Q", title="f'(z)", format=".4f"),
        ],
    )
    layers: list[alt.Chart] = []
    if show_zones and not zones.empty:
        layers.append(
            alt.Chart(zones)
            .mark_rect(opacity=0.12)
            .encode(x="start:Q", x2="end:Q", color=color, tooltip=alt.value(None))
        )
    return alt.layer(*layers, line).properties(title=title, height=320)


def activation_chart(
    curves: pd.DataFrame,
    zones: pd.DataFrame,
    labels: Mapping[str, str],
    function_title: str,
    derivative_title: str,
) -> alt.HConcatChart:
    """Two side-by-side panels, f(z) and f'(z); the slope panel shades saturation zones.

    Parameters
    ----------
    curves, zones : pandas.DataFrame
        From :func:`activation_curves`.
    labels : mapping
        Activation key -> name shown in the legend (translated).
    function_title, derivative_title : str
        Panel titles.
    """
    curves = curves.assign(label=curves["activation"].map(labels))
    zones = zones.assign(label=zones["activation"].map(labels))
    order = [labels[name] for name in labels]
    color = alt.Color(
        "label:N",
        title=None,
        scale=alt.Scale(domain=order, range=list(PALETTE[: len(order)])),
        legend=alt.Legend(orient="bottom"),
    )
    left = _panel(curves, zones, "f", function_title, color, show_zones=False)
    right = _panel(curves, zones, "df", derivative_title, color, show_zones=True)
    return alt.hconcat(left, right).resolve_scale(color="shared")


def softmax_bars(table: pd.DataFrame, probability_title: str) -> alt.LayerChart:
    """Bars of softmax probabilities, one per class, with their values written on top.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``class`` (translated name), ``logit``, ``probability``.
    """
    base = alt.Chart(table).encode(
        x=alt.X("class:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", title=probability_title, scale=alt.Scale(domain=[0, 1])),
        tooltip=[
            alt.Tooltip("class:N", title=""),
            alt.Tooltip("logit:Q", format=".3f"),
            alt.Tooltip("probability:Q", format=".4f"),
        ],
    )
    bars = base.mark_bar(color=CLASS_COLORS[0])
    text = base.mark_text(dy=-8).encode(text=alt.Text("probability:Q", format=".3f"))
    return alt.layer(bars, text).properties(height=260)
