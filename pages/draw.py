"""Draw a digit: a trained network reads your drawing (or photo) and shows what it sees."""

from __future__ import annotations

import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from rna_core import digits
from rna_core.charts import localize
from rna_core.charts.draw import activation_strips, probability_chart
from rna_core.files import MODELS_DIR
from rna_core.uploads import MAX_BYTES, decode_image
from rna_ui.session import DRAW_MODEL_CHOICE, trained_models
from rna_ui.shell import setup_page, show_code, show_error

MLP_DIR = MODELS_DIR / "mnist_mlp"
CANVAS_SIZE = 280
UNSURE_BELOW = 0.5

tr = setup_page("draw.title")
st.write(tr("draw.intro"))


@st.cache_resource(show_spinner=False)
def shipped_cnn() -> digits.NumpyNetwork:
    return digits.load_default_model()


@st.cache_resource(show_spinner=False)
def shipped_mlp() -> digits.NumpyNetwork:
    return digits.load_network(MLP_DIR)


def model_options() -> dict[str, str]:
    """Option key -> label shown in the selector."""
    options = {"cnn": tr("draw.model_cnn")}
    if (MLP_DIR / "weights.npz").is_file():
        options["mlp"] = tr("draw.model_mlp")
    for label in reversed(list(trained_models())):
        options[f"session:{label}"] = tr("draw.model_session", label=label)
    return options


def session_network(label: str) -> object:
    """A model trained in this session, as a NumPy network when possible (kept per model)."""
    model = trained_models()[label]
    cache = st.session_state.setdefault("draw._networks", {})
    if cache.get(label, (None,))[0] is not model:
        try:
            cache[label] = (model, digits.from_keras(model))
        except ValueError:
            cache[label] = (model, model)  # unusual layers: predict_proba calls the model directly
    return cache[label][1]


def choose_model() -> object | None:
    options = model_options()
    wanted = st.session_state.get(DRAW_MODEL_CHOICE)
    if wanted and st.session_state.get("draw._applied_choice") != wanted:
        st.session_state["draw._applied_choice"] = wanted
        for key in (f"session:{wanted}", wanted):
            if key in options:
                st.session_state["draw.model"] = key
                break
    if st.session_state.get("draw.model") not in options:
        st.session_state["draw.model"] = "cnn"
    key = st.selectbox(tr("draw.model"), list(options), format_func=options.__getitem__,
                       key="draw.model", help=tr("draw.model_help"))
    try:
        if key == "cnn":
            return shipped_cnn()
        if key == "mlp":
            with st.spinner(tr("draw.loading_model")):
                return shipped_mlp()
        return session_network(key.removeprefix("session:"))
    except FileNotFoundError:
        st.error(tr("draw.model_missing", command="python -m rna_core.digits train --out models/digits_cnn"))
    except ValueError as error:
        show_error(error)
    return None


def canvas_image() -> np.ndarray | None:
    """The canvas's pixels (uint8 RGBA), or None before the first stroke."""
    stroke = st.slider(tr("draw.stroke"), 8, 40, 22, key="draw.stroke")
    generation = st.session_state.setdefault("draw.canvas_generation", 0)
    result = st_canvas(
        stroke_width=stroke, stroke_color="#FFFFFF", background_color="#000000",
        width=CANVAS_SIZE, height=CANVAS_SIZE, drawing_mode="freedraw", update_streamlit=True,
        return_image_data=True, key=f"draw.canvas.{generation}",
    )
    if st.button(tr("draw.clear"), icon=":material/delete:", key="draw.clear"):
        st.session_state["draw.canvas_generation"] = generation + 1
        st.rerun()
    st.caption(tr("draw.canvas_help"))
    return result.image_data


def uploaded_image() -> np.ndarray | None:
    upload = st.file_uploader(tr("draw.upload"), type=["png", "jpg", "jpeg"], key="draw.upload",
                              max_upload_size=MAX_BYTES // (1024 * 1024), help=tr("draw.upload_hint"))
    if upload is None:
        st.caption(tr("draw.upload_hint"))
        return None
    try:
        image = decode_image(upload.getvalue())
    except ValueError as error:
        show_error(error)
        return None
    st.image(image, width=CANVAS_SIZE)
    return image


def show_prediction(probabilities: np.ndarray, stages: digits.Stages) -> None:
    best = int(np.argmax(probabilities))
    st.markdown(f"**{tr('draw.prediction')}**")
    st.markdown(
        f'<div class="draw-digit" style="font-size:6rem;font-weight:700;line-height:1.05">{best}</div>',
        unsafe_allow_html=True,
    )
    st.markdown(tr("draw.probability", percent=tr.num(probabilities[best], ".1%")))
    if probabilities[best] < UNSURE_BELOW or stages.tiny:
        st.warning(tr("draw.unsure"), icon=":material/help:")
    st.altair_chart(
        localize(probability_chart(probabilities, tr("draw.digit"), tr("draw.probability_axis")), tr.lang),
        width="stretch", key="draw.probability_chart",
    )


def show_stages(stages: digits.Stages) -> None:
    st.subheader(tr("draw.stages"))
    pictures = digits.stage_pictures(stages)
    for column, name in zip(st.columns(len(pictures)), pictures, strict=True):
        column.image(pictures[name], caption=tr(f"draw.stage_{name}"))
    st.caption(tr("draw.stages_caption"))


def show_inside(network: object, stages: digits.Stages) -> None:
    st.subheader(tr("draw.activations"))
    if not isinstance(network, digits.NumpyNetwork) or not network.is_mlp:
        st.info(tr("draw.cnn_note"), icon=":material/search:")
        return
    layers = digits.hidden_activations(network, stages.centred)
    names = [tr("draw.layer_hidden", index=i + 1, units=len(v)) for i, v in enumerate(layers[:-1])]
    names.append(tr("draw.layer_output"))
    st.altair_chart(localize(activation_strips(layers, names, tr("draw.activation_value"), tr("draw.neuron")), tr.lang),
                    key="draw.activation_chart")
    st.caption(tr("draw.activations_caption"))


network = choose_model()
source = st.radio(tr("draw.source"), ["canvas", "upload"], horizontal=True, key="draw.source",
                  format_func=lambda name: tr(f"draw.source_{name}"))
left, right = st.columns([1, 1], gap="large")
with left:
    image = canvas_image() if source == "canvas" else uploaded_image()

stages = probabilities = None
if image is not None:
    try:
        stages = digits.preprocess(image)
    except digits.EmptyDrawingError:
        if source == "upload":
            right.warning(tr("draw.empty_upload"))
    except ValueError as error:
        with right:
            show_error(error)
if stages is not None and network is not None:
    try:
        probabilities = digits.predict_proba(network, stages.centred[None])[0]
    except ValueError as error:
        with right:
            show_error(error)

with right:
    if probabilities is not None:
        show_prediction(probabilities, stages)
    elif source == "canvas" and stages is None:
        st.info(tr("draw.hint"), icon=":material/edit:")

if probabilities is not None:
    show_stages(stages)
    show_inside(network, stages)
show_code(tr, digits.preprocess, digits.fit_into_box, digits.centre_by_mass, digits.predict_proba)
