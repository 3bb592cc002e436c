"""Whole numbers: split a drawing or photo of several digits in a row ("2026") into digits.

The ink (:func:`rna_core.digits.preprocess.find_ink`) falls into connected pieces. A digit
can be several pieces (the bar of a 5 drawn apart, a 4 in two strokes) and two digits can
touch, so the pieces are

1. grouped when they overlap left-to-right by most of the narrower one (one digit);
2. split when a group is much wider than the number's digits are tall (touching digits),
   at the column with the least ink near each expected boundary;
3. read left to right, each through the same crop / fit / centre recipe as a single digit.

Given a classifier (``read``), step 2 is *recognition-based*: the least ink is a poor guide
where slanted digits overlap, so several part counts and several cuts near each boundary
(upright and slanted) are tried, and the split whose pieces the classifier reads most
confidently wins. All candidate pieces of a picture go to the classifier in one batch.

One digit goes through exactly the single-digit path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from rna_core.digits.preprocess import Stages, centre_by_mass, find_ink, fit_into_box, stages_of
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
#: With ``read``: cuts tried near each expected boundary between touching digits.
CUTS_PER_BOUNDARY = 4
#: With ``read``: slants of the cuts (columns moved per row, up = right), upright first.
#: Slanted handwriting overlaps along its slant, where no upright column is free of ink.
SLANTS = (0.0, 0.2, -0.2)
#: With ``read``: a piece's confidence is the log-odds of its top class against the runner-up,
#: capped here: the network is sure of nearly anything digit-like (half a 7 reads "7" at 99.9 %),
#: so the top probability alone cannot tell the right split; how far ahead it is can.
CONFIDENCE_CAP = 20.0
#: With ``read``: confidence lost per part away from the width's guess (widths still say a lot:
#: a split into one more part needs its pieces to read clearly better).
COUNT_PRIOR = 1.0

#: A classifier: float32 (n, 28, 28) images to (n, 10) class probabilities.
Reader = Callable[[np.ndarray], np.ndarray]


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


#: A cut between touching digits: ``(slant index, column along that slant)``; ``None`` is the edge.
Cut = tuple[int, int] | None


def _sheared_columns(shape: tuple[int, int]) -> list[np.ndarray]:
    """For each of :data:`SLANTS`, every pixel's column measured along cuts of that slant.

    A cut of slant ``s`` through column ``c`` of the middle row keeps ``c + s * (row - middle)``
    constant, so "right of the cut" is one comparison on this array.
    """
    rows, cols = np.indices(shape)
    middle = (shape[0] - 1) / 2
    return [np.floor(cols + slant * (rows - middle)).astype(np.intp) for slant in SLANTS]


def _boundary_cuts(ink: np.ndarray, sheared: list[np.ndarray], parts: int, span: tuple[int, int]) -> list[list[Cut]]:
    """Up to :data:`CUTS_PER_BOUNDARY` cuts through little ink near each of the ``parts - 1`` boundaries.

    ``span`` is ``(first, stop)``, the columns of the group's ink; the boundaries are expected
    evenly spaced across it.
    """
    first, stop = span
    shift = int(np.ceil(max(abs(slant) for slant in SLANTS) * ink.shape[0])) + 1
    profiles = [np.bincount((columns + shift).ravel(), weights=ink.ravel(), minlength=ink.shape[1] + 2 * shift)
                for columns in sheared]
    reach = max(1, int(0.3 * (stop - first) / parts))
    spacing = max(2, reach // 3)  # neighbouring columns make the same cut: keep different ones
    boundaries = []
    for index in range(1, parts):
        expected = first + int(index * (stop - first) / parts)
        window = range(max(first + 1, expected - reach), min(stop - 1, expected + reach + 1))
        # least ink first; on a tie the upright cut (slant 0 comes first)
        ranked = sorted((profile[column + shift], slant, column)
                        for slant, profile in enumerate(profiles) for column in window)
        chosen: list[Cut] = []
        for _, slant, column in ranked:
            if all(other[0] != slant or abs(other[1] - column) >= spacing for other in chosen):
                chosen.append((slant, column))
                if len(chosen) == CUTS_PER_BOUNDARY:
                    break
        boundaries.append(chosen)
    return boundaries


def _piece(own: np.ndarray, sheared: list[np.ndarray], first: Cut, second: Cut) -> np.ndarray:
    """The ink of ``own`` right of cut ``first`` and left of cut ``second``."""
    piece = own.copy()
    if first is not None:
        piece &= sheared[first[0]] >= first[1]
    if second is not None:
        piece &= sheared[second[0]] < second[1]
    return piece


def _digit_stages(ink: np.ndarray, piece: np.ndarray) -> Stages:
    """One digit of a number: crop / fit / centre of the ink under ``piece`` (and its edge)."""
    rows, columns = np.flatnonzero(piece.any(axis=1)), np.flatnonzero(piece.any(axis=0))
    box = (int(rows[0]), int(rows[-1]) + 1, int(columns[0]), int(columns[-1]) + 1)
    return stages_of(ink, box, digit=np.where(ndimage.binary_dilation(piece, iterations=1), ink, 0.0))


def _centred(ink: np.ndarray, piece: np.ndarray) -> np.ndarray:
    """``_digit_stages(ink, piece).centred``, without the stages kept for display (candidates)."""
    rows, columns = np.flatnonzero(piece.any(axis=1)), np.flatnonzero(piece.any(axis=0))
    digit = np.where(ndimage.binary_dilation(piece, iterations=1), ink, 0.0)
    return centre_by_mass(fit_into_box(digit[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1]))


class _Touching:
    """Candidate splits of one group of touching digits, to be scored by a classifier.

    Works in the group's crop (one pixel of margin, so that the dilation at a piece's edge
    matches the final reading): for each part count, a lattice of cuts (the group's left edge,
    the candidates near each boundary, its right edge); a piece lies between two cuts of
    neighbouring layers. Pieces are collected in ``images`` for one batched read.
    """

    def __init__(self, ink: np.ndarray, own: np.ndarray, expected: float, images: list[np.ndarray]) -> None:
        self.expected = expected
        guess = max(1, int(round(expected)))
        # the width's guess is often one off (narrow 1s, wide 0s, tight writing): let the reading decide
        counts = range(max(1, guess - 1), min(guess + 1, MAX_DIGITS) + 1)
        rows, columns = np.flatnonzero(own.any(axis=1)), np.flatnonzero(own.any(axis=0))
        self.top, self.left = max(0, rows[0] - 1), max(0, columns[0] - 1)
        window = (slice(self.top, rows[-1] + 2), slice(self.left, columns[-1] + 2))
        self.shape, self.ink, self.own = ink.shape, ink[window], own[window]
        sheared = _sheared_columns(self.own.shape)
        span = (columns[0] - self.left, columns[-1] + 1 - self.left)
        self.lattices: list[list[list[Cut]]] = []
        self.pieces: dict[tuple[int, int, Cut, Cut], tuple[int, np.ndarray] | None] = {}
        for parts in counts:
            lattice = [[None], *_boundary_cuts(self.ink * self.own, sheared, parts, span), [None]]
            self.lattices.append(lattice)
            for layer, (firsts, seconds) in enumerate(zip(lattice[:-1], lattice[1:], strict=False)):
                for first in firsts:
                    for second in seconds:
                        piece = _piece(self.own, sheared, first, second)
                        # a sliver (less than 2 % of the group's ink) is no digit
                        kept = piece.sum() >= 0.02 * self.own.sum()
                        self.pieces[(parts, layer, first, second)] = (len(images), piece) if kept else None
                        if kept:
                            images.append(_centred(self.ink, piece))

    def best(self, confidence: np.ndarray) -> list[np.ndarray]:
        """The pieces (full-size masks) of the split read most confidently.

        ``confidence`` holds each candidate image's confidence (:data:`CONFIDENCE_CAP`). A split's
        score is its pieces' mean confidence, less :data:`COUNT_PRIOR` per part away from the
        width's guess ``expected``; for a
        given part count, the best cuts come from one pass along the lattice (the mean is
        then the sum over a fixed count).
        """
        best_score, best_pieces = -np.inf, []
        for lattice in self.lattices:
            parts = len(lattice) - 1
            # best total confidence (and its pieces) reaching each cut of the current layer
            reached: dict[Cut, tuple[float, list[np.ndarray]]] = {None: (0.0, [])}
            for layer in range(parts):
                following: dict[Cut, tuple[float, list[np.ndarray]]] = {}
                for second in lattice[layer + 1]:
                    for first, (total, chosen) in reached.items():
                        found = self.pieces[(parts, layer, first, second)]
                        if found is None:
                            continue
                        score = total + confidence[found[0]]
                        if second not in following or score > following[second][0]:
                            following[second] = (score, [*chosen, found[1]])
                reached = following
            score = reached[None][0] / parts - COUNT_PRIOR * abs(parts - self.expected) if None in reached else -np.inf
            if score > best_score:
                best_score, best_pieces = score, reached[None][1]
        full = []
        for piece in best_pieces or [self.own]:  # no split left ink in every piece: keep the group whole
            mask = np.zeros(self.shape, dtype=bool)
            mask[self.top:self.top + piece.shape[0], self.left:self.left + piece.shape[1]] = piece
            full.append(mask)
        return full


def split_number(image: np.ndarray, *, read: Reader | None = None) -> NumberReading:
    """Find the digits of a number in a drawing or photo, left to right.

    Parameters
    ----------
    image : np.ndarray
        uint8 (H, W), (H, W, 3) or (H, W, 4); any polarity, like :func:`rna_core.digits.to_mnist`.
    read : callable, optional
        A classifier, float32 (n, 28, 28) images to (n, 10) probabilities (for instance
        ``lambda images: predict_proba(network, images)``). Given, touching digits are split
        where the pieces read most confidently (called at most once, on one batch); without
        it, at the least ink near evenly spaced boundaries.

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
    plan: list[list[np.ndarray] | _Touching] = []  # per group: its pieces, or the splits to choose from
    images: list[np.ndarray] = []  # every candidate piece of every touching group: one batch for ``read``
    count = 0
    for left, right, _, _, *members in groups:
        own = np.isin(labels, members)
        parts = max(1, int(round((right - left) / (0.75 * height)))) if right - left > TOUCHING_RATIO * height else 1
        if read is not None and right - left > TOUCHING_RATIO * height:
            plan.append(_Touching(ink, own, (right - left) / (0.75 * height), images))
            count += parts
        else:
            edges = [left, *(left + cut for cut in _cuts((ink * own)[:, left:right].sum(axis=0), parts)), right]
            pieces = []
            for start, stop in zip(edges[:-1], edges[1:], strict=True):
                piece = np.zeros_like(own)
                piece[:, start:stop] = own[:, start:stop]
                if piece.any():
                    pieces.append(piece)
            plan.append(pieces)
            count += len(pieces)
        if count > MAX_DIGITS:
            raise _too_many()
    if images:
        ranked = np.log(np.clip(np.sort(np.asarray(read(np.stack(images)), dtype=np.float64), axis=1), 1e-300, None))
        confidence = np.minimum(ranked[:, -1] - ranked[:, -2], CONFIDENCE_CAP)
    pieces = [piece for entry in plan for piece in (entry.best(confidence) if isinstance(entry, _Touching) else entry)]
    if len(pieces) > MAX_DIGITS:
        raise _too_many()
    if len(pieces) == 1:
        return NumberReading(ink, [stages_of(ink)])
    return NumberReading(ink, [_digit_stages(ink, piece) for piece in pieces])


def _too_many() -> LocalizedError:
    return LocalizedError(
        f"There are more than {MAX_DIGITS} separate marks: write at most {MAX_DIGITS} digits, in one row.",
        "draw.error_too_many", limit=MAX_DIGITS)
