"""AppTest of pages/output_layers.py: every task and control, both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import read_number, t
from rna_core.output_layers import OUTPUT_LAYERS, TASKS, keras_code
from tests.conftest import ROOT

PAGE = str(ROOT / "pages/output_layers.py")


def metric(at: AppTest, key: str, lang: str, which: int = 0, **values) -> str:
    """Value of the metric labelled ``key`` (``which``: 0 the first such metric, -1 the last)."""
    found = [m for m in at.metric if m.label == t(key, lang, **values)]
    return found[which].value


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_task_and_control(lang):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == t("output_layers.title", lang)
    for task in TASKS:
        at.radio(key="output_layers.task").set_value(task).run()
        assert not at.exception
        layer = OUTPUT_LAYERS[task]
        assert at.code[0].value == keras_code(task)
        assert metric(at, "output_layers.activation", lang) == t(f"output_layers.act.{layer.activation}", lang)
        for index in range(layer.units):
            at.select_slider(key=f"output_layers.z.{task}.{index}").set_value(1.0).run()
        if task == "multiclass":
            assert read_number(metric(at, "output_layers.output_sum", lang), lang) == pytest.approx(1.0)
        if task == "bounded_regression":
            at.select_slider(key="output_layers.z.bounded_regression.0").set_value(-5.0).run()
            assert read_number(metric(at, "output_layers.loss_value", lang), lang) == pytest.approx(16.0)
    at.select_slider(key="output_layers.double_scale").set_value(10.0).run()
    assert read_number(metric(at, "output_layers.right_loss", lang), lang) < 1e-4
    assert read_number(metric(at, "output_layers.wrong_loss", lang), lang) > 0.7
    at.select_slider(key="output_layers.sigmoid_scale").set_value(3.0).run()
    assert read_number(metric(at, "output_layers.output_sum", lang, which=-1), lang) > 1.5
    at.select_slider(key="output_layers.divisor").set_value(255.0).run()
    assert metric(at, "output_layers.accuracy_new", lang, divisor=255.0) == metric(at, "output_layers.accuracy_right", lang)
    at.select_slider(key="output_layers.divisor").set_value(32.0).run()
    assert int(metric(at, "output_layers.accuracy_new", lang, divisor=32.0).rstrip("%")) < 60
    assert not at.exception and not at.error


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("divisor", [32.0, 255.0, 512.0])
def test_normalisation_sentence_matches_the_direction(lang, divisor):
    """Old text: '44 % land on the 0 side, so it is right only 98 %' at ÷255, '0 % … only 56 %' at ÷512."""
    from rna_core.output_layers import normalisation_mismatch

    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.select_slider(key="output_layers.divisor").set_value(divisor).run()
    result = normalisation_mismatch(divisor)
    expected = t(
        f"output_layers.scale_result.{result.effect}", lang, threshold=result.threshold,
        scaled=result.threshold / 255, divisor=divisor, high=result.wrong_range[1],
        share_zero=result.wrong_share_zero, share_one=1 - result.wrong_share_zero,
        right=result.right_accuracy, accuracy=result.wrong_accuracy,
    )
    captions = [caption.value for caption in at.caption]
    assert expected in captions
    side = "“1”" if lang == "en" else "«1»"
    if divisor != 255:
        assert (side in expected.split(":")[-1]) == (divisor > 255)


def test_rain_is_in_millimetres_in_both_languages():
    for key in ("output_layers.why.bounded_regression", "output_layers.example.bounded_regression"):
        assert "millimetres" in t(key, "en") and "milímetros" in t(key, "es")
        assert "litros" not in t(key, "es")
