"""The tuning core without training: space validation, Hyperband's plan, the results reader,
run directories and the CLI's parsing (fast; keras-tuner imported only to compare plans)."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

from rna_core.files import write_json
from rna_core.tuning import (
    SearchSettings,
    SearchSpace,
    TuningResultsWarning,
    hyperband_brackets,
    read_results,
)
from rna_core.tuning.results import find_project_dir, trials_csv
from rna_core.tuning.runner import search_command
from rna_core.tuning.search_job import run_dir_for
from rna_core.tuning.space import network_config_values, planned_epochs, planned_trials, validate_name
from rna_core.tuning.synthetic import write_synthetic_search

from .conftest import ROOT


def test_import_is_light() -> None:
    code = (
        "import sys, rna_core.tuning, rna_core.tuning.runner, rna_core.tuning.hypermodel, "
        "rna_core.charts.tuning; "
        "print(','.join(m for m in ('streamlit', 'tensorflow', 'keras', 'keras_tuner') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# ------------------------------------------------------------------ search space


def test_default_space_counts_networks() -> None:
    space = SearchSpace()
    assert space.neuron_values() == tuple(range(32, 513, 32))
    assert space.size() == 16 * 2 * 3
    assert space.searched() == ("neurons", "hidden_layers", "learning_rate")
    assert SearchSpace.from_dict(json.loads(json.dumps(space.to_dict()))) == space


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"learning_rates": ()}, "search space is empty"),
        ({"optimizers": ()}, "search space is empty"),
        ({"activations": ()}, "search space is empty"),
        ({"optimizers": ("adamw",)}, "Unknown optimizers"),
        ({"neurons_min": 600, "neurons_max": 700}, "Neurons per layer"),
        ({"neurons_step": 50}, "go evenly"),
        ({"layers_min": 3, "layers_max": 2}, "Hidden layers"),
        ({"layers_max": 6}, "Hidden layers"),
        ({"learning_rates": (1e-3, 1e-3)}, "twice"),
    ],
)
def test_bad_space_is_explained(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SearchSpace(**changes)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max_epochs": 0}, "at least 1"),
        ({"max_epochs": -3}, "at least 1"),
        ({"factor": 1}, "factor"),
        ({"tuner": "genetic"}, "Unknown tuner"),
        ({"train_size": 10}, "training subset"),
        ({"max_trials": 0}, "max_trials"),
    ],
)
def test_bad_settings_are_explained(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SearchSettings(**changes)


@pytest.mark.parametrize("name", ["../x", "..", "a/b", "/etc", "run name", ".hidden", "", "a" * 65, "x\\y", "r\0n"])
def test_path_tricks_are_refused(name: str, tmp_path) -> None:
    with pytest.raises(ValueError, match="Invalid"):
        validate_name(name)
    with pytest.raises(ValueError, match="Invalid"):
        run_dir_for(tmp_path, name)


def test_run_dir_stays_in_root(tmp_path) -> None:
    assert run_dir_for(tmp_path, "run-1") == (tmp_path / "run-1").resolve()


def test_network_config_values_follow_the_course_shape() -> None:
    values = {"neurons": 96, "hidden_layers": 3, "learning_rate": 0.001, "optimizer": "adam",
              "batch_size": 64, "activation": "tanh", "tuner/epochs": 3}
    config = network_config_values(values)
    assert config == {"hidden_layers": (96, 96, 96), "activation": "tanh", "optimizer": "adam",
                      "learning_rate": 0.001, "batch_size": 64}
    from rna_core.models import NetworkConfig

    assert NetworkConfig(**config).hidden_layers == (96, 96, 96)


# ------------------------------------------------------------------ Hyperband's plan


@pytest.mark.parametrize(("max_epochs", "factor"), [(1, 3), (2, 3), (3, 3), (9, 3), (4, 2), (27, 3), (10, 4)])
def test_hyperband_plan_matches_keras_tuner(max_epochs: int, factor: int) -> None:
    from keras_tuner.src.tuners.hyperband import HyperbandOracle

    oracle = HyperbandOracle(objective="val_accuracy", max_epochs=max_epochs, factor=factor)
    expected = [
        {"bracket": b, "round": r, "models": oracle._get_size(b, r), "epochs": oracle._get_epochs(b, r)}
        for b in range(oracle._get_num_brackets() - 1, -1, -1) for r in range(b + 1)
    ]
    assert hyperband_brackets(max_epochs, factor) == expected


def test_planned_trials_and_epochs_of_the_default_search() -> None:
    space, settings = SearchSpace(), SearchSettings()
    # max_epochs 3, factor 3: bracket 1 = 3 networks x 1 epoch, the best goes on to 3 epochs;
    # bracket 0 = 2 networks x 3 epochs.
    assert planned_trials(space, settings) == 3 + 1 + 2
    assert planned_epochs(space, settings) == 3 * 1 + 1 * 2 + 2 * 3
    random = SearchSettings(tuner="random", max_trials=8, max_epochs=2)
    assert planned_trials(space, random) == 8 and planned_epochs(space, random) == 16
    tiny = SearchSpace(neurons_min=32, neurons_max=32, layers_max=1, learning_rates=(1e-3,))
    assert planned_trials(tiny, SearchSettings(tuner="grid", max_trials=50)) == 1


# ------------------------------------------------------------------ results reader


def test_read_results_of_100_synthetic_trials(tmp_path) -> None:
    project = write_synthetic_search(tmp_path / "search", 100, seed=3)
    results = read_results(tmp_path)  # the parent folder: finds the single project
    assert results.project_dir == project
    assert len(results.trials) == 100
    assert results.trials["trial_id"].tolist() == sorted(results.trials["trial_id"])
    assert results.hyperparameters == ("neurons", "hidden_layers", "learning_rate", "optimizer", "batch_size",
                                       "activation")
    best = results.best
    assert best["score"] == results.trials["score"].max()
    assert results.best_values()["neurons"] == best["neurons"]
    assert set(results.histories["trial_id"]) == set(results.trials["trial_id"])
    assert len(results.histories) == 100 * 3 * 4
    assert results.trials["seconds"].notna().all()
    band = results.hyperband()
    assert band[["bracket", "round"]].values.tolist() == [[1, 0], [1, 1]]
    assert band["models"].sum() == 100 and band.loc[1, "epochs"] == 6 and band.loc[1, "new_epochs"] == 3
    assert band.loc[0, "promoted"] == 33  # every third trial continues the one before
    csv = trials_csv(results).decode()
    assert csv.splitlines()[0].startswith("trial_id,status,score") and len(csv.splitlines()) == 101


def test_corrupted_trial_json_is_skipped_with_a_warning(tmp_path) -> None:
    write_synthetic_search(tmp_path, 10, corrupt=(4,))
    with pytest.warns(TuningResultsWarning, match="trial_4"):
        results = read_results(tmp_path)
    assert len(results.trials) == 9 and "4" not in results.trials["trial_id"].tolist()
    assert len(results.skipped) == 1 and results.skipped[0].endswith("trial.json")


def test_reader_without_histories_or_oracle(tmp_path) -> None:
    """A directory written by plain keras-tuner (no history.json) or mid-write (no oracle.json)."""
    write_synthetic_search(tmp_path, 5, hyperband=False)
    for path in tmp_path.glob("trial_*/history.json"):
        path.unlink()
    (tmp_path / "oracle.json").unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = read_results(tmp_path)
    assert len(results.trials) == 5 and results.histories.empty
    assert results.objective == "val_accuracy" and results.hyperband().empty
    assert results.trials["seconds"].isna().all()


def test_reader_explains_missing_or_ambiguous_folders(tmp_path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        read_results(tmp_path / "nope")
    with pytest.raises(ValueError, match="no keras-tuner results"):
        find_project_dir(tmp_path)
    write_synthetic_search(tmp_path / "a", 2)
    write_synthetic_search(tmp_path / "b", 2)
    with pytest.raises(ValueError, match="several"):
        read_results(tmp_path)


def test_atomic_json_leaves_no_temporary_files(tmp_path) -> None:
    write_json(tmp_path / "x" / "status.json", {"state": "running"})
    write_json(tmp_path / "x" / "status.json", {"state": "finished"})
    assert json.loads((tmp_path / "x" / "status.json").read_text()) == {"state": "finished"}
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["status.json"]
    with pytest.raises(ValueError):
        write_json(tmp_path / "x" / "status.json", {"bad": float("nan")})
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["status.json"]


def test_demo_results_are_shipped_and_rich() -> None:
    results = read_results(ROOT / "models" / "tuner_demo")
    assert not results.skipped
    assert len(results.completed) >= 15
    assert results.best["score"] >= 0.975
    assert not results.histories.empty and results.hyperband()["bracket"].nunique() >= 2
    assert not list((ROOT / "models" / "tuner_demo").rglob("checkpoint*"))


# ------------------------------------------------------------------ CLI


def test_cli_help_mentions_roles() -> None:
    result = subprocess.run([sys.executable, "-m", "rna_core.tuning", "search", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert "--role" in result.stdout and "KERASTUNER_ORACLE_IP" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--max-epochs", "0"], "max_epochs must be at least 1"),
        (["--learning-rates", ""], "search space is empty"),
        (["--project", "../evil"], "Invalid project name"),
        (["--role", "worker"], "needs --oracle-ip"),
    ],
)
def test_cli_bad_input_is_one_clear_line(arguments: list[str], message: str, tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rna_core.tuning", "search", "--dir", str(tmp_path), *arguments],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_search_command_round_trips_through_the_cli_parser(tmp_path) -> None:
    from rna_core.tuning.__main__ import build_parser

    space = SearchSpace(neurons_min=64, neurons_max=128, neurons_step=64, layers_min=2, layers_max=3,
                        learning_rates=(1e-2, 1e-4), optimizers=("sgd", "rmsprop"), batch_sizes=(32,),
                        activations=("tanh",))
    settings = SearchSettings(tuner="bayesian", max_epochs=2, max_trials=4, train_size=1000, seed=7)
    args = build_parser().parse_args(search_command(tmp_path, space, settings)[3:])
    assert (args.tuner, args.max_epochs, args.max_trials, args.train_size, args.seed) == ("bayesian", 2, 4, 1000, 7)
    assert args.neurons == (64, 128, 64) and args.layers == (2, 3)
    assert args.learning_rates == (1e-2, 1e-4) and args.optimizers == ("sgd", "rmsprop")


def test_curves_of_a_continued_trial_include_its_inherited_epochs(tmp_path) -> None:
    write_synthetic_search(tmp_path, 6, epochs=3)  # trial 2 continues trial 1 from epoch 3
    results = read_results(tmp_path)
    curve = results.curves(["2", "1"], "val_accuracy")
    continued = curve[curve["trial_id"] == "2"]
    assert continued["epoch"].tolist() == [1, 2, 3, 4, 5, 6]
    assert continued["inherited"].tolist() == [True] * 3 + [False] * 3
    parent = results.histories.query("trial_id == '1' and metric == 'val_accuracy'")["value"].tolist()
    assert continued["value"].tolist()[:3] == parent
    assert curve[curve["trial_id"] == "1"]["inherited"].eq(False).all()
    assert results.curves(["missing"], "val_accuracy").empty
