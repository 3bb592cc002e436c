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


def _reader(network: digits.NumpyNetwork, calls: list[int] | None = None):
    """The page's ``read``: the shipped model's probabilities; counts the batches in ``calls``."""
    def read(images: np.ndarray) -> np.ndarray:
        if calls is not None:
            calls.append(len(images))
        return digits.predict_proba(network, images)
    return read


def _touching_numbers(count: int, gap: float) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(18)
    numbers = []
    for index in range(count):
        number = "".join(str(d) for d in rng.integers(0, 10, size=int(rng.integers(3, 6))))
        style = handwriting.STYLES[index % len(handwriting.STYLES)]
        numbers.append((number, handwriting.render_number(number, rng, style, size=(280, 280), gap=gap)))
    return numbers


@pytest.mark.parametrize(("gap", "least_right"), [(0.0, 6), (-0.05, 4)])
def test_touching_digits_are_split_where_the_network_reads_them_best(network, gap: float, least_right: int) -> None:
    """Touching (gap 0) and overlapping (-0.05) slanted digits; the least ink alone: 8/10 and 6/10 counts."""
    counted, right, counted_before = 0, 0, 0
    for number, image in _touching_numbers(10, gap):
        read = "".join(str(d) for d in digits.predict_proba(
            network, split_number(image, read=_reader(network)).images).argmax(axis=1))
        counted += len(read) == len(number)
        right += read == number
        counted_before += len(split_number(image).digits) == len(number)
    assert counted >= 8, (counted, counted_before)
    assert right >= least_right, right
    assert counted >= counted_before


def test_without_read_separate_digits_split_as_before(network) -> None:
    """Separate digits split the same with or without the classifier."""
    for number, image in [("2026", handwriting.render_number("2026", np.random.default_rng(0), "canvas", gap=0.5)),
                          ("4815", handwriting.render_number("4815", np.random.default_rng(1), "paper", gap=0.5))]:
        before, after = split_number(image), split_number(image, read=_reader(network))
        assert len(before.digits) == len(after.digits) == len(number)
        np.testing.assert_array_equal(before.images, after.images)
        assert [stages.box for stages in before.digits] == [stages.box for stages in after.digits]
    single = draw_digit("seven")
    np.testing.assert_array_equal(split_number(single, read=_reader(network)).images[0], digits.to_mnist(single))


def test_read_is_called_once_with_a_bounded_batch(network) -> None:
    for _number, image in _touching_numbers(4, -0.05):
        calls: list[int] = []
        split_number(image, read=_reader(network, calls))
        assert len(calls) <= 1
        assert all(size <= 400 for size in calls), calls
