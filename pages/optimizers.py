"""Optimizer race: NumPy optimizers with Keras's rules race on a 2-D cost surface, then on MNIST."""

import streamlit as st

from rna_core.optimizers import SGD, Adam, RMSprop
from rna_ui.optimizers_mnist import render_mnist_race
from rna_ui.optimizers_view import surface_race, update_rules
from rna_ui.shell import setup_page, show_code

tr = setup_page("optimizers.title")
st.write(tr("optimizers.intro"))
tab_race, tab_mnist = st.tabs([tr("optimizers.tab_surface"), tr("optimizers.tab_mnist")])
with tab_race:
    surface_race(tr)
    update_rules(tr)
    show_code(tr, SGD.update_step, RMSprop.update_step, Adam.apply_gradients, Adam.update_step)
with tab_mnist:
    render_mnist_race(tr)
