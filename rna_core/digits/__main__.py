"""Command line: ``python -m rna_core.digits train --out models/digits_cnn`` (or ``evaluate``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rna_core.digits.numpy_network import DEFAULT_MODEL_DIR


def main(argv: Sequence[str] | None = None) -> int:
    """``train --out DIR [--epochs N] [--seed S] [--limit N]`` or ``evaluate [--model DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m rna_core.digits",
                                     description="Train or measure the Draw-a-digit page's default CNN.")
    commands = parser.add_subparsers(dest="command", required=True)
    train_parser = commands.add_parser("train", help="train the default CNN and save it in the safe format")
    train_parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    train_parser.add_argument("--epochs", type=int, default=5)
    train_parser.add_argument("--seed", type=int, default=42)
    train_parser.add_argument("--limit", type=int, default=None, help="use only the first N training images")
    evaluate_parser = commands.add_parser("evaluate", help="measure a saved model on MNIST and the renderings")
    evaluate_parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR)
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    from rna_core.digits import cnn  # imports Keras only when training

    if args.command == "train":
        if args.epochs < 1:
            parser.error("--epochs must be at least 1")
        metrics = cnn.train(args.out, epochs=args.epochs, seed=args.seed, limit=args.limit)
    else:
        metrics = cnn.evaluate(args.model)
    print(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
