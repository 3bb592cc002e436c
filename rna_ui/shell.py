"""What every page calls first: language, page setup, links, the code viewer, error messages."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping

import streamlit as st

from rna_core.errors import LocalizedError
from rna_core.i18n import LANGUAGES, STRINGS, Translator, choose_language, t
from rna_ui.streamlit_private import leave_pages_directory_mode

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
