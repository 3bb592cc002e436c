"""The optimizer race: trajectories, leaderboard, divergence, bad input; the MNIST race."""

from __future__ import annotations

import json
import math
import time

import numpy as np
import pandas as pd
import pytest

from rna_core.files import PROJECT_ROOT
from rna_core.mnist_race import (
    HISTORY_COLUMNS,
    MnistRaceJob,
    MnistRaceSettings,
    final_table,
    prepare_race_data,
    race,
    read_result,
    save_result,
)
from rna_core.optimizers import make_optimizer
from rna_core.race import RACER_KINDS, RaceInputError, Racer, default_racer, run_race
from rna_core.surfaces import TEST_FUNCTIONS, logistic_surface

RAVINE = TEST_FUNCTIONS["ravine"]


@pytest.fixture(scope="module")
def logistic():
    return logistic_surface()


def test_trajectories_start_together_and_match_the_optimizer():
    racers = [default_racer(kind, RAVINE) for kind in ("gd", "momentum", "rmsprop", "adam")]
    result = run_race(RAVINE, racers, (-8.0, 2.5), 50)
    table = result.trajectories
    assert list(table.columns) == ["step", "racer", "x", "y", "loss"]
    assert len(table) == 4 * 51
    assert (table[table["step"] == 0][["x", "y"]].to_numpy() == [-8.0, 2.5]).all()
    # The race uses exactly the optimizer's update rule.
    adam = make_optimizer("adam", **racers[3].config)
    x, y = -8.0, 2.5
    for _ in range(50):
        x, y = adam.apply_gradients([x, y], list(RAVINE.gradient(x, y)))
    assert result.positions_at(50).set_index("racer").loc["adam", ["x", "y"]].tolist() == pytest.approx([x, y])
    np.testing.assert_allclose(table["loss"], RAVINE.value(table["x"].to_numpy(), table["y"].to_numpy()))
    # The state history is the optimizer's own state.
    np.testing.assert_allclose(result.states["adam"]["momentums"][-1], adam.momentums)
    assert set(result.states["gd"]) == set()
    assert set(result.states["rmsprop"]) == {"velocities"}


def test_leaderboard_orders_by_arrival_and_momentum_beats_gd_in_the_ravine():
    racers = [default_racer("gd", RAVINE), default_racer("momentum", RAVINE)]
    result = run_race(RAVINE, racers, RAVINE.start, 400)
    board = result.leaderboard
    assert list(board["racer"]) == ["momentum", "gd"] and result.winner == "momentum"
    assert list(board["rank"]) == [1, 2]
    first = board.iloc[0]
    reached = result.trajectories.query("racer == 'momentum'")
    arrival = reached[reached["loss"] - RAVINE.min_value <= RAVINE.tolerance]["step"].min()
    assert first["steps_to_tolerance"] == arrival
    assert not board["diverged"].any()


def test_too_large_learning_rate_is_reported_as_diverged_not_nan():
    racers = [default_racer("gd", RAVINE, name="wild", learning_rate=1.0), default_racer("adam", RAVINE)]
    result = run_race(RAVINE, racers, RAVINE.start, 300)
    board = result.leaderboard.set_index("racer")
    assert board.loc["wild", "diverged"] and not board.loc["adam", "diverged"]
    assert 1 <= board.loc["wild", "diverged_at"] < 300
    assert math.isnan(board.loc["wild", "final_loss"])
    assert np.isfinite(result.trajectories[["x", "y", "loss"]].to_numpy()).all()
    assert result.leaderboard.iloc[-1]["racer"] == "wild"  # diverged racers come last
    assert result.winner == "adam"


def test_every_racer_diverging_gives_no_winner():
    result = run_race(RAVINE, [default_racer("gd", RAVINE, learning_rate=5.0)], RAVINE.start, 100)
    assert result.winner is None


def test_minibatch_noise_is_real_and_seeded(logistic):
    racers = [default_racer(kind, logistic) for kind in RACER_KINDS]
    first = run_race(logistic, racers, logistic.start, 200, seed=1)
    again = run_race(logistic, racers, logistic.start, 200, seed=1)
    other = run_race(logistic, racers, logistic.start, 200, seed=2)
    pd.testing.assert_frame_equal(first.trajectories, again.trajectories)
    by_racer = {name: frame for name, frame in first.trajectories.groupby("racer")}
    other_by = {name: frame for name, frame in other.trajectories.groupby("racer")}
    np.testing.assert_array_equal(by_racer["gd"]["x"], other_by["gd"]["x"])  # full batch: no sampling
    assert not np.array_equal(by_racer["sgd"]["x"], other_by["sgd"]["x"])
    # Full-batch GD with a modest rate never goes uphill; SGD (one example) often does.
    assert (np.diff(by_racer["gd"]["loss"]) <= 1e-12).all()
    assert (np.diff(by_racer["sgd"]["loss"]) > 0).sum() > 20


@pytest.mark.parametrize("rate", [0.0, -0.01, float("nan")])
def test_bad_learning_rate(rate):
    with pytest.raises(RaceInputError) as caught:
        default_racer("adam", RAVINE, learning_rate=rate)
    assert caught.value.key == "optimizers.error.learning_rate" and "learning rate" in str(caught.value)


@pytest.mark.parametrize("start", [(50.0, 0.0), (0.0, -3.5), (float("nan"), 0.0)])
def test_start_outside_the_map(start):
    with pytest.raises(RaceInputError, match="outside the plotted area") as caught:
        run_race(RAVINE, [default_racer("gd", RAVINE)], start, 10)
    assert caught.value.key == "optimizers.error.start" and caught.value.values["x_max"] == 10.0


@pytest.mark.parametrize("steps", [0, -5, 10_000])
def test_bad_number_of_steps(steps):
    with pytest.raises(RaceInputError, match="number of steps") as caught:
        run_race(RAVINE, [default_racer("gd", RAVINE)], RAVINE.start, steps)
    assert caught.value.key == "optimizers.error.steps"


def test_other_bad_races(logistic):
    with pytest.raises(RaceInputError, match="at least one"):
        run_race(RAVINE, [], RAVINE.start, 10)
    with pytest.raises(ValueError, match="same name"):
        run_race(RAVINE, [default_racer("gd", RAVINE)] * 2, RAVINE.start, 10)
    with pytest.raises(ValueError, match="needs a data set"):
        run_race(RAVINE, [default_racer("minibatch", RAVINE)], RAVINE.start, 10)
    with pytest.raises(ValueError, match="batch size"):
        run_race(logistic, [default_racer("minibatch", logistic, batch_size=1000)], logistic.start, 10)
    with pytest.raises(ValueError, match="Unknown racer"):
        default_racer("lion", RAVINE)
    with pytest.raises(ValueError):
        Racer.make("x", "sgd", momentum=2.0)


def test_state_at_and_positions_after_divergence():
    racers = [default_racer("gd", RAVINE, name="wild", learning_rate=1.0), default_racer("momentum", RAVINE)]
    result = run_race(RAVINE, racers, RAVINE.start, 100)
    last = result.positions_at(100).set_index("racer")
    wild_rows = result.trajectories.query("racer == 'wild'")
    assert last.loc["wild", "step"] == wild_rows["step"].max() < 100  # stays at its last sane point
    state = result.state_at(100)
    assert set(state["racer"]) == {"momentum"} and set(state["axis"]) == {0, 1}


# -- the MNIST race --------------------------------------------------------------------


def test_settings_validate_and_round_trip():
    settings = MnistRaceSettings(epochs=2, train_samples=500, optimizers=("adam", "sgd"))
    assert MnistRaceSettings.from_dict(json.loads(json.dumps(settings.to_dict()))) == settings
    assert settings.config_for("momentum").optimizer == "momentum"
    assert settings.config_for("adam").hidden_layers == (300, 100)
    for bad in ({"epochs": 0}, {"train_samples": 10}, {"optimizers": ("lion",)}, {"optimizers": ()},
                {"optimizers": ("sgd", "sgd")}, {"batch_size": 2.5}):
        with pytest.raises(ValueError):
            MnistRaceSettings(**bad)
    with pytest.raises(ValueError):
        MnistRaceSettings.from_dict({"epochs": 1, "path": "/etc"})


def test_shipped_result_is_readable_and_complete():
    history, settings, meta = read_result(PROJECT_ROOT / "models" / "optimizer_race")
    assert settings.train_samples == 60_000 and settings.epochs >= 3
    assert set(history["optimizer"]) == set(settings.optimizers)
    assert (history.groupby("optimizer")["epoch"].max() == settings.epochs).all()
    assert history["val_loss"].notna().all() and (history["seconds"] >= 0).all()
    assert meta["command"].startswith("python -m rna_core.mnist_race")
    start = history[history["epoch"] == 0]["val_loss"]
    assert start.nunique() == 1  # the same initial weights for every racer
    table = final_table(history)
    assert table["val_loss"].is_monotonic_increasing


def test_read_result_refuses_bad_files(tmp_path):
    (tmp_path / "race.json").write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ValueError):
        read_result(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_result(tmp_path / "missing")


@pytest.mark.slow
@pytest.mark.keras
def test_a_tiny_real_mnist_race_same_start_and_saved(mnist_path, tmp_path):
    settings = MnistRaceSettings(epochs=2, train_samples=320, optimizers=("sgd", "adam"))
    data = prepare_race_data(settings, mnist_path)
    assert data.x_train.shape == (320, 784) and data.x_val.dtype == np.float32
    rows = []
    history = race(settings, data, on_row=rows.append)
    assert list(history.columns) == list(HISTORY_COLUMNS) and len(rows) == len(history) == 2 * 3
    start = history[history["epoch"] == 0]
    assert start["val_loss"].nunique() == 1
    after = history[history["epoch"] == 2].set_index("optimizer")["val_loss"]
    assert after.notna().all() and after["adam"] != after["sgd"]
    save_result(history, settings, tmp_path, "python -m rna_core.mnist_race --out x")
    again, saved_settings, _ = read_result(tmp_path)
    assert saved_settings == settings
    pd.testing.assert_frame_equal(again, history, check_dtype=False)
    assert (tmp_path / "history.csv").read_text().startswith("optimizer,epoch,seconds")


@pytest.mark.slow
@pytest.mark.keras
def test_background_job_stops_on_request(mnist_path):
    settings = MnistRaceSettings(epochs=50, train_samples=2_000)
    job = MnistRaceJob(settings, prepare_race_data(settings, mnist_path)).start()
    for _ in range(1200):  # wait (at most 2 minutes) for the first history row
        if not job.progress().history.empty:
            break
        time.sleep(0.1)
    job.stop()
    assert job.wait(timeout=120)
    snapshot = job.progress()
    assert snapshot.status == "stopped" and snapshot.done
    assert snapshot.history["epoch"].max() < 50
    with pytest.raises(ValueError):
        job.start()


@pytest.mark.parametrize(
    "module",
    ["rna_core.optimizers", "rna_core.surfaces", "rna_core.race", "rna_core.mnist_race", "rna_core.charts.optimizers"],
)
def test_modules_import_neither_streamlit_nor_tensorflow(module):
    import subprocess
    import sys

    code = (
        f"import sys, {module}; "
        "print(','.join(m for m in ('streamlit', 'tensorflow', 'keras') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
