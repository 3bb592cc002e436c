"""Altair charts of a keras-tuner search: parallel coordinates, score per hyperparameter,
learning curves and Hyperband's brackets.

Every builder is pure: DataFrames in (from :func:`rna_core.tuning.read_results`), an
Altair chart out. Labels arrive already translated; the builders never look up strings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import PALETTE

#: Hyperparameters drawn on a logarithmic axis.
LOG_SCALE: frozenset[str] = frozenset({"learning_rate"})
#: Colour scheme of the score (validation accuracy): darker is better.
SCORE_SCHEME = "viridis"


def _label(labels: Mapping[str, str], name: str) -> str:
    return labels.get(name, name)


def _is_numeric(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _format(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def varying(trials: pd.DataFrame, names: Sequence[str]) -> list[str]:
    """The hyperparameters that take more than one value among ``trials`` (all if none does)."""
    present = [name for name in names if name in trials.columns]
    changing = [name for name in present if trials[name].nunique(dropna=True) > 1]
    return changing or present


def parallel_frame(trials: pd.DataFrame, names: Sequence[str], labels: Mapping[str, str]) -> pd.DataFrame:
    """Long table for a parallel-coordinates chart: one row per (trial, hyperparameter).

    Parameters
    ----------
    trials : pandas.DataFrame
        Completed trials: ``trial_id``, ``score`` and one column per hyperparameter.
    names : sequence of str
        Hyperparameters to draw, in axis order.
    labels : Mapping
        Translated axis titles by hyperparameter name.

    Returns
    -------
    pandas.DataFrame
        ``trial_id, score, axis, order, position, value``: ``position`` in [0, 1] along the
        axis (log scale for :data:`LOG_SCALE`, evenly spaced categories for text values),
        ``value`` the text shown in tooltips and tick labels.
    """
    rows = []
    for order, name in enumerate(names):
        column = trials[name]
        if _is_numeric(column):
            numbers = column.astype(float)
            if name in LOG_SCALE:
                numbers = np.log10(numbers.clip(lower=1e-12))
            low, high = numbers.min(), numbers.max()
            span = high - low
            positions = (numbers - low) / span if span > 0 else numbers * 0 + 0.5
        else:
            categories = sorted(column.dropna().astype(str).unique())
            step = 1 / (len(categories) - 1) if len(categories) > 1 else 0
            where = {category: (index * step if step else 0.5) for index, category in enumerate(categories)}
            positions = column.astype(str).map(where)
        for trial_id, score, position, value in zip(trials["trial_id"], trials["score"], positions, column, strict=True):
            rows.append({
                "trial_id": trial_id, "score": score, "axis": _label(labels, name), "order": order,
                "position": float(position), "value": _format(value),
            })
    return pd.DataFrame(rows, columns=["trial_id", "score", "axis", "order", "position", "value"])


def score_scale(scores: pd.Series, spread: float = 0.10) -> alt.Scale:
    """Colour scale of scores: darker is better, over the best ``spread`` (worse ones are clamped).

    A few failed trials (10 % accuracy) would otherwise squeeze every good network into one
    shade; the differences that matter are between 88 % and 98 %.
    """
    values = pd.to_numeric(scores, errors="coerce").dropna()
    high = float(values.max()) if not values.empty else 1.0
    low = max(float(values.min()) if not values.empty else 0.0, high - spread)
    if low >= high:
        low = high - 0.01
    return alt.Scale(scheme=SCORE_SCHEME, reverse=True, domain=[low, high], clamp=True)


def parallel_coordinates(
    trials: pd.DataFrame, names: Sequence[str], labels: Mapping[str, str], score_title: str,
    height: int = 340,
) -> alt.LayerChart:
    """Every trial as a line across one vertical axis per hyperparameter, coloured by score."""
    frame = parallel_frame(trials, names, labels).sort_values("score", kind="stable")  # best drawn last
    axes = [_label(labels, name) for name in names]
    x = alt.X("axis:N", sort=axes, title=None, axis=alt.Axis(labelAngle=0, orient="top", labelFontWeight="bold"))
    y = alt.Y("position:Q", axis=None, scale=alt.Scale(domain=[-0.05, 1.05]))
    color = alt.Color("score:Q", title=score_title, scale=score_scale(trials["score"]), legend=alt.Legend(format=".1%"))
    tooltip = [alt.Tooltip("trial_id:N"), alt.Tooltip("axis:N"), alt.Tooltip("value:N"),
               alt.Tooltip("score:Q", format=".2%", title=score_title)]
    base = alt.Chart(frame)
    rules = base.mark_rule(color="#9AA3B2").encode(x=x)
    lines = base.mark_line(strokeWidth=2, opacity=0.8).encode(
        x=x, y=y, color=color, detail="trial_id:N", order="order:Q", tooltip=tooltip
    )
    points = base.mark_circle(size=40).encode(x=x, y=y, color=color, tooltip=tooltip)
    ticks = frame.drop_duplicates(["axis", "value"])
    text = alt.Chart(ticks).mark_text(align="left", dx=5, fontSize=11, color="#1F2430").encode(
        x=x, y=y, text="value:N"
    )
    return alt.layer(rules, lines, points, text).properties(height=height)


def score_frame(trials: pd.DataFrame, names: Sequence[str], labels: Mapping[str, str]) -> pd.DataFrame:
    """Long table for :func:`score_vs_hyperparameters`: one row per (trial, hyperparameter).

    ``value`` is the hyperparameter's value as text and ``rank`` its position among the
    values taken (numbers in numeric order), so that every axis reads from small to large.
    """
    frames = []
    for name in names:
        column = trials[name]
        if _is_numeric(column):
            ordered = sorted(column.dropna().unique().tolist())
            rank = column.map({value: index for index, value in enumerate(ordered)})
        else:
            ordered = sorted(column.dropna().astype(str).unique().tolist())
            rank = column.astype(str).map({value: index for index, value in enumerate(ordered)})
        frames.append(pd.DataFrame({
            "trial_id": trials["trial_id"], "score": trials["score"], "hyperparameter": _label(labels, name),
            "value": column.map(_format), "rank": rank,
        }))
    columns = ["trial_id", "score", "hyperparameter", "value", "rank"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def score_vs_hyperparameters(
    trials: pd.DataFrame, names: Sequence[str], labels: Mapping[str, str], score_title: str,
    best_id: str | None = None, columns: int = 3,
) -> alt.FacetChart:
    """One small panel per hyperparameter: its values (x, small to large) against the trials' scores."""
    data = score_frame(trials, names, labels).assign(best=lambda frame: frame["trial_id"] == best_id)
    low = float(data["score"].min()) if not data.empty else 0.0
    domain = [max(0.0, math.floor(low * 20) / 20), 1.0]
    panel = alt.Chart().mark_circle(size=70, opacity=0.8).encode(
        x=alt.X("value:O", title=None, sort=alt.SortField("rank"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("score:Q", title=score_title, scale=alt.Scale(domain=domain), axis=alt.Axis(format=".0%")),
        color=alt.condition("datum.best", alt.value(PALETTE[1]), alt.value(PALETTE[0])),
        tooltip=["trial_id:N", "hyperparameter:N", "value:N", alt.Tooltip("score:Q", format=".2%")],
    ).properties(width=230, height=170)
    order = [_label(labels, name) for name in names]
    return alt.FacetChart(data=data, spec=panel, facet=alt.Facet("hyperparameter:N", sort=order, title=None),
                          columns=columns).resolve_scale(x="independent")


def learning_curves(curves: pd.DataFrame, metric: str, labels: Mapping[str, str], height: int = 320) -> alt.LayerChart:
    """Per-epoch ``metric`` of some trials (from ``TuningResults.curves``); inherited epochs hollow."""
    percent = "accuracy" in metric or "precision" in metric
    x = alt.X("epoch:Q", title=_label(labels, "epoch"), axis=alt.Axis(tickMinStep=1))
    y = alt.Y("value:Q", title=metric, scale=alt.Scale(zero=False), axis=alt.Axis(format=".1%" if percent else ""))
    color = alt.Color("trial_id:N", title=_label(labels, "trial_id"), scale=alt.Scale(range=list(PALETTE)))
    tooltip = ["trial_id:N", "epoch:Q", alt.Tooltip("value:Q", format=".4f"), "inherited:N"]
    base = alt.Chart(curves)
    lines = base.mark_line().encode(x=x, y=y, color=color, detail="trial_id:N")
    points = base.mark_point(size=45).encode(
        x=x, y=y, color=color, tooltip=tooltip,
        fill=alt.condition("datum.inherited", alt.value("white"), alt.Color("trial_id:N", legend=None)),
    )
    return alt.layer(lines, points).properties(height=height)


def hyperband_frame(trials: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Points (one per Hyperband trial) and promotion segments (parent -> continuation)."""
    columns = ["trial_id", "bracket", "round", "epochs", "initial_epoch", "score", "promoted_from"]
    points = trials.dropna(subset=["bracket"])[columns].copy()
    points["bracket"] = points["bracket"].astype(int).astype(str)
    points["epochs"] = points["epochs"].astype(float)
    by_id = points.set_index("trial_id")
    links = []
    for row in points.itertuples():
        parent = row.promoted_from
        if isinstance(parent, str) and parent in by_id.index:
            links.append({
                "trial_id": row.trial_id, "bracket": row.bracket,
                "x": float(by_id.at[parent, "epochs"]), "y": by_id.at[parent, "score"],
                "x2": row.epochs, "y2": row.score,
            })
    return points, pd.DataFrame(links, columns=["trial_id", "bracket", "x", "y", "x2", "y2"])


def hyperband_chart(
    trials: pd.DataFrame, labels: Mapping[str, str], score_title: str, height: int = 340,
) -> alt.LayerChart:
    """Hyperband's rounds: networks (points) at their epoch budget, promotions as segments."""
    points, links = hyperband_frame(trials)
    budgets = sorted(points["epochs"].dropna().unique().tolist())
    color = alt.Color("bracket:N", title=_label(labels, "bracket"), scale=alt.Scale(range=list(PALETTE)))
    x_scale = alt.Scale(type="log", domain=[min(budgets or [1]) / 1.3, max(budgets or [1]) * 1.3])
    x = alt.X("epochs:Q", title=_label(labels, "epochs"), scale=x_scale, axis=alt.Axis(values=budgets, format="d"))
    y = alt.Y("score:Q", title=score_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=".0%"))
    dots = alt.Chart(points).mark_point(filled=True, size=90, opacity=0.85).encode(
        x=x, y=y, color=color, shape=alt.Shape("round:O", title=_label(labels, "round")),
        tooltip=["trial_id:N", "bracket:N", "round:O", "epochs:Q", alt.Tooltip("score:Q", format=".2%"),
                 "promoted_from:N"],
    )
    segments = alt.Chart(links).mark_rule(strokeWidth=1.5, opacity=0.7).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q"), x2="x2:Q", y2="y2:Q", color=color,
    )
    return alt.layer(segments, dots).properties(height=height)
