"""Benchmarks of the optimizer race: computing a race, and scrubbing the step slider.

Run: ``python -m bench.optimizer_race``. Goals (issue 5): a race of 6 racers × 1,000 steps
on a test function in <= 50 ms; a step-slider rerun of the page in <= 150 ms.

Baselines measured in the same run (the machine is shared, so ratios are what compare):
- race: one step of the six optimizers' *Keras-style NumPy array* path (a (2,) array per
  parameter set instead of two floats), i.e. the naive NumPy implementation;
- slider: a rerun of the page with no widget change.
"""

from __future__ import annotations

import time

import numpy as np
from streamlit.testing.v1 import AppTest

from bench.common import ROOT, machine, summary
from rna_core.optimizers import make_optimizer
from rna_core.race import default_racer, run_race
from rna_core.surfaces import TEST_FUNCTIONS

STEPS = 1000


def cpu_and_wall_ms(function, repeat: int, warmup: int = 2) -> tuple[dict[str, float], dict[str, float]]:
    """Wall-clock and process CPU times of ``repeat`` calls, in ms.

    The machine is shared with other jobs: wall-clock time includes waiting for a core,
    CPU time (``time.process_time``) is the work the call itself needed.
    """
    for _ in range(warmup):
        function()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return stats(walls), stats(cpus)


def six_racers(surface):
    return [
        default_racer("gd", surface),
        default_racer("momentum", surface),
        default_racer("momentum", surface, name="nesterov", nesterov=True),
        default_racer("rmsprop", surface),
        default_racer("adam", surface),
        default_racer("adam", surface, name="adam-amsgrad", amsgrad=True),
    ]


def naive_numpy_race(surface, racers, start) -> None:
    """The same six optimizers, updating one (2,) NumPy array per racer."""
    for racer in racers:
        optimizer = make_optimizer(racer.optimizer, **racer.config)
        point = np.array(start, dtype=float)
        for _ in range(STEPS):
            (point,) = optimizer.apply_gradients([point], [np.array(surface.gradient(*point))])


def stats(times: list[float]) -> dict[str, float]:
    return {**summary(times), "min": min(times)}


def min_of(numbers: dict[str, float]) -> str:
    return f"{numbers['min']:.1f} ms"


def main() -> None:
    print(f"machine: {machine()}")
    surface = TEST_FUNCTIONS["rosenbrock"]
    racers = six_racers(surface)
    race, race_cpu = cpu_and_wall_ms(lambda: run_race(surface, racers, surface.start, STEPS), repeat=30)
    naive, naive_cpu = cpu_and_wall_ms(lambda: naive_numpy_race(surface, racers, surface.start), repeat=5, warmup=1)
    print(f"race 6 racers x {STEPS} steps (rosenbrock): wall median {race['median']:.1f} ms, p95 {race['p95']:.1f},"
          f" min {min_of(race)}; CPU median {race_cpu['median']:.1f} ms (goal <= 50 ms)")
    print(f"baseline, same race on (2,) NumPy arrays: wall median {naive['median']:.1f} ms, CPU median"
          f" {naive_cpu['median']:.1f} ms -> race is {naive_cpu['median'] / race_cpu['median']:.1f}x faster (CPU)")

    step = {"value": 0}

    def scrub(at) -> None:
        step["value"] = (step["value"] + 37) % 301
        at.slider(key="optimizers.step").set_value(step["value"])

    def nothing(at) -> None:
        return None

    steps = {"value": 300}

    def new_race(at) -> None:
        steps["value"] += 1
        at.number_input(key="optimizers.steps").set_value(steps["value"])

    # Start a race on the page once (paused), then time slider moves. bench.common's
    # page_rerun_timings starts from a fresh page, where the slider does not exist yet.
    at = AppTest.from_file(str(ROOT / "pages/optimizers.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    at.button(key="optimizers.start").click().run()
    at.toggle(key="optimizers.playing").set_value(False).run()  # pause the animation
    def rerun_times(action, repeat=20) -> tuple[dict[str, float], dict[str, float]]:
        walls, cpus = [], []
        for _ in range(repeat):
            action(at)
            wall, cpu = time.perf_counter(), time.process_time()
            at.run()
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
            if at.exception:
                raise RuntimeError(at.exception)
        return stats(walls), stats(cpus)

    rerun_times(scrub, repeat=3)  # warm caches
    slider, slider_cpu = rerun_times(scrub)
    idle, idle_cpu = rerun_times(nothing)
    print(f"step-slider rerun (logistic surface, 6 racers, 300 steps): wall median {slider['median']:.1f} ms,"
          f" p95 {slider['p95']:.1f}, min {min_of(slider)}; CPU median {slider_cpu['median']:.1f} ms (goal <= 150 ms)")
    print(f"baseline, rerun with no change: wall median {idle['median']:.1f} ms, CPU median {idle_cpu['median']:.1f}"
          f" ms -> slider/no-change CPU ratio {slider_cpu['median'] / idle_cpu['median']:.2f}")
    fresh, fresh_cpu = rerun_times(new_race, repeat=5)
    print(f"rerun after a settings change (new 6-racer race on the logistic surface): wall median"
          f" {fresh['median']:.1f} ms, CPU median {fresh_cpu['median']:.1f} ms")


if __name__ == "__main__":
    main()
