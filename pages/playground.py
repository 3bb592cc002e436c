"""Playground: a small network on the plane that you watch learn, neuron by neuron."""

import streamlit as st

from rna_core import playground as pg
from rna_ui.playground_view import (
    PLAYING,
    REFRESH_PAUSE,
    code_panel,
    controls,
    current_run,
    link_from_widgets,
    live_view,
    share_panel,
    widgets_from_link,
)
from rna_ui.shell import setup_page, show_code

tr = setup_page("playground.title")
st.write(tr("playground.intro"))
widgets_from_link()  # a link opened (or the first visit) sets the widgets; afterwards they set the URL

notice = st.empty()
settings_column, view_column = st.columns([1, 2.6], gap="medium")
with settings_column:
    settings = controls(tr)
if settings is not None:
    link_query = link_from_widgets(tr, settings, notice)
    experiment = current_run(tr, settings)
    with view_column:
        playing = bool(st.session_state[PLAYING])
        st.fragment(live_view, run_every=REFRESH_PAUSE if playing else None)(tr, playing)
    code_panel(tr, settings, experiment)
    share_panel(tr, settings, link_query)
show_code(tr, pg.Network._gradients, pg.Network.fit)
