"""Preprocess + predict one drawing: our fast path next to Keras's ``model.predict``.

Run: ``python -m bench.predict [--repeat 300]`` (needs the shipped ``models/digits_cnn``).

Times, on the same 280x280 canvas drawing, in the same run:

* ``to_mnist`` alone (crop, fit 20x20, centre of mass);
* ``predict_proba`` alone on the NumPy copy of the shipped CNN;
* **preprocess + predict_proba** (NumPy network) -- what the page does on every stroke;
* preprocess + calling the Keras model directly (``model(x, training=False)``);
* preprocess + ``model.predict(x)`` -- the baseline the course uses;
* with ``--page``: the whole Draw-a-digit page rerun after a new stroke (AppTest, in-process).
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
    args = parser.parse_args()

    if args.page:  # first, before TensorFlow's idle threads share the process
        page_reruns()
    rng = np.random.default_rng(0)
    drawing = handwriting.render(4, rng, style="canvas", source="strokes", size=(280, 280)).image
    network = digits.load_default_model()
    keras_model = cnn.load_keras()

    def fast() -> np.ndarray:
        return digits.predict_proba(network, digits.to_mnist(drawing)[None])

    def keras_call() -> np.ndarray:
        return keras_model(digits.to_mnist(drawing)[None, ..., None], training=False).numpy()

    def keras_predict() -> np.ndarray:
        return keras_model.predict(digits.to_mnist(drawing)[None, ..., None], verbose=0)

    same = np.allclose(fast(), keras_predict(), atol=1e-5)
    image = digits.to_mnist(drawing)[None]
    cases = {
        "to_mnist only": lambda: digits.to_mnist(drawing),
        "predict_proba only (NumPy CNN)": lambda: digits.predict_proba(network, image),
        "preprocess + predict_proba (NumPy CNN)": fast,
        "preprocess + keras model(x) call": keras_call,
        "preprocess + keras model.predict(x)": keras_predict,
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
