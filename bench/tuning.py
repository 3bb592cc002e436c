"""Benchmarks of the tuning page: the results reader, page reruns and the default search.

Run ``python -m bench.tuning`` (add ``--skip-search`` to leave out the 1–3 minute search).
Targets: ``read_results`` on 100 trials <= 200 ms; the page's default search <= 3 min on
2 cores with a best validation accuracy >= 97.5 %.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.common import ROOT, machine, page_rerun_timings, summary, timings_ms
from rna_core.tuning import SearchSettings, SearchSpace, read_results
from rna_core.tuning.runner import search_command
from rna_core.tuning.synthetic import write_synthetic_search

BASELINE_PAGE = "from rna_ui.shell import setup_page\nsetup_page('tuning.title')\n"


def bench_reader(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = write_synthetic_search(Path(folder) / "search", 100, seed=0)
        files = sorted(project.glob("**/*.json"))

        def json_only() -> None:  # baseline: just parse every file, no DataFrame
            for path in files:
                json.loads(path.read_text(encoding="utf-8"))

        base = summary(timings_ms(json_only, repeat=repeat))
        reader = summary(timings_ms(lambda: read_results(project), repeat=repeat))
    print(f"read_results, 100 trials ({len(files)} JSON files): median {reader['median']:.1f} ms, "
          f"p95 {reader['p95']:.1f} ms, max {reader['max']:.1f} ms (target <= 200 ms)")
    print(f"  baseline json.loads of the same files: median {base['median']:.1f} ms "
          f"-> reader/baseline = {reader['median'] / base['median']:.1f}x")


def bench_page(repeat: int) -> None:
    # Baseline: the cheapest page possible (shared setup + title), rerun through AppTest the same way.
    shell = AppTest.from_string(BASELINE_PAGE, default_timeout=60)
    shell.query_params["lang"] = "en"
    shell.run()
    base = summary(timings_ms(shell.run, repeat=repeat))
    print(f"baseline: title-only page rerun (same run) median {base['median']:.0f} ms, p95 {base['p95']:.0f} ms")
    results = page_rerun_timings("pages/tuning.py", [
        ("plain rerun", lambda at: None),
        ("curves metric", lambda at: at.selectbox(key="tuning.demo.metric").set_value(
            "val_loss" if at.selectbox(key="tuning.demo.metric").value != "val_loss" else "val_accuracy")),
        ("tuner choice", lambda at: at.selectbox(key="tuning.tuner").set_value(
            "random" if at.selectbox(key="tuning.tuner").value == "hyperband" else "hyperband")),
    ], repeat=repeat)
    for name, stats in results.items():
        print(f"page rerun on the demo results ({name}): median {stats['median']:.0f} ms, p95 {stats['p95']:.0f} ms"
              f" -> {stats['median'] / base['median']:.1f}x the baseline")


def bench_search() -> None:
    space, settings = SearchSpace(), SearchSettings()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        startup = time.perf_counter()  # baseline: start Python, import TF + keras-tuner, load MNIST
        subprocess.run([sys.executable, "-c", "import keras_tuner, keras; from rna_core.tuning.runner import "
                        "training_data; training_data(60000, 42)"], cwd=ROOT, env=env, check=True)
        startup = time.perf_counter() - startup
        start = time.perf_counter()
        subprocess.run(search_command(folder, space, settings) + ["--quiet"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        results = read_results(folder)
    trained = results.trials["seconds"].sum()
    print(f"default search (Hyperband max_epochs={settings.max_epochs} factor={settings.factor}, "
          f"{settings.train_size} images, {len(results.trials)} trials): {wall:.1f} s wall-clock "
          f"(target <= 180 s), best val_accuracy {results.best['score']:.4f} (target >= 0.975)")
    print(f"  inside the trials: {trained:.1f} s of training; start-up baseline (Python + TF + MNIST) "
          f"{startup:.1f} s -> search/start-up = {wall / startup:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-search", action="store_true", help="leave out the real default search")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(machine())
    bench_reader(args.repeat)
    bench_page(max(5, args.repeat // 3))
    if not args.skip_search:
        bench_search()


if __name__ == "__main__":
    main()
