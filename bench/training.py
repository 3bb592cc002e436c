"""Benchmark of MNIST training: both presets, the job's overhead, memory, page reruns.

Run: ``RNA_MNIST_PATH=/path/to/mnist.npz python -m bench.training [--repeat N] [--skip-course]``

In one process, on the full 60,000 training images:

1. Fast preset, bare ``model.fit`` (the baseline), with a callback that scores the test half
   after every epoch (its time is excluded) -> training seconds, test accuracy, time to
   reach 97.8 % test accuracy.
2. Fast preset through :class:`rna_core.training.TrainingJob` (same config and seed) ->
   training seconds; 1. and 2. alternate ``--repeat`` times and the overhead is the ratio
   of their medians.
3. Course preset, bare ``model.fit`` with the same per-epoch test scoring.

4. ``--floor``: the same network's bare compute — a hand-written ``tf.function`` training
   step over contiguous slices (no shuffling, metrics, validation or callbacks) — for the
   Fast preset's number of steps: the least any Keras ``fit`` could take on this machine.

``--memory-only`` measures the resident memory trainings add, in a fresh process;
``--reruns-only`` times the page's reruns through AppTest.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import numpy as np

from bench.common import PeakSampler, machine
from rna_core.data import TrainingData, prepare_training_data
from rna_core.evaluation import evaluate
from rna_core.models import COURSE_CONFIG, FAST_CONFIG, NetworkConfig, build_model
from rna_core.training import TrainingJob

TARGET = 0.978


def rss_mb() -> float:
    """Current resident memory of this process, MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_fit(config: NetworkConfig, data: TrainingData) -> dict[str, float | None]:
    """Plain ``model.fit`` with per-epoch test scoring (excluded from the training time).

    ``cpu_seconds`` is the process CPU time of what the job also does — build the model,
    ``fit`` on the shared tensors, score the test half once — without the per-epoch scoring.
    CPU time is steadier than wall time on a shared machine: time the hypervisor gives to
    other machines is not counted.
    """
    import keras

    test_log: list[tuple[float, float]] = []
    excluded = [0.0]
    excluded_cpu = [0.0]
    start = [0.0]

    class TestScore(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            accuracy = evaluate(self.model, data.x_test, data.y_test).accuracy
            end = time.perf_counter()
            excluded_cpu[0] += time.process_time() - begin_cpu
            test_log.append((end - start[0] - excluded[0] - (end - begin), accuracy))
            excluded[0] += end - begin

    cpu_start = time.process_time()
    model = build_model(config, train_size=len(data.y_train))
    x_train, y_train = data.train_tensors()  # the job trains on the same shared tensors
    start[0] = time.perf_counter()
    model.fit(x_train, y_train, batch_size=config.batch_size, epochs=config.epochs,
              validation_data=(data.x_val, data.y_val), callbacks=[TestScore()], verbose=0)
    seconds = time.perf_counter() - start[0] - excluded[0]
    evaluate(model, data.x_test, data.y_test)  # the job's final scoring
    cpu_seconds = time.process_time() - cpu_start - excluded_cpu[0]
    reached = next((t for t, accuracy in test_log if accuracy >= TARGET), None)
    # The course splits MNIST's official 10,000 test images into validation and test halves.
    official = evaluate(model, np.concatenate([data.x_val, data.x_test]), np.concatenate([data.y_val, data.y_test]))
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "test_accuracy": test_log[-1][1],
            "official_test_accuracy": official.accuracy, "seconds_to_97_8": reached,
            "epochs_to_97_8": next((i + 1 for i, (_, a) in enumerate(test_log) if a >= TARGET), None)}


def job_fit(config: NetworkConfig, data: TrainingData) -> dict[str, float | None]:
    """The same run through the background training job; memory measured around it."""
    before = rss_mb()
    with PeakSampler(rss_mb, 0.05) as memory:
        cpu_start = time.process_time()
        job = TrainingJob(config, data, label="bench").start()
        job.wait()
        cpu_seconds = time.process_time() - cpu_start
    progress = job.progress()
    assert progress.status == "finished", progress.error
    after = rss_mb()
    return {"seconds": progress.fit_seconds, "cpu_seconds": cpu_seconds, "test_accuracy": job.evaluation.accuracy,
            "rss_before_mb": before, "rss_peak_added_mb": memory.peak - before, "rss_kept_mb": after - before}


def compute_floor(config: NetworkConfig, data: TrainingData) -> float:
    """Seconds of bare gradient steps for ``config`` (no shuffling, metrics or callbacks)."""
    import keras
    import tensorflow as tf

    model = build_model(config, train_size=len(data.y_train))
    loss = keras.losses.SparseCategoricalCrossentropy()
    optimizer = model.optimizer
    x_train, y_train = data.train_tensors()

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            value = loss(y, model(x, training=True))
        gradients = tape.gradient(value, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))

    size, batch = len(data.y_train), config.batch_size
    step(x_train[:batch], y_train[:batch])  # trace once, outside the timing
    start = time.perf_counter()
    for _ in range(config.epochs):
        for first in range(0, size, batch):
            step(x_train[first:first + batch], y_train[first:first + batch])
    return time.perf_counter() - start


def memory() -> dict[str, float]:
    """Resident memory a training adds, measured in a process that has trained nothing yet."""
    data = prepare_training_data()
    warm = build_model(FAST_CONFIG.replace(epochs=1))
    warm.fit(data.x_train[:512], data.y_train[:512], batch_size=128, epochs=1, verbose=0)
    del warm
    baseline = rss_mb()
    data.train_tensors()
    result = {"rss_ready_mb": baseline, "shared_train_tensors_mb": rss_mb() - baseline}
    for run in ("first", "second"):
        measured = job_fit(FAST_CONFIG, data)
        result[f"{run}_job_peak_added_mb"] = measured["rss_peak_added_mb"]
        result[f"{run}_job_kept_mb"] = measured["rss_kept_mb"]
    return result


def page_reruns() -> dict[str, dict[str, float]]:
    """Server-side time of the page's reruns when settings change (no training running)."""
    from bench.common import page_rerun_timings

    presets = iter(["course", "fast"] * 50)
    batches = iter([32, 128] * 50)
    return page_rerun_timings("pages/training.py", [
        ("switch preset", lambda at: at.radio(key="training.preset").set_value(next(presets))),
        ("change batch size", lambda at: at.select_slider(key="training.batch_size").set_value(next(batches))),
        ("plain rerun", lambda at: None),
    ], repeat=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-course", action="store_true", help="skip the slow course preset")
    parser.add_argument("--repeat", type=int, default=1, help="alternating bare/job pairs of the fast preset")
    parser.add_argument("--reruns-only", action="store_true", help="only time the page's reruns (AppTest)")
    parser.add_argument("--floor", action="store_true", help="also time the bare compute of the fast preset")
    parser.add_argument("--memory-only", action="store_true", help="only measure memory, in this fresh process")
    args = parser.parse_args()
    if args.memory_only:
        print(machine())
        print(json.dumps(memory(), indent=2))
        return
    if args.reruns_only:
        print(machine())
        print(json.dumps(page_reruns(), indent=2))
        return
    import keras

    print(machine(), f"· TensorFlow/Keras {keras.__version__}", flush=True)
    data = prepare_training_data()
    warm = build_model(FAST_CONFIG.replace(epochs=1))  # imports and first graph set-up out of the timings
    warm.fit(data.x_train[:512], data.y_train[:512], batch_size=128, epochs=1, verbose=0)
    results: dict[str, dict] = {}
    data.train_tensors()  # made once per server and shared by every job (memory: --memory-only)
    bare_times, job_times, bare_cpu, job_cpu = [], [], [], []
    for repeat in range(args.repeat):  # alternate, so a burst of load on the shared machine hits both
        results["fast_bare"] = bare_fit(FAST_CONFIG, data)
        print(f"fast bare #{repeat + 1}", json.dumps(results["fast_bare"]), flush=True)
        results["fast_job"] = job_fit(FAST_CONFIG, data)
        print(f"fast job #{repeat + 1}", json.dumps(results["fast_job"]), flush=True)
        bare_times.append(results["fast_bare"]["seconds"])
        job_times.append(results["fast_job"]["seconds"])
        bare_cpu.append(results["fast_bare"]["cpu_seconds"])
        job_cpu.append(results["fast_job"]["cpu_seconds"])
    results["overhead_ratio"] = float(np.median(job_times) / np.median(bare_times))
    results["overhead_ratios_each"] = [job / bare for job, bare in zip(job_times, bare_times, strict=True)]
    results["overhead_cpu_ratio"] = float(np.median(job_cpu) / np.median(bare_cpu))
    results["overhead_cpu_ratios_each"] = [job / bare for job, bare in zip(job_cpu, bare_cpu, strict=True)]
    print(f"job overhead vs bare fit (median of {args.repeat}): wall {results['overhead_ratio']:.3f}x,"
          f" CPU {results['overhead_cpu_ratio']:.3f}x", flush=True)
    if args.floor:
        results["fast_compute_floor_seconds"] = compute_floor(FAST_CONFIG, data)
        print(f"bare compute of the fast preset: {results['fast_compute_floor_seconds']:.1f} s", flush=True)
    if not args.skip_course:
        results["course_bare"] = bare_fit(COURSE_CONFIG, data)
        print("course bare", json.dumps(results["course_bare"]), flush=True)
        results["fast_speedup"] = results["course_bare"]["seconds"] / float(np.median(bare_times))
    print(json.dumps(results, indent=2, default=float))
    print("load average:", " ".join(f"{x:.1f}" for x in np.round(__import__("os").getloadavg(), 1)))


if __name__ == "__main__":
    main()
