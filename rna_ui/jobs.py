"""Background jobs seen from a page: the server's slots and the session watcher.

The jobs themselves live in ``rna_core`` (threads and processes that never touch
Streamlit); this module gives them what only the UI knows: whether the tab that started
a job is still open, and the one server-wide object that caps how many run at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import streamlit as st

from rna_core.watch import JobSlots
from rna_ui.streamlit_private import session_is_connected

#: Background trainings (MNIST training, MNIST optimizer race) allowed at once on one server.
MAX_RUNNING_JOBS = int(os.environ.get("RNA_MAX_RUNNING_JOBS", "3"))


def session_watcher() -> Callable[[], bool] | None:
    """A function that says whether this browser session is still connected.

    Background jobs take it as ``is_watched`` and end themselves once the tab that started
    them has been closed (see ``rna_core.watch``). ``None`` outside a real server (AppTest).
    """
    return session_is_connected()


@st.cache_resource(show_spinner=False)
def job_slots() -> JobSlots:
    """The server-wide cap on running background jobs (one object shared by every session)."""
    return JobSlots(MAX_RUNNING_JOBS)
