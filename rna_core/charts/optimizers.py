"""Altair charts of the optimizer race: the surface map with paths, cost curves, state bars.

Every builder is pure: DataFrames (or arrays) in, an Altair chart out. Labels arrive
already translated; the builders never look up strings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import PALETTE

#: Smallest gap to the minimum drawn on a log scale (a racer sitting on it would be -inf).
LOG_FLOOR = 1e-12
#: Name of the Vega-Lite parameter holding the step the charts show.
STEP_PARAM = "current_step"
#: A five-pointed star (SVG path in a unit square) for the global minimum.
STAR = "M0,-1L0.3,-0.3L1,-0.3L0.4,0.1L0.6,0.8L0,0.4L-0.6,0.8L-0.4,0.1L-1,-0.3L-0.3,-0.3Z"


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
    level = np.log10(np.maximum(np.asarray(values, dtype=float) - min_value, LOG_FLOOR))
    level = np.clip(level, np.nanpercentile(level, 1), None)
    return pd.DataFrame(
        {
            "x": (grid_x - dx).ravel(), "x2": (grid_x + dx).ravel(),
            "y": (grid_y - dy).ravel(), "y2": (grid_y + dy).ravel(),
            "level": level.ravel(),
        }
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """JSON-safe records of a DataFrame (NaN becomes null)."""
    return json.loads(frame.to_json(orient="records", double_precision=15))


def _spec(chart: alt.TopLevelMixin, datasets: dict[str, pd.DataFrame]) -> dict:
    """A Vega-Lite spec whose layers read named datasets, attached after conversion.

    Altair copies inline data record by record when it builds a spec; naming the data
    and attaching the records afterwards keeps building a race's chart in milliseconds.
    """
    spec = chart.to_dict(validate=False)
    spec["datasets"] = {name: records(frame) for name, frame in datasets.items()}
    return spec


def _step_param(step: int) -> alt.Parameter:
    return alt.param(name=STEP_PARAM, value=int(step))


def set_step(spec: dict, step: int) -> dict:
    """Return a copy of a chart spec (``chart.to_dict()``) showing ``step``.

    The page builds each race's charts once and only moves this parameter afterwards, so
    scrubbing the step slider re-sends the spec without rebuilding it.
    """

    def walk(node: object) -> object:
        if isinstance(node, dict):
            # data values and datasets are shared with the cached spec, never modified
            copied = {key: value if key in ("values", "datasets") else walk(value) for key, value in node.items()}
            if copied.get("name") == STEP_PARAM and "value" in copied:
                copied["value"] = int(step)
            return copied
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(spec)  # type: ignore[return-value]


def surface_map(
    grid: pd.DataFrame,
    trajectories: pd.DataFrame,
    marks: pd.DataFrame,
    bounds: tuple[float, float, float, float],
    axis_names: tuple[str, str],
    racers: Sequence[str],
    step: int = 0,
    arrow_scale: float = 0.0,
    title: str = "",
    height: int = 460,
) -> dict:
    """The cost surface as a heat map, with each racer's path and position at ``step``.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`surface_frame`.
    trajectories : pandas.DataFrame
        ``step, racer, x, y, loss`` for every step (a race's trajectories); optional
        columns ``vx, vy`` (Momentum's velocity) are drawn as an arrow from the racer.
    marks : pandas.DataFrame
        ``x, y, kind`` with kind ``"start"`` (a cross), ``"minimum"`` (a star) or ``"local"``.
    bounds : tuple of float
        ``(x_min, x_max, y_min, y_max)``; paths are clipped to it.
    axis_names : tuple of str
        Names of the two parameters.
    racers : sequence of str
        All racer names, for stable colours.
    step : int
        The step shown: a Vega-Lite parameter (see :func:`set_step`); paths are drawn up
        to it, and a racer that stopped earlier (diverged) stays at its last point.
    arrow_scale : float
        Multiplier of the velocity arrows (they are tiny in parameter units).

    Returns
    -------
    dict
        A Vega-Lite spec (``st.vega_lite_chart``) with its data in ``datasets``.
    """
    x_min, x_max, y_min, y_max = bounds
    x_scale = alt.Scale(domain=[x_min, x_max], nice=False, zero=False)
    y_scale = alt.Scale(domain=[y_min, y_max], nice=False, zero=False)
    colors = racer_scale(racers)
    current = _step_param(step)
    data = trajectories.assign(last=trajectories.groupby("racer")["step"].transform("max"))
    heat = alt.Chart(alt.NamedData(name="grid")).mark_rect().encode(
        x=alt.X("x:Q", scale=x_scale, title=axis_names[0]),
        x2="x2:Q",
        y=alt.Y("y:Q", scale=y_scale, title=axis_names[1]),
        y2="y2:Q",
        color=alt.Color("level:Q", scale=alt.Scale(scheme="greys", reverse=True), legend=None),
    )
    base = alt.Chart(alt.NamedData(name="paths"))
    now = f"datum.step == min({STEP_PARAM}, datum.last)"
    lines = base.mark_line(strokeWidth=2, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("racer:N", scale=colors, title=None, legend=alt.Legend(orient="bottom", columns=3)),
        order="step:Q", detail="racer:N",
    ).transform_filter(f"datum.step <= {STEP_PARAM}")
    points = base.mark_circle(size=140, stroke="white", strokeWidth=1.5, opacity=1, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("racer:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("racer:N"), alt.Tooltip("step:Q"), alt.Tooltip("x:Q"), alt.Tooltip("y:Q"),
                 alt.Tooltip("loss:Q")],
    ).transform_filter(now)
    shape = alt.Scale(domain=["start", "minimum", "local"], range=["cross", STAR, "triangle-down"])
    landmarks = alt.Chart(alt.NamedData(name="marks")).mark_point(size=220, filled=True, color="white", stroke="black", strokeWidth=1).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        shape=alt.Shape("kind:N", scale=shape, legend=None),
        tooltip=[alt.Tooltip("kind:N"), alt.Tooltip("x:Q"), alt.Tooltip("y:Q")],
    )
    layers = [heat, lines, points, landmarks]
    if {"vx", "vy"} <= set(data.columns) and arrow_scale > 0 and not data.empty:
        arrows = base.mark_rule(strokeWidth=3, clip=True, strokeDash=[4, 2]).encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), x2="x2:Q", y2="y2:Q",
            color=alt.Color("racer:N", scale=colors, legend=None),
        ).transform_filter(f"{now} && isValid(datum.vx)").transform_calculate(
            x2=f"datum.x + {arrow_scale!r} * datum.vx", y2=f"datum.y + {arrow_scale!r} * datum.vy"
        )
        layers.insert(3, arrows)
    chart = alt.layer(*layers).add_params(current).resolve_scale(color="independent").properties(
        title=title, height=height)
    return _spec(chart, {"grid": grid, "paths": data, "marks": marks})


def loss_chart(
    trajectories: pd.DataFrame, min_value: float, racers: Sequence[str], y_title: str, x_title: str,
    title: str = "", step: int = 0, height: int = 300,
) -> dict:
    """Cost above the minimum per step, on a log scale, one line per racer; a rule marks ``step``.

    Returns a Vega-Lite spec (like :func:`surface_map`).
    """
    data = trajectories[["step", "racer", "loss"]].copy()
    data["gap"] = np.maximum(data["loss"].to_numpy() - min_value, LOG_FLOOR)
    lines = alt.Chart(alt.NamedData(name="costs")).mark_line().encode(
        x=alt.X("step:Q", title=x_title),
        y=alt.Y("gap:Q", scale=alt.Scale(type="log"), title=y_title),
        color=alt.Color("racer:N", scale=racer_scale(racers), title=None,
                        legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=[alt.Tooltip("racer:N"), alt.Tooltip("step:Q"), alt.Tooltip("loss:Q")],
    )
    rule = alt.Chart(alt.Data(values=[{"anchor": 0}])).mark_rule(color="gray", strokeDash=[4, 4]).transform_calculate(
        current=STEP_PARAM).encode(x="current:Q")
    chart = alt.layer(lines, rule).add_params(_step_param(step)).properties(title=title, height=height)
    return _spec(chart, {"costs": data})


def state_chart(state: pd.DataFrame, racers: Sequence[str], title: str = "") -> alt.FacetChart:
    """Bars of each optimizer's internal state (``racer, state, axis, value``), one panel per state."""
    return alt.Chart(state).mark_bar().encode(
        y=alt.Y("racer:N", title=None, sort=list(racers)),
        yOffset=alt.YOffset("axis:N"),
        x=alt.X("value:Q", title=None),
        color=alt.Color("racer:N", scale=racer_scale(racers), legend=None),
        opacity=alt.Opacity("axis:O", scale=alt.Scale(range=[1.0, 0.5]), title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("racer:N"), alt.Tooltip("state:N"), alt.Tooltip("axis:N"),
                 alt.Tooltip("value:Q", format=".3g")],
    ).properties(width=230, height=120).facet(
        column=alt.Column("state:N", title=None)
    ).resolve_scale(x="independent").properties(title=title)


def mnist_chart(history: pd.DataFrame, x: str, x_title: str, y_title: str, names: Sequence[str], title: str = "") -> alt.Chart:
    """Validation loss of each optimizer by epoch or by seconds (``optimizer, epoch, seconds, val_loss``).

    The loss axis is logarithmic: the first epoch divides the loss by ten or more, and the
    differences between optimizers are in the later, much smaller values.
    """
    axis = alt.Axis(tickMinStep=1, format="d") if x == "epoch" else alt.Axis()
    return alt.Chart(history).mark_line(point=True).encode(
        x=alt.X(f"{x}:Q", title=x_title, axis=axis),
        y=alt.Y("val_loss:Q", title=y_title, scale=alt.Scale(type="log")),
        color=alt.Color("optimizer:N", scale=racer_scale(names), title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("optimizer:N"), alt.Tooltip("epoch:Q"), alt.Tooltip("seconds:Q", format=".1f"),
                 alt.Tooltip("val_loss:Q", format=".4f")],
    ).properties(title=title, height=300)


def moving_average_chart(weights: pd.DataFrame, x_title: str, y_title: str, inside: str, outside: str) -> alt.Chart:
    """Bars of the weight a moving average gives to each past gradient.

    ``weights`` is :func:`rna_core.formulas.moving_average_weights`'s frame; the bars of the
    ``1 / (1 − β)`` most recent values (``inside``) are coloured, the older ones grey.
    """
    data = weights.assign(part=np.where(weights["inside"], inside, outside))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("steps_ago:O", title=x_title, axis=alt.Axis(labelAngle=0, values=list(range(0, len(data), 5)))),
            y=alt.Y("weight:Q", title=y_title),
            color=alt.Color("part:N", title=None, scale=alt.Scale(domain=[inside, outside], range=[PALETTE[0], "#BBBBBB"]),
                            legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("steps_ago:O", title=x_title), alt.Tooltip("weight:Q", title=y_title, format=".3f")],
        )
        .properties(height=200)
    )
