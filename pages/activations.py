"""Activation functions: f(z) and f'(z), saturation zones, softmax with temperature, where each is used."""

import pandas as pd
import streamlit as st

from rna_core.activations import ACTIVATIONS, DEFAULT_LEAKY_ALPHA, low_slope_intervals, sigmoid, softmax
from rna_core.charts import localize
from rna_core.charts.activations import activation_chart, activation_curves, softmax_bars
from rna_core.charts.named_data import attach
from rna_core.formulas import ACTIVATION_LATEX, SOFTMAX_LATEX
from rna_core.number_lists import parse_numbers
from rna_ui.shell import setup_page, show_code, show_error
from rna_ui.widgets import decimal_slider

CLASSES = ("dog", "cat", "bird", "fish")

tr = setup_page("activations.title")
st.write(tr("activations.intro"))


def name_of(key: str) -> str:
    return tr(f"activations.name.{key}")


CHARTS = {"curves": activation_chart, "softmax": softmax_bars}


@st.cache_data(max_entries=128, show_spinner=False)
def chart_spec(kind: str, *args: object) -> dict:
    """Vega-Lite spec of a chart's structure, built once (Altair is slow to build)."""
    return CHARTS[kind](*args).to_dict()


# --- f(z) and f'(z) ---------------------------------------------------------------
chosen = st.multiselect(
    tr("activations.choose"),
    list(ACTIVATIONS),
    default=["sigmoid", "tanh", "relu"],
    format_func=name_of,
    key="activations.chosen",
)
left, middle, right = st.columns([1, 1, 2])
z_min = left.number_input(tr("activations.z_min"), value=-6.0, step=1.0, key="activations.z_min")
z_max = middle.number_input(tr("activations.z_max"), value=6.0, step=1.0, key="activations.z_max")
alpha = decimal_slider(
    tr, tr("activations.alpha"), 0.0, 1.0, DEFAULT_LEAKY_ALPHA, 0.01,
    help=tr("activations.alpha_help"), key="activations.alpha", container=right,
)

if not chosen:
    st.warning(tr("activations.empty"), icon=":material/arrow_upward:")
elif z_min >= z_max:
    st.error(tr("activations.bad_range", low=z_min, high=z_max), icon=":material/warning:")
else:
    try:
        labels = tuple(name_of(key) for key in chosen)
        data = activation_curves(chosen, z_min, z_max, alpha, labels)
        for column, field in zip(st.columns(2), ("f", "df"), strict=True):
            title = tr("activations.function_title" if field == "f" else "activations.derivative_title")
            spec = attach(chart_spec("curves", labels, field, title, tr("activations.col.activation")), **data)
            column.vega_lite_chart(localize(spec, tr.lang), width="stretch", height=430)
        st.caption(tr("activations.vanishing"))
        with st.expander(tr("activations.formulas"), expanded=True, icon=":material/function:"):
            for key in chosen:
                if key in ACTIVATION_LATEX:
                    st.markdown(f"**{name_of(key)}**")
                    function_column, derivative_column = st.columns(2)
                    function_column.latex(ACTIVATION_LATEX[key][0])
                    derivative_column.latex(ACTIVATION_LATEX[key][1])
        lines = []
        for key in chosen:
            params = {"alpha": alpha} if "alpha" in ACTIVATIONS[key].params else {}
            intervals = low_slope_intervals(key, z_min, z_max, **params)
            if not intervals:
                text = tr("activations.zone_none")
            elif intervals == [(z_min, z_max)]:
                text = tr("activations.zone_all")
            else:
                text = ", ".join(tr("activations.interval", low=start, high=end) for start, end in intervals)
            lines.append(f"- **{name_of(key)}**: {text}")
        with st.expander(tr("activations.zones")):
            st.markdown("\n".join(lines))
    except ValueError as error:
        show_error(error)

# --- softmax ---------------------------------------------------------------------
st.header(tr("activations.softmax_title"))
st.write(tr("activations.softmax_intro"))
st.write(tr("activations.softmax_formula"))
st.latex(SOFTMAX_LATEX)
text_column, temperature_column = st.columns(2)
logits_text = text_column.text_input(tr("activations.logits"), value="2, 1, 0.1, -1", key="activations.logits")
temperature = decimal_slider(
    tr, tr("activations.temperature"), 0.1, 5.0, 1.0, 0.1, key="activations.temperature", container=temperature_column
)
try:
    logits = parse_numbers(logits_text, count=len(CLASSES))
except ValueError as error:
    show_error(error)
else:
    probabilities = softmax(logits, temperature=temperature)
    table = pd.DataFrame(
        {
            "class": [tr(f"activations.class.{name}") for name in CLASSES],
            "logit": logits,
            "probability": probabilities,
        }
    )
    bars_column, sum_column = st.columns([3, 1])
    spec = attach(chart_spec("softmax", tr("activations.probability"), tr("activations.class")), softmax=table)
    bars_column.vega_lite_chart(localize(spec, tr.lang), width="stretch")
    sum_column.metric(tr("activations.sum"), tr.num(probabilities.sum(), ".6f"))

# --- where each activation is used ---------------------------------------------------
st.header(tr("activations.uses_title"))
rows = [
    ("hidden", tr("activations.use.hidden_act")),
    ("binary", name_of("sigmoid")),
    ("multiclass", "Softmax"),
    ("regression", tr("activations.use.regression_act")),
    ("history", tr("activations.use.history_act")),
]
layer_column = tr("activations.col.layer")
st.table(
    pd.DataFrame(
        {
            layer_column: [tr(f"activations.use.{row}") for row, _ in rows],
            tr("activations.col.activation"): [activation for _, activation in rows],
            tr("activations.col.why"): [tr(f"activations.use.{row}_why") for row, _ in rows],
        }
    ).set_index(layer_column)
)
show_code(tr, sigmoid, softmax)
