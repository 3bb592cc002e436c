"""Cost functions: binary and categorical cross-entropy, MSE with residuals, gradient descent on a curve."""

import numpy as np
import pandas as pd
import streamlit as st

from rna_core.activations import softmax
from rna_core.charts import localize
from rna_core.charts.costs import (
    REGRESSION_HOURS,
    REGRESSION_SCORES,
    bce_chart,
    bce_data,
    class_probability_chart,
    descent_chart,
    descent_data,
    example_cost_chart,
    example_cost_data,
    regression_chart,
    regression_data,
)
from rna_core.charts.named_data import attach
from rna_core.descent import CURVES, gradient_descent
from rna_core.formulas import GD_UPDATE_LATEX, MSE_LATEX
from rna_core.losses import binary_crossentropy, categorical_crossentropy, mean_squared_error
from rna_core.number_lists import parse_numbers
from rna_ui.shell import setup_page, show_code, show_error
from rna_ui.widgets import decimal_slider

CLASSES = ("dog", "cat", "bird", "fish")
LEARNING_RATES = (0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.05, 1.2, 1.5)

tr = setup_page("costs.title")
st.write(tr("costs.intro"))


CHARTS = {
    "bce": bce_chart, "examples": example_cost_chart, "classes": class_probability_chart,
    "regression": regression_chart, "descent": descent_chart,
}


@st.cache_data(max_entries=128, show_spinner=False)
def chart_spec(kind: str, *args: object) -> dict:
    """Vega-Lite spec of a chart's structure, built once (Altair is slow to build)."""
    return CHARTS[kind](*args).to_dict()


# --- binary cross-entropy --------------------------------------------------------------
st.header(tr("costs.bce_title"))
st.write(tr("costs.bce_intro"))
chart_column, value_column = st.columns([3, 1])
y_hat = decimal_slider(tr, tr("costs.y_hat"), 0.0, 1.0, 0.7, 0.01, key="costs.y_hat", container=value_column)
value_column.metric(tr("costs.cost_if_1"), tr.num(binary_crossentropy([1.0], [y_hat]), ".3f"))
value_column.metric(tr("costs.cost_if_0"), tr.num(binary_crossentropy([0.0], [y_hat]), ".3f"))
curve_names = (tr("costs.curve_y1"), tr("costs.curve_y0"))
bce_spec = chart_spec("bce", *curve_names, tr("costs.y_hat"), tr("costs.cost"))
chart_column.vega_lite_chart(localize(attach(bce_spec, **bce_data(y_hat, *curve_names)), tr.lang), width="stretch")
st.write(tr("costs.bce_formula"))
st.latex(
    r"L(\hat y, y) = -\big[\,y\log\hat y + (1-y)\log(1-\hat y)\,\big]"
    r"\qquad J = -\frac{1}{m}\sum_{i=1}^{m}\big[\,y^{(i)}\log\hat y^{(i)} + (1-y^{(i)})\log(1-\hat y^{(i)})\,\big]"
)
st.caption(tr("costs.bce_typo"))

st.subheader(tr("costs.batch_title"))
labels_column, predictions_column = st.columns(2)
labels_text = labels_column.text_input(tr("costs.labels"), "1, 0, 1, 1, 0", key="costs.labels")
predictions_text = predictions_column.text_input(
    tr("costs.predictions"), "0.9, 0.2, 0.6, 0.99, 0.45", key="costs.predictions"
)
try:
    labels = parse_numbers(labels_text)
    predictions = parse_numbers(predictions_text, low=0.0, high=1.0)
except ValueError as error:
    show_error(error)
else:
    if not np.all(np.isin(labels, (0.0, 1.0))):
        st.error(tr("costs.bad_labels"), icon=":material/warning:")
    elif labels.size != predictions.size:
        st.error(tr("costs.mismatch", labels=labels.size, predictions=predictions.size), icon=":material/warning:")
    else:
        per_example = [binary_crossentropy([y], [p]) for y, p in zip(labels, predictions, strict=True)]
        mean = binary_crossentropy(labels, predictions)
        data = example_cost_data(labels, predictions, per_example, mean, tr("costs.mean_rule"))
        bars_column, mean_column = st.columns([3, 1])
        examples_spec = chart_spec("examples", tr("costs.example"), tr("costs.cost"))
        bars_column.vega_lite_chart(localize(attach(examples_spec, **data), tr.lang), width="stretch")
        mean_column.metric(tr("costs.mean_cost"), tr.num(mean, ".4f"))

# --- categorical cross-entropy -------------------------------------------------------------
st.header(tr("costs.cce_title"))
st.write(tr("costs.cce_intro"))
logits_column, class_column = st.columns([2, 1])
logits_text = logits_column.text_input(tr("costs.logits"), "2, 1, 0.1, -1", key="costs.logits")
true_class = class_column.selectbox(
    tr("costs.true_class"), range(len(CLASSES)),
    format_func=lambda index: tr(f"activations.class.{CLASSES[index]}"), key="costs.true_class",
)
try:
    logits = parse_numbers(logits_text, count=len(CLASSES))
except ValueError as error:
    show_error(error)
else:
    probabilities = softmax(logits)
    table = pd.DataFrame(
        {
            "class": [tr(f"activations.class.{name}") for name in CLASSES],
            "probability": probabilities,
            "kind": [tr("costs.is_true") if i == true_class else tr("costs.other") for i in range(len(CLASSES))],
        }
    )
    bars_column, value_column = st.columns([3, 1])
    classes_spec = chart_spec(
        "classes", tr("costs.probability"), tr("costs.is_true"), tr("costs.other"), tr("activations.class")
    )
    bars_column.vega_lite_chart(localize(attach(classes_spec, classes=table), tr.lang), width="stretch")
    cost = categorical_crossentropy(np.eye(len(CLASSES))[true_class], probabilities)
    value_column.metric(tr("costs.cce_value"), tr.num(cost, ".4f"))
    value_column.latex(rf"-\log \hat y_{{\mathrm{{true}}}} = -\log {probabilities[true_class]:.3f}")

# --- mean squared error ---------------------------------------------------------------------
st.header(tr("costs.mse_title"))
st.write(tr("costs.mse_intro"))
chart_column, slider_column = st.columns([3, 1])
w = decimal_slider(tr, tr("costs.slope"), -1.0, 2.0, 0.5, 0.05, key="costs.slope", container=slider_column)
b = decimal_slider(tr, tr("costs.intercept"), -3.0, 6.0, 2.0, 0.1, key="costs.intercept", container=slider_column)
hours, scores = np.array(REGRESSION_HOURS), np.array(REGRESSION_SCORES)
slider_column.metric(tr("costs.mse_value"), tr.num(mean_squared_error(scores, w * hours + b), ".3f"))
regression_spec = chart_spec("regression", tr("costs.hours"), tr("costs.score"))
chart_column.vega_lite_chart(localize(attach(regression_spec, **regression_data(w, b)), tr.lang), width="stretch")
st.latex(MSE_LATEX)
best_w, best_b = np.polyfit(hours, scores, 1)
st.caption(tr("costs.mse_best", w=best_w, b=best_b, mse=mean_squared_error(scores, best_w * hours + best_b)))

# --- gradient descent ----------------------------------------------------------------------
st.header(tr("costs.gd_title"))
st.write(tr("costs.gd_intro"))
st.latex(GD_UPDATE_LATEX)
controls = st.columns(4)
curve_name = controls[0].selectbox(
    tr("costs.curve"), list(CURVES), format_func=lambda key: tr(f"costs.curve.{key}"), key="costs.curve"
)
curve = CURVES[curve_name]
learning_rate = controls[1].select_slider(tr("costs.learning_rate"), LEARNING_RATES, 0.1, key="costs.learning_rate",
                                          format_func=lambda rate: tr.num(rate, "g"))
low, high = curve.window
start = decimal_slider(tr, tr("costs.start"), low, high, curve.start, 0.05, key=f"costs.start.{curve_name}",
                       container=controls[2])
steps = controls[3].slider(tr("costs.steps"), 1, 100, 30, key="costs.steps")
try:
    result = gradient_descent(curve, start, learning_rate, steps)
except ValueError as error:
    show_error(error)
else:
    descent_spec = chart_spec("descent", tr("costs.weight"), tr("costs.cost"), tr("costs.step"))
    st.vega_lite_chart(localize(attach(descent_spec, **descent_data(curve_name, result)), tr.lang), width="stretch")
    last = {"w": float(result.weights[-1]), "steps": result.steps, "cost": float(result.costs[-1])}
    if result.start_kind in ("maximum", "flat"):
        st.warning(tr(f"costs.start_on.{result.start_kind}", w=float(result.weights[0])), icon=":material/landscape:")
    if result.status in ("maximum", "flat"):
        st.warning(tr(f"costs.status.{result.status}", **last), icon=":material/pause_circle:")
    elif result.status == "converged":
        st.success(tr("costs.status.converged", **last), icon=":material/check_circle:")
        if result.reversals > 0:
            st.info(tr("costs.status.overshoot", reversals=result.reversals), icon=":material/swap_horiz:")
        if len(curve.minima) > 1:
            is_global = result.minimum == curve.minima[0]
            (st.info if is_global else st.warning)(tr("costs.status.global" if is_global else "costs.status.local"))
    elif result.status == "diverged":
        st.error(tr("costs.status.diverged", **last), icon=":material/error:")
    elif not (result.status == "slow" and result.start_kind):  # a slow start on a hilltop is said above
        st.warning(tr(f"costs.status.{result.status}", **last), icon=":material/hourglass_bottom:" if result.status == "slow" else ":material/swap_horiz:")
show_code(tr, binary_crossentropy, gradient_descent)
