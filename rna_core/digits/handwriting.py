"""A test set of digits that are *not* MNIST: strokes and fonts, in three looks.

MNIST's digits are all centred, of one size and one stroke width. A student's drawing is
not: it is off-centre, small or huge, thin or thick, white on a black canvas, or dark ink
photographed on paper under uneven light, or a PNG with a transparent background. This
module makes such images on purpose, with a seeded random generator, so that the
preprocessing and the default model can be measured on them:

* **strokes** -- each digit is a few pen strokes (lines and arcs) with random slant,
  rotation, width/height ratio and wobble, drawn with a round pen;
* **fonts** -- the digit typed in a TrueType font found on the machine (DejaVu,
  Liberation, ...), when there is one.

Each is rendered in one of three :data:`STYLES`: ``"canvas"`` (white on black, RGBA, like
the drawing canvas), ``"paper"`` (dark ink on unevenly lit, noisy paper, RGB) and
``"transparent"`` (coloured ink on a fully transparent background, RGBA), and with one of
the :data:`VARIATIONS` real photos and pens bring: a thick marker, a thin grey pencil, a
shadow across the picture, a rotation up to 15 degrees, or strong JPEG compression.
"""

from __future__ import annotations

import glob
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from scipy import ndimage

#: The three looks of a rendering.
STYLES: tuple[str, ...] = ("canvas", "paper", "transparent")
#: What else changes: nothing, a thick marker, a thin pencil, a shadow, a rotation, JPEG compression.
VARIATIONS: tuple[str, ...] = ("plain", "marker", "pencil", "shadow", "rotated", "jpeg")
#: How a digit is drawn: pen strokes, or a font.
SOURCES: tuple[str, ...] = ("strokes", "font")
#: Where TrueType fonts are looked for (Debian's fonts-dejavu / fonts-liberation).
FONT_GLOBS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif*.ttf",
    "/usr/share/fonts/truetype/liberation/Liberation*.ttf",
)

Stroke = list[tuple[float, float]]


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, stop: float, steps: int = 24) -> Stroke:
    """Points of an elliptic arc; angles in degrees, 0 = right, 90 = down (image axes)."""
    angles = np.radians(np.linspace(start, stop, steps))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def _templates(digit: int, variant: int) -> list[Stroke]:
    """Pen strokes of ``digit`` in a unit box (x right, y down); a few variants per digit."""
    if digit == 0:
        return [_arc(0.5, 0.5, 0.45, 0.49, -100, 265, 40)]
    if digit == 1:
        if variant % 2:
            return [[(0.2, 0.22), (0.55, 0.0), (0.55, 1.0)]]
        return [[(0.5, 0.0), (0.5, 1.0)]]
    if digit == 2:
        return [_arc(0.5, 0.3, 0.42, 0.3, 190, 395) + [(0.02, 1.0), (1.0, 0.98)]]
    if digit == 3:
        return [_arc(0.45, 0.26, 0.42, 0.26, 205, 450) + _arc(0.45, 0.74, 0.5, 0.26, 270, 510)[1:]]
    if digit == 4:
        if variant % 2:
            return [[(0.12, 0.0), (0.05, 0.62), (1.0, 0.62)], [(0.75, 0.05), (0.75, 1.0)]]
        return [[(0.7, 0.0), (0.0, 0.66), (1.0, 0.66)], [(0.72, 0.3), (0.72, 1.0)]]
    if digit == 5:
        bowl = _arc(0.45, 0.68, 0.5, 0.32, 225, 510)
        return [[(0.95, 0.0), (0.18, 0.0), (0.12, 0.45)] + bowl]
    if digit == 6:
        return [_arc(0.92, 0.7, 0.82, 0.7, 258, 180, 16) + _arc(0.5, 0.7, 0.4, 0.3, 180, -180, 32)]
    if digit == 7:
        strokes = [[(0.0, 0.0), (1.0, 0.0), (0.35, 1.0)]]
        if variant % 2:
            strokes.append([(0.3, 0.52), (0.9, 0.52)])
        return strokes
    if digit == 8:
        return [_arc(0.5, 0.25, 0.36, 0.25, 0, 360, 32), _arc(0.5, 0.73, 0.45, 0.27, 0, 360, 32)]
    if digit == 9:
        loop = _arc(0.45, 0.3, 0.43, 0.3, 0, 360, 32)
        if variant % 2:
            return [loop, [(0.88, 0.3), (0.86, 0.7), (0.7, 0.98), (0.3, 1.0)]]
        return [loop, [(0.88, 0.3), (0.8, 1.0)]]
    raise ValueError(f"A digit is a whole number from 0 to 9, got {digit!r}.")


def _place(strokes: list[Stroke], rng: np.random.Generator, height: float, centre: tuple[float, float]) -> list[Stroke]:
    """Random handwriting geometry: width ratio, slant, rotation, wobble; then size and place."""
    aspect = rng.uniform(0.45, 0.8)
    slant = rng.uniform(-0.3, 0.3)
    angle = math.radians(rng.uniform(-10, 10))
    cos, sin = math.cos(angle), math.sin(angle)
    wobble = rng.normal(0, 0.025, size=(4,))
    placed = []
    for stroke in strokes:
        points = []
        for x, y in stroke:
            u = (x - 0.5) * aspect + slant * (0.5 - y) + wobble[0] * math.sin(6 * y + wobble[1] * 20)
            v = (y - 0.5) + wobble[2] * math.sin(6 * x + wobble[3] * 20)
            rx, ry = cos * u - sin * v, sin * u + cos * v
            points.append((centre[0] + rx * height, centre[1] + ry * height))
        placed.append(points)
    return placed


def _font_paths() -> list[str]:
    paths = sorted({path for pattern in FONT_GLOBS for path in glob.glob(pattern)})
    # Symbol/math fonts have odd digits; leave them out.
    return [path for path in paths if "Math" not in path]


@dataclass(frozen=True)
class Rendering:
    """One generated digit.

    Attributes
    ----------
    image : np.ndarray
        uint8 (H, W, 3) or (H, W, 4).
    label : int
        The digit drawn.
    style : str
        One of :data:`STYLES`.
    source : str
        One of :data:`SOURCES`.
    variation : str
        One of :data:`VARIATIONS`.
    """

    image: np.ndarray
    label: int
    style: str
    source: str
    variation: str = "plain"


def _ink_mask(digit: int, rng: np.random.Generator, size: tuple[int, int], source: str,
              fonts: Sequence[str], variation: str = "plain") -> np.ndarray:
    """Ink coverage in [0, 1] of one digit at a random size and position."""
    width, height = size
    scale = 2  # draw large, then reduce: smooth, anti-aliased edges
    picture = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(picture)
    # a marker digit is written big: its strokes are then wide next to the picture
    digit_height = rng.uniform(0.55 if variation == "marker" else 0.2, 0.85) * min(width, height) * scale
    margin = digit_height * 0.6
    centre = (
        rng.uniform(margin, max(margin, width * scale - margin)),
        rng.uniform(margin, max(margin, height * scale - margin)),
    )
    if source == "font" and fonts:
        font_path = fonts[int(rng.integers(len(fonts)))]
        font = ImageFont.truetype(font_path, size=max(8, int(digit_height * 1.3)))
        draw.text(centre, str(digit), fill=255, font=font, anchor="mm")
    else:
        pen = max(2.0, rng.uniform(0.05, 0.2) * digit_height)
        if variation == "marker":
            pen = rng.uniform(0.2, 0.3) * digit_height
        elif variation == "pencil":
            pen = max(2.0, rng.uniform(0.015, 0.035) * digit_height)
        variant = int(rng.integers(2))
        for stroke in _place(_templates(digit, variant), rng, digit_height, centre):
            draw.line(stroke, fill=255, width=int(round(pen)), joint="curve")
            for x, y in (stroke[0], stroke[-1]):
                draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=255)
    if variation == "rotated":
        angle = rng.choice([-1, 1]) * rng.uniform(8, 15)
        picture = picture.rotate(angle, resample=Image.Resampling.BILINEAR, center=centre)
    small = picture.resize((width, height), Image.Resampling.BOX)
    if source == "font" and variation in ("marker", "pencil"):  # a marker over the font, or a thin pen
        size = max(2, int(round(digit_height / scale * 0.1))) if variation == "marker" else 2
        function = ndimage.maximum_filter if variation == "marker" else ndimage.minimum_filter
        small = Image.fromarray(function(np.asarray(small), size=size))
    if variation == "pencil":
        return np.asarray(small, dtype=np.float32) / 255.0 * rng.uniform(0.45, 0.75)  # grey graphite
    if source == "font" and variation == "plain" and fonts and rng.random() < 0.5:
        # make some strokes bolder (or thinner) than the font's, like another pen would
        kind = ImageFilter.MaxFilter if rng.random() < 0.7 else ImageFilter.MinFilter
        small = small.filter(kind(3 if digit_height < 200 else 5))
    return np.asarray(small, dtype=np.float32) / 255.0


def _style(mask: np.ndarray, style: str, rng: np.random.Generator) -> np.ndarray:
    height, width = mask.shape
    if style == "canvas":
        value = (mask * 255).round().astype(np.uint8)
        alpha = np.full_like(value, 255)
        return np.dstack([value, value, value, alpha])
    if style == "transparent":
        colour = rng.integers(0, 120, size=3) if rng.random() < 0.7 else rng.integers(0, 256, size=3)
        rgb = np.broadcast_to(colour.astype(np.uint8), (height, width, 3))
        alpha = (mask * 255).round().astype(np.uint8)
        return np.dstack([rgb, alpha])
    if style == "paper":
        rows, cols = np.mgrid[0:height, 0:width].astype(np.float32)
        direction = rng.uniform(0, 2 * math.pi)
        ramp = (np.cos(direction) * cols / width + np.sin(direction) * rows / height)
        light = rng.uniform(0.72, 0.95) + rng.uniform(0.05, 0.2) * (ramp - ramp.mean())
        paper = np.clip(light, 0.4, 1.0)[:, :, None] * np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 1.0)])
        ink = rng.uniform(0.0, 0.3, size=3) * rng.uniform(0.5, 1.0)
        strength = rng.uniform(0.75, 1.0)
        image = paper * (1 - strength * mask[:, :, None]) + ink * strength * mask[:, :, None]
        image = image + rng.normal(0.0, rng.uniform(0.01, 0.04), size=image.shape)
        return (np.clip(image, 0.0, 1.0) * 255).round().astype(np.uint8)
    raise ValueError(f"Unknown style {style!r}; choose one of {', '.join(STYLES)}.")


def render(digit: int, rng: np.random.Generator, style: str = "canvas", source: str = "strokes",
           size: tuple[int, int] | None = None, variation: str = "plain") -> Rendering:
    """Render one digit with random geometry in the given style.

    Parameters
    ----------
    digit : int
        0 to 9.
    rng : np.random.Generator
        Source of randomness (seeded by the caller: same seed, same image).
    style : str
        One of :data:`STYLES`.
    source : str
        ``"strokes"`` or ``"font"`` (falls back to strokes when no font is installed).
    size : tuple of int, optional
        ``(width, height)`` of the picture; random between 96 and 400 pixels by default.
    variation : str
        One of :data:`VARIATIONS`.

    Returns
    -------
    Rendering
    """
    if not isinstance(digit, int | np.integer) or not 0 <= int(digit) <= 9:
        raise ValueError(f"A digit is a whole number from 0 to 9, got {digit!r}.")
    if style not in STYLES:
        raise ValueError(f"Unknown style {style!r}; choose one of {', '.join(STYLES)}.")
    if source not in SOURCES:
        raise ValueError(f"Unknown source {source!r}; choose one of {', '.join(SOURCES)}.")
    if size is None:
        size = (int(rng.integers(96, 401)), int(rng.integers(96, 401)))
    fonts = _font_paths() if source == "font" else []
    actual_source = source if (source == "strokes" or fonts) else "strokes"
    if variation not in VARIATIONS:
        raise ValueError(f"Unknown variation {variation!r}; choose one of {', '.join(VARIATIONS)}.")
    mask = _ink_mask(int(digit), rng, size, actual_source, fonts, variation)
    image = _style(mask, style, rng)
    if variation == "shadow":
        image = _shadow(image, rng)
    elif variation == "jpeg":
        image = _jpeg(image, style, int(rng.integers(25, 61)))
    return Rendering(image, int(digit), style, actual_source, variation)


def _shadow(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Darken part of the picture with a soft-edged shadow (a hand or a phone over the paper)."""
    height, width = image.shape[:2]
    rows, cols = np.mgrid[0:height, 0:width].astype(np.float32)
    direction = rng.uniform(0, 2 * math.pi)
    distance = (np.cos(direction) * (cols - width / 2) + np.sin(direction) * (rows - height / 2)) / max(width, height)
    edge = rng.uniform(-0.25, 0.25)
    softness = rng.uniform(0.03, 0.15)
    shade = 1.0 - rng.uniform(0.3, 0.55) / (1.0 + np.exp(-(distance - edge) / softness))
    shaded = image.astype(np.float32)
    shaded[:, :, :3] *= shade[:, :, None]
    return shaded.round().astype(np.uint8)


def _jpeg(image: np.ndarray, style: str, quality: int) -> np.ndarray:
    """The picture after a round trip through JPEG at ``quality`` (alpha compressed as grey)."""
    import io

    def round_trip(array: np.ndarray) -> np.ndarray:
        buffer = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(array)).save(buffer, format="JPEG", quality=quality)
        return np.asarray(Image.open(io.BytesIO(buffer.getvalue())))

    if style == "transparent":
        return np.dstack([image[:, :, :3], round_trip(image[:, :, 3])])
    rgb = round_trip(image[:, :, :3])
    return np.dstack([rgb, image[:, :, 3]]) if image.shape[2] == 4 else rgb


def make_test_set(per_digit: int = 30, seed: int = 7,
                  variations: Sequence[str] = VARIATIONS) -> list[Rendering]:
    """A balanced, seeded set of renderings: every digit x style x source x variation.

    Parameters
    ----------
    per_digit : int
        Images per digit, spread evenly over the styles, sources and ``variations``.
    seed : int
        Seed of the generator.
    variations : sequence of str
        Which of :data:`VARIATIONS` to include.

    Returns
    -------
    list of Rendering
    """
    if per_digit < 1:
        raise ValueError("per_digit must be at least 1.")
    rng = np.random.default_rng(seed)
    combos = [(style, source, variation) for variation in variations for source in SOURCES for style in STYLES]
    renderings = []
    for digit in range(10):
        for index in range(per_digit):
            style, source, variation = combos[(index + 7 * digit) % len(combos)]
            renderings.append(render(digit, rng, style, source, variation=variation))
    return renderings


def render_number(number: str, rng: np.random.Generator, style: str = "canvas",
                  size: tuple[int, int] = (280, 280), gap: float = 0.25) -> np.ndarray:
    """Pen strokes of several digits in a row (``"2026"``), in one of :data:`STYLES`.

    Parameters
    ----------
    number : str
        The digits, left to right.
    rng : np.random.Generator
        Source of randomness (the handwriting geometry).
    style : str
        One of :data:`STYLES`.
    size : tuple of int
        ``(width, height)`` of the picture.
    gap : float
        Space between digits, as a fraction of a digit's height.

    Returns
    -------
    np.ndarray
        uint8 (H, W, 3) or (H, W, 4).
    """
    if not number or not number.isdigit():
        raise ValueError(f"A number is one or more digits 0-9, got {number!r}.")
    width, height = size
    scale = 2
    picture = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(picture)
    digit_height = min(0.7 * height, 0.92 * width / (len(number) * (0.7 + gap))) * scale
    pen = max(2.0, 0.12 * digit_height)
    step = digit_height * (0.7 + gap)
    start = width * scale / 2 - step * (len(number) - 1) / 2
    for index, character in enumerate(number):
        centre = (start + index * step, height * scale / 2)
        for stroke in _place(_templates(int(character), int(rng.integers(2))), rng, digit_height, centre):
            draw.line(stroke, fill=255, width=int(round(pen)), joint="curve")
            for x, y in (stroke[0], stroke[-1]):
                draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=255)
    mask = np.asarray(picture.resize((width, height), Image.Resampling.BOX), dtype=np.float32) / 255.0
    return _style(mask, style, rng)
