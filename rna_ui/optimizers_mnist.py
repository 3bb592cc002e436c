"""The MNIST part of the optimizer-race page: shipped result, own race in the background."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rna_core.charts import localize
from rna_core.charts.optimizers import mnist_chart
from rna_core.files import MODELS_DIR
from rna_core.i18n import Translator
from rna_core.mnist_race import (
    RACERS,
    MnistRaceJob,
    MnistRaceSettings,
    RaceProgress,
    final_table,
    prepare_race_data,
    read_result,
)
from rna_ui.jobs import live_job, session_watcher, start_job
from rna_ui.shell import show_error
from rna_ui.widgets import number_table

K = "optimizers.mnist."
SHIPPED = MODELS_DIR / "optimizer_race"
SAMPLE_CHOICES = (1_000, 5_000, 10_000, 30_000, 60_000)


@st.cache_data(show_spinner=False)
def shipped_result():
    history, settings, meta = read_result(SHIPPED)
    return history, settings.to_dict(), meta


@st.cache_resource(max_entries=2, show_spinner=False)
def race_data(samples: int, seed: int):
    return prepare_race_data(MnistRaceSettings(train_samples=samples, seed=seed))


def _named(tr: Translator, history: pd.DataFrame) -> pd.DataFrame:
    return history.assign(optimizer=history["optimizer"].map(lambda n: tr(f"optimizers.mnist.{n}")))


def history_views(tr: Translator, history: pd.DataFrame) -> tuple[dict, dict, pd.DataFrame]:
    """Vega-Lite specs of the loss by epoch and by seconds, and the table of final numbers."""
    names = [tr(f"optimizers.mnist.{n}") for n in RACERS]
    data = _named(tr, history.dropna(subset=["val_loss"]))
    by_epoch = mnist_chart(data, "epoch", tr("optimizers.epoch"), tr("optimizers.val_loss"), names,
                           tr("optimizers.mnist_by_epoch"))
    by_time = mnist_chart(data, "seconds", tr("optimizers.seconds"), tr("optimizers.val_loss"), names,
                          tr("optimizers.mnist_by_time"))
    table = final_table(data).round({"val_loss": 4, "val_accuracy": 4, "seconds": 1}).rename(
        columns=lambda c: tr(f"optimizers.mnist_col.{c}") if c != "epoch" else tr("optimizers.epoch"))
    return by_epoch.to_dict(), by_time.to_dict(), table


@st.cache_data(show_spinner=False)
def shipped_views(lang: str) -> tuple[dict, dict, pd.DataFrame]:
    return history_views(Translator(lang), shipped_result()[0])


def render_history(views: tuple[dict, dict, pd.DataFrame], tr: Translator) -> None:
    """Validation loss by epoch and by seconds, plus the final numbers."""
    by_epoch, by_time, table = views
    left, right = st.columns(2)
    left.vega_lite_chart(localize(by_epoch, tr.lang), width="stretch")
    right.vega_lite_chart(localize(by_time, tr.lang), width="stretch")
    st.caption(tr("optimizers.mnist_table"))
    st.dataframe(number_table(tr, table, 4, {tr("optimizers.mnist_col.seconds"): ",.1f"}), hide_index=True,
                 width="stretch")


def _race_panel(tr: Translator, job: MnistRaceJob, snapshot: RaceProgress) -> None:
    """Progress, stop button and the live charts of this session's race."""
    settings = job.settings
    if snapshot.status == "running":
        racer = snapshot.racer
        fraction = (snapshot.racers_done + snapshot.epoch / settings.epochs) / len(settings.optimizers)
        st.progress(min(1.0, fraction), text=tr(
            "optimizers.mnist_running", racer=tr(f"optimizers.mnist.{racer}") if racer else "…",
            done=snapshot.racers_done, total=len(settings.optimizers),
            epoch=min(snapshot.epoch + 1, settings.epochs), epochs=settings.epochs))
        st.button(tr("optimizers.mnist_stop"), key=K + "stop", on_click=job.stop, icon=":material/stop:",
                  disabled=job.stop_requested)
    elif snapshot.status == "stopped":
        st.info(tr("optimizers.mnist_stopped"))
    elif snapshot.status == "failed":
        st.error(tr("optimizers.mnist_failed", message=snapshot.error))
    if len(snapshot.history):
        st.caption(tr("optimizers.mnist_own", epochs=settings.epochs, samples=tr.num(settings.train_samples, ",")))
        render_history(history_views(tr, snapshot.history), tr)


def render_mnist_race(tr: Translator) -> None:
    """The whole MNIST tab."""
    st.write(tr("optimizers.mnist_intro"))
    try:
        history, settings, meta = shipped_result()
        st.caption(tr("optimizers.mnist_shipped", epochs=settings["epochs"], samples=tr.num(settings['train_samples'], ","),
                      machine=meta["machine"]))
        render_history(shipped_views(tr.lang), tr)
    except (OSError, ValueError):
        st.info(tr("optimizers.mnist_missing"))
    st.divider()
    job = st.session_state.get(K + "job")
    running = job is not None and not job.done
    epochs_col, samples_col, run_col = st.columns([1, 2, 1], vertical_alignment="bottom")
    epochs = epochs_col.number_input(tr("optimizers.mnist_epochs"), 1, 10, 2, key=K + "epochs", disabled=running)
    samples = samples_col.select_slider(tr("optimizers.mnist_samples"), SAMPLE_CHOICES, 5_000, key=K + "samples",
                                        format_func=lambda n: tr.num(n, ","), disabled=running)
    if run_col.button(tr("optimizers.mnist_run"), key=K + "run", type="primary", disabled=running, icon=":material/sprint:"):
        try:
            settings = MnistRaceSettings(epochs=int(epochs), train_samples=int(samples))
            data = race_data(settings.train_samples, settings.seed)
            job = start_job(MnistRaceJob(settings, data, is_watched=session_watcher()))
            st.session_state[K + "job"] = job
        except (OSError, ValueError) as error:
            show_error(error)
    job = st.session_state.get(K + "job")
    if job is not None:
        live_job(K + "job", job, lambda snapshot: _race_panel(tr, job, snapshot))
