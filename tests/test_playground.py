"""rna_core.playground: data sets, features, the network's maths (finite differences) and learning."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from rna_core.playground import (
    DATASETS,
    FEATURES,
    PLAYGROUND_ACTIVATIONS,
    REGULARIZERS,
    Network,
    feature_matrix,
    make_dataset,
    split_train_test,
)
from rna_core.playground.experiment import Experiment, plane_grid
from rna_core.playground.settings import Settings

LOSS_CASES = [  # (classes, loss choice): every output/loss pair the network offers
    (2, "auto"), (3, "auto"), (0, "auto"), (2, "mse"), (3, "mse"),
]


def labels_for(classes: int, n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.uniform(-1, 1, n) if classes == 0 else rng.integers(0, classes, n)


@pytest.mark.parametrize("name", list(DATASETS))
def test_datasets_have_the_promised_shape_range_and_labels(name: str) -> None:
    for noise in (0.0, 0.5):
        X, y = make_dataset(name, n=321, noise=noise, seed=3)
        assert X.shape == (321, 2) and X.dtype == np.float64
        assert np.all(np.abs(X) <= 6.0)
        assert y.shape == (321,)
        classes = DATASETS[name].classes
        if classes:
            assert y.dtype.kind == "i" and set(np.unique(y)) == set(range(classes))
        else:
            assert y.dtype.kind == "f" and np.all(np.abs(y) <= 1.0) and y.std() > 0.05


@pytest.mark.parametrize("name", list(DATASETS))
def test_datasets_are_deterministic_per_seed(name: str) -> None:
    X1, y1 = make_dataset(name, seed=7, noise=0.2)
    X2, y2 = make_dataset(name, seed=7, noise=0.2)
    X3, _ = make_dataset(name, seed=8, noise=0.2)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


def test_default_dataset_call_gives_500_points() -> None:
    X, y = make_dataset("xor")
    assert X.shape == (500, 2) and y.shape == (500,)


@pytest.mark.parametrize("bad", [
    {"name": "moons"}, {"name": "xor", "n": 3}, {"name": "xor", "noise": 0.9}, {"name": "xor", "noise": -0.1},
    {"name": "xor", "seed": -1}, {"name": "xor", "n": 10.5},
])
def test_make_dataset_rejects_bad_arguments(bad: dict) -> None:
    with pytest.raises(ValueError):
        make_dataset(**bad)


def test_xor_labels_follow_the_sign_of_the_product_without_noise() -> None:
    X, y = make_dataset("xor", noise=0.0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))


def test_split_is_a_partition_with_the_asked_share() -> None:
    train, test = split_train_test(500, 0.3, seed=1)
    assert len(train) == 150 and len(test) == 350
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(500))
    with pytest.raises(ValueError):
        split_train_test(500, 1.0, seed=1)


def test_features_compute_their_formulas() -> None:
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    table = feature_matrix(X, list(FEATURES))
    expected = np.column_stack([X[:, 0], X[:, 1], X[:, 0] ** 2, X[:, 1] ** 2, X[:, 0] * X[:, 1],
                                np.sin(X[:, 0]), np.sin(X[:, 1])])
    np.testing.assert_allclose(table, expected)


def numeric_gradients(network: Network, X: np.ndarray, y: np.ndarray, h: float = 1e-6) -> list[np.ndarray]:
    grads = []
    params = network.parameters()
    for index, param in enumerate(params):
        grad = np.zeros_like(param)
        for position in np.ndindex(param.shape):
            values = [p.copy() for p in params]
            values[index][position] += h
            network.set_parameters(values)
            up = network.cost(X, y)
            values[index][position] -= 2 * h
            network.set_parameters(values)
            down = network.cost(X, y)
            grad[position] = (up - down) / (2 * h)
        grads.append(grad)
    network.set_parameters(params)
    return grads


@pytest.mark.parametrize("activation", PLAYGROUND_ACTIVATIONS)
@pytest.mark.parametrize(("classes", "loss"), LOSS_CASES)
@pytest.mark.parametrize("regularization", REGULARIZERS)
def test_gradients_equal_finite_differences(activation: str, classes: int, loss: str, regularization: str) -> None:
    rng = np.random.default_rng(5)
    X = rng.uniform(-3, 3, (12, 2))
    y = labels_for(classes, 12, rng)
    network = Network((3, 2), activation, features=("x1", "x2", "x1x2"), classes=classes, loss=loss,
                      regularization=regularization, regularization_rate=0.01, seed=2)
    network.set_parameters([p + rng.normal(0, 0.3, p.shape) for p in network.parameters()])  # biases not 0
    analytic = network.gradients(X, y)
    for ours, numeric in zip(analytic, numeric_gradients(network, X, y), strict=True):
        np.testing.assert_allclose(ours, numeric, rtol=1e-4, atol=1e-7)


def test_output_and_loss_are_matched_to_the_task() -> None:
    assert (Network(classes=2).output_activation, Network(classes=2).loss_name) == ("sigmoid", "binary_crossentropy")
    assert (Network(classes=3).output_activation, Network(classes=3).loss_name) == ("softmax", "categorical_crossentropy")
    assert (Network(classes=0).output_activation, Network(classes=0).loss_name) == ("linear", "mean_squared_error")
    assert Network(classes=2, loss="mse").loss_name == "mean_squared_error"
    assert Network(classes=3).predict(np.zeros((4, 2))).shape == (4, 3)


def test_regularization_penalty_is_added_to_the_cost() -> None:
    X, y = make_dataset("gauss", n=50)
    plain = Network(seed=1)
    l2 = Network(seed=1, regularization="l2", regularization_rate=0.1)
    l1 = Network(seed=1, regularization="l1", regularization_rate=0.1)
    assert plain.cost(X, y) == plain.loss(X, y)
    assert l2.cost(X, y) - l2.loss(X, y) == pytest.approx(0.1 * sum((W ** 2).sum() for W in l2.weights))
    assert l1.cost(X, y) - l1.loss(X, y) == pytest.approx(0.1 * sum(np.abs(W).sum() for W in l1.weights))


def test_same_seed_same_training_and_different_seed_differs() -> None:
    X, y = make_dataset("circle", n=100)
    runs = [Network(seed=s, batch_size=7).fit(X, y, 3) for s in (4, 4, 5)]
    for a, b in zip(runs[0].parameters(), runs[1].parameters(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(runs[0].weights[0], runs[2].weights[0])
    assert runs[0].epoch == 3


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_training_lowers_the_cost_with_every_optimizer(optimizer: str) -> None:
    X, y = make_dataset("gauss", n=200, noise=0.1)
    network = Network((4,), "relu", optimizer=optimizer, learning_rate=0.01)
    before = network.cost(X, y)
    network.fit(X, y, 20)
    assert network.cost(X, y) < 0.6 * before


def test_fit_takes_one_update_per_mini_batch() -> None:
    X, y = make_dataset("gauss", n=95)
    network = Network(batch_size=10, optimizer="adam")
    network.fit(X, y, 2)
    assert network.optimizer.iterations == 2 * 10  # 95 points: 9 full batches and one of 5, twice


def train_and_score(name: str, features: list[str], layers: tuple, seed: int, optimizer: str,
                    learning_rate: float, epochs: int) -> float:
    X, y = make_dataset(name, 500, 0.0, seed)
    train, test = split_train_test(500, 0.5, seed)
    network = Network(layers, "tanh", features=features, optimizer=optimizer, learning_rate=learning_rate,
                      batch_size=10, seed=seed)
    network.fit(X[train], y[train], epochs)
    return network.accuracy(X[test], y[test])


def test_spiral_with_all_features_and_three_layers_of_eight_tanh() -> None:
    # One seed's score moves by a few points with the NumPy/BLAS build (0.93-0.96 for seed 1):
    # the claim is about the recipe, so it is checked over six seeds.
    scores = [train_and_score("spiral", list(FEATURES), (8, 8, 8), seed, "adam", 0.01, 400) for seed in range(6)]
    assert np.median(scores) >= 0.95, scores
    assert min(scores) >= 0.9, scores


def test_circle_with_squares_and_no_hidden_layer() -> None:
    assert train_and_score("circle", ["x1sq", "x2sq"], (), 0, "sgd", 0.03, 100) >= 0.98


def test_xor_with_the_product_alone() -> None:
    assert train_and_score("xor", ["x1x2"], (), 0, "sgd", 0.03, 100) >= 0.98


def test_plain_inputs_without_hidden_layer_cannot_solve_xor() -> None:
    assert train_and_score("xor", ["x1", "x2"], (), 0, "sgd", 0.03, 100) < 0.75


def test_three_classes_are_learnt() -> None:
    X, y = make_dataset("blobs3", 300, 0.0, 0)
    network = Network((4,), "tanh", classes=3, optimizer="adam", learning_rate=0.03).fit(X, y, 30)
    assert network.accuracy(X, y) >= 0.95
    np.testing.assert_allclose(network.predict(X).sum(axis=1), 1.0)


def test_regression_learns_the_plane() -> None:
    X, y = make_dataset("plane", 300, 0.0, 0)
    network = Network((), "linear", classes=0, learning_rate=0.01).fit(X, y, 30)
    assert network.loss(X, y) < 1e-3


@pytest.mark.parametrize("bad", [
    {"layers": (4,) * 7}, {"layers": (9,)}, {"layers": (0,)}, {"activation": "softmax"}, {"classes": 4},
    {"loss": "hinge"}, {"regularization": "l3"}, {"regularization_rate": -1.0}, {"optimizer": "rmsprop"},
    {"learning_rate": 0.0}, {"batch_size": 0}, {"features": ()}, {"features": ("x3",)},
])
def test_network_rejects_bad_settings(bad: dict) -> None:
    with pytest.raises(ValueError):
        Network(**bad)


def test_neuron_outputs_give_every_layer_over_a_grid() -> None:
    network = Network((3, 2), "relu", features=("x1", "x2", "sin1"))
    layers = network.neuron_outputs(plane_grid(5))
    assert [layer.shape for layer in layers] == [(25, 3), (25, 3), (25, 2), (25, 1)]
    np.testing.assert_allclose(layers[-1][:, 0], network.predict(plane_grid(5)))


def test_plane_grid_is_an_image_the_right_way_up() -> None:
    grid = plane_grid(3)
    assert grid[0].tolist() == [-6.0, 6.0] and grid[-1].tolist() == [6.0, -6.0]


def test_experiment_records_losses_and_stops_at_the_target() -> None:
    experiment = Experiment.create(Settings(dataset="gauss", learning_rate=0.1))
    assert len(experiment.test_losses) == 1 and experiment.epoch == 0
    assert not experiment.advance(3)
    assert experiment.epoch == 3 and len(experiment.train_losses) == 4
    target = experiment.test_losses[-1] * 0.99
    assert experiment.advance(500, target=target)
    assert experiment.test_losses[-1] <= target and experiment.epoch < 503
    pictures = experiment.pictures(8)
    assert [p.shape for p in pictures] == [(2, 8, 8), (4, 8, 8), (4, 8, 8), (1, 8, 8)]


def test_importing_the_playground_imports_neither_streamlit_nor_keras() -> None:
    code = ("import sys, rna_core.playground, rna_core.playground.keras_code, rna_core.playground.custom, "
            "rna_core.charts.playground; "
            "print(any(m in sys.modules for m in ('streamlit', 'keras', 'tensorflow', 'jax')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_learning_rate_changes_mid_run_but_a_new_network_needs_a_new_run() -> None:
    experiment = Experiment.create(Settings())
    experiment.advance(2)
    faster = Settings(learning_rate=0.3, batch_size=20, regularization_rate=0.01)
    assert experiment.can_continue_with(faster)
    experiment.continue_with(faster)
    assert experiment.network.learning_rate == 0.3 and experiment.network.batch_size == 20
    assert experiment.epoch == 2 and experiment.settings == faster
    assert not experiment.can_continue_with(Settings(layers=(3,)))
    with pytest.raises(ValueError):
        experiment.continue_with(Settings(dataset="xor"))
