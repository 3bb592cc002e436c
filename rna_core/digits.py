"""From a drawing or a photo to what an MNIST network sees, and what it answers.

MNIST's digits were prepared with one recipe, and a network trained on them only reads
images prepared the same way:

1. find the ink (light strokes on a dark background, whatever the input looked like);
2. crop to the ink's bounding box;
3. scale the crop to fit into a 20x20 box, keeping its aspect ratio;
4. paste it into a 28x28 image so that the ink's centre of mass sits in the middle.

:func:`preprocess` runs the four steps and keeps every stage for display; :func:`to_mnist`
returns only the final 28x28 image. :func:`predict_proba` turns such images into the ten
class probabilities, fast: Dense and convolutional stacks run in NumPy from the weights
(no ``model.predict`` per call). :func:`hidden_activations` gives, for an MLP, the output of
each hidden layer for one image.

This module imports neither Streamlit nor TensorFlow; Keras is imported lazily only to
read a Keras model's weights or to load the shipped ``.keras`` file.

Run ``python -m rna_core.digits train --out models/digits_cnn`` to train the default model
(see :mod:`rna_core.digits_cnn`).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage

from rna_core import files

#: Side of the box the digit's longest side is scaled to (MNIST: 20 pixels).
FIT_SIZE = 20
#: Side of the final image (MNIST: 28 pixels).
MNIST_SIZE = 28
#: Longest side an input is reduced to before looking for ink (speed; photos are big).
WORK_SIZE = 160
#: Minimum contrast (0..1) between ink and background for something to count as ink.
MIN_CONTRAST = 0.08
#: A digit whose longest side is below this fraction of the image's shorter side is "tiny".
TINY_FRACTION = 0.15
#: Directory of the shipped default model (a small CNN trained with augmentation).
DEFAULT_MODEL_DIR = files.MODELS_DIR / "digits_cnn"


class EmptyDrawingError(ValueError):
    """The image has no ink: nothing to read (an empty canvas or a uniform picture)."""


@dataclass(frozen=True)
class Stages:
    """Every stage of :func:`preprocess`, for display.

    Attributes
    ----------
    ink : np.ndarray
        float32 (H, W) in [0, 1]: the ink found in the (possibly reduced) input, light on dark.
    box : tuple of int
        ``(top, bottom, left, right)`` of the ink's bounding box in ``ink`` (bottom/right excluded).
    cropped : np.ndarray
        float32: ``ink`` cropped to ``box``.
    fitted : np.ndarray
        float32 (h, w) with ``max(h, w) == 20``: the crop scaled to fit 20x20, aspect kept.
    centred : np.ndarray
        float32 (28, 28) in [0, 1]: ``fitted`` placed so that its centre of mass is in the middle.
    tiny : bool
        The digit covers only a small part of the picture (worth drawing it bigger).
    """

    ink: np.ndarray
    box: tuple[int, int, int, int]
    cropped: np.ndarray
    fitted: np.ndarray
    centred: np.ndarray
    tiny: bool


# ----------------------------------------------------------------------------------------
# Preprocessing
# ----------------------------------------------------------------------------------------


def _as_uint8_image(image: object) -> np.ndarray:
    array = np.asarray(image)
    if array.dtype == bool:
        array = array.astype(np.uint8) * 255
    if array.dtype != np.uint8:
        if not np.issubdtype(array.dtype, np.integer) or array.size == 0:
            raise ValueError(
                f"The image must hold whole pixel values 0..255 (uint8), not {array.dtype} values."
            )
        if array.min() < 0 or array.max() > 255:
            raise ValueError("The image's pixel values must lie between 0 and 255.")
        array = array.astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise ValueError(
            "The image must be grey (height x width), colour (height x width x 3) or colour "
            f"with transparency (height x width x 4); got shape {array.shape}."
        )
    if array.shape[0] < 2 or array.shape[1] < 2:
        raise ValueError(f"The image is too small to hold a digit ({array.shape[1]}x{array.shape[0]} pixels).")
    return array


def _reduce(array: np.ndarray, limit: int = WORK_SIZE) -> np.ndarray:
    """Average blocks of pixels so that the longest side is at most about ``limit``."""
    from PIL import Image

    factor = int(np.ceil(max(array.shape[:2]) / limit))
    if factor <= 1:
        return array
    return np.asarray(Image.fromarray(np.ascontiguousarray(array)).reduce(factor))


def _grey(array: np.ndarray) -> tuple[np.ndarray, bool]:
    """One uint8 channel to look for ink in, and whether it is already ink (an alpha channel)."""
    from PIL import Image

    if array.ndim == 3 and array.shape[2] == 4:
        alpha = array[:, :, 3]
        sample = alpha[::2, ::2]
        if np.count_nonzero(sample < 128) > 0.2 * sample.size:
            # Transparent background: the ink is whatever is opaque, whatever its colour.
            return np.ascontiguousarray(alpha), True
        if alpha.min() < 255:  # a few transparent spots count as black
            array = (array[:, :, :3].astype(np.uint16) * alpha[:, :, None] // 255).astype(np.uint8)
    if array.ndim == 3:  # luminance by Pillow (ITU-R 601: 0.299 R + 0.587 G + 0.114 B; alpha ignored)
        array = np.asarray(Image.fromarray(np.ascontiguousarray(array)).convert("L"))
    return array, False


def _ink_map(grey: np.ndarray, is_ink: bool) -> np.ndarray:
    """Light-on-dark ink in [0, 1] from one uint8 channel (not yet denoised)."""
    values = grey.astype(np.float32) / np.float32(255.0)
    if is_ink:
        return values
    # The background is what most of the picture is; look at its border.
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    light_paper = float(np.median(border)) > 127.5
    return _flatten_background(1.0 - values if light_paper else values)


def _flatten_background(ink: np.ndarray) -> np.ndarray:
    """Subtract a smooth estimate of the background (uneven light on paper)."""
    level = float(np.median(ink[::3, ::3]))
    if np.mean(np.abs(ink - level) < 2.5 / 255) > 0.6:
        # A clean background (a canvas): one level everywhere.
        return np.clip(ink - level, 0.0, 1.0)
    # Uneven background: a morphological opening removes strokes (narrower than the window)
    # and keeps the slow shading; computed on a small copy, then smoothed back up.
    step = max(1, int(np.ceil(max(ink.shape) / 64)))
    small = ink[::step, ::step]
    window = max(3, int(round(max(small.shape) / 6)))
    background = ndimage.grey_opening(small, size=(window, window))
    background = ndimage.uniform_filter(background, size=window)
    zoom = (ink.shape[0] / small.shape[0], ink.shape[1] / small.shape[1])
    background = ndimage.zoom(background, zoom, order=1)[: ink.shape[0], : ink.shape[1]]
    if background.shape != ink.shape:
        background = np.pad(
            background,
            [(0, ink.shape[0] - background.shape[0]), (0, ink.shape[1] - background.shape[1])],
            mode="edge",
        )
    return np.clip(ink - background, 0.0, 1.0)


def _quantile(values: np.ndarray, q: float) -> float:
    """The ``q`` quantile (nearest rank below) of ``values``; quicker than ``np.percentile``."""
    flat = values.ravel()
    rank = int(q * (flat.size - 1))
    return float(np.partition(flat, rank)[rank])


def _clean(ink: np.ndarray) -> np.ndarray:
    """Remove paper noise: values under a noise threshold, and specks far smaller than the digit."""
    peak = _quantile(ink, 0.999)
    # Noise level from the median absolute deviation of the (mostly background) pixels.
    sample = ink[::3, ::3]
    noise = 1.4826 * float(np.median(np.abs(sample - np.median(sample))))
    if peak < max(MIN_CONTRAST, 5.0 * noise):
        raise EmptyDrawingError("There is no drawing to read: the image is empty or all one colour.")
    threshold = max(0.2 * peak, 3.0 * noise, MIN_CONTRAST * 0.5)
    mask = ink > threshold
    if not mask.any():
        raise EmptyDrawingError("There is no drawing to read: the image is empty or all one colour.")
    ink = np.where(mask, ink, 0.0)
    if noise > 0 and mask.mean() < 0.5:  # noisy paper: drop isolated specks but keep strokes
        labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
        if count > 1:
            sizes = np.bincount(labels.ravel())[1:]
            keep = np.zeros(count + 1, dtype=bool)
            keep[1:] = sizes >= max(4, 0.02 * sizes.max())
            ink = np.where(keep[labels], ink, 0.0)
    top = _quantile(ink[ink > 0], 0.95)
    return np.clip(ink / max(top, 1e-6), 0.0, 1.0).astype(np.float32)


def bounding_box(ink: np.ndarray) -> tuple[int, int, int, int]:
    """``(top, bottom, left, right)`` of the non-zero pixels (bottom and right excluded)."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def fit_into_box(cropped: np.ndarray, size: int = FIT_SIZE) -> np.ndarray:
    """Scale a crop so that its longest side is ``size`` pixels, keeping its shape.

    A tall "1" stays thin: both sides are multiplied by the same factor. Shrinking
    averages the pixels each new pixel covers (like MNIST's anti-aliasing), so thin
    strokes become grey rather than vanish.

    Parameters
    ----------
    cropped : np.ndarray
        float (h, w) ink in [0, 1], cropped to the digit.
    size : int
        Side of the box (MNIST: 20).

    Returns
    -------
    np.ndarray
        float32 with ``max(shape) == size``.
    """
    from PIL import Image

    height, width = cropped.shape
    scale = size / max(height, width)
    new_height = max(1, min(size, int(round(height * scale))))
    new_width = max(1, min(size, int(round(width * scale))))
    picture = Image.fromarray(np.ascontiguousarray(cropped, dtype=np.float32), mode="F")
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    fitted = np.asarray(picture.resize((new_width, new_height), resample=resample), dtype=np.float32)
    return np.clip(fitted, 0.0, 1.0)


def centre_by_mass(fitted: np.ndarray, size: int = MNIST_SIZE) -> np.ndarray:
    """Place a digit in a ``size`` x ``size`` image with its centre of mass in the middle.

    The centre of mass is the average pixel position weighted by the ink; moving it to the
    middle (rather than the bounding box's centre) is how MNIST centred its digits, so a
    "7" with a long top bar sits where the network expects it.

    Parameters
    ----------
    fitted : np.ndarray
        float (h, w) ink with ``h, w <= size``, not all zero.
    size : int
        Side of the result (MNIST: 28).

    Returns
    -------
    np.ndarray
        float32 (size, size) in [0, 1], brightest pixel 1.
    """
    height, width = fitted.shape
    total = float(fitted.sum())
    rows, cols = np.indices(fitted.shape)
    centre_row = float((rows * fitted).sum() / total)
    centre_col = float((cols * fitted).sum() / total)
    middle = (size - 1) / 2.0
    canvas = np.zeros((size, size), dtype=np.float32)
    top0, left0 = (size - height) // 2, (size - width) // 2
    canvas[top0 : top0 + height, left0 : left0 + width] = fitted
    shift = (middle - (top0 + centre_row), middle - (left0 + centre_col))
    centred = ndimage.shift(canvas, shift, order=1, mode="constant", cval=0.0, prefilter=False)
    peak = float(centred.max())
    return np.clip(centred / peak if peak > 0 else centred, 0.0, 1.0).astype(np.float32)


def preprocess(image: np.ndarray) -> Stages:
    """Run MNIST's recipe on a drawing or photo and keep every stage.

    Parameters
    ----------
    image : np.ndarray
        uint8 pixels, shaped (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA. Light-on-dark or
        dark-on-light is detected from the border; transparent pixels are background.

    Returns
    -------
    Stages
        The ink map, its bounding box, the crop, the 20x20 fit and the centred 28x28 image.

    Raises
    ------
    EmptyDrawingError
        If there is no ink (an empty canvas, a uniform picture).
    ValueError
        If ``image`` is not an image of a supported shape and type.
    """
    grey, is_ink = _grey(_as_uint8_image(image))
    ink = _clean(_ink_map(_reduce(grey), is_ink))
    box = bounding_box(ink)
    top, bottom, left, right = box
    cropped = ink[top:bottom, left:right]
    fitted = fit_into_box(cropped)
    centred = centre_by_mass(fitted)
    tiny = max(bottom - top, right - left) < TINY_FRACTION * min(ink.shape)
    return Stages(ink=ink, box=box, cropped=cropped, fitted=fitted, centred=centred, tiny=bool(tiny))


def to_mnist(image: np.ndarray) -> np.ndarray:
    """Turn a drawing or photo of one digit into a 28x28 image like MNIST's.

    Crop to the ink, fit into 20x20 keeping the aspect ratio, centre the ink's centre of
    mass in 28x28 -- the recipe MNIST's digits went through.

    Parameters
    ----------
    image : np.ndarray
        uint8 (H, W), (H, W, 3) or (H, W, 4); any polarity; transparent pixels are background.

    Returns
    -------
    np.ndarray
        float32 (28, 28) in [0, 1], a light digit on black.

    Raises
    ------
    EmptyDrawingError
        If the image has no ink at all.
    ValueError
        If ``image`` has an unsupported shape or type.

    Examples
    --------
    >>> canvas = np.zeros((280, 280), dtype=np.uint8)
    >>> canvas[40:240, 130:150] = 255  # a vertical stroke: a "1"
    >>> to_mnist(canvas).shape
    (28, 28)
    """
    return preprocess(image).centred


def stage_pictures(stages: Stages, size: int = 140) -> dict[str, np.ndarray]:
    """The stages as ``size`` x ``size`` RGB pictures, ready to show side by side.

    The ink map gets the bounding box drawn in orange; the 20x20 and 28x28 images are
    enlarged without smoothing, so each of the network's pixels stays a visible square.

    Parameters
    ----------
    stages : Stages
        What :func:`preprocess` returned.
    size : int
        Side of each picture in pixels.

    Returns
    -------
    dict
        ``{"ink", "crop", "fit", "centred"}`` -> uint8 (size, size, 3).
    """
    from PIL import Image, ImageDraw

    def grey(values: np.ndarray) -> Image.Image:
        return Image.fromarray((np.clip(values, 0.0, 1.0) * 255).round().astype(np.uint8)).convert("RGB")

    def framed(picture: Image.Image, resample: Image.Resampling) -> np.ndarray:
        scale = size / max(picture.size)
        new = (max(1, round(picture.size[0] * scale)), max(1, round(picture.size[1] * scale)))
        board = Image.new("RGB", (size, size), (0, 0, 0))
        board.paste(picture.resize(new, resample), ((size - new[0]) // 2, (size - new[1]) // 2))
        return np.asarray(board)

    ink = grey(stages.ink)
    top, bottom, left, right = stages.box
    ImageDraw.Draw(ink).rectangle((left, top, right - 1, bottom - 1), outline=(242, 165, 65))
    fit_box = np.zeros((FIT_SIZE, FIT_SIZE), dtype=np.float32)
    height, width = stages.fitted.shape
    fit_box[(FIT_SIZE - height) // 2 : (FIT_SIZE - height) // 2 + height,
            (FIT_SIZE - width) // 2 : (FIT_SIZE - width) // 2 + width] = stages.fitted
    return {
        "ink": framed(ink, Image.Resampling.BILINEAR),
        "crop": framed(grey(stages.cropped), Image.Resampling.BILINEAR),
        "fit": framed(grey(fit_box), Image.Resampling.NEAREST),
        "centred": framed(grey(stages.centred), Image.Resampling.NEAREST),
    }


# ----------------------------------------------------------------------------------------
# Fast inference: a model's layers as NumPy arrays
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumpyLayer:
    """One layer of a :class:`NumpyNetwork`.

    Attributes
    ----------
    kind : str
        ``"dense"``, ``"conv2d"``, ``"maxpool2d"`` or ``"flatten"``.
    activation : str
        ``"relu"``, ``"sigmoid"``, ``"tanh"``, ``"softmax"``, ``"linear"``, ... (dense/conv).
    weights : tuple of np.ndarray
        ``(kernel, bias)`` for dense and conv layers, empty otherwise.
    pool : int
        Pool size (and stride) of a max-pooling layer.
    """

    kind: str
    activation: str = "linear"
    weights: tuple[np.ndarray, ...] = ()
    pool: int = 2


def _activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "linear":
        return z
    if name == "softmax":
        shifted = z - z.max(axis=-1, keepdims=True)
        exp = np.exp(shifted)
        return exp / exp.sum(axis=-1, keepdims=True)
    if name == "sigmoid":
        return 0.5 * (1.0 + np.tanh(0.5 * z))  # stable for large |z|
    if name == "tanh":
        return np.tanh(z)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.2 * z)
    if name == "elu":
        return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))
    if name == "selu":
        return 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(np.minimum(z, 0.0)))
    if name == "gelu":
        return 0.5 * z * (1.0 + np.tanh(0.7978845608028654 * (z + 0.044715 * z**3)))
    if name == "swish" or name == "silu":
        return z * 0.5 * (1.0 + np.tanh(0.5 * z))
    if name == "softplus":
        return np.logaddexp(0.0, z)
    raise ValueError(f"The activation '{name}' is not supported by the fast NumPy path.")


def _numpy_blas() -> Any:
    """threadpoolctl's handle on the BLAS library NumPy uses, or False when unavailable."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return False
    libraries = [lib for lib in ThreadpoolController().lib_controllers
                 if lib.user_api == "blas" and "numpy" in str(lib.filepath)]
    return libraries[0] if libraries else False


class NumpyNetwork:
    """A trained Dense/convolutional Keras network copied into NumPy arrays.

    Calling it runs the forward pass in NumPy: on one 28x28 image this is much faster
    than ``model.predict`` (no graph, no batching machinery), and it needs no TensorFlow.

    Parameters
    ----------
    layers : sequence of NumpyLayer
        The layers in order; the last one must output the ten class probabilities.
    name : str
        A label for the network.
    """

    def __init__(self, layers: Sequence[NumpyLayer], name: str = "network") -> None:
        if not layers:
            raise ValueError("A network needs at least one layer.")
        self.layers = tuple(layers)
        self.name = name
        self._blas: Any = None  # threadpoolctl handle on NumPy's BLAS, found on first use

    @property
    def is_mlp(self) -> bool:
        """True when the network is only Dense layers (hidden activations can be drawn as strips)."""
        return all(layer.kind in ("dense", "flatten") for layer in self.layers)

    @property
    def input_is_image(self) -> bool:
        """True when the first layer expects (28, 28, 1) images rather than rows of 784 values."""
        return self.layers[0].kind in ("conv2d", "maxpool2d")

    def _prepare(self, images: np.ndarray) -> np.ndarray:
        x = np.asarray(images, dtype=np.float32)
        if x.ndim == 2 and x.shape == (MNIST_SIZE, MNIST_SIZE):
            x = x[None]
        if x.ndim == 2 and x.shape[1] == MNIST_SIZE * MNIST_SIZE:
            x = x.reshape(-1, MNIST_SIZE, MNIST_SIZE)
        if x.ndim == 4 and x.shape[-1] == 1:
            x = x[..., 0]
        if x.ndim != 3 or x.shape[1:] != (MNIST_SIZE, MNIST_SIZE):
            raise ValueError(f"Expected images of shape (n, 28, 28), got {np.shape(images)}.")
        return x[..., None] if self.input_is_image else x.reshape(len(x), -1)

    @contextlib.contextmanager
    def _single_thread_blas(self) -> Any:
        """Run NumPy's BLAS on one thread inside the block (see :meth:`forward`)."""
        if self._blas is None:
            self._blas = _numpy_blas()
        if not self._blas:
            yield
            return
        previous = self._blas.num_threads
        if previous != 1:
            self._blas.set_num_threads(1)
        try:
            yield
        finally:
            if previous != 1:
                self._blas.set_num_threads(previous)

    def forward(self, images: np.ndarray) -> list[np.ndarray]:
        """Outputs of every layer for ``images`` (n, 28, 28); the last is the probabilities.

        The matrix products are small, so BLAS runs on one thread: on a busy server,
        waking several BLAS threads for them costs 10-20 times more than the work.
        """
        with self._single_thread_blas():
            return self._forward(images)

    def _forward(self, images: np.ndarray) -> list[np.ndarray]:
        x = self._prepare(images)
        outputs = []
        for layer in self.layers:
            if layer.kind == "dense":
                kernel, bias = layer.weights
                x = _activate(layer.activation, x @ kernel + bias)
            elif layer.kind == "conv2d":
                kernel, bias = layer.weights
                rows, cols = kernel.shape[:2]
                windows = np.lib.stride_tricks.sliding_window_view(x, (rows, cols), axis=(1, 2))
                # windows: (n, H', W', C, rows, cols) -> one row of C*rows*cols pixels per position,
                # multiplied by the kernel (rows, cols, C, filters) laid out the same way.
                n, height, width = windows.shape[:3]
                patches = windows.reshape(n * height * width, -1)
                weights = kernel.transpose(2, 0, 1, 3).reshape(patches.shape[1], -1)
                z = (patches @ weights).reshape(n, height, width, -1) + bias
                x = _activate(layer.activation, z)
            elif layer.kind == "maxpool2d":
                p = layer.pool
                n, height, width, channels = x.shape
                x = x[:, : height // p * p, : width // p * p]
                x = x.reshape(n, height // p, p, width // p, p, channels).max(axis=(2, 4))
            elif layer.kind == "flatten":
                x = x.reshape(len(x), -1)
            else:
                raise ValueError(f"Unknown layer kind '{layer.kind}'.")
            outputs.append(x)
        return outputs

    def __call__(self, images: np.ndarray, chunk: int = 256) -> np.ndarray:
        """Class probabilities (n, 10), computed ``chunk`` images at a time (bounded memory)."""
        images = np.asarray(images, dtype=np.float32)
        if images.ndim < 3 or len(images) <= chunk:
            return self.forward(images)[-1]
        with self._single_thread_blas():
            parts = [self._forward(images[start : start + chunk])[-1] for start in range(0, len(images), chunk)]
        return np.concatenate(parts)

    def predict(self, images: np.ndarray, verbose: object = None) -> np.ndarray:
        """Class probabilities (n, 10), like ``keras.Model.predict``."""
        return self(images)

    def __repr__(self) -> str:
        kinds = ", ".join(layer.kind for layer in self.layers)
        return f"NumpyNetwork({self.name!r}: {kinds})"


_SKIPPED_LAYERS = {"InputLayer", "Dropout", "GaussianNoise", "GaussianDropout", "SpatialDropout2D", "Reshape"}


def from_keras(model: Any) -> NumpyNetwork:
    """Copy a Keras Sequential/functional model of Dense, Conv2D, MaxPooling2D, Flatten layers.

    Dropout, input and reshape layers are skipped (they do nothing at prediction time).

    Parameters
    ----------
    model : keras.Model
        A trained model whose output is softmax over ten classes.

    Returns
    -------
    NumpyNetwork
        The same network as NumPy arrays.

    Raises
    ------
    ValueError
        If the model has a layer the NumPy path does not know (then call the model directly).
    """
    layers: list[NumpyLayer] = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind in _SKIPPED_LAYERS:
            continue
        if kind == "Dense":
            kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
            layers.append(NumpyLayer("dense", _activation_name(layer), (kernel, bias)))
        elif kind == "Conv2D":
            if tuple(layer.strides) != (1, 1) or layer.padding != "valid" or tuple(layer.dilation_rate) != (1, 1):
                raise ValueError("Only Conv2D layers with stride 1 and 'valid' padding are supported.")
            kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
            layers.append(NumpyLayer("conv2d", _activation_name(layer), (kernel, bias)))
        elif kind == "MaxPooling2D":
            pool = tuple(layer.pool_size)
            if pool[0] != pool[1] or tuple(layer.strides) != pool or layer.padding != "valid":
                raise ValueError("Only square max-pooling with stride equal to its size is supported.")
            layers.append(NumpyLayer("maxpool2d", pool=int(pool[0])))
        elif kind == "Flatten":
            layers.append(NumpyLayer("flatten"))
        elif kind == "Activation":
            if not layers or layers[-1].kind not in ("dense", "conv2d") or layers[-1].activation != "linear":
                raise ValueError("A separate Activation layer must follow a Dense layer without activation.")
            last = layers.pop()
            layers.append(NumpyLayer(last.kind, _activation_name(layer), last.weights))
        else:
            raise ValueError(f"The layer type {kind} is not supported by the fast NumPy path.")
    return NumpyNetwork(layers, name=str(getattr(model, "name", "keras")))


def _activation_name(layer: Any) -> str:
    activation = layer.activation
    name = getattr(activation, "__name__", None) or type(activation).__name__
    name = name.lower()
    if name == "leakyrelu":
        name = "leaky_relu"
    return name


def _as_numpy_network(model: Any) -> NumpyNetwork | None:
    if isinstance(model, NumpyNetwork):
        return model
    try:
        return from_keras(model)
    except (ValueError, AttributeError, TypeError):
        return None


def predict_proba(model: Any, images: np.ndarray) -> np.ndarray:
    """Ten class probabilities for each 28x28 image.

    Parameters
    ----------
    model : NumpyNetwork or keras.Model
        A :class:`NumpyNetwork` (fastest), or a Keras model: Dense/Conv2D/MaxPooling2D
        stacks are copied to NumPy; any other model is called directly (never
        ``model.predict``, which is slow for one image).
    images : np.ndarray
        float32 (n, 28, 28) in [0, 1] (a single (28, 28) image is accepted too).

    Returns
    -------
    np.ndarray
        float64 (n, 10): one row of probabilities per image, each summing to 1.

    Raises
    ------
    ValueError
        If ``images`` are not 28x28 images.
    """
    images = np.asarray(images, dtype=np.float32)
    if images.ndim == 2:
        images = images[None]
    if images.ndim != 3 or images.shape[1:] != (MNIST_SIZE, MNIST_SIZE):
        raise ValueError(f"predict_proba expects images of shape (n, 28, 28), got {images.shape}.")
    network = _as_numpy_network(model)
    if network is not None:
        probabilities = np.asarray(network(images), dtype=np.float64)
    else:
        shape = getattr(model, "input_shape", (None, MNIST_SIZE * MNIST_SIZE))
        batch = images.reshape((len(images), *[d for d in shape[1:]])) if shape else images
        probabilities = np.asarray(model(batch, training=False), dtype=np.float64)
    probabilities = np.clip(probabilities, 0.0, None)
    return probabilities / probabilities.sum(axis=1, keepdims=True)


def hidden_activations(model: Any, image: np.ndarray) -> list[np.ndarray]:
    """Outputs of each layer of an MLP for one 28x28 image: hidden layers, then the output.

    Parameters
    ----------
    model : NumpyNetwork or keras.Model
        A network of Dense layers.
    image : np.ndarray
        float32 (28, 28) in [0, 1].

    Returns
    -------
    list of np.ndarray
        One 1-D array per Dense layer (the last one holds the ten output probabilities).

    Raises
    ------
    ValueError
        If the model is not a stack of Dense layers.
    """
    network = _as_numpy_network(model)
    if network is None or not network.is_mlp:
        raise ValueError("Hidden-layer activations are shown for networks of Dense layers only.")
    outputs = network.forward(np.asarray(image, dtype=np.float32)[None])
    return [output[0] for layer, output in zip(network.layers, outputs, strict=True) if layer.kind == "dense"]


# ----------------------------------------------------------------------------------------
# The shipped default model
# ----------------------------------------------------------------------------------------


def save_numpy_network(network: NumpyNetwork, directory: str | Path) -> None:
    """Write ``architecture.json`` + ``weights.npz`` (atomic renames; no pickle)."""
    import os

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    spec = [{"kind": layer.kind, "activation": layer.activation, "pool": layer.pool,
             "weights": len(layer.weights)} for layer in network.layers]
    arrays = {f"layer{i}_{j}": w for i, layer in enumerate(network.layers) for j, w in enumerate(layer.weights)}
    tmp_weights = directory / "weights.npz.tmp.npz"
    np.savez(tmp_weights, **arrays)
    os.replace(tmp_weights, directory / "weights.npz")
    tmp_spec = directory / "architecture.json.tmp"
    tmp_spec.write_text(json.dumps({"name": network.name, "layers": spec}, indent=2))
    os.replace(tmp_spec, directory / "architecture.json")


def load_numpy_network(directory: str | Path) -> NumpyNetwork:
    """Read what :func:`save_numpy_network` wrote, validating shapes (never unpickles).

    Raises
    ------
    ValueError
        If the files are missing, malformed or inconsistent.
    """
    directory = Path(directory)
    try:
        spec = json.loads((directory / "architecture.json").read_text())
        with np.load(directory / "weights.npz", allow_pickle=False) as data:
            arrays = {key: np.asarray(data[key], dtype=np.float32) for key in data.files}
    except (OSError, json.JSONDecodeError, ValueError) as error:
        raise ValueError(f"Could not read the model in {directory}: {error}") from error
    layers = []
    try:
        for i, entry in enumerate(spec["layers"]):
            kind = str(entry["kind"])
            if kind not in ("dense", "conv2d", "maxpool2d", "flatten"):
                raise ValueError(f"unknown layer kind {kind!r}")
            weights = tuple(arrays[f"layer{i}_{j}"] for j in range(int(entry["weights"])))
            if kind in ("dense", "conv2d") and (len(weights) != 2 or weights[0].shape[-1] != weights[1].shape[0]):
                raise ValueError(f"layer {i} has inconsistent weights")
            _activate(str(entry["activation"]), np.zeros(1, dtype=np.float32))  # validates the name
            layers.append(NumpyLayer(kind, str(entry["activation"]), weights, int(entry["pool"])))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"The model in {directory} is malformed: {error}") from error
    network = NumpyNetwork(layers, name=str(spec.get("name", directory.name)))
    probe = network(np.zeros((1, MNIST_SIZE, MNIST_SIZE), dtype=np.float32))
    if probe.shape != (1, 10):
        raise ValueError(f"The model in {directory} does not output ten classes.")
    return network


def load_default_model(directory: str | Path | None = None) -> NumpyNetwork:
    """The model the Draw-a-digit page uses by default: the shipped small CNN.

    It is stored as ``architecture.json`` + ``weights.npz`` under ``models/digits_cnn``
    and runs in NumPy, so loading it needs no TensorFlow. The same network as a Keras file
    (``model.keras``) sits next to it, for download and for :func:`load_default_keras_model`.

    Parameters
    ----------
    directory : str or Path, optional
        Where to read it from (default :data:`DEFAULT_MODEL_DIR`).

    Returns
    -------
    NumpyNetwork
        Callable on (n, 28, 28) float32 images, returning (n, 10) probabilities.

    Raises
    ------
    FileNotFoundError
        If the model has not been trained/shipped (the message gives the command).
    """
    directory = Path(directory) if directory is not None else DEFAULT_MODEL_DIR
    if not (directory / "weights.npz").is_file():
        raise FileNotFoundError(
            f"No default model in {directory}. Train it with: python -m rna_core.digits train --out {directory}"
        )
    return load_numpy_network(directory)


def load_default_keras_model(directory: str | Path | None = None) -> Any:
    """The shipped default model as a Keras model (``model.keras``, loaded only from ``models/``)."""
    import keras

    directory = Path(directory) if directory is not None else DEFAULT_MODEL_DIR
    return keras.saving.load_model(directory / "model.keras", compile=False, safe_mode=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m rna_core.digits train --out models/digits_cnn``."""
    from rna_core import digits_cnn

    return digits_cnn.main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    raise SystemExit(main())
