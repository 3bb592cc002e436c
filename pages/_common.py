"""Streamlit helpers every page calls: page setup, language, errors, code viewer.

This is the UI layer's only shared module; logic lives in ``rna_core``.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable

import streamlit as st

from rna_core.i18n import LANGUAGES, Translator, choose_language, t
from rna_core.watch import JobSlots

_LANG_STATE = "_lang"  # the session's chosen language (survives page switches)
_LANG_WIDGET = "_lang_selector"


def _on_language_change() -> None:
    st.session_state[_LANG_STATE] = st.session_state[_LANG_WIDGET]
    st.query_params["lang"] = st.session_state[_LANG_STATE]


def current_language() -> str:
    """Resolve the language of this run: URL ``?lang=``, then session, then browser, else English."""
    locale = getattr(st.context, "locale", None)
    lang = choose_language(
        st.query_params.get("lang"), st.session_state.get(_LANG_STATE), locale
    )
    st.session_state[_LANG_STATE] = lang
    return lang


def _leave_pages_directory_mode() -> None:
    """Make sure the entry point's ``st.navigation`` drives this run.

    Streamlit decides once per server process whether the app uses the legacy
    ``pages/``-folder navigation: it does until the first ``st.navigation`` call. When the
    very first visit of a fresh server is a link straight to a page (``/neurons``), that
    page runs in legacy mode, without the entry point, and the sidebar lists raw file
    names. Switch the process to ``st.navigation`` and rerun: the same page then runs
    through ``streamlit_app.py`` (the page hash is the same in both modes).
    """
    from streamlit.runtime.pages_manager import PagesManager  # no public API for this

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def setup_page(title_key: str | None = None, *, wide: bool = True) -> Translator:
    """Shared start of every page: language, sidebar selector, URL, optional title.

    Parameters
    ----------
    title_key : str, optional
        i18n key of the page title, written as the page header.
    wide : bool
        Use Streamlit's wide layout.

    Returns
    -------
    Translator
        ``tr(key, **values)`` in the session's language; ``tr.lang`` is its code.
    """
    _leave_pages_directory_mode()
    lang = current_language()
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang  # shareable link; also fixes ?lang=xx
    tr = Translator(lang)
    if title_key is not None:
        st.set_page_config(page_title=f"{tr(title_key)} · {tr('app.title')}", layout="wide" if wide else "centered")
    codes = list(LANGUAGES)
    st.session_state[_LANG_WIDGET] = lang
    st.sidebar.selectbox(
        t("app.language", lang),
        codes,
        format_func=LANGUAGES.__getitem__,
        key=_LANG_WIDGET,
        on_change=_on_language_change,
    )
    if title_key is not None:
        st.title(tr(title_key))
    return tr


def link_to_page(file: str, slug: str, label: str) -> None:
    """A link to another page of the app.

    Through the entry point this is ``st.page_link`` (client-side navigation). A page
    script run on its own (``AppTest.from_file``, ``streamlit run pages/x.py``) has no
    ``st.navigation`` to resolve the file against, so it falls back to a plain URL link.
    """
    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(file, label=label, icon=":material/arrow_forward:")
    except StreamlitPageNotFoundError:
        st.markdown(f"[{label}](/{slug})")


def session_watcher() -> Callable[[], bool] | None:
    """A function that says whether this browser session is still connected.

    Background jobs take it as ``is_watched`` and end themselves once the tab that started
    them has been closed (see ``rna_core.watch``). ``None`` outside a real server (AppTest).
    """
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None or not Runtime.exists():
        return None
    runtime, session_id = Runtime.instance(), context.session_id
    return lambda: runtime.is_active_session(session_id)


#: Background trainings (MNIST training, MNIST optimizer race) allowed at once on one server.
MAX_RUNNING_JOBS = int(os.environ.get("RNA_MAX_RUNNING_JOBS", "3"))


@st.cache_resource(show_spinner=False)
def job_slots() -> JobSlots:
    """The server-wide cap on running background jobs (one object shared by every session)."""
    return JobSlots(MAX_RUNNING_JOBS)


def show_error(error: Exception) -> None:
    """Show an expected error (a ``ValueError`` from the core) as a plain message."""
    st.error(str(error), icon="⚠️")


def show_code(tr: Translator, *functions: Callable[..., object] | type) -> None:
    """An expander with the real source code of the core functions a section uses."""
    with st.expander(tr("app.show_code"), icon="🐍"):
        for function in functions:
            st.code(inspect.getsource(function), language="python")


# Models trained in this session, shared between the training, tuning and draw pages.
# st.session_state["trained_models"]: dict label -> keras.Model (insertion order, newest last).
TRAINED_MODELS = "trained_models"
#: Label of the model the Draw-a-digit page should preselect (set by "use this model").
DRAW_MODEL_CHOICE = "draw.selected_model"
#: A NetworkConfig the training page should load as its custom preset (set by the tuner page).
PENDING_TRAINING_CONFIG = "training.pending_config"


def trained_models() -> dict:
    """The models trained in this session, label -> model (newest last)."""
    return st.session_state.setdefault(TRAINED_MODELS, {})


def register_trained_model(label: str, model: object, *, keep: int = 5) -> None:
    """Remember a model trained in this session; keep only the ``keep`` newest (memory)."""
    models = trained_models()
    models.pop(label, None)
    models[label] = model
    while len(models) > keep:
        models.pop(next(iter(models)))
