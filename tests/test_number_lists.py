"""rna_core.number_lists: lists of numbers typed by students, in English or Spanish style."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.i18n import Translator
from rna_core.number_lists import NumberListError, parse_numbers
from rna_ui.shell import error_text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2, 1, 0.1, -1", [2, 1, 0.1, -1]),
        ("2; 1,5; 0,1; -1", [2, 1.5, 0.1, -1]),
        ("1,2,3,4", [1, 2, 3, 4]),
        ("0,5", [0.5]),
        ("0,5 0,25", [0.5, 0.25]),
        ("0.9,0.2,0.3", [0.9, 0.2, 0.3]),
        ("  3   -2 ", [3, -2]),
        ("1e-3, 2", [0.001, 2]),
    ],
)
def test_parses_both_decimal_styles(text, expected):
    assert parse_numbers(text).tolist() == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, kwargs, kind, message_key",
    [
        ("dog, 1", {}, "not_a_number", "numbers.not_a_number"),
        ("1, inf", {}, "not_a_number", "numbers.not_a_number"),
        ("", {}, "count", "numbers.empty"),
        ("1, 2", {"count": 4}, "count", "numbers.wrong_count"),
        ("0.5, 1.5", {"low": 0.0, "high": 1.0}, "range", "numbers.out_of_range"),
    ],
)
def test_errors_are_explained_in_both_languages(text, kwargs, kind, message_key):
    with pytest.raises(NumberListError) as caught:
        parse_numbers(text, **kwargs)
    error = caught.value
    assert isinstance(error, ValueError) and error.key == message_key
    for lang in ("en", "es"):
        assert error_text(error, lang) == Translator(lang)(message_key, **error.values)
    if kind == "not_a_number":
        assert caught.value.values["token"] == text.split(",")[0 if text.startswith("dog") else 1].strip()


@pytest.mark.parametrize(("lang", "text"), [("en", "0.5, -1.25, 3, 1e-06"), ("es", "0,5; -1,25; 3; 1e-06")])
def test_numbers_are_written_the_way_a_student_of_the_language_types_them(lang: str, text: str) -> None:
    from rna_core.number_lists import format_numbers

    values = np.array([0.5, -1.25, 3.0, 1e-6])
    assert format_numbers(values, lang) == text
    np.testing.assert_array_equal(parse_numbers(format_numbers(values, lang)), values)  # read back as written
    assert parse_numbers(format_numbers([0.75], lang)).tolist() == [0.75]  # one number alone
