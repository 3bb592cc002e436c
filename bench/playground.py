"""Live refresh of the playground page: server CPU per refresh and refreshes per second.

Run: ``python -m bench.playground [--repeat N] [--seconds S] [--no-browser]``.

Three measurements of the default experiment (circle, 500 points, 2 hidden layers of 4,
one epoch per frame), and of the largest network (7 features, 6 layers of 8) for scale:

1. **core frame**: what one refresh computes, without Streamlit: one epoch of training,
   every neuron's picture over a 64×64 grid, the three PNGs (network, output map, chosen
   neuron) and the loss chart's spec. Process CPU time per frame.
2. **page rerun** (AppTest, in-process): the whole page rerun while playing, an upper bound
   of the fragment's rerun (the fragment reruns only the live part). Baseline in the same
   run: a page that only writes a title.
3. **browser** (a real ``streamlit run`` and headless Chromium): press Play, count the
   epochs the page shows over S seconds (= refreshes, one epoch per frame), and read the
   server process's CPU time (``/proc``) over the same seconds: CPU ms per refresh,
   everything included (Streamlit, protobuf, media files).

Targets: at least 8 refreshes per second, each at most 60 ms of server CPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.common import ROOT, machine, summary
from rna_core.charts.playground import frame_images, loss_spec
from rna_core.playground import FEATURES
from rna_core.playground.experiment import Experiment
from rna_core.playground.settings import Settings

TARGET_FPS, TARGET_CPU_MS = 8.0, 60.0
CASES = {
    "default (2×4, x1 x2)": Settings(),
    "largest (6×8, 7 features)": Settings(dataset="spiral", features=tuple(FEATURES), layers=(8,) * 6),
}


def core_frames(settings: Settings, repeat: int) -> list[float]:
    """CPU milliseconds of ``repeat`` frames: train one epoch, draw everything."""
    experiment = Experiment.create(settings)
    labels = [FEATURES[name].label for name in experiment.network.features]
    times = []
    for index in range(repeat + 3):
        start = time.process_time()
        experiment.advance(1)
        frame_images(experiment, labels, selected=(1, 0))
        loss_spec(experiment.train_losses, experiment.test_losses, train_label="training", test_label="test",
                  epoch_title="epoch", loss_title="loss")
        if index >= 3:  # warm-up frames left out
            times.append((time.process_time() - start) * 1000.0)
    return times


def rerun_cpu(at: AppTest, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        at.run()
        times.append((time.process_time() - start) * 1000.0)
        if at.exception:
            raise RuntimeError(f"rerun raised {at.exception}")
    return times


def page_reruns(settings: Settings, repeat: int) -> list[float]:
    at = AppTest.from_file(str(ROOT / "pages/playground.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    for key, value in settings.to_query().items():
        at.query_params[key] = value
    at.run()
    at.toggle(key="playground.playing").set_value(True).run()
    return rerun_cpu(at, repeat)


def baseline_reruns(repeat: int) -> list[float]:
    with tempfile.TemporaryDirectory() as directory:
        script = Path(directory) / "baseline.py"
        script.write_text('import streamlit as st\nst.title("baseline")\n', encoding="utf-8")
        at = AppTest.from_file(str(script), default_timeout=60)
        at.run()
        return rerun_cpu(at, repeat)


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), children excluded."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_rate(settings: Settings, seconds: float) -> tuple[float, float]:
    """(refreshes per second, server CPU ms per refresh) while playing in headless Chromium."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.browser_helpers import open_app
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer

    server = StreamlitServer()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            query = "&".join(f"{key}={value}" for key, value in settings.to_query().items())
            open_app(page, server.url, f"playground?{query}")

            def epoch() -> int:
                metric = page.locator('[data-testid="stMetric"]').filter(has_text="Epoch")
                return int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))

            page.get_by_text("Play", exact=True).click()
            page.wait_for_function("""() => { const m = [...document.querySelectorAll('[data-testid="stMetric"]')]
                .find(e => e.innerText.startsWith('Epoch'));
                return m && parseInt(m.querySelector('[data-testid="stMetricValue"]').innerText) >= 3; }""",
                                   timeout=60_000)
            first, cpu_first, wall_first = epoch(), process_cpu_seconds(server.process.pid), time.perf_counter()
            page.wait_for_timeout(seconds * 1000)
            last, cpu_last, wall_last = epoch(), process_cpu_seconds(server.process.pid), time.perf_counter()
            page.get_by_text("Play", exact=True).click()
            browser.close()
    finally:
        server.stop()
    refreshes = max(1, last - first)
    return refreshes / (wall_last - wall_first), (cpu_last - cpu_first) * 1000.0 / refreshes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="frames / reruns measured (default 40)")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of playing in the browser")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurement")
    args = parser.parse_args()
    print(f"machine: {machine()} · load average {os.getloadavg()[0]:.1f}")
    base = summary(baseline_reruns(args.repeat))
    print(f"baseline (title-only page rerun): CPU median {base['median']:.1f} ms")
    print(f"{'case':28} {'measure':26} {'median':>8} {'p95':>8} {'max':>8}  ratio to baseline")
    for name, settings in CASES.items():
        core = summary(core_frames(settings, args.repeat))
        page = summary(page_reruns(settings, args.repeat))
        for label, stats in (("core frame CPU ms", core), ("page rerun CPU ms (AppTest)", page)):
            print(f"{name:28} {label:26} {stats['median']:8.1f} {stats['p95']:8.1f} {stats['max']:8.1f}"
                  f"  {stats['median'] / base['median']:5.1f}x")
        if not args.no_browser:
            rate, cpu = browser_rate(settings, args.seconds)
            verdict = "OK" if rate >= TARGET_FPS and cpu <= TARGET_CPU_MS else "OVER TARGET"
            print(f"{name:28} browser: {rate:.1f} refreshes/s, server CPU {cpu:.1f} ms per refresh "
                  f"(targets >= {TARGET_FPS:.0f}/s, <= {TARGET_CPU_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
