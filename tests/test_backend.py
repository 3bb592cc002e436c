"""The Keras backend: one explicit choice, and training keeps its promises under it.

These run under whatever backend the session uses (CI: the default, then the other one
for the tests marked ``keras``): stop within one batch, two trainings at once that keep
their own results, the shared training set without copies.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from rna_core import backend
from rna_core.backend import DEFAULT_BACKEND, SUPPORTED_BACKENDS, backend_name, progress_phase
from rna_core.data import TrainingData, load_mnist, prepare_training_data
from rna_core.models import NetworkConfig

from .conftest import ROOT

SMALL = NetworkConfig(hidden_layers=(32,), optimizer="adam", learning_rate=0.003, batch_size=16, epochs=50)


def python(code: str, **env: str) -> str:
    """Run ``code`` in a fresh interpreter (the backend choice removed unless given); its output."""
    chosen = {backend.BACKEND_ENV_VAR, *backend.JAX_CACHE_SETTINGS}  # what configure_backend sets
    environment = {k: v for k, v in os.environ.items() if k not in chosen}
    environment.update(env, TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


# ----------------------------------------------------------------------------- the choice


def test_default_is_a_supported_backend_and_phases_are_named() -> None:
    assert DEFAULT_BACKEND in SUPPORTED_BACKENDS and backend_name() in SUPPORTED_BACKENDS
    assert progress_phase("running", 0) == "compiling"
    assert progress_phase("running", 1) == "training"
    assert [progress_phase(status, 0) for status in ("pending", "stopped", "failed")] == ["pending", "stopped", "failed"]


@pytest.mark.keras
def test_every_entry_point_gets_the_default_and_the_variable_wins() -> None:
    """Importing any of our modules first is enough: the CLIs, the app, the tuner workers."""
    probe = ("import {module}, keras, os; print(keras.backend.backend(), os.environ.get('JAX_COMPILATION_CACHE_DIR')"
             " is not None)")
    for module in ("rna_core.training", "rna_core.tuning.__main__", "rna_ui.shell"):
        assert python(probe.format(module=module)).split() == [DEFAULT_BACKEND, str(DEFAULT_BACKEND == "jax")]
    other = next(name for name in SUPPORTED_BACKENDS if name != DEFAULT_BACKEND)
    assert python(probe.format(module="rna_core"), KERAS_BACKEND=other).split()[0] == other


def test_importing_keras_before_rna_core_with_another_backend_warns() -> None:
    other = next(name for name in SUPPORTED_BACKENDS if name != DEFAULT_BACKEND)
    code = ("import os, warnings; os.environ['KERAS_BACKEND'] = '{other}'; import keras; "
            "del os.environ['KERAS_BACKEND']; warnings.simplefilter('error'); import rna_core")
    environment = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    result = subprocess.run([sys.executable, "-c", code.format(other=other)], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "set KERAS_BACKEND before starting Python" in result.stderr


def test_configure_backend_keeps_a_choice_already_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    monkeypatch.setitem(sys.modules, "keras", None)  # as if Keras were not imported yet
    assert backend.configure_backend() == "tensorflow" and os.environ["KERAS_BACKEND"] == "tensorflow"
    monkeypatch.delenv("KERAS_BACKEND")
    monkeypatch.delenv("JAX_COMPILATION_CACHE_DIR", raising=False)
    assert backend.configure_backend() == DEFAULT_BACKEND == os.environ["KERAS_BACKEND"]
    assert ("JAX_COMPILATION_CACHE_DIR" in os.environ) == (DEFAULT_BACKEND == "jax")


# ----------------------------------------------------------------------------- shared data


@pytest.fixture(scope="module")
def data(mnist_path: str) -> TrainingData:
    return prepare_training_data(load_mnist(mnist_path), train_samples=2000)


@pytest.mark.keras
def test_training_set_is_shared_without_copies(data: TrainingData) -> None:
    first, again = data.train_tensors(), data.train_tensors()
    assert first[0] is again[0] and first[1] is again[1]  # one copy for every job
    if backend_name() == "tensorflow":
        np.testing.assert_array_equal(first[0].numpy(), data.x_train)
    else:  # the read-only NumPy arrays themselves: Keras slices them batch by batch
        assert first[0] is data.x_train and first[1] is data.y_train


@pytest.mark.keras
def test_under_jax_nothing_imports_tensorflow(mnist_path: str) -> None:
    """A deployment without TensorFlow: data, a training job and saving must not need it."""
    code = (
        "import sys; sys.modules['tensorflow'] = None\n"
        "from rna_core.data import load_mnist, prepare_training_data\n"
        "from rna_core.models import NetworkConfig\n"
        "from rna_core.training import TrainingJob\n"
        "from rna_core.model_files import keras_file_bytes\n"
        f"data = prepare_training_data(load_mnist({mnist_path!r}), train_samples=256)\n"
        "job = TrainingJob(NetworkConfig(hidden_layers=(8,), batch_size=64, epochs=1), data).start()\n"
        "job.wait(); assert job.progress().status == 'finished', job.progress().error\n"
        "assert len(keras_file_bytes(job.model)) > 1000\n"
        "import keras; print(keras.backend.backend())"
    )
    assert python(code, KERAS_BACKEND="jax") == "jax"


# ----------------------------------------------------------------------------- training promises


def _job_stopping_itself_after(data: TrainingData, config: NetworkConfig, step: int):
    """A job that asks to stop from its own progress report once ``step`` batches are done."""
    from rna_core.training import TrainingJob

    job = TrainingJob(config, data)
    report = job._on_batch

    def on_batch(model, batch, logs):
        report(model, batch, logs)
        if job.progress().steps_done >= step:
            job.stop()

    job._on_batch = on_batch
    return job


@pytest.mark.keras
@pytest.mark.parametrize("step", [3, 40])
def test_a_training_stops_within_one_batch_of_the_request(data: TrainingData, step: int) -> None:
    """Stop asked right after batch ``step``: no further batch may run (JAX dispatches ahead)."""
    job = _job_stopping_itself_after(data, SMALL, step).start()
    assert job.wait(timeout=240)
    progress = job.progress()
    assert progress.status == "stopped", progress.error
    assert step <= progress.steps_done <= step + 1


@pytest.mark.keras
def test_the_stop_button_ends_a_running_training_within_one_batch(data: TrainingData) -> None:
    """Stop from another thread (the page): at most the batch running then, and one more."""
    from rna_core.training import TrainingJob

    job = TrainingJob(SMALL, data).start()
    deadline = time.monotonic() + 240
    while job.progress().steps_done < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    seen = job.progress().steps_done
    job.stop()
    assert job.wait(timeout=240)
    progress = job.progress()
    assert progress.status == "stopped", progress.error
    assert seen <= progress.steps_done <= seen + 2


@pytest.mark.keras
def test_two_trainings_at_once_keep_their_own_results(data: TrainingData) -> None:
    """One job learns the digits, the other the digits shifted by one: any mixing would show."""
    from rna_core.training import TrainingJob

    def shifted(labels: np.ndarray) -> np.ndarray:
        out = ((labels + 1) % 10).astype(np.int32)
        out.setflags(write=False)
        return out

    other = TrainingData(data.x_train, shifted(data.y_train), data.x_val, shifted(data.y_val),
                         data.x_test, shifted(data.y_test))
    plain = TrainingJob(NetworkConfig(hidden_layers=(48,), optimizer="adam", learning_rate=0.003,
                                      batch_size=32, epochs=3), data, label="plain")
    moved = TrainingJob(NetworkConfig(hidden_layers=(40, 20), optimizer="adam", learning_rate=0.003,
                                      batch_size=64, epochs=4, seed=7), other, label="moved")
    both_running = threading.Event()
    plain.start()
    moved.start()
    while not (plain.progress().done and moved.progress().done):
        if plain.progress().steps_done and moved.progress().steps_done and not (
                plain.progress().done or moved.progress().done):
            both_running.set()
        time.sleep(0.01)
    assert both_running.is_set(), "the two trainings never ran at the same time"
    first, second = plain.progress(), moved.progress()
    assert (first.status, second.status) == ("finished", "finished"), (first.error, second.error)
    assert [len(first.epoch_logs), len(second.epoch_logs)] == [3, 4]
    assert (first.steps_per_epoch, second.steps_per_epoch) == (63, 32)
    assert plain.evaluation.accuracy > 0.8 and moved.evaluation.accuracy > 0.8
    predicted_plain = np.asarray(plain.model(data.x_test)).argmax(axis=1)
    predicted_moved = np.asarray(moved.model(data.x_test)).argmax(axis=1)
    assert np.mean(predicted_plain == data.y_test) > 0.8
    assert np.mean(predicted_moved == (data.y_test + 1) % 10) > 0.8
    assert [w.shape for w in moved.model.get_weights()][0] == (784, 40)


@pytest.mark.slow
@pytest.mark.keras
def test_a_tuner_search_runs_on_jax_without_tensorflow_or_tensorboard(tmp_path, mnist_path: str) -> None:
    """The deployment installs neither: keras-tuner's search must still work (here a tiny one)."""
    from rna_core.tuning import read_results

    arguments = ["search", "--dir", str(tmp_path), "--tuner", "hyperband", "--max-epochs", "2", "--factor", "2",
                 "--train-size", "300", "--neurons", "32:64:32", "--layers", "1:1", "--learning-rates", "0.01",
                 "--mnist", mnist_path, "--quiet"]
    code = ("import sys; sys.modules['tensorflow'] = sys.modules['tensorboard'] = None\n"
            "from rna_core.tuning.__main__ import main\n"
            f"code = main({arguments!r})\n"
            "import keras; print(keras.backend.backend(), code)")
    assert python(code, KERAS_BACKEND="jax").splitlines()[-1] == "jax 0"
    results = read_results(tmp_path)
    assert len(results.trials) >= 2 and (results.trials["status"] == "COMPLETED").all()


@pytest.mark.keras
def test_set_random_seed_seeds_like_keras_without_importing_tensorflow() -> None:
    code = (
        "import sys, importlib.util, keras, numpy as np\n"
        "from rna_core.backend import set_random_seed\n"
        "def weights(seed_with):\n"
        "    seed_with(5); layer = keras.layers.Dense(4); layer.build((None, 3))\n"
        "    return np.asarray(layer.kernel), np.random.rand()\n"
        "ours, theirs = weights(set_random_seed), weights(keras.utils.set_random_seed)\n"
        "assert np.array_equal(ours[0], theirs[0]) and ours[1] == theirs[1]\n"
        "print('tensorflow' in sys.modules, importlib.util.find_spec('tensorflow') is not None)"
    )
    # keras.utils.set_random_seed alone would import TensorFlow; after ours, Keras leaves it alone.
    imported, importable = python(code, KERAS_BACKEND="jax").split()
    assert imported == "False" and importable == "True"


@pytest.mark.keras
def test_a_nan_loss_stops_the_training_with_its_message_on_every_backend(data: TrainingData) -> None:
    """A learning rate of 10 overflows to NaN on TensorFlow but saturates on JAX; a NaN pixel
    gives a NaN loss on any backend, and the job must report it, not crash."""
    from rna_core.training import TrainingJob

    x_train = data.x_train.copy()
    x_train[5:, 0] = np.nan
    poisoned = TrainingData(x_train, data.y_train, data.x_val, data.y_val, data.x_test, data.y_test)
    job = TrainingJob(SMALL.replace(epochs=2, activation="tanh"), poisoned).start()  # relu may turn NaN into 0
    assert job.wait(timeout=240)
    progress = job.progress()
    assert (progress.status, progress.error_code) == ("failed", "nan_loss")
    assert "smaller learning rate" in progress.error and progress.error_batch >= 1
    assert progress.steps_done <= progress.error_batch + 1  # stopped right there
    assert job.model is None and job.evaluation is None
