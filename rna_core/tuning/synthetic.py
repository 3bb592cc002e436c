"""A fake keras-tuner directory, in keras-tuner's own file format, for tests and benchmarks.

:func:`write_synthetic_search` writes ``oracle.json``, ``trial_*/trial.json`` and our
``history.json`` files for any number of trials in milliseconds, without TensorFlow, so
the reader and the page can be checked on large searches.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from rna_core.tuning import space as hp
from rna_core.tuning.results import HISTORY_FILE

_SPACE = [
    {"class_name": "Int", "config": {"name": hp.HP_NEURONS, "default": None, "conditions": [], "min_value": 32,
                                      "max_value": 512, "step": 32, "sampling": "linear"}},
    {"class_name": "Int", "config": {"name": hp.HP_LAYERS, "default": None, "conditions": [], "min_value": 1,
                                      "max_value": 5, "step": 1, "sampling": "linear"}},
    {"class_name": "Choice", "config": {"name": hp.HP_LEARNING_RATE, "default": 0.1, "conditions": [],
                                         "values": [0.1, 0.01, 0.001, 0.0001, 1e-05], "ordered": True}},
    {"class_name": "Choice", "config": {"name": hp.HP_OPTIMIZER, "default": "sgd", "conditions": [],
                                         "values": ["sgd", "adam", "rmsprop"], "ordered": False}},
    {"class_name": "Fixed", "config": {"name": hp.HP_BATCH_SIZE, "conditions": [], "value": 128}},
    {"class_name": "Fixed", "config": {"name": hp.HP_ACTIVATION, "conditions": [], "value": "relu"}},
]


def _metric(direction: str, values: list[float]) -> dict:
    return {"direction": direction, "observations": [{"value": [v], "step": i} for i, v in enumerate(values)]}


def write_synthetic_search(
    directory: str | os.PathLike[str], n_trials: int, *, seed: int = 0, hyperband: bool = True,
    epochs: int = 3, corrupt: tuple[int, ...] = (),
) -> Path:
    """Write a keras-tuner project with ``n_trials`` made-up trials.

    Parameters
    ----------
    directory : str or PathLike
        The project folder to create (it will hold ``oracle.json``).
    n_trials : int
        How many trials to write.
    seed : int
        Seed of the made-up values.
    hyperband : bool
        Add Hyperband's ``tuner/*`` values (every third trial continues the one before).
    epochs : int
        Epochs in each trial's history.
    corrupt : tuple of int
        Indices of trials whose ``trial.json`` is written truncated (not valid JSON).

    Returns
    -------
    Path
        ``directory``.
    """
    rng = np.random.default_rng(seed)
    project = Path(directory)
    project.mkdir(parents=True, exist_ok=True)
    width = len(str(max(n_trials - 1, 1)))
    ids = [f"{index:0{width}d}" for index in range(n_trials)]
    oracle = {
        "ongoing_trials": {}, "hyperparameters": {"space": _SPACE, "values": {}},
        "start_order": ids, "end_order": ids, "run_times": dict.fromkeys(ids, 1), "retry_queue": [],
        "seed": seed, "seed_state": seed + n_trials, "tried_so_far": [], "id_to_hash": {},
        "display": {"search_start": None, "trial_start": {}, "trial_number": {}},
    }
    if hyperband:
        oracle.update({"hyperband_iterations": 1, "max_epochs": epochs * 3, "min_epochs": 1, "factor": 3,
                       "brackets": [], "current_bracket": 0, "current_iteration": 0})
    (project / "oracle.json").write_text(json.dumps(oracle), encoding="utf-8")
    for index, trial_id in enumerate(ids):
        values = {
            hp.HP_NEURONS: int(rng.integers(1, 17)) * 32, hp.HP_LAYERS: int(rng.integers(1, 6)),
            hp.HP_LEARNING_RATE: float(rng.choice([0.1, 0.01, 0.001, 0.0001, 1e-05])),
            hp.HP_OPTIMIZER: str(rng.choice(["sgd", "adam", "rmsprop"])), hp.HP_BATCH_SIZE: 128, hp.HP_ACTIVATION: "relu",
        }
        start = 0
        if hyperband:
            continued = index % 3 == 2
            start = epochs if continued else 0
            values.update({"tuner/epochs": start + epochs, "tuner/initial_epoch": start,
                           "tuner/bracket": 1, "tuner/round": int(continued)})
            if continued:
                values["tuner/trial_id"] = ids[index - 1]
        curve = np.sort(rng.uniform(0.80, 0.985, size=epochs)).tolist()
        trial = {
            "trial_id": trial_id,
            "hyperparameters": {"space": _SPACE, "values": values},
            "metrics": {"metrics": {"val_accuracy": _metric("max", curve),
                                    "val_loss": _metric("min", [1 - v for v in curve])}},
            "score": max(curve), "best_step": int(np.argmax(curve)), "status": "COMPLETED", "message": None,
        }
        folder = project / f"trial_{trial_id}"
        folder.mkdir(exist_ok=True)
        text = json.dumps(trial)
        (folder / "trial.json").write_text(text[: len(text) // 2] if index in corrupt else text, encoding="utf-8")
        history = {
            "trial_id": trial_id, "seconds": float(rng.uniform(5, 30)), "status": "COMPLETED",
            "epochs": [{"epoch": start + e + 1, "val_accuracy": v, "val_loss": 1 - v, "accuracy": v + 0.005,
                        "loss": 0.9 - v} for e, v in enumerate(curve)],
        }
        (folder / HISTORY_FILE).write_text(json.dumps(history), encoding="utf-8")
    return project
