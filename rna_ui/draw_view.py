"""Views of the Draw page: model choice, canvas or upload, the answer, what the network sees, Correct me.

The page (``pages/draw.py``) lays these out; the reading itself lives in ``rna_core.digits``.
Every function takes the page's translator ``tr`` first; widget and session keys are the page's
(``draw.*``), so the page's tests and browser tests see the same elements in the same order.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from rna_core import digits
from rna_core.charts import localize
from rna_core.charts.draw import activation_strips, enlarge, map_grid, probability_frame, probability_spec
from rna_core.digits.finetune import FineTuneJob, FineTuneProgress
from rna_core.digits.numbers import NumberReading, split_number
from rna_core.files import MODELS_DIR
from rna_core.i18n import Translator
from rna_core.uploads import MAX_BYTES, decode_image
from rna_ui import jobs as ui_jobs
from rna_ui.draw_canvas import draw_canvas
from rna_ui.session import DRAW_MODEL_CHOICE, trained_models
from rna_ui.shell import show_error
from rna_ui.widgets import shown_index

MLP_DIR = MODELS_DIR / "mnist_mlp"
CANVAS_SIZE = 280
UNSURE_BELOW = 0.5
CORRECTIONS = "draw.corrections"  # session: list of (28x28 image, right digit)
JOB = "draw.finetune_job"  # session: the running or finished FineTuneJob
TUNED = "tuned"  # model option of the fine-tuned copy


@st.cache_resource(show_spinner=False)
def _shipped_cnn() -> digits.NumpyNetwork:
    """The shipped convolutional network, loaded once per server."""
    return digits.load_default_model()


@st.cache_resource(show_spinner=False)
def _shipped_mlp() -> digits.NumpyNetwork:
    """The shipped dense network, loaded once per server."""
    return digits.load_network(MLP_DIR)


@st.cache_resource(show_spinner=False)
def _mnist_for_finetuning() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """MNIST's training set and 1000 test images, read once per server."""
    from rna_core.data import load_mnist

    train, (x_test, y_test) = load_mnist()
    return train, (x_test[:1000], y_test[:1000])


def _tuned_network() -> digits.NumpyNetwork | None:
    """The fine-tuned copy of this session, once its job has finished."""
    job = st.session_state.get(JOB)
    result = job.result() if job is not None else None
    return result.network if result is not None else None


def _model_options(tr: Translator) -> dict[str, str]:
    """Option key -> label shown in the selector."""
    options = {"cnn": tr("draw.model_cnn")}
    if (MLP_DIR / "weights.npz").is_file():
        options["mlp"] = tr("draw.model_mlp")
    if _tuned_network() is not None:
        options[TUNED] = tr("draw.model_tuned")
    for label in reversed(list(trained_models())):
        options[f"session:{label}"] = tr("draw.model_session", label=label)
    return options


def _session_network(label: str) -> object:
    """A model trained in this session, as a NumPy network when possible (kept per model)."""
    model = trained_models()[label]
    cache = st.session_state.setdefault("draw._networks", {})
    if cache.get(label, (None,))[0] is not model:
        try:
            cache[label] = (model, digits.from_keras(model))
        except ValueError:
            cache[label] = (model, model)  # unusual layers: predict_proba calls the model directly
    return cache[label][1]


def choose_model(tr: Translator) -> object | None:
    """The model selector (shipped CNN/MLP, the fine-tuned copy, this session's models).

    Parameters
    ----------
    tr : Translator
        The page's translator.

    Returns
    -------
    object or None
        The chosen network, or None when it cannot be loaded (the reason is shown).
    """
    options = _model_options(tr)
    wanted = st.session_state.get(DRAW_MODEL_CHOICE)
    if wanted and st.session_state.get("draw._applied_choice") != wanted:
        st.session_state["draw._applied_choice"] = wanted
        for key in (f"session:{wanted}", wanted):
            if key in options:
                st.session_state["draw.model"] = key
                break
    if st.session_state.get("draw.model") not in options:
        st.session_state["draw.model"] = "cnn"
    key = st.selectbox(tr("draw.model"), list(options), shown_index("draw.model", options),
                       format_func=options.__getitem__, key="draw.model", help=tr("draw.model_help"))
    try:
        if key == "cnn":
            return _shipped_cnn()
        if key == "mlp":
            return _shipped_mlp()
        if key == TUNED:
            return _tuned_network()
        return _session_network(key.removeprefix("session:"))
    except FileNotFoundError:
        st.error(tr("draw.model_missing", command="python -m rna_core.digits train --out models/digits_cnn"))
    except ValueError as error:
        show_error(error)
    return None


def canvas_image(tr: Translator) -> np.ndarray | None:
    """Pen width slider, the canvas and its Clear button.

    Parameters
    ----------
    tr : Translator
        The page's translator.

    Returns
    -------
    numpy.ndarray or None
        The canvas's pixels (uint8 RGBA), or None before the first stroke.
    """
    stroke = st.slider(tr("draw.stroke"), 8, 40, 22, key="draw.stroke")
    generation = st.session_state.setdefault("draw.canvas_generation", 0)
    image = draw_canvas(f"draw.canvas.{generation}", size=CANVAS_SIZE, pen=stroke, undo_label=tr("draw.undo"))
    if st.button(tr("draw.clear"), icon=":material/delete:", key="draw.clear"):
        st.session_state["draw.canvas_generation"] = generation + 1
        st.rerun()
    st.caption(tr("draw.canvas_help"))
    return image


def uploaded_image(tr: Translator) -> np.ndarray | None:
    """The photo uploader, and the uploaded picture once decoded.

    Parameters
    ----------
    tr : Translator
        The page's translator.

    Returns
    -------
    numpy.ndarray or None
        The picture, or None before an upload or when it cannot be decoded (the reason is shown).
    """
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


def read(tr: Translator, image: np.ndarray | None, source: str, network: object,
         place: object) -> tuple[NumberReading, np.ndarray] | None:
    """Split the picture into digits and read them.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    image : numpy.ndarray or None
        The drawing or photo (None: nothing to read).
    source : str
        ``"canvas"`` or ``"upload"`` (an empty picture gets a different message).
    network : object or None
        The chosen network.
    place : streamlit container
        Where hints and errors are shown.

    Returns
    -------
    tuple or None
        ``(reading, probabilities)`` with one row of ten probabilities per digit, or None.
    """
    if image is None:
        return None
    # touching digits are split where the chosen network reads the pieces best
    recognise = None if network is None else (lambda images: digits.predict_proba(network, images))
    try:
        reading = split_number(image, read=recognise)
    except digits.EmptyDrawingError:
        if source == "upload":
            place.warning(tr("draw.empty_upload"))
        else:
            place.info(tr("draw.hint"), icon=":material/edit:")
        return None
    except ValueError as error:
        with place:
            show_error(error)
        return None
    if network is None:
        return None
    try:
        return reading, digits.predict_proba(network, reading.images)
    except ValueError as error:
        with place:
            show_error(error)
        return None


def show_prediction(tr: Translator, probabilities: np.ndarray, reading: NumberReading) -> None:
    """The answer: one big digit, or a number with each digit's crop and probability.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    probabilities : numpy.ndarray
        One row of ten probabilities per digit read.
    reading : NumberReading
        The digits found in the picture, left to right.
    """
    best = probabilities.argmax(axis=1)
    st.markdown(f"**{tr('draw.prediction')}**")
    st.markdown(f'<div class="draw-digit" style="font-size:6rem;font-weight:700;line-height:1.05">'
                f'{"".join(str(d) for d in best)}</div>', unsafe_allow_html=True)
    if len(best) == 1:
        st.markdown(tr("draw.probability", percent=tr.num(probabilities[0, best[0]], ".1%")))
        if probabilities[0, best[0]] < UNSURE_BELOW or reading.digits[0].tiny:
            st.warning(tr("draw.unsure"), icon=":material/help:")
        return
    st.caption(tr("draw.number_caption", count=len(best)))
    for column, digit, row, stages in zip(st.columns(len(best)), best, probabilities, reading.digits, strict=True):
        column.image(enlarge(stages.centred, 56), width=56)
        column.markdown(f'<div class="draw-number-digit" style="font-size:2rem;font-weight:700">{digit}</div>',
                        unsafe_allow_html=True)
        column.caption(tr.num(row[digit], ".0%"))
    if min(row[d] for row, d in zip(probabilities, best, strict=True)) < UNSURE_BELOW:
        st.warning(tr("draw.unsure"), icon=":material/help:")


def show_probabilities(tr: Translator, probabilities: np.ndarray) -> None:
    """The ten bars of one digit.

    Shown from the start (all zero before a drawing) and always in the same place, so the
    browser builds the chart once, with the page, and each stroke only changes its data.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    probabilities : numpy.ndarray
        Ten probabilities.
    """
    st.vega_lite_chart(probability_frame(probabilities),
                       probability_spec(tr("draw.digit"), tr("draw.probability_axis"), tr.lang),
                       width="stretch", key="draw.probability_chart")


def show_stages(tr: Translator, stages: digits.Stages) -> None:
    """The preprocessing steps from the picture to the network's 28x28 input.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    stages : digits.Stages
        The steps of one digit.
    """
    st.subheader(tr("draw.stages"))
    pictures = digits.stage_pictures(stages)
    for column, name in zip(st.columns(len(pictures)), pictures, strict=True):
        column.image(pictures[name], caption=tr(f"draw.stage_{name}"))
    st.caption(tr("draw.stages_caption"))


def show_inside(tr: Translator, network: object, stages: digits.Stages) -> None:
    """Inside the network: a CNN's filters and feature maps, or an MLP's activations.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    network : object
        The network that read the digit.
    stages : digits.Stages
        The steps of the digit it read.
    """
    st.subheader(tr("draw.activations"))
    if isinstance(network, digits.NumpyNetwork) and not network.is_mlp:
        try:
            maps = digits.feature_maps(network, stages.centred)
        except ValueError:
            st.info(tr("draw.cnn_note"), icon=":material/search:")
            return
        st.info(tr("draw.cnn_note"), icon=":material/search:")
        first, second = st.columns([1, 2])
        first.image(map_grid(maps.filters, columns=8, cell=24, signed=True), caption=tr("draw.maps_filters"))
        second.image(map_grid(maps.maps[0], columns=8, cell=52), caption=tr("draw.maps_first"))
        if len(maps.maps) > 1:
            st.image(map_grid(maps.maps[1], columns=16, cell=33), caption=tr("draw.maps_second"))
        st.caption(tr("draw.maps_caption"))
        return
    if not isinstance(network, digits.NumpyNetwork):
        st.info(tr("draw.cnn_note"), icon=":material/search:")
        return
    layers = digits.hidden_activations(network, stages.centred)
    names = [tr("draw.layer_hidden", index=i + 1, units=len(v)) for i, v in enumerate(layers[:-1])]
    names.append(tr("draw.layer_output"))
    st.altair_chart(localize(activation_strips(layers, names, tr("draw.activation_value"), tr("draw.neuron")), tr.lang),
                    key="draw.activation_chart")
    st.caption(tr("draw.activations_caption"))


def correct_me(tr: Translator, reading: NumberReading, best: np.ndarray) -> None:
    """Keep the drawing with its right digit; fine-tune a copy of the network on the kept ones.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    reading : NumberReading
        The digits read from the drawing.
    best : numpy.ndarray
        The network's answer for each digit.
    """
    with st.expander(tr("draw.correct_title"), icon=":material/school:"):
        st.write(tr("draw.correct_intro"))
        which = 0
        if len(best) > 1:
            which = st.selectbox(tr("draw.correct_which"), range(len(best)), key="draw.correct_which",
                                 format_func=lambda i: f"{i + 1}: {best[i]}")
        label = st.selectbox(tr("draw.correct_label"), range(10), index=int(best[which]), key="draw.correct_label")
        kept = st.session_state.setdefault(CORRECTIONS, [])
        if st.button(tr("draw.correct_keep"), icon=":material/bookmark_add:", key="draw.correct_keep"):
            kept.append((reading.digits[which].centred, int(label)))
        st.caption(tr("draw.correct_count", count=len(kept)))
        if kept:
            left, right = st.columns(2)
            if right.button(tr("draw.correct_forget"), key="draw.correct_forget"):
                kept.clear()
                st.rerun()
            if left.button(tr("draw.finetune"), icon=":material/model_training:", key="draw.finetune", type="primary"):
                _start_finetuning(tr, kept)


def _start_finetuning(tr: Translator, kept: list[tuple[np.ndarray, int]]) -> None:
    """Start a background job fine-tuning a copy of the shipped CNN on the kept drawings."""
    try:
        train, test = _mnist_for_finetuning()
    except (OSError, RuntimeError, ValueError) as error:
        st.error(tr("draw.finetune_no_mnist", error=str(error)))
        return
    images = np.stack([image for image, _ in kept])
    job = FineTuneJob(_shipped_cnn(), images, [label for _, label in kept], train, test,
                      is_watched=ui_jobs.session_watcher())
    try:
        st.session_state[JOB] = ui_jobs.start_job(job)
    except ValueError as error:  # the server's training slots are all taken
        show_error(error)
        return
    st.rerun()  # the whole page: the progress bar below


def _finetune_progress(tr: Translator, progress: FineTuneProgress) -> None:
    """The running job's progress bar (polled by ``live_job``, which reruns the page when it ends)."""
    if not progress.done:
        st.progress(progress.epoch / max(progress.epochs, 1),
                    text=tr("draw.finetune_running", epoch=progress.epoch, epochs=progress.epochs))


def finetune_status(tr: Translator) -> None:
    """Progress of the fine-tuning job, then its result: the drawings re-read, MNIST before and after.

    Parameters
    ----------
    tr : Translator
        The page's translator.
    """
    job = st.session_state.get(JOB)
    if job is None:
        return
    progress = job.progress()
    if not progress.done:
        ui_jobs.live_job(JOB, job, partial(_finetune_progress, tr), every=0.5)
        return
    if progress.status == "failed":
        st.error(tr("draw.finetune_failed", error=progress.error or ""))
        return
    result = job.result()
    if result is None:
        return
    st.success(tr("draw.finetune_done", seconds=result.seconds, before=tr.num(result.mnist_before, ".1%"),
                  after=tr.num(result.mnist_after, ".1%")), icon=":material/check_circle:")
    st.caption(tr("draw.finetune_reread"))
    before, after = result.drawings_before.argmax(axis=1), result.drawings_after.argmax(axis=1)
    images = job.drawings
    columns = st.columns(max(1, min(10, len(before))))
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        column = columns[index % len(columns)]
        column.image(enlarge(images[index], 56), width=56)
        column.markdown(f"{old} → **{new}**")
