"""The server's memory: how much it uses, and a budget that admits a job only if it fits.

Streamlit Community Cloud gives an app about 2.7 GB; past that the whole server is killed and
every student loses their work. Caps on the number of jobs (:class:`rna_core.jobs.JobSlots`)
bound the worst case; the budget here also looks at what the server and its child processes
really use, so that a classroom that happens to be heavy (big imported models, many sessions)
gets "try again in a minute" for one new job instead of a crash for everybody.

Nothing here imports Streamlit or Keras.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

MB = 1024**2
#: Bytes a job of each kind adds to the server at its peak, under the default backend (JAX),
#: measured with ``python -m bench.classroom`` (BENCHMARKS.md, classroom mix): a search process
#: peaked at ~690 MB; the server went from ~400 MB (Keras preloaded, a page open) to ~0.8-0.9 GB
#: with 3 trainings, 2 imports and 8 students drawing, ~200 MB of which is the training data
#: that every training shares.
JOB_MEMORY_COSTS: dict[str, int] = {"training": 150 * MB, "tuning": 700 * MB}


def process_tree_rss(pid: int | None = None) -> int | None:
    """Resident memory, in bytes, of a process and all its descendants.

    Parameters
    ----------
    pid : int, optional
        The root process; this process by default.

    Returns
    -------
    int or None
        Bytes of resident memory (Linux ``/proc``), or ``None`` where ``/proc`` does not
        exist (macOS, Windows): there the budget admits every job.
    """
    proc = Path("/proc")
    if not (proc / "self" / "status").exists():
        return None
    root = os.getpid() if pid is None else pid
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name in parentheses may contain spaces: split after its last ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in (proc / str(current) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
    return total


class MemoryBudget:
    """Admit a new job only if the server's memory plus what the job will need fits a limit.

    A job's memory does not show at once (a search process takes seconds to load Keras and
    the data), so every admission also *reserves* its cost for ``settle_seconds``: ten
    students pressing Start in the same second are counted as ten jobs' worth of memory, not
    as the idle server each of them saw. What the server has grown since the oldest
    reservation still settling is taken as those jobs' memory showing up, so a job is not
    counted twice (once reserved, once measured).

    Parameters
    ----------
    limit : int
        Bytes the server and its children may use.
    costs : Mapping[str, int]
        Bytes a job of each kind adds at its peak (measured: BENCHMARKS.md, classroom mix).
        A kind not listed costs nothing.
    measure : callable
        Returns the bytes in use now, or ``None`` when unknown (then every job is admitted).
    settle_seconds : float
        How long an admitted job's cost stays reserved on top of the measurement.

    Raises
    ------
    ValueError
        For a limit or cost that is not a positive number of bytes.
    """

    def __init__(
        self,
        limit: int,
        costs: Mapping[str, int],
        measure: Callable[[], int | None] = process_tree_rss,
        settle_seconds: float = 45.0,
    ) -> None:
        if not limit > 0:
            raise ValueError("The memory budget must be a positive number of bytes.")
        if any(not cost >= 0 for cost in costs.values()):
            raise ValueError("A job's memory cost must be zero or more bytes.")
        self.limit = int(limit)
        self.costs = dict(costs)
        self._measure = measure
        self._settle = float(settle_seconds)
        self._lock = threading.Lock()
        # Admissions still settling: (admitted at, bytes reserved, bytes measured then).
        self._reserved: list[tuple[float, int, int]] = []

    def admit(self, kind: str) -> int | None:
        """Reserve a job of ``kind`` if it fits; return ``None`` when admitted.

        Returns
        -------
        int or None
            ``None`` when the job fits (its cost is now reserved); otherwise the bytes the
            server uses now (measured plus reserved), for the refusal message.
        """
        cost = self.costs.get(kind, 0)
        used = self._measure()
        if used is None:
            return None
        now = time.monotonic()
        with self._lock:
            self._reserved = [entry for entry in self._reserved if now - entry[0] < self._settle]
            reserved = sum(size for _, size, _ in self._reserved)
            if self._reserved:
                grown = max(0, used - min(measured for _, _, measured in self._reserved))
                reserved = max(0, reserved - grown)
            in_use = used + reserved
            if in_use + cost > self.limit:
                return in_use
            self._reserved.append((now, cost, used))
        return None


def budget_from_environment(costs: Mapping[str, int], default_limit_mb: int = 2500) -> MemoryBudget | None:
    """The server's budget: ``RNA_MEMORY_BUDGET_MB`` megabytes (``0`` turns it off).

    Parameters
    ----------
    costs : Mapping[str, int]
        Bytes each kind of job adds (see :class:`MemoryBudget`).
    default_limit_mb : int
        The limit when the variable is not set: 2,500 MB, under the free tier's ~2.7 GB.

    Raises
    ------
    ValueError
        When the variable is not a whole number of megabytes.
    """
    raw = os.environ.get("RNA_MEMORY_BUDGET_MB", str(default_limit_mb)).strip()
    if not raw.isdigit():
        raise ValueError(f"RNA_MEMORY_BUDGET_MB must be a whole number of megabytes (0 = no budget), not {raw!r}.")
    limit_mb = int(raw)
    return MemoryBudget(limit_mb * MB, costs) if limit_mb > 0 else None
