"""Real keras-tuner searches on a tiny MNIST subset: local, distributed, killed and resumed.

Every search runs through the CLI in subprocesses (as the page and the README run it), on
a few hundred images for one or two epochs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rna_core.tuning import read_results

from .conftest import ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.keras]
TINY = ["--train-size", "300", "--max-epochs", "1", "--neurons", "32:64:32", "--layers", "1:2",
        "--learning-rates", "0.01,0.001", "--quiet"]


def cli(directory: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "rna_core.tuning", "search", "--dir", str(directory), *extra]


def env(mnist_path: str, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KERASTUNER_")}
    return {**base, "RNA_MNIST_PATH": mnist_path, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT), **extra}


def run(command: list[str], mnist_path: str, timeout: float = 240) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env(mnist_path), capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def test_hypermodel_builds_the_training_pages_network() -> None:
    import keras_tuner

    from rna_core.models import NetworkConfig, build_model
    from rna_core.tuning import SearchSpace
    from rna_core.tuning.hypermodel import make_hypermodel

    space = SearchSpace(neurons_min=64, neurons_max=64, layers_min=3, layers_max=3, learning_rates=(1e-4,),
                        optimizers=("rmsprop",), activations=("tanh",))
    hp = keras_tuner.HyperParameters()
    model = make_hypermodel(space, seed=5).build(hp)
    assert hp.values == {"neurons": 64, "hidden_layers": 3, "learning_rate": 1e-4, "optimizer": "rmsprop",
                         "batch_size": 128, "activation": "tanh"}
    reference = build_model(NetworkConfig(hidden_layers=(64, 64, 64), activation="tanh", optimizer="rmsprop",
                                          learning_rate=1e-4, batch_size=128, seed=5))
    assert [layer.get_config()["units"] for layer in model.layers] == [64, 64, 64, 10]
    assert [w.shape for w in model.get_weights()] == [w.shape for w in reference.get_weights()]
    assert type(model.optimizer).__name__ == "RMSprop"
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-4)
    assert model.loss == "sparse_categorical_crossentropy"


def test_tiny_random_search_is_read_back(tmp_path, mnist_path) -> None:
    run(cli(tmp_path, "--tuner", "random", "--max-trials", "3", "--prune-checkpoints", *TINY), mnist_path)
    results = read_results(tmp_path)
    assert len(results.trials) == 3
    assert (results.trials["status"] == "COMPLETED").all()
    best = results.best
    assert best["score"] == results.trials["score"].max()
    # the best trial's score is the best val_accuracy of its own history
    curve = results.histories.query("trial_id == @best.trial_id and metric == 'val_accuracy'")
    assert best["score"] == pytest.approx(curve["value"].max())
    assert results.search["settings"]["tuner"] == "random"
    assert (results.trials["seconds"] > 0).all()
    assert not list(tmp_path.rglob("checkpoint*"))


def test_chief_and_two_workers_share_one_search(tmp_path, mnist_path) -> None:
    port = str(free_port())
    common = ["--tuner", "random", "--max-trials", "4", *TINY, "--oracle-ip", "127.0.0.1", "--oracle-port", port]
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("chief", "worker1", "worker2")}
    search = tmp_path / "shared"
    processes = {"chief": subprocess.Popen(cli(search, "--role", "chief", *common), cwd=ROOT, env=env(mnist_path),
                                           stdout=logs["chief"], stderr=subprocess.STDOUT)}
    for name in ("worker1", "worker2"):
        processes[name] = subprocess.Popen(cli(search, "--role", "worker", "--tuner-id", name, *common), cwd=ROOT,
                                           env=env(mnist_path), stdout=logs[name], stderr=subprocess.STDOUT)
    try:
        for name in ("worker1", "worker2", "chief"):  # the chief ends once every worker is done
            assert processes[name].wait(timeout=240) == 0, (tmp_path / f"{name}.log").read_text()[-3000:]
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        for log in logs.values():
            log.close()
    results = read_results(search)
    assert len(results.trials) == 4 and (results.trials["status"] == "COMPLETED").all()
    workers = {json.loads(p.read_text())["tuner_id"] for p in search.glob("search/trial_*/history.json")}
    assert workers <= {"worker1", "worker2"} and workers  # trials were trained by the workers
    assert set(results.histories["trial_id"]) == set(results.trials["trial_id"])


def test_killed_search_resumes_without_repeating_finished_trials(tmp_path, mnist_path) -> None:
    command = cli(tmp_path, "--tuner", "random", "--max-trials", "4", "--train-size", "2000", "--max-epochs", "2",
                  "--neurons", "32:96:32", "--layers", "1:2", "--learning-rates", "0.01,0.001", "--quiet")
    process = subprocess.Popen(command, cwd=ROOT, env=env(mnist_path), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    project = tmp_path / "search"
    finished: dict[str, float] = {}
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            histories = [json.loads(p.read_text()) for p in project.glob("trial_*/history.json")]
            done = {h["trial_id"]: h["started"] for h in histories if h["status"] == "COMPLETED"}
            # one of two epochs done: the trial is training its second epoch, far from any file write
            running = [h for h in histories if h["status"] == "RUNNING" and len(h["epochs"]) == 1]
            if done and running:  # killed in the middle of a trial's training
                finished = done
                os.killpg(process.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert finished, "the search ended before it could be interrupted"
    interrupted = read_results(tmp_path)
    assert (interrupted.trials["status"] == "RUNNING").sum() == 1

    result = run(command, mnist_path)
    assert "Reloading Tuner" in result.stdout + result.stderr
    results = read_results(tmp_path)
    assert len(results.trials) == 4 and (results.trials["status"] == "COMPLETED").all()
    for trial_id, started in finished.items():  # finished trials were not trained again
        history = json.loads((project / f"trial_{trial_id}" / "history.json").read_text())
        assert history["started"] == started


def test_resuming_with_different_settings_is_refused(tmp_path, mnist_path) -> None:
    from rna_core.files import write_json
    from rna_core.tuning import SearchSettings, SearchSpace
    from rna_core.tuning.runner import describe_search

    write_json(tmp_path / "search" / "search.json", describe_search(SearchSpace(), SearchSettings()))
    result = subprocess.run(cli(tmp_path, "--max-epochs", "2"), cwd=ROOT, env=env(mnist_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "already holds a different search" in result.stderr


def test_resuming_from_a_damaged_trial_file_is_refused_clearly(tmp_path, mnist_path) -> None:
    from rna_core.files import write_json
    from rna_core.tuning import SearchSettings, SearchSpace
    from rna_core.tuning.runner import describe_search

    write_json(tmp_path / "search" / "search.json", describe_search(SearchSpace(), SearchSettings()))
    (tmp_path / "search" / "trial_0000").mkdir()
    (tmp_path / "search" / "trial_0000" / "trial.json").write_text('{"trial_id": "00', encoding="utf-8")
    result = subprocess.run(cli(tmp_path), cwd=ROOT, env=env(mnist_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "is damaged" in result.stderr and "Traceback" not in result.stderr
