"""From a drawing or a photo to what an MNIST network sees.

MNIST's digits were prepared with one recipe, and a network trained on them only reads
images prepared the same way:

1. find the ink (light strokes on a dark background, whatever the input looked like);
2. crop to the ink's bounding box;
3. scale the crop to fit into a 20x20 box, keeping its aspect ratio;
4. paste it into a 28x28 image so that the ink's centre of mass sits in the middle.

:func:`preprocess` runs the four steps and keeps every stage for display; :func:`to_mnist`
returns only the final 28x28 image. Pure NumPy/SciPy/Pillow: no Streamlit, no Keras.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

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
    level = np.float32(np.median(values[::3, ::3]))
    if np.mean(np.abs(values - level) < 2.5 / 255) > 0.6:  # a clean, even background (a canvas)
        difference = values - level
        dark_ink = -float(difference.min()) > float(difference.max())
        background: np.ndarray | np.float32 = level
    else:
        small, median, window = _median_background(values)
        difference = values - _enlarge(median, values.shape)
        # The ink is the minority that stands out: darker (ink on paper) or lighter (chalk).
        dark_ink = -_quantile(difference[::2, ::2], 0.005) > _quantile(difference[::2, ::2], 0.995)
        # Where a wide marker stroke covers over half the window, the median fell on the ink:
        # there a high rank (light paper) or a low one (dark board) is the paper.
        ranked = ndimage.percentile_filter(small, 80 if dark_ink else 20, size=(window, window), mode="nearest")
        fell_on_ink = median < 0.4 * ranked if dark_ink else median - ranked > 0.6 * (1.0 - ranked)
        background = _enlarge(np.where(fell_on_ink, ranked, median), values.shape)
        difference = values - background
    if dark_ink:  # dark ink on paper: light and shadows multiply the paper and the ink alike
        return np.clip(-difference / np.maximum(background, 1e-3), 0.0, 1.0)
    return np.clip(difference, 0.0, 1.0)


def _median_background(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """A small copy of ``values`` (at most 32 pixels a side), its wide median, and the window.

    The median over a window half the picture wide is the paper wherever the ink covers less
    than half the window, whatever the stroke width (an opening with a narrower window takes
    the inside of a wide stroke for paper and leaves only its outline), and it keeps a
    shadow's straight edge sharp.
    """
    step = max(1, int(np.ceil(max(values.shape) / 32)))
    small = np.ascontiguousarray(values[::step, ::step])
    window = max(3, int(round(max(small.shape) / 2)))
    return small, ndimage.median_filter(small, size=(window, window), mode="nearest"), window


def _enlarge(small: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``small`` smoothly enlarged (bilinear) to ``shape``."""
    from PIL import Image

    picture = Image.fromarray(np.ascontiguousarray(small, dtype=np.float32), mode="F")
    return np.asarray(picture.resize(shape[::-1], Image.Resampling.BILINEAR), dtype=np.float32)


def _quantile(values: np.ndarray, q: float) -> float:
    """The ``q`` quantile (nearest rank below) of ``values``; quicker than ``np.percentile``."""
    flat = values.ravel()
    rank = int(q * (flat.size - 1))
    return float(np.partition(flat, rank)[rank])


def _clean(ink: np.ndarray) -> np.ndarray:
    """Remove paper noise: values under a noise threshold, specks far smaller or fainter than the digit."""
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
            # strong enough: the leftovers of a shadow's edge are faint next to real ink
            strength = ndimage.mean(ink, labels, index=np.arange(1, count + 1))
            keep[1:] = (sizes >= max(4, 0.02 * sizes.max())) & (strength >= 0.45 * strength[sizes.argmax()])
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
    return stages_of(find_ink(image))


def find_ink(image: np.ndarray) -> np.ndarray:
    """Step 1 of the recipe: the ink of a drawing or photo, light on dark, float32 in [0, 1].

    The picture is first reduced to at most about :data:`WORK_SIZE` pixels a side.

    Raises
    ------
    EmptyDrawingError
        If there is no ink.
    ValueError
        If ``image`` is not an image of a supported shape and type.
    """
    grey, is_ink = _grey(_as_uint8_image(image))
    return _clean(_ink_map(_reduce(grey), is_ink))


def stages_of(ink: np.ndarray, box: tuple[int, int, int, int] | None = None, digit: np.ndarray | None = None) -> Stages:
    """Steps 2-4 of the recipe on ``ink``: crop to ``box`` (default: all the ink), fit, centre.

    ``digit`` (same shape as ``ink``) is the ink of this digit alone, when ``box`` also
    holds bits of its neighbours (a digit of a number).
    """
    box = bounding_box(ink) if box is None else box
    top, bottom, left, right = box
    cropped = (ink if digit is None else digit)[top:bottom, left:right]
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
