"""rna_core.digits.preprocess: MNIST's recipe on drawings and photos (public API: to_mnist)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from rna_core import digits
from rna_core.digits import EmptyDrawingError, preprocess, to_mnist

from .digit_drawings import MIDDLE, centre_of_mass, draw_digit

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


# -- stroke width, shadows ------------------------------------------------------------------------


def photo_of(ink: np.ndarray, shadow: bool = False, seed: int = 0) -> np.ndarray:
    """Dark ink on unevenly lit, noisy paper (optionally with a hard-edged shadow), as RGB uint8."""
    rng = np.random.default_rng(seed)
    height, width = ink.shape
    rows, cols = np.mgrid[0:height, 0:width]
    light = 0.7 + 0.25 * cols / width
    if shadow:
        light = light * np.where(cols + 0.5 * rows > 0.6 * width, 0.6, 1.0)
    paper = light * (1 - 0.85 * ink) + rng.normal(0, 0.02, ink.shape)
    return (np.clip(np.dstack([paper, paper * 0.97, paper * 0.92]), 0, 1) * 255).astype(np.uint8)


@pytest.mark.parametrize("shadow", [False, True], ids=["even-light", "shadow"])
def test_a_thick_marker_photo_keeps_its_inside_filled(shadow: bool) -> None:
    """A stroke a quarter of the digit wide must not come out hollow (only its outline)."""
    ink = draw_digit("one", size=(320, 300), box=(100, 40, 200, 260), width=70).astype(np.float32) / 255
    stages = preprocess(photo_of(ink, shadow=shadow))
    from scipy import ndimage

    found = stages.ink > 0.5
    stroke = np.asarray(Image.fromarray((ink * 255).astype(np.uint8)).resize(stages.ink.shape[::-1])) > 128
    inside = ndimage.binary_erosion(stroke, iterations=3)  # the stroke's inside, away from its edges
    assert found[inside].mean() > 0.9  # filled, not hollow
    assert found[~ndimage.binary_dilation(stroke, iterations=3)].mean() < 0.01  # no shadow taken for ink


def test_a_thin_pencil_photo_is_still_found() -> None:
    ink = 0.5 * draw_digit("seven", size=(300, 300), width=3).astype(np.float32) / 255
    clean = to_mnist((ink / ink.max() * 255).astype(np.uint8))
    photo = to_mnist(photo_of(ink))
    assert np.corrcoef(clean.ravel(), photo.ravel())[0, 1] > 0.85
