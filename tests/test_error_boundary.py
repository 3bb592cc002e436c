"""The last line of defence (issue 19): an unexpected error is a translated sentence, never a traceback.

``rna_ui.shell.error_boundary`` wraps the navigation in ``streamlit_app.py``;
``setup_page`` gives pages run on their own (and fragments) the same through Streamlit's
``on_script_error`` hook. Streamlit's control flow (st.rerun, st.stop, st.switch_page) must
pass through untouched.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.testing.v1 import AppTest

from rna_core.i18n import t
from rna_ui.shell import error_boundary

ROOT = Path(__file__).resolve().parent.parent
START = {"en": "Something went wrong on this page", "es": "Algo ha fallado en esta página"}


def boom(*args, **kwargs):
    raise RuntimeError("\x1b[31mboom\x1b[0m array([[0., 0., ...]]) secret internals")


def assert_sentence_only(at: AppTest, lang: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(START[lang]), errors
    assert "boom" not in errors[0] and "Traceback" not in errors[0]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_entry_point_turns_an_unexpected_error_into_a_sentence(lang, monkeypatch, caplog) -> None:
    monkeypatch.setattr("rna_core.diagrams.learning_loop_dot", boom)  # home page's last step
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    logger = logging.getLogger("rna_ui.shell")  # Streamlit's loggers do not propagate to the root
    logger.addHandler(caplog.handler)
    try:
        at.run()
    finally:
        logger.removeHandler(caplog.handler)
    assert_sentence_only(at, lang)
    assert at.title[0].value == t("home.title", lang)  # what ran before the error is still there
    reference = at.error[0].value.split("(")[1].split(")")[0].split()[-1]
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info and "boom" in str(logged[0].exc_info[1])  # traceback on the server


PAGE = """
import streamlit as st
from rna_ui.shell import setup_page

tr = setup_page("home.title")
count = st.session_state["count"] = st.session_state.get("count", 0) + 1
if count == 1:
    st.rerun()  # control flow: must run the script again, not be reported
st.write(f"run {count}")
if st.session_state.get("stop"):
    st.stop()
if st.session_state.get("fragment"):
    @st.fragment
    def panel():
        st.write("inside the fragment")
        raise KeyError("fragment internals")
    panel()
if st.session_state.get("fail"):
    {}["page internals"]
"""


def run_page(lang: str, **state) -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=30)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_page_run_on_its_own_gets_the_same_boundary(lang) -> None:
    at = run_page(lang, fail=True)
    assert_sentence_only(at, lang)
    assert at.markdown[-1].value == "run 2"  # st.rerun passed through


def test_a_fragment_error_gets_the_same_sentence() -> None:
    at = run_page("en", fragment=True)
    assert_sentence_only(at, "en")
    assert "inside the fragment" in [m.value for m in at.markdown]


def test_control_flow_passes_through() -> None:
    at = run_page("en", stop=True)
    assert not at.exception and not at.error
    assert at.markdown[-1].value == "run 2"
    for control in (RerunException(None), StopException()):
        with pytest.raises(type(control)), error_boundary():
            raise control


def test_boundary_does_nothing_when_nothing_fails() -> None:
    with error_boundary():
        value = 1
    assert value == 1
