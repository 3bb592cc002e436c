"""MNIST loader and split: path, environment variable, clear errors, no network."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core import data


def test_load_from_env_var_has_keras_shapes(mnist_path, monkeypatch) -> None:
    monkeypatch.setenv(data.MNIST_ENV_VAR, mnist_path)
    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert x_test.shape == (10000, 28, 28)
    assert np.bincount(y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_explicit_path_wins_over_env(mnist_path, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(data.MNIST_ENV_VAR, str(tmp_path / "nowhere.npz"))
    (x_train, _), _ = data.load_mnist(mnist_path)
    assert x_train.shape == (60000, 28, 28)


def test_missing_path_names_it_and_what_was_expected(tmp_path) -> None:
    missing = tmp_path / "missing.npz"
    with pytest.raises(FileNotFoundError) as info:
        data.load_mnist(missing)
    assert str(missing) in str(info.value)
    assert "x_train" in str(info.value)


def test_env_var_to_missing_file_is_reported(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(data.MNIST_ENV_VAR, str(tmp_path / "gone.npz"))
    with pytest.raises(FileNotFoundError, match=data.MNIST_ENV_VAR):
        data.load_mnist()


def test_not_an_npz_gives_value_error(tmp_path) -> None:
    bogus = tmp_path / "mnist.npz"
    bogus.write_bytes(b"definitely not a zip file")
    with pytest.raises(ValueError, match="could not be read"):
        data.load_mnist(bogus)


def test_npz_without_mnist_arrays_is_refused(tmp_path) -> None:
    other = tmp_path / "other.npz"
    np.savez(other, a=np.zeros(3))
    with pytest.raises(ValueError, match="lacks"):
        data.load_mnist(other)


def test_course_split_is_stratified_seeded_and_disjoint() -> None:
    rng = np.random.default_rng(0)
    y_test = np.repeat(np.arange(10), 101).astype(np.uint8)
    x_test = np.arange(len(y_test) * 784, dtype=np.int64).reshape(-1, 28, 28) % 256
    x_test = x_test.astype(np.uint8)
    x_test[:, 0, 0] = np.arange(len(y_test)) % 256  # not needed for identity; index check below
    arrays = ((np.zeros((5, 28, 28), np.uint8), rng.integers(0, 10, 5).astype(np.uint8)), (x_test, y_test))
    split = data.course_split(arrays, seed=3)
    again = data.course_split(arrays, seed=3)
    assert np.array_equal(split.y_val, again.y_val) and np.array_equal(split.x_test, again.x_test)
    assert len(split.y_val) == 500 and len(split.y_test) == 510
    assert np.bincount(split.y_val).tolist() == [50] * 10
    assert np.bincount(split.y_test).tolist() == [51] * 10
    different = data.course_split(arrays, seed=4)
    assert not np.array_equal(split.y_val, different.y_val)


def test_normalize_and_flatten() -> None:
    images = np.array([[[0, 255], [51, 102]]], dtype=np.uint8)
    rows = data.prepare_for_mlp(images)
    assert rows.dtype == np.float32 and rows.shape == (1, 4)
    np.testing.assert_allclose(rows[0], [0.0, 1.0, 0.2, 0.4], rtol=1e-6)
    with pytest.raises(ValueError, match="uint8"):
        data.normalize(images.astype(np.float32))


def test_training_subset_is_stratified_seeded_and_mixed() -> None:
    from rna_core.data import training_subset

    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(10), [500, 700, 600, 650, 580, 520, 610, 630, 590, 620])
    labels = labels[rng.permutation(len(labels))]
    images = np.arange(len(labels))
    x, y = training_subset(images, labels, 1000, seed=3)
    assert len(x) == len(y) == 1000 and len(set(x.tolist())) == 1000
    np.testing.assert_array_equal(labels[x], y)
    expected = 1000 * np.bincount(labels) / len(labels)
    assert np.all(np.abs(np.bincount(y, minlength=10) - expected) <= 1.0)
    x_again, _ = training_subset(images, labels, 1000, seed=3)
    np.testing.assert_array_equal(x, x_again)
    assert not np.array_equal(training_subset(images, labels, 1000, seed=4)[0], x)
    assert len(set(y[:50].tolist())) > 5  # mixed, not sorted by digit
    whole_x, whole_y = training_subset(images, labels, None)
    assert whole_x is images and whole_y is labels


@pytest.mark.parametrize("bad", [0, -1, 10**9, 2.5, True])
def test_training_subset_refuses_impossible_sizes(bad) -> None:
    from rna_core.data import training_subset

    with pytest.raises(ValueError, match="training subset"):
        training_subset(np.zeros(20), np.arange(20) % 10, bad)


def test_exported_keras_code_picks_the_same_subset() -> None:
    from rna_core.data import training_subset
    from rna_core.model_code import to_keras_code
    from rna_core.models import FAST_CONFIG

    code = to_keras_code(FAST_CONFIG.replace(batch_size=32), train_samples=300)
    start = code.index("order = np.random.default_rng")
    end = code.index("x_train, y_train = x_train[keep], y_train[keep]") + len("x_train, y_train = x_train[keep], y_train[keep]")
    labels = np.random.default_rng(1).integers(0, 10, 3000)
    namespace = {"np": np, "x_train": np.arange(3000), "y_train": labels}
    exec(code[start:end], namespace)  # noqa: S102 - our own generated code
    expected, _ = training_subset(np.arange(3000), labels, 300, FAST_CONFIG.seed)
    np.testing.assert_array_equal(namespace["x_train"], expected)
