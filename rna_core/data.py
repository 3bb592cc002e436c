"""MNIST loading, the course's train/validation/test split and normalisation helpers.

The arrays are exactly those of ``keras.datasets.mnist.load_data()``: uint8 images of
shape (n, 28, 28) and uint8 labels, in the official order.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

#: Environment variable that points to a local copy of ``mnist.npz``.
MNIST_ENV_VAR = "RNA_MNIST_PATH"
#: Where Keras caches the file after downloading it.
KERAS_CACHE_PATH = Path.home() / ".keras" / "datasets" / "mnist.npz"
_KEYS = ("x_train", "y_train", "x_test", "y_test")
#: Number of MNIST training images (the course trains on all of them).
MNIST_TRAIN_SIZE = 60_000

MnistArrays = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _read_npz(path: Path) -> MnistArrays:
    try:
        with np.load(path, allow_pickle=False) as data:
            files = set(data.files)
            arrays = [np.asarray(data[key]) for key in _KEYS if key in files]
    except Exception as error:  # not a zip, truncated, pickled...: all mean "unreadable"
        raise ValueError(f"{path} could not be read as an .npz file: {error}") from error
    if len(arrays) != len(_KEYS):
        raise ValueError(
            f"{path} is not an MNIST file: it lacks some of the arrays {', '.join(_KEYS)} "
            "(expected the same keys as Keras's mnist.npz)."
        )
    x_train, y_train, x_test, y_test = arrays
    if x_train.shape[1:] != (28, 28) or x_test.shape[1:] != (28, 28):
        raise ValueError(f"{path} does not hold 28x28 MNIST images (shape {x_train.shape}).")
    return (x_train, y_train), (x_test, y_test)


def load_mnist(path: str | os.PathLike[str] | None = None) -> MnistArrays:
    """Load MNIST as ``((x_train, y_train), (x_test, y_test))``, uint8 arrays.

    Parameters
    ----------
    path : str or PathLike, optional
        A local ``mnist.npz`` with the arrays ``x_train, y_train, x_test, y_test``.
        When given it must exist: no other place is tried.

    Returns
    -------
    tuple
        ``((x_train, y_train), (x_test, y_test))`` shaped (60000, 28, 28), (60000,),
        (10000, 28, 28), (10000,), like ``keras.datasets.mnist.load_data()``.

    Raises
    ------
    FileNotFoundError
        If ``path`` (or ``$RNA_MNIST_PATH``) names a missing file, or if nothing local
        exists and the download fails (offline); the message lists the paths tried and
        how to provide the file.
    ValueError
        If the file exists but is not a readable MNIST ``.npz``.

    Notes
    -----
    Looks, in order, at ``path``, the ``RNA_MNIST_PATH`` environment variable, the Keras
    cache ``~/.keras/datasets/mnist.npz``, and finally downloads through Keras.
    """
    if path is not None:
        candidate = Path(path).expanduser()
        if not candidate.is_file():
            raise FileNotFoundError(
                f"MNIST file not found at '{candidate}'. Expected an .npz file with the arrays "
                f"{', '.join(_KEYS)} (the file keras.datasets.mnist.load_data() downloads)."
            )
        return _read_npz(candidate)

    tried: list[str] = []
    from_env = os.environ.get(MNIST_ENV_VAR)
    if from_env:
        candidate = Path(from_env).expanduser()
        if not candidate.is_file():
            raise FileNotFoundError(
                f"{MNIST_ENV_VAR} points to '{candidate}', but there is no file there. "
                f"Point it to an mnist.npz with the arrays {', '.join(_KEYS)}."
            )
        return _read_npz(candidate)
    tried.append(f"${MNIST_ENV_VAR} (not set)")

    if KERAS_CACHE_PATH.is_file():
        return _read_npz(KERAS_CACHE_PATH)
    tried.append(str(KERAS_CACHE_PATH))

    try:
        import keras  # lazy: only needed for the download

        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:  # offline: urllib raises various errors
        raise FileNotFoundError(
            "Could not find or download MNIST. Tried: "
            + "; ".join(tried)
            + f"; download through keras failed ({type(error).__name__}: {error}). "
            f"Download mnist.npz once and set {MNIST_ENV_VAR}=/path/to/mnist.npz, "
            "or pass the path to load_mnist()."
        ) from error
    return (x_train, y_train), (x_test, y_test)


class Split(NamedTuple):
    """MNIST split into training, validation and test sets (uint8 images, labels)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def course_split(arrays: MnistArrays, seed: int = 42) -> Split:
    """Split MNIST the way the course does: the test set halved into validation + test.

    The 10,000 official test images are shuffled with ``seed`` and stratified by label:
    each digit's test images are split in half (the odd one goes to the test half), so
    validation and test keep MNIST's class balance. The 60,000 training images stay as
    they are.

    Parameters
    ----------
    arrays : tuple
        What :func:`load_mnist` returns.
    seed : int
        Seed of the shuffle; the same seed always gives the same split.

    Returns
    -------
    Split
        Training (60,000), validation (about 5,000) and test (about 5,000) sets.
    """
    (x_train, y_train), (x_test, y_test) = arrays
    rng = np.random.default_rng(seed)
    val_idx: list[np.ndarray] = []
    test_idx: list[np.ndarray] = []
    for label in np.unique(y_test):
        members = rng.permutation(np.flatnonzero(y_test == label))
        half = len(members) // 2
        val_idx.append(members[:half])
        test_idx.append(members[half:])
    val = rng.permutation(np.concatenate(val_idx))
    test = rng.permutation(np.concatenate(test_idx))
    return Split(x_train, y_train, x_test[val], y_test[val], x_test[test], y_test[test])


def normalize(images: np.ndarray) -> np.ndarray:
    """Scale uint8 pixel values 0..255 to float32 0..1 (divide by 255, as in training)."""
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise ValueError(f"normalize expects uint8 pixels 0..255, got {images.dtype}.")
    return images.astype(np.float32) / np.float32(255.0)


def flatten(images: np.ndarray) -> np.ndarray:
    """Turn images of shape (n, 28, 28) into rows of 784 values, the input of an MLP."""
    images = np.asarray(images)
    if images.ndim < 2:
        raise ValueError(f"flatten expects a batch of images, got shape {images.shape}.")
    return images.reshape(images.shape[0], -1)


def prepare_for_mlp(images: np.ndarray) -> np.ndarray:
    """uint8 images (n, 28, 28) -> float32 rows (n, 784) in [0, 1]."""
    return flatten(normalize(images))


@dataclass(frozen=True)
class TrainingData:
    """MNIST ready for the dense network: float32 rows of 784 pixels in [0, 1], int labels.

    Build it once with :func:`prepare_training_data` and share it read-only between jobs.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    _tensors: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _tensor_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    @property
    def sizes(self) -> tuple[int, int, int]:
        """Numbers of training, validation and test examples."""
        return len(self.y_train), len(self.y_val), len(self.y_test)

    def train_tensors(self) -> tuple[Any, Any]:
        """The training set in the form ``fit`` uses without copying it, shared by every job.

        Under TensorFlow, ``fit`` given NumPy arrays copies the whole training set (188 MB
        of float32) into TensorFlow for every run; given tensors, it does not, so the
        tensors are made once (importing TensorFlow) and never modified. Under JAX (and any
        other backend) ``fit`` slices NumPy arrays batch by batch without copying them: the
        read-only arrays themselves are returned and TensorFlow is never imported.
        """
        from rna_core.backend import backend_name

        if backend_name() != "tensorflow":
            return self.x_train, self.y_train
        with self._tensor_lock:
            if "train" not in self._tensors:
                import tensorflow as tf

                # tf.identity keeps one TensorFlow copy of the 188 MB set; tf.constant and
                # tf.convert_to_tensor leave about twice that resident (measured: BENCHMARKS.md).
                self._tensors["train"] = (tf.identity(self.x_train), tf.identity(self.y_train))
            return self._tensors["train"]


def prepare_training_data(
    arrays: MnistArrays | None = None, *, seed: int = 42, train_samples: int | None = None
) -> TrainingData:
    """Split MNIST the course's way and prepare it for the dense network, once.

    Parameters
    ----------
    arrays : tuple, optional
        What :func:`rna_core.data.load_mnist` returns; loaded when omitted.
    seed : int
        Seed of the validation/test split.
    train_samples : int, optional
        Keep only the first ``train_samples`` training images (quick runs and tests).

    Returns
    -------
    TrainingData
        Read-only float32 inputs and int32 labels.
    """
    split = course_split(arrays if arrays is not None else load_mnist(), seed=seed)
    x_train, y_train = split.x_train, split.y_train
    if train_samples is not None:
        if not 1 <= train_samples <= len(y_train):
            raise ValueError(f"train_samples must be between 1 and {len(y_train):,}.")
        x_train, y_train = x_train[:train_samples], y_train[:train_samples]
    prepared = []
    for images, labels in ((x_train, y_train), (split.x_val, split.y_val), (split.x_test, split.y_test)):
        x = prepare_for_mlp(images)
        y = np.asarray(labels, dtype=np.int32)
        x.setflags(write=False)
        y.setflags(write=False)
        prepared += [x, y]
    return TrainingData(*prepared)
