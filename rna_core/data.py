"""MNIST loading, the course's train/validation/test split and normalisation helpers.

The arrays are exactly those of ``keras.datasets.mnist.load_data()``: uint8 images of
shape (n, 28, 28) and uint8 labels, in the official order.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rna_core.files import atomic_write

#: Environment variable that points to a local copy of ``mnist.npz``.
MNIST_ENV_VAR = "RNA_MNIST_PATH"
#: Where Keras downloads ``mnist.npz`` from, and that file's SHA-256 (as in ``keras.datasets.mnist``).
MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
#: Environment variable naming another address to download ``mnist.npz`` from (a mirror;
#: the tests point it to a loopback server). Its file is checked by its arrays, not by hash.
MNIST_URL_ENV_VAR = "RNA_MNIST_URL"
#: Environment variable that, set to anything but ``0``, refuses any download from a host other
#: than this machine (CI sets it: its tests must never reach the internet).
FORBID_DOWNLOADS_ENV_VAR = "RNA_FORBID_DOWNLOADS"
_KEYS = ("x_train", "y_train", "x_test", "y_test")
#: Number of MNIST training images (the course trains on all of them).
MNIST_TRAIN_SIZE = 60_000
#: Training, validation and test sizes of :func:`course_split` on MNIST (each digit's odd
#: test image goes to the test half): what :func:`prepare_training_data` gives.
COURSE_SPLIT_SIZES = (MNIST_TRAIN_SIZE, 4_999, 5_001)

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


def keras_cache_dir() -> Path:
    """Keras's cache folder: ``$KERAS_HOME`` when set, else ``~/.keras`` (read at each call)."""
    home = os.environ.get("KERAS_HOME")
    return Path(home).expanduser() if home else Path.home() / ".keras"


def downloads_forbidden() -> bool:
    """Whether ``$RNA_FORBID_DOWNLOADS`` forbids downloads (set to anything but ``0`` or nothing)."""
    return os.environ.get(FORBID_DOWNLOADS_ENV_VAR, "0").strip() not in ("", "0")


def _refuse_forbidden_download(url: str, tried: list[str]) -> None:
    """Raise when downloads are forbidden and ``url`` is not on this machine."""
    if not downloads_forbidden():
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise RuntimeError(
            f"{FORBID_DOWNLOADS_ENV_VAR} is set, so MNIST is not downloaded from {url}. Tried: "
            + "; ".join(tried)
            + f". Set {MNIST_ENV_VAR}=/path/to/mnist.npz."
        )


def _download(url: str, target: Path) -> Path:
    """Download ``url`` through Keras into a temporary folder, check it, then write ``target``."""
    import keras  # lazy: only needed for the download

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".mnist-download-") as folder:
        downloaded = keras.utils.get_file(
            fname=target.name, origin=url, file_hash=MNIST_SHA256 if url == MNIST_URL else None,
            cache_dir=folder, cache_subdir=folder,
        )
        _read_npz(Path(downloaded))  # a mirror's file is checked by its arrays before it is kept
        atomic_write(target, Path(downloaded).read_bytes())
    return target


def mnist_file(path: str | os.PathLike[str] | None = None) -> Path:
    """Find ``mnist.npz`` the way :func:`load_mnist` does, downloading it once when needed.

    Parameters
    ----------
    path : str or PathLike, optional
        A local ``mnist.npz``. When given it must exist: no other place is tried.

    Returns
    -------
    Path
        ``path``; else ``$RNA_MNIST_PATH``; else the Keras cache
        ``$KERAS_HOME/datasets/mnist.npz`` (``~/.keras/datasets/mnist.npz`` without
        ``KERAS_HOME``), downloaded there first (11 MB, once) when it is missing.

    Raises
    ------
    FileNotFoundError
        If ``path`` (or ``$RNA_MNIST_PATH``) names a missing file, or if the download fails
        (offline); the message lists the places tried and how to provide the file.
    RuntimeError
        If a download is needed while ``$RNA_FORBID_DOWNLOADS`` is set (CI) and the address
        is not on this machine.

    Notes
    -----
    The download comes from Keras's own address (checked against its SHA-256), or from
    ``$RNA_MNIST_URL`` when set (checked by its arrays), and is then written with
    :func:`rna_core.files.atomic_write`, so a reader never sees half a file.
    """
    for given, missing in (
        (path, "MNIST file not found at '{candidate}'. Expected an .npz file with the arrays {keys} "
               "(the file keras.datasets.mnist.load_data() downloads)."),
        (os.environ.get(MNIST_ENV_VAR), f"{MNIST_ENV_VAR} points to '{{candidate}}', but there is no file there. "
                                        "Point it to an mnist.npz with the arrays {keys}."),
    ):
        if given:  # an explicit place: it must be there, no other place is tried
            candidate = Path(given).expanduser()
            if not candidate.is_file():
                raise FileNotFoundError(missing.format(candidate=candidate, keys=", ".join(_KEYS)))
            return candidate

    cached = keras_cache_dir() / "datasets" / "mnist.npz"
    if cached.is_file():
        return cached
    tried = [f"${MNIST_ENV_VAR} (not set)", str(cached)]
    url = os.environ.get(MNIST_URL_ENV_VAR) or MNIST_URL
    _refuse_forbidden_download(url, tried)
    try:
        return _download(url, cached)
    except Exception as error:  # offline: urllib raises various errors
        raise FileNotFoundError(
            "Could not find or download MNIST. Tried: "
            + "; ".join(tried)
            + f"; download from {url} failed ({type(error).__name__}: {error}). "
            f"Download mnist.npz once and set {MNIST_ENV_VAR}=/path/to/mnist.npz, "
            "or pass the path to load_mnist()."
        ) from error


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
    RuntimeError
        If a download is needed while ``$RNA_FORBID_DOWNLOADS`` is set (CI).

    Notes
    -----
    Looks, in order, at ``path``, the ``RNA_MNIST_PATH`` environment variable, the Keras
    cache (``$KERAS_HOME/datasets/mnist.npz``, by default ``~/.keras/datasets/mnist.npz``),
    and finally downloads into that cache once (see :func:`mnist_file`).
    """
    return _read_npz(mnist_file(path))


@dataclass(frozen=True)
class Split:
    """MNIST split into training, validation and test sets (images, labels)."""

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


def training_subset(
    images: np.ndarray, labels: np.ndarray, n: int | None, seed: int = 42
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` training examples that keep MNIST's share of each digit, chosen with ``seed``.

    This is what "train on 5,000 images" means on every page: the same seed and size give
    the same images. The examples are shuffled with ``seed``; each digit's members are then
    ranked by how far down their own shuffled list they stand (as a fraction of that list),
    and the ``n`` best-ranked examples are kept — so every digit gets its share of ``n``
    (within one image) and the subset comes out mixed, not sorted by digit.

    Parameters
    ----------
    images, labels : np.ndarray
        The training set (any shape per image) and its integer labels.
    n : int or None
        How many examples to keep; ``None`` (or the whole size) keeps everything, in order.
    seed : int
        Seed of the choice.

    Returns
    -------
    tuple of np.ndarray
        ``(images, labels)`` of the subset.

    Raises
    ------
    ValueError
        If ``n`` is not a whole number between 1 and ``len(labels)``.
    """
    total = len(labels)
    if n is None or n == total:
        return images, labels
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= total:
        raise ValueError(f"The training subset must hold a whole number of examples from 1 to {total:,} (got {n!r}).")
    order = np.random.default_rng(seed).permutation(total)
    shuffled = np.asarray(labels)[order]
    rank = np.empty(total)
    for label in np.unique(shuffled):
        members = np.flatnonzero(shuffled == label)
        rank[members] = (np.arange(len(members)) + 0.5) / len(members)
    keep = order[np.argsort(rank, kind="stable")[:n]]
    return images[keep], labels[keep]


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
class TrainingData(Split):
    """A :class:`Split` ready for the dense network: float32 rows of 784 pixels in [0, 1], int labels.

    Build it once with :func:`prepare_training_data` and share it read-only between jobs.
    """

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
        Train on a :func:`training_subset` of this size (quick runs and tests).

    Returns
    -------
    TrainingData
        Read-only float32 inputs and int32 labels.
    """
    split = course_split(arrays if arrays is not None else load_mnist(), seed=seed)
    x_train, y_train = training_subset(split.x_train, split.y_train, train_samples, seed)
    prepared = []
    for images, labels in ((x_train, y_train), (split.x_val, split.y_val), (split.x_test, split.y_test)):
        x = prepare_for_mlp(images)
        y = np.asarray(labels, dtype=np.int32)
        x.setflags(write=False)
        y.setflags(write=False)
        prepared += [x, y]
    return TrainingData(*prepared)
