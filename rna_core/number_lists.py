"""Turn a list of numbers typed by a student ("2, 1.5, -0,3") into a NumPy array."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

__all__ = ["NumberListError", "explain", "parse_numbers"]



class NumberListError(ValueError):
    """A typed list of numbers could not be read.

    Attributes
    ----------
    kind : str
        ``"not_a_number"``, ``"count"`` (too few or too many; also none at all) or
        ``"range"`` (a value out of bounds).
    token : str or None
        The piece of text that is not a number.
    got : int or None
        How many numbers were read (for ``"count"``).
    expected : int or None
        How many numbers were expected (``None`` if any count is fine).
    """

    def __init__(
        self, message: str, kind: str, token: str | None = None, got: int | None = None, expected: int | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.token = token
        self.got = got
        self.expected = expected


def _split(text: str) -> list[str]:
    """Split on semicolons, whitespace and (unless they are decimal commas) commas.

    Commas are decimal commas when there is no decimal point and either semicolons
    separate the numbers ("0,5; 1,25") or each space-separated number has at most one
    comma ("0,5 0,25"). Otherwise ("0.5,1.5", "1, 2", "1,2,3") they separate numbers.
    """
    stripped = text.strip()
    pieces = [piece for piece in re.split(r"[;\s]+", stripped) if piece]
    decimal_commas = "." not in stripped and (
        ";" in stripped
        or (", " not in stripped and all(re.fullmatch(r"[-+]?\d+(,\d+)?", piece) for piece in pieces))
    )
    pattern = r"[;\s]+" if decimal_commas else r"[;,\s]+"
    return [part for part in re.split(pattern, stripped) if part]


def parse_numbers(text: str, count: int | None = None, *, low: float | None = None, high: float | None = None) -> np.ndarray:
    """Read a list of numbers separated by commas, semicolons or spaces.

    Decimal points and Spanish decimal commas are both accepted: ``"0.5; 0,25"``
    gives ``[0.5, 0.25]``.

    Parameters
    ----------
    text : str
        What the student typed.
    count : int, optional
        Required number of values.
    low, high : float, optional
        Inclusive bounds every value must respect.

    Returns
    -------
    numpy.ndarray
        float64 values.

    Raises
    ------
    NumberListError
        (A ``ValueError``.) Empty text, a piece that is not a number, the wrong
        count, or a value out of bounds.
    """
    if not isinstance(text, str):
        raise NumberListError("Type numbers separated by commas.", "count", got=0, expected=count)
    values = []
    for token in _split(text):
        try:
            value = float(token.replace(",", "."))
        except ValueError:
            raise NumberListError(f"{token!r} is not a number.", "not_a_number", token=token, expected=count) from None
        if not np.isfinite(value):
            raise NumberListError(
                f"{token!r} is not a finite number.", "not_a_number", token=token, expected=count
            )
        values.append(value)
    if not values:
        raise NumberListError("Type at least one number.", "count", got=0, expected=count)
    if count is not None and len(values) != count:
        raise NumberListError(
            f"Type exactly {count} numbers (got {len(values)}).", "count", got=len(values), expected=count
        )
    array = np.array(values, dtype=np.float64)
    if (low is not None and np.any(array < low)) or (high is not None and np.any(array > high)):
        raise NumberListError(f"Every number must be between {low:g} and {high:g}.", "range", expected=count)
    return array


def explain(error: NumberListError, tr: Callable[..., str]) -> str:
    """Say in the student's language what is wrong with a typed list (keys ``numbers.*``).

    Parameters
    ----------
    error : NumberListError
        The error :func:`parse_numbers` raised.
    tr : callable
        A :class:`rna_core.i18n.Translator`.
    """
    if error.kind == "not_a_number":
        return tr("numbers.not_a_number", token=error.token)
    if error.kind == "range":
        return tr("numbers.out_of_range")
    if error.expected is not None:
        return tr("numbers.wrong_count", expected=error.expected, got=error.got)
    return tr("numbers.empty")
