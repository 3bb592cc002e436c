"""MNIST digits written differently: the augmentation the default CNN is trained with.

Each changed copy is an MNIST digit with another pen (a thick marker or a thin pencil),
another hand (elastic wobble, rotation up to 15 degrees, slant, width and height), another
camera (blur, noise) and then put through the page's own recipe
(crop to the ink, fit 20x20, centre of mass in 28x28), so the network learns from images
prepared exactly like a student's drawing.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from rna_core.digits.preprocess import bounding_box, centre_by_mass, fit_into_box


def augment_one(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One MNIST digit written differently, then normalised like a drawing.

    Parameters
    ----------
    image : np.ndarray
        uint8 (28, 28) MNIST digit.
    rng : np.random.Generator
        Source of randomness.

    Returns
    -------
    np.ndarray
        float32 (28, 28) in [0, 1], as :func:`rna_core.digits.to_mnist` would give.
    """
    big = ndimage.zoom(image.astype(np.float32) / 255.0, 2, order=1)  # 56x56: room to change strokes
    choice = rng.random()
    if choice < 0.45:
        big = ndimage.grey_dilation(big, size=(int(rng.integers(2, 8)),) * 2)  # a thicker pen, up to a marker
    elif choice < 0.65:
        big = ndimage.grey_erosion(big, size=(2, 2))  # a thinner pen
    if rng.random() < 0.5:
        big = elastic(big, rng, strength=rng.uniform(1.0, 3.0), smoothness=rng.uniform(4.0, 7.0))
    angle = np.radians(rng.uniform(-15, 15))
    shear = rng.uniform(-0.3, 0.3)
    scale_x, scale_y = rng.uniform(0.75, 1.25), rng.uniform(0.9, 1.1)
    cos, sin = np.cos(angle), np.sin(angle)
    forward = np.array([[cos, -sin], [sin, cos]]) @ np.array([[scale_y, 0.0], [shear, scale_x]])
    inverse = np.linalg.inv(forward)
    centre = np.array(big.shape) / 2.0
    offset = centre - inverse @ centre
    warped = np.clip(ndimage.affine_transform(big, inverse, offset=offset, order=1, mode="constant"), 0.0, 1.0)
    if rng.random() < 0.3:  # an out-of-focus photo, a grainy one
        warped = ndimage.gaussian_filter(warped, rng.uniform(0.5, 1.5))
        warped = warped / max(float(warped.max()), 1e-6)
    if rng.random() < 0.3:
        warped = np.clip(warped * rng.uniform(0.5, 1.0) + rng.normal(0.0, 0.04, warped.shape), 0.0, 1.0)
    if warped.max() < 0.2:
        return image.astype(np.float32) / 255.0
    ink = np.where(warped > 0.1, warped, 0.0)
    top, bottom, left, right = bounding_box(ink)
    centred = centre_by_mass(fit_into_box(ink[top:bottom, left:right]))
    shift = rng.uniform(-1.0, 1.0, size=2)
    return np.clip(ndimage.shift(centred, shift, order=1, prefilter=False), 0.0, 1.0).astype(np.float32)


def elastic(image: np.ndarray, rng: np.random.Generator, strength: float, smoothness: float) -> np.ndarray:
    """Bend the strokes a little, like a hand does: a random smooth displacement field.

    Parameters
    ----------
    image : np.ndarray
        float (H, W).
    rng : np.random.Generator
        Source of randomness.
    strength : float
        Largest typical displacement, in pixels.
    smoothness : float
        Gaussian width (pixels) of the field: larger, smoother bends.
    """
    fields = [ndimage.gaussian_filter(rng.uniform(-1, 1, image.shape), smoothness) for _ in range(2)]
    scale = strength / max(float(max(np.abs(f).max() for f in fields)), 1e-6)
    rows, cols = np.indices(image.shape, dtype=np.float64)
    return ndimage.map_coordinates(image, [rows + scale * fields[0], cols + scale * fields[1]], order=1, mode="constant")


def augment(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """:func:`augment_one` for every image of a (n, 28, 28) uint8 batch."""
    return np.stack([augment_one(image, rng) for image in images])
