"""Numbers are written the session language's way (Spanish: decimal comma, thousands point)."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.i18n import Translator, read_number, t


@pytest.mark.parametrize(
    ("value", "decimals", "english", "spanish"),
    [(60000.5, 1, "60,000.5", "60.000,5"), (0.25, 2, "0.25", "0,25"), (469, 0, "469", "469"), (-1234.0, 0, "-1,234", "-1.234")],
)
def test_numbers_are_written_and_read_back_per_language(value: float, decimals: int, english: str, spanish: str) -> None:
    assert Translator("en").num(value, f",.{decimals}f") == english
    assert Translator("es").num(value, f",.{decimals}f") == spanish
    assert read_number(spanish, "es") == pytest.approx(value)
    assert read_number(english, "en") == pytest.approx(value)


def test_translator_num_follows_a_format_spec() -> None:
    assert Translator("es").num(0.9831, ".2%") == "98,31 %"  # Spanish puts a space before %, as the training page always did
    assert Translator("en").num(0.9831, ".2%") == "98.31%"
    assert Translator("es").num(np.float32(1.5), "g") == "1,5"
    assert read_number("98,31%", "es") == pytest.approx(0.9831)


def test_numeric_placeholders_of_a_spanish_text_use_decimal_commas() -> None:
    assert t("output_layers.range_value", "es", low=0.5, high=np.float64(1234.5)) == "de 0,50 a 1234,50"
    assert t("output_layers.range_value", "en", low=0.5, high=1234.5) == "0.50 to 1234.50"


def test_text_placeholders_are_left_alone_in_spanish() -> None:
    # A string (a model description, a file name) keeps its points; only numbers change.
    text = t("training.parameters", "es", config="adam lr=0.003", params=266610)
    assert "lr=0.003" in text and "266610" in text
