"""Accuracy on the non-MNIST test set, per style and variation (issue 18, item 1).

Run: ``python -m bench.handwriting [--per-digit 72] [--model DIR] [--baseline-ref main]``.

Reads :func:`rna_core.digits.handwriting.make_test_set` (canvas / paper photo / transparent,
each plain, thick marker, thin pencil, shadow, rotated, JPEG) with the shipped CNN, through
today's preprocessing and -- the baseline, in the same run on the same images and model --
through the preprocessing of ``git show <ref>:rna_core/digits.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.common import ROOT, machine
from rna_core import digits
from rna_core.digits import handwriting


def baseline_to_mnist(ref: str):
    """``to_mnist`` of the old single-module ``rna_core/digits.py`` at git revision ``ref``."""
    source = subprocess.run(["git", "show", f"{ref}:rna_core/digits.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    folder = Path(tempfile.mkdtemp())
    (folder / "old_digits.py").write_text(source)
    spec = importlib.util.spec_from_file_location("old_digits", folder / "old_digits.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_digits"] = module
    spec.loader.exec_module(module)
    return module.to_mnist


def accuracy(network, renderings, to_mnist) -> tuple[np.ndarray, float]:
    """Which renderings are read right, and the milliseconds of preprocessing per image."""
    images = []
    start = time.perf_counter()
    for rendering in renderings:
        try:
            images.append(to_mnist(rendering.image))
        except ValueError:  # no ink found: counts as wrong
            images.append(np.zeros((28, 28), np.float32))
    per_image = (time.perf_counter() - start) * 1000.0 / len(renderings)
    predicted = digits.predict_proba(network, np.stack(images)).argmax(axis=1)
    return predicted == np.array([r.label for r in renderings]), per_image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-digit", type=int, default=72)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--baseline-ref", default="main")
    args = parser.parse_args()
    network = digits.load_default_model(args.model)
    renderings = handwriting.make_test_set(per_digit=args.per_digit, seed=7)
    now, now_ms = accuracy(network, renderings, digits.to_mnist)
    before, before_ms = accuracy(network, renderings, baseline_to_mnist(args.baseline_ref))
    print(f"machine: {machine()}")
    print(f"command: python -m bench.handwriting --per-digit {args.per_digit}"
          f"{f' --model {args.model}' if args.model else ''}; {len(renderings)} images, model "
          f"{args.model or 'models/digits_cnn'}; preprocessing {now_ms:.1f} ms/image now, {before_ms:.1f} before\n")
    groups: dict[str, list[int]] = defaultdict(list)
    for index, rendering in enumerate(renderings):
        groups["all"].append(index)
        groups[rendering.style].append(index)
        groups[f"{rendering.style} / {rendering.variation}"].append(index)
        groups[f"any style / {rendering.variation}"].append(index)
    print(f"| set | images | baseline ({args.baseline_ref}) | now |")
    print("| --- | ---: | ---: | ---: |")
    for name in ["all", *handwriting.STYLES, *[f"any style / {v}" for v in handwriting.VARIATIONS],
                 *[f"{s} / {v}" for s in handwriting.STYLES for v in handwriting.VARIATIONS]]:
        chosen = groups[name]
        print(f"| {name} | {len(chosen)} | {before[chosen].mean():.1%} | **{now[chosen].mean():.1%}** |")


if __name__ == "__main__":
    main()
