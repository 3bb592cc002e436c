"""The "Tuner results" page through Streamlit's AppTest: the shipped demo in both languages,
bad input, a session's own search (live, stopped, finished) and "train the best model"."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from rna_core.i18n import LANGUAGES, Translator, t
from rna_core.tuning import SearchSettings, SearchSpace, read_results
from rna_core.tuning.search_job import SearchJob
from rna_core.tuning.synthetic import write_synthetic_search

from .conftest import ROOT

PAGE = str(ROOT / "pages" / "tuning.py")
DEMO = ROOT / "models" / "tuner_demo"


def open_page(lang: str = "en", **state: object) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def fake_search(tmp_path, code: str, n_trials: int = 6) -> SearchJob:
    """A real search job over a synthetic results folder, running a stand-in command (no TensorFlow)."""
    job = SearchJob(SearchSpace(), SearchSettings(), root=tmp_path, command=[sys.executable, "-c", code])
    write_synthetic_search(job.project_dir, n_trials, seed=1)
    return job.start()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_demo_results_in_both_languages(lang: str) -> None:
    at = open_page(lang)
    assert not at.exception, at.exception
    assert at.title[0].value == t("tuning.title", lang)
    demo = read_results(DEMO)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[t("tuning.metric.trials", lang)] == str(len(demo.trials))
    assert metrics[t("tuning.metric.best", lang)] == Translator(lang).num(demo.best["score"], ".2%")
    best_table = at.table[0].value  # the best hyperparameters: a table, readable at any width
    assert best_table.loc[t("tuning.col.neurons", lang)].iloc[0] == str(demo.best_values()["neurons"])
    assert best_table.loc[t("tuning.col.optimizer", lang)].iloc[0] == demo.best_values()["optimizer"]
    assert [tab.label for tab in at.tabs] == [t(f"tuning.tab.{name}", lang)
                                              for name in ("trials", "hyperparameters", "curves", "hyperband")]
    assert len(at.dataframe) >= 2  # trials table and Hyperband's rounds
    statuses = set(at.dataframe[0].value["status"])
    assert statuses == {t("tuning.status.COMPLETED", lang)}  # keras-tuner's COMPLETED, translated
    assert any(t("tuning.best_trial", lang, trial=demo.best["trial_id"], score=float(demo.best["score"]),
                 epochs=int(demo.best["epochs"])) == md.value for md in at.markdown)
    assert at.button(key="tuning.demo.train").label == t("tuning.train_best", lang)
    assert not at.error


def test_empty_search_space_is_explained_and_cannot_start() -> None:
    at = open_page("es")
    at.multiselect(key="tuning.rates").set_value([]).run()
    assert not at.exception
    expected = t("tuning.empty_space", "es", what=t("tuning.learning_rates", "es"))
    assert expected in [warning.value for warning in at.warning]
    assert at.button(key="tuning.start").disabled


def test_plan_follows_the_settings() -> None:
    at = open_page("en")
    assert t("tuning.plan", "en", networks=96, trials=6, epochs=11) in [c.value for c in at.caption]
    at.selectbox(key="tuning.tuner").set_value("random").run()
    at.number_input(key="tuning.max_trials").set_value(4).run()
    assert t("tuning.plan", "en", networks=96, trials=4, epochs=12) in [c.value for c in at.caption]


def test_train_the_best_model_passes_its_configuration() -> None:
    from rna_core.models import NetworkConfig
    from rna_ui.session import PENDING_TRAINING_CONFIG

    at = open_page("en")
    at.button(key="tuning.demo.train").click().run()
    config = at.session_state[PENDING_TRAINING_CONFIG]
    best = read_results(DEMO).best_values()
    assert isinstance(config, NetworkConfig)
    assert config.hidden_layers == (best["neurons"],) * best["hidden_layers"]
    assert (config.optimizer, config.learning_rate, config.batch_size, config.activation) == (
        best["optimizer"], best["learning_rate"], best["batch_size"], best["activation"])


def test_running_search_shows_progress_and_stops(tmp_path) -> None:
    job = fake_search(tmp_path, "import time; time.sleep(60)")
    try:
        at = open_page("en", **{"tuning.process": job})
        assert not at.exception, at.exception
        assert at.header[0].value == t("tuning.live_header", "en")
        progress = at.get("progress")[0]
        expected = t("tuning.progress", "en", done=6, planned=job.planned_trials, elapsed="0")
        assert progress.proto.text.startswith(expected.split("·")[0])
        assert at.radio(key="tuning.source").value == "mine"
        assert t("tuning.results_when_done", "en") in [info.value for info in at.info]
        at.button(key="tuning.stop").click().run()
        assert not at.exception and job.stop_requested
        assert job.wait(timeout=20) and job.process.poll() is not None and job.status == "stopped"
        at.run()
        assert t("tuning.state.stopped", "en") in [c.value for c in at.caption]
    finally:
        job.stop()


def test_finished_search_shows_its_results_and_can_be_discarded(tmp_path) -> None:
    job = fake_search(tmp_path, "pass", n_trials=7)
    assert job.wait(timeout=20) and job.status == "finished"
    at = open_page("es", **{"tuning.process": job})
    assert not at.exception
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[t("tuning.metric.trials", "es")] == "7"
    at.radio(key="tuning.source").set_value("demo").run()
    assert {m.label: m.value for m in at.metric}[t("tuning.metric.trials", "es")] == str(len(read_results(DEMO).trials))
    at.button(key="tuning.discard").click().run()
    assert "tuning.process" not in at.session_state
    assert not job.run_dir.exists()  # the run folder goes with it


def test_two_sessions_search_in_their_own_folders(tmp_path, monkeypatch, mnist_path) -> None:
    monkeypatch.setenv("RNA_TUNING_RUNS", str(tmp_path))
    processes = []
    try:
        for _ in range(2):  # two browser sessions, each starting a search
            at = open_page("en")
            at.select_slider(key="tuning.train_size").set_value(1_000).run()
            at.button(key="tuning.start").click().run()
            assert not at.exception, at.exception
            assert "tuning.process" in at.session_state, [e.value for e in at.error]
            processes.append(at.session_state["tuning.process"])
        first, second = processes
        assert first.run_dir != second.run_dir
        for job in processes:
            assert job.run_dir.parent == tmp_path.resolve() and job.run_dir.name.startswith("run-")
            assert "--train-size 1000" in " ".join(job.command)
            assert str(job.run_dir) in job.command
    finally:
        for job in processes:
            job.stop()
    assert all(job.wait(timeout=30) and job.status == "stopped" for job in processes)


def test_busy_server_is_explained(tmp_path, monkeypatch) -> None:
    from rna_core.jobs import BackgroundJob
    from rna_ui.jobs import job_slots

    monkeypatch.setenv("RNA_TUNING_RUNS", str(tmp_path))
    job_slots.clear()
    try:
        slots = job_slots()
        for index in range(slots.capacities["tuning"]):  # other users' searches
            assert slots.acquire("tuning", BackgroundJob(f"search {index}"))
        at = open_page("es")
        at.button(key="tuning.start").click().run()
        assert not at.exception
        assert t("tuning.busy", "es", limit=slots.capacities["tuning"]) in [error.value for error in at.error]
        assert "tuning.process" not in at.session_state
        assert list(tmp_path.iterdir()) == []  # nothing was started
    finally:
        job_slots.clear()


def test_searches_running_on_the_server_are_listed_with_a_stop_button(tmp_path) -> None:
    from rna_ui.jobs import job_slots

    job_slots.clear()
    other = SearchJob(SearchSpace(), SearchSettings(), root=tmp_path, command=[sys.executable, "-c",
                                                                                 "import time; time.sleep(60)"])
    try:
        other.start(job_slots())
        at = open_page("en")
        assert at.expander and any(t("tuning.server_searches", "en") == e.label for e in at.expander)
        at.button(key="tuning.server_stop.0").click().run()
        assert not at.exception and other.stop_requested and other.wait(timeout=20)
    finally:
        other.stop()
        job_slots.clear()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hyperband_help_speaks_of_the_total_epoch_budget(lang: str) -> None:
    """Old help: 'trains them factor times longer' (from where they stopped), which is not what Hyperband does."""
    for key in ("tuning.factor_help", "tuning.hyperband_intro"):
        text = t(key, lang, factor=3, min_epochs=1, max_epochs=9)
        assert ("total" in text) and ("times longer" not in text) and ("veces más desde" not in text)


def test_spanish_curves_caption_reads_as_a_sentence() -> None:
    text = t("tuning.curves_caption", "es")
    assert "continúa otra parte de sus pesos" not in text
    assert text.startswith("Una prueba de Hyperband que continúa otra arranca con los pesos de aquella")
