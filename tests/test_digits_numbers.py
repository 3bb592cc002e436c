"""rna_core.digits.numbers: a number split into its digits, left to right."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core import digits
from rna_core.digits import handwriting
from rna_core.digits.numbers import MAX_DIGITS, split_number
from rna_core.errors import LocalizedError

from .digit_drawings import draw_digit


@pytest.fixture(scope="module")
def network() -> digits.NumpyNetwork:
    return digits.load_default_model()


@pytest.mark.parametrize("number", ["205", "1987", "34561", "700", "2026"])
@pytest.mark.parametrize("style", handwriting.STYLES)
def test_a_number_splits_into_the_right_count_and_order(network, number: str, style: str) -> None:
    image = handwriting.render_number(number, np.random.default_rng(int(number)), style,
                                      size=(90 * len(number), 150), gap=0.35)
    reading = split_number(image)
    assert len(reading.digits) == len(number)
    lefts = [stages.box[2] for stages in reading.digits]
    assert lefts == sorted(lefts)
    assert reading.images.shape == (len(number), 28, 28)
    read = "".join(str(d) for d in digits.predict_proba(network, reading.images).argmax(axis=1))
    assert read == number


def test_one_digit_goes_through_exactly_the_single_digit_path() -> None:
    image = draw_digit("seven")
    reading = split_number(image)
    assert len(reading.digits) == 1
    np.testing.assert_array_equal(reading.digits[0].centred, digits.to_mnist(image))


def test_a_digit_in_two_strokes_stays_one_digit() -> None:
    from PIL import Image, ImageDraw

    picture = Image.new("L", (280, 280), 0)
    draw = ImageDraw.Draw(picture)
    draw.line([(150, 40), (60, 170), (210, 170)], fill=255, width=16)  # the angle of a 4
    draw.line([(170, 110), (170, 250)], fill=255, width=16)  # its stem, lifted pen in between
    draw.line([(150, 40), (150, 60)], fill=0, width=30)  # a gap: the two pieces do not touch
    assert len(split_number(np.asarray(picture)).digits) == 1


def test_bad_inputs_give_clear_errors() -> None:
    with pytest.raises(digits.EmptyDrawingError, match="no drawing"):
        split_number(np.zeros((200, 200), np.uint8))
    blob = np.full((280, 280), 240, np.uint8)  # a dark filled square on paper: a third of the picture
    blob[60:220, 60:220] = 20
    with pytest.raises(LocalizedError, match="blob") as error:
        split_number(blob)
    assert error.value.key == "draw.error_blob"
    marks = np.zeros((100, 600), np.uint8)
    for index in range(30):
        marks[30:70, 10 + 19 * index : 16 + 19 * index] = 255
    with pytest.raises(LocalizedError, match=f"more than {MAX_DIGITS}") as error:
        split_number(marks)
    assert error.value.key == "draw.error_too_many" and error.value.values == {"limit": MAX_DIGITS}
