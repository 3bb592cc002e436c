"""Neurons and logic gates: a McCulloch–Pitts neuron, the perceptron rule step by step, a link to the MLP on XOR."""


import streamlit as st

from rna_core.charts import localize
from rna_core.charts.neurons import errors_chart, perceptron_plane_chart
from rna_core.diagrams import mcculloch_pitts_dot, perceptron_dot
from rna_core.i18n import LANGUAGES, t
from rna_core.neurons import (
    GATES,
    INHIBITION_MODES,
    MAX_INPUTS,
    MAX_PERCEPTRON_EPOCHS,
    PERCEPTRON_ACTIVATIONS,
    McCullochPitts,
    binary_inputs,
    custom_table,
    find_mcculloch_pitts,
    train_perceptron,
    update_rule_latex,
)
from rna_core.neurons.messages import search_message, training_message
from rna_core.playground.settings import Settings
from rna_ui.shell import link_to_page, setup_page, show_code, show_error
from rna_ui.widgets import number_table, shown

tr = setup_page("neurons.title")
st.write(tr("neurons.intro"))


def keep_in(key: str, allowed: list, default: object) -> None:
    """Give a widget whose range changes its value back (Streamlit would reset it), or the default."""
    value = st.session_state.get(key)
    st.session_state[key] = value if value in allowed else default


def mp_section() -> None:
    st.caption(tr("neurons.mp_explain"))
    left, right = st.columns(2, gap="large")
    with left:
        n = st.slider(tr("neurons.mp_n_inputs"), 1, MAX_INPUTS, 2, key="neurons.mp_n")
        names = [f"x{i}" for i in range(1, n + 1)]
        key = "neurons.mp_inhibitory"
        st.session_state[key] = [name for name in st.session_state.get(key, []) if name in names]
        inhibitory = st.multiselect(tr("neurons.mp_inhibitory"), names, shown(key), key=key,
                                    placeholder=tr("neurons.mp_all_excitatory"))
        mode = st.radio(tr("neurons.mp_inhibition"), INHIBITION_MODES, key="neurons.mp_mode",
                        format_func=lambda m: tr(f"neurons.mode_{m}"))
        low = 0 if mode == "absolute" else -n
        keep_in("neurons.mp_threshold", list(range(low, n + 2)), min(n, 2))
        threshold = st.slider(tr("neurons.mp_threshold"), low, n + 1, shown("neurons.mp_threshold"),
                              key="neurons.mp_threshold")
    neuron = McCullochPitts(tuple(name in inhibitory for name in names), threshold, mode)
    table = neuron.truth_table()
    with right:
        st.graphviz_chart(mcculloch_pitts_dot(neuron.inhibitory, threshold, subtractive=mode == "subtractive"))
        st.markdown(tr("neurons.mp_is_gate", gate=table.name) if table.name != "custom" else tr("neurons.mp_no_gate"))
        st.dataframe(table.to_frame(), hide_index=True, height=min(35 * (len(table.outputs) + 1) + 3, 300))
    st.divider()
    target = st.selectbox(tr("neurons.mp_target"), list(GATES), index=list(GATES).index("XOR"),
                          key="neurons.mp_target")
    if st.button(tr("neurons.mp_search", gate=target), key="neurons.mp_search_button", type="primary"):
        st.session_state["neurons.mp_result"] = find_mcculloch_pitts(GATES[target], mode)
    result = st.session_state.get("neurons.mp_result")
    if result is not None:
        found, text = search_message(result, tr)
        (st.success if found else st.warning)(text, icon=":material/check_circle:" if found else ":material/block:")
    show_code(tr, McCullochPitts.__call__, find_mcculloch_pitts)


def perceptron_section() -> None:
    st.caption(tr("neurons.p_explain"))
    first, second, third = st.columns(3)
    choice = first.selectbox(tr("neurons.p_gate"), [*GATES, "custom"], key="neurons.p_gate",
                             format_func=lambda name: tr("neurons.custom") if name == "custom" else name)
    activation = first.radio(tr("neurons.p_activation"), PERCEPTRON_ACTIVATIONS, key="neurons.p_activation",
                             format_func=lambda name: tr(f"neurons.act_{name}"), horizontal=True)
    rate = second.number_input(tr("neurons.learning_rate"), value=0.1, step=0.05, format="%.3f", key="neurons.p_lr")
    epochs = second.number_input(tr("neurons.epochs"), 0, MAX_PERCEPTRON_EPOCHS, 50, key="neurons.p_epochs")
    seed = third.number_input(tr("neurons.seed"), 0, 9999, 0, key="neurons.p_seed")
    table = None
    try:
        if choice == "custom":
            st.caption(tr("neurons.p_custom_help"))
            cells = st.columns(4)
            outputs = [cells[i].number_input(f"x = {a}{b} → y", value=GATES["AND"].outputs[i], step=1,
                                             key=f"neurons.p_custom_{i}") for i, (a, b) in enumerate(binary_inputs(2))]
            table = custom_table(outputs)
        else:
            table = GATES[choice]
        settings = (table.outputs, activation, rate, epochs, seed)
        if third.button(tr("neurons.p_train"), key="neurons.p_train", type="primary"):
            training = train_perceptron(table.inputs(), table.targets(), learning_rate=rate,
                                        activation=activation, epochs=epochs, seed=seed)
            st.session_state["neurons.p_result"] = {"settings": settings, "training": training, "table": table,
                                                    "trace": training.trace_frame()}
            st.session_state["neurons.p_step"] = len(training.steps)
    except ValueError as error:
        show_error(error)
        if table is None:  # the table itself is wrong: offer the button, it repeats the message
            third.button(tr("neurons.p_train"), key="neurons.p_train", type="primary")
        return
    stored = st.session_state.get("neurons.p_result")
    if stored is None or stored["settings"] != settings:
        st.info(tr("neurons.p_press_train" if stored is None else "neurons.stale"))
        return
    show_perceptron(stored["training"], stored["table"], stored["trace"])


def show_perceptron(training, table, trace) -> None:
    converged, text = training_message(training, table.name if table.name != "custom" else tr("neurons.custom"), tr)
    (st.success if converged else st.warning)(text, icon=":material/check_circle:" if converged else ":material/repeat:")
    if training.initial.activation == "sign":
        st.caption(tr("neurons.p_sign_labels"))
    total = len(training.steps)
    keep_in("neurons.p_step", list(range(total + 1)), total)
    step = st.slider(tr("neurons.p_step"), 0, total, shown("neurons.p_step"), key="neurons.p_step")
    weights = training.weights_at(step)
    current = training.steps[step - 1] if step else None
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.vega_lite_chart(localize(perceptron_plane_chart(
            table.inputs(), table.targets(), weights, highlight=current.sample - 1 if current else None,
            class_title=tr("neurons.class")), tr.lang), width="content")
        st.caption(tr("neurons.p_plane_caption"))
    with right:
        st.graphviz_chart(perceptron_dot(weights, activation=tr(f"neurons.diagram_{training.initial.activation}")))
        if current is None:
            st.write(tr("neurons.p_step_start"))
        else:
            x = "(" + ", ".join(tr.num(v, "g") for v in current.x) + ")"
            st.write(tr("neurons.p_step_caption", epoch=current.epoch, sample=current.sample, x=x,
                        y=tr.num(current.target, "g"), z=tr.num(current.net_input, ".3f"), prediction=tr.num(current.prediction, "g")))
            st.latex(update_rule_latex(current, training.learning_rate))
            if current.error == 0:
                st.caption(tr("neurons.p_no_change"))
    st.altair_chart(localize(errors_chart(training.errors_per_epoch, errors_title=tr("neurons.errors"),
                                 epoch_title=tr("neurons.epoch")), tr.lang), width="stretch")
    st.caption(tr("neurons.p_errors_caption"))
    with st.expander(tr("neurons.p_trace")):
        names = {"epoch": tr("neurons.col.epoch"), "sample": tr("neurons.col.sample")}
        st.dataframe(number_table(tr, trace.rename(columns=names), precision=3), hide_index=True, height=300)
    show_code(tr, train_perceptron)


def mlp_section() -> None:
    """The multilayer perceptron lives on the playground page: a link there with XOR loaded."""
    st.write(tr("playground.from_neurons"))
    query = {**Settings(dataset="xor", layers=(4,)).to_query(), "lang": tr.lang}
    link_to_page("pages/playground.py", "playground", tr("playground.open_xor"), query=query,
                 icon=":material/scatter_plot:")


sections = {"mp": mp_section, "perceptron": perceptron_section, "mlp": mlp_section}
for name in sections:  # keep the open tab when the language changes (the tab's value is its label)
    if st.session_state.get("neurons.tab") in {t(f"neurons.tab_{name}", lang) for lang in LANGUAGES}:
        st.session_state["neurons.tab"] = tr(f"neurons.tab_{name}")
tabs = st.tabs([tr(f"neurons.tab_{name}") for name in sections], key="neurons.tab", on_change="rerun")
for tab, section in zip(tabs, sections.values(), strict=True):
    if tab.open:
        with tab:
            section()
