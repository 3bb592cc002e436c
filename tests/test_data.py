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


@pytest.mark.keras
def test_offline_without_any_file_says_how_to_provide_it(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(data.MNIST_ENV_VAR, raising=False)
    monkeypatch.setattr(data, "KERAS_CACHE_PATH", tmp_path / "cache" / "mnist.npz")
    import keras

    def offline(*_args, **_kwargs):
        raise OSError("network is unreachable")

    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    with pytest.raises(FileNotFoundError) as info:
        data.load_mnist()
    message = str(info.value)
    assert data.MNIST_ENV_VAR in message and str(tmp_path / "cache" / "mnist.npz") in message


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
