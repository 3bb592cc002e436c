"""One way to run work in the background on a shared server: the job base, slots, the watch.

Every long piece of work the app does for a student — a Keras training, the MNIST optimizer
race, a keras-tuner search in its own process — is a :class:`BackgroundJob`: a daemon thread
that never touches the UI, with

* one status vocabulary (:data:`STATUSES`: pending → running → stopped | finished | failed);
* :meth:`~BackgroundJob.stop`, a request the work honours at its next check (for Keras, after
  the current batch), and :meth:`~BackgroundJob.wait`;
* an immutable progress snapshot (a subclass of :class:`JobProgress`) any thread may read;
* a **slot** taken atomically from the server's :class:`JobSlots` *before* the thread starts and
  given back when it ends, however it ends — so a server's caps hold even when many students
  press Start in the same instant;
* an :class:`AbandonWatch`: once the browser tab that started a job has been gone for a while,
  the job stops itself, keeping what it reached.

A subclass writes :meth:`~BackgroundJob.run` (polling :meth:`~BackgroundJob.should_stop`) and
:meth:`~BackgroundJob.progress`. Nothing here imports Streamlit or Keras.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from rna_core.errors import LocalizedError
from rna_core.memory import MB, MemoryBudget

#: Job states, in order. ``pending`` before :meth:`BackgroundJob.start`; the last three are final.
STATUSES: tuple[str, ...] = ("pending", "running", "stopped", "finished", "failed")
FINAL_STATUSES: frozenset[str] = frozenset({"stopped", "finished", "failed"})


@dataclass(frozen=True)
class JobProgress:
    """What every job's progress snapshot says (subclasses add their own fields).

    Attributes
    ----------
    status : str
        One of :data:`STATUSES`.
    elapsed : float
        Seconds since the job started (until it ended, once it has).
    error : str or None
        Why the job failed, in plain English.
    abandoned : bool
        True when the job stopped by itself because nobody watched it any more.
    """

    status: str = "pending"
    elapsed: float = 0.0
    error: str | None = None
    abandoned: bool = False

    @property
    def done(self) -> bool:
        """True once the job has stopped, finished or failed."""
        return self.status in FINAL_STATUSES


#: Niceness of a job's thread (Linux): a job is batch work; the threads that answer pages (a
#: drawing's answer, the health check) keep priority over it on a 2-core server.
JOB_NICENESS = 5


def lower_thread_priority(niceness: int = JOB_NICENESS) -> bool:
    """Run the calling thread (and the threads it starts later) at ``niceness``, if it is lower.

    Linux gives each thread its own niceness (``setpriority`` on the thread's id); elsewhere
    nothing changes. Returns True when the thread's priority was lowered.
    """
    if not sys.platform.startswith("linux"):
        return False
    thread_id = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, thread_id) >= niceness:
            return False
        os.setpriority(os.PRIO_PROCESS, thread_id, niceness)
    except OSError:
        return False
    return True


class JobFailure(Exception):
    """Raised by :meth:`BackgroundJob.run` to end a job as failed with a plain-language reason."""


class ServerBusyError(LocalizedError):
    """Every slot of a kind of job is taken: the student should try again in a moment."""


class AbandonWatch:
    """Debounced "is anybody still watching?" check for a background job.

    Parameters
    ----------
    is_watched : callable or None
        Returns False while nobody can see the job (for a web page: its session is
        disconnected). ``None`` means the job is always watched (command line, tests).
    abandon_after : float
        Seconds ``is_watched`` must keep returning False before the job counts as
        abandoned, so that a short network drop does not end a training.
    check_every : float
        Minimum seconds between two calls of ``is_watched`` (it is polled from a
        training loop that may run thousands of batches a second).
    """

    def __init__(
        self, is_watched: Callable[[], bool] | None, abandon_after: float = 30.0, check_every: float = 1.0
    ) -> None:
        if not abandon_after >= 0 or not check_every >= 0:
            raise ValueError("abandon_after and check_every must be zero or more seconds.")
        self._is_watched = is_watched
        self._abandon_after = float(abandon_after)
        self._check_every = float(check_every)
        self._lock = threading.Lock()
        self._last_check = -float("inf")
        self._unwatched_since: float | None = None
        self._abandoned = False

    def abandoned(self) -> bool:
        """True once nobody has watched the job for ``abandon_after`` seconds (then stays True)."""
        if self._is_watched is None:
            return False
        now = time.monotonic()
        with self._lock:
            if self._abandoned or now - self._last_check < self._check_every:
                return self._abandoned
            self._last_check = now
        watched = bool(self._is_watched())
        with self._lock:
            if watched:
                self._unwatched_since = None
            else:
                if self._unwatched_since is None:
                    self._unwatched_since = now
                if now - self._unwatched_since >= self._abandon_after:
                    self._abandoned = True
            return self._abandoned


class JobSlots:
    """Server-wide caps on the jobs running at once, one cap per kind of job.

    A classroom server (2 CPU cores, under 3 GB of memory) cannot train for thirty students
    at once: beyond a kind's capacity a new job is refused with a sentence, instead of
    slowing everybody down until the server runs out of memory. A slot is taken under one
    lock, so the cap holds however many students press Start in the same instant, and it is
    given back by the job itself when its thread ends.

    Parameters
    ----------
    capacities : Mapping[str, int]
        Jobs of each kind that may run at the same time (each at least 1), e.g.
        ``{"training": 3, "tuning": 2}``.
    memory : MemoryBudget, optional
        Also refuse a job whose memory would not fit the server's budget
        (:class:`rna_core.memory.MemoryBudget`), checked under the same lock.
    """

    def __init__(self, capacities: Mapping[str, int], memory: MemoryBudget | None = None) -> None:
        for kind, capacity in capacities.items():
            if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
                raise ValueError(
                    f"The number of {kind} jobs that may run at once must be a whole number of at least 1."
                )
        self.capacities = dict(capacities)
        self.memory = memory
        self._lock = threading.Lock()
        self._running: dict[str, list[BackgroundJob]] = {kind: [] for kind in capacities}

    def acquire(self, kind: str, job: BackgroundJob) -> bool:
        """Take a slot of ``kind`` for ``job``; False when all are taken.

        Raises
        ------
        ServerBusyError
            When a slot is free but the job's memory would not fit the budget.
        """
        if kind not in self.capacities:
            raise ValueError(f"Unknown kind of job {kind!r}; known: {', '.join(self.capacities)}.")
        with self._lock:
            running = self._running[kind]
            if job in running:
                return True
            if len(running) >= self.capacities[kind]:
                return False
            in_use = self.memory.admit(kind) if self.memory is not None else None
            if in_use is not None:
                used_mb, limit_mb = round(in_use / MB), round(self.memory.limit / MB)
                raise ServerBusyError(
                    f"The server is short of memory: {used_mb} of its {limit_mb} MB are in use. "
                    "Try again in a minute.",
                    "app.server_memory", used=used_mb, limit=limit_mb,
                )
            running.append(job)
            return True

    def release(self, kind: str, job: BackgroundJob) -> None:
        """Give ``job``'s slot back (nothing happens if it holds none)."""
        with self._lock:
            if job in self._running.get(kind, []):
                self._running[kind].remove(job)

    def running(self, kind: str) -> int:
        """How many jobs of ``kind`` hold a slot now."""
        with self._lock:
            return len(self._running.get(kind, []))

    def jobs(self, kind: str) -> list[BackgroundJob]:
        """The jobs of ``kind`` holding a slot now (oldest first), e.g. to list or stop them."""
        with self._lock:
            return list(self._running.get(kind, []))


class BackgroundJob:
    """Work that runs in a daemon thread, reports progress and can be stopped.

    Subclasses implement :meth:`run` (the work, in the job's thread; it polls
    :meth:`should_stop` and may raise :class:`JobFailure`) and :meth:`progress` (a frozen
    snapshot built with :meth:`_progress_fields`). The base keeps the status, the times, the
    error, the stop request, the abandonment watch and the slot.

    Parameters
    ----------
    name : str
        A name for the job (its thread's name; shown in lists of running jobs).
    is_watched : callable, optional
        Returns False once nobody can see the job any more (see :class:`AbandonWatch`).
    abandon_after : float
        Seconds of not being watched after which the job stops itself.
    """

    #: Which of the server's slot pools the job takes a slot from.
    kind: ClassVar[str] = "training"
    #: i18n key of the "server busy" sentence (values: ``limit``).
    busy_key: ClassVar[str] = "app.server_busy"
    #: Start of the message when :meth:`run` raises an unexpected exception.
    failure_prefix: ClassVar[str] = "The job failed"

    def __init__(self, name: str, *, is_watched: Callable[[], bool] | None = None,
                 abandon_after: float = 30.0) -> None:
        self.name = name
        self._watch = AbandonWatch(is_watched, abandon_after)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._status = "pending"
        self._error: str | None = None
        self._abandoned = False
        self._started: float | None = None
        self._ended: float | None = None
        self._thread: threading.Thread | None = None
        self._slots: JobSlots | None = None

    # -- control -----------------------------------------------------------------------
    def start(self, slots: JobSlots | None = None) -> Self:
        """Take a slot (when ``slots`` is given) and start the work in a daemon thread.

        Raises
        ------
        ServerBusyError
            When every slot of this kind of job is taken (nothing was started).
        ValueError
            When the job was already started.
        """
        with self._lock:
            if self._thread is not None:
                raise ValueError("This job has already been started.")
            if slots is not None and not slots.acquire(self.kind, self):
                limit = slots.capacities[self.kind]
                raise ServerBusyError(
                    f"The server is busy: {limit} jobs of this kind are already running. Try again in a minute.",
                    self.busy_key, limit=limit,
                )
            self._slots = slots
            self._status = "running"
            self._started = time.perf_counter()
            self._thread = threading.Thread(target=self._main, name=f"{self.kind}:{self.name}", daemon=True)
        try:
            self._thread.start()
        except BaseException:
            self._finish("failed", "The job could not be started.")
            raise
        return self

    def stop(self) -> None:
        """Ask the job to stop at its next check; what it reached is kept."""
        self._stop.set()
        self.on_stop()

    def on_stop(self) -> None:
        """Hook: a subclass may pass the stop request on (e.g. to Keras) at once."""

    def should_stop(self) -> bool:
        """For :meth:`run`: True once a stop was requested or nobody watches the job any more."""
        if not self._stop.is_set() and self._watch.abandoned():
            with self._lock:
                self._abandoned = True
            self._stop.set()
        return self._stop.is_set()

    @property
    def stop_requested(self) -> bool:
        """True once :meth:`stop` was called (or the job stopped itself, unwatched)."""
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job is over (or ``timeout`` seconds). True if it is over."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.done

    @property
    def status(self) -> str:
        """The job's status now, one of :data:`STATUSES`."""
        with self._lock:
            return self._status

    @property
    def done(self) -> bool:
        """True once the job has stopped, finished or failed."""
        return self.status in FINAL_STATUSES

    # -- for subclasses ----------------------------------------------------------------
    def run(self) -> None:
        """The work, run in the job's thread. Subclasses override it."""
        raise NotImplementedError

    def progress(self) -> JobProgress:
        """An immutable snapshot of the job's progress. Subclasses extend it."""
        return JobProgress(**self._progress_fields())

    def _progress_fields(self) -> dict[str, Any]:
        """The base fields of a progress snapshot, read under the job's lock."""
        now = time.perf_counter()
        with self._lock:
            end = self._ended if self._ended is not None else now
            elapsed = end - self._started if self._started is not None else 0.0
            return {"status": self._status, "elapsed": elapsed, "error": self._error, "abandoned": self._abandoned}

    # -- the thread ----------------------------------------------------------------------
    def _main(self) -> None:
        lower_thread_priority()
        try:
            self.run()
        except JobFailure as failure:
            self._finish("failed", str(failure))
        except Exception as error:  # noqa: BLE001 - any failure must reach the page as a message
            logging.getLogger(__name__).exception("Background job %r failed", self.name)  # server log
            self._finish("failed", f"{self.failure_prefix}: {type(error).__name__}: {error}")
        else:
            self._finish("stopped" if self._stop.is_set() else "finished", None)

    def _finish(self, status: str, error: str | None) -> None:
        with self._lock:
            self._status = status
            self._error = error
            self._ended = time.perf_counter()
            slots, self._slots = self._slots, None
        if slots is not None:
            slots.release(self.kind, self)
