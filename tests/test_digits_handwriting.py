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
    by_style = {r.style: r.image for r in first}
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
