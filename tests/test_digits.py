"""Preprocessing to MNIST's format, fast prediction, the shipped model and the rendering set."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

from rna_core import digits, handwriting
from rna_core.digits import EmptyDrawingError, predict_proba, preprocess, to_mnist

MIDDLE = (digits.MNIST_SIZE - 1) / 2


def draw_digit(kind: str, size: tuple[int, int] = (280, 280), box: tuple[int, int, int, int] | None = None,
               width: int = 20) -> np.ndarray:
    """White-on-black strokes: "one" (vertical bar), "zero" (ellipse) or "seven" inside ``box``."""
    picture = Image.new("L", size, 0)
    draw = ImageDraw.Draw(picture)
    left, top, right, bottom = box or (size[0] // 4, size[1] // 8, 3 * size[0] // 4, 7 * size[1] // 8)
    if kind == "one":
        middle = (left + right) // 2
        draw.line([(middle, top), (middle, bottom)], fill=255, width=width)
    elif kind == "zero":
        draw.ellipse((left, top, right, bottom), outline=255, width=width)
    elif kind == "seven":
        draw.line([(left, top), (right, top), (left + (right - left) // 3, bottom)], fill=255, width=width)
    else:
        raise AssertionError(kind)
    return np.asarray(picture)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(image.shape)
    total = image.sum()
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


@pytest.fixture(scope="module")
def network() -> digits.NumpyNetwork:
    return digits.load_default_model()


# -- to_mnist ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["grey", "rgb", "rgba"])
def test_output_is_28x28_float32_in_unit_range(shape: str) -> None:
    grey = draw_digit("seven")
    image = {"grey": grey, "rgb": np.dstack([grey] * 3),
             "rgba": np.dstack([grey] * 3 + [np.full_like(grey, 255)])}[shape]
    result = to_mnist(image)
    assert result.shape == (28, 28)
    assert result.dtype == np.float32
    assert result.min() >= 0.0 and result.max() <= 1.0
    assert result.max() == pytest.approx(1.0)


@pytest.mark.parametrize(
    "box",
    [(10, 10, 60, 80), (200, 190, 270, 270), (5, 100, 275, 180), (120, 120, 140, 150), (0, 0, 280, 280)],
    ids=["top-left-small", "bottom-right", "wide", "tiny", "full"],
)
@pytest.mark.parametrize("kind", ["one", "zero", "seven"])
def test_centre_of_mass_is_in_the_middle_whatever_position_and_size(kind: str, box) -> None:
    width = max(3, (box[2] - box[0]) // 8)
    result = to_mnist(draw_digit(kind, box=box, width=width))
    row, col = centre_of_mass(result)
    assert abs(row - MIDDLE) <= 1.0 and abs(col - MIDDLE) <= 1.0, (row, col)
    # MNIST's recipe: the digit fits in 20x20, so a 4-pixel border stays (almost) empty.
    rows = np.flatnonzero(result.max(axis=1) > 0.05)
    cols = np.flatnonzero(result.max(axis=0) > 0.05)
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 <= 22


def test_position_and_size_do_not_change_the_result() -> None:
    big = to_mnist(draw_digit("seven", box=(40, 40, 240, 240), width=24))
    small = to_mnist(draw_digit("seven", box=(180, 10, 230, 60), width=6))
    assert np.abs(big - small).mean() < 0.08


def test_aspect_ratio_is_kept_a_one_stays_thin() -> None:
    result = to_mnist(draw_digit("one", box=(100, 20, 180, 260), width=20))
    cols = np.flatnonzero(result.max(axis=0) > 0.2)
    rows = np.flatnonzero(result.max(axis=1) > 0.2)
    assert rows[-1] - rows[0] + 1 >= 18
    assert cols[-1] - cols[0] + 1 <= 5


def test_white_on_black_black_on_white_and_transparent_give_the_same_image() -> None:
    ink = draw_digit("seven", size=(200, 240), box=(30, 40, 150, 200), width=14)
    white_on_black = ink
    black_on_white = 255 - ink
    transparent = np.dstack([np.zeros_like(ink)] * 3 + [ink])  # black ink, alpha = ink
    coloured_transparent = np.dstack([np.full_like(ink, 30), np.full_like(ink, 60), np.full_like(ink, 200), ink])
    reference = to_mnist(white_on_black)
    for other in (black_on_white, transparent, coloured_transparent, np.dstack([black_on_white] * 3)):
        np.testing.assert_allclose(to_mnist(other), reference, atol=2e-3)


def test_dark_ink_on_uneven_noisy_paper_matches_the_clean_drawing() -> None:
    ink = draw_digit("zero", size=(300, 260), box=(60, 40, 200, 230), width=16).astype(np.float32) / 255
    rng = np.random.default_rng(3)
    rows, cols = np.mgrid[0:260, 0:300]
    light = 0.65 + 0.3 * cols / 300 + 0.05 * rows / 260  # lit from the right
    paper = light * (1 - 0.85 * ink) + rng.normal(0, 0.03, ink.shape)
    photo = (np.clip(np.dstack([paper, paper * 0.97, paper * 0.9]), 0, 1) * 255).astype(np.uint8)
    clean = to_mnist((ink * 255).astype(np.uint8))
    noisy = to_mnist(photo)
    assert np.corrcoef(clean.ravel(), noisy.ravel())[0, 1] > 0.9
    # no noise survives far from the digit
    assert noisy[:2].max() < 0.05 and noisy[-2:].max() < 0.05


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((280, 280), np.uint8),
        np.full((280, 280), 255, np.uint8),
        np.full((50, 70, 3), 128, np.uint8),
        np.dstack([np.zeros((280, 280, 3), np.uint8), np.full((280, 280), 255, np.uint8)]),  # black canvas
        np.zeros((100, 100, 4), np.uint8),  # fully transparent
    ],
    ids=["black", "white", "grey-rgb", "empty-canvas", "transparent"],
)
def test_empty_or_uniform_image_raises_empty_drawing_error(image: np.ndarray) -> None:
    with pytest.raises(EmptyDrawingError, match="no drawing"):
        to_mnist(image)


def test_paper_noise_alone_is_not_a_digit() -> None:
    rng = np.random.default_rng(0)
    noise = np.clip(rng.normal(0.85, 0.03, (200, 200)), 0, 1)
    with pytest.raises(EmptyDrawingError):
        to_mnist((noise * 255).astype(np.uint8))


def test_empty_drawing_error_is_a_value_error() -> None:
    assert issubclass(EmptyDrawingError, ValueError)


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.zeros((28, 28), np.float32), "uint8"),
        (np.zeros((28, 28, 2), np.uint8), "shape"),
        (np.zeros(784, np.uint8), "shape"),
        (np.zeros((1, 1), np.uint8), "too small"),
        (np.full((28, 28), 300, np.int32), "between 0 and 255"),
    ],
)
def test_invalid_images_raise_value_error_with_a_clear_message(image: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_mnist(image)


def test_large_photo_is_reduced_and_still_read() -> None:
    big = np.asarray(Image.fromarray(draw_digit("one", size=(300, 300), width=24)).resize((3000, 3000)))
    stages = preprocess(big)
    assert max(stages.ink.shape) <= 2 * digits.WORK_SIZE
    assert centre_of_mass(stages.centred)[0] == pytest.approx(MIDDLE, abs=1.0)


def test_tiny_drawing_is_flagged_and_a_normal_one_is_not() -> None:
    assert preprocess(draw_digit("seven", box=(130, 130, 150, 155), width=3)).tiny
    assert not preprocess(draw_digit("seven")).tiny


def test_stage_pictures_are_rgb_squares() -> None:
    pictures = digits.stage_pictures(preprocess(draw_digit("zero")), size=120)
    assert list(pictures) == ["ink", "crop", "fit", "centred"]
    for picture in pictures.values():
        assert picture.shape == (120, 120, 3) and picture.dtype == np.uint8


# -- prediction -------------------------------------------------------------------------------------


def test_predict_proba_rows_sum_to_one(network) -> None:
    images = np.random.default_rng(1).random((7, 28, 28), dtype=np.float32)
    probabilities = predict_proba(network, images)
    assert probabilities.shape == (7, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-9)
    assert (probabilities >= 0).all()


def test_predict_proba_rejects_wrong_shapes(network) -> None:
    with pytest.raises(ValueError, match=r"\(n, 28, 28\)"):
        predict_proba(network, np.zeros((2, 784), np.float32))


@pytest.mark.parametrize(("kind", "label"), [("one", 1), ("zero", 0), ("seven", 7)])
def test_default_model_reads_simple_drawings(network, kind: str, label: int) -> None:
    probabilities = predict_proba(network, to_mnist(draw_digit(kind))[None])[0]
    assert int(np.argmax(probabilities)) == label
    assert probabilities[label] > 0.5


def test_default_model_accuracy_on_mnist_test(network, mnist_path: str) -> None:
    from rna_core.data import load_mnist

    _, (x_test, y_test) = load_mnist(mnist_path)
    predicted = predict_proba(network, x_test[:2000].astype(np.float32) / 255).argmax(axis=1)
    assert np.mean(predicted == y_test[:2000]) >= 0.98


def test_default_model_accuracy_on_non_mnist_renderings(network) -> None:
    renderings = handwriting.make_test_set(per_digit=12, seed=123)
    images = np.stack([to_mnist(r.image) for r in renderings])
    labels = np.array([r.label for r in renderings])
    assert np.mean(predict_proba(network, images).argmax(axis=1) == labels) >= 0.88


@pytest.mark.keras
def test_numpy_forward_matches_keras_for_cnn_and_mlp() -> None:
    """Keras is the oracle: the NumPy copy must give the same probabilities and activations."""
    import keras

    keras.utils.set_random_seed(0)
    cnn = keras.Sequential([
        keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3, activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(6, 3, activation="tanh"), keras.layers.MaxPooling2D(2), keras.layers.Flatten(),
        keras.layers.Dropout(0.5), keras.layers.Dense(10, activation="softmax"),
    ])
    mlp = keras.Sequential([
        keras.Input((784,)), keras.layers.Dense(12, activation="sigmoid"), keras.layers.Dropout(0.2),
        keras.layers.Dense(8, activation="relu"), keras.layers.Dense(10, activation="softmax"),
    ])
    images = np.random.default_rng(2).random((5, 28, 28), dtype=np.float32)
    np.testing.assert_allclose(predict_proba(cnn, images), cnn(images[..., None]).numpy(), atol=1e-5)
    np.testing.assert_allclose(predict_proba(mlp, images), mlp(images.reshape(5, 784)).numpy(), atol=1e-5)
    hidden = digits.hidden_activations(mlp, images[0])
    assert [h.shape for h in hidden] == [(12,), (8,), (10,)]
    probe = keras.Model(mlp.inputs[0], mlp.layers[0].output)
    np.testing.assert_allclose(hidden[0], probe(images[:1].reshape(1, 784)).numpy()[0], atol=1e-5)
    with pytest.raises(ValueError, match="Dense layers only"):
        digits.hidden_activations(cnn, images[0])


def test_saved_network_round_trips_and_malformed_files_are_refused(tmp_path, network) -> None:
    digits.save_numpy_network(network, tmp_path)
    again = digits.load_numpy_network(tmp_path)
    images = np.random.default_rng(4).random((3, 28, 28), dtype=np.float32)
    np.testing.assert_array_equal(again(images), network(images))
    spec = json.loads((tmp_path / "architecture.json").read_text())
    spec["layers"][0]["kind"] = "lambda"
    (tmp_path / "architecture.json").write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="malformed"):
        digits.load_numpy_network(tmp_path)
    with pytest.raises(FileNotFoundError, match="python -m rna_core.digits train"):
        digits.load_default_model(tmp_path / "missing")


# -- the rendering set ------------------------------------------------------------------------------


def test_renderings_are_seeded_balanced_and_in_three_styles() -> None:
    first = handwriting.make_test_set(per_digit=6, seed=5)
    second = handwriting.make_test_set(per_digit=6, seed=5)
    assert all(np.array_equal(a.image, b.image) for a, b in zip(first, second, strict=True))
    assert np.bincount([r.label for r in first]).tolist() == [6] * 10
    by_style = {r.style: r.image for r in first}
    assert set(by_style) == set(handwriting.STYLES)
    assert by_style["canvas"].shape[2] == 4 and (by_style["canvas"][:, :, 3] == 255).all()
    assert by_style["transparent"].shape[2] == 4 and (by_style["transparent"][:, :, 3] == 0).mean() > 0.5
    assert by_style["paper"].shape[2] == 3 and np.median(by_style["paper"]) > 128


def test_render_rejects_unknown_digit_or_style() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="0 to 9"):
        handwriting.render(12, rng)
    with pytest.raises(ValueError, match="style"):
        handwriting.render(3, rng, style="watercolour")


def test_draw_modules_import_neither_streamlit_nor_keras() -> None:
    """The page's core (and loading the shipped model) never pulls in Streamlit or TensorFlow."""
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import sys, rna_core.digits, rna_core.handwriting, rna_core.uploads, rna_core.charts.draw; "
        "rna_core.digits.load_default_model(); "
        "print(','.join(m for m in ('streamlit', 'tensorflow', 'keras') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "elu"])
@pytest.mark.keras
def test_course_mlp_in_the_safe_format_runs_on_the_fast_path(tmp_path, activation: str) -> None:
    """The training page's models (rna_core.models) are read by the page's NumPy path, same numbers."""
    from rna_core import model_files, models

    if activation not in models.ACTIVATIONS:
        pytest.skip(f"{activation} is not offered by the training page")
    config = models.NetworkConfig(hidden_layers=(16, 8), activation=activation, dropout=0.2, epochs=1)
    keras_model = models.build_model(config)
    model_files.save_safe(keras_model, config, tmp_path)
    loaded, _ = model_files.load_safe(tmp_path)
    network = digits.from_keras(loaded)
    images = np.random.default_rng(5).random((4, 28, 28), dtype=np.float32)
    np.testing.assert_allclose(network(images), keras_model(images.reshape(4, 784)).numpy(), atol=1e-5)
    assert network.is_mlp and [h.shape for h in digits.hidden_activations(network, images[0])] == [(16,), (8,), (10,)]


def test_chart_builders_give_vega_lite_specs() -> None:
    from rna_core.charts import draw as charts

    probabilities = np.array([0.005, 0.9, 0.02, 0.075, 0, 0, 0, 0, 0, 0])
    frame = charts.probability_frame(probabilities)
    assert frame["predicted"].tolist() == [d == 1 for d in range(10)]
    assert frame["label"].tolist()[:4] == ["", "90%", "2%", "8%"]
    spec = charts.probability_chart(probabilities, "Digit", "Probability").to_dict()
    assert len(spec["layer"]) == 2
    with pytest.raises(ValueError, match="ten probabilities"):
        charts.probability_frame(np.ones(3) / 3)
    layers = [np.arange(120, dtype=float), np.zeros(30), np.eye(10)[3]]
    strips = charts.activation_frame(layers, ["h1", "h2", "out"])
    assert len(strips) == 160 and strips["row"].max() == 2  # 120 cells in rows of 50
    assert strips.loc[strips["layer"] == "h2", "level"].eq(0).all()  # a silent layer stays dark
    assert len(charts.activation_strips(layers, ["h1", "h2", "out"], "a", "n").to_dict()["vconcat"]) == 3
