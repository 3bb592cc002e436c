"""Views of the Backpropagation page: the 2-2-1 walk-through with real numbers (section 1) and
gradient flow in a deep network (section 2). Each section is a fragment: its widgets rerun
only that section."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rna_core.backprop import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_PAIRS,
    STAGES,
    parse_example,
    parse_network,
    stage_at,
    train_steps,
)
from rna_core.backprop.depth import DEPTH_ACTIVATIONS, INITIALISATIONS, flow_overview, gradient_flow
from rna_core.backprop.diagram import network_dot
from rna_core.backprop.explain import (
    backward_latex,
    forward_latex,
    gradient_table,
    output_delta_curves,
    output_deltas,
    pairing_latex,
    update_latex,
)
from rna_core.backprop.network import DEFAULT_INPUTS, DEFAULT_TARGET, HIDDEN_UNITS, default_parameters
from rna_core.charts import localize
from rna_core.charts.backprop import flow_chart, output_delta_chart, overview_chart, units_chart
from rna_core.charts.named_data import attach
from rna_core.i18n import Translator
from rna_core.number_lists import format_numbers
from rna_ui.shell import show_error
from rna_ui.widgets import shown

K = "backprop."
LEARNING_RATES = (0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
MAX_STEPS = 50  # replay positions kept: three per step
DEPTH_STEPS = 10  # gradient-descent steps of the depth experiment
OVERVIEW_SIZE = (8, 32)  # hidden layers and units of the "every pair" grid (fixed: computed once)
CHARTS = {"delta": output_delta_chart, "flow": flow_chart, "overview": overview_chart, "units": units_chart}


@st.cache_data(max_entries=64, show_spinner=False)
def chart_spec(kind: str, *args: object) -> dict:
    """Vega-Lite spec of a chart's structure, built once (Altair is slow to build)."""
    return CHARTS[kind](*args).to_dict()


@st.cache_data(max_entries=64, show_spinner=False)
def flow_of(activation: str, scheme: str, depth: int, width: int):
    return gradient_flow(activation, scheme, depth, width, steps=DEPTH_STEPS)


@st.cache_data(max_entries=2, show_spinner=False)
def overview_of(depth: int, width: int) -> pd.DataFrame:
    return flow_overview(depth, width)


def advance() -> None:
    """One more stage (forward, backward or update): the replay jumps to it."""
    reached = min(st.session_state.get(K + "reached", 0) + 1, 3 * MAX_STEPS)
    st.session_state[K + "reached"] = st.session_state[K + "position"] = reached


def start_again() -> None:
    st.session_state[K + "reached"] = st.session_state[K + "position"] = 0


def _setup_widgets(tr: Translator):
    """The example, the network's numbers and the learning rate; None after a message if they do not parse."""
    def numbers(values) -> str:
        return format_numbers(values, tr.lang)

    row = st.columns(5)
    inputs_text = row[0].text_input(tr("backprop.inputs"), numbers(DEFAULT_INPUTS), key=K + "inputs")
    target_text = row[1].text_input(tr("backprop.target"), numbers(DEFAULT_TARGET), key=K + "target")
    hidden_units = row[2].selectbox(tr("backprop.hidden_units"), HIDDEN_UNITS, index=1, key=K + "hidden_units")
    hidden = row[3].selectbox(tr("backprop.hidden_activation"), HIDDEN_ACTIVATIONS, key=K + "hidden",
                              index=HIDDEN_ACTIVATIONS.index("sigmoid"),
                              format_func=lambda name: tr(f"activations.name.{name}"))
    pair = row[4].selectbox(tr("backprop.output_pair"), list(OUTPUT_PAIRS), key=K + "pair",
                            format_func=lambda name: tr(f"backprop.pair.{name}"))
    sizes = (len(DEFAULT_INPUTS), hidden_units, 1)
    weights, biases = default_parameters(hidden_units)
    row = st.columns(5)
    size = "" if hidden_units == 2 else f".{hidden_units}"  # each size keeps its own typed numbers
    weight_texts = [row[0].text_input(tr("backprop.weights_1"), numbers(weights[0]), key=f"{K}w1{size}"),
                    row[2].text_input(tr("backprop.weights_2"), numbers(weights[1]), key=f"{K}w2{size}")]
    bias_texts = [row[1].text_input(tr("backprop.biases_1"), numbers(biases[0]), key=f"{K}b1{size}"),
                  row[3].text_input(tr("backprop.biases_2"), numbers(biases[1]), key=f"{K}b2{size}")]
    learning_rate = row[4].select_slider(tr("backprop.learning_rate"), LEARNING_RATES, 0.5, key=K + "learning_rate",
                                         format_func=lambda rate: tr.num(rate, "g"))
    try:
        network = parse_network(weight_texts, bias_texts, sizes, hidden, pair)
        x, y = parse_example(inputs_text, target_text, sizes[0], network.output_activation, network.loss)
    except ValueError as error:
        show_error(error)
        return None
    setup = (inputs_text, target_text, hidden_units, hidden, pair, *weight_texts, *bias_texts, learning_rate)
    if st.session_state.get(K + "setup") != setup:  # new numbers: the walk-through starts again
        st.session_state[K + "setup"] = setup
        start_again()
    return network, x, y, learning_rate


def _stage_buttons(tr: Translator) -> int:
    """Forward / backward / update (only the next one enabled), reset and the replay slider; the position shown."""
    reached = st.session_state.get(K + "reached", 0)
    next_stage = STAGES[reached % len(STAGES)]
    buttons = st.columns(4)
    for column, stage, icon in zip(buttons, STAGES, (":material/east:", ":material/west:", ":material/sync:"), strict=False):
        column.button(tr(f"backprop.do_{stage}"), key=K + stage, on_click=advance, icon=icon, width="stretch",
                      disabled=stage != next_stage or reached >= 3 * MAX_STEPS,
                      type="primary" if stage == next_stage else "secondary")
    buttons[3].button(tr("backprop.reset"), key=K + "reset", on_click=start_again, icon=":material/restart_alt:",
                      width="stretch", disabled=reached == 0)
    if reached == 0:
        return 0
    st.session_state.setdefault(K + "position", reached)
    return st.slider(tr("backprop.replay"), 0, reached, shown(K + "position"), key=K + "position")


def _pairing(tr: Translator, trace, network) -> None:
    """Why sigmoid goes with cross-entropy: the output delta of each loss against the prediction."""
    st.subheader(tr("backprop.pairing_title"))
    text_column, chart_column = st.columns([1, 1])
    text_column.write(tr("backprop.pairing_text"))
    target = float(np.clip(trace.y[0, 0], 0.0, 1.0))
    sigmoid_output = network.output_activation == "sigmoid"  # else: the curves only, no current ŷ
    y_hat = float(trace.forward.output[0, 0]) if sigmoid_output else 0.5
    deltas = output_deltas(y_hat, target)
    labels = {name: tr(f"backprop.loss.{name}") for name in ("binary_crossentropy", "mean_squared_error")}
    curves = output_delta_curves(target).replace({"loss": labels})
    marks = pd.DataFrame({"y_hat": [y_hat] * 2, "loss": list(labels.values()),
                          "delta": [abs(deltas[name]) for name in labels]}).iloc[: 2 if sigmoid_output else 0]
    spec = chart_spec("delta", tuple(labels.values()), tr("backprop.prediction_axis"), tr("backprop.delta_axis"),
                      tr("backprop.delta_chart_title", y=target))
    chart_column.vega_lite_chart(localize(attach(spec, delta_curves=curves, delta_marks=marks), tr.lang),
                                 width="stretch")
    if sigmoid_output:
        st.latex(pairing_latex(y_hat, target))


def _gradient_check(tr: Translator, trace, with_update: bool) -> None:
    """Every gradient next to its finite-difference estimate (and the new value once updated)."""
    st.subheader(tr("backprop.check_title"))
    st.write(tr("backprop.check_text"))
    table = gradient_table(trace.network, trace.x, trace.y, trace.backward, trace.updated)
    columns = ["parameter", "value", "backprop", "finite_difference", "relative_difference"]
    if with_update:
        columns.append("new_value")
    shown_table = table[columns].copy()
    for column in ("value", "backprop", "finite_difference", "new_value"):
        if column in shown_table:
            shown_table[column] = [tr.num(value, ".6f") for value in shown_table[column]]
    shown_table["relative_difference"] = [tr.num(value, ".1e") for value in shown_table["relative_difference"]]
    st.dataframe(shown_table.rename(columns=lambda c: tr(f"backprop.col.{c}")), hide_index=True, width="stretch")
    worst = float(table["relative_difference"].max())
    (st.success if worst < 1e-6 else st.warning)(tr("backprop.check_ok" if worst < 1e-6 else "backprop.check_off",
                                                    difference=worst))


@st.fragment
def walkthrough(tr: Translator) -> None:
    """Section 1: the network and one example, stepped forward, backward and updated."""
    st.header(tr("backprop.setup_title"))
    st.write(tr("backprop.setup_intro"))
    parsed = _setup_widgets(tr)
    if parsed is None:
        return
    network, x, y, learning_rate = parsed
    step, stage = stage_at(_stage_buttons(tr))
    trace = train_steps(network, x, y, learning_rate, step + 1)[step]
    st.caption(tr("backprop.position", step=step + 1, stage=tr(f"backprop.stage.{stage or 'none'}")))

    metrics = st.columns(4)
    if stage is None:
        st.info(tr("backprop.press_forward"), icon=":material/touch_app:")
    else:
        metrics[0].metric(tr("backprop.loss_before"), tr.num(trace.forward.loss, ".4f"))
    if stage == "update":
        metrics[1].metric(tr("backprop.loss_after"), tr.num(trace.loss_after, ".4f"),
                          delta=tr.num(trace.loss_after - trace.forward.loss, "+.4f"), delta_color="inverse")
    st.graphviz_chart(network_dot(trace, stage, number=lambda value: tr.num(value, ".3f")), width="stretch")
    st.caption(tr("backprop.legend"))

    done = STAGES.index(stage) + 1 if stage else 0  # stages shown so far in this step
    if done >= 1:
        st.subheader(tr("backprop.forward_title"))
        st.write(tr("backprop.forward_text"))
        st.latex(forward_latex(trace.network, trace.forward, trace.y))
    if done >= 2:
        st.subheader(tr("backprop.backward_title"))
        st.write(tr("backprop.backward_text"))
        st.latex(backward_latex(trace.network, trace.forward, trace.backward, trace.y))
        _pairing(tr, trace, network)
        _gradient_check(tr, trace, with_update=done >= 3)
    if done >= 3:
        st.subheader(tr("backprop.update_title"))
        better = trace.loss_after < trace.forward.loss
        (st.write if better else st.warning)(tr("backprop.update_text" if better else "backprop.update_worse",
                                                before=trace.forward.loss, after=trace.loss_after))
        st.latex(update_latex(trace.network, trace.backward, trace.updated, trace.learning_rate))


@st.fragment
def depth_section(tr: Translator) -> None:
    """Section 2: gradient norms layer by layer, hidden units, and every activation × initialisation pair."""
    st.header(tr("backprop.depth_title"))
    st.write(tr("backprop.depth_intro", steps=DEPTH_STEPS))
    row = st.columns(4)
    depth_activation = row[0].selectbox(tr("backprop.depth_activation"), DEPTH_ACTIVATIONS, index=2,
                                        key=K + "depth_activation", format_func=lambda name: tr(f"activations.name.{name}"))
    scheme = row[1].selectbox(tr("backprop.init"), INITIALISATIONS, index=3, key=K + "init",
                              format_func=lambda name: tr(f"backprop.init.{name}"))
    depth = row[2].slider(tr("backprop.depth"), 6, 10, 8, key=K + "depth")
    width = row[3].select_slider(tr("backprop.width"), (16, 32, 64), 32, key=K + "width")
    result = flow_of(depth_activation, scheme, depth, width)
    moments = {"start": tr("backprop.moment.start"), "after": tr("backprop.moment.after", steps=DEPTH_STEPS)}
    norms = result.norms[np.isfinite(result.norms["norm"]) & (result.norms["norm"] > 0)].replace({"moment": moments})
    chart_column, text_column = st.columns([3, 2])
    spec = chart_spec("flow", tuple(moments.values()), tr("backprop.layer_axis"), tr("backprop.norm_axis"))
    chart_column.vega_lite_chart(localize(attach(spec, flow=norms), tr.lang), width="stretch")
    spec = chart_spec("units", tr("backprop.units_axis"), tr("backprop.examples_axis"), tr("backprop.output_axis"),
                      tr("backprop.units_title", steps=DEPTH_STEPS))
    units = result.units[np.isfinite(result.units["output"])]
    chart_column.vega_lite_chart(localize(attach(spec, units=units), tr.lang), width="stretch")
    flow_message = {"healthy": st.success, "vanishing": st.warning, "exploding": st.error, "none": st.info}
    with text_column:
        flow_message[result.flow_start](tr(f"backprop.flow.{result.flow_start}"))
        if result.symmetric:
            st.warning(tr("backprop.symmetric", steps=DEPTH_STEPS, distinct=max(result.distinct), width=width),
                       icon=":material/content_copy:")
        st.write(tr("backprop.good_pairs"))

    st.subheader(tr("backprop.overview_title"))
    flow_labels = {name: tr(f"backprop.flow_short.{name}") for name in ("healthy", "vanishing", "exploding", "none")}
    overview = overview_of(*OVERVIEW_SIZE).assign(
        flow_label=lambda frame: frame["flow"].map(flow_labels),
        init=lambda frame: frame["init"].map(lambda name: tr(f"backprop.init.{name}")),
        activation=lambda frame: frame["activation"].map(lambda name: tr(f"activations.name.{name}")),
    )
    spec = chart_spec("overview", tr("backprop.overview_axis_init"), tr("backprop.overview_axis_activation"),
                      tr("backprop.overview_color"), flow_labels)
    st.vega_lite_chart(localize(attach(spec, overview=overview), tr.lang), width="stretch")
    st.caption(tr("backprop.overview_caption", depth=OVERVIEW_SIZE[0], width=OVERVIEW_SIZE[1]))
