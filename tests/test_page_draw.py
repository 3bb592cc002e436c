"""The Draw-a-digit page through AppTest, with drawings injected into the canvas's state."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image, ImageDraw
from streamlit.testing.v1 import AppTest

from rna_core.i18n import LANGUAGES, t

from .conftest import ROOT

CANVAS_KEY = "draw.canvas.0"  # the canvas's key before any "clear"


def canvas_state(draw_on) -> dict:
    """What streamlit-drawable-canvas 0.13 keeps in session state after a stroke: the PNG as a data URL."""
    picture = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
    draw_on(ImageDraw.Draw(picture))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    return {"drawing": {"raw": {"objects": [{"type": "path"}]}, "data": url}, "backgroundFit": None}


def vertical_stroke(draw: ImageDraw.ImageDraw) -> None:
    draw.line([(140, 40), (140, 240)], fill="white", width=22)


def loop(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((80, 40, 200, 240), outline="white", width=22)


def dot(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((200, 200, 212, 214), fill="white")


def run_page(lang: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/draw.py"), default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key.replace("__", ".")] = value
    at.run()
    assert not at.exception, at.exception
    return at


def predicted_digit(at: AppTest) -> str | None:
    for block in at.markdown:
        if 'class="draw-digit"' in block.value:
            return block.value.split(">")[1].split("<")[0]
    return None


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_empty_canvas_shows_the_hint_and_no_prediction(lang: str) -> None:
    at = run_page(lang)
    assert at.title[0].value == t("draw.title", lang)
    assert [info.value for info in at.info] == [t("draw.hint", lang)]
    assert predicted_digit(at) is None
    assert at.selectbox(key="draw.model").value == "cnn"


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("drawing", "digit"), [(vertical_stroke, "1"), (loop, "0")])
def test_injected_drawing_is_read_with_its_stages(lang: str, drawing, digit: str) -> None:
    at = run_page(lang, **{CANVAS_KEY.replace(".", "__"): canvas_state(drawing)})
    assert predicted_digit(at) == digit
    assert not at.info or at.info[0].value != t("draw.hint", lang)
    assert t("draw.stages", lang) in [header.value for header in at.subheader]
    assert len(at.get("image")) == 4 + 3  # the four preprocessing stages, then filters and two layers' maps
    texts = " ".join(block.value for block in at.markdown)
    assert t("draw.probability", lang, percent="")[:6] in texts
    # the default model is a CNN: the page shows its feature maps instead of hidden-layer strips
    assert t("draw.cnn_note", lang) in [info.value for info in at.info]
    assert t("draw.maps_caption", lang) in [caption.value for caption in at.caption]


def test_tiny_drawing_gets_the_not_sure_message() -> None:
    at = run_page("en", **{CANVAS_KEY.replace(".", "__"): canvas_state(dot)})
    assert t("draw.unsure", "en") in [warning.value for warning in at.warning]


def test_clear_button_starts_a_fresh_canvas() -> None:
    at = run_page("en", **{CANVAS_KEY.replace(".", "__"): canvas_state(vertical_stroke)})
    assert predicted_digit(at) == "1"
    at.button(key="draw.clear").click().run()
    assert not at.exception
    assert predicted_digit(at) is None
    assert [info.value for info in at.info] == [t("draw.hint", "en")]


@pytest.mark.keras
def test_session_mlp_is_preselected_and_shows_its_hidden_layers() -> None:
    import keras

    keras.utils.set_random_seed(0)
    mlp = keras.Sequential([
        keras.Input((784,)), keras.layers.Dense(30, activation="relu"), keras.layers.Dense(20, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    at = run_page(
        "es",
        trained_models={"mi red": mlp},
        draw__selected_model="mi red",
        **{CANVAS_KEY.replace(".", "__"): canvas_state(vertical_stroke)},
    )
    assert at.selectbox(key="draw.model").value == "session:mi red"
    assert predicted_digit(at) is not None
    assert t("draw.activations", "es") in [header.value for header in at.subheader]
    assert t("draw.activations_caption", "es") in [caption.value for caption in at.caption]
    assert t("draw.cnn_note", "es") not in [info.value for info in at.info]
    # back to the shipped CNN
    at.selectbox(key="draw.model").set_value("cnn").run()
    assert not at.exception
    assert t("draw.cnn_note", "es") in [info.value for info in at.info]


def test_upload_mode_starts_with_no_prediction_and_no_hint() -> None:
    at = run_page("en")
    at.radio(key="draw.source").set_value("upload").run()
    assert not at.exception
    assert predicted_digit(at) is None
    assert not at.error


def two_digits(draw: ImageDraw.ImageDraw) -> None:
    """A "1" and a "0" side by side: the number 10."""
    draw.line([(70, 60), (70, 220)], fill="white", width=18)
    draw.ellipse((130, 60, 230, 220), outline="white", width=18)


def many_marks(draw: ImageDraw.ImageDraw) -> None:
    for index in range(30):  # 30 short strokes in a row: far more than a number has
        x = 6 + index * 9
        draw.line([(x, 100), (x, 160)], fill="white", width=4)


def blob(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((20, 20, 260, 260), fill="white")


def number_digits(at: AppTest) -> list[str]:
    return [block.value.split(">")[1].split("<")[0] for block in at.markdown if "draw-number-digit" in block.value]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_number_is_read_digit_by_digit(lang: str) -> None:
    at = run_page(lang, **{CANVAS_KEY.replace(".", "__"): canvas_state(two_digits)})
    assert predicted_digit(at) == "10"
    assert number_digits(at) == ["1", "0"]
    assert t("draw.number_caption", lang, count=2) in [caption.value for caption in at.caption]


@pytest.mark.parametrize(("drawing", "key"), [(many_marks, "draw.error_too_many"), (blob, "draw.error_blob")])
def test_bad_drawings_get_a_clear_message(drawing, key: str) -> None:
    for lang in LANGUAGES:
        at = run_page(lang, **{CANVAS_KEY.replace(".", "__"): canvas_state(drawing)})
        assert predicted_digit(at) is None
        assert t(key, lang, limit=12) in [error.value for error in at.error]


def test_correct_me_fine_tunes_a_copy_and_offers_it(mnist_path: str, monkeypatch) -> None:
    monkeypatch.setenv("RNA_MNIST_PATH", mnist_path)
    at = run_page("en", **{CANVAS_KEY.replace(".", "__"): canvas_state(vertical_stroke)})
    assert predicted_digit(at) == "1"
    at.selectbox(key="draw.correct_label").set_value(7).run()
    for _ in range(3):
        at.button(key="draw.correct_keep").click().run()
    assert t("draw.correct_count", "en", count=3) in [caption.value for caption in at.caption]
    at.button(key="draw.finetune").click().run()
    assert not at.exception, at.exception
    job = at.session_state["draw.finetune_job"]
    assert job.wait(120) and job.status == "finished"
    at.run()
    assert not at.exception, at.exception
    assert any(t("draw.finetune_reread", "en") == caption.value for caption in at.caption)
    assert "tuned" in at.selectbox(key="draw.model").options or any(
        t("draw.model_tuned", "en") == option for option in at.selectbox(key="draw.model").options)
    at.selectbox(key="draw.model").set_value("tuned").run()
    assert predicted_digit(at) == "7"  # the copy learned this writer's "7"
