"""Whole numbers: touching digits split by the least ink (old) or by what the network reads (new).

Run: ``python -m bench.numbers [--per-cell 40] [--seed 0]`` (needs the shipped ``models/digits_cnn``).

For each gap between digits (a fraction of a digit's height: 0.25 apart, 0.05 often touching,
-0.05 overlapping) and each style of :func:`rna_core.digits.handwriting.render_number`, renders
``--per-cell`` random 3-5-digit numbers on the page's 280x280 canvas, and reads each twice, on
the same picture with the same shipped model: ``split_number(image)`` (old) and
``split_number(image, read=...)`` (new, recognition-based). Counts the pictures split into the
right number of digits and the numbers read right as a whole, and times split + predict.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from bench.common import machine
from rna_core import digits
from rna_core.digits import handwriting
from rna_core.digits.numbers import split_number

GAPS = (0.25, 0.05, -0.05)


def read_number(network, image: np.ndarray, recognise: bool) -> tuple[str, float]:
    """The digits read from ``image`` and the milliseconds split + predict took."""
    start = time.perf_counter()
    read = (lambda images: digits.predict_proba(network, images)) if recognise else None
    probabilities = digits.predict_proba(network, split_number(image, read=read).images)
    elapsed = (time.perf_counter() - start) * 1000.0
    return "".join(str(digit) for digit in probabilities.argmax(axis=1)), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-cell", type=int, default=40, help="numbers per gap and style")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    network = digits.load_default_model()
    rng = np.random.default_rng(args.seed)
    rows = []
    times: dict[bool, list[float]] = {False: [], True: []}
    for gap in GAPS:
        for style in handwriting.STYLES:
            tally = {False: [0, 0], True: [0, 0]}  # per method: count right, number right
            for _ in range(args.per_cell):
                number = "".join(str(d) for d in rng.integers(0, 10, size=int(rng.integers(3, 6))))
                image = handwriting.render_number(number, rng, style, size=(280, 280), gap=gap)
                for recognise in (False, True):
                    read, elapsed = read_number(network, image, recognise)
                    tally[recognise][0] += len(read) == len(number)
                    tally[recognise][1] += read == number
                    times[recognise].append(elapsed)
            rows.append((gap, style, tally))
    print(f"machine: {machine()}")
    print(f"command: python -m bench.numbers --per-cell {args.per_cell} --seed {args.seed}; "
          f"split + predict median {statistics.median(times[False]):.1f} ms old, "
          f"{statistics.median(times[True]):.1f} ms new (max {max(times[True]):.1f} ms)\n")
    n = args.per_cell
    print("| gap | style | count right, old | count right, new | number right, old | number right, new |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for gap in GAPS:
        chosen = [row for row in rows if row[0] == gap]
        for _, style, tally in chosen:
            print(f"| {gap:+.2f} | {style} | {tally[False][0]}/{n} | {tally[True][0]}/{n} | "
                  f"{tally[False][1]}/{n} | {tally[True][1]}/{n} |")
        total = [sum(row[2][method][index] for row in chosen) for method in (False, True) for index in (0, 1)]
        m = n * len(chosen)
        print(f"| {gap:+.2f} | **all** | {total[0]}/{m} | **{total[2]}/{m}** | {total[1]}/{m} | **{total[3]}/{m}** |")


if __name__ == "__main__":
    main()
