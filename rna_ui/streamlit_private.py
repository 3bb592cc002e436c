"""Private Streamlit APIs the app relies on, each in one small adapter.

Every function here says why no public API serves. ``tests/test_rna_ui.py`` calls each of
them, so a Streamlit upgrade that moves or renames one fails loudly in CI instead of
breaking a page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pandas as pd


def leave_pages_directory_mode() -> bool:
    """Switch the server from legacy ``pages/``-folder navigation to ``st.navigation``.

    Streamlit decides once per server process whether the app uses the legacy ``pages/``
    navigation: it does until the first ``st.navigation`` call. When the very first visit
    of a fresh server is a link straight to a page (``/neurons``), that page runs without
    the entry point and the sidebar lists raw file names. There is no public switch, so
    the flag is flipped here; the caller then reruns (the page hash is the same in both
    modes). Returns True when the mode was switched.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        return True
    return False


def in_real_server() -> bool:
    """Whether this code runs inside ``streamlit run`` (not AppTest, not bare Python).

    No public API tells. The runtime singleton exists only in a real server, except that
    AppTest installs a ``MagicMock(spec=Runtime)`` in its place while a script runs (which
    passes ``isinstance``), hence the exact type check.
    """
    from streamlit.runtime import Runtime

    return Runtime.exists() and type(Runtime.instance()) is Runtime


def session_is_connected() -> Callable[[], bool] | None:
    """A function telling whether this run's browser session is still connected.

    Public Streamlit has no "is my tab still open?" call; background jobs need one to end
    themselves when their tab is closed. ``None`` outside a real server (AppTest).
    """
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None or not Runtime.exists():
        return None
    runtime, session_id = Runtime.instance(), context.session_id
    return lambda: runtime.is_active_session(session_id)


def arrow_bytes(frame: pd.DataFrame) -> bytes:
    """A DataFrame serialised the way ``st.vega_lite_chart`` sends its named datasets.

    The optimizer race ships its animation frames as named datasets of one spec; Streamlit
    serialises them with this function, and no public API exposes it.
    """
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    return convert_anything_to_arrow_bytes(frame)


def keep_keras_state_between_runs() -> bool:
    """Stop Streamlit from resetting Keras's global state after every script run.

    After each run of any session, Streamlit calls ``keras.backend.clear_session()``
    (``script_runner._clean_problem_modules``). That replaces Keras's per-thread state
    *for every thread*, background trainings included: a training thread in the middle of
    compiling its step loses its ``StatelessScope`` and fails ("'NoneType' object is not
    callable" reading a variable under JAX); under TensorFlow it also empties the kernel
    cache of running trainings and forces a full garbage collection on every rerun. The
    app never relies on that reset (each job builds its own model), and no option turns it
    off, so the cleanup is replaced by one that keeps only its matplotlib part.

    Returns
    -------
    bool
        True when the cleanup was replaced now, False when it already was.
    """
    from streamlit.runtime.scriptrunner import script_runner

    if getattr(script_runner._clean_problem_modules, "keeps_keras_state", False):
        return False

    def clean_problem_modules_but_keras() -> None:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close("all")

    clean_problem_modules_but_keras.keeps_keras_state = True  # type: ignore[attr-defined]
    script_runner._clean_problem_modules = clean_problem_modules_but_keras
    return True
