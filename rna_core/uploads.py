"""Safe decoding of an uploaded photo or scan of a digit (PNG or JPEG only).

An upload is untrusted: it may not be an image at all, be cut short, or be a
"decompression bomb" -- a small file that unpacks into billions of pixels. The checks run
in an order that never decodes more than the limits allow: file size, then the format and
the header's pixel count and proportions (read without decoding), then the actual decoding.
Every bit depth Pillow reads (16-bit grey, 32-bit integer, floating point) is scaled to 8 bits,
never clipped, and anything that still goes wrong inside the decoder becomes a sentence.
Each refusal is a :class:`~rna_core.errors.LocalizedError` (a ``ValueError``) the page translates.
"""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING

import numpy as np

from rna_core.errors import LocalizedError

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from PIL import Image

#: Largest accepted file, in bytes (5 MB).
MAX_BYTES = 5 * 1024 * 1024
#: Largest accepted picture, in pixels (10 megapixels).
MAX_PIXELS = 10_000_000
#: Smallest side that can hold a readable digit, in pixels.
MIN_SIDE = 8
#: Largest ratio of the long side to the short side: a digit's picture is roughly square.
MAX_ASPECT_RATIO = 10
#: Accepted formats (Pillow's names).
FORMATS: tuple[str, ...] = ("PNG", "JPEG")
#: Pillow modes holding one channel of more than 8 bits, and their largest value.
WIDE_MODES: dict[str, int] = {"I;16": 65535, "I;16B": 65535, "I;16L": 65535, "I;16N": 65535}


def decode_image(data: bytes) -> np.ndarray:
    """Decode an uploaded PNG or JPEG into a uint8 array, refusing anything unsafe.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    np.ndarray
        uint8 (H, W, 3) for opaque pictures, (H, W, 4) when the file has transparency.
        Pictures of more than 8 bits per channel are scaled to 0-255 (a 16-bit white is 255,
        a 16-bit mid grey 128), never clipped.

    Raises
    ------
    LocalizedError
        A ``ValueError`` with a sentence saying what is wrong: too big, not a PNG/JPEG, too
        many pixels, too long and thin, damaged or truncated, too small to hold a digit.
    """
    from PIL import Image, UnidentifiedImageError

    if not isinstance(data, bytes | bytearray | memoryview):
        raise LocalizedError("The upload must be the bytes of an image file.", "upload.error_not_bytes")
    data = bytes(data)
    if len(data) == 0:
        raise LocalizedError("The file is empty.", "upload.error_empty")
    if len(data) > MAX_BYTES:
        raise LocalizedError(
            f"The file is too large ({len(data) / 1e6:.1f} MB); upload an image of at most "
            f"{MAX_BYTES // (1024 * 1024)} MB.",
            "upload.error_too_large", size=len(data) / 1e6, limit=MAX_BYTES // (1024 * 1024),
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except UnidentifiedImageError as error:
        raise LocalizedError(
            "This file is not a PNG or JPEG image; upload a photo or scan in one of these formats.",
            "upload.error_format",
        ) from error
    except Exception as error:  # noqa: BLE001 - any failure of a decoder on hostile bytes is "damaged"
        raise _damaged() from error
    with picture:
        width, height = picture.size
        _check_size(width, height)
        try:
            return _to_uint8(picture)
        except Exception as error:  # noqa: BLE001 - see above (MemoryError, struct errors...)
            raise _damaged(truncated=True) from error


def _check_size(width: int, height: int) -> None:
    """Refuse pictures too large, too small or too long and thin, before decoding them."""
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(width, height)
    if min(width, height) < MIN_SIDE:
        raise LocalizedError(
            f"The image is only {width}x{height} pixels: too small to hold a digit "
            f"(at least {MIN_SIDE}x{MIN_SIDE}).",
            "upload.error_too_small", width=width, height=height, side=MIN_SIDE,
        )
    ratio = max(width, height) / min(width, height)
    if ratio > MAX_ASPECT_RATIO:
        raise LocalizedError(
            f"The image is {width}x{height} pixels: one side is {ratio:,.0f} times the other, a strip "
            f"rather than a digit. Crop it around the digit (one side at most {MAX_ASPECT_RATIO} times "
            "the other) and upload it again.",
            "upload.error_aspect", width=width, height=height, ratio=ratio, limit=MAX_ASPECT_RATIO,
        )


def _to_uint8(picture: Image.Image) -> np.ndarray:
    """Decode ``picture`` upright into uint8 RGB or RGBA, scaling deep pixels to 8 bits."""
    from PIL import ImageOps

    picture.load()
    upright = ImageOps.exif_transpose(picture)  # phone photos store their rotation apart
    mode = upright.mode
    if mode in WIDE_MODES or mode in ("I", "F"):
        grey = np.asarray(upright)
        alpha = None
        transparent = upright.info.get("transparency")
        if isinstance(transparent, int | float):
            alpha = np.where(grey == transparent, 0, 255).astype(np.uint8)
        grey8 = scale_to_uint8(grey, WIDE_MODES.get(mode))
        channels = [grey8] * 3 + ([alpha] if alpha is not None else [])
        return np.stack(channels, axis=-1)
    transparent = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode in ("P", "L", "RGB") and "transparency" in upright.info
    )
    converted = upright.convert("RGBA" if transparent else "RGB")
    return np.asarray(converted, dtype=np.uint8).copy()


def scale_to_uint8(values: np.ndarray, full_scale: int | None = None) -> np.ndarray:
    """Scale one channel of any depth to uint8 0-255 (linearly, never clipping the range).

    Parameters
    ----------
    values : np.ndarray
        Pixel values: 16-bit or 32-bit integers, or floating point.
    full_scale : int, optional
        The value that means white (65535 for 16-bit pictures). Without it the range is
        guessed from the values: up to 1 (floats) or 255 they are already 8-bit-like, up to
        65535 they are 16-bit; anything else (negative or larger) is stretched from its
        smallest to its largest value.

    Returns
    -------
    np.ndarray
        uint8 array of the same shape.
    """
    pixels = np.asarray(values, dtype=np.float64)
    finite = pixels[np.isfinite(pixels)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    pixels = np.where(np.isfinite(pixels), pixels, low)  # NaN or infinite samples count as black
    if full_scale is not None:
        low, top = 0.0, float(full_scale)
    elif low >= 0 and high <= 1 and values.dtype.kind == "f":
        low, top = 0.0, 1.0
    elif low >= 0 and high <= 255:
        low, top = 0.0, 255.0
    elif low >= 0 and high <= 65535:
        low, top = 0.0, 65535.0
    else:
        top = high if high > low else low + 1.0
    scaled = (pixels - low) / (top - low) * 255.0
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def _too_many_pixels(width: int | None = None, height: int | None = None) -> LocalizedError:
    limit = MAX_PIXELS // 1_000_000
    if width is None or height is None:
        return LocalizedError(
            f"The image has too many pixels; the limit is {limit} megapixels. Resize it before uploading.",
            "upload.error_pixels", limit=limit,
        )
    return LocalizedError(
        f"The image has too many pixels ({width}x{height} pixels); the limit is {limit} megapixels. "
        "Resize it before uploading.",
        "upload.error_pixels_size", width=width, height=height, limit=limit,
    )


def _damaged(truncated: bool = False) -> LocalizedError:
    if truncated:
        return LocalizedError(
            "The image file is damaged or cut short (truncated) and cannot be read completely.",
            "upload.error_truncated",
        )
    return LocalizedError("The image file is damaged and cannot be read.", "upload.error_damaged")
