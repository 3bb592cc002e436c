"""The UI package's adapters over private Streamlit APIs still find what they use."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

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
