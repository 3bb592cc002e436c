"""rna_core.neurons: truth tables, McCulloch–Pitts neurons and their search, the perceptron rule."""

from __future__ import annotations

import math
import string

import numpy as np
import pytest

from rna_core.i18n import LANGUAGES, STRINGS, t
from rna_core.neurons import (
    GATES,
    INHIBITION_MODES,
    McCullochPitts,
    NeuronInputError,
    Perceptron,
    binary_inputs,
    custom_table,
    find_mcculloch_pitts,
    gate,
    identify_gate,
    is_linearly_separable,
    train_perceptron,
    update_rule_latex,
)

LOGIC = {
    "AND": lambda a, b: a and b,
    "OR": lambda a, b: a or b,
    "NAND": lambda a, b: not (a and b),
    "NOR": lambda a, b: not (a or b),
    "XOR": lambda a, b: a != b,
    "XNOR": lambda a, b: a == b,
}
SEPARABLE = ["AND", "OR", "NAND", "NOR", "NOT"]
SEEDS = [0, 1, 2, 3, 7]


# --------------------------------------------------------------------------- truth tables


def test_binary_inputs_are_in_truth_table_order() -> None:
    assert binary_inputs(2).tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert binary_inputs(1).tolist() == [[0], [1]]
    assert binary_inputs(3).shape == (8, 3)
    with pytest.raises(NeuronInputError):
        binary_inputs(5)


@pytest.mark.parametrize("name", list(LOGIC))
def test_two_input_gate_truth_tables(name: str) -> None:
    table = gate(name)
    expected = [int(LOGIC[name](bool(a), bool(b))) for a, b in table.inputs()]
    assert list(table.outputs) == expected
    frame = table.to_frame()
    assert list(frame.columns) == ["x1", "x2", "y"]
    assert frame["y"].tolist() == expected


def test_not_gate_and_case_insensitive_lookup() -> None:
    assert gate("not").outputs == (1, 0)
    assert gate(" Xor ").name == "XOR"
    with pytest.raises(NeuronInputError) as info:
        gate("MAYBE")
    assert info.value.key == "neurons.error_gate"


def test_custom_table_accepts_bits_written_in_several_ways_and_names_the_gate() -> None:
    table = custom_table([0, "1", 1.0, np.int64(0)])
    assert table.outputs == (0, 1, 1, 0)
    assert table.name == "XOR"
    assert custom_table([1, 1, 0, 1]).name == "custom"
    assert identify_gate((1, 0)) == "NOT"
    assert identify_gate((0, 0, 1, 1)) is None


@pytest.mark.parametrize(
    ("outputs", "row", "shown"),
    [([0, 1, 2, 0], 3, "2"), ([0.5, 1, 1, 0], 1, "0.5"), ([0, None, 1, 1], 2, ""),
     ([0, 1, math.nan, 1], 3, ""), ([0, 1, 1, "x"], 4, "x"), ([0, -1, 1, 1], 2, "-1")],
)
def test_custom_table_rejects_values_other_than_0_and_1(outputs: list, row: int, shown: str) -> None:
    with pytest.raises(NeuronInputError) as info:
        custom_table(outputs)
    assert info.value.key == "neurons.error_binary"
    assert info.value.values == {"row": row, "value": shown}
    assert f"Row {row}" in str(info.value)


@pytest.mark.parametrize("rows", [0, 1, 3, 5, 32])
def test_custom_table_needs_a_power_of_two_rows(rows: int) -> None:
    with pytest.raises(NeuronInputError) as info:
        custom_table([0] * rows)
    assert info.value.key == "neurons.error_rows"


def test_linear_separability() -> None:
    for name, table in GATES.items():
        assert is_linearly_separable(table.inputs(), table.targets()) == (name not in ("XOR", "XNOR")), name
    three = binary_inputs(3)
    assert is_linearly_separable(three, (three.sum(axis=1) >= 2).astype(int))  # majority
    assert not is_linearly_separable(three, three.sum(axis=1) % 2)  # parity


# --------------------------------------------------------------------------- McCulloch–Pitts


def test_mcculloch_pitts_absolute_inhibition_vetoes_the_output() -> None:
    neuron = McCullochPitts((False, False, True), threshold=1)
    x = binary_inputs(3)
    expected = [int(row[2] == 0 and row[0] + row[1] >= 1) for row in x]
    assert neuron(x).tolist() == expected
    assert neuron([1, 1, 1]) == 0


def test_mcculloch_pitts_subtractive_inhibition_subtracts_one() -> None:
    neuron = McCullochPitts((False, False, True), threshold=1, inhibition="subtractive")
    assert neuron([1, 1, 1]) == 1  # 2 excitatory - 1 inhibitory = 1 >= 1
    assert neuron([1, 0, 1]) == 0


def test_mcculloch_pitts_classic_wirings() -> None:
    assert McCullochPitts((False, False), 2).truth_table().name == "AND"
    assert McCullochPitts((False, False), 1).truth_table().name == "OR"
    assert McCullochPitts((True, True), 0).truth_table().name == "NOR"
    assert McCullochPitts((True,), 0).truth_table().name == "NOT"
    assert McCullochPitts((False, False), 0).truth_table().outputs == (1, 1, 1, 1)
    assert McCullochPitts((False,) * 3, 3).truth_table().name == "AND"  # n-input generalisations
    assert McCullochPitts((False,) * 4, 1).truth_table().name == "OR"
    assert McCullochPitts((True,) * 3, 0).truth_table().name == "NOR"
    assert McCullochPitts((False, False, True), 1).truth_table().name == "custom"
    assert identify_gate(binary_inputs(3).sum(axis=1) % 2) == "XOR"


@pytest.mark.parametrize("bad", [dict(inhibitory=(), threshold=1), dict(inhibitory=(False,) * 5, threshold=1),
                                 dict(inhibitory=(False,), threshold=1.5),
                                 dict(inhibitory=(False,), threshold=1, inhibition="partial")])
def test_mcculloch_pitts_rejects_bad_configurations(bad: dict) -> None:
    with pytest.raises(NeuronInputError):
        McCullochPitts(**bad)


def test_mcculloch_pitts_rejects_non_binary_inputs() -> None:
    with pytest.raises(NeuronInputError):
        McCullochPitts((False, False), 1)([0, 2])
    with pytest.raises(NeuronInputError):
        McCullochPitts((False, False), 1)([0, 1, 1])


@pytest.mark.parametrize("name", ["AND", "OR", "NOT", "NOR"])
@pytest.mark.parametrize("mode", INHIBITION_MODES)
def test_search_finds_a_neuron_for_and_or_not_nor(name: str, mode: str) -> None:
    result = find_mcculloch_pitts(gate(name), mode)
    assert result.found and result.reason == "found"
    for neuron in result.solutions:
        assert neuron.truth_table().outputs == gate(name).outputs


def test_nand_needs_subtractive_inhibition() -> None:
    """With the original absolute inhibition no single M–P neuron is NAND (a proof by exhaustion):
    an input that can switch the output off vetoes it in every row. Subtractive inhibition can."""
    absolute = find_mcculloch_pitts(gate("NAND"), "absolute")
    assert not absolute.found
    assert absolute.reason == "needs_weights" and absolute.linearly_separable
    subtractive = find_mcculloch_pitts(gate("NAND"), "subtractive")
    assert subtractive.found
    assert McCullochPitts((True, True), -1, "subtractive") in subtractive.solutions


@pytest.mark.parametrize("name", ["XOR", "XNOR"])
@pytest.mark.parametrize("mode", INHIBITION_MODES)
def test_search_proves_there_is_no_xor_or_xnor_neuron(name: str, mode: str) -> None:
    result = find_mcculloch_pitts(gate(name), mode)
    assert not result.found
    assert result.reason == "not_linearly_separable"
    n = 2
    thresholds = n + 2 if mode == "absolute" else 2 * n + 2
    assert result.tried == 2**n * thresholds  # every wiring, every distinct threshold


# --------------------------------------------------------------------------- perceptron


def test_perceptron_forward_pass() -> None:
    unit = Perceptron((-1.5, 1.0, 1.0))  # AND by hand
    assert unit.net_input([[1, 1], [1, 0]]).tolist() == [0.5, -0.5]
    assert unit(binary_inputs(2)).tolist() == [0, 0, 0, 1]
    assert Perceptron((0.0, 1.0), "sign")([[-1], [0], [2]]).tolist() == [-1, 0, 1]
    assert Perceptron.random(2, seed=3).weights == Perceptron.random(2, seed=3).weights
    with pytest.raises(NeuronInputError):
        Perceptron((0.0, 1.0), "relu")


def test_one_training_step_equals_the_hand_computed_update() -> None:
    table = gate("AND")
    training = train_perceptron(table.inputs(), table.targets(), learning_rate=0.25,
                                initial_weights=(0.5, -0.2, 0.1), epochs=1)
    first, second = training.steps[:2]
    # Row (0, 0), y = 0: z = 0.5 >= 0 so ŷ = 1; error -1; Δw = 0.25 · (-1) · (1, 0, 0).
    assert (first.net_input, first.prediction, first.error) == (0.5, 1.0, -1.0)
    assert first.delta == pytest.approx((-0.25, 0.0, 0.0))
    assert first.weights_after == pytest.approx((0.25, -0.2, 0.1))
    # Row (0, 1), y = 0: z = 0.25 + 0.1 = 0.35, ŷ = 1; Δw = -0.25 · (1, 0, 1).
    assert second.net_input == pytest.approx(0.35)
    assert second.weights_after == pytest.approx((0.0, -0.2, -0.15))
    assert second.weights_before == first.weights_after


def test_sign_activation_uses_minus_one_labels() -> None:
    table = gate("OR")
    training = train_perceptron(table.inputs(), table.targets(), activation="sign", learning_rate=0.5,
                                initial_weights=(0.0, 0.0, 0.0), epochs=1)
    first = training.steps[0]  # row (0, 0), y = -1, z = 0 -> sign 0, error -1
    assert (first.target, first.prediction, first.error) == (-1.0, 0.0, -1.0)
    assert first.weights_after == pytest.approx((-0.5, 0.0, 0.0))


@pytest.mark.parametrize("activation", ["heaviside", "sign"])
@pytest.mark.parametrize("name", SEPARABLE)
def test_perceptron_converges_on_separable_gates_for_several_seeds(name: str, activation: str) -> None:
    table = gate(name)
    for seed in SEEDS:
        training = train_perceptron(table.inputs(), table.targets(), activation=activation, seed=seed, epochs=100)
        assert training.converged, (name, activation, seed)
        assert training.errors_per_epoch[-1] == 0
        predictions = training.final(table.inputs())
        expected = table.targets() if activation == "heaviside" else 2 * table.targets() - 1
        assert predictions.tolist() == expected.tolist(), (name, seed)  # its final line classifies all rows


@pytest.mark.parametrize("activation", ["heaviside", "sign"])
@pytest.mark.parametrize("name", ["XOR", "XNOR"])
def test_perceptron_reports_xor_as_never_converging(name: str, activation: str) -> None:
    table = gate(name)
    for seed in SEEDS:
        training = train_perceptron(table.inputs(), table.targets(), activation=activation, seed=seed, epochs=200)
        assert not training.converged
        assert training.stop_reason == "cycle"
        assert not training.linearly_separable
        assert all(errors > 0 for errors in training.errors_per_epoch)
        # The cycle is real: the weights at the end of the earlier epoch are the final ones.
        rows = len(table.outputs)
        assert training.weights_at(training.cycle_epoch * rows) == pytest.approx(training.final.weights)


def test_epoch_budget_stop_and_its_reason() -> None:
    table = gate("XOR")
    training = train_perceptron(table.inputs(), table.targets(), epochs=1, seed=0)
    assert training.stop_reason == "epoch_budget" and training.epochs_run == 1
    assert len(training.steps) == 4
    assert training.weights_at(0) == training.initial.weights


def test_trace_frame_has_one_row_per_step() -> None:
    table = gate("AND")
    training = train_perceptron(table.inputs(), table.targets(), seed=1)
    frame = training.trace_frame()
    assert len(frame) == len(training.steps)
    assert list(frame.columns[:4]) == ["epoch", "sample", "x1", "x2"]
    last = training.steps[-1]
    assert frame.iloc[-1][["w0", "w1", "w2"]].tolist() == pytest.approx(list(last.weights_after))


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [({"learning_rate": 0}, "neurons.error_learning_rate"), ({"learning_rate": -0.1}, "neurons.error_learning_rate"),
     ({"learning_rate": math.nan}, "neurons.error_learning_rate"), ({"epochs": 0}, "neurons.error_epochs"),
     ({"epochs": 1001}, "neurons.error_epochs"), ({"epochs": 2.5}, "neurons.error_epochs"),
     ({"epochs": math.inf}, "neurons.error_epochs"), ({"epochs": math.nan}, "neurons.error_epochs"),
     ({"epochs": "5"}, "neurons.error_epochs"),
     ({"activation": "sigmoid"}, "neurons.error_activation")],
)
def test_perceptron_rejects_bad_hyperparameters(kwargs: dict, key: str) -> None:
    table = gate("AND")
    with pytest.raises(NeuronInputError) as info:
        train_perceptron(table.inputs(), table.targets(), **kwargs)
    assert info.value.key == key


def test_perceptron_rejects_non_binary_labels() -> None:
    with pytest.raises(NeuronInputError) as info:
        train_perceptron(binary_inputs(2), np.array([0, 1, 3, 0]))
    assert info.value.values["row"] == 3


def test_update_rule_is_written_with_the_steps_numbers() -> None:
    table = gate("AND")
    training = train_perceptron(table.inputs(), table.targets(), learning_rate=0.25,
                                initial_weights=(0.5, -0.2, 0.1), epochs=1)
    latex = update_rule_latex(training.steps[0], training.learning_rate)
    assert "0.25" in latex and r"(0 - 1)" in latex
    assert latex.count("pmatrix") == 6  # w before, x, w after
    assert r"\begin{pmatrix}0.25 \\ -0.2 \\ 0.1\end{pmatrix}" in latex


def test_every_error_key_has_a_translation_with_the_same_placeholders() -> None:
    errors = []
    for call in (lambda: custom_table([0, 2, 1, 1]), lambda: custom_table([0, 1, 1]), lambda: gate("?"),
                 lambda: McCullochPitts((False,), 1, "x"), lambda: McCullochPitts((False,), 0.5),
                 lambda: McCullochPitts((False,), 1)([2]), lambda: binary_inputs(9),
                 lambda: train_perceptron(binary_inputs(2), [0, 0, 0, 1], learning_rate=0),
                 lambda: train_perceptron(binary_inputs(2), [0, 0, 0, 1], epochs=0),
                 lambda: Perceptron((0.0, 1.0), "tanh")):
        with pytest.raises(NeuronInputError) as info:
            call()
        errors.append(info.value)
    for error in errors:
        assert error.key in STRINGS, error.key
        names = {name for _, name, _, _ in string.Formatter().parse(STRINGS[error.key]["en"]) if name}
        assert names == set(error.values), error.key
        for lang in LANGUAGES:
            assert t(error.key, lang, **error.values)


# --------------------------------------------------------------------------- the perceptron's chart


@pytest.mark.parametrize("weights", [(-1.5, 1.0, 1.0), (0.5, -1.0, 0.0), (0.2, 0.0, 0.0), (-0.2, 0.0, 0.0),
                                     (0.3, 2.0, -0.5)])
def test_plane_chart_is_valid_vega_lite_and_shades_each_side_with_its_class(weights: tuple) -> None:
    import altair as alt

    from rna_core.charts import CLASS_COLORS
    from rna_core.charts.neurons import boundary_segment, perceptron_plane_chart

    table = gate("AND")
    spec = perceptron_plane_chart(table.inputs(), table.targets(), weights, highlight=2, class_title="clase")
    alt.LayerChart.from_dict(spec)  # raises if the spec does not follow the Vega-Lite schema
    shades = [layer for layer in spec["layer"] if layer["mark"].get("opacity") == 0.18]
    assert len(shades) == 2
    unit = Perceptron(weights)
    for layer in shades:  # a point inside each shaded region is predicted as the region's class
        row = layer["data"]["values"][0]
        if layer["mark"]["type"] == "rect":
            if row["x1"] == row["x1b"]:
                continue  # an empty side (the cut lies on the square's edge)
            probe = ((row["x1"] + row["x1b"]) / 2, 0.5)
        else:  # the area between the line and the top (or bottom) edge
            start, end = layer["data"]["values"]
            middle = (start["x2"] + end["x2"]) / 2  # the line's height at x1 = 0.5
            probe = (0.5, middle + (0.1 if layer["encoding"]["y2"]["field"] == "top" else -0.1))
        predicted = int(unit([probe])[0])
        assert layer["mark"]["color"] == CLASS_COLORS[predicted], (weights, layer)
    ring = spec["layer"][-1]
    assert ring["mark"]["stroke"] == "#F2A541" and ring["data"]["values"][0] == {"x1": 1.0, "x2": 0.0, "y": 0}
    segment = boundary_segment(weights)
    for x1, x2 in zip(segment["x1"], segment["x2"], strict=True):
        assert weights[0] + weights[1] * x1 + weights[2] * x2 == pytest.approx(0.0, abs=1e-12)


def test_plane_chart_for_one_input_and_bad_weights() -> None:
    import altair as alt

    from rna_core.charts.neurons import perceptron_plane_chart

    table = gate("NOT")
    spec = perceptron_plane_chart(table.inputs(), table.targets(), (0.5, -1.0))
    alt.LayerChart.from_dict(spec)
    line = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line"][0]
    assert {value["x1"] for value in line["data"]["values"]} == {0.5}  # vertical boundary x1 = 0.5
    with pytest.raises(ValueError):
        perceptron_plane_chart(table.inputs(), table.targets(), (0.5, -1.0, 2.0))


def test_neuron_modules_import_neither_streamlit_nor_keras() -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    code = ("import sys, rna_core.neurons, rna_core.neurons.messages, rna_core.charts.neurons; "
            "print(','.join(m for m in ('streamlit', 'tensorflow', 'keras', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""  # SciPy too is only imported when a search or a training needs it


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_page_messages_name_the_result_and_its_reason(lang: str) -> None:
    from rna_core.i18n import Translator
    from rna_core.neurons.messages import search_message, training_message

    tr = Translator(lang)
    found, text = search_message(find_mcculloch_pitts(gate("AND")), tr)
    assert found and text == t("neurons.mp_found", lang, count=1, tried=16, gate="AND",
                               mode=t("neurons.mode_name_absolute", lang),
                               config=t("neurons.mp_config", lang, threshold=2, inhibitory=t("neurons.none", lang)))
    found, text = search_message(find_mcculloch_pitts(gate("NAND")), tr)
    assert not found and text.startswith(t("neurons.mp_needs_weights", lang, tried=16, gate="NAND",
                                           mode=t("neurons.mode_name_absolute", lang))[:20])
    xor, and_ = gate("XOR"), gate("AND")
    short = train_perceptron(xor.inputs(), xor.targets(), epochs=1)
    assert training_message(short, "XOR", tr) == (False, t("neurons.p_budget_not_separable", lang, epochs=1,
                                                            gate="XOR"))
    short = train_perceptron(and_.inputs(), and_.targets(), epochs=1, initial_weights=(0.0, 0.0, 0.0))
    assert training_message(short, "AND", tr) == (False, t("neurons.p_budget_separable", lang, epochs=1,
                                                           gate="AND"))
    done = train_perceptron(and_.inputs(), and_.targets(), seed=0)
    assert training_message(done, "AND", tr) == (True, t("neurons.p_converged", lang, epoch=done.epochs_run))
