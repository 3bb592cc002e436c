"""Rendering helpers of the MNIST training page (UI layer; the logic lives in rna_core)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from rna_core import model_checks, model_code, model_files
from rna_core.charts import localize
from rna_core.charts.training import confusion_chart, history_chart, runs_chart
from rna_core.data import TrainingData
from rna_core.evaluation import evaluate, overfitting_epoch
from rna_core.i18n import Translator
from rna_core.models import layer_summary
from rna_core.training import Progress, TrainingJob
from rna_ui.session import register_trained_model
from rna_ui.shell import show_error
from rna_ui.widgets import number_table

GALLERY_SIZE = 16


def percent(tr: Translator, value: float, decimals: int = 2) -> str:
    """A share as a percentage: 98.31% / 98,31 %."""
    return tr.num(100 * value, f",.{decimals}f") + (" %" if tr.lang == "es" else "%")


def seconds(tr: Translator, value: float | None) -> str:
    """Seconds with one decimal, or a dash when unknown."""
    return "—" if value is None else tr("training.seconds", value=tr.num(value, ",.1f"))


def history_texts(tr: Translator, metric: str) -> dict[str, str]:
    """Translated labels of a learning-curve chart."""
    return {
        "epoch": tr("training.chart.epoch"),
        "value": tr(f"training.chart.{metric}"),
        "set": tr("training.chart.set"),
        "train": tr("training.chart.train"),
        "validation": tr("training.chart.validation"),
        "batches": tr("training.chart.batches"),
    }


def render_progress(tr: Translator, job: TrainingJob, progress: Progress) -> None:
    """Progress bar, elapsed/ETA, status messages and live learning curves of one job."""
    if progress.phase == "compiling" and progress.steps_per_epoch:
        text = tr("training.compiling", epochs=progress.total_epochs)
    elif progress.steps_per_epoch:
        epoch, batch = progress.position
        text = tr("training.progress", epoch=epoch, epochs=progress.total_epochs, batch=tr.num(batch, ","),
                  steps=tr.num(progress.steps_per_epoch, ","))
    else:
        text = tr("training.starting")
    st.progress(progress.fraction, text=f"**{job.label}** · {text}")
    columns = st.columns(3)
    columns[0].metric(tr("training.status"), tr(f"training.status.{progress.status}"))
    columns[1].metric(tr("training.elapsed"), seconds(tr, progress.elapsed))
    columns[2].metric(tr("training.eta"), seconds(tr, progress.eta) if not progress.done else "—")
    if progress.status == "stopped":
        st.info(tr("training.stopped", epoch=progress.position[0]), icon=":material/stop:")
    elif progress.error_code == "nan_loss":
        st.error(tr("training.nan", epoch=progress.error_epoch, batch=progress.error_batch), icon=":material/warning:")
    elif progress.status == "failed":
        show_error(ValueError(progress.error or "?"))
    overfit = overfitting_epoch(progress.epoch_logs)
    if overfit is not None:
        st.warning(tr("training.overfitting", epoch=overfit), icon=":material/trending_down:")
    if progress.epoch_logs or progress.batch_logs:
        left, right = st.columns(2)
        for column, metric in ((left, "loss"), (right, "accuracy")):
            chart = history_chart(progress.epoch_logs, progress.batch_logs, progress.steps_per_epoch, metric,
                                  history_texts(tr, metric))
            column.altair_chart(localize(chart, tr.lang), width="stretch")
        st.caption(tr("training.chart.caption"))


def render_results(tr: Translator, job: TrainingJob, runs: list[TrainingJob]) -> bool:
    """Test metrics, confusion matrix, per-digit table, mistakes, summary, runs, code, downloads.

    Returns True when the student asked to use the model in Draw a digit.
    """
    result = job.evaluation
    progress = job.progress()
    if result is None or job.model is None:
        return False
    st.markdown(tr("training.results_of", label=job.label))
    columns = st.columns(4)
    columns[0].metric(tr("training.test_accuracy"), percent(tr, result.accuracy))
    columns[1].metric(tr("training.test_loss"), tr.num(result.loss, ",.4f"))
    columns[2].metric(tr("training.test_precision"), percent(tr, result.precision))
    columns[3].metric(tr("training.train_time"), seconds(tr, progress.fit_seconds))

    left, right = st.columns([1, 1])
    with left:
        st.subheader(tr("training.confusion"))
        texts = {"true": tr("training.true"), "predicted": tr("training.predicted"), "count": tr("training.count")}
        st.altair_chart(localize(confusion_chart(result.confusion, texts), tr.lang), width="content")
        st.caption(tr("training.confusion_caption"))
    with right:
        st.subheader(tr("training.per_class"))
        st.dataframe(number_table(tr, per_class_frame(tr, result.per_class()), 4), hide_index=True, width="stretch")
        st.caption(tr("training.precision_recall"))

    render_mistakes(tr, job)
    with st.expander(tr("training.model_summary"), icon=":material/view_list:"):
        st.dataframe(layers_frame(tr, job), hide_index=True, width="stretch")
    finished = [(run.label, run.progress().epoch_logs) for run in runs if run.progress().epoch_logs]
    if finished:
        st.subheader(tr("training.runs"))
        texts = {"run": tr("training.run"), "epoch": tr("training.chart.epoch"), "value": tr("training.chart.val_accuracy")}
        st.altair_chart(localize(runs_chart(finished, texts), tr.lang), width="stretch")
        st.caption(tr("training.runs_caption"))
    with st.expander(tr("training.code"), icon=":material/code:"):
        st.markdown(tr("training.sequential_text"))
        st.code(model_code.to_keras_code(job.config), language="python")
        st.markdown(tr("training.evaluate_order"))
        st.code(tr("training.evaluate_code"), language="python")
    return render_downloads(tr, job)


def per_class_frame(tr: Translator, metrics: dict[str, np.ndarray]) -> pd.DataFrame:
    """The per-digit table with translated column names."""
    return pd.DataFrame({
        tr("training.col.digit"): np.arange(len(metrics["support"])),
        tr("training.col.precision"): metrics["precision"].round(4),
        tr("training.col.recall"): metrics["recall"].round(4),
        tr("training.col.f1"): metrics["f1"].round(4),
        tr("training.col.support"): metrics["support"],
    })


def layers_frame(tr: Translator, job: TrainingJob) -> pd.DataFrame:
    """The model summary (layers, units, activation, parameters) with translated names."""
    names = []
    rows = layer_summary(job.config)
    for row in rows:
        if row["kind"] == "hidden":
            names.append(tr("training.layer.hidden", n=row["index"]))
        elif row["kind"] == "dropout":
            names.append(tr("training.layer.dropout", rate=percent(tr, row["rate"], 0)))
        else:
            names.append(tr(f"training.layer.{row['kind']}"))
    return pd.DataFrame({
        tr("training.col.layer"): names,
        tr("training.col.units"): [row["units"] for row in rows],
        tr("training.col.activation"): [row["activation"] for row in rows],
        tr("training.col.parameters"): [row["parameters"] for row in rows],
    })


def render_mistakes(tr: Translator, job: TrainingJob) -> None:
    """A gallery of the test digits the model misread with the most confidence."""
    result = job.evaluation
    if result is None:
        return
    st.subheader(tr("training.mistakes"))
    st.caption(tr("training.mistakes_caption", wrong=tr.num(len(result.misclassified), ","),
                  total=tr.num(len(result.predicted), ",")))
    chosen = result.misclassified[:GALLERY_SIZE]
    if len(chosen) == 0:
        return
    images = [np.asarray(job.data.x_test[i]).reshape(28, 28) for i in chosen]
    captions = [
        tr("training.mistake", true=int(job.data.y_test[i]), pred=int(result.predicted[i]),
           conf=tr.num(float(result.confidence[i]), ".0%"))
        for i in chosen
    ]
    st.image(images, caption=captions, width=96, clamp=True)


def render_downloads(tr: Translator, job: TrainingJob) -> bool:
    """Download buttons (.keras, config.json, weights.npz) and "use in Draw a digit"."""
    model, config = job.model, job.config
    st.subheader(tr("training.downloads"))
    columns = st.columns(3)
    columns[0].download_button(
        tr("training.download_keras"), data=lambda: model_files.keras_file_bytes(model), file_name="mnist_mlp.keras",
        mime="application/octet-stream", on_click="ignore", key="training.dl_keras", icon=":material/download:",
    )
    columns[1].download_button(
        tr("training.download_config"), data=lambda: model_files.config_json(model, config), file_name="config.json",
        mime="application/json", on_click="ignore", key="training.dl_config", icon=":material/description:",
    )
    columns[2].download_button(
        tr("training.download_weights"), data=lambda: model_files.weights_npz(model), file_name="weights.npz",
        mime="application/octet-stream", on_click="ignore", key="training.dl_weights", icon=":material/download:",
    )
    st.caption(tr("training.downloads_caption"))
    return st.button(tr("training.use_in_draw"), key="training.use_in_draw", icon=":material/draw:", type="primary")


def render_import(tr: Translator, test_data: Callable[[], TrainingData]) -> None:
    """Import a model in the safe format (config.json + weights.npz); refuse unsafe files."""
    with st.expander(tr("training.import"), icon=":material/upload_file:"):
        st.caption(tr("training.import_help"))
        files = st.file_uploader(tr("training.import_files"), accept_multiple_files=True, key="training.upload")
        if not files or not st.button(tr("training.import_button"), key="training.import_go"):
            return
        try:
            model, config = model_files.load_uploaded([(file.name, file.getvalue()) for file in files])
            result = evaluate(model, test_data().x_test, test_data().y_test)
        except model_files.UnsafeModelFileError as error:
            st.error(tr("training.import_unsafe", name=error.filename), icon=":material/block:")
            return
        except model_files.MissingModelFileError:
            st.error(tr("training.import_need_both"), icon=":material/warning:")
            return
        except ValueError as error:
            show_error(error)
            return
        name = next((file.name for file in files if file.name.lower().endswith(".json")), files[0].name)
        label = model_checks.import_label(name, config, tr.lang)
        register_trained_model(label, model)
        st.success(tr("training.import_ok", label=label, accuracy=percent(tr, result.accuracy)), icon=":material/check_circle:")
