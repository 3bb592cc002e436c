"""Pen up -> answer on screen, in real Chromium, for one student alone (issue 18, item 0).

Run: ``python -m bench.draw_latency [--rounds 12]``.

Each round clears the canvas, draws one digit with the mouse and times from the mouse
button going up to the predicted digit being in the page (canvas component -> server ->
rerun -> render), as ``bench.load`` does. Two servers, one after the other, in the same
command:

* **baseline** -- the Draw page as it was before this change (``git show main:pages/draw.py``,
  the whole page reruns after each stroke), on today's ``rna_core``;
* **now** -- ``pages/draw.py``: the canvas and the answer live in a fragment that reruns alone.

Each page is served alone (``streamlit run <page>``), so the numbers are the page's own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, machine
from tests.browser_helpers import DIGIT_STROKES
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_healthy

CANVAS = '[data-testid="stMain"] canvas.upper-canvas'


def serve(script: Path) -> tuple[subprocess.Popen, str]:
    """``streamlit run script`` on a free loopback port; returns the process and its URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process)
    return process, url


def round_trips(url: str, rounds: int, digit: str = "3") -> list[float]:
    """Milliseconds from pen up to the answer, ``rounds`` times (after one warm-up round)."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/?lang=en", wait_until="domcontentloaded")
        for index in range(rounds + 1):
            canvas = page.locator(CANVAS)
            canvas.wait_for(state="visible", timeout=60_000)
            page.wait_for_timeout(600)  # the freshly mounted canvas attaches its mouse handlers
            box = canvas.bounding_box()
            points = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in DIGIT_STROKES[digit]]
            page.mouse.move(*points[0])
            page.mouse.down()
            for point in points[1:]:
                page.mouse.move(*point, steps=2)
            start = time.perf_counter()
            page.mouse.up()
            page.locator(".draw-digit").wait_for(state="attached", timeout=60_000)
            if index:  # the first round loads the model and warms the page up
                times.append((time.perf_counter() - start) * 1000.0)
            page.get_by_role("button", name="Clear the canvas").click()
            page.locator(".draw-digit").wait_for(state="detached", timeout=60_000)
        browser.close()
    return times


def measure(script: Path, rounds: int) -> list[float]:
    process, url = serve(script)
    try:
        return round_trips(url, rounds)
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--baseline-ref", default="main", help="git revision of the baseline page")
    args = parser.parse_args()
    old = subprocess.run(["git", "show", f"{args.baseline_ref}:pages/draw.py"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        baseline_page = Path(folder) / "draw_baseline.py"
        baseline_page.write_text(old)
        load_before = os.getloadavg()[0]
        baseline = measure(baseline_page, args.rounds)
        now = measure(ROOT / "pages" / "draw.py", args.rounds)
        load_after = os.getloadavg()[0]
    print(f"machine: {machine()}; load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"command: python -m bench.draw_latency --rounds {args.rounds}\n")
    print("| page | rounds | median ms | p95 ms | max ms | median vs baseline |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, times in (("baseline: whole page reruns", baseline), ("now: fragment reruns alone", now)):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"| {name} | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} | {max(times):.0f} | "
              f"{statistics.median(times) / statistics.median(baseline):.2f}x |")


if __name__ == "__main__":
    main()
