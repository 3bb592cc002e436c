"""Safe decoding of an uploaded photo or scan of a digit (PNG or JPEG only).

An upload is untrusted: it may not be an image at all, be cut short, or be a
"decompression bomb" -- a small file that unpacks into billions of pixels. The checks run
in an order that never decodes more than the limits allow: file size, then the format and
the header's pixel count (read without decoding), then the actual decoding.
"""

from __future__ import annotations

import io
import warnings

import numpy as np

#: Largest accepted file, in bytes (5 MB).
MAX_BYTES = 5 * 1024 * 1024
#: Largest accepted picture, in pixels (10 megapixels).
MAX_PIXELS = 10_000_000
#: Smallest side that can hold a readable digit, in pixels.
MIN_SIDE = 8
#: Accepted formats (Pillow's names).
FORMATS: tuple[str, ...] = ("PNG", "JPEG")


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

    Raises
    ------
    ValueError
        With a sentence saying what is wrong: too big, not a PNG/JPEG, too many pixels,
        damaged or truncated, too small to hold a digit.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValueError("The upload must be the bytes of an image file.")
    data = bytes(data)
    if len(data) == 0:
        raise ValueError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"The file is too large ({len(data) / 1e6:.1f} MB); upload an image of at most "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        if isinstance(error, Image.DecompressionBombError | Image.DecompressionBombWarning):
            raise ValueError(_too_many_pixels()) from error
        raise ValueError("This file is not a PNG or JPEG image; upload a photo or scan in one of these formats.") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValueError("The image file is damaged and cannot be read.") from error
    with picture:
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise ValueError(_too_many_pixels(width, height))
        if min(width, height) < MIN_SIDE:
            raise ValueError(
                f"The image is only {width}x{height} pixels: too small to hold a digit "
                f"(at least {MIN_SIDE}x{MIN_SIDE})."
            )
        try:
            picture.load()
            transparent = picture.mode in ("RGBA", "LA", "PA") or (
                picture.mode == "P" and "transparency" in picture.info
            )
            upright = ImageOps.exif_transpose(picture)  # phone photos store their rotation apart
            converted = upright.convert("RGBA" if transparent else "RGB")
        except (OSError, SyntaxError, ValueError) as error:
            raise ValueError(
                "The image file is damaged or cut short (truncated) and cannot be read completely."
            ) from error
        return np.asarray(converted, dtype=np.uint8).copy()


def _too_many_pixels(width: int | None = None, height: int | None = None) -> str:
    size = f" ({width}x{height} pixels)" if width else ""
    return (
        f"The image has too many pixels{size}; the limit is {MAX_PIXELS // 1_000_000} megapixels. "
        "Resize it before uploading."
    )
