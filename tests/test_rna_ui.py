"""The UI package's adapters over private Streamlit APIs still find what they use."""

from __future__ import annotations

import threading

import pandas as pd
import pyarrow as pa
import pytest

from rna_ui import streamlit_private


def test_pages_directory_switch_exists_and_flips_the_flag() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert streamlit_private.leave_pages_directory_mode() is True
        assert PagesManager.uses_pages_directory is False
        assert streamlit_private.leave_pages_directory_mode() is False
    finally:
        PagesManager.uses_pages_directory = before


def test_session_watch_is_none_outside_a_server() -> None:
    from streamlit.runtime import Runtime

    assert callable(Runtime.exists) and hasattr(Runtime, "instance")
    assert streamlit_private.session_is_connected() is None


def test_arrow_bytes_round_trip() -> None:
    frame = pd.DataFrame({"x": [1.0, 2.0], "name": ["a", "b"]})
    table = pa.ipc.open_stream(streamlit_private.arrow_bytes(frame)).read_all()
    assert table.column("x").to_pylist() == [1.0, 2.0]


@pytest.mark.keras
def test_a_script_run_ending_keeps_a_training_threads_keras_state() -> None:
    """Streamlit's end-of-run cleanup must not reset Keras state other threads are using.

    A background training compiles its step inside a ``keras.StatelessScope`` (JAX); if
    another session's run ends meanwhile, Streamlit used to call ``clear_session()``, the
    scope vanished and the variable read failed.
    """
    import keras
    import numpy as np
    from streamlit.runtime.scriptrunner import script_runner

    streamlit_private.keep_keras_state_between_runs()
    assert streamlit_private.keep_keras_state_between_runs() is False  # once is enough
    variable = keras.Variable(np.zeros(3, dtype="float32"))
    inside, cleaned = threading.Event(), threading.Event()
    seen: list[np.ndarray] = []

    def training_thread() -> None:
        with keras.StatelessScope(state_mapping=[(variable, keras.ops.ones(3))]):
            inside.set()
            cleaned.wait(10)
            seen.append(keras.ops.convert_to_numpy(variable.value))

    thread = threading.Thread(target=training_thread)
    thread.start()
    assert inside.wait(10)
    script_runner._clean_problem_modules()  # what Streamlit runs after every script run
    cleaned.set()
    thread.join(10)
    assert len(seen) == 1 and seen[0].tolist() == [1.0, 1.0, 1.0]


def test_keras_is_preloaded_only_in_a_real_server(monkeypatch, tmp_path) -> None:
    from streamlit.testing.v1 import AppTest

    from rna_ui.jobs import preload_keras

    preload_keras.clear()
    assert streamlit_private.in_real_server() is False
    probe = tmp_path / "probe.py"  # AppTest puts a mock runtime in place while a script runs
    probe.write_text("import streamlit as st\nfrom rna_ui import streamlit_private\n"
                     "st.write(str(streamlit_private.in_real_server()))\n")
    at = AppTest.from_file(str(probe))
    at.run()
    assert [block.value for block in at.markdown] == ["False"]
    assert preload_keras() is None  # AppTest and bare Python start nothing
    preload_keras.clear()
    monkeypatch.setattr("rna_ui.jobs.in_real_server", lambda: True)
    monkeypatch.setattr("rna_ui.jobs.load_keras", lambda: loaded.append(threading.current_thread().name))
    monkeypatch.setattr("rna_ui.jobs.warm_up_presets", lambda: loaded.append("warm-up") or 1 / 0)
    loaded: list[str] = []
    thread = preload_keras()
    thread.join(10)
    assert loaded == ["preload-keras", "warm-up"]  # Keras, then the presets compiled ahead (a failure is only logged)
    assert not thread.is_alive()
    assert preload_keras() is thread  # once per server
    preload_keras.clear()
    monkeypatch.setenv("RNA_PRELOAD_KERAS", "0")
    assert preload_keras() is None
    preload_keras.clear()
