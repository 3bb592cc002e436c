"""Altair charts of the optimizer race: the surface map with paths, cost curves, state bars.

Every builder is pure: DataFrames (or arrays) in, an Altair chart out. Labels arrive
already translated; the builders never look up strings.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import PALETTE

#: Smallest gap to the minimum drawn on a log scale (a racer sitting on it would be -inf).
LOG_FLOOR = 1e-12


def racer_scale(names: Sequence[str]) -> alt.Scale:
    """One fixed colour per racer, the same in every chart of the page."""
    return alt.Scale(domain=list(names), range=list(PALETTE[: len(names)]))


def surface_frame(xs: np.ndarray, ys: np.ndarray, values: np.ndarray, min_value: float) -> pd.DataFrame:
    """A grid of costs as rectangles for a heat map: ``x, x2, y, y2, level``.

    ``level`` is ``log10(cost - min_value)``: every order of magnitude gets its own shade,
    so flat valleys and steep walls are both readable.
    """
    dx, dy = (xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2
    grid_x, grid_y = np.meshgrid(xs, ys)
    level = np.log10(np.maximum(values - min_value, LOG_FLOOR))
    level = np.clip(level, np.nanpercentile(level, 1), None)
    return pd.DataFrame(
        {
            "x": (grid_x - dx).ravel(), "x2": (grid_x + dx).ravel(),
            "y": (grid_y - dy).ravel(), "y2": (grid_y + dy).ravel(),
            "level": level.ravel(),
        }
    )


def surface_map(
    grid: pd.DataFrame,
    paths: pd.DataFrame,
    positions: pd.DataFrame,
    marks: pd.DataFrame,
    bounds: tuple[float, float, float, float],
    axis_names: tuple[str, str],
    racers: Sequence[str],
    arrows: pd.DataFrame | None = None,
    title: str = "",
    height: int = 460,
) -> alt.LayerChart:
    """The cost surface as a heat map, with each racer's path and current position.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`surface_frame`.
    paths : pandas.DataFrame
        ``step, racer, x, y`` up to the current step.
    positions : pandas.DataFrame
        ``racer, x, y``: where each racer is now.
    marks : pandas.DataFrame
        ``x, y, kind`` with kind ``"start"`` (a cross), ``"minimum"`` (a star) or ``"local"``.
    bounds : tuple of float
        ``(x_min, x_max, y_min, y_max)``; paths are clipped to it.
    axis_names : tuple of str
        Names of the two parameters.
    racers : sequence of str
        All racer names, for stable colours.
    arrows : pandas.DataFrame, optional
        ``racer, x, y, x2, y2``: a state vector drawn from the racer's position.
    """
    x_min, x_max, y_min, y_max = bounds
    x_scale = alt.Scale(domain=[x_min, x_max], nice=False, zero=False)
    y_scale = alt.Scale(domain=[y_min, y_max], nice=False, zero=False)
    colors = racer_scale(racers)
    heat = alt.Chart(grid).mark_rect(opacity=0.9).encode(
        x=alt.X("x:Q", scale=x_scale, title=axis_names[0]),
        x2="x2:Q",
        y=alt.Y("y:Q", scale=y_scale, title=axis_names[1]),
        y2="y2:Q",
        color=alt.Color("level:Q", scale=alt.Scale(scheme="greys", reverse=True), legend=None),
        tooltip=[],
    )
    lines = alt.Chart(paths).mark_line(strokeWidth=2, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("racer:N", scale=colors, title=None, legend=alt.Legend(orient="bottom")),
        order="step:Q", detail="racer:N",
    )
    points = alt.Chart(positions).mark_circle(size=140, stroke="white", strokeWidth=1.5, opacity=1, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("racer:N", scale=colors), tooltip=["racer:N", "x:Q", "y:Q", "loss:Q"],
    )
    shape = alt.Scale(domain=["start", "minimum", "local"], range=["cross", "M0,-1L0.3,-0.3L1,-0.3L0.4,0.1L0.6,0.8L0,0.4L-0.6,0.8L-0.4,0.1L-1,-0.3L-0.3,-0.3Z", "triangle-down"])
    landmarks = alt.Chart(marks).mark_point(size=220, filled=True, color="white", stroke="black", strokeWidth=1).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        shape=alt.Shape("kind:N", scale=shape, legend=None), tooltip=["kind:N", "x:Q", "y:Q"],
    )
    layers = [heat, lines, points, landmarks]
    if arrows is not None and not arrows.empty:
        layers.insert(3, alt.Chart(arrows).mark_rule(strokeWidth=3, clip=True, strokeDash=[4, 2]).encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), x2="x2:Q", y2="y2:Q",
            color=alt.Color("racer:N", scale=colors),
        ))
    return alt.layer(*layers).properties(title=title, height=height)


def loss_chart(
    trajectories: pd.DataFrame, min_value: float, racers: Sequence[str], y_title: str, x_title: str,
    title: str = "", current_step: int | None = None, height: int = 300,
) -> alt.LayerChart:
    """Cost above the minimum per step, on a log scale, one line per racer."""
    data = trajectories[["step", "racer", "loss"]].copy()
    data["gap"] = np.maximum(data["loss"].to_numpy() - min_value, LOG_FLOOR)
    lines = alt.Chart(data).mark_line().encode(
        x=alt.X("step:Q", title=x_title),
        y=alt.Y("gap:Q", scale=alt.Scale(type="log"), title=y_title),
        color=alt.Color("racer:N", scale=racer_scale(racers), title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["racer:N", "step:Q", "loss:Q"],
    )
    layers = [lines]
    if current_step is not None:
        rule = pd.DataFrame({"step": [current_step]})
        layers.append(alt.Chart(rule).mark_rule(color="gray", strokeDash=[4, 4]).encode(x="step:Q"))
    return alt.layer(*layers).properties(title=title, height=height)


def state_chart(state: pd.DataFrame, racers: Sequence[str], title: str = "") -> alt.FacetChart:
    """Bars of each optimizer's internal state (``racer, state, axis, value``), one panel per state."""
    return alt.Chart(state).mark_bar().encode(
        y=alt.Y("racer:N", title=None, sort=list(racers)),
        yOffset=alt.YOffset("axis:N"),
        x=alt.X("value:Q", title=None),
        color=alt.Color("racer:N", scale=racer_scale(racers), legend=None),
        opacity=alt.Opacity("axis:N", scale=alt.Scale(range=[1.0, 0.55]), title=None),
        tooltip=["racer:N", "state:N", "axis:N", alt.Tooltip("value:Q", format=".3g")],
    ).properties(width=260, height=120).facet(
        column=alt.Column("state:N", title=None)
    ).resolve_scale(x="independent").properties(title=title)


def mnist_chart(history: pd.DataFrame, x: str, x_title: str, y_title: str, names: Sequence[str], title: str = "") -> alt.Chart:
    """Validation loss of each optimizer by epoch or by seconds (``optimizer, epoch, seconds, val_loss``)."""
    return alt.Chart(history).mark_line(point=True).encode(
        x=alt.X(f"{x}:Q", title=x_title),
        y=alt.Y("val_loss:Q", title=y_title, scale=alt.Scale(zero=False)),
        color=alt.Color("optimizer:N", scale=racer_scale(names), title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["optimizer:N", "epoch:Q", alt.Tooltip("seconds:Q", format=".1f"), alt.Tooltip("val_loss:Q", format=".4f")],
    ).properties(title=title, height=300)
