"""rna_core.digits.handwriting: the seeded non-MNIST test set."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.digits import handwriting

# -- the rendering set ------------------------------------------------------------------------------


def test_renderings_are_seeded_balanced_and_in_three_styles() -> None:
    first = handwriting.make_test_set(per_digit=6, seed=5)
    second = handwriting.make_test_set(per_digit=6, seed=5)
    assert all(np.array_equal(a.image, b.image) for a, b in zip(first, second, strict=True))
    assert np.bincount([r.label for r in first]).tolist() == [6] * 10
    by_style = {r.style: r.image for r in first if r.variation == "plain"}
    assert set(by_style) == set(handwriting.STYLES)
    assert by_style["canvas"].shape[2] == 4 and (by_style["canvas"][:, :, 3] == 255).all()
    assert by_style["transparent"].shape[2] == 4 and (by_style["transparent"][:, :, 3] == 0).mean() > 0.5
    assert by_style["paper"].shape[2] == 3 and np.median(by_style["paper"]) > 128


def test_render_rejects_unknown_digit_or_style() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="0 to 9"):
        handwriting.render(12, rng)
    with pytest.raises(ValueError, match="style"):
        handwriting.render(3, rng, style="watercolour")


def test_every_variation_appears_in_every_style_and_changes_the_picture() -> None:
    renderings = handwriting.make_test_set(per_digit=36, seed=3)
    pairs = {(r.style, r.variation) for r in renderings}
    assert pairs == {(style, variation) for style in handwriting.STYLES for variation in handwriting.VARIATIONS}
    rng = np.random.default_rng(0)
    plain = handwriting.render(8, rng, "paper", size=(200, 200)).image
    jpeg = handwriting.render(8, np.random.default_rng(0), "paper", size=(200, 200), variation="jpeg").image
    assert plain.shape == jpeg.shape and not np.array_equal(plain, jpeg)
    with pytest.raises(ValueError, match="variation"):
        handwriting.render(3, rng, variation="smudge")


def test_render_number_draws_the_digits_in_a_row() -> None:
    image = handwriting.render_number("2026", np.random.default_rng(1), "paper", size=(360, 140))
    assert image.shape == (140, 360, 3)
    with pytest.raises(ValueError, match="digits"):
        handwriting.render_number("20a6", np.random.default_rng(1))
