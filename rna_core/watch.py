"""Noticing that nobody watches a background job any more (its browser tab was closed).

Background trainings belong to one browser session. When that session is gone, the job
should end by itself instead of using the server's CPU for nobody. The UI layer supplies a
function that says whether the session is still connected; this module turns it into a
debounced verdict, so that a short network drop does not end a training.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class AbandonWatch:
    """Debounced "is anybody still watching?" check for a background job.

    Parameters
    ----------
    is_watched : callable or None
        Returns False while nobody can see the job (for a web page: its session is
        disconnected). ``None`` means the job is always watched (command line, tests).
    abandon_after : float
        Seconds ``is_watched`` must keep returning False before the job counts as
        abandoned.
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
    """A cap on the background jobs running at once on one server.

    A classroom server (2 CPU cores, under 3 GB of memory) cannot train for thirty
    students at once; beyond ``capacity`` running jobs a new one is refused, and the page
    says so, instead of slowing everybody down until the server runs out of memory.

    Parameters
    ----------
    capacity : int
        How many jobs may run at the same time (at least 1).
    """

    def __init__(self, capacity: int) -> None:
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError("The number of jobs that may run at once must be a whole number of at least 1.")
        self.capacity = capacity
        self._lock = threading.Lock()
        self._is_done: list[Callable[[], bool]] = []

    def try_add(self, is_done: Callable[[], bool]) -> bool:
        """Take a slot for a job, given a function telling when it is over; False if all are taken."""
        with self._lock:
            self._is_done = [done for done in self._is_done if not done()]
            if len(self._is_done) >= self.capacity:
                return False
            self._is_done.append(is_done)
            return True

    def running(self) -> int:
        """How many of the jobs that took a slot are still running."""
        with self._lock:
            self._is_done = [done for done in self._is_done if not done()]
            return len(self._is_done)
