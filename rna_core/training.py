"""Train the MNIST network in a background thread, watch it live, and evaluate it.

:class:`TrainingJob` runs Keras ``fit`` in a worker thread that never touches the UI.
The page (or a test) asks for :meth:`TrainingJob.progress`, an immutable snapshot
(status, epoch and batch, logs, elapsed time, ETA, error), and may call
:meth:`TrainingJob.stop`, which ends training after the current batch keeping the
weights reached. A loss that becomes NaN stops the run with a plain-language message.

A finished job scores its model on the test set with :func:`rna_core.evaluation.evaluate`.
Run ``python -m rna_core.training --help`` for the command line that produced the shipped
model in ``models/mnist_mlp``.

Keras is imported lazily, inside the worker and the functions that need it.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rna_core.backend import progress_phase
from rna_core.data import TrainingData, load_mnist, prepare_training_data
from rna_core.evaluation import Evaluation, evaluate
from rna_core.files import atomic_write
from rna_core.jobs import BackgroundJob, JobFailure, JobProgress
from rna_core.model_files import save_safe
from rna_core.models import PRESETS, NetworkConfig, build_model

if TYPE_CHECKING:  # pragma: no cover
    import keras


#: At most about this many per-batch points are kept for the live chart.
MAX_BATCH_POINTS = 1500


@dataclass(frozen=True)
class Progress(JobProgress):
    """A snapshot of a training job, safe to read from any thread.

    Besides :class:`~rna_core.jobs.JobProgress`'s ``status``, ``elapsed``, ``error`` and
    ``abandoned`` (the tab that started it was closed; the weights reached are kept):

    Attributes
    ----------
    epoch : int
        Epochs completed.
    total_epochs : int
        Epochs the run will do (the config's, capped by ``KERAS_MAX_EPOCHS``).
    batch : int
        Batches completed in the current epoch.
    steps_per_epoch : int
        Batches (iterations) per epoch.
    eta : float or None
        Estimated seconds left; ``None`` until a batch has finished or once it is over.
    epoch_logs : tuple of dict
        One dict per completed epoch: ``epoch`` (1-based), ``loss``, ``accuracy``,
        ``precision``, ``val_loss``, ``val_accuracy``, ``val_precision``, ``seconds``.
        An epoch a stop cut short is logged too, at the fractional epoch reached (2.3).
    batch_logs : tuple of tuple
        ``(step, loss, accuracy)`` every few batches (running means over the epoch, as
        Keras reports them); at most about :data:`MAX_BATCH_POINTS` points.
    error_code : str or None
        ``"nan_loss"`` or ``"exception"`` when it failed.
    error_epoch, error_batch : int
        Where the loss became NaN (1-based epoch, batch).
    fit_seconds : float or None
        Seconds spent inside ``fit`` (set when the run ended).
    """

    epoch: int = 0
    total_epochs: int = 0
    batch: int = 0
    steps_per_epoch: int = 0
    eta: float | None = None
    epoch_logs: tuple[Mapping[str, float], ...] = ()
    batch_logs: tuple[tuple[int, float, float], ...] = ()
    error_code: str | None = None
    error_epoch: int = 0
    error_batch: int = 0
    fit_seconds: float | None = None

    @property
    def position(self) -> tuple[int, int]:
        """``(epoch, batch)`` to show: the 1-based epoch worked on last and its batches done.

        While an epoch runs it is that epoch and the batches so far; once the run is over
        it is where it ended: the last epoch with all its batches, or the epoch a stop cut
        short with the batches it did.
        """
        if self.epoch and (self.epoch >= self.total_epochs or (self.done and self.batch == 0)):
            return self.epoch, self.steps_per_epoch
        return self.epoch + 1, self.batch

    @property
    def phase(self) -> str:
        """``"compiling"`` until the first batch is done (the backend compiles the model), then the status."""
        return progress_phase(self.status, self.steps_done)

    @property
    def steps_done(self) -> int:
        """Batches completed so far over all epochs."""
        return self.epoch * self.steps_per_epoch + self.batch

    @property
    def total_steps(self) -> int:
        """Batches of the whole run."""
        return self.total_epochs * self.steps_per_epoch

    @property
    def fraction(self) -> float:
        """Share of the run completed, 0..1."""
        if self.status == "finished":
            return 1.0
        return min(1.0, self.steps_done / self.total_steps) if self.total_steps else 0.0


@dataclass
class _State:
    """What a training job tracks besides the base's status, only touched under the job's lock."""

    epoch: int = 0
    total_epochs: int = 0
    batch: int = 0
    steps_per_epoch: int = 0
    fit_started: float | None = None
    epoch_logs: list[dict[str, float]] = field(default_factory=list)
    batch_logs: list[tuple[int, float, float]] = field(default_factory=list)
    stride: int = 1
    error_code: str | None = None
    error_epoch: int = 0
    error_batch: int = 0
    fit_seconds: float | None = None


class TrainingJob(BackgroundJob):
    """Train one :class:`~rna_core.models.NetworkConfig` on MNIST in a background thread.

    A :class:`~rna_core.jobs.BackgroundJob`: ``start(slots)``, ``stop()`` (after the current
    batch, keeping the weights reached), ``wait()``, ``progress()``. A loss that becomes NaN
    stops the run as failed with a plain-language message.

    Parameters
    ----------
    config : NetworkConfig
        What to train.
    data : TrainingData
        Prepared data (shared, never modified).
    label : str
        A name for the run (shown in charts and model lists).
    is_watched : callable, optional
        Returns False once nobody can see the job any more (for a web page: its browser
        session is gone). Checked about once a second from the training loop.
    abandon_after : float
        Seconds ``is_watched`` must keep returning False before the job stops itself, so
        that a short network drop does not end a training.

    Examples
    --------
    >>> job = TrainingJob(FAST_CONFIG, data, label="fast")    # doctest: +SKIP
    >>> job.start(); job.wait(); job.progress().status        # doctest: +SKIP
    'finished'
    """

    failure_prefix = "Training failed"

    def __init__(
        self,
        config: NetworkConfig,
        data: TrainingData,
        label: str = "",
        *,
        is_watched: Callable[[], bool] | None = None,
        abandon_after: float = 30.0,
    ) -> None:
        if not isinstance(config, NetworkConfig):
            raise ValueError("A training job needs a NetworkConfig.")
        config.check_data_size(len(data.y_train))
        super().__init__(label or config.describe(), is_watched=is_watched, abandon_after=abandon_after)
        self.config = config
        self.data = data
        self.label = self.name
        self._state = _State()
        self._model: keras.Model | None = None
        self._evaluation: Evaluation | None = None

    def on_stop(self) -> None:
        model = self._model
        if model is not None:
            model.stop_training = True

    # -- results -----------------------------------------------------------------------
    @property
    def model(self) -> keras.Model | None:
        """The trained model once the job stopped or finished (``None`` before, or if failed)."""
        return self._model if self.status in ("stopped", "finished") else None

    @property
    def evaluation(self) -> Evaluation | None:
        """Test-set evaluation, available once the job stopped or finished."""
        with self._lock:
            return self._evaluation

    def progress(self) -> Progress:
        """An immutable snapshot of the job's progress."""
        base = self._progress_fields()
        now = time.perf_counter()
        with self._lock:
            state = self._state
            error_code = state.error_code or ("exception" if base["status"] == "failed" else None)
            snapshot = Progress(
                **base,
                epoch=state.epoch,
                total_epochs=state.total_epochs,
                batch=state.batch,
                steps_per_epoch=state.steps_per_epoch,
                epoch_logs=tuple(dict(log) for log in state.epoch_logs),
                batch_logs=tuple(state.batch_logs),
                error_code=error_code,
                error_epoch=state.error_epoch,
                error_batch=state.error_batch,
                fit_seconds=state.fit_seconds,
            )
            fit_elapsed = now - state.fit_started if state.fit_started is not None else 0.0
        if snapshot.status == "running" and snapshot.steps_done > 0:
            rate = fit_elapsed / snapshot.steps_done
            eta = max(0.0, rate * (snapshot.total_steps - snapshot.steps_done))
            snapshot = replace(snapshot, eta=eta)
        return snapshot

    # -- worker ------------------------------------------------------------------------
    def run(self) -> None:
        import keras

        data = self.data
        n_train = len(data.y_train)
        steps = self.config.steps_per_epoch(n_train)
        epochs = self.config.epochs
        if keras.config.max_epochs():
            epochs = min(epochs, keras.config.max_epochs())
        if keras.config.max_steps_per_epoch():
            steps = min(steps, keras.config.max_steps_per_epoch())
        with self._lock:
            self._state.total_epochs = epochs
            self._state.steps_per_epoch = steps
            self._state.stride = max(1, (epochs * steps) // MAX_BATCH_POINTS)
        model = build_model(self.config, (data.x_train.shape[1],), train_size=n_train)
        self._model = model
        fit_start = time.perf_counter()
        x_train, y_train = data.train_tensors()
        try:
            model.fit(
                x_train,
                y_train,
                batch_size=self.config.batch_size,
                epochs=self.config.epochs,
                validation_data=(data.x_val, data.y_val),
                callbacks=[_ProgressCallback(self)],
                verbose=0,
            )
        finally:
            with self._lock:
                self._state.fit_seconds = time.perf_counter() - fit_start
        with self._lock:
            nan_message = self._state_error_message() if self._state.error_code is not None else None
        if nan_message is not None:
            raise JobFailure(nan_message)
        evaluation = evaluate(model, data.x_test, data.y_test)
        with self._lock:
            self._evaluation = evaluation
        # The traced training/evaluation graphs are large and no longer needed (the model
        # still predicts by being called); Keras rebuilds them if fit is called again.
        model.train_function = model.test_function = model.predict_function = None

    def _state_error_message(self) -> str:
        state = self._state
        return (
            f"The loss became NaN (not a number) at epoch {state.error_epoch}, batch {state.error_batch}: "
            "the weight updates grew until the numbers overflowed. Training was stopped. "
            "Try a smaller learning rate."
        )

    # Called by _ProgressCallback (in Keras' callback thread).
    def _on_train_begin(self, model: Any) -> None:
        with self._lock:
            self._state.fit_started = time.perf_counter()
        if self.stop_requested:
            model.stop_training = True

    def _on_batch(self, model: Any, batch: int, logs: Mapping[str, Any]) -> None:
        loss = float(logs.get("loss", math.nan))
        accuracy = float(logs.get("accuracy", math.nan))
        with self._lock:
            state = self._state
            state.batch = max(state.batch, batch + 1)
            step = state.epoch * state.steps_per_epoch + batch + 1
            if not math.isfinite(loss) and state.error_code is None:
                state.error_code = "nan_loss"
                state.error_epoch = state.epoch + 1
                state.error_batch = batch + 1
                model.stop_training = True
            elif step % state.stride == 0:
                state.batch_logs.append((step, loss, accuracy))
        if self.should_stop():
            model.stop_training = True

    def _on_epoch(self, epoch: int, logs: Mapping[str, Any]) -> None:
        with self._lock:
            state = self._state
            if state.error_code is not None:
                return
            now = time.perf_counter()
            previous = sum(log["seconds"] for log in state.epoch_logs)
            started = state.fit_started if state.fit_started is not None else now
            # Keras ends the epoch a stop cut short (validating the weights reached): its
            # point goes where training stopped, e.g. epoch 2.3, and its batches stay counted.
            cut_short = self.stop_requested and 0 < state.batch < state.steps_per_epoch
            reached = epoch + state.batch / state.steps_per_epoch if cut_short else epoch + 1
            entry = {"epoch": float(reached), "seconds": now - started - previous}
            entry.update({key: float(value) for key, value in logs.items() if _is_number(value) and key != "epoch"})
            state.epoch_logs.append(entry)
            if not cut_short:
                state.epoch = epoch + 1
                state.batch = 0


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.floating, np.integer)) and not isinstance(value, bool)


def _progress_callback_class() -> type:
    from rna_core.backend import progress_callback_base

    class ProgressCallback(progress_callback_base()):
        """Forwards Keras events to a :class:`TrainingJob` (plain Python, no UI), batch by batch."""

        def __init__(self, job: TrainingJob) -> None:
            super().__init__()
            self.job = job

        def on_train_begin(self, logs=None):
            self.job._on_train_begin(self.model)

        def on_train_batch_end(self, batch, logs=None):
            self.job._on_batch(self.model, batch, logs or {})

        def on_epoch_end(self, epoch, logs=None):
            self.job._on_epoch(epoch, logs or {})

    return ProgressCallback


def _ProgressCallback(job: TrainingJob) -> Any:  # noqa: N802 - reads like a class at the call site
    return _progress_callback_class()(job)


# ------------------------------------------------------------------------------ command line


def main(argv: Sequence[str] | None = None) -> int:
    """Train a preset on the full MNIST set, print its test metrics, save it (safe format)."""
    parser = argparse.ArgumentParser(
        prog="python -m rna_core.training",
        description="Train the course's MNIST network and save it as config.json + weights.npz.",
    )
    parser.add_argument("--preset", choices=sorted(PRESETS), default="fast", help="training recipe")
    parser.add_argument("--epochs", type=int, help="override the preset's number of epochs")
    parser.add_argument("--seed", type=int, help="override the preset's seed")
    parser.add_argument("--mnist", help="path of mnist.npz (default: $RNA_MNIST_PATH, Keras cache)")
    parser.add_argument("--output", type=Path, help="directory to save the model in (safe format)")
    args = parser.parse_args(argv)
    config = PRESETS[args.preset]
    changes = {k: v for k, v in (("epochs", args.epochs), ("seed", args.seed)) if v is not None}
    try:
        config = config.replace(**changes) if changes else config
        data = prepare_training_data(load_mnist(args.mnist))
    except (ValueError, FileNotFoundError) as error:
        parser.error(str(error))
    print(f"Training {config.describe()} on {data.sizes[0]:,} images...", flush=True)
    job = TrainingJob(config, data, label=args.preset).start()
    shown = 0
    while not job.wait(timeout=1.0):
        logs = job.progress().epoch_logs
        for log in logs[shown:]:
            print(_format_epoch(log), flush=True)
        shown = len(logs)
    progress = job.progress()
    for log in progress.epoch_logs[shown:]:
        print(_format_epoch(log), flush=True)
    if progress.status != "finished" or job.model is None or job.evaluation is None:
        print(f"Training did not finish: {progress.error or progress.status}")
        return 1
    result = job.evaluation
    summary = {
        "preset": args.preset,
        "config": config.to_dict(),
        "fit_seconds": round(progress.fit_seconds or 0.0, 2),
        "test_accuracy": round(result.accuracy, 4),
        "test_loss": round(result.loss, 4),
        "test_precision": round(result.precision, 4),
        "test_size": int(len(data.y_test)),
    }
    print(json.dumps(summary, indent=2))
    if args.output is not None:
        save_safe(job.model, config, args.output)
        atomic_write(args.output / "metrics.json", (json.dumps(summary, indent=2) + "\n").encode())
        print(f"Saved to {args.output}/ (config.json, weights.npz, metrics.json)")
    return 0


def _format_epoch(log: Mapping[str, float]) -> str:
    return (
        f"epoch {int(log['epoch']):>3}  loss {log.get('loss', math.nan):.4f}  "
        f"accuracy {log.get('accuracy', math.nan):.4f}  val_loss {log.get('val_loss', math.nan):.4f}  "
        f"val_accuracy {log.get('val_accuracy', math.nan):.4f}  ({log['seconds']:.1f} s)"
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
