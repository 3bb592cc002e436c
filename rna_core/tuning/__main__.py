"""Command line of the search runner: ``python -m rna_core.tuning --help``.

Examples
--------
A search on this machine (run it again to resume it after an interruption)::

    python -m rna_core.tuning search --dir runs/demo --tuner hyperband --max-epochs 3

A distributed search: one chief hands out trials, any number of workers train them::

    python -m rna_core.tuning search --dir runs/shared --role chief --oracle-ip 0.0.0.0 --oracle-port 8000
    python -m rna_core.tuning search --dir runs/shared --role worker --tuner-id worker1 \\
        --oracle-ip CHIEF_ADDRESS --oracle-port 8000

Read the results (no TensorFlow needed)::

    python -m rna_core.tuning results --dir runs/demo --csv trials.csv
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Sequence

from rna_core.activations import HIDDEN_ACTIVATIONS
from rna_core.data import MNIST_TRAIN_SIZE
from rna_core.models import OPTIMIZER_CHOICES
from rna_core.tuning.space import (
    BATCH_SIZES,
    LEARNING_RATES,
    TUNERS,
    SearchSettings,
    SearchSpace,
)

_DEFAULT_SPACE = SearchSpace()
_DEFAULT_SETTINGS = SearchSettings()


def _ints(text: str, parts: int) -> tuple[int, ...]:
    try:
        values = tuple(int(part) for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole numbers separated by ':', got {text!r}") from None
    if len(values) == 1:
        values = values * 2 + ((32,) if parts == 3 else ())
    if len(values) == 2 and parts == 3:
        values = values + (32,)
    if len(values) != parts:
        raise argparse.ArgumentTypeError(f"expected {parts} numbers separated by ':', got {text!r}")
    return values


def _list(kind: type):
    def parse(text: str) -> tuple:
        try:
            return tuple(kind(part) for part in text.split(",") if part.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list, got {text!r}") from None

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The ``argparse`` parser of the CLI."""
    parser = argparse.ArgumentParser(
        prog="python -m rna_core.tuning",
        description=(
            "Hyperparameter search over the course's MNIST network with keras-tuner "
            "(Hyperband, random, Bayesian or grid search), resumable and distributable "
            "(--role chief / --role worker), and a reader of its results."
        ),
        epilog="Run 'python -m rna_core.tuning search --help' for every search option.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    search = commands.add_parser(
        "search",
        help="run or resume a search",
        description=(
            "Run a keras-tuner search, or resume it if --dir already holds the same search. "
            "Each trial's per-epoch history is saved in trial_*/history.json. For a distributed "
            "search start one '--role chief' and several '--role worker' processes with the same "
            "options; they talk over gRPC (KERASTUNER_TUNER_ID / KERASTUNER_ORACLE_IP / "
            "KERASTUNER_ORACLE_PORT are set from --tuner-id / --oracle-ip / --oracle-port)."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    search.add_argument("--dir", required=True, help="folder of the search (created; reused to resume)")
    search.add_argument("--project", default="search", help="keras-tuner project name inside --dir")
    search.add_argument("--tuner", choices=TUNERS, default=_DEFAULT_SETTINGS.tuner)
    search.add_argument("--max-epochs", type=int, default=_DEFAULT_SETTINGS.max_epochs,
                        help="most epochs one network trains (epochs of every trial for non-Hyperband tuners)")
    search.add_argument("--factor", type=int, default=_DEFAULT_SETTINGS.factor, help="Hyperband's reduction factor")
    search.add_argument("--max-trials", type=int, default=_DEFAULT_SETTINGS.max_trials,
                        help="trials of the random, Bayesian and grid tuners")
    search.add_argument("--train-size", type=int, default=_DEFAULT_SETTINGS.train_size,
                        help=f"training images used (stratified subset of {MNIST_TRAIN_SIZE})")
    search.add_argument("--seed", type=int, default=_DEFAULT_SETTINGS.seed)
    search.add_argument("--neurons", type=lambda text: _ints(text, 3),
                        default=(_DEFAULT_SPACE.neurons_min, _DEFAULT_SPACE.neurons_max, _DEFAULT_SPACE.neurons_step),
                        metavar="MIN:MAX:STEP", help="neurons per hidden layer (same in every layer)")
    search.add_argument("--layers", type=lambda text: _ints(text, 2),
                        default=(_DEFAULT_SPACE.layers_min, _DEFAULT_SPACE.layers_max), metavar="MIN:MAX",
                        help="number of hidden layers (1-5)")
    search.add_argument("--learning-rates", type=_list(float), default=_DEFAULT_SPACE.learning_rates,
                        help=f"comma-separated, among {','.join(map(str, LEARNING_RATES))}")
    search.add_argument("--optimizers", type=_list(str), default=_DEFAULT_SPACE.optimizers,
                        help=f"comma-separated, among {','.join(OPTIMIZER_CHOICES)}")
    search.add_argument("--batch-sizes", type=_list(int), default=_DEFAULT_SPACE.batch_sizes,
                        help=f"comma-separated, among {','.join(map(str, BATCH_SIZES))}")
    search.add_argument("--activations", type=_list(str), default=_DEFAULT_SPACE.activations,
                        help=f"comma-separated, among {','.join(HIDDEN_ACTIVATIONS)}")
    search.add_argument("--mnist", default=None, help="local mnist.npz (default: $RNA_MNIST_PATH, Keras cache)")
    search.add_argument("--prune-checkpoints", action="store_true",
                        help="delete the weight checkpoints at the end (smaller folder, e.g. to ship it)")
    search.add_argument("--role", choices=("standalone", "chief", "worker"), default=None,
                        help="distributed search role (default: standalone, or from KERASTUNER_* variables)")
    search.add_argument("--tuner-id", default=None, help="unique id of a worker (default: worker-<pid>)")
    search.add_argument("--oracle-ip", default=None, help="address of the chief (the chief listens on it)")
    search.add_argument("--oracle-port", default=None, help="port of the chief")
    search.add_argument("--status", default=None, help=argparse.SUPPRESS)  # used by the page
    search.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)  # the page's server
    search.add_argument("--quiet", action="store_true", help="less keras-tuner output")

    results = commands.add_parser("results", help="summarise a search folder (no TensorFlow)")
    results.add_argument("--dir", required=True, help="a keras-tuner directory or project folder")
    results.add_argument("--csv", default=None, help="also write the trials table to this CSV file")
    return parser


def _role(args: argparse.Namespace) -> str:
    if args.role in ("chief", "worker"):
        if not args.oracle_ip or not args.oracle_port:
            raise ValueError(f"--role {args.role} needs --oracle-ip and --oracle-port (the chief's address).")
        tuner_id = "chief" if args.role == "chief" else (args.tuner_id or f"worker-{os.getpid()}")
        if args.role == "worker" and "chief" in tuner_id:
            raise ValueError("A worker's --tuner-id must not contain 'chief'.")
        os.environ.update({
            "KERASTUNER_TUNER_ID": tuner_id,
            "KERASTUNER_ORACLE_IP": str(args.oracle_ip),
            "KERASTUNER_ORACLE_PORT": str(args.oracle_port),
        })
        return args.role
    if args.role == "standalone":
        for name in ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT"):
            os.environ.pop(name, None)
        return "standalone"
    if os.environ.get("KERASTUNER_ORACLE_IP"):
        return "chief" if "chief" in os.environ.get("KERASTUNER_TUNER_ID", "") else "worker"
    return "standalone"


def _search(args: argparse.Namespace) -> int:
    from rna_core.files import write_json
    from rna_core.tuning.runner import run_search

    space = SearchSpace(
        neurons_min=args.neurons[0], neurons_max=args.neurons[1], neurons_step=args.neurons[2],
        layers_min=args.layers[0], layers_max=args.layers[1],
        learning_rates=tuple(args.learning_rates), optimizers=tuple(args.optimizers),
        batch_sizes=tuple(args.batch_sizes), activations=tuple(args.activations),
    )
    settings = SearchSettings(
        tuner=args.tuner, max_epochs=args.max_epochs, factor=args.factor, max_trials=args.max_trials,
        train_size=args.train_size, seed=args.seed,
    )
    role = _role(args)
    started = time.time()

    def status(state: str, **extra: object) -> None:
        if args.status:
            write_json(args.status, {"state": state, "pid": os.getpid(), "parent": args.parent_pid,
                                     "started": started, **extra})

    status("running")
    if args.parent_pid:
        _end_with_parent(args.parent_pid)
    try:
        project = run_search(
            args.dir, space, settings, project=args.project, role=role, mnist_path=args.mnist,
            remove_checkpoints=args.prune_checkpoints, verbose=0 if args.quiet else 1,
        )
    except KeyboardInterrupt:
        status("stopped", finished=time.time())
        print("Search interrupted: run the same command again to resume it.", file=sys.stderr)
        return 130
    except Exception as error:
        status("failed", finished=time.time(), error=f"{type(error).__name__}: {error}")
        raise
    status("finished", finished=time.time())
    print(f"Search finished in {time.time() - started:.1f} s: results in {project}")
    return 0


def _end_with_parent(parent_pid: int, every: float = 2.0) -> None:
    """Interrupt this search once the server that started it is gone (crashed or shut down).

    A page's search runs in its own session, so nothing else would stop it: a thread checks
    every ``every`` seconds whether this process's parent is still ``parent_pid`` and, once
    it is not, interrupts the main thread (the search then records itself as stopped).
    """
    import _thread
    import threading

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every)
        _thread.interrupt_main()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _results(args: argparse.Namespace) -> int:
    from rna_core.tuning.results import read_results

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = read_results(args.dir)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    done = results.completed
    print(f"{len(results.trials)} trials ({len(done)} completed) in {results.project_dir}")
    best = results.best
    if best is not None:
        print(f"best trial {best['trial_id']}: {results.objective} = {best['score']:.4f}")
        for name, value in results.best_values().items():
            print(f"  {name} = {value}")
    if args.csv:
        with open(args.csv, "wb") as handle:
            handle.write(results.trials.to_csv(index=False).encode("utf-8"))
        print(f"trials written to {args.csv}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _search(args) if args.command == "search" else _results(args)
    except ValueError as error:  # a student's mistake: one clear line, no traceback
        parser.exit(2, f"error: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
