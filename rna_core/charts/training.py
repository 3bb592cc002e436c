"""Altair charts of the MNIST training page: live learning curves, confusion matrix, run overlay.

Every builder is pure: logs or arrays in, an Altair chart out. Labels arrive already
translated in a ``texts`` mapping; the builders never look up strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import CLASS_COLORS, PALETTE

#: Keys a ``texts`` mapping of :func:`history_chart` needs.
HISTORY_TEXTS = ("epoch", "value", "set", "train", "validation", "batches")


def history_frame(
    epoch_logs: Sequence[Mapping[str, float]],
    batch_logs: Sequence[tuple[int, float, float]],
    steps_per_epoch: int,
    metric: str,
    texts: Mapping[str, str],
) -> pd.DataFrame:
    """Long table ``epoch, value, set, kind`` of one metric (``"loss"`` or ``"accuracy"``).

    Epoch logs give a training and a validation point at the end of each epoch
    (``kind="epoch"``); batch logs give the training running mean every few batches,
    placed at fractional epochs (``kind="batch"``).
    """
    if metric not in ("loss", "accuracy"):
        raise ValueError("metric must be 'loss' or 'accuracy'.")
    rows: list[dict[str, object]] = []
    column = 1 if metric == "loss" else 2
    per_epoch = max(1, int(steps_per_epoch))
    for entry in batch_logs:
        value = float(entry[column])
        if np.isfinite(value):
            rows.append({"epoch": entry[0] / per_epoch, "value": value, "set": texts["batches"], "kind": "batch"})
    for log in epoch_logs:
        for key, name in ((metric, texts["train"]), (f"val_{metric}", texts["validation"])):
            value = log.get(key)
            if value is not None and np.isfinite(value):
                rows.append({"epoch": float(log["epoch"]), "value": float(value), "set": name, "kind": "epoch"})
    return pd.DataFrame(rows, columns=["epoch", "value", "set", "kind"])


def history_chart(
    epoch_logs: Sequence[Mapping[str, float]],
    batch_logs: Sequence[tuple[int, float, float]],
    steps_per_epoch: int,
    metric: str,
    texts: Mapping[str, str],
    height: int = 260,
) -> alt.LayerChart:
    """Learning curve of ``metric``: per-batch running mean (thin) and per-epoch points.

    Parameters
    ----------
    epoch_logs, batch_logs, steps_per_epoch
        From :class:`rna_core.training.Progress`.
    metric : str
        ``"loss"`` or ``"accuracy"``.
    texts : mapping
        Translated labels, keys :data:`HISTORY_TEXTS`.
    height : int
        Chart height in pixels.
    """
    frame = history_frame(epoch_logs, batch_logs, steps_per_epoch, metric, texts)
    domain = [texts["batches"], texts["train"], texts["validation"]]
    colors = alt.Scale(domain=domain, range=["#9ECAE9", CLASS_COLORS[0], CLASS_COLORS[1]])
    x = alt.X("epoch:Q", title=texts["epoch"], scale=alt.Scale(domainMin=0))
    y = alt.Y("value:Q", title=texts["value"], scale=alt.Scale(zero=False))
    # one entry per row: a horizontal legend under a half-width chart ran past its right edge ("valid…")
    legend = alt.Legend(orient="bottom", direction="vertical", labelLimit=0)
    color = alt.Color("set:N", title=texts["set"], scale=colors, legend=legend)
    tooltip = [alt.Tooltip("set:N", title=texts["set"]), alt.Tooltip("epoch:Q", format=".2f"),
               alt.Tooltip("value:Q", format=".4f")]
    base = alt.Chart(frame).encode(x=x, y=y, color=color, tooltip=tooltip)
    batches = base.transform_filter(alt.datum.kind == "batch").mark_line(strokeWidth=1, opacity=0.8)
    epochs = base.transform_filter(alt.datum.kind == "epoch")
    return alt.layer(batches, epochs.mark_line(strokeWidth=2), epochs.mark_point(filled=True, size=45)).properties(
        height=height
    )


def confusion_frame(confusion: np.ndarray) -> pd.DataFrame:
    """Long table ``true, predicted, count, correct`` of a square confusion matrix."""
    confusion = np.asarray(confusion)
    if confusion.ndim != 2 or confusion.shape[0] != confusion.shape[1]:
        raise ValueError("A confusion matrix must be square.")
    true, predicted = np.indices(confusion.shape)
    return pd.DataFrame(
        {
            "true": true.ravel(),
            "predicted": predicted.ravel(),
            "count": confusion.ravel().astype(int),
            "correct": (true == predicted).ravel(),
        }
    )


def confusion_chart(confusion: np.ndarray, texts: Mapping[str, str], size: int = 380) -> alt.LayerChart:
    """Confusion-matrix heat map with the count in each cell.

    The colour uses a symmetric-log scale so that a handful of mistakes off the diagonal
    are visible next to the hundreds of correct answers on it. ``texts`` needs the keys
    ``true``, ``predicted`` and ``count``.
    """
    frame = confusion_frame(confusion)
    high = float(frame["count"].max() or 1)
    base = alt.Chart(frame).encode(
        x=alt.X("predicted:O", title=texts["predicted"], axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("true:O", title=texts["true"]),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", title=texts["count"], scale=alt.Scale(type="symlog", scheme="blues"),
                        legend=None),
        tooltip=[alt.Tooltip("true:O", title=texts["true"]), alt.Tooltip("predicted:O", title=texts["predicted"]),
                 alt.Tooltip("count:Q", title=texts["count"])],
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q"),
        color=alt.condition(alt.datum.count > high**0.5 * 3, alt.value("white"), alt.value("#333333")),
    )
    return alt.layer(cells, labels).properties(width=size, height=size)


def runs_frame(runs: Sequence[tuple[str, Sequence[Mapping[str, float]]]], metric: str = "val_accuracy") -> pd.DataFrame:
    """Long table ``run, epoch, value`` of one metric for several runs."""
    rows = [
        {"run": label, "epoch": float(log["epoch"]), "value": float(log[metric])}
        for label, logs in runs
        for log in logs
        if metric in log and np.isfinite(log[metric])
    ]
    return pd.DataFrame(rows, columns=["run", "epoch", "value"])


def runs_chart(
    runs: Sequence[tuple[str, Sequence[Mapping[str, float]]]],
    texts: Mapping[str, str],
    metric: str = "val_accuracy",
    height: int = 280,
) -> alt.Chart:
    """One line per run of ``metric`` against the epoch (``texts``: ``run``, ``epoch``, ``value``)."""
    frame = runs_frame(runs, metric)
    labels = list(dict.fromkeys(label for label, _ in runs))
    scale = alt.Scale(domain=labels, range=[PALETTE[i % len(PALETTE)] for i in range(len(labels))])
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("epoch:Q", title=texts["epoch"], axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("value:Q", title=texts["value"], scale=alt.Scale(zero=False), axis=alt.Axis(format=".1%")),
            color=alt.Color("run:N", title=texts["run"], scale=scale, legend=alt.Legend(orient="bottom", labelLimit=400)),
            tooltip=["run:N", "epoch:Q", alt.Tooltip("value:Q", format=".4f")],
        )
        .properties(height=height)
    )
