"""Every Keras workload of the app, timed under each installed Keras backend in one command.

Run: ``RNA_MNIST_PATH=/path/to/mnist.npz python -m bench.backends [--backends tensorflow,jax]``

Each workload runs in a fresh subprocess with ``KERAS_BACKEND`` set, backends alternating
(TensorFlow first for one workload, JAX first for the next), so both are measured on the
same machine within a minute of each other; the table gives their ratio. Workloads:

- ``import``: ``import rna_core, keras`` in a fresh process: seconds and resident memory.
- ``fast``: the Fast preset end to end through :class:`rna_core.training.TrainingJob`
  (build, ``fit`` on 60,000 images for 10 epochs, score the course's test half).
- ``course``: the course recipe (SGD, batch 32) through ``TrainingJob`` for 2 of its 40
  epochs; the whole run is extrapolated as first epoch + 39 x second epoch + scoring
  (the first epoch carries the compilation, later epochs cost the same as the second).
- ``quick``: a 1-epoch course-recipe run on 5,000 images (``TrainingJob``), twice in one
  process: a first run on a fresh server, then a second one (a student training again).
- ``quick_restart``: ``quick`` in a process started after another one ran it: under JAX
  its compilation cache on disk is then warm (a server restarted on the same machine).
- ``fast_restart``: ``fast`` the same way (the Fast preset trained once before on the machine).
- ``fast_warmed``: ``fast`` after :func:`rna_core.warm_up.warm_up` in the same process, as in a
  server, which warms up when its first page opens (the warm-up's own seconds are reported apart).
- ``race``: the MNIST optimizer race (:func:`rna_core.mnist_race.race`, 4 optimizers) for
  2 epochs on 6,000 images; each racer's default run (3 epochs on 60,000) is extrapolated
  from its first epoch and its second.
- ``tuner``: a real ``python -m rna_core.tuning search`` (Hyperband, 2 epochs, 6,000
  images) in a subprocess, as the page starts it: wall-clock including start-up.
- ``cnn_predict``: load the shipped CNN's ``.keras`` file and predict 1 image (median of 30
  calls of ``model.predict``) and 1,000 images.
- ``cnn_train``: the shipped CNN's recipe (batch 128) for 2 epochs on 6,000 images: first
  epoch (with compilation) and second; the shipped training (5 epochs on 90,000 images a
  epoch) is extrapolated like the course recipe.
- ``server``: peak resident memory of a process that imports the app's modules, Streamlit
  and Keras, prepares the shared MNIST data and trains the Fast preset once (1 epoch) and
  scores it. Under JAX it also runs with TensorFlow made unimportable, as in a deployment
  that installs only ``requirements.txt`` (Keras imports TensorFlow whenever it can, e.g.
  in ``keras.utils.set_random_seed``).

Under JAX every workload starts with an empty compilation cache (a fresh server; a real
server keeps its cache on disk across restarts). ``--only NAME,NAME`` runs a subset. Progress bars are off; results print as a Markdown
table plus one JSON line per measurement (``--json FILE`` saves them).
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

from bench.common import ROOT, machine

WORKLOADS = ("import", "fast", "fast_restart", "fast_warmed", "course", "quick", "quick_restart", "race", "tuner", "cnn_predict", "cnn_train",
             "server")
COURSE_EPOCHS = 40
RACE_EPOCHS, RACE_IMAGES = 3, 60_000
CNN_EPOCHS, CNN_IMAGES = 5, 90_000


# ----------------------------------------------------------------------------- workers (one per process)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_job(config, data) -> dict:
    from rna_core.training import TrainingJob

    start = time.perf_counter()
    job = TrainingJob(config, data, label="bench").start()
    job.wait()
    seconds = time.perf_counter() - start
    progress = job.progress()
    if progress.status != "finished":
        raise RuntimeError(f"training ended {progress.status}: {progress.error}")
    epochs = [log["seconds"] for log in progress.epoch_logs]
    return {"seconds": seconds, "fit_seconds": progress.fit_seconds, "epoch_seconds": epochs,
            "test_accuracy": job.evaluation.accuracy, "score_seconds": seconds - (progress.fit_seconds or 0.0)}


def work_import() -> dict:
    start = time.perf_counter()
    import keras  # noqa: F401

    import rna_core  # noqa: F401

    return {"seconds": time.perf_counter() - start, "rss_mb": _rss_mb()}


def work_fast() -> dict:
    from rna_core.data import prepare_training_data
    from rna_core.models import FAST_CONFIG

    return _run_job(FAST_CONFIG, prepare_training_data())


def work_fast_restart() -> dict:
    return work_fast()


def work_fast_warmed() -> dict:
    from rna_core.data import prepare_training_data
    from rna_core.models import FAST_CONFIG
    from rna_core.warm_up import warm_up

    data = prepare_training_data()
    warm_up_seconds = warm_up()  # what the server does when its first page opens
    return {**_run_job(FAST_CONFIG, data), "warm_up_seconds": warm_up_seconds}


def work_course() -> dict:
    from rna_core.data import prepare_training_data
    from rna_core.models import COURSE_CONFIG

    result = _run_job(COURSE_CONFIG.replace(epochs=2), prepare_training_data())
    first, second = result["epoch_seconds"]
    result["extrapolated_seconds"] = first + (COURSE_EPOCHS - 1) * second + result["score_seconds"]
    return result


def work_quick() -> dict:
    from rna_core.data import load_mnist, prepare_training_data
    from rna_core.models import COURSE_CONFIG

    data = prepare_training_data(load_mnist(), train_samples=5000)
    config = COURSE_CONFIG.replace(epochs=1)
    first = _run_job(config, data)
    second = _run_job(config.replace(seed=7), data)
    return {"seconds": first["seconds"], "second_seconds": second["seconds"],
            "test_accuracy": first["test_accuracy"]}


def work_quick_restart() -> dict:
    return work_quick()


def work_race() -> dict:
    from rna_core.mnist_race import MnistRaceSettings, prepare_data, race

    settings = MnistRaceSettings(epochs=2, train_samples=6000)
    start = time.perf_counter()
    history = race(settings, prepare_data(settings))
    seconds = time.perf_counter() - start
    steps_measured = settings.train_samples / settings.batch_size
    steps_default = RACE_IMAGES / settings.batch_size
    extrapolated = 0.0
    for _, rows in history[history["epoch"] > 0].groupby("optimizer"):
        first, both = rows["seconds"].iloc[0], rows["seconds"].iloc[1]
        per_step = (both - first) / steps_measured
        extrapolated += first + (RACE_EPOCHS * steps_default - steps_measured) * per_step
    return {"seconds": seconds, "extrapolated_seconds": extrapolated}


def work_tuner() -> dict:
    from rna_core.tuning import SearchSettings, SearchSpace, read_results
    from rna_core.tuning.runner import search_command

    settings = SearchSettings(max_epochs=2, factor=3, train_size=6000)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(search_command(folder, SearchSpace(), settings) + ["--quiet"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        results = read_results(folder)
    return {"seconds": seconds, "trials": len(results.trials), "best": float(results.best["score"])}


def work_cnn_predict() -> dict:
    import numpy as np

    from rna_core.digits import load_default_keras_model

    start = time.perf_counter()
    model = load_default_keras_model()
    load = time.perf_counter() - start
    images = np.random.default_rng(0).random((1000, 28, 28, 1), dtype=np.float32)
    start = time.perf_counter()
    model.predict(images[:1], verbose=0)
    first = time.perf_counter() - start
    times = []
    for _ in range(30):
        start = time.perf_counter()
        model.predict(images[:1], verbose=0)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    model.predict(images, verbose=0)
    batch = time.perf_counter() - start
    return {"seconds": load + first, "load_seconds": load, "first_predict_seconds": first,
            "one_image_ms": 1000 * sorted(times)[len(times) // 2], "thousand_images_seconds": batch}


def work_cnn_train() -> dict:
    import keras
    from rna_core.digits_cnn import build_cnn

    from rna_core.data import load_mnist

    (x_train, y_train), _ = load_mnist()
    x = (x_train[:6000].astype("float32") / 255.0)[..., None]
    y = y_train[:6000]
    model = build_cnn(42)
    marks: list[float] = []

    class Clock(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            marks.append(time.perf_counter())

    start = time.perf_counter()
    model.fit(x, y, batch_size=128, epochs=2, verbose=0, callbacks=[Clock()])
    first, second = marks[0] - start, marks[1] - marks[0]
    extrapolated = first + (CNN_EPOCHS * CNN_IMAGES / len(y) - 1) * second
    return {"seconds": marks[1] - start, "first_epoch": first, "second_epoch": second,
            "extrapolated_seconds": extrapolated}


def work_server() -> dict:
    start = time.perf_counter()
    import streamlit  # noqa: F401

    import rna_ui.shell  # noqa: F401
    from rna_core.backend import load_keras
    from rna_core.data import prepare_training_data
    from rna_core.models import FAST_CONFIG

    load_keras()
    data = prepare_training_data()
    result = _run_job(FAST_CONFIG.replace(epochs=1), data)
    import_and_train = time.perf_counter() - start
    return {"seconds": import_and_train, "peak_rss_mb": _peak_rss_mb(), "rss_mb": _rss_mb(),
            "tensorflow_imported": "tensorflow" in sys.modules, "test_accuracy": result["test_accuracy"]}


def run_worker(name: str) -> None:
    if os.environ.get("BENCH_BLOCK_TENSORFLOW"):
        sys.modules["tensorflow"] = None  # type: ignore[assignment] # as if it were not installed
    result = globals()[f"work_{name}"]()
    import keras

    result.update(workload=name, backend=keras.backend.backend())
    print("RESULT " + json.dumps(result), flush=True)


# ----------------------------------------------------------------------------- parent


def measure(name: str, backend: str, block_tf: bool = False) -> dict:
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)}
    if block_tf:
        env["BENCH_BLOCK_TENSORFLOW"] = "1"
    with tempfile.TemporaryDirectory() as cache:  # JAX's compilation cache starts empty: a cold server
        env["JAX_COMPILATION_CACHE_DIR"] = cache
        if name.endswith("_restart"):  # a first server fills the cache on disk
            subprocess.run([sys.executable, "-m", "bench.backends", "--worker", name.removesuffix("_restart")],
                           cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        completed = subprocess.run([sys.executable, "-m", "bench.backends", "--worker", name], cwd=ROOT,
                                   env=env, capture_output=True, text=True)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"{name} under {backend} failed:\n{completed.stderr[-3000:]}")
    result = json.loads(lines[-1].removeprefix("RESULT "))
    result["block_tf"] = block_tf
    print(json.dumps(result), flush=True)
    return result


ROWS = [  # (label, workload, key, unit, lower is better)
    ("`import rna_core, keras` (s)", "import", "seconds"),
    ("`import` resident memory (MB)", "import", "rss_mb"),
    ("Fast preset end to end, 10 epochs on 60,000 (s)", "fast", "seconds"),
    ("Fast preset: test accuracy (course's test half)", "fast", "test_accuracy"),
    ("Fast preset end to end, first after a server restart (cache on disk) (s)", "fast_restart", "seconds"),
    ("Fast preset end to end, first on a server that warmed up (s)", "fast_warmed", "seconds"),
    ("… the server's warm-up itself, in the background when the first page opens (s)", "fast_warmed",
     "warm_up_seconds"),
    ("Course recipe, 2 epochs measured (s)", "course", "seconds"),
    ("Course recipe, 40 epochs end to end, extrapolated (s)", "course", "extrapolated_seconds"),
    ("Quick run: 1 epoch on 5,000, first in the process (s)", "quick", "seconds"),
    ("Quick run again in the same process (s)", "quick", "second_seconds"),
    ("Quick run, first after a server restart (cache on disk) (s)", "quick_restart", "seconds"),
    ("MNIST race, 4 x 2 epochs on 6,000 measured (s)", "race", "seconds"),
    ("MNIST race default (4 x 3 epochs on 60,000), extrapolated (s)", "race", "extrapolated_seconds"),
    ("Tuner search subprocess, Hyperband 2 epochs on 6,000 (s)", "tuner", "seconds"),
    ("Shipped CNN: load `.keras` + first prediction (s)", "cnn_predict", "seconds"),
    ("Shipped CNN: `predict` 1 image, median (ms)", "cnn_predict", "one_image_ms"),
    ("Shipped CNN: `predict` 1,000 images (s)", "cnn_predict", "thousand_images_seconds"),
    ("Shipped CNN training, 2 epochs on 6,000 measured (s)", "cnn_train", "seconds"),
    ("Shipped CNN training (5 x 90,000), extrapolated (s)", "cnn_train", "extrapolated_seconds"),
    ("Server that trains once: wall-clock import + data + Fast 1 epoch (s)", "server", "seconds"),
    ("Server that trains once: peak RSS (MB)", "server", "peak_rss_mb"),
]


def table(results: list[dict], backends: list[str]) -> str:
    def value(workload: str, backend: str, key: str, block_tf: bool = False) -> float | None:
        for result in results:
            if (result["workload"], result["backend"], result["block_tf"]) == (workload, backend, block_tf):
                return result.get(key)
        return None

    head = "| workload | " + " | ".join(backends) + " | ratio |"
    lines = [head, "| --- |" + " ---: |" * (len(backends) + 1)]
    for label, workload, key in ROWS:
        values = [value(workload, backend, key) for backend in backends]
        if all(v is None for v in values):
            continue
        cells = ["–" if v is None else (f"{v:.2%}" if key == "test_accuracy" else f"{v:,.1f}") for v in values]
        ratio = ""
        if len(values) == 2 and None not in values and key != "test_accuracy" and values[1]:
            ratio = f"{values[0] / values[1]:.2f}x"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")
    blocked = value("server", "jax", "peak_rss_mb", True)
    if blocked is not None:
        cells = [str(f"{blocked:,.0f}") if backend == "jax" else "–" for backend in backends]
        lines.append("| Server that trains once, TensorFlow not installed: peak RSS (MB) | " + " | ".join(cells) + " | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="tensorflow,jax", help="comma-separated Keras backends")
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated workloads")
    parser.add_argument("--json", type=Path, help="also write every measurement to this JSON file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args.worker)
        return
    backends = args.backends.split(",")
    names = [name for name in args.only.split(",") if name]
    unknown = set(names) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
    print(machine(), flush=True)
    started = time.perf_counter()
    results = []
    for index, name in enumerate(names):
        order = backends if index % 2 == 0 else backends[::-1]  # alternate who goes first
        for backend in order:
            results.append(measure(name, backend))
        if name == "server" and "jax" in backends:
            results.append(measure(name, "jax", block_tf=True))
    print(f"\nTotal {time.perf_counter() - started:.0f} s. Ratio = {backends[0]} / {backends[-1]}"
          " (above 1: the second is faster or lighter).\n")
    print(table(results, backends))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
