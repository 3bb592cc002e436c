"""Rerun time of every control of the backpropagation page, the depth experiment included.

Run: ``python -m bench.backprop [--repeat N]``. Each control is set ``N`` times, to a value
it has not had before where the control allows it; the depth experiment gets a new
(activation, initialisation, depth, width) combination on every rerun, so its cache always
misses and the deep network really trains. The step buttons are clicked in turn (forward,
backward, update, ...), each rerun drawing one more stage. The rerun is timed through
AppTest (server-side work: what the user waits for, minus the network), as wall-clock time
and as the CPU time of the process (less sensitive to other programs on a shared machine).
The baseline is the rerun of a page that only writes a title, measured in the same run.
Target: every median under 200 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from bench.common import ROOT, machine, summary
from bench.foundation_pages import TARGET_MS, baseline_timings, rerun_timings, setter, spread, toggle
from rna_core.backprop import STAGES
from rna_core.backprop.depth import DEPTH_ACTIVATIONS, INITIALISATIONS

PAGE = "pages/backprop.py"


def next_step(at: AppTest) -> None:
    """Click the step button that is enabled (forward, backward or update, in turn)."""
    for stage in STAGES:
        button = at.button(key=f"backprop.{stage}")
        if not button.disabled:
            button.click()
            return
    at.button(key="backprop.reset").click()


def new_depth_setting() -> Callable[[AppTest], None]:
    """An action that moves the depth experiment to a combination it has not computed yet."""
    combinations = itertools.cycle(itertools.product((6, 8, 10), (16, 32, 64), INITIALISATIONS, DEPTH_ACTIVATIONS))

    def action(at: AppTest) -> None:
        depth, width, scheme, activation = next(combinations)
        at.slider(key="backprop.depth").set_value(depth)
        at.select_slider(key="backprop.width").set_value(width)
        at.selectbox(key="backprop.init").set_value(scheme)
        at.selectbox(key="backprop.depth_activation").set_value(activation)
    return action


INTERACTIONS: list[tuple[str, Callable[[AppTest], object]]] = [
    ("step button (forward/backward/update)", next_step),
    ("replay slider", lambda at: at.slider(key="backprop.position").set_value(
        (at.slider(key="backprop.position").value + 1) % (at.slider(key="backprop.position").max + 1))),
    ("weights W1 (starts again)", setter(lambda at: at.text_input(key="backprop.w1"),
                                         [f"{v}, -0.4, 0.3, 0.8" for v in spread(0.1, 0.9)])),
    ("target", setter(lambda at: at.text_input(key="backprop.target"), [str(v) for v in spread(0.0, 1.0)])),
    ("hidden activation", toggle(lambda at: at.selectbox(key="backprop.hidden"), "tanh", "sigmoid")),
    ("output and loss", toggle(lambda at: at.selectbox(key="backprop.pair"), "sigmoid_mse", "sigmoid_bce")),
    ("learning rate", toggle(lambda at: at.select_slider(key="backprop.learning_rate"), 0.1, 0.5)),
    ("depth experiment (new setting)", new_depth_setting()),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="reruns per control (default 10)")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    print(f"machine: {machine()} · load average {os.getloadavg()[0]:.1f}")
    base_wall, base_cpu = (summary(times)["median"] for times in baseline_timings(args.repeat))
    print(f"baseline (title-only page): median wall {base_wall:.1f} ms, cpu {base_cpu:.1f} ms")
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=120)
    at.query_params["lang"] = args.lang
    at.run()
    for _ in range(7):  # forward, backward, update, forward, backward, update, forward: a replay to move
        next_step(at)
        at.run()
    print(f"{'control':38} {'wall med':>8} {'wall p95':>8} {'cpu med':>8} {'wall/base':>9}")
    worst = 0.0
    for name, action in INTERACTIONS:
        wall, cpu = (summary(times) for times in rerun_timings(at, action, args.repeat))
        worst = max(worst, wall["median"])
        print(f"{name:38} {wall['median']:8.1f} {wall['p95']:8.1f} {cpu['median']:8.1f} {wall['median'] / base_wall:9.1f}")
        if name.startswith("weights"):  # later controls find the whole trace drawn again
            for _ in range(3):
                next_step(at)
                at.run()
    verdict = "OK" if worst < TARGET_MS else "OVER TARGET"
    print(f"worst wall median: {worst:.1f} ms (target < {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
