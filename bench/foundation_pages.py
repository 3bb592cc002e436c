"""Rerun time of every control of the activation, cost and output-layer pages.

Run: ``python -m bench.foundation_pages [--repeat N]``. Each control is set ``N`` times
to a value it has not had before where the control allows it (sliders, numbers, text),
so the pages' chart caches miss and every rerun really rebuilds its chart; controls with
few options (menus) cycle through them. The rerun is timed through AppTest (server-side
work: what the user waits for, minus the network), as wall-clock time and as the CPU
time of the process (less sensitive to other programs on a shared machine).
The baseline is the rerun of a page that only writes a title, measured in the same run:
AppTest's own overhead. Target: every median under 200 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from bench.common import ROOT, machine, summary

TARGET_MS = 200.0


def setter(get: Callable[[AppTest], object], values: Iterable[object]) -> Callable[[AppTest], object]:
    """An action that sets a widget to the next of ``values`` (cycled) on each call."""
    pending = itertools.cycle(list(values))
    return lambda at: get(at).set_value(next(pending))


def spread(low: float, high: float, count: int = 40) -> list[float]:
    """``count`` distinct values between ``low`` and ``high``, rounded to 3 decimals."""
    return [round(float(v), 3) for v in np.linspace(low, high, count)]


def toggle(get: Callable[[AppTest], object], first: object, second: object) -> Callable[[AppTest], object]:
    """For menus: alternate between two options."""
    return setter(get, [first, second])


PAGES: dict[str, list[tuple[str, Callable[[AppTest], object]]]] = {
    "pages/activations.py": [
        ("activations chosen", toggle(lambda at: at.multiselect(key="activations.chosen"),
                                      ["sigmoid", "tanh", "relu", "leaky_relu"], ["sigmoid", "tanh", "relu"])),
        ("z from", setter(lambda at: at.number_input(key="activations.z_min"), spread(-9.0, -5.0))),
        ("z to", setter(lambda at: at.number_input(key="activations.z_max"), spread(5.0, 9.0))),
        ("leaky alpha", setter(lambda at: at.slider(key="activations.alpha"), spread(0.01, 0.4, 39))),
        ("logits", setter(lambda at: at.text_input(key="activations.logits"), [f"{v}, 1, 0, -1" for v in spread(2, 4)])),
        ("temperature", setter(lambda at: at.slider(key="activations.temperature"), spread(0.2, 4.9, 48))),
    ],
    "pages/costs.py": [
        ("y_hat", setter(lambda at: at.slider(key="costs.y_hat"), spread(0.01, 0.99, 50))),
        ("labels", setter(lambda at: at.text_input(key="costs.labels"),
                          [", ".join(f"{(i >> k) & 1}" for k in range(5)) for i in range(32)])),
        ("predictions", setter(lambda at: at.text_input(key="costs.predictions"),
                               [f"{v}, 0.2, 0.6, 0.99, 0.45" for v in spread(0.05, 0.95)])),
        ("logits", setter(lambda at: at.text_input(key="costs.logits"), [f"{v}, 1, 0, -1" for v in spread(2, 4)])),
        ("true class", toggle(lambda at: at.selectbox(key="costs.true_class"), 2, 0)),
        ("slope", setter(lambda at: at.slider(key="costs.slope"), spread(-1.0, 2.0, 61))),
        ("intercept", setter(lambda at: at.slider(key="costs.intercept"), spread(-3.0, 6.0, 91))),
        ("learning rate", toggle(lambda at: at.select_slider(key="costs.learning_rate"), 1.5, 0.1)),
        ("start", setter(lambda at: at.slider(key="costs.start.convex"), spread(-3.0, 5.0, 161))),
        ("steps", setter(lambda at: at.slider(key="costs.steps"), list(range(40, 100)))),
        ("curve", toggle(lambda at: at.selectbox(key="costs.curve"), "non_convex", "convex")),
    ],
    "pages/output_layers.py": [
        ("task", toggle(lambda at: at.radio(key="output_layers.task"), "multiclass", "binary")),
        ("binary z", setter(lambda at: at.slider(key="output_layers.z.binary.0"), spread(-8.0, 8.0, 161))),
        ("double-softmax confidence", setter(lambda at: at.slider(key="output_layers.double_scale"), spread(0.0, 10.0, 21))),
        ("sigmoid confidence", setter(lambda at: at.slider(key="output_layers.sigmoid_scale"), spread(0.0, 10.0, 21))),
        ("divisor", toggle(lambda at: at.select_slider(key="output_layers.divisor"), 255.0, 32.0)),
    ],
}


def rerun_timings(at: AppTest, action: Callable[[AppTest], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and process-CPU milliseconds of ``repeat`` reruns, each after ``action``."""
    wall, cpu = [], []
    for _ in range(repeat):
        action(at)
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        at.run()
        wall.append((time.perf_counter() - start_wall) * 1000.0)
        cpu.append((time.process_time() - start_cpu) * 1000.0)
        if at.exception:
            raise RuntimeError(f"rerun raised {at.exception}")
    return wall, cpu


def baseline_timings(repeat: int) -> tuple[list[float], list[float]]:
    """Rerun times of a page that only writes a title (AppTest's overhead)."""
    with tempfile.TemporaryDirectory() as directory:
        script = Path(directory) / "baseline.py"
        script.write_text('import streamlit as st\nst.title("baseline")\n', encoding="utf-8")
        at = AppTest.from_file(str(script), default_timeout=60)
        at.run()
        return rerun_timings(at, lambda at: None, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="reruns per control (default 10)")
    args = parser.parse_args()
    print(f"machine: {machine()} · load average {os.getloadavg()[0]:.1f}")
    base_wall, base_cpu = (summary(times)["median"] for times in baseline_timings(args.repeat))
    print(f"baseline (title-only page): median wall {base_wall:.1f} ms, cpu {base_cpu:.1f} ms")
    print(f"{'page':14} {'control':27} {'wall med':>8} {'wall p95':>8} {'cpu med':>8} {'wall/base':>9}")
    worst = 0.0
    for page, interactions in PAGES.items():
        at = AppTest.from_file(str(ROOT / page), default_timeout=120)
        at.query_params["lang"] = "en"
        at.run()
        for name, action in interactions:
            wall, cpu = (summary(times) for times in rerun_timings(at, action, args.repeat))
            worst = max(worst, wall["median"])
            print(f"{Path(page).stem:14} {name:27} {wall['median']:8.1f} {wall['p95']:8.1f} "
                  f"{cpu['median']:8.1f} {wall['median'] / base_wall:9.1f}")
    verdict = "OK" if worst < TARGET_MS else "OVER TARGET"
    print(f"worst wall median: {worst:.1f} ms (target < {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
