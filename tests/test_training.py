"""The background training job, evaluation helpers, the CLI and the shipped pretrained model."""

from __future__ import annotations

import json
import math
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from rna_core import evaluation, models, training
from rna_core.data import load_mnist, prepare_training_data
from rna_core.model_files import load_safe
from rna_core.models import FAST_CONFIG, NetworkConfig, parameter_count
from rna_core.training import Progress, TrainingJob

from .conftest import ROOT, TENSORFLOW_ONLY

pytestmark = pytest.mark.keras

SMALL = NetworkConfig(hidden_layers=(32,), optimizer="adam", learning_rate=0.003, batch_size=64, epochs=2)


@pytest.fixture(scope="module")
def arrays(mnist_path: str):
    return load_mnist(mnist_path)


@pytest.fixture(scope="module")
def data(arrays):
    return prepare_training_data(arrays, train_samples=2000)


# ----------------------------------------------------------------------------- data and pure helpers


def test_prepare_data_is_float32_read_only_and_split_like_the_course(arrays) -> None:
    data = prepare_training_data(arrays, train_samples=1000)
    assert data.sizes == (1000, 4999, 5001)
    assert data.x_train.dtype == np.float32 and data.x_train.shape == (1000, 784)
    assert 0.0 <= data.x_test.min() and data.x_test.max() <= 1.0
    assert data.y_val.dtype == np.int32
    with pytest.raises(ValueError):
        data.x_train[0, 0] = 1.0
    with pytest.raises(ValueError, match="training subset"):
        prepare_training_data(arrays, train_samples=0)


def test_confusion_matrix_and_per_class_metrics_match_scikit_learn() -> None:
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 10, 500)
    y_pred = np.where(rng.random(500) < 0.7, y_true, rng.integers(0, 9, 500))  # digit 9 is rarely predicted
    ours = evaluation.confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(ours, confusion_matrix(y_true, y_pred, labels=range(10)))
    metrics = evaluation.per_class_metrics(ours)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=range(10), zero_division=0
    )
    np.testing.assert_allclose(metrics["precision"], precision)
    np.testing.assert_allclose(metrics["recall"], recall)
    np.testing.assert_allclose(metrics["f1"], f1)
    np.testing.assert_array_equal(metrics["support"], support)


def test_confusion_matrix_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="3 true labels but 2"):
        evaluation.confusion_matrix([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="classes 0 to 9"):
        evaluation.confusion_matrix([1, 12], [1, 2])


def test_a_class_never_predicted_gets_zero_not_nan() -> None:
    metrics = evaluation.per_class_metrics(np.array([[3, 0], [2, 0]]))
    assert metrics["precision"].tolist() == [0.6, 0.0]
    assert metrics["recall"].tolist() == [1.0, 0.0]
    assert not np.isnan(metrics["f1"]).any()


def test_evaluate_probabilities_against_keras() -> None:
    import keras

    rng = np.random.default_rng(1)
    probabilities = rng.dirichlet(np.ones(10), size=300).astype(np.float32)
    labels = rng.integers(0, 10, 300)
    result = evaluation.evaluate_probabilities(probabilities, labels)
    loss = keras.losses.SparseCategoricalCrossentropy()(labels, probabilities)
    assert result.loss == pytest.approx(float(loss), rel=1e-5)
    precision = keras.metrics.Precision()
    precision.update_state(keras.utils.to_categorical(labels, 10), probabilities)
    assert result.precision == pytest.approx(float(precision.result()), abs=1e-6)
    assert result.accuracy == pytest.approx(np.mean(probabilities.argmax(1) == labels))
    assert result.confusion.sum() == 300
    wrong = result.misclassified
    assert set(wrong) == set(np.flatnonzero(probabilities.argmax(1) != labels))
    assert np.all(np.diff(result.confidence[wrong]) <= 0)  # most confident mistakes first


def test_overfitting_shows_when_val_loss_rises_twice_while_loss_falls() -> None:
    def logs(losses, val_losses):
        return [{"epoch": i + 1, "loss": a, "val_loss": b} for i, (a, b) in enumerate(zip(losses, val_losses, strict=True))]

    assert evaluation.overfitting_epoch(logs([1.0, 0.8, 0.6, 0.5], [0.9, 0.7, 0.6, 0.55])) is None
    assert evaluation.overfitting_epoch(logs([1.0, 0.8, 0.6, 0.5], [0.9, 0.7, 0.75, 0.8])) == 4
    assert evaluation.overfitting_epoch(logs([1.0, 0.8, 0.9, 0.5], [0.9, 0.7, 0.75, 0.8])) is None  # loss rose too
    assert evaluation.overfitting_epoch(logs([1.0, 0.8, 0.6], [0.9, 0.95, 0.9])) is None  # rose only once
    assert evaluation.first_epoch_reaching([{"epoch": 1, "a": 0.5}, {"epoch": 2, "a": 0.9}], "a", 0.8) == 2


@pytest.mark.parametrize(("batch", "kind", "iterations"), [(1, "sgd", 60000), (32, "minibatch", 1875),
                                                             (128, "minibatch", 469), (60000, "gd", 1)])
def test_batch_regime(batch: int, kind: str, iterations: int) -> None:
    assert models.batch_regime(batch, 60000) == (kind, iterations)


def test_layer_summary_counts_every_parameter() -> None:
    rows = models.layer_summary(FAST_CONFIG)
    assert [row["kind"] for row in rows] == ["input", "hidden", "dropout", "hidden", "dropout", "output"]
    assert sum(row["parameters"] for row in rows) == parameter_count(FAST_CONFIG)


# ----------------------------------------------------------------------------- the job


@pytest.mark.slow
def test_short_training_gives_history_metrics_and_a_full_confusion_matrix(data) -> None:
    job = TrainingJob(SMALL, data, label="small")
    assert job.progress().status == "pending" and job.model is None
    job.start()
    assert job.wait(timeout=300)
    progress = job.progress()
    assert progress.status == "finished", progress.error
    assert progress.epoch == progress.total_epochs == 2
    assert progress.steps_per_epoch == math.ceil(2000 / 64)
    assert progress.fraction == 1.0 and progress.eta is None
    assert [log["epoch"] for log in progress.epoch_logs] == [1.0, 2.0]
    for key in ("loss", "accuracy", "precision", "val_loss", "val_accuracy", "val_precision", "seconds"):
        assert all(key in log for log in progress.epoch_logs)
    assert progress.epoch_logs[1]["loss"] < progress.epoch_logs[0]["loss"]
    assert progress.batch_logs and max(step for step, _, _ in progress.batch_logs) == progress.total_steps
    assert progress.fit_seconds is not None and 0 < progress.fit_seconds <= progress.elapsed
    result = job.evaluation
    assert result.confusion.sum() == len(data.y_test) == 5001
    assert result.accuracy > 0.8
    assert len(result.misclassified) == int(round((1 - result.accuracy) * len(data.y_test)))
    with pytest.raises(ValueError, match="already been started"):
        job.start()


@pytest.mark.slow
def test_stop_mid_training_keeps_a_usable_model(data) -> None:
    job = TrainingJob(SMALL.replace(epochs=200, batch_size=16), data).start()
    deadline = time.monotonic() + 240
    while job.progress().steps_done < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert job.progress().status == "running" and not job.stop_requested
    job.stop()
    assert job.stop_requested  # the page disables its Stop button from here on
    assert job.wait(timeout=240)
    progress = job.progress()
    assert progress.status == "stopped"
    assert progress.epoch < progress.total_epochs
    last_point = progress.epoch_logs[-1]["epoch"] if progress.epoch_logs else None
    if progress.batch:  # cut short inside an epoch (the usual case): shown where it stopped
        assert progress.position == (progress.epoch + 1, progress.batch)
        assert last_point == pytest.approx(progress.epoch + progress.batch / progress.steps_per_epoch)
    else:  # the stop landed on an epoch boundary
        assert progress.position == (max(progress.epoch, 1), progress.steps_per_epoch if progress.epoch else 0)
    assert job.model is not None and job.evaluation is not None
    assert job.evaluation.confusion.sum() == len(data.y_test)
    probabilities = np.asarray(job.model(data.x_test[:10]))
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


def test_job_whose_page_is_gone_stops_itself_and_keeps_its_model(data) -> None:
    """A closed browser tab: is_watched turns False and the thread ends by itself."""
    watched = threading.Event()
    watched.set()
    job = TrainingJob(SMALL.replace(epochs=200, batch_size=16), data,
                      is_watched=watched.is_set, abandon_after=0.5).start()
    deadline = time.monotonic() + 240
    while job.progress().steps_done < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert job.progress().status == "running" and not job.progress().abandoned
    watched.clear()  # the session disconnects
    assert job.wait(timeout=240)
    progress = job.progress()
    assert progress.status == "stopped" and progress.abandoned
    assert progress.epoch < progress.total_epochs
    assert not job._thread.is_alive()
    assert job.model is not None


@pytest.mark.slow
@TENSORFLOW_ONLY  # JAX saturates instead of overflowing: tests/test_backend.py has a NaN case for every backend
def test_nan_loss_is_reported_not_crashed(data) -> None:
    exploding = NetworkConfig(hidden_layers=(64, 64), activation="linear", optimizer="sgd", learning_rate=10.0,
                              batch_size=64, epochs=3)  # linear layers multiply the growth: overflow
    job = TrainingJob(exploding, data).start()
    assert job.wait(timeout=240)
    progress = job.progress()
    assert progress.status == "failed"
    assert progress.error_code == "nan_loss"
    assert "smaller learning rate" in progress.error
    assert progress.error_epoch >= 1 and progress.error_batch >= 1
    assert job.model is None and job.evaluation is None


@pytest.mark.slow
def test_two_concurrent_jobs_keep_their_own_results(data) -> None:
    narrow = TrainingJob(SMALL.replace(hidden_layers=(16,), epochs=1), data, label="narrow")
    wide = TrainingJob(SMALL.replace(hidden_layers=(48, 24), epochs=2), data, label="wide")
    narrow.start()
    wide.start()
    assert narrow.wait(timeout=300) and wide.wait(timeout=300)
    assert (narrow.progress().status, wide.progress().status) == ("finished", "finished")
    assert len(narrow.progress().epoch_logs) == 1 and len(wide.progress().epoch_logs) == 2
    assert narrow.model.count_params() == parameter_count(narrow.config)
    assert wide.model.count_params() == parameter_count(wide.config)
    assert narrow.model is not wide.model
    assert narrow.evaluation.confusion.sum() == wide.evaluation.confusion.sum() == len(data.y_test)


def test_job_refuses_a_batch_larger_than_the_data(data) -> None:
    with pytest.raises(ValueError, match="larger than the training data"):
        TrainingJob(SMALL.replace(batch_size=4096), data)


@pytest.mark.slow
def test_command_line_trains_and_saves(tmp_path: Path, mnist_path: str, capsys: pytest.CaptureFixture) -> None:
    import keras

    previous = keras.config.max_steps_per_epoch()
    keras.config.set_max_steps_per_epoch(5)
    try:
        code = training.main(["--preset", "fast", "--epochs", "1", "--mnist", mnist_path, "--output", str(tmp_path)])
    finally:
        keras.config.set_max_steps_per_epoch(previous)
    assert code == 0
    summary = json.loads((tmp_path / "metrics.json").read_text())
    assert summary["config"]["epochs"] == 1 and summary["test_size"] == 5001
    model, config = load_safe(tmp_path)
    assert config == FAST_CONFIG.replace(epochs=1)
    assert "epoch   1" in capsys.readouterr().out


# ----------------------------------------------------------------------------- the shipped model


def test_shipped_model_scores_at_least_98_percent(arrays) -> None:
    folder = ROOT / "models" / "mnist_mlp"
    model, config = load_safe(folder)
    assert config.hidden_layers == (300, 100) and config.activation == "relu"
    (_, _), (x_test, y_test) = arrays
    official = evaluation.evaluate(model, x_test.reshape(-1, 784).astype(np.float32) / 255.0, y_test)
    course_test = prepare_training_data(arrays, train_samples=1).x_test
    split = evaluation.evaluate(model, course_test, prepare_training_data(arrays, train_samples=1).y_test)
    assert official.accuracy >= 0.98 and split.accuracy >= 0.98
    readme = (folder / "README.md").read_text()
    assert "python -m rna_core.training" in readme


# ----------------------------------------------------------------------------- chart data


def test_chart_frames_place_batches_between_epochs_and_skip_nan() -> None:
    from rna_core.charts.training import confusion_frame, history_chart, history_frame, runs_frame

    texts = {key: key for key in ("epoch", "value", "set", "train", "validation", "batches")}
    epoch_logs = [{"epoch": 1.0, "loss": 0.5, "val_loss": 0.4, "accuracy": 0.8, "val_accuracy": float("nan")}]
    batch_logs = [(5, 0.9, 0.5), (10, float("nan"), 0.6)]
    frame = history_frame(epoch_logs, batch_logs, 10, "loss", texts)
    assert frame[frame["kind"] == "batch"]["epoch"].tolist() == [0.5]  # step 5 of 10 = half an epoch
    assert sorted(frame[frame["kind"] == "epoch"]["set"]) == ["train", "validation"]
    accuracy = history_frame(epoch_logs, batch_logs, 10, "accuracy", texts)
    assert "validation" not in set(accuracy["set"])  # NaN dropped
    history_chart(epoch_logs, batch_logs, 10, "loss", texts).to_dict()
    cells = confusion_frame(np.array([[3, 1], [0, 2]]))
    assert cells["count"].sum() == 6 and cells["correct"].sum() == 2
    runs = runs_frame([("a", [{"epoch": 1.0, "val_accuracy": 0.9}]), ("b", [{"epoch": 1.0}])])
    assert runs["run"].tolist() == ["a"]
    with pytest.raises(ValueError):
        history_frame(epoch_logs, batch_logs, 10, "precision", texts)


@pytest.mark.parametrize(
    ("status", "epoch", "batch", "shown"),
    [
        ("running", 0, 0, (1, 0)),  # nothing done yet
        ("running", 2, 140, (3, 140)),  # inside epoch 3
        ("running", 8, 0, (8, 469)),  # all epochs done: evaluating
        ("finished", 8, 0, (8, 469)),
        ("stopped", 2, 140, (3, 140)),  # a stop cut epoch 3 short
        ("stopped", 2, 0, (2, 469)),  # a stop right at the end of epoch 2
        ("stopped", 0, 0, (1, 0)),  # stopped before the first batch
    ],
)
def test_progress_position_names_the_epoch_and_batch_reached(status, epoch, batch, shown) -> None:
    progress = Progress(status=status, epoch=epoch, total_epochs=8, batch=batch, steps_per_epoch=469)
    assert progress.position == shown


def test_learning_curve_legend_fits_a_half_width_chart() -> None:
    """The horizontal legend ran past the chart's right edge ("validation" shown as "val")."""
    from rna_core.charts.training import history_chart

    texts = {"epoch": "Época", "value": "Coste", "set": "Datos", "train": "entrenamiento",
             "validation": "validación", "batches": "entrenamiento (por lote)"}
    spec = history_chart([{"epoch": 1.0, "loss": 0.5, "val_loss": 0.4}], [(5, 0.9, 0.5)], 10, "loss", texts).to_dict()
    legends = [layer["encoding"]["color"]["legend"] for layer in spec["layer"] if "color" in layer.get("encoding", {})]
    legends += [spec["encoding"]["color"]["legend"]] if "encoding" in spec and "color" in spec["encoding"] else []
    assert legends
    for legend in legends:
        assert legend["direction"] == "vertical" and legend["labelLimit"] == 0
