"""Hostile and ordinary uploads: only sane PNG/JPEG files become pixels."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from rna_core.uploads import MAX_BYTES, decode_image


def encode(picture: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def png_with_header_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's trick)."""
    data = bytearray(encode(Image.new("L", (16, 16)), "PNG"))
    start = 8 + 4  # signature, then the IHDR chunk's length
    assert data[start : start + 4] == b"IHDR"
    data[start + 4 : start + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[start : start + 4 + 13])) & 0xFFFFFFFF
    data[start + 17 : start + 21] = struct.pack(">I", crc)
    return bytes(data)


def digit_picture(mode: str = "RGB") -> Image.Image:
    picture = Image.new(mode, (60, 80), "white" if mode != "RGBA" else (0, 0, 0, 0))
    pixels = np.array(picture)
    pixels[10:70, 27:33] = 0 if mode != "RGBA" else (0, 0, 0, 255)
    return Image.fromarray(pixels)


def test_png_and_jpeg_decode_to_uint8_rgb() -> None:
    for fmt in ("PNG", "JPEG"):
        pixels = decode_image(encode(digit_picture(), fmt))
        assert pixels.shape == (80, 60, 3) and pixels.dtype == np.uint8
        assert pixels[40, 30].max() < 60 and pixels[5, 5].min() > 200


def test_transparent_png_keeps_its_alpha_channel() -> None:
    pixels = decode_image(encode(digit_picture("RGBA"), "PNG"))
    assert pixels.shape == (80, 60, 4)
    assert pixels[5, 5, 3] == 0 and pixels[40, 30, 3] == 255


def test_grey_png_becomes_rgb() -> None:
    assert decode_image(encode(digit_picture("L"), "PNG")).shape == (80, 60, 3)


@pytest.mark.parametrize("data", [b"hello, I am not an image", b"%PDF-1.7\n" + b"0" * 100])
def test_not_an_image(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a PNG or JPEG"):
        decode_image(data)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt: str) -> None:
    with pytest.raises(ValueError, match="not a PNG or JPEG"):
        decode_image(encode(digit_picture(), fmt))


def test_truncated_png_is_reported_as_damaged() -> None:
    noisy = Image.fromarray(np.random.default_rng(0).integers(0, 256, (200, 200, 3), dtype=np.uint8))
    data = encode(noisy, "PNG")
    with pytest.raises(ValueError, match="damaged"):
        decode_image(data[: len(data) // 2])


def test_truncated_jpeg_is_reported_as_damaged() -> None:
    noisy = Image.fromarray(np.random.default_rng(0).integers(0, 256, (200, 200, 3), dtype=np.uint8))
    data = encode(noisy, "JPEG")
    with pytest.raises(ValueError, match="damaged"):
        decode_image(data[: len(data) // 3])


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (4_000, 3_000)], ids=["huge-bomb", "12-megapixels"])
def test_decompression_bomb_is_refused_before_decoding(width: int, height: int) -> None:
    data = png_with_header_size(width, height)
    assert len(data) < 1000  # a tiny file that claims a gigantic picture
    with pytest.raises(ValueError, match="too many pixels"):
        decode_image(data)


def test_one_pixel_image_is_too_small() -> None:
    with pytest.raises(ValueError, match="too small"):
        decode_image(encode(Image.new("RGB", (1, 1), "white"), "PNG"))


def test_file_over_5_mb_is_refused() -> None:
    with pytest.raises(ValueError, match="too large"):
        decode_image(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_BYTES)


def test_empty_file_and_wrong_type() -> None:
    with pytest.raises(ValueError, match="empty"):
        decode_image(b"")
    with pytest.raises(ValueError, match="bytes"):
        decode_image("picture.png")  # type: ignore[arg-type]
