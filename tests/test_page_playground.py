"""The playground page through Streamlit's AppTest: both languages, the URL, play/step/reset, own points."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import LANGUAGES, read_number, t
from rna_core.playground.settings import QUERY_KEYS, Settings

from .conftest import ROOT

PAGE = str(ROOT / "pages/playground.py")
K = "playground."


def open_page(lang: str = "en", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, key: str, lang: str) -> float:
    label = t(f"playground.{key}", lang)
    return read_number(next(m.value for m in at.metric if m.label == label), lang)


def url_settings(at: AppTest) -> Settings:
    settings, rejected = Settings.from_query({key: at.query_params[key] for key in QUERY_KEYS.values()})
    assert rejected == []
    return settings


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_page_renders_the_default_experiment_and_steps(lang: str) -> None:
    at = open_page(lang)
    assert at.title[0].value == t("playground.title", lang)
    assert metric(at, "epoch", lang) == 0
    before = metric(at, "train_loss", lang)
    assert len(at.get("image")) == 3  # the network, the output map and the chosen neuron are images
    at.button(key=K + "step").click().run()
    assert not at.exception
    assert metric(at, "epoch", lang) == 1
    assert metric(at, "train_loss", lang) != before
    assert url_settings(at) == Settings()  # the whole lesson is in the URL from the first visit
    assert any("keras.Sequential" in code.value for code in at.code)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_shared_link_opens_the_same_experiment(lang: str) -> None:
    shared = Settings(dataset="xor", noise=0.1, seed=7, train_percent=70, batch_size=5, features=("x1x2",),
                      layers=(), learning_rate=0.1, regularization="l2", regularization_rate=0.001, optimizer="adam")
    at = open_page(lang, shared.to_query())
    assert not at.warning
    assert at.selectbox(key=K + "dataset").value == "xor"
    assert at.slider(key=K + "n_layers").value == 0
    assert at.session_state[K + "features"] == ["x1x2"]
    assert at.selectbox(key=K + "optimizer").value == "adam"
    assert url_settings(at) == shared
    assert at.session_state[K + "experiment"][0].settings == shared


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_malformed_link_falls_back_to_defaults_with_a_notice(lang: str) -> None:
    at = open_page(lang, {"ds": "moons", "layers": "9,9", "lr": "fast", "act": "tanh"})
    notices = [w.value for w in at.warning]
    assert notices == [t("playground.bad_link", lang, keys="ds, layers, lr")]
    assert at.selectbox(key=K + "dataset").value == "circle"
    assert url_settings(at) == Settings()
    at.selectbox(key=K + "activation").set_value("relu").run()  # once the student changes something, it goes
    assert not at.warning
    assert at.query_params["act"] == "relu"


def test_widgets_write_the_url() -> None:
    at = open_page()
    at.selectbox(key=K + "dataset").set_value("spiral").run()
    at.slider(key=K + "n_layers").set_value(3).run()
    at.number_input(key=K + "units_2").set_value(8).run()
    at.select_slider(key=K + "lr").set_value(0.3).run()
    assert not at.exception
    settings = url_settings(at)
    assert (settings.dataset, settings.layers, settings.learning_rate) == ("spiral", (4, 4, 8), 0.3)


def test_play_trains_and_a_reached_target_pauses() -> None:
    at = open_page()
    at.toggle(key=K + "playing").set_value(True).run()
    assert not at.exception
    assert metric(at, "epoch", "en") >= 1
    at.number_input(key=K + "target").set_value(5.0).run()  # any loss is below 5: the next frame pauses
    assert at.session_state[K + "playing"] is False
    assert any(t("playground.reached", "en", loss=0, target=5.0, epoch=0).split(":")[0] in s.value for s in at.success)


def test_learning_rate_changes_the_run_live_but_a_new_network_starts_over() -> None:
    at = open_page()
    at.button(key=K + "step").click().run()
    at.button(key=K + "step").click().run()
    at.select_slider(key=K + "lr").set_value(0.1).run()
    assert metric(at, "epoch", "en") == 2
    at.slider(key=K + "n_layers").set_value(1).run()
    assert metric(at, "epoch", "en") == 0
    history = at.session_state[K + "history"]
    assert len(history) == 1 and len(history[0].test_losses) == 3
    assert len(at.get("vega_lite_chart")) >= 2  # the live losses and the run history


def test_reset_keeps_the_run_in_the_history() -> None:
    at = open_page("es")
    at.button(key=K + "step").click().run()
    at.button(key=K + "reset").click().run()
    assert not at.exception
    assert metric(at, "epoch", "es") == 0
    assert [run.label.split(".")[0] for run in at.session_state[K + "history"]] == ["1"]
    assert "épocas" in at.session_state[K + "history"][0].label


def test_selecting_a_neuron_writes_its_formula_with_its_weights() -> None:
    at = open_page()
    network = at.session_state[K + "experiment"][0].network
    at.selectbox(key=K + "neuron").set_value((3, 0)).run()
    assert not at.exception
    formula = at.latex[0].value.strip("$\n")
    assert formula.startswith(r"\hat{y} = \sigma")
    assert f"{abs(network.weights[2][0, 0]):.2f}" in formula


def test_no_feature_gives_a_message_instead_of_a_network() -> None:
    at = open_page()
    at.session_state[K + "features"] = []
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("playground.error_features", "en")]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_own_points_train_and_go_into_the_keras_code(lang: str) -> None:
    at = open_page(lang)
    X = np.array([[1.0, 1.0], [2.0, 2.0], [-1.0, -1.0], [-2.0, -2.0], [1.5, 2.5], [-2.5, -1.5]])
    at.session_state[K + "custom"] = (X, np.array([1, 1, 0, 0, 1, 0]))
    at.run()
    assert t("playground.ds.custom", lang) in at.selectbox(key=K + "dataset").options
    at.selectbox(key=K + "dataset").set_value("custom").run()
    assert not at.exception
    assert at.session_state[K + "experiment"][0].X.shape == (6, 2)
    assert any("X = np.array([[1.0, 1.0]" in code.value for code in at.code)
    assert at.query_params["ds"] == "custom"


def test_too_few_own_points_explain_what_is_missing() -> None:
    at = open_page()
    at.session_state[K + "custom"] = (np.array([[1.0, 1.0], [-1.0, 2.0]]), np.array([0, 1]))
    at.run()
    assert not at.exception
    assert t("playground.ds.custom", "en") not in at.selectbox(key=K + "dataset").options
    assert t("playground.error_few_points", "en", minimum=4, count=2) in [e.value for e in at.error]


def test_widgets_set_from_a_link_carry_their_value_as_default() -> None:
    """A busy browser mounting a widget late shows its proto's default and sends that back: every
    widget the link sets must carry its current value as the default, runs after the first too."""
    from rna_core import playground as pg

    shared = Settings(dataset="xor", seed=7, batch_size=5, features=("x1x2", "sin1"), layers=(6, 3),
                      learning_rate=0.1, optimizer="adam")
    at = open_page("en", shared.to_query())
    at.button(key=K + "step").click().run()  # a later run: the values now live in session state only
    assert not at.exception
    features = at.get("button_group")[0]
    assert [list(pg.FEATURES)[i] for i in features.proto.default] == ["x1x2", "sin1"]
    assert at.slider(key=K + "n_layers").proto.default == [2]
    assert at.number_input(key=K + "seed").proto.default == 7
    assert at.number_input(key=K + "units_0").proto.default == 6
    assert at.selectbox(key=K + "dataset").proto.default == list(pg.DATASETS).index("xor")
    assert at.selectbox(key=K + "optimizer").proto.default == list(pg.PLAYGROUND_OPTIMIZERS).index("adam")
    assert at.toggle(key=K + "playing").proto.default is False
