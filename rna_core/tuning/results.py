"""Read a keras-tuner directory without importing TensorFlow.

keras-tuner writes one ``oracle.json`` per project (the search's state: which trials
started and ended, and for Hyperband its brackets) and one ``trial_<id>/trial.json`` per
trial (hyperparameters, best metric values, score, status). Our runner adds
``trial_<id>/history.json`` with every epoch's metrics and the trial's duration, since
keras-tuner keeps only the best epoch. :func:`read_results` turns all of that into
DataFrames; it works on a directory written by any keras-tuner search, local or
distributed, with or without our histories.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

#: Name of the per-trial history file the runner writes next to ``trial.json``.
HISTORY_FILE = "history.json"
#: Name of the search status file the runner writes in the run directory.
STATUS_FILE = "status.json"
#: Name of the file describing the search (tuner, space, budget) in the project directory.
SEARCH_FILE = "search.json"
#: Prefix keras-tuner uses for the values it adds to Hyperband trials.
TUNER_PREFIX = "tuner/"

#: Columns of :attr:`TuningResults.trials` that are not hyperparameters.
BASE_COLUMNS: tuple[str, ...] = (
    "trial_id", "status", "score", "best_step", "epochs", "initial_epoch", "seconds",
    "bracket", "round", "promoted_from",
)


class TuningResultsWarning(UserWarning):
    """A file of a tuner directory could not be read and was skipped."""


@dataclass(frozen=True)
class TuningResults:
    """Everything :func:`read_results` found in a keras-tuner directory.

    Attributes
    ----------
    project_dir : Path
        The directory holding ``oracle.json`` and the ``trial_*`` folders.
    trials : pandas.DataFrame
        One row per trial: :data:`BASE_COLUMNS` then one column per hyperparameter
        (in :attr:`hyperparameters` order), sorted by trial id.
    histories : pandas.DataFrame
        Long format, one row per (trial, epoch, metric): columns ``trial_id``,
        ``epoch`` (1-based), ``metric`` and ``value``. Empty when the search saved none.
    hyperparameters : tuple of str
        Names of the searched hyperparameters (without keras-tuner's ``tuner/`` values).
    objective : str
        The metric the search optimised, such as ``"val_accuracy"``.
    direction : str
        ``"max"`` or ``"min"``: which way the objective is better.
    oracle : dict
        The raw content of ``oracle.json`` (empty if it was missing or unreadable).
    search : dict
        The runner's ``search.json`` (tuner, space, budget; empty for other searches).
    skipped : tuple of str
        Files that could not be read (each also raised a :class:`TuningResultsWarning`).
    """

    project_dir: Path
    trials: pd.DataFrame
    histories: pd.DataFrame
    hyperparameters: tuple[str, ...]
    objective: str
    direction: str
    oracle: dict = field(repr=False)
    search: dict = field(default_factory=dict, repr=False)
    skipped: tuple[str, ...] = ()

    @property
    def completed(self) -> pd.DataFrame:
        """The trials that finished with a score."""
        trials = self.trials
        return trials[(trials["status"] == "COMPLETED") & trials["score"].notna()]

    @property
    def best(self) -> pd.Series | None:
        """The best completed trial (row of :attr:`trials`), or ``None`` if there is none."""
        done = self.completed
        if done.empty:
            return None
        scores = done["score"].astype(float)
        index = scores.idxmax() if self.direction == "max" else scores.idxmin()
        return done.loc[index]

    def best_values(self) -> dict[str, Any]:
        """Hyperparameter values of the best trial (``{}`` when no trial completed)."""
        best = self.best
        if best is None:
            return {}
        return {name: _plain(best[name]) for name in self.hyperparameters if not _missing(best[name])}

    def curves(self, trial_ids: list[str] | tuple[str, ...], metric: str) -> pd.DataFrame:
        """Per-epoch ``metric`` of some trials, each with the epochs it inherited.

        A Hyperband trial that continues another one starts from its parent's weights at
        epoch ``initial_epoch``; its curve here begins with its ancestors' epochs (marked
        ``inherited``), so every curve starts at epoch 1.

        Returns
        -------
        pandas.DataFrame
            ``trial_id, epoch, value, inherited``.
        """
        columns = ["trial_id", "epoch", "value", "inherited"]
        history = self.histories[self.histories["metric"] == metric]
        by_trial = {trial_id: group for trial_id, group in history.groupby("trial_id")}
        parents = dict(zip(self.trials["trial_id"], self.trials["promoted_from"], strict=True))
        frames = []
        for trial_id in trial_ids:
            own = by_trial.get(trial_id)
            if own is None:
                continue
            first = int(own["epoch"].min())
            parts = [own.assign(inherited=False)]
            parent, seen = parents.get(trial_id), {trial_id}
            while isinstance(parent, str) and parent in by_trial and parent not in seen:
                seen.add(parent)
                earlier = by_trial[parent][by_trial[parent]["epoch"] < first]
                parts.append(earlier.assign(trial_id=trial_id, inherited=True))
                first = min(first, int(earlier["epoch"].min())) if not earlier.empty else first
                parent = parents.get(parent)
            frames.append(pd.concat(parts).sort_values("epoch"))
        if not frames:
            return pd.DataFrame(columns=columns)
        return pd.concat(frames, ignore_index=True)[columns]

    def hyperband(self) -> pd.DataFrame:
        """Hyperband's work, one row per (bracket, round).

        Returns
        -------
        pandas.DataFrame
            Columns ``bracket``, ``round``, ``models`` (trials run in that round),
            ``epochs`` (cumulative epoch budget of each model in that round),
            ``new_epochs`` (epochs trained in that round by each model: continued
            models start from their checkpoint), ``promoted`` (how many of the round's
            models went on to the next round) and ``best_score``. Empty when the search
            was not a Hyperband search.
        """
        trials = self.trials
        columns = ["bracket", "round", "models", "epochs", "new_epochs", "promoted", "best_score"]
        if trials.empty or trials["bracket"].isna().all():
            return pd.DataFrame(columns=columns)
        promoted_ids = set(trials["promoted_from"].dropna())
        rows = []
        for (bracket, round_num), group in trials.dropna(subset=["bracket", "round"]).groupby(
            ["bracket", "round"], sort=True
        ):
            scores = group["score"].dropna().astype(float)
            best = None
            if not scores.empty:
                best = float(scores.max() if self.direction == "max" else scores.min())
            epochs = group["epochs"].dropna()
            initial = group["initial_epoch"].fillna(0)
            rows.append({
                "bracket": int(bracket),
                "round": int(round_num),
                "models": len(group),
                "epochs": int(epochs.max()) if not epochs.empty else 0,
                "new_epochs": int((group["epochs"].fillna(0) - initial).max()),
                "promoted": int(group["trial_id"].isin(promoted_ids).sum()),
                "best_score": best,
            })
        table = pd.DataFrame(rows, columns=columns)
        return table.sort_values(["bracket", "round"], ascending=[False, True], ignore_index=True)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value: object) -> object:
    """NumPy scalars -> Python scalars (JSON-safe, comparable)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def _warn(message: str, skipped: list[str], path: str | os.PathLike[str]) -> None:
    skipped.append(str(path))
    warnings.warn(message, TuningResultsWarning, stacklevel=3)


def read_json_object(path: str | os.PathLike[str], skipped: list[str]) -> dict | None:
    """The JSON object in ``path``; ``None`` if it is missing, ``None`` with a warning (and
    ``path`` appended to ``skipped``) if it is not a valid JSON object."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        _warn(f"Skipped {path}: it is not valid JSON ({error}).", skipped, path)
        return None
    if not isinstance(data, dict):
        _warn(f"Skipped {path}: expected a JSON object.", skipped, path)
        return None
    return data


def find_project_dir(directory: str | os.PathLike[str]) -> Path:
    """The keras-tuner project directory inside ``directory``.

    Parameters
    ----------
    directory : str or PathLike
        Either a project directory (it holds ``oracle.json`` or ``trial_*`` folders),
        or the ``directory`` given to a keras-tuner tuner, holding one project folder.

    Returns
    -------
    Path
        The project directory.

    Raises
    ------
    ValueError
        If ``directory`` does not exist or holds no keras-tuner project (or several).
    """
    root = Path(directory)
    if not root.is_dir():
        raise ValueError(f"The folder '{root}' does not exist, so there are no tuning results to read.")

    def is_project(path: Path) -> bool:
        return (path / "oracle.json").is_file() or any(path.glob("trial_*/trial.json"))

    if is_project(root):
        return root
    projects = sorted(child for child in root.iterdir() if child.is_dir() and is_project(child))
    if len(projects) == 1:
        return projects[0]
    if not projects:
        raise ValueError(
            f"The folder '{root}' holds no keras-tuner results (no oracle.json and no "
            "trial_*/trial.json files)."
        )
    names = ", ".join(project.name for project in projects)
    raise ValueError(f"The folder '{root}' holds several keras-tuner projects ({names}); pick one of them.")


def _best_value(metrics: Mapping[str, Any], name: str) -> float | None:
    """Best recorded value of metric ``name`` in a trial's ``metrics`` block."""
    entry = metrics.get(name)
    if not isinstance(entry, Mapping):
        return None
    values = []
    for observation in entry.get("observations", []) or []:
        value = observation.get("value") if isinstance(observation, Mapping) else None
        if isinstance(value, list) and value:
            values.append(float(sum(value) / len(value)))
        elif isinstance(value, (int, float)):
            values.append(float(value))
    if not values:
        return None
    return max(values) if entry.get("direction", "max") == "max" else min(values)


def _objective(search: Mapping[str, Any], trials: list[dict]) -> tuple[str, str]:
    """The objective's name and direction, from our ``search.json`` or the trials' metrics."""
    objective = search.get("objective")
    if isinstance(objective, Mapping) and isinstance(objective.get("name"), str):
        return objective["name"], str(objective.get("direction", "max"))
    for trial in trials:  # keras-tuner does not store the objective: infer it
        metrics = trial.get("metrics", {}).get("metrics", {}) if isinstance(trial.get("metrics"), Mapping) else {}
        score = trial.get("score")
        for name in ("val_accuracy", "val_loss", "accuracy", "loss"):
            if name in metrics and score is not None and _best_value(metrics, name) == score:
                return name, "min" if name.endswith("loss") else "max"
    return "val_accuracy", "max"


def _history_rows(trial_id: str, history: Mapping[str, Any]) -> list[tuple[str, int, str, float]]:
    rows: list[tuple[str, int, str, float]] = []
    for entry in history.get("epochs", []) or []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("epoch"), int):
            continue
        for metric, value in entry.items():
            if metric != "epoch" and isinstance(value, (int, float)) and math.isfinite(value):
                rows.append((trial_id, int(entry["epoch"]), str(metric), float(value)))
    return rows


def read_results(directory: str | os.PathLike[str]) -> TuningResults:
    """Read the trials, their hyperparameters and their learning curves from a tuner directory.

    Parameters
    ----------
    directory : str or PathLike
        A keras-tuner project directory or its parent (see :func:`find_project_dir`).
        It may belong to a running search: half-written files are skipped.

    Returns
    -------
    TuningResults
        The trials table, per-epoch histories and the oracle's state.

    Raises
    ------
    ValueError
        If the folder does not exist or holds no keras-tuner results.

    Warns
    -----
    TuningResultsWarning
        For each ``trial.json`` or ``history.json`` that is not valid JSON: the trial is
        skipped (or shown without its curve) instead of failing the whole reading.

    Notes
    -----
    Imports neither TensorFlow nor keras-tuner: only ``json`` and pandas.
    """
    project = find_project_dir(directory)
    skipped: list[str] = []
    oracle = read_json_object(project / "oracle.json", skipped) or {}
    search = read_json_object(project / SEARCH_FILE, skipped) or {}

    raw_trials: list[dict] = []
    histories: dict[str, dict] = {}
    with os.scandir(project) as entries:  # plain strings: pathlib is slow for hundreds of files
        trial_dirs = sorted(e.path for e in entries if e.name.startswith("trial_") and e.is_dir())
    for trial_dir in trial_dirs:
        trial = read_json_object(os.path.join(trial_dir, "trial.json"), skipped)
        if trial is None:
            continue
        trial_id = trial.get("trial_id")
        if not isinstance(trial_id, str) or not trial_id:
            where = os.path.join(trial_dir, "trial.json")
            _warn(f"Skipped {where}: it has no trial_id.", skipped, where)
            continue
        raw_trials.append(trial)
        history = read_json_object(os.path.join(trial_dir, HISTORY_FILE), skipped)
        if history is not None:
            histories[trial_id] = history

    objective, direction = _objective(search, raw_trials)
    hp_names: list[str] = []
    space = oracle.get("hyperparameters", {}).get("space", []) if isinstance(oracle.get("hyperparameters"), Mapping) else []
    for entry in space:
        name = entry.get("config", {}).get("name") if isinstance(entry, Mapping) else None
        if isinstance(name, str) and not name.startswith(TUNER_PREFIX) and name not in hp_names:
            hp_names.append(name)

    rows = []
    curve_rows: list[tuple[str, int, str, float]] = []
    for trial in raw_trials:
        trial_id = trial["trial_id"]
        hps = trial.get("hyperparameters", {})
        values = hps.get("values", {}) if isinstance(hps, Mapping) else {}
        values = values if isinstance(values, Mapping) else {}
        for name in values:
            if not name.startswith(TUNER_PREFIX) and name not in hp_names:
                hp_names.append(name)
        metrics = trial.get("metrics", {})
        metrics = metrics.get("metrics", {}) if isinstance(metrics, Mapping) else {}
        score = trial.get("score")
        history = histories.get(trial_id, {})
        seconds = history.get("seconds")
        epochs = values.get("tuner/epochs", history.get("epochs_planned"))
        if epochs is None and history.get("epochs"):
            epochs = max((e.get("epoch", 0) for e in history["epochs"] if isinstance(e, Mapping)), default=None)
        row = {
            "trial_id": trial_id,
            "status": str(trial.get("status", "UNKNOWN")),
            "score": float(score) if isinstance(score, (int, float)) else None,
            "best_step": trial.get("best_step"),
            "epochs": epochs,
            "initial_epoch": values.get("tuner/initial_epoch", 0),
            "seconds": float(seconds) if isinstance(seconds, (int, float)) else None,
            "bracket": values.get("tuner/bracket"),
            "round": values.get("tuner/round"),
            "promoted_from": values.get("tuner/trial_id"),
        }
        if row["score"] is None and row["status"] == "COMPLETED":
            row["score"] = _best_value(metrics, objective)
        row.update({name: value for name, value in values.items() if not name.startswith(TUNER_PREFIX)})
        rows.append(row)
        curve_rows.extend(_history_rows(trial_id, history))

    columns = list(BASE_COLUMNS) + hp_names
    table = pd.DataFrame(rows, columns=columns)
    for name in ("score", "seconds"):
        table[name] = pd.to_numeric(table[name], errors="coerce").astype("float64")
    for name in ("best_step", "epochs", "initial_epoch", "bracket", "round"):
        table[name] = pd.to_numeric(table[name], errors="coerce").astype("Int64")
    table = table.sort_values("trial_id", ignore_index=True)
    curves = pd.DataFrame(curve_rows, columns=["trial_id", "epoch", "metric", "value"])
    return TuningResults(
        project_dir=project,
        trials=table,
        histories=curves,
        hyperparameters=tuple(hp_names),
        objective=objective,
        direction=direction,
        oracle=dict(oracle),
        search=dict(search),
        skipped=tuple(skipped),
    )


def read_status(run_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The runner's ``status.json`` of a run directory (``{}`` if absent or half-written)."""
    path = Path(run_dir) / STATUS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def trials_csv(results: TuningResults) -> bytes:
    """The trials table as UTF-8 CSV bytes (for a download button)."""
    return results.trials.to_csv(index=False).encode("utf-8")
