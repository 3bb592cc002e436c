"""The optimizer race on MNIST: the course's network trained by four Keras optimizers.

Every racer is the same network (784-300-100-10, ReLU, softmax) built by
:func:`rna_core.models.build_model`, starts from the *same* initial weights and sees the
*same* shuffled mini-batches; only the optimizer differs (Keras defaults: SGD 0.01,
SGD + momentum 0.9, RMSprop 0.001, Adam 0.001). After every epoch the validation loss
and the seconds of training so far are recorded, so the page can compare the racers by
epoch and by wall-clock time.

Run it from the command line to produce the shipped result::

    python -m rna_core.mnist_race --out models/optimizer_race --epochs 5

:func:`read_result` reads a result directory without importing TensorFlow.
Keras is imported lazily, inside the functions that train.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from rna_core.data import MNIST_TRAIN_SIZE
from rna_core.files import atomic_write
from rna_core.jobs import BackgroundJob, JobProgress
from rna_core.models import NetworkConfig

#: The MNIST racers, in race order (names of :data:`rna_core.models.OPTIMIZER_CHOICES`).
RACERS: tuple[str, ...] = ("sgd", "momentum", "rmsprop", "adam")
#: Keras's default learning rate of each racer's optimizer.
KERAS_LEARNING_RATES = {"sgd": 0.01, "momentum": 0.01, "rmsprop": 0.001, "adam": 0.001}
#: Columns of a race history (one row per optimizer and epoch; epoch 0 = before training).
HISTORY_COLUMNS: tuple[str, ...] = ("optimizer", "epoch", "seconds", "loss", "val_loss", "val_accuracy")
RESULT_FILE = "race.json"
HISTORY_FILE = "history.csv"
MAX_RESULT_BYTES = 1_000_000


@dataclass(frozen=True)
class MnistRaceSettings:
    """What to race: epochs, training-subset size, batch size, seed, racers.

    Attributes
    ----------
    epochs : int
        Passes over the training subset (1-50).
    train_samples : int
        How many training images to use (100-60,000; :func:`rna_core.data.training_subset`).
    batch_size : int
        Examples per update (Keras's default 32).
    seed : int
        Seed of the initial weights, the subset and the shuffles.
    optimizers : tuple of str
        Racers among :data:`RACERS`.
    """

    epochs: int = 3
    train_samples: int = MNIST_TRAIN_SIZE
    batch_size: int = 32
    seed: int = 42
    optimizers: tuple[str, ...] = RACERS

    def __post_init__(self) -> None:
        for name, low, high in (("epochs", 1, 50), ("train_samples", 100, MNIST_TRAIN_SIZE), ("batch_size", 1, 4096)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
                raise ValueError(f"{name.replace('_', ' ')} must be a whole number from {low} to {high} (got {value!r}).")
        if not isinstance(self.seed, (int, np.integer)) or isinstance(self.seed, bool) or self.seed < 0:
            raise ValueError(f"The seed must be a whole number >= 0 (got {self.seed!r}).")
        if not self.optimizers or any(name not in RACERS for name in self.optimizers):
            raise ValueError(f"Choose racers among {', '.join(RACERS)}.")
        if len(set(self.optimizers)) != len(self.optimizers):
            raise ValueError("Each optimizer can race only once.")

    def config_for(self, optimizer: str) -> NetworkConfig:
        """The course network's :class:`NetworkConfig` for one racer."""
        return NetworkConfig(
            optimizer=optimizer, learning_rate=KERAS_LEARNING_RATES[optimizer],
            batch_size=self.batch_size, epochs=self.epochs, seed=self.seed,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe settings."""
        return {**asdict(self), "optimizers": list(self.optimizers)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MnistRaceSettings:
        """Settings from :meth:`to_dict` output (validated)."""
        known = {"epochs", "train_samples", "batch_size", "seed", "optimizers"}
        if not isinstance(data, dict) or set(data) - known:
            raise ValueError("The race settings are not valid.")
        values = dict(data)
        if "optimizers" in values:
            values["optimizers"] = tuple(values["optimizers"])
        return cls(**values)


class RaceData(NamedTuple):
    """Training subset and validation set, ready for the MLP (float32 rows of 784)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray


def prepare_race_data(settings: MnistRaceSettings, path: str | None = None) -> RaceData:
    """Load MNIST, split it as the course does and take the training subset.

    Parameters
    ----------
    settings : MnistRaceSettings
        ``train_samples`` and ``seed`` choose the subset.
    path : str, optional
        Path of ``mnist.npz`` (see :func:`rna_core.data.load_mnist`).
    """
    from rna_core.data import course_split, load_mnist, prepare_for_mlp, training_subset

    split = course_split(load_mnist(path), seed=settings.seed)
    x_train, y_train = training_subset(split.x_train, split.y_train, settings.train_samples, settings.seed)
    return RaceData(
        prepare_for_mlp(x_train), y_train.astype(np.int64), prepare_for_mlp(split.x_val), split.y_val.astype(np.int64),
    )


def _history_callback(
    name: str, on_row: Callable[[dict[str, Any]], None], should_stop: Callable[[], bool]
) -> Any:
    from rna_core.backend import progress_callback_base

    class RaceRecorder(progress_callback_base()):
        """Records validation loss and training seconds per epoch; stops on request."""

        def on_train_begin(self, logs: dict | None = None) -> None:
            self.started = time.perf_counter()

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            if should_stop():
                self.model.stop_training = True

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            logs = logs or {}
            on_row({
                "optimizer": name, "epoch": epoch + 1, "seconds": time.perf_counter() - self.started,
                "loss": float(logs.get("loss", math.nan)), "val_loss": float(logs.get("val_loss", math.nan)),
                "val_accuracy": float(logs.get("val_accuracy", math.nan)),
            })
            if should_stop():
                self.model.stop_training = True

    return RaceRecorder()


def race(
    settings: MnistRaceSettings,
    data: RaceData,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_racer: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Train the course network once per optimizer; same initial weights, same batches.

    Parameters
    ----------
    settings : MnistRaceSettings
    data : RaceData
        From :func:`prepare_race_data`.
    on_row : callable, optional
        Called with each new history row (a dict) as soon as an epoch ends.
    should_stop : callable, optional
        Polled after every batch; returning True stops the race.
    on_racer : callable, optional
        Called with the optimizer's name when its training starts.

    Returns
    -------
    pandas.DataFrame
        The history, columns :data:`HISTORY_COLUMNS`; epoch 0 is the common start.
    """
    from rna_core.backend import set_random_seed
    from rna_core.models import build_model

    rows: list[dict[str, Any]] = []
    stop = should_stop or (lambda: False)

    def record(row: dict[str, Any]) -> None:
        rows.append(row)
        if on_row is not None:
            on_row(row)

    initial_weights = None
    start_row: dict[str, float] = {}
    for name in settings.optimizers:
        if stop():
            break
        if on_racer is not None:
            on_racer(name)
        model = build_model(settings.config_for(name), train_size=len(data.y_train))
        if initial_weights is None:
            initial_weights = model.get_weights()
            loss, accuracy = model.evaluate(data.x_val, data.y_val, batch_size=1024, verbose=0)[:2]
            start_row = {"loss": math.nan, "val_loss": float(loss), "val_accuracy": float(accuracy)}
        else:
            model.set_weights(initial_weights)
        record({"optimizer": name, "epoch": 0, "seconds": 0.0, **start_row})
        set_random_seed(settings.seed)  # the same shuffled batches for every racer
        model.fit(
            data.x_train, data.y_train, batch_size=settings.batch_size, epochs=settings.epochs,
            validation_data=(data.x_val, data.y_val), shuffle=True, verbose=0,
            callbacks=[_history_callback(name, record, stop)],
        )
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


@dataclass(frozen=True)
class RaceProgress(JobProgress):
    """A snapshot of a race (besides the base's ``status``, ``elapsed``, ``error``...).

    Attributes
    ----------
    racer : str or None
        The optimizer training now (or last).
    racers_done : int
        Racers that have finished their epochs.
    epoch : int
        Epochs the current racer has completed.
    history : pandas.DataFrame
        The rows so far, columns :data:`HISTORY_COLUMNS`.
    """

    racer: str | None = None
    racers_done: int = 0
    epoch: int = 0
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(HISTORY_COLUMNS)))


class MnistRaceJob(BackgroundJob):
    """A race running in a background thread (a :class:`~rna_core.jobs.BackgroundJob`).

    ``start(slots)`` launches it; ``progress()`` returns a :class:`RaceProgress` the page can
    draw on every rerun; ``stop()`` is honoured after the current batch. A race whose page is
    gone ends by itself (see :class:`rna_core.jobs.AbandonWatch`).
    """

    failure_prefix = "The race failed"

    def __init__(
        self,
        settings: MnistRaceSettings,
        data: RaceData,
        *,
        is_watched: Callable[[], bool] | None = None,
        abandon_after: float = 30.0,
    ) -> None:
        super().__init__("mnist-optimizer-race", is_watched=is_watched, abandon_after=abandon_after)
        self.settings = settings
        self._data: RaceData | None = data
        self._rows: list[dict[str, Any]] = []
        self._racer: str | None = None

    def run(self) -> None:
        data = self._data
        try:
            race(self.settings, data, self._add, self.should_stop, self._set_racer)
        finally:
            with self._lock:
                self._data = None  # free the arrays

    def _add(self, row: dict[str, Any]) -> None:
        with self._lock:
            self._rows.append(row)

    def _set_racer(self, name: str) -> None:
        with self._lock:
            self._racer = name

    def progress(self) -> RaceProgress:
        """A snapshot: status, the racer training now, racers done, its epoch, the history."""
        base = self._progress_fields()
        with self._lock:
            history = pd.DataFrame(list(self._rows), columns=list(HISTORY_COLUMNS))
            racer = self._racer
        current = history[history["optimizer"] == racer] if racer else history.iloc[0:0]
        finished = [name for name in self.settings.optimizers if name != racer and name in set(history["optimizer"])]
        return RaceProgress(**base, racer=racer, racers_done=len(finished),
                            epoch=int(current["epoch"].max()) if len(current) else 0, history=history)


def save_result(history: pd.DataFrame, settings: MnistRaceSettings, directory: str | os.PathLike[str],
                command: str = "") -> Path:
    """Write ``race.json`` (settings, machine, history) and ``history.csv``, atomically."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": "rna-dashboard-optimizer-race", "version": 1, "settings": settings.to_dict(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "command": command, "history": json.loads(history[list(HISTORY_COLUMNS)].to_json(orient="records")),
    }
    atomic_write(target / RESULT_FILE, json.dumps(payload, indent=1).encode())
    atomic_write(target / HISTORY_FILE, history[list(HISTORY_COLUMNS)].to_csv(index=False).encode())
    return target / RESULT_FILE


def read_result(directory: str | os.PathLike[str]) -> tuple[pd.DataFrame, MnistRaceSettings, dict[str, Any]]:
    """Read a saved race (no TensorFlow needed).

    Returns
    -------
    history : pandas.DataFrame
        Columns :data:`HISTORY_COLUMNS`.
    settings : MnistRaceSettings
    meta : dict
        ``machine`` and ``command``.

    Raises
    ------
    FileNotFoundError
        No ``race.json`` in ``directory``.
    ValueError
        The file is not a valid race result.
    """
    path = Path(directory) / RESULT_FILE
    if path.stat().st_size > MAX_RESULT_BYTES:
        raise ValueError("The race result file is too large.")
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("format") != "rna-dashboard-optimizer-race":
            raise ValueError("not a race result")
        settings = MnistRaceSettings.from_dict(payload["settings"])
        history = pd.DataFrame(payload["history"], columns=list(HISTORY_COLUMNS))
        history = history.astype({"epoch": int, "seconds": float, "loss": float, "val_loss": float, "val_accuracy": float})
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a valid optimizer-race result ({error}).") from error
    if not set(history["optimizer"]) <= set(RACERS):
        raise ValueError(f"{path} names an unknown optimizer.")
    return history, settings, {"machine": str(payload.get("machine", "")), "command": str(payload.get("command", ""))}


def final_table(history: pd.DataFrame) -> pd.DataFrame:
    """Last epoch of each optimizer: ``optimizer, epoch, val_loss, val_accuracy, seconds``, best first."""
    last = history.sort_values("epoch").groupby("optimizer", sort=False).tail(1)
    return last[["optimizer", "epoch", "val_loss", "val_accuracy", "seconds"]].sort_values("val_loss").reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: run a race and save it (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m rna_core.mnist_race", description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="directory for race.json and history.csv")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=MNIST_TRAIN_SIZE, help="training images (default: all 60,000)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--optimizers", nargs="+", default=list(RACERS), choices=RACERS)
    parser.add_argument("--mnist", default=None, help="path of mnist.npz (default: RNA_MNIST_PATH or Keras cache)")
    args = parser.parse_args(argv)
    settings = MnistRaceSettings(args.epochs, args.samples, args.batch_size, args.seed, tuple(args.optimizers))
    data = prepare_race_data(settings, args.mnist)

    def show(row: dict[str, Any]) -> None:
        print(f"{row['optimizer']:>8} epoch {row['epoch']:>2}  {row['seconds']:7.1f} s  val_loss {row['val_loss']:.4f}"
              f"  val_accuracy {row['val_accuracy']:.4f}", flush=True)

    history = race(settings, data, on_row=show)
    command = "python -m rna_core.mnist_race " + " ".join(argv if argv is not None else __import__("sys").argv[1:])
    print(f"saved {save_result(history, replace(settings), args.out, command)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
