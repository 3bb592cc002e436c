"""rna_core.charts.playground: colours, images and Vega-Lite specs."""

from __future__ import annotations

import io

import altair as alt
import numpy as np
from PIL import Image

from rna_core.charts import CLASS_COLORS
from rna_core.charts.playground import (
    draw_chart,
    frame_images,
    history_spec,
    loss_spec,
    network_image,
    probability_colors,
    value_colors,
)
from rna_core.playground.experiment import Experiment
from rna_core.playground.settings import Settings


def hex_rgb(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


def test_values_are_blue_below_zero_white_at_zero_orange_above() -> None:
    colours = value_colors(np.array([-1.0, 0.0, 1.0, 5.0]))
    assert colours[1].tolist() == [255, 255, 255]
    assert value_colors(np.array([np.nan])).tolist() == [[255, 255, 255]]
    assert np.abs(colours[0].astype(int) - hex_rgb(CLASS_COLORS[0])).max() < 40
    assert np.abs(colours[2].astype(int) - hex_rgb(CLASS_COLORS[1])).max() < 40
    assert colours[3].tolist() == colours[2].tolist()  # clipped
    assert value_colors(np.array([0.01]), discrete=True).tolist() == value_colors(np.array([1.0])).tolist()


def test_unsure_class_probabilities_are_pale() -> None:
    colours = probability_colors(np.array([[1 / 3, 1 / 3, 1 / 3], [1.0, 0.0, 0.0]]))
    assert colours[0].tolist() == [255, 255, 255]
    assert colours[1].tolist() != [255, 255, 255]


def test_network_image_has_a_picture_per_neuron_and_grows_with_the_layers() -> None:
    tile = np.full((8, 8, 3), 200, dtype=np.uint8)
    small = network_image([[tile] * 2, [tile] * 3, [tile]], [np.ones((2, 3)), -np.ones((3, 1))], ["x1", "x2"])
    large = network_image([[tile] * 2, [tile] * 8, [tile] * 8, [tile]],
                          [np.ones((2, 8)), np.ones((8, 8)), np.ones((8, 1))], ["x1", "x2"])
    assert large.width > small.width and large.height > small.height


def test_frame_images_are_jpegs() -> None:
    experiment = Experiment.create(Settings(dataset="blobs3"))
    network, output, neuron = frame_images(experiment, ["x1", "x2"], resolution=16, map_size=120, selected=(3, 2),
                                           show_test=True, discrete=True)
    for data in (network, output, neuron):
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
    assert Image.open(io.BytesIO(output)).size == (120, 120)
    assert frame_images(experiment, ["x1", "x2"], resolution=8)[2] is None


def test_specs_are_valid_vega_lite() -> None:
    alt.Chart.from_dict(loss_spec([0.7, 0.5, 0.4], [0.8, 0.6, 0.5], train_label="training", test_label="test",
                                  epoch_title="epoch", loss_title="loss"))
    alt.Chart.from_dict(history_spec([("run 1", [0.7, 0.3]), ("now", [0.6])], epoch_title="epoch", loss_title="loss"))
    spec = draw_chart(np.array([[1.0, 2.0]]), np.array([1]), 3, size=200)
    alt.LayerChart.from_dict(spec)
    assert len(spec["layer"][0]["data"]["values"]) == 24 * 24
    assert spec["layer"][1]["data"]["values"][0]["fill"] == CLASS_COLORS[1].lower()


def test_loss_curves_are_thinned_to_a_few_points_keeping_the_last() -> None:
    spec = loss_spec(list(np.linspace(1, 0, 1000)), list(np.linspace(1, 0.1, 1000)), train_label="a", test_label="b",
                     epoch_title="e", loss_title="l", keep=50)
    rows = spec["data"]["values"]
    assert len(rows) == 100
    assert max(row["epoch"] for row in rows) == 999
