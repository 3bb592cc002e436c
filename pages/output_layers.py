"""Output layers: the recipe per task, Keras code, a live toy example and three common mistakes."""

import numpy as np
import streamlit as st

from rna_core.charts import localize
from rna_core.charts.named_data import attach
from rna_core.charts.output_layers import output_chart, output_data, paired_bars, paired_data
from rna_core.output_layers import (
    OUTPUT_LAYERS,
    TASKS,
    double_softmax,
    keras_code,
    normalisation_mismatch,
    output_example,
    sigmoid_with_categorical,
)
from rna_ui.shell import setup_page, show_code, show_error
from rna_ui.widgets import decimal_slider

CLASSES = ("dog", "cat", "bird", "fish")
BASE_LOGITS = np.array([2.0, 1.0, 0.1, -1.0])
Z_RANGE = {"regression": (-30.0, 40.0), "bounded_regression": (-10.0, 20.0)}

tr = setup_page("output_layers.title")
st.write(tr("output_layers.intro"))


CHARTS = {"output": output_chart, "paired": paired_bars}


@st.cache_data(max_entries=256, show_spinner=False)
def chart_spec(kind: str, *args: object) -> dict:
    """Vega-Lite spec of a chart's structure, built once (Altair is slow to build)."""
    return CHARTS[kind](*args).to_dict()


@st.cache_data(show_spinner=False)
def cached_mismatch(divisor: float):
    return normalisation_mismatch(divisor)


def paired_panel(value_title: str, series: tuple[str, str], first, second, metrics: list[tuple[str, str]]) -> None:
    """Two bars per class (``first`` in ``series[0]``, ``second`` in ``series[1]``) and metrics beside them."""
    chart_column, value_column = st.columns([3, 1])
    spec = chart_spec("paired", value_title, series, tr("activations.class"))
    chart_column.vega_lite_chart(localize(attach(spec, **paired_data(class_names, series, first, second)), tr.lang), width="stretch")
    for label, value in metrics:
        value_column.metric(label, value)


def label_name(task: str, label: str) -> str:
    if task == "multiclass":
        return tr(f"activations.class.{label}")
    return tr(f"output_layers.label.{label}")


task = st.radio(
    tr("output_layers.task"), TASKS, format_func=lambda key: tr(f"output_layers.task.{key}"),
    horizontal=True, key="output_layers.task",
)
layer = OUTPUT_LAYERS[task]

units, activation, loss = st.columns([1, 1, 2])
units.metric(tr("output_layers.units"), tr(f"output_layers.units.{task}"))
activation.metric(tr("output_layers.activation"), tr(f"output_layers.act.{layer.activation}"))
loss.markdown(f"{tr('output_layers.loss')}\n\n`{layer.loss}`")
st.write(tr(f"output_layers.why.{task}"))
st.caption(tr("output_layers.code"))
st.code(keras_code(task), language="python")

# --- live toy example --------------------------------------------------------------------
st.subheader(tr("output_layers.try"))
st.write(tr(f"output_layers.example.{task}"))
low, high = Z_RANGE.get(task, (-8.0, 8.0))
slider_columns = st.columns(layer.units)
logits = [
    decimal_slider(
        tr, tr("output_layers.z_for", label=label_name(task, label)), low, high, 0.0, 0.1,
        key=f"output_layers.z.{task}.{index}", container=column,
    )
    for index, (column, label) in enumerate(zip(slider_columns, layer.labels, strict=True))
]
try:
    example = output_example(task, logits)
except ValueError as error:
    show_error(error)
else:
    data = output_data([label_name(task, label) for label in layer.labels], example.outputs, example.target)
    chart_column, value_column = st.columns([3, 1])
    titles = (tr("output_layers.output"), tr("output_layers.output"), tr("output_layers.target"))
    chart_column.vega_lite_chart(localize(attach(chart_spec("output", *titles), **data), tr.lang), width="stretch")
    chart_column.caption(tr("output_layers.chart_caption"))
    value_column.metric(tr("output_layers.loss_value"), tr.num(example.loss, ".4f"))
    if layer.units > 1:
        value_column.metric(tr("output_layers.output_sum"), tr.num(example.outputs.sum(), ".4f"))

# --- common mistakes -----------------------------------------------------------------------
st.header(tr("output_layers.mistakes"))
double_tab, sigmoid_tab, scale_tab = st.tabs(
    [tr("output_layers.mistake.double"), tr("output_layers.mistake.sigmoid"), tr("output_layers.mistake.scale")]
)
class_names = [tr(f"activations.class.{name}") for name in CLASSES]
with double_tab:
    st.markdown(tr("output_layers.double_text"))
    scale = decimal_slider(tr, tr("output_layers.confidence"), 0.0, 10.0, 1.0, 0.5, key="output_layers.double_scale")
    mistake = double_softmax(BASE_LOGITS * scale, 0)
    paired_panel(tr("activations.probability"), (tr("output_layers.model_output"), tr("output_layers.seen_by_loss")),
                 mistake.probabilities, mistake.seen_by_loss,
                 [(tr("output_layers.right_loss"), tr.num(mistake.right_loss, ".4f")),
                  (tr("output_layers.wrong_loss"), tr.num(mistake.wrong_loss, ".4f"))])
    floor10 = double_softmax(np.eye(10)[0] * 50, 0).floor
    st.info(tr("output_layers.floor", floor=mistake.floor, floor10=floor10), icon=":material/view_list:")
with sigmoid_tab:
    st.markdown(tr("output_layers.sigmoid_text"))
    scale = decimal_slider(tr, tr("output_layers.confidence"), 0.0, 10.0, 1.0, 0.5, key="output_layers.sigmoid_scale")
    mistake = sigmoid_with_categorical(BASE_LOGITS * scale, 0)
    paired_panel(tr("output_layers.output"), (tr("output_layers.sigmoid_outputs"), tr("output_layers.softmax_outputs")),
                 mistake.sigmoid_outputs, mistake.softmax_outputs,
                 [(tr("output_layers.output_sum"), tr.num(mistake.total, ".3f")),
                  (tr("output_layers.formula_loss"), tr.num(mistake.formula_loss, ".4f")),
                  (tr("output_layers.keras_loss"), tr.num(mistake.keras_loss, ".4f")),
                  (tr("output_layers.softmax_loss"), tr.num(mistake.softmax_loss, ".4f"))])
    all_yes = sigmoid_with_categorical([6.0] * 4, 0)
    st.warning(tr("output_layers.all_yes", formula=all_yes.formula_loss), icon=":material/visibility_off:")
with scale_tab:
    st.markdown(tr("output_layers.scale_text"))
    divisor = st.select_slider(
        tr("output_layers.divisor"), (1.0, 16.0, 32.0, 64.0, 128.0, 255.0, 512.0), 32.0, key="output_layers.divisor",
        format_func=lambda value: tr.num(value, "g"),
    )
    result = cached_mismatch(float(divisor))
    columns = st.columns(4)
    columns[0].metric(tr("output_layers.train_range"), tr("output_layers.range_value", low=result.train_range[0], high=result.train_range[1]))
    columns[1].metric(tr("output_layers.new_range", divisor=divisor), tr("output_layers.range_value", low=result.wrong_range[0], high=result.wrong_range[1]))
    columns[2].metric(tr("output_layers.accuracy_right"), tr.num(result.right_accuracy, ".0%"))
    columns[3].metric(
        tr("output_layers.accuracy_new", divisor=divisor), tr.num(result.wrong_accuracy, ".0%"),
        delta=f"{(result.wrong_accuracy - result.right_accuracy) * 100:+.0f} pp", delta_color="normal",
    )
    st.caption(
        tr(
            f"output_layers.scale_result.{result.effect}", threshold=result.threshold, scaled=result.threshold / 255,
            divisor=divisor, high=result.wrong_range[1], share_zero=result.wrong_share_zero,
            share_one=1 - result.wrong_share_zero, right=result.right_accuracy, accuracy=result.wrong_accuracy,
        )
    )
show_code(tr, output_example, double_softmax)
