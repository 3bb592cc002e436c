"""Backpropagation with real numbers on a 2-2-1 network, then gradient flow in a deep one."""

import streamlit as st

from rna_core.backprop.trace import backward, forward
from rna_ui.backprop_view import depth_section, walkthrough
from rna_ui.shell import setup_page, show_code

tr = setup_page("backprop.title")
st.write(tr("backprop.intro"))
walkthrough(tr)
depth_section(tr)
show_code(tr, forward, backward)
