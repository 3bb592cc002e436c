"""Drawings shared by the digits tests: white-on-black strokes drawn with Pillow."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from rna_core import digits

MIDDLE = (digits.MNIST_SIZE - 1) / 2


def draw_digit(kind: str, size: tuple[int, int] = (280, 280), box: tuple[int, int, int, int] | None = None,
               width: int = 20) -> np.ndarray:
    """White-on-black strokes: "one" (vertical bar), "zero" (ellipse) or "seven" inside ``box``."""
    picture = Image.new("L", size, 0)
    draw = ImageDraw.Draw(picture)
    left, top, right, bottom = box or (size[0] // 4, size[1] // 8, 3 * size[0] // 4, 7 * size[1] // 8)
    if kind == "one":
        middle = (left + right) // 2
        draw.line([(middle, top), (middle, bottom)], fill=255, width=width)
    elif kind == "zero":
        draw.ellipse((left, top, right, bottom), outline=255, width=width)
    elif kind == "seven":
        draw.line([(left, top), (right, top), (left + (right - left) // 3, bottom)], fill=255, width=width)
    else:
        raise AssertionError(kind)
    return np.asarray(picture)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(image.shape)
    total = image.sum()
    return float((rows * image).sum() / total), float((cols * image).sum() / total)
