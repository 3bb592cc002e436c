"""AppTest of pages/backprop.py: the three steps, the replay, bad input, the depth section, both languages."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rna_core.backprop import Network, backward, forward, train_steps
from rna_core.backprop.network import DEFAULT_BIASES, DEFAULT_INPUTS, DEFAULT_TARGET, DEFAULT_WEIGHTS
from rna_core.i18n import read_number, t
from tests.conftest import ROOT

PAGE = str(ROOT / "pages/backprop.py")
X, Y = np.array([DEFAULT_INPUTS]), np.array([[DEFAULT_TARGET]])


def open_page(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    return at


def step(at: AppTest, stage: str) -> None:
    at.button(key=f"backprop.{stage}").click().run()
    assert not at.exception


def metric(at: AppTest, key: str, lang: str) -> float:
    (found,) = [m for m in at.metric if m.label == t(key, lang)]
    return read_number(found.value, lang)


def table_column(at: AppTest, key: str, lang: str) -> np.ndarray:
    frame = at.dataframe[0].value
    return np.array([read_number(text, lang) for text in frame[t(f"backprop.col.{key}", lang)]])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_forward_backward_update_show_the_trace(lang):
    at = open_page(lang)
    assert at.title[0].value == t("backprop.title", lang)
    assert at.button(key="backprop.backward").disabled and not at.button(key="backprop.forward").disabled
    assert not at.latex and not at.metric
    network = Network(DEFAULT_WEIGHTS, DEFAULT_BIASES)
    expected = train_steps(network, X, Y, 0.5, 1)[0]

    step(at, "forward")
    assert metric(at, "backprop.loss_before", lang) == pytest.approx(expected.forward.loss, abs=1e-4)
    assert len(at.latex) == 1 and r"\sigma(0.9)" in at.latex[0].value  # z of h1 = 0.5 + 0.3 + 0.1
    assert at.button(key="backprop.forward").disabled and not at.button(key="backprop.backward").disabled

    step(at, "backward")
    gradients = np.concatenate([g.ravel() for pair in zip(expected.backward.weight_gradients,
                                                          expected.backward.bias_gradients, strict=True) for g in pair])
    shown = table_column(at, "backprop", lang)
    np.testing.assert_allclose(np.sort(shown), np.sort(gradients), atol=1e-6)
    np.testing.assert_allclose(table_column(at, "finite_difference", lang), shown, atol=1e-6)
    assert at.success[0].value.startswith(t("backprop.check_ok", lang, difference=0.0).split(" ")[0])

    step(at, "update")
    before, after = metric(at, "backprop.loss_before", lang), metric(at, "backprop.loss_after", lang)
    assert after == pytest.approx(expected.loss_after, abs=1e-4) and after < before
    assert not at.error


def test_replay_goes_back_and_a_second_step_starts_from_the_new_weights():
    at = open_page("en")
    for stage in ("forward", "backward", "update", "forward"):
        step(at, stage)
    traces = train_steps(Network(DEFAULT_WEIGHTS, DEFAULT_BIASES), X, Y, 0.5, 2)
    assert metric(at, "backprop.loss_before", "en") == pytest.approx(traces[1].forward.loss, abs=1e-4)
    at.slider(key="backprop.position").set_value(1).run()  # back to step 1's forward pass
    assert metric(at, "backprop.loss_before", "en") == pytest.approx(traces[0].forward.loss, abs=1e-4)
    assert at.caption[0].value == t("backprop.position", "en", step=1, stage=t("backprop.stage.forward", "en"))
    at.button(key="backprop.reset").click().run()
    assert not at.metric and not at.button(key="backprop.forward").disabled


def test_changing_a_number_starts_again():
    at = open_page("en")
    step(at, "forward")
    at.text_input(key="backprop.target").set_value("1").run()
    assert not at.metric and not at.button(key="backprop.forward").disabled


@pytest.mark.parametrize("lang", ["en", "es"])
def test_bad_numbers_get_a_translated_message(lang):
    at = open_page(lang)
    at.text_input(key="backprop.w1").set_value("0.5, abc, 0.3, 0.8").run()
    assert not at.exception
    assert at.error[0].value == t("backprop.error_number.weights", lang, layer=1, token="abc")
    at.text_input(key="backprop.w1").set_value("0.5, -0.4, 0.3, 0.8").run()
    at.text_input(key="backprop.target").set_value("2").run()
    assert at.error[0].value == t("backprop.error_target", lang, value=2.0, low=0.0, high=1.0)
    assert not at.button  # nothing to step through until the numbers are fixed
    at.selectbox(key="backprop.pair").set_value("linear_mse").run()
    assert not at.error  # a linear output can reach 2
    step(at, "forward")
    step(at, "backward")
    assert len(at.latex) == 2  # forward and backward; the sigmoid-only δ comparison has no numbers here


@pytest.mark.parametrize("hidden", ["tanh", "relu", "leaky_relu", "linear"])
def test_every_choice_steps_through(hidden):
    at = open_page("en")
    at.selectbox(key="backprop.hidden").set_value(hidden).run()
    at.selectbox(key="backprop.pair").set_value("sigmoid_mse").run()
    for stage in ("forward", "backward", "update"):
        step(at, stage)
    network = Network(DEFAULT_WEIGHTS, DEFAULT_BIASES, hidden, "sigmoid", "mean_squared_error")
    passed = forward(network, X, Y)
    output_delta = backward(network, passed, Y).deltas[-1][0, 0]
    assert f"{output_delta:.4g}" in at.latex[1].value  # the output δ, with σ' as a factor
    assert metric(at, "backprop.loss_after", "en") < metric(at, "backprop.loss_before", "en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_depth_section_names_the_flow(lang):
    at = open_page(lang)
    assert at.success[0].value == t("backprop.flow.healthy", lang)  # ReLU + He by default
    at.selectbox(key="backprop.depth_activation").set_value("sigmoid").run()
    at.selectbox(key="backprop.init").set_value("glorot").run()
    assert at.warning[0].value == t("backprop.flow.vanishing", lang)
    at.selectbox(key="backprop.init").set_value("zeros").run()
    assert any(w.value == t("backprop.symmetric", lang, steps=10, distinct=1, width=32) for w in at.warning)
    at.selectbox(key="backprop.depth_activation").set_value("relu").run()
    at.selectbox(key="backprop.init").set_value("large").run()
    at.slider(key="backprop.depth").set_value(10).run()
    assert at.error[0].value == t("backprop.flow.exploding", lang)
    assert not at.exception


@pytest.mark.parametrize("lang", ["en", "es"])
def test_training_notes_link_here_where_they_mention_gradients(lang):
    text = t("training.why_text", lang)
    word = "gradients" if lang == "en" else "gradientes"
    assert f"[{word}](/backprop?lang={lang})" in text


@pytest.mark.parametrize("units", [1, 3, 4])
def test_other_hidden_layer_sizes(units):
    from rna_core.backprop.network import default_parameters

    at = open_page("en")
    at.selectbox(key="backprop.hidden_units").set_value(units).run()
    for stage in ("forward", "backward"):
        step(at, stage)
    assert len(at.dataframe[0].value) == 2 * units + units + units + 1  # W1, b1, W2, b2
    weights, biases = default_parameters(units)
    expected = train_steps(Network(weights, biases), X, Y, 0.5, 1)[0]
    assert metric(at, "backprop.loss_before", "en") == pytest.approx(expected.forward.loss, abs=1e-4)
    at.text_input(key=f"backprop.w2.{units}").set_value("1, 2").run()
    assert at.error[0].value == t("backprop.error_count.weights", "en", layer=2, expected=units)
