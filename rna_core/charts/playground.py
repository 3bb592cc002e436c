"""Pictures and charts of the playground page.

The live part (the output over the plane and every neuron's picture) is drawn as images:
NumPy colours each grid value (a 255-colour table), Pillow draws the points and the links,
and the page shows one JPEG per picture: a few thousand chart marks per neuron would be far
too slow to redraw 8 times a second. The loss curves and the point-drawing plane are small Vega-Lite charts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from rna_core.charts import CLASS_COLORS, PALETTE

__all__ = ["HIGH_COLOR", "LOW_COLOR", "draw_chart", "history_spec", "loss_spec", "map_image",
           "frame_images", "jpeg_bytes", "network_image", "neuron_colors", "output_colors", "png_bytes", "point_colors",
           "probability_colors", "value_colors"]


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


#: Colours of -1 (class 0) and +1 (class 1); 0 is white.
LOW_COLOR, HIGH_COLOR = _rgb(CLASS_COLORS[0]), _rgb(CLASS_COLORS[1])
CLASS_RGB = np.array([LOW_COLOR, HIGH_COLOR, _rgb(PALETTE[2])])
WHITE = np.array([255.0, 255.0, 255.0])


def _value_lut() -> np.ndarray:
    """255 colours from -1 (blue) through 0 (white, the middle one) to +1 (orange)."""
    v = np.linspace(-1.0, 1.0, 255)
    strength = np.abs(v)[:, None] * 0.85  # keep a little white so the points stand out
    target = np.where(v[:, None] >= 0, HIGH_COLOR, LOW_COLOR)
    return (WHITE + (target - WHITE) * strength).round().astype(np.uint8)


#: Colour table of :func:`value_colors` (read-only).
VALUE_LUT = _value_lut()
VALUE_LUT.flags.writeable = False


def value_colors(values: np.ndarray, discrete: bool = False) -> np.ndarray:
    """Colour numbers in [-1, 1]: blue below 0, white at 0, orange above (clipped outside).

    Parameters
    ----------
    values : numpy.ndarray
        Any shape; NaN (a diverged network) is drawn white.
    discrete : bool
        Only the sign counts (full blue or full orange).

    Returns
    -------
    numpy.ndarray
        uint8, shape ``values.shape + (3,)``.
    """
    v = np.asarray(values, dtype=np.float64)
    if discrete:
        v = np.where(v >= 0, 1.0, -1.0)
    index = np.clip(np.rint((v + 1.0) * 127.0), 0, 254)
    index[np.isnan(index)] = 127
    return VALUE_LUT[index.astype(np.intp)]


def probability_colors(probabilities: np.ndarray, discrete: bool = False) -> np.ndarray:
    """Colour class probabilities ``(..., k)``: each class's colour, paler where unsure."""
    k = probabilities.shape[-1]
    if discrete:
        probabilities = np.eye(k)[np.argmax(probabilities, axis=-1)]
    mix = probabilities @ CLASS_RGB[:k]
    confidence = ((probabilities.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k))[..., None] * 0.85
    return (WHITE + (mix - WHITE) * confidence).astype(np.uint8)


def output_colors(output: np.ndarray, classes: int, discrete: bool = False) -> np.ndarray:
    """Colour the output layer's pictures ``(outputs, res, res)`` as one ``(res, res, 3)`` image."""
    if classes == 3:
        return probability_colors(np.moveaxis(output, 0, -1), discrete)
    if classes == 2:
        return value_colors(2.0 * output[0] - 1.0, discrete)
    return value_colors(output[0], discrete)


def point_colors(y: np.ndarray, classes: int) -> np.ndarray:
    """Fill colour of each point: its class, or its number on the blue-white-orange scale."""
    if classes == 0:
        return value_colors(np.asarray(y, dtype=np.float64) * 1.0 / 0.85).reshape(-1, 3)
    return CLASS_RGB[np.asarray(y, dtype=np.int64)].astype(np.uint8)


def map_image(
    colors: np.ndarray,
    X: np.ndarray,
    fills: np.ndarray,
    size: int,
    *,
    hollow: np.ndarray | None = None,
    domain: float = 6.0,
    radius: float = 3.5,
) -> Image.Image:
    """The plane as an image: background ``colors`` (res, res, 3) scaled to ``size``, then points.

    Parameters
    ----------
    colors : numpy.ndarray
        uint8 background, row 0 at the top of the plane.
    X : numpy.ndarray
        Points ``(n, 2)``.
    fills : numpy.ndarray
        uint8 colour of each point ``(n, 3)``.
    size : int
        Side of the image in pixels.
    hollow : numpy.ndarray of bool, optional
        Points drawn with a black outline (the test points); the others get a white one.
    """
    image = Image.fromarray(colors, "RGB").resize((size, size), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    scale = size / (2 * domain)
    px = (np.asarray(X)[:, 0] + domain) * scale
    py = (domain - np.asarray(X)[:, 1]) * scale
    outline_black = np.zeros(len(px), dtype=bool) if hollow is None else hollow
    for x, y, fill, black in zip(px.tolist(), py.tolist(), fills.tolist(), outline_black.tolist(), strict=True):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=tuple(fill),
                     outline=(20, 20, 20) if black else (255, 255, 255))
    return image


def _font(size: int) -> tuple[ImageFont.ImageFont | ImageFont.FreeTypeFont, bool]:
    """A font for the labels, and whether it has ² and · (DejaVu Sans, when the system has it)."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size), True
    except OSError:
        return ImageFont.load_default(size=size), False


#: Plain-text spellings for a font without superscripts.
_ASCII = str.maketrans({"²": "^2", "·": "*"})


def network_image(
    tiles: Sequence[Sequence[np.ndarray]],
    weights: Sequence[np.ndarray],
    input_labels: Sequence[str],
    *,
    tile: int = 48,
    column_gap: int = 96,
    row_gap: int = 14,
    selected: tuple[int, int] | None = None,
) -> Image.Image:
    """The network drawn as TensorFlow Playground does: every neuron's picture, and the links.

    Parameters
    ----------
    tiles : sequence of sequences of numpy.ndarray
        One column per layer (inputs first, output last), each a list of uint8 pictures
        ``(res, res, 3)``.
    weights : sequence of numpy.ndarray
        ``weights[l]`` has shape ``(len(tiles[l]), len(tiles[l + 1]))``.
    input_labels : sequence of str
        Written left of each input picture.
    tile : int
        Side of a picture in pixels.
    selected : (layer, neuron), optional
        Framed in black.

    Returns
    -------
    PIL.Image.Image
        Links blue for negative weights, orange for positive, wider for larger weights.
    """
    label_width = 64
    rows = max(len(column) for column in tiles)
    width = label_width + len(tiles) * tile + (len(tiles) - 1) * column_gap + 8
    height = rows * (tile + row_gap) + row_gap
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    positions = []
    for layer, column in enumerate(tiles):
        x = label_width + layer * (tile + column_gap)
        top = (height - len(column) * (tile + row_gap) + row_gap) // 2
        positions.append([(x, top + k * (tile + row_gap)) for k in range(len(column))])
    largest = max((float(np.abs(W).max()) for W in weights if W.size), default=1.0) or 1.0
    for layer, W in enumerate(weights):
        for i, (x0, y0) in enumerate(positions[layer]):
            for j, (x1, y1) in enumerate(positions[layer + 1]):
                w = float(W[i, j])
                share = min(1.0, abs(w) / largest)
                colour = WHITE + ((HIGH_COLOR if w >= 0 else LOW_COLOR) - WHITE) * (0.25 + 0.75 * share)
                draw.line((x0 + tile, y0 + tile // 2, x1, y1 + tile // 2), fill=tuple(colour.astype(int)),
                          width=max(1, round(1 + 5 * share)))
    font, unicode_ok = _font(12)
    for layer, column in enumerate(tiles):
        for k, picture in enumerate(column):
            x, y = positions[layer][k]
            image.paste(Image.fromarray(picture, "RGB").resize((tile, tile), Image.Resampling.NEAREST), (x, y))
            frame = (0, 0, 0) if selected == (layer, k) else (190, 190, 190)
            draw.rectangle((x - 1, y - 1, x + tile, y + tile), outline=frame, width=3 if selected == (layer, k) else 1)
            if layer == 0:
                label = input_labels[k] if unicode_ok else input_labels[k].translate(_ASCII)
                draw.text((x - 6, y + tile // 2), label, fill=(40, 40, 40), font=font, anchor="rm")
    return image


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG bytes (fast compression)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def jpeg_bytes(image: Image.Image, quality: int = 90) -> bytes:
    """The image as JPEG bytes: ten times faster to encode than PNG and as small, for the
    pictures redrawn several times a second."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def _thin(values: Sequence[float], keep: int) -> tuple[list[int], list[float]]:
    """At most ``keep`` evenly spaced (epoch, value) pairs, the last one always kept."""
    n = len(values)
    index = np.unique(np.linspace(0, n - 1, min(n, keep)).round().astype(int)) if n else np.array([], int)
    return index.tolist(), [float(values[i]) for i in index]


def _curves_spec(series: Sequence[tuple[str, Sequence[float]]], colour: dict[str, Any], *, epoch_title: str,
                 loss_title: str, keep: int, height: int) -> dict[str, Any]:
    """Vega-Lite lines of loss per epoch, one per ``(label, values)``, at most ``keep`` points each."""
    rows = []
    for label, values in series:
        epochs, losses = _thin(values, keep)
        rows += [{"epoch": e, "loss": v, "series": label} for e, v in zip(epochs, losses, strict=True)]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "height": height, "data": {"values": rows}, "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "title": epoch_title,
                  "axis": {"format": "d", "tickMinStep": 1}},
            "y": {"field": "loss", "type": "quantitative", "title": loss_title, "scale": {"zero": True}},
            **colour,
        },
    }


def loss_spec(train: Sequence[float], test: Sequence[float], *, train_label: str, test_label: str,
              epoch_title: str, loss_title: str, keep: int = 150, height: int = 180) -> dict[str, Any]:
    """Vega-Lite line chart of the training (dashed) and test loss per epoch."""
    domain = [train_label, test_label]
    colour = {
        "color": {"field": "series", "type": "nominal", "title": None,
                  "scale": {"domain": domain, "range": ["#7F7F7F", "#111111"]}},
        "strokeDash": {"field": "series", "type": "nominal", "legend": None,
                       "scale": {"domain": domain, "range": [[4, 3], [1, 0]]}},
    }
    return _curves_spec([(train_label, train), (test_label, test)], colour, epoch_title=epoch_title,
                        loss_title=loss_title, keep=keep, height=height)


def history_spec(runs: Sequence[tuple[str, Sequence[float]]], *, epoch_title: str, loss_title: str,
                 keep: int = 150, height: int = 180) -> dict[str, Any]:
    """Vega-Lite chart of several runs' test-loss curves overlaid, one colour per run.

    The legend (one line per run, under the chart) gets its own room on top of ``height``:
    Streamlit fits the whole chart, legend included, into the height asked for.
    """
    labels = [label for label, _ in runs]
    colour = {"color": {"field": "series", "type": "nominal", "title": None,
                        "scale": {"domain": labels, "range": list(PALETTE[:len(labels)])},
                        "legend": {"orient": "bottom", "columns": 1, "labelLimit": 600}}}
    return _curves_spec(runs, colour, epoch_title=epoch_title, loss_title=loss_title, keep=keep,
                        height=height + 70 + 20 * len(runs))


def draw_chart(X: np.ndarray, y: np.ndarray, classes: int, *, step: float = 0.5, size: int = 380,
               domain: float = 6.0) -> dict[str, Any]:
    """A Vega-Lite plane to click points onto: a grid of invisible cells (a click selects one
    cell, whose centre becomes the new point) under the points drawn so far.

    Written as a plain spec (no Altair objects): it is rebuilt on every rerun of the page.

    Returns
    -------
    dict
        A Vega-Lite spec with a point selection called ``cell`` (fields ``x1``, ``x2``).
    """
    centres = np.round(np.arange(-domain + step / 2, domain, step), 3).tolist()
    cells = [{"x1": a, "x2": b} for b in centres for a in centres]
    fills = ["#" + "".join(f"{c:02x}" for c in colour) for colour in point_colors(y, classes).tolist()]
    points = [{"x1": float(a), "x2": float(b), "fill": fill}
              for (a, b), fill in zip(np.asarray(X).reshape(-1, 2).tolist(), fills, strict=True)]
    scale = {"domain": [-domain, domain], "nice": False}
    x = {"field": "x1", "type": "quantitative", "scale": scale}
    y_axis = {"field": "x2", "type": "quantitative", "scale": scale}
    cell_side = size / (2 * domain / step)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": size, "height": size,
        "layer": [
            {"data": {"values": cells}, "mark": {"type": "square", "size": cell_side ** 2, "opacity": 0.001},
             "params": [{"name": "cell", "select": {"type": "point", "fields": ["x1", "x2"], "on": "click",
                                                    "clear": False}}],
             "encoding": {"x": x, "y": y_axis}},
            {"data": {"values": points}, "mark": {"type": "circle", "size": 60, "stroke": "white",
                                                  "strokeWidth": 1, "opacity": 1},
             "encoding": {"x": x, "y": y_axis, "color": {"field": "fill", "type": "nominal", "scale": None}}},
        ],
    }


def neuron_colors(pictures: Sequence[np.ndarray], layer: int, index: int, classes: int) -> np.ndarray:
    """Colours of one neuron's picture; an output neuron's probability is shown as 2p - 1."""
    values = pictures[layer][index]
    if layer == len(pictures) - 1 and classes:
        values = 2.0 * values - 1.0
    return value_colors(values)


def frame_images(
    experiment: Any,
    input_labels: Sequence[str],
    *,
    resolution: int = 64,
    map_size: int = 300,
    tile: int = 48,
    show_test: bool = False,
    discrete: bool = False,
    selected: tuple[int, int] | None = None,
    neuron_size: int = 220,
) -> tuple[bytes, bytes, bytes | None]:
    """Everything the live view redraws, as images: the network, the output map, one neuron.

    Parameters
    ----------
    experiment : rna_core.playground.experiment.Experiment
    input_labels : sequence of str
        Names of the input features, written beside their pictures.
    resolution : int
        Grid points per side (one forward pass over ``resolution²`` points).
    selected : (layer, index), optional
        The neuron framed in the network and drawn large (layer 1 = first hidden layer).

    Returns
    -------
    network, output_map, neuron : bytes
        JPEG images; ``neuron`` is None without a selection.
    """
    pictures = experiment.pictures(resolution)
    classes = experiment.classes
    columns = [[value_colors(p) for p in layer] for layer in pictures[:-1]]
    columns.append([output_colors(pictures[-1], classes, discrete)] if classes != 3
                   else [neuron_colors(pictures, len(pictures) - 1, k, classes) for k in range(3)])
    network = network_image(columns, experiment.network.weights, input_labels, tile=tile, selected=selected)
    shown = np.concatenate([experiment.train, experiment.test]) if show_test else experiment.train
    hollow = np.arange(len(shown)) >= len(experiment.train)
    output_map = map_image(output_colors(pictures[-1], classes, discrete), experiment.X[shown],
                           point_colors(experiment.y[shown], classes), map_size, hollow=hollow)
    neuron = None
    if selected is not None:
        layer, index = selected
        neuron = jpeg_bytes(map_image(neuron_colors(pictures, layer, index, classes), experiment.X[experiment.train],
                                      point_colors(experiment.y[experiment.train], classes), neuron_size, radius=2.5))
    return jpeg_bytes(network), jpeg_bytes(output_map), neuron
