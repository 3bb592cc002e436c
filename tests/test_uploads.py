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


# --------------------------------------------------------------------------- issue 19: deep pixels, strips, any failure


def raw_png(pixels: np.ndarray, color_type: int, depth: int = 16) -> bytes:
    """A PNG written by hand (Pillow cannot write 16-bit colour): rows of big-endian samples."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    height, width = pixels.shape[:2]
    dtype = ">u2" if depth == 16 else ">u1"
    rows = b"".join(b"\x00" + pixels[row].astype(dtype).tobytes() for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def sixteen_bit_digit(channels: int) -> np.ndarray:
    """A dark bar (a "1") on light paper, 16 bits per sample: paper 60000, ink 2000."""
    pixels = np.full((80, 60, channels), 60_000, dtype=np.uint16)
    pixels[10:70, 27:33] = 2_000
    return pixels.squeeze()


def test_16_bit_grey_png_is_scaled_not_clipped() -> None:
    """Issue 19 (3): Pillow reads it as I;16 and clipping made every pixel 255, a blank page."""
    data = raw_png(sixteen_bit_digit(1), color_type=0)
    assert Image.open(io.BytesIO(data)).mode == "I;16"
    pixels = decode_image(data)
    assert pixels.shape == (80, 60, 3) and pixels.dtype == np.uint8
    assert pixels[40, 30, 0] == round(2_000 / 65535 * 255) and pixels[5, 5, 0] == round(60_000 / 65535 * 255)
    from rna_core.digits import to_mnist

    digit = to_mnist(pixels)  # the digit is found (no EmptyDrawingError)
    assert digit.max() > 0.9


@pytest.mark.parametrize(("color_type", "channels"), [(2, 3), (6, 4), (4, 2)], ids=["rgb16", "rgba16", "grey-alpha16"])
def test_16_bit_colour_pngs_are_scaled(color_type: int, channels: int) -> None:
    pixels = sixteen_bit_digit(channels)
    if channels in (2, 4):
        pixels[..., -1] = 65535  # opaque
    decoded = decode_image(raw_png(pixels, color_type))
    assert decoded[40, 30, 0] < 20 and decoded[5, 5, 0] > 220


def test_16_bit_grey_transparency_becomes_alpha() -> None:
    data = bytearray(raw_png(sixteen_bit_digit(1), color_type=0))
    trns = struct.pack(">I", 2) + b"tRNS" + struct.pack(">H", 60_000)
    trns += struct.pack(">I", zlib.crc32(b"tRNS" + struct.pack(">H", 60_000)))
    end_of_header = 8 + 25
    data[end_of_header:end_of_header] = trns
    decoded = decode_image(bytes(data))
    assert decoded.shape == (80, 60, 4)
    assert decoded[5, 5, 3] == 0 and decoded[40, 30, 3] == 255


@pytest.mark.parametrize(("values", "full_scale", "expected"), [
    (np.array([0, 32768, 65535], dtype=np.uint16), 65535, [0, 128, 255]),
    (np.array([0.0, 0.5, 1.0], dtype=np.float32), None, [0, 128, 255]),
    (np.array([0, 1000, 40000], dtype=np.int32), None, [0, 4, 156]),
    (np.array([-10.0, 0.0, 10.0, np.nan], dtype=np.float32), None, [0, 128, 255, 0]),
    (np.array([0, 100, 255], dtype=np.int32), None, [0, 100, 255]),
], ids=["16-bit", "float-0-1", "int-16-bit-range", "float-any-range", "int-8-bit-range"])
def test_scale_to_uint8(values, full_scale, expected) -> None:
    from rna_core.uploads import scale_to_uint8

    assert scale_to_uint8(values, full_scale).tolist() == expected


@pytest.mark.parametrize(("width", "height"), [(20_000, 20), (20, 2_000), (1_000, 80)])
def test_strips_are_refused_with_a_sentence(width: int, height: int) -> None:
    """Issue 19 (4): a 20000x20 picture passed and then broke st.image on the Draw page."""
    data = encode(Image.new("L", (width, height), 255), "PNG")
    with pytest.raises(ValueError, match="a strip rather than a digit"):
        decode_image(data)


def test_long_but_plausible_picture_of_a_one_is_accepted() -> None:
    assert decode_image(encode(Image.new("L", (20, 200), 255), "PNG")).shape == (200, 20, 3)


def test_any_failure_inside_the_decoder_becomes_a_sentence(monkeypatch) -> None:
    data = encode(digit_picture(), "PNG")

    def explode(self):
        raise struct.error("unpack requires a buffer of 4 bytes")

    monkeypatch.setattr(Image.Image, "load", explode)
    with pytest.raises(ValueError, match="damaged"):
        decode_image(data)


@pytest.mark.parametrize("data", [
    b"", b"hello", b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_BYTES, None,
    png_with_header_size(20_000, 20_000), png_with_header_size(30_000, 20),
], ids=["empty", "text", "too-large", "not-bytes", "bomb", "strip"])
def test_every_refusal_is_translated(data) -> None:
    """Each refusal carries an i18n key whose English text is the message and whose Spanish differs."""
    from rna_core.errors import LocalizedError
    from rna_core.i18n import t

    with pytest.raises(LocalizedError) as caught:
        decode_image(data)
    error = caught.value
    assert t(error.key, "en", **error.values) == str(error)
    assert t(error.key, "es", **error.values) != str(error)
