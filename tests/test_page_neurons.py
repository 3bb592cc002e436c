"""The neurons page through Streamlit's AppTest: every section, both languages, bad input."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import LANGUAGES, t
from rna_core.neurons import GATES, find_mcculloch_pitts, train_perceptron

from .conftest import ROOT

PAGE = str(ROOT / "pages/neurons.py")


def open_page(lang: str = "en", tab: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    if tab is not None:
        at.session_state["neurons.tab"] = t(f"neurons.tab_{tab}", lang)
    at.run()
    assert not at.exception, at.exception
    return at


def train_perceptron_on(at: AppTest, gate: str) -> AppTest:
    at.selectbox(key="neurons.p_gate").set_value(gate)
    at.button(key="neurons.p_train").click().run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [element.value for element in elements]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_xor_perceptron_shows_the_non_convergence_message(lang: str) -> None:
    at = train_perceptron_on(open_page(lang, "perceptron"), "XOR")
    xor = GATES["XOR"]
    expected = train_perceptron(xor.inputs(), xor.targets(), learning_rate=0.1, epochs=50, seed=0)
    message = t("neurons.p_cycle", lang, epoch=expected.epochs_run, earlier=expected.cycle_epoch, gate="XOR")
    assert texts(at.warning) == [message]
    assert not at.success and not at.error


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_and_perceptron_converges_and_replays_its_steps(lang: str) -> None:
    at = train_perceptron_on(open_page(lang, "perceptron"), "AND")
    assert at.success[0].value.startswith(t("neurons.p_converged", lang, epoch=0).split("0")[0])
    slider = at.slider(key="neurons.p_step")
    assert slider.value == slider.max  # the replay starts at the end of training
    slider.set_value(1).run()
    assert not at.exception
    assert at.latex and r"\mathbf{w}" in at.latex[0].value
    slider.set_value(0).run()
    assert t("neurons.p_step_start", lang) in texts(at.markdown)
    assert not at.latex


def test_changing_a_setting_after_training_asks_to_train_again() -> None:
    at = train_perceptron_on(open_page("en", "perceptron"), "AND")
    at.number_input(key="neurons.p_seed").set_value(5).run()
    assert t("neurons.stale", "en") in texts(at.info)
    assert not at.success


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [("neurons.p_lr", 0.0, ("neurons.error_learning_rate", {"value": 0.0})),
     ("neurons.p_lr", -0.5, ("neurons.error_learning_rate", {"value": -0.5})),
     ("neurons.p_epochs", 0, ("neurons.error_epochs", {"value": 0, "max": 1000}))],
)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_bad_hyperparameters_show_a_clear_message(key: str, value: float, message: tuple, lang: str) -> None:
    at = open_page(lang, "perceptron")
    at.number_input(key=key).set_value(value)
    at.button(key="neurons.p_train").click().run()
    assert not at.exception
    assert texts(at.error) == [t(message[0], lang, **message[1])]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_custom_truth_table_is_validated_and_trainable(lang: str) -> None:
    at = open_page(lang, "perceptron")
    at.selectbox(key="neurons.p_gate").set_value("custom").run()
    at.number_input(key="neurons.p_custom_2").set_value(2).run()
    assert not at.exception
    assert texts(at.error) == [t("neurons.error_binary", lang, row=3, value="2")]
    for index, bit in enumerate((1, 0, 0, 1)):  # XNOR typed by hand
        at.number_input(key=f"neurons.p_custom_{index}").set_value(bit)
    at.button(key="neurons.p_train").click().run()
    assert not at.exception and not at.error
    assert "XNOR" in at.warning[0].value


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_mcculloch_pitts_section_identifies_gates_and_searches(lang: str) -> None:
    at = open_page(lang)  # first tab: the default neuron has 2 excitatory inputs and θ = 2
    assert t("neurons.mp_is_gate", lang, gate="AND") in texts(at.markdown)
    at.slider(key="neurons.mp_threshold").set_value(1).run()
    assert t("neurons.mp_is_gate", lang, gate="OR") in texts(at.markdown)
    at.multiselect(key="neurons.mp_inhibitory").set_value(["x1", "x2"])
    at.slider(key="neurons.mp_threshold").set_value(0).run()
    assert t("neurons.mp_is_gate", lang, gate="NOR") in texts(at.markdown)
    at.button(key="neurons.mp_search_button").click().run()  # XOR is the default target
    result = find_mcculloch_pitts(GATES["XOR"])
    mode = t("neurons.mode_name_absolute", lang)
    assert texts(at.warning) == [t("neurons.mp_not_linearly_separable", lang, gate="XOR", tried=result.tried,
                                   mode=mode)]


def test_nand_search_depends_on_the_kind_of_inhibition() -> None:
    at = open_page("en")
    at.selectbox(key="neurons.mp_target").set_value("NAND")
    at.button(key="neurons.mp_search_button").click().run()
    assert at.warning and "NAND" in at.warning[0].value and not at.success
    at.radio(key="neurons.mp_mode").set_value("subtractive")
    at.button(key="neurons.mp_search_button").click().run()
    assert at.success and "θ = -1" in at.success[0].value


def test_fewer_inputs_drop_a_stale_inhibitory_choice_and_clamp_the_threshold() -> None:
    at = open_page("en")
    at.slider(key="neurons.mp_n").set_value(4).run()
    at.multiselect(key="neurons.mp_inhibitory").set_value(["x4"])
    at.slider(key="neurons.mp_threshold").set_value(5).run()
    at.slider(key="neurons.mp_n").set_value(1).run()
    assert not at.exception
    assert at.multiselect(key="neurons.mp_inhibitory").value == []
    assert at.slider(key="neurons.mp_threshold").value <= 2


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_mlp_tab_links_to_the_playground_with_xor(lang: str) -> None:
    from urllib.parse import parse_qs, urlparse

    from rna_core.playground.settings import Settings

    at = open_page(lang, "mlp")
    assert t("playground.from_neurons", lang) in texts(at.markdown)
    links = [m.value for m in at.markdown if t("playground.open_xor", lang) in m.value]
    assert len(links) == 1
    url = links[0].split("](", 1)[1].rstrip(")")
    query = {key: values[0] for key, values in parse_qs(urlparse(url).query, keep_blank_values=True).items()}
    assert urlparse(url).path == "/playground"
    settings, rejected = Settings.from_query(query)
    assert rejected == [] and settings.dataset == "xor" and settings.layers == (4,) and query["lang"] == lang


def test_language_switch_keeps_the_open_tab() -> None:
    at = open_page("en", "mlp")
    at.sidebar.selectbox[0].set_value("es").run()
    assert not at.exception
    assert at.session_state["neurons.tab"] == t("neurons.tab_mlp", "es")
    assert t("playground.from_neurons", "es") in texts(at.markdown)


def test_switching_the_inhibition_mode_keeps_the_threshold() -> None:
    at = open_page("en")
    at.radio(key="neurons.mp_mode").set_value("subtractive").run()
    assert not at.exception
    assert at.slider(key="neurons.mp_threshold").value == 2  # the slider's range grew, its value stays
    assert t("neurons.mp_is_gate", "en", gate="AND") in texts(at.markdown)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_perceptron_trace_speaks_the_page_language(lang: str) -> None:
    at = train_perceptron_on(open_page(lang, "perceptron"), "AND")
    (trace,) = [frame for frame in at.dataframe if "ŷ" in frame.value.columns]
    columns = list(trace.value.columns)
    assert columns[:2] == [t("neurons.col.epoch", lang), t("neurons.col.sample", lang)]
    if lang == "es":
        assert "epoch" not in columns and "sample" not in columns


def test_perceptron_introduced_as_a_tlu_with_an_aggregation_function() -> None:
    at = open_page("es", "perceptron")
    assert t("neurons.p_explain", "es") in texts(at.caption)
