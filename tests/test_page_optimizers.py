"""The optimizer-race page through Streamlit's AppTest, in both languages."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import t
from rna_core.mnist_race import MnistRaceJob
from rna_core.surfaces import SURFACE_NAMES

from .conftest import ROOT

PAGE = str(ROOT / "pages" / "optimizers.py")


def open_page(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_change_surface_toggle_racers_start_and_scrub(lang):
    at = open_page(lang)
    assert at.title[0].value == t("optimizers.title", lang)
    for name in SURFACE_NAMES:
        at.selectbox(key="optimizers.surface").set_value(name).run()
        assert not at.exception, (name, at.exception)
        assert not at.error, [e.value for e in at.error]
    at.selectbox(key="optimizers.surface").set_value("logistic").run()
    at.checkbox(key="optimizers.logistic.rmsprop.on").uncheck().run()
    guesses = at.radio(key="optimizers.guess").options
    assert t("optimizers.racer.rmsprop", lang) not in guesses and len(guesses) == 5
    at.radio(key="optimizers.guess").set_value(t("optimizers.racer.adam", lang)).run()
    at.button(key="optimizers.start").click().run()
    assert not at.exception, at.exception
    slider = at.slider(key="optimizers.step")
    for step in (0, 37, 150):
        slider.set_value(step).run()
        assert not at.exception, at.exception
    assert any(t("optimizers.wait_finish", lang) in c.value for c in at.caption)
    at.slider(key="optimizers.step").set_value(300).run()
    assert not at.exception, at.exception
    verdicts = [m.value for m in list(at.success) + list(at.info)]
    assert any(t("optimizers.racer.adam", lang) in v for v in verdicts), verdicts
    board = at.dataframe[0].value
    assert list(board.columns)[:2] == [t("optimizers.col.rank", lang), t("optimizers.col.racer", lang)]
    assert len(board) == 5


def test_play_button_advances_the_race():
    at = open_page("en")
    at.selectbox(key="optimizers.surface").set_value("ravine").run()
    at.button(key="optimizers.start").click().run()
    assert at.session_state["optimizers.playing"] is True
    first = at.slider(key="optimizers.step").value
    at.run()  # what the fragment's timer does
    assert at.slider(key="optimizers.step").value > first
    at.toggle(key="optimizers.playing").set_value(False).run()  # pause
    assert at.session_state["optimizers.playing"] is False
    paused = at.slider(key="optimizers.step").value
    at.run()
    assert at.slider(key="optimizers.step").value == paused


@pytest.mark.parametrize("lang", ["en", "es"])
def test_bad_inputs_show_a_translated_message(lang):
    at = open_page(lang)
    at.selectbox(key="optimizers.surface").set_value("rosenbrock").run()
    at.number_input(key="optimizers.rosenbrock.adam.lr").set_value(0.0).run()
    assert not at.exception
    racer = t("optimizers.racer.adam", lang)
    assert [e.value for e in at.error] == [t("optimizers.error.learning_rate", lang, racer=racer, value=0.0)]
    at.number_input(key="optimizers.rosenbrock.adam.lr").set_value(0.02).run()
    assert not at.error
    at.number_input(key="optimizers.rosenbrock.x").set_value(7.0).run()
    assert not at.exception
    expected = t("optimizers.error.start", lang, x="x", y="y", x_min=-2.0, x_max=2.0, y_min=-1.0, y_max=3.0)
    assert [e.value for e in at.error] == [expected]
    at.number_input(key="optimizers.rosenbrock.x").set_value(0.0).run()
    at.number_input(key="optimizers.steps").set_value(0).run()
    assert [e.value for e in at.error] == [t("optimizers.error.steps", lang, max_steps=5000)]


def test_too_large_learning_rate_is_a_diverged_racer_not_a_crash():
    at = open_page("en")
    at.selectbox(key="optimizers.surface").set_value("ravine").run()
    at.number_input(key="optimizers.ravine.gd.lr").set_value(1.0).run()
    at.button(key="optimizers.start").click().run()
    at.slider(key="optimizers.step").set_value(300).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith(t("optimizers.racer.gd", "en") + " diverged at step") for w in warnings), warnings
    board = at.dataframe[0].value.astype(str).to_string().lower()
    assert "nan" not in board and "<na>" not in board and "at step" in board


def test_switching_every_racer_off_asks_for_one():
    at = open_page("es")
    at.selectbox(key="optimizers.surface").set_value("saddle").run()
    for kind in ("gd", "momentum", "rmsprop", "adam"):
        at.checkbox(key=f"optimizers.saddle.{kind}.on").uncheck().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("optimizers.error.no_racers", "es")]


def test_mnist_tab_shows_the_shipped_race_instantly():
    at = open_page("en")
    captions = " ".join(c.value for c in at.caption)
    assert "Precomputed result" in captions
    assert len(charts(at)) >= 3  # the surface map + validation loss by epoch and by seconds


def test_chart_specs_are_valid_vega_lite_and_scrub_by_parameter():
    import altair as alt

    from rna_core.charts.optimizers import STEP_PARAM, loss_chart, set_step, surface_frame, surface_map
    from rna_core.race import default_racer, run_race, with_velocities
    from rna_core.surfaces import TEST_FUNCTIONS

    surface = TEST_FUNCTIONS["ravine"]
    racers = [default_racer("gd", surface), default_racer("momentum", surface)]
    result = run_race(surface, racers, surface.start, 20)
    names = [racer.name for racer in racers]
    grid = surface_frame(*surface.grid(8), surface.min_value)
    specs = [
        surface_map(grid, with_velocities(result, racers), surface.landmarks(surface.start), surface.bounds,
                    surface.axis_names, names, step=5, arrow_scale=2.0),
        loss_chart(result.trajectories, surface.min_value, names, "cost", "step", step=5),
    ]
    for spec in specs:
        alt.LayerChart.from_dict(spec, validate=True)  # raises on an invalid spec
        moved = set_step(spec, 17)
        assert [p["value"] for p in moved["params"] if p["name"] == STEP_PARAM] == [17]
        assert [p["value"] for p in spec["params"] if p["name"] == STEP_PARAM] == [5]  # the cached spec is untouched
        assert moved["datasets"] is spec["datasets"]
    paths = specs[0]["datasets"]["paths"]
    assert len(paths) == 42 and all(row["vx"] is None for row in paths if row["racer"] == "gd")
    assert min(row["gap"] for row in specs[1]["datasets"]["costs"]) > 0  # no zero on the log scale


class FakeJob(MnistRaceJob):
    """A real race job whose work is two history rows, then waiting to be stopped (no Keras)."""

    def run(self):
        self._set_racer("sgd")
        self._add({"optimizer": "sgd", "epoch": 0, "seconds": 0.0, "loss": float("nan"), "val_loss": 2.3,
                   "val_accuracy": 0.1})
        self._add({"optimizer": "sgd", "epoch": 1, "seconds": 3.0, "loss": 0.9, "val_loss": 0.5, "val_accuracy": 0.85})
        while not self.should_stop():
            time.sleep(0.01)


def test_own_mnist_race_shows_progress_stops_and_keeps_its_result(monkeypatch):
    at = open_page("es")
    import rna_ui.optimizers_mnist as mnist_part

    monkeypatch.setattr(mnist_part, "MnistRaceJob", FakeJob)
    monkeypatch.setattr(mnist_part, "race_data", lambda samples, seed: None)
    at.button(key="optimizers.mnist.run").click().run()
    assert not at.exception, at.exception
    job = at.session_state["optimizers.mnist.job"]
    assert isinstance(job, FakeJob) and job.settings.train_samples == 5_000
    texts = [p.text for p in at.get("progress")]
    assert texts and texts[0].startswith("Entrenando SGD")
    at.button(key="optimizers.mnist.stop").click().run()
    assert not at.exception and job.stop_requested and job.wait(timeout=10)
    at.run()
    assert t("optimizers.mnist_stopped", "es") in [i.value for i in at.info]
    assert len(charts(at)) >= 5  # the shipped race's 2 charts, the map, and this race's 2 charts


@pytest.mark.parametrize("lang", ["en", "es"])
def test_update_rules_on_screen_with_keras_names_and_adams_full_name(lang):
    at = open_page(lang)
    formulas = " ".join(latex.value for latex in at.latex)
    for name in ("momentums", "velocities", r"\beta_1^{\,t}", r"\alpha_t"):
        assert name in formulas
    markdown = " ".join(block.value for block in at.markdown)
    assert "Adaptive Moment Estimation" in markdown
    # the rule of thumb: beta = 0.9 averages about 1 / (1 - 0.9) = 10 steps
    assert r"\frac{1}{1 - 0.9} = 10" in formulas
    at.select_slider(key="optimizers.ema_beta").set_value(0.99).run()
    assert r"= 100" in " ".join(latex.value for latex in at.latex)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_two_sgds_have_different_names(lang):
    """Batch size 1 on the surface, Keras's SGD rule with batches of 32 on MNIST: never both called 'SGD'."""
    from rna_core.mnist_race import RACERS

    surface_names = {t(f"optimizers.racer.{kind}", lang) for kind in ("gd", "minibatch", "sgd")}
    mnist_names = {t(f"optimizers.mnist.{name}", lang) for name in RACERS}
    assert not surface_names & mnist_names
    assert "Keras" in t("optimizers.mnist.sgd", lang) and "32" in t("optimizers.mnist.sgd", lang)
    assert "SGD" not in t("optimizers.racer.sgd", lang)
    assert "`SGD`" in t("optimizers.mnist_intro", lang) and "batch_size" in t("optimizers.mnist_intro", lang)


def test_summary_counts_the_mnist_racers():
    from rna_core.mnist_race import RACERS
    from rna_core.race import RACER_KINDS

    assert len(RACERS) == 4 and len(RACER_KINDS) == 6
    assert "four" in t("optimizers.summary", "en") and "Six" in t("optimizers.summary", "en")
    assert "cuatro" in t("optimizers.summary", "es") and "Seis" in t("optimizers.summary", "es")


def test_minimum_coordinates_are_written_the_spanish_way():
    at = open_page("es")
    at.selectbox(key="optimizers.surface").set_value("beale").run()
    assert t("optimizers.about.beale", "es", x=3.0, y=0.5) in [caption.value for caption in at.caption]
    assert "(3; 0,5)" in t("optimizers.about.beale", "es", x=3.0, y=0.5)


def test_spanish_leaderboard_is_not_called_classification():
    """'Clasificación' means classification in an ML app; the ranking is a table of results."""
    assert t("optimizers.leaderboard", "es") != "Clasificación"
    assert "clasificación" not in t("optimizers.wait_finish", "es").lower()
