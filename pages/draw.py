"""Draw a digit: a trained network reads your drawing (or photo) and shows what it sees."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rna_core import digits
from rna_core.digits.numbers import split_number
from rna_ui import draw_view as view
from rna_ui.shell import setup_page, show_code

tr = setup_page("draw.title")
st.write(tr("draw.intro"))


@st.fragment
def reading_area(network: object, source: str) -> None:
    """Canvas (or upload) and everything read from it: reruns alone after each stroke."""
    left, right = st.columns([1, 1], gap="large")
    with left:
        image = view.canvas_image(tr) if source == "canvas" else view.uploaded_image(tr)
    with right:
        head, chart, tail = st.container(), st.container(), st.container()
    answer = view.read(tr, image, source, network, head)
    if answer is not None:
        with head:
            view.show_prediction(tr, answer[1], answer[0])
        if len(answer[1]) == 1:
            with chart:
                view.show_probabilities(tr, answer[1][0])
        with tail:
            view.correct_me(tr, answer[0], answer[1].argmax(axis=1))
    else:
        if source == "canvas" and image is None:
            head.info(tr("draw.hint"), icon=":material/edit:")
        if network is not None:
            with chart:
                view.show_probabilities(tr, np.zeros(10))
    if answer is not None:
        view.show_stages(tr, answer[0].digits[0])  # of a number: its first digit (the box shows which)
        view.show_inside(tr, network, answer[0].digits[0])


network = view.choose_model(tr)
source = st.radio(tr("draw.source"), ["canvas", "upload"], horizontal=True, key="draw.source",
                  format_func=lambda name: tr(f"draw.source_{name}"))
reading_area(network, source)
view.finetune_status(tr)  # below: elements added above the canvas would make it mount afresh, empty
show_code(tr, digits.preprocess, digits.fit_into_box, digits.centre_by_mass, split_number, digits.predict_proba)
