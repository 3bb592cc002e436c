"""Shared helpers for benchmarks: timing statistics and a description of the machine."""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    """One line describing where the benchmark ran."""
    return f"{platform.machine()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · {platform.system()}"


def timings_ms(function: Callable[[], object], repeat: int = 50, warmup: int = 3) -> list[float]:
    """Wall-clock times of ``repeat`` calls of ``function``, in milliseconds."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def summary(times: list[float]) -> dict[str, float]:
    """Median, p95 and max of a list of timings."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "max": ordered[-1], "n": len(ordered)}


def page_rerun_timings(
    page_file: str, interactions: list[tuple[str, Callable[[AppTest], object]]], repeat: int = 20,
    lang: str = "en",
) -> dict[str, dict[str, float]]:
    """Time the rerun each interaction causes on a page, through Streamlit's AppTest.

    Each interaction is ``(name, action)`` where ``action(at)`` changes a widget
    (``at.slider[0].set_value(3)``) without running; the rerun ``at.run()`` is what is
    timed. AppTest runs the page script in-process, which is the server-side cost of a
    rerun (what the user waits for, minus the network round trip).
    """
    at = AppTest.from_file(str(ROOT / page_file), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    results = {}
    for name, action in interactions:
        times = []
        for _ in range(repeat):
            action(at)
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000.0)
            if at.exception:
                raise RuntimeError(f"{page_file}: {name} raised {at.exception}")
        results[name] = summary(times)
    return results


class PeakSampler:
    """Calls ``read`` every ``interval`` seconds in a thread while in a ``with`` block.

    ``peak`` is the highest value read (resident memory, in the benchmarks), including one
    read taken when the block starts.
    """

    def __init__(self, read: Callable[[], float], interval: float) -> None:
        self.read, self.interval = read, interval
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(self.read())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak(self) -> float:
        return max(self.samples, default=0)


def run_async_in_thread(make: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run the coroutine ``make()`` with ``asyncio.run`` in a thread of its own; return its result.

    A separate thread keeps the benchmark's asyncio loop away from any sync Playwright loop
    of the caller (pytest fixtures); an exception is re-raised in the caller's thread.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(make())
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def browser_executable() -> str:
    """Chromium for the multi-student benchmarks, optionally niced (``RNA_BENCH_BROWSER_NICE=10``).

    The benchmarks run the students' browsers on the server's own 2 cores; in a classroom they
    run on the students' laptops. With ``RNA_BENCH_BROWSER_NICE`` set, Chromium runs at that
    niceness, so the server's threads get the CPU first, as they would on a machine of their
    own (both readings are reported in BENCHMARKS.md).
    """
    import stat
    import tempfile

    from tests.conftest import CHROMIUM

    niceness = os.environ.get("RNA_BENCH_BROWSER_NICE", "").strip()
    if not niceness:
        return CHROMIUM
    wrapper = Path(tempfile.mkdtemp(prefix="rna-browser-")) / "chromium"
    wrapper.write_text(f'#!/bin/sh\nexec nice -n {int(niceness)} "{CHROMIUM}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return str(wrapper)
