"""A keras-tuner search started from a page: a subprocess owned by a background job.

:class:`SearchJob` is a :class:`~rna_core.jobs.BackgroundJob` of kind ``"tuning"``. Its
thread starts ``python -m rna_core.tuning search ...`` in a fresh run directory under the
runs root (one directory per run, validated names), waits for it, and ends it when asked
to, when the tab that started it has been closed for a while, or — inside the child
itself — when the server process is gone. The server's :class:`~rna_core.jobs.JobSlots`
hold one slot per running search, taken before the process is launched, so a cap on
searches cannot be beaten by pressing Start in the same instant. :func:`reap_orphans`
cleans up after a crashed server.

Nothing here imports TensorFlow.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from rna_core.files import PROJECT_ROOT, write_json
from rna_core.jobs import BackgroundJob, JobFailure, JobSlots
from rna_core.tuning.results import STATUS_FILE, read_status
from rna_core.tuning.runner import DEFAULT_PROJECT, search_command
from rna_core.tuning.space import SearchSettings, SearchSpace, planned_trials, validate_name

#: Environment variable naming the folder where the page's searches are written.
RUNS_ENV_VAR = "RNA_TUNING_RUNS"
#: Searches that may run at once on one server (each takes about 1 GB and a CPU core).
MAX_RUNNING_ENV_VAR = "RNA_TUNING_MAX_RUNNING"
DEFAULT_MAX_RUNNING = 2
#: Name of the search's output log inside its run directory.
LOG_FILE = "search.log"


def max_running_searches() -> int:
    """How many searches may run at once on this server (``$RNA_TUNING_MAX_RUNNING``, default 2)."""
    return int(os.environ.get(MAX_RUNNING_ENV_VAR, DEFAULT_MAX_RUNNING))


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


def new_run_name() -> str:
    """A fresh, unguessable run name (one per search, so two sessions never share one)."""
    return f"run-{uuid.uuid4().hex}"


def _alive(pid: object) -> bool:
    if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: Niceness of a search's process: a search is batch work next to students waiting for a
#: page (a drawing's answer, the health check), so on 2 cores it yields the CPU to them.
SEARCH_NICENESS = 10


def _end_process_group(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM the search's process group, then SIGKILL it if it is still there after ``timeout``."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


class SearchJob(BackgroundJob):
    """A search running as a subprocess in its own run directory, owned by a background job.

    Parameters
    ----------
    space, settings : SearchSpace, SearchSettings
        What to search and how (validated by their constructors).
    root : str or PathLike, optional
        Folder of all runs; :func:`default_runs_root` by default.
    name : str, optional
        Name of this run's folder; a fresh unique name by default. A name already used is
        refused, so two searches never share a folder.
    mnist_path : str, optional
        Passed to the subprocess as ``RNA_MNIST_PATH``.
    extra_env : Mapping, optional
        More environment variables for the subprocess.
    command : list of str, optional
        The command to run instead of the real search (tests use a stand-in).
    is_watched, abandon_after
        See :class:`~rna_core.jobs.BackgroundJob`.

    Raises
    ------
    ValueError
        For an invalid or already used run name.
    """

    kind = "tuning"
    busy_key = "tuning.busy"
    failure_prefix = "The search could not run"

    def __init__(
        self,
        space: SearchSpace,
        settings: SearchSettings,
        *,
        root: str | os.PathLike[str] | None = None,
        name: str | None = None,
        mnist_path: str | None = None,
        extra_env: Mapping[str, str] | None = None,
        command: list[str] | None = None,
        is_watched: Callable[[], bool] | None = None,
        abandon_after: float = 30.0,
    ) -> None:
        root_dir = Path(root) if root is not None else default_runs_root()
        root_dir.mkdir(parents=True, exist_ok=True)
        self.run_dir = run_dir_for(root_dir, name or new_run_name())
        try:
            self.run_dir.mkdir()
        except FileExistsError:
            raise ValueError(
                f"The run folder {self.run_dir.name!r} already exists: each search needs its own folder."
            ) from None
        super().__init__(self.run_dir.name, is_watched=is_watched, abandon_after=abandon_after)
        self.space, self.settings = space, settings
        self.project_dir = self.run_dir / DEFAULT_PROJECT
        self.planned_trials = planned_trials(space, settings)
        self.command = command or [
            *search_command(self.run_dir, space, settings),
            "--status", str(self.run_dir / STATUS_FILE), "--parent-pid", str(os.getpid()),
        ]
        env = {**os.environ, **(extra_env or {})}
        if mnist_path:
            env["RNA_MNIST_PATH"] = str(mnist_path)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        for variable in ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT"):
            env.pop(variable, None)  # a page search is never part of a distributed one
        self._env = env
        self.process: subprocess.Popen | None = None

    def start(self, slots: JobSlots | None = None) -> SearchJob:
        """Take a slot and launch the search; a refused start leaves no run folder behind."""
        try:
            return super().start(slots)
        except BaseException:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            raise

    @property
    def running(self) -> bool:
        """Whether the search is still going (not yet stopped, finished or failed)."""
        return not self.done

    def run(self) -> None:
        with open(self.run_dir / LOG_FILE, "wb") as log:
            self.process = subprocess.Popen(
                self.command, cwd=PROJECT_ROOT, env=self._env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        if hasattr(os, "setpriority"):  # POSIX; before the child starts its threads, which inherit it
            try:
                os.setpriority(os.PRIO_PROCESS, self.process.pid, SEARCH_NICENESS)
            except OSError:
                pass  # it already ended
        while self.process.poll() is None:
            if self.should_stop():
                _end_process_group(self.process)
                break
            time.sleep(0.2)
        if self.stop_requested:
            _update_status(self.run_dir, state="stopped", finished=time.time())
            return
        if self.process.returncode != 0:
            raise JobFailure(f"The search ended with an error (exit code {self.process.returncode}).")

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the search's output (for an error message)."""
        try:
            text = (self.run_dir / LOG_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def remove(self, timeout: float = 15.0) -> None:
        """Stop the search and delete its folder (a session discarding its search)."""
        self.stop()
        self.wait(timeout)
        shutil.rmtree(self.run_dir, ignore_errors=True)


def _update_status(run_dir: Path, **changes: Any) -> None:
    status = read_status(run_dir)
    status.update(changes)
    write_json(run_dir / STATUS_FILE, status)


def reap_orphans(root: str | os.PathLike[str] | None = None) -> list[Path]:
    """After a crashed server: end searches whose server is gone, and mark dead ones stopped.

    A search records its own process id and its server's (``parent``) in ``status.json``.
    A search still marked running whose process is gone is marked ``stopped``; one whose
    process lives on while its server is gone is sent SIGTERM (it also ends itself within
    seconds: it watches its parent). Returns the run folders that were cleaned up.
    """
    base = Path(root) if root is not None else default_runs_root()
    cleaned = []
    for run in sorted(base.glob("run-*")) if base.is_dir() else []:
        status = read_status(run)
        if status.get("state") != "running":
            continue
        pid, parent = status.get("pid"), status.get("parent")
        if _alive(pid) and parent is not None and not _alive(parent):
            try:
                os.killpg(int(pid), signal.SIGTERM)
            except (ProcessLookupError, PermissionError, OSError):
                pass
        elif _alive(pid):
            continue
        _update_status(run, state="stopped", finished=time.time())
        cleaned.append(run)
    return cleaned


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
