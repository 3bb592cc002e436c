"""Whole numbers: split a drawing or photo of several digits in a row ("2026") into digits.

The ink (:func:`rna_core.digits.preprocess.find_ink`) falls into connected pieces. A digit
can be several pieces (the bar of a 5 drawn apart, a 4 in two strokes) and two digits can
touch, so the pieces are

1. grouped when they overlap left-to-right by most of the narrower one (one digit);
2. split when a group is much wider than the number's digits are tall (touching digits),
   at the column with the least ink near each expected boundary;
3. read left to right, each through the same crop / fit / centre recipe as a single digit.

One digit goes through exactly the single-digit path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from rna_core.digits.preprocess import Stages, find_ink, stages_of
from rna_core.errors import LocalizedError

#: The most digits one picture may hold.
MAX_DIGITS = 12
#: Ink brighter than this (0..1, after cleaning) is part of a stroke when looking for pieces.
STROKE_LEVEL = 0.25
#: Pieces overlapping left-to-right by this fraction of the narrower one are one digit.
MERGE_OVERLAP = 0.7
#: A group wider than this many times the digits' height holds touching digits.
TOUCHING_RATIO = 1.0
#: Ink filling more than this fraction of its box, over a quarter of the picture, is a blob.
BLOB_FILL = 0.85


@dataclass(frozen=True)
class NumberReading:
    """The digits found in one picture, left to right.

    Attributes
    ----------
    ink : np.ndarray
        float32 (H, W): the ink found in the (reduced) picture.
    digits : list of Stages
        One :class:`~rna_core.digits.preprocess.Stages` per digit, left to right.
    """

    ink: np.ndarray
    digits: list[Stages]

    @property
    def images(self) -> np.ndarray:
        """float32 (n, 28, 28): each digit as the network sees it."""
        return np.stack([stages.centred for stages in self.digits])


def _groups(mask: np.ndarray) -> tuple[list[list[int]], np.ndarray]:
    """Pieces merged into digits, as ``[left, right, top, bottom, label...]``, and the piece labels.

    Specks much smaller than the tallest group (a dot, a stray mark) are left out.
    """
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    boxes = ndimage.find_objects(labels)
    pieces = [[box[1].start, box[1].stop, box[0].start, box[0].stop, index + 1]
              for index, box in enumerate(boxes) if box is not None]
    pieces.sort()
    merged: list[list[int]] = []
    for piece in pieces:
        if merged:
            last = merged[-1]
            overlap = min(last[1], piece[1]) - max(last[0], piece[0])
            if overlap >= MERGE_OVERLAP * min(last[1] - last[0], piece[1] - piece[0]):
                merged[-1] = [min(last[0], piece[0]), max(last[1], piece[1]), min(last[2], piece[2]),
                              max(last[3], piece[3]), *last[4:], piece[4]]
                continue
        merged.append(piece)
    tallest = max(group[3] - group[2] for group in merged)
    kept = [group for group in merged if max(group[1] - group[0], group[3] - group[2]) >= 0.3 * tallest]
    return kept, labels


def _cuts(projection: np.ndarray, parts: int) -> list[int]:
    """Columns that split ``projection`` into ``parts``: the least ink near each even boundary."""
    width = len(projection)
    cuts = []
    for index in range(1, parts):
        expected = index * width / parts
        reach = max(1, int(0.3 * width / parts))
        low, high = max(1, int(expected) - reach), min(width - 1, int(expected) + reach + 1)
        cuts.append(low + int(np.argmin(projection[low:high])))
    return cuts


def split_number(image: np.ndarray) -> NumberReading:
    """Find the digits of a number in a drawing or photo, left to right.

    Parameters
    ----------
    image : np.ndarray
        uint8 (H, W), (H, W, 3) or (H, W, 4); any polarity, like :func:`rna_core.digits.to_mnist`.

    Returns
    -------
    NumberReading
        The ink and one set of stages per digit (one digit: exactly ``preprocess(image)``).

    Raises
    ------
    EmptyDrawingError
        If there is no ink.
    LocalizedError
        If the ink is one large filled blob, or holds more than :data:`MAX_DIGITS` digits.
    """
    ink = find_ink(image)
    mask = ink > STROKE_LEVEL
    if not mask.any():
        mask = ink > 0
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    box_area = (rows[-1] - rows[0] + 1) * (cols[-1] - cols[0] + 1)
    framed = np.concatenate([mask[0], mask[-1], mask[:, 0], mask[:, -1]]).mean() > 0.5
    # a blob, or a blob so large that the thin margin around it was taken for the ink
    if (box_area > 0.25 * mask.size and mask.sum() > BLOB_FILL * box_area) or framed:
        raise LocalizedError(
            "The picture is mostly one filled blob of ink, not a digit: draw the digits with lines, "
            "or photograph them on plain paper.", "draw.error_blob")
    groups, labels = _groups(mask)
    height = float(np.median([group[3] - group[2] for group in groups]))
    digits: list[tuple[int, int, int, int, np.ndarray]] = []
    for left, right, _, _, *members in groups:
        own = np.isin(labels, members)
        parts = max(1, int(round((right - left) / (0.75 * height)))) if right - left > TOUCHING_RATIO * height else 1
        edges = [left, *(left + cut for cut in _cuts((ink * own)[:, left:right].sum(axis=0), parts)), right]
        for start, stop in zip(edges[:-1], edges[1:], strict=True):
            piece = np.zeros_like(own)
            piece[:, start:stop] = own[:, start:stop]
            if piece.any():
                rows = np.flatnonzero(piece.any(axis=1))
                digits.append((int(rows[0]), int(rows[-1]) + 1, start, stop, piece))
        if len(digits) > MAX_DIGITS:
            break
    if len(digits) > MAX_DIGITS:
        raise LocalizedError(
            f"There are more than {MAX_DIGITS} separate marks: write at most {MAX_DIGITS} digits, in one row.",
            "draw.error_too_many", limit=MAX_DIGITS)
    if len(digits) == 1:
        return NumberReading(ink, [stages_of(ink)])
    readings = []
    for top, bottom, _left, _right, piece in digits:
        columns = np.flatnonzero(piece.any(axis=0))
        box = (top, bottom, int(columns[0]), int(columns[-1]) + 1)
        readings.append(stages_of(ink, box, digit=np.where(ndimage.binary_dilation(piece, iterations=1), ink, 0.0)))
    return NumberReading(ink, readings)
