"""MNIST training: pick a recipe, train the course's Keras network live, judge and keep it."""

from __future__ import annotations

import streamlit as st

from rna_core.activations import HIDDEN_ACTIVATIONS
from rna_core.backend import load_keras
from rna_core.data import MNIST_TRAIN_SIZE, prepare_training_data
from rna_core.models import (
    OPTIMIZER_CHOICES,
    PRESETS,
    SCHEDULES,
    NetworkConfig,
    batch_regime,
    build_model,
    parameter_count,
)
from rna_core.training import Progress, TrainingJob
from rna_ui import jobs as ui_jobs
from rna_ui import session
from rna_ui.session import register_trained_model
from rna_ui.shell import setup_page, show_code, show_error
from rna_ui.training_view import render_import, render_progress, render_results
from rna_ui.widgets import shown, shown_index

JOB, RUNS, DONE, SEED = "training.job", "training.runs", "training.finalized", "training.seed"
PRESET = "training.preset"
PRESET_CHOICES = ("course", "fast", "custom")
RATES = [1e-5, 1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 5e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0]
BATCHES = [1, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, MNIST_TRAIN_SIZE]
DROPOUTS = [round(0.05 * step, 2) for step in range(19)]  # 0 to 0.9 (NetworkConfig's range)
MAX_RUNS = 6

tr = setup_page("training.title")
st.write(tr("training.intro"))


@st.cache_resource(show_spinner=False)
def training_data():
    """MNIST split and prepared once per server (read-only, shared by every session)."""
    return prepare_training_data()


@st.cache_resource(show_spinner=False)
def keras_loaded() -> bool:
    """Import Keras once per server, in the script thread (see ``rna_core.backend.load_keras``)."""
    load_keras()
    return True


def apply_config(config: NetworkConfig) -> None:
    """Write a config into the widgets' session keys."""
    state = st.session_state
    state["training.n_layers"] = len(config.hidden_layers)
    for index, units in enumerate(config.hidden_layers, start=1):
        state[f"training.units_{index}"] = units
    for name in ("activation", "dropout", "optimizer", "learning_rate", "schedule", "batch_size", "epochs"):
        state[f"training.{name}"] = getattr(config, name)
    state[SEED] = config.seed


def on_preset() -> None:
    preset = st.session_state[PRESET]
    if preset in PRESETS:
        apply_config(PRESETS[preset])
    elif "training.custom" in st.session_state:
        apply_config(st.session_state["training.custom"])


def on_setting() -> None:
    st.session_state[PRESET] = "custom"


def recipe_widgets() -> NetworkConfig:
    """The preset selector and every setting; returns the (validated) config they describe."""
    state = st.session_state
    pending = state.pop(session.PENDING_TRAINING_CONFIG, None)
    if isinstance(pending, NetworkConfig):
        state["training.custom"] = pending
        state[PRESET] = "custom"
        apply_config(pending)
        state["training.from_tuner"] = True
    if PRESET not in state:
        state[PRESET] = "fast"
        apply_config(PRESETS["fast"])
    if state.get("training.from_tuner"):
        st.info(tr("training.preset.tuner"), icon=":material/tune:")
    st.radio(tr("training.preset"), PRESET_CHOICES, shown_index(PRESET, PRESET_CHOICES), key=PRESET, horizontal=True,
             format_func=lambda name: tr(f"training.preset.{name}"), on_change=on_preset)
    left, middle, right = st.columns(3)
    with left:
        layers = st.slider(tr("training.layers"), 1, 4, shown("training.n_layers"), key="training.n_layers",
                           on_change=on_setting)
        for index in range(1, layers + 1):
            state.setdefault(f"training.units_{index}", 100)
        units = tuple(
            int(st.number_input(tr("training.units", n=index), 1, 1024, shown(f"training.units_{index}"), step=10,
                                key=f"training.units_{index}",
                                on_change=on_setting))
            for index in range(1, layers + 1)
        )
        st.selectbox(tr("training.activation"), HIDDEN_ACTIVATIONS, shown_index("training.activation", HIDDEN_ACTIVATIONS),
                     key="training.activation", on_change=on_setting,
                     format_func=lambda name: tr(f"activations.name.{name}"))
        dropouts = sorted({*DROPOUTS, float(state["training.dropout"])})  # a tuned rate may fall between
        st.select_slider(tr("training.dropout"), dropouts, shown("training.dropout"), key="training.dropout",
                         format_func=lambda value: tr.num(value, ".2f"), help=tr("training.dropout_help"),
                         on_change=on_setting)
    with middle:
        st.selectbox(tr("training.optimizer"), OPTIMIZER_CHOICES, shown_index("training.optimizer", OPTIMIZER_CHOICES),
                     key="training.optimizer", on_change=on_setting,
                     format_func=lambda name: tr(f"training.optimizer.{name}"))
        rates = sorted({*RATES, float(state["training.learning_rate"])})
        st.select_slider(tr("training.learning_rate"), rates, shown("training.learning_rate"), key="training.learning_rate",
                         format_func=lambda value: tr.num(value, "g"), on_change=on_setting)
        st.radio(tr("training.schedule"), SCHEDULES, shown_index("training.schedule", SCHEDULES), key="training.schedule",
                 horizontal=True,
                 format_func=lambda name: tr(f"training.schedule.{name}"), on_change=on_setting)
    with right:
        batches = sorted({*BATCHES, int(state["training.batch_size"])})
        batch = st.select_slider(tr("training.batch_size"), batches, shown("training.batch_size"), key="training.batch_size",
                                 format_func=lambda value: tr.num(value, ","), on_change=on_setting)
        kind, iterations = batch_regime(batch, MNIST_TRAIN_SIZE)
        st.caption(tr(f"training.regime.{kind}", n=tr.num(MNIST_TRAIN_SIZE, ","), batch=tr.num(batch, ","),
                      iterations=tr.num(iterations, ",")))
        st.slider(tr("training.epochs"), 1, 100, shown("training.epochs"), key="training.epochs", on_change=on_setting)
    return NetworkConfig(
        hidden_layers=units, activation=state["training.activation"], dropout=float(state["training.dropout"]),
        optimizer=state["training.optimizer"], learning_rate=float(state["training.learning_rate"]),
        schedule=state["training.schedule"], batch_size=int(batch), epochs=int(state["training.epochs"]),
        seed=int(state.get(SEED, 42)),
    )


def start(config: NetworkConfig) -> None:
    runs = st.session_state.setdefault(RUNS, [])
    number_of_run = st.session_state["training.count"] = st.session_state.get("training.count", 0) + 1
    label = f"{tr(f'training.preset.{st.session_state[PRESET]}')} #{number_of_run}"
    with st.spinner(tr("training.data_loading")):
        data = training_data()
        keras_loaded()
    job = TrainingJob(config, data, label=label, is_watched=ui_jobs.session_watcher())
    st.session_state[JOB] = ui_jobs.start_job(job)
    runs.append(job)
    del runs[:-MAX_RUNS]


def finalize(job: TrainingJob) -> None:
    """Once per finished job: make its model available to the other pages."""
    done = st.session_state.setdefault(DONE, set())
    if job.label not in done and job.progress().done:  # labels are unique per session (run counter)
        done.add(job.label)
        if job.model is not None:
            register_trained_model(job.label, job.model)


def live_panel(job: TrainingJob, progress: Progress) -> None:
    if not progress.done:
        stopping = job.stop_requested  # Keras finishes the batch, validates and scores first
        st.button(tr("training.stopping" if stopping else "training.stop"), key="training.stop",
                  icon=":material/stop:", on_click=job.stop, disabled=stopping)
    render_progress(tr, job, progress)


st.header(tr("training.recipe"))
try:
    config = recipe_widgets()
except ValueError as error:
    show_error(error)
    config = None
if config is not None:
    st.caption(tr("training.parameters", config=config.describe(tr.lang), params=tr.num(parameter_count(config), ",")))
with st.expander(tr("training.why"), icon=":material/lightbulb:"):
    st.markdown(tr("training.why_text"))
show_code(tr, build_model)

job: TrainingJob | None = st.session_state.get(JOB)
busy = job is not None and not job.progress().done
if st.button(tr("training.start"), type="primary", icon=":material/play_arrow:", disabled=busy or config is None, key="training.go"):
    try:
        start(config)
    except (ValueError, FileNotFoundError) as error:
        show_error(error)
    job = st.session_state.get(JOB)

st.header(tr("training.live"))
st.markdown(tr("training.sets_text"))
if job is None:
    st.info(tr("training.nothing_yet"), icon=":material/arrow_upward:")
else:
    finalize(job)
    ui_jobs.live_job(JOB, job, lambda progress: live_panel(job, progress))
    if job.progress().done:
        st.header(tr("training.results"))
        if render_results(tr, job, st.session_state.get(RUNS, [])):
            st.session_state[session.DRAW_MODEL_CHOICE] = job.label
            st.switch_page("pages/draw.py")
        elif job.model is not None:
            st.caption(tr("training.registered", label=job.label))
render_import(tr, training_data)
