"""A student's own points: drawn by clicking on the plane or uploaded as a small CSV file.

Both end up as the same ``(X, y)`` pair the built-in data sets give, after the same checks:
coordinates inside [-6, 6]², class labels 0, 1 or 2 (classification) or numbers in [-1, 1]
(regression), at most :data:`MAX_CUSTOM_POINTS` points, and enough of them to split into a
training and a test part.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from rna_core.errors import LocalizedError
from rna_core.playground.datasets import DOMAIN

__all__ = ["MAX_CLASSES", "MAX_CSV_BYTES", "MAX_CUSTOM_POINTS", "MIN_CUSTOM_POINTS", "add_point",
           "check_points", "is_regression", "no_points", "parse_csv", "point_from_selection", "usable_points"]

#: Limits of a custom data set.
MIN_CUSTOM_POINTS, MAX_CUSTOM_POINTS = 4, 1000
#: Largest CSV file accepted, in bytes.
MAX_CSV_BYTES = 200_000
#: Classes a drawn or uploaded classification set may use (labels 0 .. MAX_CLASSES - 1).
MAX_CLASSES = 3


def check_points(X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Validate a custom data set and return it as ``(float64 (n, 2), labels)``.

    Labels that are all whole numbers 0, 1 or 2 make a classification set (int64, at least
    two different classes); any other numbers must lie in [-1, 1] and make a regression set
    (float64).

    Raises
    ------
    LocalizedError
        With a sentence saying what is wrong (too few points, a point off the plane...).
    """
    points = np.asarray(X, dtype=np.float64)
    labels = np.asarray(y, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2 or labels.shape != (len(points),):
        raise LocalizedError("Each point needs two coordinates and one label.", "playground.error_shape")
    n = len(points)
    if n < MIN_CUSTOM_POINTS:
        raise LocalizedError(f"Add at least {MIN_CUSTOM_POINTS} points (there are {n}).",
                             "playground.error_few_points", minimum=MIN_CUSTOM_POINTS, count=n)
    if n > MAX_CUSTOM_POINTS:
        raise LocalizedError(f"At most {MAX_CUSTOM_POINTS} points are allowed (there are {n}).",
                             "playground.error_many_points", maximum=MAX_CUSTOM_POINTS, count=n)
    if not (np.all(np.isfinite(points)) and np.all(np.isfinite(labels))):
        raise LocalizedError("Every coordinate and label must be a number.", "playground.error_not_number")
    outside = np.flatnonzero(np.any(np.abs(points) > DOMAIN, axis=1))
    if outside.size:
        raise LocalizedError(f"Point {outside[0] + 1} lies outside the plane: both coordinates go from -6 to 6.",
                             "playground.error_outside", row=int(outside[0]) + 1)
    if np.all(np.isin(labels, np.arange(MAX_CLASSES))):
        if np.unique(labels).size < 2:
            raise LocalizedError("A classification needs points of at least two classes.",
                                 "playground.error_one_class")
        return points, labels.astype(np.int64)
    bad = np.flatnonzero(np.abs(labels) > 1.0)
    if bad.size:
        raise LocalizedError(
            f"Label {labels[bad[0]]:g} (point {bad[0] + 1}) is neither a class 0, 1, 2 nor a number from -1 to 1.",
            "playground.error_label", row=int(bad[0]) + 1, label=float(labels[bad[0]]))
    return points, labels


def usable_points(points: tuple[object, object] | None) -> tuple[np.ndarray, np.ndarray] | None:
    """``points`` as :func:`check_points` returns them, or None if there are none or they fail the checks."""
    if points is None:
        return None
    try:
        return check_points(*points)
    except LocalizedError:
        return None


def no_points() -> tuple[np.ndarray, np.ndarray]:
    """An empty set of points (before the first click): ``(float64 (0, 2), int64 (0,))``."""
    return np.zeros((0, 2)), np.zeros(0, dtype=np.int64)


def is_regression(y: np.ndarray) -> bool:
    """Whether labels ``y`` are numbers to fit (a regression set) rather than classes; False when empty."""
    return y.dtype.kind == "f" and len(y) > 0


def parse_csv(data: bytes | str) -> tuple[np.ndarray, np.ndarray]:
    """Read a CSV of points ``x1, x2, label`` (an optional header line is skipped).

    Parameters
    ----------
    data : bytes or str
        The file's content (UTF-8), commas or semicolons between the columns.

    Returns
    -------
    X, y : numpy.ndarray
        As :func:`check_points` returns them.

    Raises
    ------
    LocalizedError
        A file too large, not text, a row without three numbers, or points that fail
        :func:`check_points`.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_CSV_BYTES:
            raise LocalizedError(f"The file is larger than {MAX_CSV_BYTES // 1000} kB.",
                                 "playground.error_csv_size", kilobytes=MAX_CSV_BYTES // 1000)
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LocalizedError("The file is not a text (CSV) file.", "playground.error_csv_text") from None
    rows = [row for row in csv.reader(io.StringIO(data), delimiter=";" if ";" in data else ",")
            if any(cell.strip() for cell in row)]
    if rows and not _numbers(rows[0]):
        rows = rows[1:]  # a header such as x1,x2,label
    values = []
    for number, row in enumerate(rows, start=1):
        parsed = _numbers(row)
        if parsed is None or len(parsed) != 3:
            raise LocalizedError(f"Row {number} does not hold three numbers x1, x2, label.",
                                 "playground.error_csv_row", row=number)
        values.append(parsed)
    table = np.array(values, dtype=np.float64).reshape(-1, 3)
    return check_points(table[:, :2], table[:, 2])


def _numbers(row: list[str]) -> list[float] | None:
    try:
        return [float(cell) for cell in row]
    except ValueError:
        return None


def add_point(X: np.ndarray, y: np.ndarray, x1: float, x2: float, label: float) -> tuple[np.ndarray, np.ndarray]:
    """A copy of ``(X, y)`` with one more point (a click on the plane).

    Raises
    ------
    LocalizedError
        If the point lies outside the plane, the label is not 0, 1, 2 (or a number in
        [-1, 1]), or the set is full.
    """
    if not (np.isfinite(x1) and np.isfinite(x2)) or max(abs(x1), abs(x2)) > DOMAIN:
        raise LocalizedError("Both coordinates of a point go from -6 to 6.", "playground.error_click_outside")
    if not (label in range(MAX_CLASSES) or -1.0 <= label <= 1.0):
        raise LocalizedError(f"Label {label:g} is neither a class 0, 1, 2 nor a number from -1 to 1.",
                             "playground.error_label", row=len(X) + 1, label=float(label))
    if len(X) >= MAX_CUSTOM_POINTS:
        raise LocalizedError(f"At most {MAX_CUSTOM_POINTS} points are allowed (there are {len(X) + 1}).",
                             "playground.error_many_points", maximum=MAX_CUSTOM_POINTS, count=len(X) + 1)
    return (np.vstack([np.asarray(X, dtype=np.float64).reshape(-1, 2), [[x1, x2]]]),
            np.append(np.asarray(y), label))


def point_from_selection(event: object, name: str = "cell") -> tuple[float, float] | None:
    """The clicked point of a chart's selection event (``{"selection": {name: [{"x1":…, "x2":…}]}}``).

    Returns None when nothing usable was clicked (an empty or malformed selection).
    """
    try:
        chosen = event["selection"][name]  # type: ignore[index]
        if not chosen:
            return None
        x1, x2 = float(chosen[-1]["x1"]), float(chosen[-1]["x2"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return (x1, x2) if np.isfinite(x1) and np.isfinite(x2) else None
