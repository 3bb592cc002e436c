"""What every page calls first: language, page setup, links, the code viewer, error messages.

It also holds the app's last line of defence (:func:`error_boundary`): an error nobody
expected becomes one translated sentence on the page, its traceback goes to the server log.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import streamlit as st
from streamlit.errors import FragmentHandledException
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from rna_core.errors import LocalizedError
from rna_core.i18n import LANGUAGES, STRINGS, Translator, choose_language, t
from rna_ui.streamlit_private import keep_keras_state_between_runs, leave_pages_directory_mode

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
    install_error_boundary()
    keep_keras_state_between_runs()
    if leave_pages_directory_mode():
        st.rerun()
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


def link_to_page(file: str, slug: str, label: str, *, query: Mapping[str, str] | None = None,
                 icon: str = ":material/arrow_forward:") -> None:
    """A link to another page of the app, optionally opening it with ``query`` in its URL.

    Through the entry point this is ``st.page_link`` (client-side navigation). A page
    script run on its own (``AppTest.from_file``, ``streamlit run pages/x.py``) has no
    ``st.navigation`` to resolve the file against, so it falls back to a plain URL link.
    """
    from urllib.parse import urlencode

    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(file, label=label, icon=icon, query_params=dict(query or {}))
    except StreamlitPageNotFoundError:
        st.markdown(f"[{label}](/{slug}{'?' + urlencode(query) if query else ''})")


def error_text(error: Exception, lang: str) -> str:
    """The sentence to show for an expected error, in ``lang`` when the core gave its key."""
    if isinstance(error, LocalizedError) and error.key in STRINGS:
        return Translator(lang)(error.key, **error.values)
    return str(error)


def show_error(error: Exception) -> None:
    """Show an expected error (a ``ValueError`` from the core) as a plain sentence.

    A :class:`~rna_core.errors.LocalizedError` is shown in the session's language; any
    other error as its (English) message. This is the one way a core error reaches a page.
    """
    st.error(error_text(error, current_language()), icon=":material/error:")


def show_code(tr: Translator, *functions: Callable[..., object] | type) -> None:
    """An expander with the real source code of the core functions a section uses."""
    with st.expander(tr("app.show_code"), icon=":material/code:"):
        for function in functions:
            st.code(inspect.getsource(function), language="python")


#: Exceptions that are Streamlit's control flow (st.rerun, st.stop, st.switch_page) or an
#: error a fragment has already shown: the boundary lets them pass untouched.
PASS_THROUGH: tuple[type[BaseException], ...] = (RerunException, StopException, FragmentHandledException)


def report_unexpected_error(error: BaseException) -> bool:
    """Log ``error`` with its traceback on the server and show one translated sentence instead.

    The sentence carries a short reference that also appears in the log line, so a teacher
    can find the traceback of what a student saw. Returns True (the error was shown), the
    answer Streamlit's ``on_script_error`` hook expects to hide its own exception box.
    """
    reference = uuid.uuid4().hex[:8]
    get_logger(__name__).error("Unexpected error shown to a user (reference %s)", reference, exc_info=error)
    try:
        lang = current_language()
    except Exception:  # noqa: BLE001 - the session itself may be what broke
        lang = "en"
    st.error(t("app.error_unexpected", lang, reference=reference), icon=":material/error:")
    return True


@contextmanager
def error_boundary() -> Iterator[None]:
    """Run a block so that an unexpected exception becomes a translated sentence, not a traceback.

    The entry point wraps ``st.navigation(...).run()`` in it. Streamlit's control-flow
    exceptions (:data:`PASS_THROUGH`) go through untouched. Expected errors should still be
    caught where they happen and shown with :func:`show_error`: this is the last line of defence.
    """
    try:
        yield
    except PASS_THROUGH:
        raise
    except Exception as error:  # noqa: BLE001 - that is the point of a boundary
        report_unexpected_error(error)


def install_error_boundary() -> None:
    """Give the rest of this script run the same boundary, through Streamlit's error hook.

    A page run on its own (``streamlit run pages/x.py``, ``AppTest.from_file``) has no entry
    point around it, and a fragment's errors are handled inside the fragment: Streamlit calls
    the run context's ``on_script_error`` for both, and :func:`report_unexpected_error`
    answers instead of the exception box. :func:`setup_page` calls this first thing.
    """
    ctx = get_script_run_ctx()
    if ctx is not None and hasattr(ctx, "on_script_error"):
        ctx.on_script_error = report_unexpected_error
