"""Loss surfaces: exact gradients, minima, and a finite sum whose mini-batches are honest."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.losses import binary_crossentropy
from rna_core.surfaces import SURFACE_NAMES, TEST_FUNCTIONS, get_surface, logistic_surface, make_logistic_data


@pytest.fixture(scope="module")
def logistic():
    return logistic_surface()


def numeric_gradient(value, x, y, h=1e-6):
    return (
        (value(x + h, y) - value(x - h, y)) / (2 * h),
        (value(x, y + h) - value(x, y - h)) / (2 * h),
    )


@pytest.mark.parametrize("name", SURFACE_NAMES)
def test_gradient_matches_finite_differences(name):
    surface = get_surface(name)
    rng = np.random.default_rng(0)
    x_min, x_max, y_min, y_max = surface.bounds
    for x, y in zip(rng.uniform(x_min, x_max, 8), rng.uniform(y_min, y_max, 8), strict=True):
        exact = surface.gradient(float(x), float(y))
        approx = numeric_gradient(surface.value, float(x), float(y))
        np.testing.assert_allclose(exact, approx, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", SURFACE_NAMES)
def test_minimum_is_a_minimum_inside_the_map(name):
    surface = get_surface(name)
    assert surface.contains(*surface.minimum) and surface.contains(*surface.start)
    np.testing.assert_allclose(surface.gradient(*surface.minimum), (0.0, 0.0), atol=1e-7)
    assert surface.value(*surface.minimum) == pytest.approx(surface.min_value, abs=1e-12)
    _, _, values = surface.grid(60)
    assert values.min() >= surface.min_value - 1e-9
    for local in surface.local_minima:
        np.testing.assert_allclose(surface.gradient(*local), (0.0, 0.0), atol=1e-7)
        assert surface.value(*local) > surface.min_value + 1e-6  # a trap: a higher valley
    for twin in surface.twin_minima:
        np.testing.assert_allclose(surface.gradient(*twin), (0.0, 0.0), atol=1e-7)
        assert surface.value(*twin) == pytest.approx(surface.min_value, abs=1e-12)


def test_saddle_map_draws_both_valleys_as_minima_and_the_start_on_the_ridge():
    surface = get_surface("saddle")
    marks = surface.landmarks(surface.start)
    assert sorted(marks.loc[marks["kind"] == "minimum", "y"]) == [-1.0, 1.0]
    assert "local" not in set(marks["kind"])
    x, y = surface.start
    assert abs(y) < 0.01  # on the ridge y = 0 ...
    assert np.hypot(x, y) > 1.5  # ... far from the saddle point (0, 0) itself


def test_grid_orientation():
    surface = TEST_FUNCTIONS["ravine"]
    xs, ys, values = surface.grid(5)
    assert values.shape == (5, 5)
    assert values[1, 3] == pytest.approx(surface.value(xs[3], ys[1]))


def test_logistic_cost_is_the_mean_binary_crossentropy(logistic):
    from rna_core.activations import sigmoid

    w, b = 1.3, -0.4
    expected = binary_crossentropy(logistic.labels, sigmoid(w * logistic.features + b))
    assert logistic.value(w, b) == pytest.approx(expected, rel=1e-9)
    assert logistic.loss(w, b) == pytest.approx(expected, rel=1e-12)


def test_batch_gradient_equals_chain_rule_through_losses(logistic):
    batch = np.arange(40, 72)
    np.testing.assert_allclose(
        logistic.batch_gradient(0.7, 0.2, batch), logistic.chain_rule_gradient(0.7, 0.2, batch), rtol=1e-9
    )


def test_one_epoch_of_minibatches_averages_to_the_full_gradient(logistic):
    w, b = -0.5, 1.5
    full = np.array(logistic.batch_gradient(w, b))
    for batch_size in (1, 30, 32, 300):
        batches = logistic.minibatches(batch_size, seed=3)
        per_epoch = logistic.iterations_per_epoch(batch_size)
        seen, weighted = [], np.zeros(2)
        for _ in range(per_epoch):
            batch = next(batches)
            seen.extend(batch.tolist())
            weighted += len(batch) * np.array(logistic.batch_gradient(w, b, batch))
        assert sorted(seen) == list(range(logistic.n_samples)), "an epoch visits every example once"
        np.testing.assert_allclose(weighted / logistic.n_samples, full, rtol=1e-10, atol=1e-14)


def test_single_examples_are_noisy_but_unbiased(logistic):
    w, b = 0.0, 0.0
    singles = np.array([logistic.batch_gradient(w, b, np.array([i])) for i in range(logistic.n_samples)])
    assert singles.std(axis=0).min() > 0.05  # SGD's noise is real
    np.testing.assert_allclose(singles.mean(axis=0), logistic.batch_gradient(w, b), atol=1e-12)


def test_epoch_is_m_over_n_iterations(logistic):
    assert logistic.n_samples == 300
    assert logistic.iterations_per_epoch(1) == 300
    assert logistic.iterations_per_epoch(30) == 10
    assert logistic.iterations_per_epoch(32) == 10  # 9 full batches and one of 12
    assert logistic.iterations_per_epoch(300) == 1


@pytest.mark.parametrize("bad", [0, 301, -1, 2.5, "32", True])
def test_bad_batch_size(logistic, bad):
    with pytest.raises(ValueError, match="batch size"):
        logistic.iterations_per_epoch(bad)


def test_data_is_seeded_and_classes_overlap():
    first, second = make_logistic_data(seed=7), make_logistic_data(seed=7)
    np.testing.assert_array_equal(first[0], second[0])
    features, labels = first
    assert 0.2 < labels.mean() < 0.8
    assert labels[features > 0].min() == 0 and labels[features < 0].max() == 1  # not separable: finite minimum


def test_unknown_surface():
    with pytest.raises(ValueError, match="Unknown surface"):
        get_surface("everest")
