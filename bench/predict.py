"""Preprocess + predict one drawing: our fast path next to Keras's ``model.predict``.

Run: ``python -m bench.predict [--repeat 300]`` (needs the shipped ``models/digits_cnn``).

Times, on the same 280x280 canvas drawing, in the same run:

* ``to_mnist`` alone (crop, fit 20x20, centre of mass);
* ``predict_proba`` alone on the NumPy copy of the shipped CNN;
* **preprocess + predict_proba** (NumPy network) -- what the page does on every stroke;
* preprocess + calling the Keras model directly (``model(x, training=False)``);
* preprocess + ``model.predict(x)`` -- the baseline the course uses;
* a four-digit number on the same canvas (``split_number(..., read=...)`` as the page, + one batch of
  ``predict_proba``);
* a paper photo (400x300 RGB, uneven light) through preprocess + predict;
* with ``--page``: the whole Draw-a-digit page rerun after a new stroke (AppTest, in-process);
* with ``--finetune``: Correct me on 10 corrected drawings (time, MNIST test before/after).
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

from bench.common import machine, summary, timings_ms  # noqa: E402
from rna_core import digits  # noqa: E402
from rna_core.digits import cnn, handwriting  # noqa: E402
from rna_core.digits.numbers import split_number  # noqa: E402


def cpu_ms(function, repeat: int) -> list[float]:
    """CPU time of each call in milliseconds (all threads): the work itself, less sensitive to load."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append((time.process_time() - start) * 1000.0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--page", action="store_true", help="also time page reruns after a stroke (AppTest)")
    parser.add_argument("--finetune", action="store_true", help="also time fine-tuning on 10 corrected drawings")
    args = parser.parse_args()
    if args.finetune:
        finetune()

    if args.page:  # first, before TensorFlow's idle threads share the process
        page_reruns()
    rng = np.random.default_rng(0)
    drawing = handwriting.render(4, rng, style="canvas", source="strokes", size=(280, 280)).image
    network = digits.load_default_model()
    keras_model = cnn.load_keras()

    def fast() -> np.ndarray:
        return digits.predict_proba(network, digits.to_mnist(drawing)[None])

    def keras_call() -> np.ndarray:
        return np.asarray(keras_model(digits.to_mnist(drawing)[None, ..., None], training=False))  # any backend

    def keras_predict() -> np.ndarray:
        return keras_model.predict(digits.to_mnist(drawing)[None, ..., None], verbose=0)

    same = np.allclose(fast(), keras_predict(), atol=1e-5)
    image = digits.to_mnist(drawing)[None]
    number = handwriting.render_number("2026", rng, "canvas", size=(280, 280))
    photo = handwriting.render(6, rng, style="paper", source="strokes", size=(400, 300), variation="shadow").image

    def read_number() -> np.ndarray:
        # as the page: touching digits split where the network reads the pieces best
        reading = split_number(number, read=lambda images: digits.predict_proba(network, images))
        return digits.predict_proba(network, reading.images)

    assert "".join(map(str, read_number().argmax(axis=1))) == "2026"
    cases = {
        "to_mnist only": lambda: digits.to_mnist(drawing),
        "predict_proba only (NumPy CNN)": lambda: digits.predict_proba(network, image),
        "preprocess + predict_proba (NumPy CNN)": fast,
        "preprocess + keras model(x) call": keras_call,
        "preprocess + keras model.predict(x)": keras_predict,
        "four-digit number: split_number + predict_proba": read_number,
        "paper photo 400x300 (shadow): preprocess + predict_proba": lambda: digits.predict_proba(
            network, digits.to_mnist(photo)[None]),
    }
    load_before = os.getloadavg()[0]
    results = {name: summary(timings_ms(case, repeat=args.repeat, warmup=10)) for name, case in cases.items()}
    cpu = {name: summary(cpu_ms(case, repeat=min(args.repeat, 100))) for name, case in cases.items()}
    load_after = os.getloadavg()[0]
    baseline = results["preprocess + keras model.predict(x)"]["median"]
    print(f"machine: {machine()}; load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"command: python -m bench.predict --repeat {args.repeat}{' --page' if args.page else ''}")
    print(f"NumPy and Keras probabilities agree (atol 1e-5): {same}\n")
    print("| case | wall median ms | wall p95 ms | wall max ms | CPU median ms | wall median vs model.predict |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, stats in results.items():
        print(f"| {name} | {stats['median']:.2f} | {stats['p95']:.2f} | {stats['max']:.2f} | "
              f"{cpu[name]['median']:.2f} | {stats['median'] / baseline:.3f}x |")


def finetune() -> None:
    """Correct me on 10 drawings the shipped CNN gets wrong or right (pencil, marker, shadow photos)."""
    from rna_core.data import load_mnist
    from rna_core.digits.finetune import FineTuneJob

    network = digits.load_default_model()
    (x_train, y_train), (x_test, y_test) = load_mnist()
    renderings = handwriting.make_test_set(per_digit=24, seed=11, variations=("pencil", "marker", "shadow"))
    images, labels = [], []
    for rendering in renderings:
        try:
            images.append(digits.to_mnist(rendering.image))
            labels.append(rendering.label)
        except ValueError:
            continue
    images, labels = np.stack(images), np.array(labels)
    wrong = digits.predict_proba(network, images).argmax(axis=1) != labels
    chosen = np.concatenate([np.flatnonzero(wrong), np.flatnonzero(~wrong)])[:10]
    start = time.perf_counter()
    job = FineTuneJob(network, images[chosen], labels[chosen], (x_train, y_train), (x_test[:1000], y_test[:1000]))
    job.start().wait()
    seconds = time.perf_counter() - start
    result = job.result()
    full_before = float(np.mean(digits.predict_proba(network, x_test / 255.0).argmax(axis=1) == y_test))
    full_after = float(np.mean(digits.predict_proba(result.network, x_test / 255.0).argmax(axis=1) == y_test))
    fixed = int(np.sum(result.drawings_after.argmax(axis=1) == labels[chosen]))
    print(f"fine-tuning on 10 drawings ({int(wrong[chosen].sum())} misread): {seconds:.1f} s wall; "
          f"drawings read right after: {fixed}/10; MNIST test (10,000) {full_before:.2%} -> {full_after:.2%} "
          f"(the job's 1,000: {result.mnist_before:.2%} -> {result.mnist_after:.2%}); load {os.getloadavg()[0]:.1f}")


def page_reruns(repeat: int = 20) -> None:
    """Rerun time of the whole page when the canvas sends a new drawing (alternating two digits)."""
    import base64
    import io

    from PIL import Image

    def state(digit: int) -> dict:
        picture = Image.fromarray(handwriting.render(digit, np.random.default_rng(digit), "canvas",
                                                     size=(280, 280)).image)
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
        return {"drawing": {"raw": {"objects": []}, "data": url}, "backgroundFit": None}

    from streamlit.testing.v1 import AppTest

    from bench.common import ROOT

    drawings = [state(3), state(8)]
    for lang in ("en", "es"):
        at = AppTest.from_file(str(ROOT / "pages/draw.py"), default_timeout=120)
        at.query_params["lang"] = lang
        at.run()
        wall, cpu = [], []
        for index in range(repeat):
            at.session_state["draw.canvas.0"] = drawings[index % 2]  # what the canvas sends after a stroke
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            wall.append((time.perf_counter() - start_wall) * 1000.0)
            cpu.append((time.process_time() - start_cpu) * 1000.0)
            if at.exception:
                raise RuntimeError(f"the page raised {at.exception}")
        stats, cpu_stats = summary(wall), summary(cpu)
        print(f"page rerun after a stroke ({lang}, AppTest, n={repeat}): wall median {stats['median']:.1f} ms, "
              f"p95 {stats['p95']:.1f} ms; CPU median {cpu_stats['median']:.1f} ms")


if __name__ == "__main__":
    main()
