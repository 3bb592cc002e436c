"""AppTest of pages/costs.py: every control, both languages, divergence, bad input."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import read_number, t
from tests.conftest import ROOT

PAGE = str(ROOT / "pages/costs.py")


def open_page(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    return at


def metric(at: AppTest, key: str, lang: str) -> float:
    (found,) = [m for m in at.metric if m.label == t(key, lang)]
    return read_number(found.value, lang)


def chart_frames(at: AppTest, index: int) -> list[pd.DataFrame]:
    """The data sets behind the index-th Altair chart of the page."""
    datasets = at.get("vega_lite_chart")[index].proto.datasets
    return [pa.ipc.open_stream(dataset.data.data).read_pandas() for dataset in datasets]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_control_once(lang):
    at = open_page(lang)
    assert at.title[0].value == t("costs.title", lang)
    # -(log 0.9 + log 0.8 + log 0.6 + log 0.99 + log 0.55) / 5, computed by hand
    assert metric(at, "costs.mean_cost", lang) == pytest.approx(0.2894, abs=1e-4)
    at.select_slider(key="costs.y_hat").set_value(0.0).run()  # a certain "no": finite costs
    assert metric(at, "costs.cost_if_0", lang) == 0.0
    assert 30 < metric(at, "costs.cost_if_1", lang) < 40
    at.text_input(key="costs.labels").set_value("1, 1, 0").run()
    at.text_input(key="costs.predictions").set_value("0,8; 1; 0").run()
    assert metric(at, "costs.mean_cost", lang) == pytest.approx(-1 / 3 * __import__("math").log(0.8), abs=1e-4)
    at.text_input(key="costs.logits").set_value("0, 3, 0, 0").run()
    at.selectbox(key="costs.true_class").set_value(1).run()
    assert metric(at, "costs.cce_value", lang) < 0.2
    at.select_slider(key="costs.slope").set_value(1.0).run()
    at.select_slider(key="costs.intercept").set_value(1.0).run()
    at.selectbox(key="costs.curve").set_value("non_convex").run()
    at.select_slider(key="costs.learning_rate").set_value(0.05).run()
    at.select_slider(key="costs.start.non_convex").set_value(-2.0).run()
    at.slider(key="costs.steps").set_value(100).run()
    assert not at.exception and not at.error
    assert at.success and at.info[-1].value == t("costs.status.global", lang)


def test_mse_metric_is_the_mean_of_the_squared_residuals():
    at = open_page("en")
    at.select_slider(key="costs.slope").set_value(0.0).run()
    at.select_slider(key="costs.intercept").set_value(5.0).run()
    (points,) = [frame for frame in chart_frames(at, 3) if "residual" in frame]
    residuals = points["residual"]
    assert len(residuals) == 10
    assert metric(at, "costs.mse_value", "en") == pytest.approx((residuals**2).mean(), abs=1e-3)


@pytest.mark.parametrize("lang", ["es"])  # both languages: tests/test_browser_foundations.py
def test_learning_rate_messages(lang):
    at = open_page(lang)
    at.select_slider(key="costs.learning_rate").set_value(1.5).run()
    assert at.error[0].value.startswith(t("costs.status.diverged", lang, w=0).split("(")[0])
    at.select_slider(key="costs.learning_rate").set_value(0.001).run()
    assert at.warning[0].value.startswith(t("costs.status.slow", lang, w=0, steps=30).split(":")[0])
    at.select_slider(key="costs.learning_rate").set_value(1.0).run()
    assert at.warning[0].value == t("costs.status.oscillating", lang)
    at.selectbox(key="costs.curve").set_value("non_convex").run()
    at.select_slider(key="costs.learning_rate").set_value(0.1).run()
    assert at.warning[0].value == t("costs.status.local", lang)  # the default start is in the shallow valley


@pytest.mark.parametrize("lang", ["es"])  # English messages: same code path, same keys
def test_bad_input_gives_messages_not_tracebacks(lang):
    at = open_page(lang)
    at.text_input(key="costs.labels").set_value("1, 0, 2").run()
    assert at.error[0].value == t("costs.bad_labels", lang)
    at.text_input(key="costs.labels").set_value("1, 0").run()
    assert at.error[0].value == t("costs.mismatch", lang, labels=2, predictions=5)
    at.text_input(key="costs.predictions").set_value("0.5, 1.5").run()
    assert at.error[0].value == t("numbers.out_of_range", lang)
    at.text_input(key="costs.logits").set_value("high, low, 0, 1").run()
    assert at.error[-1].value == t("numbers.not_a_number", lang, token="high")
    assert not at.exception


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_start_on_the_hilltop_is_not_called_a_minimum(lang):
    """Non-convex curve, w0 = 0.15: J'(w) is almost 0 on the hilltop between the valleys."""
    at = open_page(lang)
    at.selectbox(key="costs.curve").set_value("non_convex").run()
    at.select_slider(key="costs.learning_rate").set_value(0.1).run()
    at.select_slider(key="costs.start.non_convex").set_value(0.15).run()
    assert not at.exception
    shown = [element.value for element in (*at.success, *at.info, *at.warning)]
    assert t("costs.status.local", lang) not in shown and t("costs.status.global", lang) not in shown
    assert not at.success  # "reached a minimum" would be a success message
    assert t("costs.start_on.maximum", lang, w=0.15) in shown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_formulas_on_screen(lang):
    at = open_page(lang)
    formulas = " ".join(latex.value for latex in at.latex)
    assert "J'(w_k)" in formulas  # the gradient-descent update
    assert r"\mathrm{MSE}" in formulas


def test_sliders_write_spanish_decimals():
    at = open_page("es")
    assert "0,70" in at.select_slider(key="costs.y_hat").options
    assert "0,05" in at.select_slider(key="costs.learning_rate").options
    assert not any("." in option for option in at.select_slider(key="costs.slope").options)
    at = open_page("en")
    assert "0.70" in at.select_slider(key="costs.y_hat").options
