"""Run a keras-tuner search in this process: what ``python -m rna_core.tuning search`` executes.

:func:`run_search` loads MNIST, builds the tuner over the project's hypermodel, records
every trial's per-epoch history (keras-tuner keeps only the best epoch), resumes an
interrupted search (keras-tuner's ``overwrite=False``), and takes part in a distributed
search as chief or worker. :func:`search_command` writes that command line; the page runs
it as a background job (:mod:`rna_core.tuning.search_job`). Nothing here imports
TensorFlow at module level.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rna_core.files import write_json
from rna_core.tuning.results import (
    HISTORY_FILE,
    SEARCH_FILE,
    read_json_object,
)
from rna_core.tuning.space import (
    SearchSettings,
    SearchSpace,
    planned_epochs,
    planned_trials,
    validate_name,
)

#: Name of the keras-tuner project inside a run directory.
DEFAULT_PROJECT = "search"
#: How a process takes part in a search.
ROLES: tuple[str, ...] = ("standalone", "chief", "worker")


# ----------------------------------------------------------------------------- CLI side


def training_data(
    train_size: int, seed: int, mnist_path: str | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Flattened float MNIST: a :func:`~rna_core.data.training_subset` and the course's validation set.

    Returns
    -------
    tuple of numpy.ndarray
        ``x_train (n, 784) float32, y_train, x_val (5000, 784), y_val``.
    """
    from rna_core.data import course_split, load_mnist, prepare_for_mlp, training_subset

    split = course_split(load_mnist(mnist_path), seed=seed)
    x_train, y_train = training_subset(split.x_train, split.y_train, train_size, seed)
    return prepare_for_mlp(x_train), y_train.astype(np.int64), prepare_for_mlp(split.x_val), split.y_val.astype(np.int64)


def _recording(tuner_class: type) -> type:
    """Subclass a keras-tuner tuner so that it writes each trial's full history."""

    class Recording(tuner_class):  # type: ignore[misc, valid-type]
        def on_trial_begin(self, trial: Any) -> None:
            super().on_trial_begin(trial)
            self._rna_history = {
                "trial_id": trial.trial_id,
                "tuner_id": self.tuner_id,
                "host": socket.gethostname(),
                "started": time.time(),
                "epochs_planned": trial.hyperparameters.values.get("tuner/epochs"),
                "epochs": [],
                "status": "RUNNING",
            }
            self._rna_clock = time.perf_counter()
            self._rna_write(trial)

        def on_epoch_end(self, trial: Any, model: Any, epoch: int, logs: Mapping | None = None) -> None:
            super().on_epoch_end(trial, model, epoch, logs=logs)
            entry = {"epoch": int(epoch) + 1}
            entry.update({str(k): float(v) for k, v in (logs or {}).items() if np.isfinite(float(v))})
            self._rna_history["epochs"].append(entry)
            self._rna_history["seconds"] = time.perf_counter() - self._rna_clock
            self._rna_write(trial)

        def on_trial_end(self, trial: Any) -> None:
            self._rna_history["seconds"] = time.perf_counter() - self._rna_clock
            self._rna_history["status"] = str(trial.status)
            self._rna_history["finished"] = time.time()
            self._rna_write(trial)
            super().on_trial_end(trial)

        def _rna_write(self, trial: Any) -> None:
            write_json(Path(self.get_trial_dir(trial.trial_id)) / HISTORY_FILE, self._rna_history)

    Recording.__name__ = f"Recording{tuner_class.__name__}"
    return Recording


def _make_tuner(space: SearchSpace, settings: SearchSettings, directory: Path, project: str) -> Any:
    import keras_tuner

    from rna_core.tuning.hypermodel import make_hypermodel

    common = {
        "hypermodel": make_hypermodel(space, seed=settings.seed, train_size=settings.train_size),
        "objective": keras_tuner.Objective(settings.objective, direction="max"),
        "seed": settings.seed,
        "directory": str(directory),
        "project_name": project,
        "overwrite": False,
        "max_consecutive_failed_trials": 3,
    }
    if settings.tuner == "hyperband":
        return _recording(keras_tuner.Hyperband)(max_epochs=settings.max_epochs, factor=settings.factor, **common)
    classes = {
        "random": keras_tuner.RandomSearch,
        "bayesian": keras_tuner.BayesianOptimization,
        "grid": keras_tuner.GridSearch,
    }
    return _recording(classes[settings.tuner])(max_trials=settings.max_trials, **common)


def describe_search(space: SearchSpace, settings: SearchSettings) -> dict[str, Any]:
    """The content of ``search.json``: what was searched, how, and the plan."""
    return {
        "format": "rna-dashboard-tuning",
        "version": 1,
        "objective": {"name": settings.objective, "direction": "max"},
        "space": space.to_dict(),
        "settings": settings.to_dict(),
        "planned_trials": planned_trials(space, settings),
        "planned_epochs": planned_epochs(space, settings),
    }


def _check_same_search(project_dir: Path, description: Mapping[str, Any]) -> None:
    existing = read_json_object(project_dir / SEARCH_FILE, [])
    if existing is None:
        return
    if existing.get("space") != description["space"] or existing.get("settings") != description["settings"]:
        raise ValueError(
            f"The folder {project_dir} already holds a different search. To resume it, use the "
            "same settings; to start a new search, choose another --dir."
        )


def _check_resumable(project_dir: Path) -> None:
    """Refuse to resume from damaged keras-tuner files (keras-tuner would fail with a traceback)."""
    if not project_dir.is_dir():
        return
    for path in sorted(project_dir.glob("trial_*/trial.json")) + [project_dir / "oracle.json"]:
        if not path.exists():
            continue
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ValueError(
                f"{path} is damaged ({error}), so this search cannot be resumed. Its results can "
                "still be read; to search again, choose another --dir."
            ) from None


def prune_checkpoints(project_dir: str | os.PathLike[str]) -> int:
    """Delete what only a running search needs; return how many files went.

    That is the trials' weight checkpoints and build configs (Hyperband continues networks
    from them) and the tuners' resume files: what stays is ``oracle.json``, ``search.json``
    and each trial's ``trial.json`` and ``history.json`` — all that the reader uses.
    """
    project = Path(project_dir)
    removed = 0
    for pattern in ("trial_*/checkpoint*", "trial_*/build_config.json", "tuner*.json", "worker*.json"):
        for path in project.glob(pattern):
            if path.is_file():
                path.unlink()
                removed += 1
    return removed


def run_search(
    directory: str | os.PathLike[str],
    space: SearchSpace,
    settings: SearchSettings,
    *,
    project: str = DEFAULT_PROJECT,
    role: str = "standalone",
    mnist_path: str | None = None,
    remove_checkpoints: bool = False,
    verbose: int = 1,
) -> Path:
    """Run (or resume) a search, writing keras-tuner's files plus our histories.

    Parameters
    ----------
    directory : str or PathLike
        Folder of the search (keras-tuner's ``directory``); created if missing. Running
        again on the same folder with the same settings resumes the search.
    space, settings : SearchSpace, SearchSettings
        What to search and how.
    project : str
        keras-tuner's ``project_name`` (a plain name).
    role : str
        ``"standalone"``; or ``"chief"`` / ``"worker"`` of a distributed search, with the
        environment variables ``KERASTUNER_TUNER_ID``, ``KERASTUNER_ORACLE_IP`` and
        ``KERASTUNER_ORACLE_PORT`` set (the CLI sets them from its options). The chief
        only hands out trials; workers train them.
    mnist_path : str, optional
        Local ``mnist.npz`` (else ``$RNA_MNIST_PATH`` and the Keras cache).
    remove_checkpoints : bool
        Delete the weight checkpoints once the search is over (keeps results small).
    verbose : int
        keras-tuner's verbosity.

    Returns
    -------
    Path
        The project directory (what :func:`~rna_core.tuning.results.read_results` reads).
    """
    validate_name(project, "project name")
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; choose among {list(ROLES)}.")
    if role != "standalone":
        missing = [name for name in ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT")
                   if not os.environ.get(name)]
        if missing:
            raise ValueError(f"A distributed {role} needs the environment variables {', '.join(missing)}.")
        is_chief = "chief" in os.environ["KERASTUNER_TUNER_ID"]
        if is_chief != (role == "chief"):
            raise ValueError("KERASTUNER_TUNER_ID must contain 'chief' for the chief, and must not for a worker.")
    project_dir = Path(directory) / project
    description = describe_search(space, settings)
    _check_same_search(project_dir, description)
    if role != "worker":
        _check_resumable(project_dir)
    if role != "worker":
        write_json(project_dir / SEARCH_FILE, description)
    data = None if role == "chief" else training_data(settings.train_size, settings.seed, mnist_path)
    # Hyperband continues a network from its checkpoint with a fresh optimizer; Keras warns
    # about the optimizer state it does not restore at every continuation.
    warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
    tuner = _make_tuner(space, settings, Path(directory), project)
    if data is None:
        tuner.search(verbose=verbose)  # the chief serves trials until every worker is done
    else:
        x_train, y_train, x_val, y_val = data
        tuner.search(x_train, y_train, validation_data=(x_val, y_val), epochs=settings.max_epochs, verbose=verbose)
    if remove_checkpoints:
        prune_checkpoints(project_dir)
    return project_dir


def search_command(directory: str | os.PathLike[str], space: SearchSpace, settings: SearchSettings, *,
                   project: str = DEFAULT_PROJECT, python: str | None = None) -> list[str]:
    """The ``python -m rna_core.tuning search ...`` command line for a search."""

    def join(values: Sequence[object]) -> str:
        return ",".join(str(value) for value in values)

    return [
        python or sys.executable, "-m", "rna_core.tuning", "search",
        "--dir", str(directory), "--project", project,
        "--tuner", settings.tuner, "--max-epochs", str(settings.max_epochs),
        "--factor", str(settings.factor), "--max-trials", str(settings.max_trials),
        "--train-size", str(settings.train_size), "--seed", str(settings.seed),
        "--neurons", f"{space.neurons_min}:{space.neurons_max}:{space.neurons_step}",
        "--layers", f"{space.layers_min}:{space.layers_max}",
        "--learning-rates", join(space.learning_rates), "--optimizers", join(space.optimizers),
        "--batch-sizes", join(space.batch_sizes), "--activations", join(space.activations),
    ]
