"""Tuner results: configure and run a keras-tuner search, watch it live, explore its results."""

from __future__ import annotations

import os

import streamlit as st

from rna_core.activations import HIDDEN_ACTIVATIONS
from rna_core.data import MNIST_TRAIN_SIZE
from rna_core.files import MODELS_DIR
from rna_core.jobs import JobProgress
from rna_core.models import OPTIMIZER_CHOICES
from rna_core.tuning.hypermodel import declare, make_hypermodel
from rna_core.tuning.results import TuningResults, read_results
from rna_core.tuning.runner import search_command
from rna_core.tuning.search_job import SearchJob
from rna_core.tuning.space import (
    BATCH_SIZES,
    LEARNING_RATES,
    TUNERS,
    SearchSettings,
    SearchSpace,
    planned_epochs,
    planned_trials,
)
from rna_ui import jobs as ui_jobs
from rna_ui import tuning_view as view
from rna_ui.shell import setup_page, show_code, show_error

DEMO_DIR = MODELS_DIR / "tuner_demo"
PROCESS = "tuning.process"  # this session's SearchJob
TRAIN_SIZES = (1_000, 5_000, 10_000, 30_000, MNIST_TRAIN_SIZE)
_DEFAULT_SPACE, _DEFAULT_SETTINGS = SearchSpace(), SearchSettings()

tr = setup_page("tuning.title")
st.write(tr("tuning.intro"))


@st.cache_data(show_spinner=False)
def demo_results(signature: float) -> TuningResults:
    """The shipped demo search, read once per version of its files."""
    return read_results(DEMO_DIR)



def choose_space() -> tuple[SearchSpace | None, SearchSettings | None]:
    """The search-space and tuner widgets; ``(None, None)`` after showing what is wrong."""
    st.markdown(f"**{tr('tuning.space_header')}**")
    st.caption(tr("tuning.space_help"))
    left, middle, right = st.columns(3)
    neurons = left.slider(tr("tuning.neurons"), 32, 512, (_DEFAULT_SPACE.neurons_min, _DEFAULT_SPACE.neurons_max),
                          step=32, key="tuning.neurons")
    layers = left.slider(tr("tuning.layers"), 1, 5, (_DEFAULT_SPACE.layers_min, _DEFAULT_SPACE.layers_max),
                         key="tuning.layers")
    rates = middle.multiselect(tr("tuning.learning_rates"), LEARNING_RATES, default=_DEFAULT_SPACE.learning_rates,
                               format_func=lambda rate: tr.num(rate, "g"), key="tuning.rates")
    optimizers = middle.multiselect(tr("tuning.optimizers"), OPTIMIZER_CHOICES, default=_DEFAULT_SPACE.optimizers,
                                    key="tuning.optimizers")
    batches = right.multiselect(tr("tuning.batch_sizes"), BATCH_SIZES, default=_DEFAULT_SPACE.batch_sizes,
                                key="tuning.batches")
    activations = right.multiselect(tr("tuning.activations"), HIDDEN_ACTIVATIONS, default=_DEFAULT_SPACE.activations,
                                    key="tuning.activations")
    st.markdown(f"**{tr('tuning.tuner_header')}**")
    columns = st.columns(4)
    tuner = columns[0].selectbox(tr("tuning.tuner"), TUNERS, format_func=lambda name: tr(f"tuning.tuner.{name}"),
                                 key="tuning.tuner")
    max_epochs = columns[1].number_input(tr("tuning.max_epochs"), 1, 30, _DEFAULT_SETTINGS.max_epochs,
                                         help=tr("tuning.max_epochs_help"), key="tuning.max_epochs")
    if tuner == "hyperband":
        factor = columns[2].number_input(tr("tuning.factor"), 2, 5, _DEFAULT_SETTINGS.factor,
                                         help=tr("tuning.factor_help"), key="tuning.factor")
        trials = _DEFAULT_SETTINGS.max_trials
    else:
        factor = _DEFAULT_SETTINGS.factor
        trials = columns[2].number_input(tr("tuning.max_trials"), 1, 50, _DEFAULT_SETTINGS.max_trials,
                                         key="tuning.max_trials")
    train_size = columns[3].select_slider(tr("tuning.train_size"), TRAIN_SIZES, value=_DEFAULT_SETTINGS.train_size,
                                          format_func=lambda n: tr.num(n, ","), help=tr("tuning.train_size_help"),
                                          key="tuning.train_size")
    for chosen, label in ((rates, "tuning.learning_rates"), (optimizers, "tuning.optimizers"),
                          (batches, "tuning.batch_sizes"), (activations, "tuning.activations")):
        if not chosen:
            st.warning(tr("tuning.empty_space", what=tr(label)), icon=":material/warning:")
            return None, None
    try:
        space = SearchSpace(neurons_min=neurons[0], neurons_max=neurons[1], neurons_step=32,
                            layers_min=layers[0], layers_max=layers[1], learning_rates=tuple(rates),
                            optimizers=tuple(optimizers), batch_sizes=tuple(batches), activations=tuple(activations))
        settings = SearchSettings(tuner=tuner, max_epochs=int(max_epochs), factor=int(factor),
                                  max_trials=int(trials), train_size=int(train_size))
    except ValueError as error:
        show_error(error)
        return None, None
    st.caption(tr("tuning.plan", networks=tr.num(space.size(), ","), trials=planned_trials(space, settings),
                  epochs=planned_epochs(space, settings)))
    return space, settings


def show_live(job: SearchJob, progress: JobProgress) -> None:
    """Progress of this session's search: trials done / planned, elapsed time, stop."""
    try:
        results = read_results(job.project_dir)
    except ValueError:
        results = None
    done = 0 if results is None else int(results.trials["status"].isin(["COMPLETED", "FAILED", "INVALID"]).sum())
    planned = max(job.planned_trials, done, 1)
    st.progress(done / planned, text=tr("tuning.progress", done=done, planned=planned,
                                        elapsed=tr.num(progress.elapsed, ".0f")))
    if progress.status == "failed":
        st.error(tr("tuning.state.failed"))
        st.code(job.log_tail(), language="text")
    elif progress.status == "running":
        st.caption(tr("tuning.state.running") if done or results is not None else tr("tuning.waiting"))
        if results is not None and not results.trials.empty:
            view.trials_table(tr, results, view.labels(tr, results))
        st.button(tr("tuning.stopping" if job.stop_requested else "tuning.stop"), key="tuning.stop",
                  icon=":material/stop:", on_click=job.stop, disabled=job.stop_requested)
    else:
        st.caption(tr(f"tuning.state.{progress.status}"))


def server_searches() -> None:
    """Every search running on this server, each with a Stop button (a teacher's view)."""
    running = [job for job in ui_jobs.job_slots().jobs("tuning") if isinstance(job, SearchJob)]
    if not running:
        return
    with st.expander(tr("tuning.server_searches"), icon=":material/dns:"):
        st.caption(tr("tuning.server_searches_help"))
        for index, other in enumerate(running):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.write(tr("tuning.server_search", name=other.name[:12], trials=other.planned_trials,
                          elapsed=tr.num(other.progress().elapsed, ".0f")))
            right.button(tr("tuning.stopping" if other.stop_requested else "tuning.stop"),
                         key=f"tuning.server_stop.{index}", on_click=other.stop, disabled=other.stop_requested)


@st.fragment
def run_controls() -> None:
    """Space, tuner, budget and the start button (its widgets rerun only this part)."""
    space, settings = choose_space()
    job: SearchJob | None = st.session_state.get(PROCESS)
    running = job is not None and job.running
    if st.button(tr("tuning.start"), type="primary", disabled=space is None or running, key="tuning.start",
                 icon=":material/play_arrow:"):
        if job is not None:
            job.remove()  # one search per session: the previous one's folder goes
            st.session_state.pop(PROCESS, None)
        try:
            search = SearchJob(space, settings, mnist_path=os.environ.get("RNA_MNIST_PATH"),
                               is_watched=ui_jobs.session_watcher())
            st.session_state[PROCESS] = ui_jobs.start_job(search)
        except (ValueError, OSError) as error:
            show_error(error)
        else:
            st.rerun()
    if space is not None:
        st.caption(tr("tuning.cli_hint"))
        st.code(" ".join(search_command("runs/my-search", space, settings, python="python")), language="bash",
                wrap_lines=True)


with st.expander(tr("tuning.run_header"), expanded=False, icon=":material/tune:"):
    run_controls()
server_searches()
show_code(tr, declare, make_hypermodel)

process = st.session_state.get(PROCESS)
if process is not None:
    st.header(tr("tuning.live_header"))
    ui_jobs.live_job(PROCESS, process, lambda progress: show_live(process, progress), every=2.0)
    if not process.running and st.button(tr("tuning.discard"), key="tuning.discard", icon=":material/delete:"):
        st.session_state.pop(PROCESS).remove()
        st.rerun()

st.header(tr("tuning.results_header"))
sources = ["mine", "demo"] if process is not None else ["demo"]
source = st.radio(tr("tuning.source"), sources, format_func=lambda name: tr(f"tuning.source.{name}"),
                  horizontal=True, key="tuning.source") if len(sources) > 1 else "demo"
if source == "demo":
    oracle_file = DEMO_DIR / "search" / "oracle.json"
    if not oracle_file.is_file():
        st.info(tr("tuning.no_demo"))
    else:
        results = demo_results(oracle_file.stat().st_mtime)
        command = search_command("models/tuner_demo", SearchSpace.from_dict(results.search["space"]),
                                 SearchSettings.from_dict(results.search["settings"]), python="python")
        st.caption(tr("tuning.demo_caption"))
        st.code(" ".join(command) + " --prune-checkpoints", language="bash", wrap_lines=True)
        view.render(tr, results, key="tuning.demo")
elif process.running:
    st.info(tr("tuning.results_when_done"))
else:
    try:
        view.render(tr, read_results(process.project_dir), key="tuning.mine")
    except ValueError:
        st.info(tr("tuning.no_trials"))
