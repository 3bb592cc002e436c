"""Background jobs seen from a page: the server's slots, the session watcher, one poller.

The jobs themselves live in ``rna_core`` (:class:`rna_core.jobs.BackgroundJob`: threads and
processes that never touch Streamlit). This module gives them what only the UI knows —
whether the tab that started a job is still open, and the one server-wide
:class:`~rna_core.jobs.JobSlots` — and shows any job live with :func:`live_job`.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from rna_core.backend import load_keras
from rna_core.jobs import BackgroundJob, JobProgress, JobSlots, lower_thread_priority
from rna_core.memory import JOB_MEMORY_COSTS, budget_from_environment
from rna_core.tuning.search_job import max_running_searches, reap_orphans
from rna_core.warm_up import warm_up_presets
from rna_ui.streamlit_private import in_real_server, session_is_connected

#: Background trainings (MNIST training, MNIST optimizer race, fine-tuning) allowed at once on one server.
MAX_RUNNING_JOBS = int(os.environ.get("RNA_MAX_RUNNING_JOBS", "3"))

P = TypeVar("P", bound=JobProgress)
_LOG = logging.getLogger(__name__)


def session_watcher() -> Callable[[], bool] | None:
    """A function that says whether this browser session is still connected.

    Background jobs take it as ``is_watched`` and end themselves once the tab that started
    them has been closed (see :class:`rna_core.jobs.AbandonWatch`). ``None`` outside a real
    server (AppTest).
    """
    return session_is_connected()


@st.cache_resource(show_spinner=False)
def job_slots() -> JobSlots:
    """The server-wide caps on running jobs (one object shared by every session).

    Caps per kind, plus, in a real server, the memory budget (``RNA_MEMORY_BUDGET_MB``, 2,500
    by default).

    Created once per server process; a server that starts after a crash first cleans up
    the searches the crashed one left behind.
    """
    reap_orphans()
    return JobSlots(
        {"training": MAX_RUNNING_JOBS, "tuning": max_running_searches()},
        # The budget is the server's: AppTest and bare Python share their process with other work.
        memory=budget_from_environment(JOB_MEMORY_COSTS) if in_real_server() else None,
    )


@st.cache_resource(show_spinner=False)
def preload_keras() -> threading.Thread | None:
    """Import Keras once per server, in a low-priority background thread, when the first page opens.

    Importing Keras and its backend takes one to two seconds of Python work. Done when the first
    student presses Start, it lands in the middle of a class, slowing every page for everybody;
    done here, it happens while the server is still quiet. Costs ~250 MB for the server's life
    (it would be paid at the first training anyway). Under JAX the thread then compiles the
    training page's two presets once (:func:`rna_core.warm_up.warm_up_presets`: ~5 s, ~1 s
    when JAX's disk cache already holds them; ~140 MB a first training would take anyway), so
    nobody's first training waits for its compilation.
    ``RNA_PRELOAD_KERAS=0`` turns both off; outside a real server (AppTest) nothing is started.
    """
    if os.environ.get("RNA_PRELOAD_KERAS", "1") == "0" or not in_real_server():
        return None

    def load() -> None:
        lower_thread_priority()  # the backend's worker threads, started here, inherit it
        load_keras()
        try:
            warm_up_presets()
        except Exception:  # a missed warm-up only costs the first training its compile time
            _LOG.warning("Compiling the default recipe ahead of time failed", exc_info=True)

    thread = threading.Thread(target=load, name="preload-keras", daemon=True)
    thread.start()
    return thread


def start_job(job: BackgroundJob) -> BackgroundJob:
    """Start ``job`` in one of the server's slots, watched by this session's tab.

    Raises
    ------
    rna_core.jobs.ServerBusyError
        When every slot of the job's kind is taken (show it with ``show_error``).
    """
    return job.start(job_slots())


def live_job(key: str, job: BackgroundJob, render: Callable[[P], None], every: float = 1.0) -> None:
    """Render ``render(job.progress())`` now, and again every ``every`` seconds while the job runs.

    Only this fragment reruns while the job runs; when the job ends, the whole page reruns
    once so that everything that depends on its result (buttons, results, other pages'
    lists) catches up. ``key`` names the job in the session (one per page section).
    """
    flag = f"{key}._polling"
    running = not job.done
    if running:
        st.session_state[flag] = True

    @st.fragment(run_every=every if running else None)
    def panel() -> None:
        progress = job.progress()
        render(progress)
        if progress.done and st.session_state.get(flag):
            st.session_state[flag] = False
            st.rerun()

    panel()
