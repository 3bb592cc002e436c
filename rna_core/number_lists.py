"""Lists of numbers a student types ("2, 1.5, -0,3"): read into a NumPy array, and written back."""

from __future__ import annotations

import re

import numpy as np

from rna_core.errors import LocalizedError

__all__ = ["NumberListError", "format_numbers", "parse_numbers"]



class NumberListError(LocalizedError):
    """A typed list of numbers could not be read.

    ``key`` is ``numbers.not_a_number`` (value ``token``), ``numbers.wrong_count``
    (``expected``, ``got``), ``numbers.empty`` or ``numbers.out_of_range``.
    """


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
        raise _count_error("Type numbers separated by commas.", 0, count)
    values = []
    for token in _split(text):
        try:
            value = float(token.replace(",", "."))
        except ValueError:
            raise NumberListError(f"{token!r} is not a number.", "numbers.not_a_number", token=token) from None
        if not np.isfinite(value):
            raise NumberListError(
                f"{token!r} is not a finite number.", "numbers.not_a_number", token=token
            )
        values.append(value)
    if not values:
        raise _count_error("Type at least one number.", 0, count)
    if count is not None and len(values) != count:
        raise _count_error(f"Type exactly {count} numbers (got {len(values)}).", len(values), count)
    array = np.array(values, dtype=np.float64)
    if (low is not None and np.any(array < low)) or (high is not None and np.any(array > high)):
        raise NumberListError(f"Every number must be between {low:g} and {high:g}.", "numbers.out_of_range")
    return array


def format_numbers(values: object, lang: str) -> str:
    """Write numbers as a student of ``lang`` types them, so that :func:`parse_numbers` reads them back.

    English: ``"0.5, -1.25"``; Spanish (decimal commas): ``"0,5; -1,25"``.

    Parameters
    ----------
    values : array_like
        The numbers (any shape; flattened).
    lang : str
        Language code.
    """
    flat = [format(float(value), "g") for value in np.ravel(np.asarray(values, dtype=float))]
    if lang == "es":
        return "; ".join(text.replace(".", ",") for text in flat)
    return ", ".join(flat)


def _count_error(message: str, got: int, expected: int | None) -> NumberListError:
    if expected is None:
        return NumberListError(message, "numbers.empty")
    return NumberListError(message, "numbers.wrong_count", expected=expected, got=got)
