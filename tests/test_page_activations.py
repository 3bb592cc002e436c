"""AppTest of pages/activations.py: every control, both languages, bad input."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import read_number, t
from tests.conftest import ROOT

PAGE = str(ROOT / "pages/activations.py")


def open_page(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    return at


def chart_data(at: AppTest, index: int) -> pd.DataFrame:
    """The data behind the index-th Altair chart of the page."""
    proto = at.get("vega_lite_chart")[index].proto
    (dataset,) = proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_pandas()


def softmax_bars(at: AppTest) -> pd.DataFrame:
    return chart_data(at, len(at.get("vega_lite_chart")) - 1)


def sum_metric(at: AppTest, lang: str) -> float:
    (metric,) = [m for m in at.metric if m.label == t("activations.sum", lang)]
    return read_number(metric.value, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_control_once(lang):
    at = open_page(lang)
    assert at.title[0].value == t("activations.title", lang)
    assert len(at.get("vega_lite_chart")) == 3
    assert softmax_bars(at)["probability"].sum() == pytest.approx(1.0, abs=1e-9)
    assert sum_metric(at, lang) == pytest.approx(1.0, abs=1e-6)
    at.multiselect(key="activations.chosen").set_value(["heaviside", "sign", "leaky_relu", "linear"]).run()
    at.number_input(key="activations.z_min").set_value(-3.0).run()
    at.number_input(key="activations.z_max").set_value(10.0).run()
    at.select_slider(key="activations.alpha").set_value(0.05).run()
    at.text_input(key="activations.logits").set_value("5; 0,5; -2; 1").run()
    at.select_slider(key="activations.temperature").set_value(0.3).run()
    assert not at.exception
    assert not at.error
    bars = softmax_bars(at)
    assert bars["logit"].tolist() == [5.0, 0.5, -2.0, 1.0]
    assert bars["probability"].sum() == pytest.approx(1.0, abs=1e-9)
    assert sum_metric(at, lang) == pytest.approx(1.0, abs=1e-6)
    (zones_expander,) = [expander for expander in at.expander if expander.label == t("activations.zones", lang)]
    zones = zones_expander.markdown[0].value
    assert t("activations.name.heaviside", lang) in zones and t("activations.zone_all", lang) in zones


def test_softmax_temperature_changes_the_bars_not_the_sum():
    at = open_page("en")
    sharp = softmax_bars(at)["probability"]
    at.select_slider(key="activations.temperature").set_value(4.0).run()
    flat = softmax_bars(at)["probability"]
    assert flat.max() < sharp.max() and flat.min() > sharp.min()
    assert flat.sum() == pytest.approx(1.0, abs=1e-9)
    assert [class_name for class_name in softmax_bars(at)["class"]] == ["dog", "cat", "bird", "fish"]


@pytest.mark.parametrize("lang", ["es"])  # English messages: same code path, same keys
def test_bad_input_gives_messages_not_tracebacks(lang):
    at = open_page(lang)
    at.multiselect(key="activations.chosen").set_value([]).run()
    assert at.warning[0].value == t("activations.empty", lang)
    at.multiselect(key="activations.chosen").set_value(["relu"]).run()
    at.number_input(key="activations.z_min").set_value(6.0).run()
    assert at.error[0].value == t("activations.bad_range", lang, low=6.0, high=6.0)
    at.number_input(key="activations.z_min").set_value(-6.0).run()
    at.text_input(key="activations.logits").set_value("dog, cat, 1, 2").run()
    assert at.error[0].value == t("numbers.not_a_number", lang, token="dog")
    at.text_input(key="activations.logits").set_value("1, 2").run()
    assert at.error[0].value == t("numbers.wrong_count", lang, expected=4, got=2)
    assert not at.exception


@pytest.mark.parametrize("lang", ["en", "es"])
def test_formulas_of_the_chosen_activations_and_softmax(lang):
    from rna_core.formulas import ACTIVATION_LATEX, SOFTMAX_LATEX

    at = open_page(lang)
    shown = [latex.value.strip("$\n") for latex in at.latex]
    for key in ("sigmoid", "tanh", "relu"):  # the default choice
        assert ACTIVATION_LATEX[key][0] in shown and ACTIVATION_LATEX[key][1] in shown
    assert ACTIVATION_LATEX["leaky_relu"][0] not in shown
    assert SOFTMAX_LATEX in shown
    at.multiselect(key="activations.chosen").set_value(["leaky_relu"]).run()
    assert ACTIVATION_LATEX["leaky_relu"][1] in [latex.value.strip("$\n") for latex in at.latex]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_leaky_relu_defaults_and_saturation_in_absolute_value(lang):
    help_text = t("activations.alpha_help", lang)
    for default in ("0.2", "0.3", "0.01") if lang == "en" else ("0,2", "0,3", "0,01"):
        assert default in help_text
    assert "keras.layers.LeakyReLU" in help_text and "keras.activations.leaky_relu" in help_text
    assert "|z|" in t("activations.vanishing", lang)


def test_saturation_zones_are_written_the_spanish_way():
    at = open_page("es")
    (zones_expander,) = [expander for expander in at.expander if expander.label == t("activations.zones", "es")]
    zones = zones_expander.markdown[0].value
    sigmoid_line = next(line for line in zones.splitlines() if t("activations.name.sigmoid", "es") in line)
    assert sigmoid_line.split(": ", 1)[1].startswith("[-6,00; -2,")  # decimal commas, a semicolon between the ends
