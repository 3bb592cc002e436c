"""Run a keras-tuner search: in this process (the CLI) or as a managed subprocess (the page).

:func:`run_search` is what ``python -m rna_core.tuning search`` executes: it loads MNIST,
builds the tuner over the project's hypermodel, records every trial's per-epoch history
(keras-tuner keeps only the best epoch), resumes an interrupted search (keras-tuner's
``overwrite=False``), and takes part in a distributed search as chief or worker.

:func:`start_search` starts that command as a subprocess in a fresh run directory under a
runs root (one directory per run, validated names), and :class:`SearchProcess` watches
and stops it. Nothing here imports TensorFlow at module level.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rna_core.files import PROJECT_ROOT, write_json
from rna_core.tuning.results import (
    HISTORY_FILE,
    SEARCH_FILE,
    STATUS_FILE,
    read_json_object,
    read_status,
)
from rna_core.tuning.space import (
    SearchSettings,
    SearchSpace,
    planned_epochs,
    planned_trials,
    validate_name,
)

#: Environment variable naming the folder where the page's searches are written.
RUNS_ENV_VAR = "RNA_TUNING_RUNS"
#: Name of the keras-tuner project inside a run directory.
DEFAULT_PROJECT = "search"
#: Searches that may run at once under one runs root (a server's CPU is shared by every user).
MAX_RUNNING_ENV_VAR = "RNA_TUNING_MAX_RUNNING"
DEFAULT_MAX_RUNNING = 2
#: How a process takes part in a search.
ROLES: tuple[str, ...] = ("standalone", "chief", "worker")


def default_runs_root() -> Path:
    """Where the page's searches go: ``$RNA_TUNING_RUNS``, else a folder in the system temp dir."""
    configured = os.environ.get(RUNS_ENV_VAR)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "rna-dashboard-tuning"


def run_dir_for(root: str | os.PathLike[str], name: str) -> Path:
    """The directory of run ``name`` under ``root``, refusing any path trick.

    Raises
    ------
    ValueError
        If ``name`` is not a plain folder name (see :func:`~rna_core.tuning.space.validate_name`)
        or would resolve outside ``root``.
    """
    validate_name(name)
    base = Path(root).resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"Invalid run name {name!r}: it must stay inside {base}.")
    return target


class TooManySearchesError(ValueError):
    """Too many searches already run on this machine: wait for one to end."""


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_searches(root: str | os.PathLike[str]) -> int:
    """How many runs under ``root`` are still searching (status ``running``, process alive)."""
    base = Path(root)
    if not base.is_dir():
        return 0
    return sum(
        1 for run in base.glob("run-*")
        if (status := read_status(run)).get("state") == "running" and _alive(status.get("pid"))
    )


def new_run_name() -> str:
    """A fresh, unguessable run name (one per search, so two sessions never share one)."""
    return f"run-{uuid.uuid4().hex}"


# ----------------------------------------------------------------------------- CLI side


def training_data(
    train_size: int, seed: int, mnist_path: str | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Flattened float MNIST: a stratified training subset and the course's validation set.

    Parameters
    ----------
    train_size : int
        Training images to keep (all 60,000 keeps the whole set, in its order).
    seed : int
        Seed of the subset (and of the course's validation split).
    mnist_path : str, optional
        A local ``mnist.npz``; else ``rna_core.data.load_mnist``'s usual places.

    Returns
    -------
    tuple of numpy.ndarray
        ``x_train (n, 784) float32, y_train, x_val (5000, 784), y_val``.
    """
    from rna_core.data import course_split, load_mnist, prepare_for_mlp

    split = course_split(load_mnist(mnist_path), seed=seed)
    x_train, y_train = split.x_train, split.y_train
    if train_size < len(y_train):
        rng = np.random.default_rng(seed)
        keep = []
        for label in range(10):
            members = np.flatnonzero(y_train == label)
            share = round(train_size * len(members) / len(y_train))
            keep.append(rng.choice(members, size=share, replace=False))
        index = rng.permutation(np.concatenate(keep))
        x_train, y_train = x_train[index], y_train[index]
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


def search_command(
    directory: str | os.PathLike[str],
    space: SearchSpace,
    settings: SearchSettings,
    *,
    project: str = DEFAULT_PROJECT,
    python: str | None = None,
) -> list[str]:
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


# ----------------------------------------------------------------------------- page side


@dataclass
class SearchProcess:
    """A search running as a subprocess in its own run directory.

    Attributes
    ----------
    run_dir : Path
        The run's folder (keras-tuner's ``directory``); holds ``status.json`` and the log.
    project_dir : Path
        The keras-tuner project inside it (what the results reader reads).
    planned_trials : int
        Trials the search should run.
    started : float
        ``time.time()`` when it started.
    """

    run_dir: Path
    project_dir: Path
    planned_trials: int
    started: float
    process: subprocess.Popen = field(repr=False)
    stopped: bool = False

    @property
    def running(self) -> bool:
        """Whether the search process is still alive."""
        return self.process.poll() is None

    @property
    def state(self) -> str:
        """``"running"``, ``"finished"``, ``"stopped"`` or ``"failed"``."""
        code = self.process.poll()
        if code is None:
            return "running"
        if self.stopped:
            return "stopped"
        return "finished" if code == 0 else "failed"

    def elapsed(self) -> float:
        """Seconds since the start (until the end once it has ended)."""
        status = read_status(self.run_dir)
        end = status.get("finished") if not self.running else None
        return float(end or time.time()) - self.started

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the search's output (for an error message)."""
        try:
            text = (self.run_dir / "search.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the search (its finished trials stay readable); idempotent."""
        if self.process.poll() is None:
            self.stopped = True
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    self.process.kill()
                self.process.wait()
            _update_status(self.run_dir, state="stopped", finished=time.time())


def _update_status(run_dir: Path, **changes: Any) -> None:
    status = read_status(run_dir)
    status.update(changes)
    write_json(run_dir / STATUS_FILE, status)


def start_search(
    space: SearchSpace,
    settings: SearchSettings,
    *,
    root: str | os.PathLike[str] | None = None,
    name: str | None = None,
    mnist_path: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> SearchProcess:
    """Start a search as a subprocess in a new run directory ``root/name``.

    Parameters
    ----------
    space, settings : SearchSpace, SearchSettings
        What to search and how (validated already by their constructors).
    root : str or PathLike, optional
        Folder of all runs; :func:`default_runs_root` by default.
    name : str, optional
        Name of this run's folder; a fresh unique name by default. A name already used
        is refused, so two searches never share a folder.
    mnist_path : str, optional
        Passed to the subprocess as ``RNA_MNIST_PATH``.
    extra_env : Mapping, optional
        More environment variables for the subprocess.

    Returns
    -------
    SearchProcess
        Handle to watch and stop the search.

    Raises
    ------
    ValueError
        For an invalid or already used run name.
    TooManySearchesError
        If ``$RNA_TUNING_MAX_RUNNING`` searches (2 by default) already run under ``root``.
    """
    root_dir = Path(root) if root is not None else default_runs_root()
    root_dir.mkdir(parents=True, exist_ok=True)
    cleanup_runs(root_dir)
    limit = int(os.environ.get(MAX_RUNNING_ENV_VAR, DEFAULT_MAX_RUNNING))
    if running_searches(root_dir) >= limit:
        raise TooManySearchesError(
            f"{limit} searches are already running on this machine; wait for one to finish "
            "(or stop yours) and start again."
        )
    run_dir = run_dir_for(root_dir, name or new_run_name())
    try:
        run_dir.mkdir()
    except FileExistsError:
        raise ValueError(f"The run folder {run_dir.name!r} already exists: each search needs its own folder.") from None
    env = {**os.environ, **(extra_env or {})}
    if mnist_path:
        env["RNA_MNIST_PATH"] = str(mnist_path)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    for name_var in ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT"):
        env.pop(name_var, None)  # a page search is never part of a distributed one
    command = search_command(run_dir, space, settings) + ["--status", str(run_dir / STATUS_FILE)]
    started = time.time()
    with open(run_dir / "search.log", "wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
    return SearchProcess(
        run_dir=run_dir,
        project_dir=run_dir / DEFAULT_PROJECT,
        planned_trials=planned_trials(space, settings),
        started=started,
        process=process,
    )


def cleanup_runs(root: str | os.PathLike[str], max_age: float = 24 * 3600.0) -> list[Path]:
    """Delete run folders under ``root`` untouched for ``max_age`` seconds; return them.

    Sessions that were closed without "discard" leave their folder behind: this keeps a
    long-lived server's temporary folder from growing. A folder still written to (a running
    search updates its files every epoch) is never old enough to go.
    """
    removed = []
    now = time.time()
    base = Path(root)
    if not base.is_dir():
        return removed
    for run in base.glob("run-*"):
        if not run.is_dir():
            continue
        newest = max((path.stat().st_mtime for path in run.rglob("*")), default=run.stat().st_mtime)
        if now - max(newest, run.stat().st_mtime) > max_age:
            shutil.rmtree(run, ignore_errors=True)
            removed.append(run)
    return removed


def remove_run(process: SearchProcess) -> None:
    """Stop a run and delete its folder (when a session starts another search)."""
    process.stop()
    shutil.rmtree(process.run_dir, ignore_errors=True)
