"""Charts of the Draw-a-digit page: class probabilities, hidden-layer activations, feature maps."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from rna_core.charts import CLASS_COLORS, localize

#: Cells per row when a layer's neurons are drawn as a strip.
STRIP_WIDTH = 50


def probability_frame(probabilities: np.ndarray) -> pd.DataFrame:
    """Ten probabilities as a DataFrame: ``digit`` (str), ``probability``, ``predicted`` (bool),
    ``label`` (the percentage, empty under 1 %) and ``colour`` of its bar."""
    probabilities = np.asarray(probabilities, dtype=float).ravel()
    if probabilities.shape != (10,):
        raise ValueError(f"Expected ten probabilities, got {probabilities.size}.")
    best = int(np.argmax(probabilities))
    predicted = [d == best and probabilities[best] > 0 for d in range(10)]  # none before a drawing
    return pd.DataFrame(
        {
            "digit": [str(d) for d in range(10)],
            "probability": probabilities,
            "predicted": predicted,
            "label": [f"{p:.0%}" if p >= 0.01 else "" for p in probabilities],
            "colour": [CLASS_COLORS[1] if chosen else CLASS_COLORS[0] for chosen in predicted],
        }
    )


def probability_chart(probabilities: np.ndarray, digit_title: str, probability_title: str) -> alt.LayerChart:
    """Bar chart of the ten class probabilities; the predicted digit in the accent colour.

    Parameters
    ----------
    probabilities : np.ndarray
        Ten values summing to 1.
    digit_title, probability_title : str
        Axis titles (translated).

    Notes
    -----
    Colours and labels are columns of the data (``scale=None``) rather than ``alt.condition``
    or a filter transform: Altair validates each of those against the Vega-Lite schema, which
    made this chart several times slower to build on every stroke.
    """
    frame = probability_frame(probabilities)
    base = alt.Chart(frame).encode(
        x=alt.X("digit:N", title=digit_title, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", title=probability_title, scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("digit:N", title=digit_title),
                 alt.Tooltip("probability:Q", title=probability_title, format=".1%")],
    )
    bars = base.mark_bar().encode(color=alt.Color("colour:N", scale=None))
    labels = base.mark_text(dy=-6, fontSize=11).encode(text="label:N")
    return (bars + labels).properties(height=220)


def probability_spec(digit_title: str, probability_title: str, lang: str) -> dict:
    """:func:`probability_chart` as a Vega-Lite spec *without its data*, for one language.

    The page passes the spec and :func:`probability_frame` separately
    (``st.vega_lite_chart(frame, spec)``): the spec is the same on every stroke, so it is
    built (and validated by Altair, ~20 ms) once per language and titles, and the browser
    only swaps the chart's data instead of rebuilding the chart.

    Returns
    -------
    dict
        A fresh copy (callers may change it).
    """
    return json.loads(_probability_spec_json(digit_title, probability_title, lang))


@functools.lru_cache(maxsize=16)
def _probability_spec_json(digit_title: str, probability_title: str, lang: str) -> str:
    spec = localize(probability_chart(np.full(10, 0.1), digit_title, probability_title), lang).to_dict()
    spec.pop("data", None)
    spec.pop("datasets", None)
    return json.dumps(spec)


def activation_frame(layers: Sequence[np.ndarray], names: Sequence[str], width: int = STRIP_WIDTH) -> pd.DataFrame:
    """Neurons of each layer laid out in rows of ``width`` cells.

    Returns
    -------
    pd.DataFrame
        Columns ``layer`` (name), ``order`` (layer index), ``neuron``, ``row``, ``col``,
        ``activation`` (raw value), ``level`` (activation scaled to [0, 1] within its layer) and
        ``ink`` (a label colour readable on that cell).
    """
    if len(layers) != len(names):
        raise ValueError("Give one name per layer.")
    frames = []
    for order, (values, name) in enumerate(zip(layers, names, strict=True)):
        values = np.asarray(values, dtype=float).ravel()
        top = float(values.max()) if values.size and values.max() > 0 else 1.0
        neurons = np.arange(values.size)
        frames.append(pd.DataFrame({
            "layer": name, "order": order, "neuron": neurons,
            "row": neurons // width, "col": neurons % width,
            "activation": values, "level": np.clip(values / top, 0.0, 1.0),
        }))
        frames[-1]["ink"] = np.where(frames[-1]["level"] > 0.5, "black", "white")  # readable digit labels
    return pd.concat(frames, ignore_index=True)


def activation_strips(layers: Sequence[np.ndarray], names: Sequence[str], value_title: str,
                      neuron_title: str, cell: int = 13) -> alt.VConcatChart:
    """One strip of cells per layer, brighter where a neuron fires more; the output labelled 0-9.

    Parameters
    ----------
    layers : sequence of np.ndarray
        Activations of each hidden layer, then the ten outputs.
    names : sequence of str
        A title per layer (translated).
    value_title, neuron_title : str
        Tooltip titles (translated).
    cell : int
        Side of one cell in pixels.
    """
    frame = activation_frame(layers, names)
    charts = []
    for order, name in enumerate(names):
        part = frame[frame["order"] == order]
        is_output = order == len(names) - 1
        rows = int(part["row"].max()) + 1
        cols = int(part["col"].max()) + 1
        base = alt.Chart(part).encode(
            x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None),
            tooltip=[alt.Tooltip("neuron:Q", title=neuron_title),
                     alt.Tooltip("activation:Q", title=value_title, format=".3f")],
        )
        rects = base.mark_rect(stroke="#444", strokeWidth=0.5).encode(
            color=alt.Color("level:Q", scale=alt.Scale(scheme="greys", reverse=True, domain=[0, 1]), legend=None)
        )
        layer_chart = rects
        size = cell * 2 if is_output else cell
        if is_output:
            text = base.mark_text(fontSize=12, fontWeight="bold").encode(
                text="neuron:N", color=alt.Color("ink:N", scale=None)
            )
            layer_chart = rects + text
        charts.append(layer_chart.properties(title=name, width=cols * size, height=rows * size))
    return alt.vconcat(*charts).configure_view(strokeWidth=0).configure_title(anchor="start", fontSize=13)


def enlarge(image: np.ndarray, size: int = 84) -> np.ndarray:
    """A (h, w) image in [0, 1] as a ``size``-pixel-high uint8 picture, each pixel a visible square."""
    image = np.clip(np.asarray(image, dtype=float), 0.0, 1.0)
    factor = max(1, size // image.shape[0])
    return (np.kron(image, np.ones((factor, factor))) * 255).round().astype(np.uint8)


def map_grid(maps: np.ndarray, columns: int = 8, cell: int = 48, signed: bool = False) -> np.ndarray:
    """Feature maps (or filters) side by side in a grid, each scaled to its own brightest value.

    Parameters
    ----------
    maps : np.ndarray
        (count, h, w) values.
    columns : int
        Maps per row.
    cell : int
        Side of one map in pixels (nearest-neighbour enlargement).
    signed : bool
        Filters: 0 is mid-grey, positive lighter, negative darker.

    Returns
    -------
    np.ndarray
        uint8 (rows * (cell + 2), columns * (cell + 2)) picture.
    """
    maps = np.asarray(maps, dtype=float)
    count, height, width = maps.shape
    rows = -(-count // columns)
    pad = 2
    grid = np.full((rows * (cell + pad), columns * (cell + pad)), 60, dtype=np.uint8)
    factor = max(1, cell // max(height, width))
    for index, values in enumerate(maps):
        if signed:
            scaled = 0.5 + 0.5 * values / max(float(np.abs(values).max()), 1e-9)
        else:
            scaled = values / max(float(values.max()), 1e-9)
        tile = (np.kron(np.clip(scaled, 0, 1), np.ones((factor, factor))) * 255).round().astype(np.uint8)
        top, left = (index // columns) * (cell + pad), (index % columns) * (cell + pad)
        grid[top : top + tile.shape[0], left : left + tile.shape[1]] = tile
    return grid
