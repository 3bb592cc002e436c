"""Checks of an imported model that run before (and just after) anything is built.

:func:`check_network_size` and :func:`check_weights_fit` compare a configuration's
arithmetic with the weights' shapes without Keras, so a tiny ``config.json`` asking for a
huge network is refused before any memory is allocated; :func:`check_forward_pass` refuses
weights that make every prediction NaN; :func:`import_label` names an imported model.
The safe format itself (``config.json`` + ``weights.npz``) is in :mod:`rna_core.model_files`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from rna_core.errors import LocalizedError
from rna_core.models import NUM_CLASSES, NetworkConfig, parameter_count

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    import keras

#: The one input shape the app can feed: a 28x28 image flattened into 784 values.
INPUT_SHAPE: tuple[int, ...] = (784,)
#: Characters of the uploaded file name kept in an imported model's label.
LABEL_NAME_CHARS = 32


def expected_weight_shapes(config: NetworkConfig, input_shape: tuple[int, ...] = INPUT_SHAPE) -> list[tuple[int, ...]]:
    """Shapes of the weight arrays the network of ``config`` has, in Keras order, without Keras.

    Each ``Dense`` layer has a kernel ``(inputs, units)`` then a bias ``(units,)``;
    ``Dropout`` and ``Flatten`` have none.
    """
    sizes = (int(np.prod(input_shape)), *config.hidden_layers, NUM_CLASSES)
    shapes: list[tuple[int, ...]] = []
    for inputs, units in zip(sizes[:-1], sizes[1:], strict=True):
        shapes += [(inputs, units), (units,)]
    return shapes


def check_network_size(config: NetworkConfig, input_shape: tuple[int, ...], max_bytes: int) -> None:
    """Refuse a network larger than any accepted ``weights.npz`` could hold (arithmetic only).

    A 0.5 KB ``config.json`` may ask for 8 layers of 4,096 units: about 120 million weights,
    half a gigabyte once built. This check needs no Keras and allocates nothing.

    Raises
    ------
    ValueError
        If the weights, 4 bytes each, would take more than ``max_bytes``.
    """
    count = parameter_count(config, int(np.prod(input_shape)))
    if 4 * count > max_bytes:
        raise LocalizedError(
            f"The network in config.json has {count:,} weights ({4 * count / 1e6:,.0f} MB), more than the "
            f"{max_bytes / 1e6:,.0f} MB a weights.npz may hold: it is too large to import here.",
            "import.error_too_many_weights", count=count, size=4 * count / 1e6, limit=max_bytes / 1e6,
        )


def check_weights_fit(config: NetworkConfig, input_shape: tuple[int, ...], found: Sequence[tuple[int, ...]]) -> None:
    """Compare the weights' shapes with the network ``config`` describes, before building anything.

    Raises
    ------
    ValueError
        If the number of arrays or any shape differs.
    """
    expected = expected_weight_shapes(config, input_shape)
    found = [tuple(int(n) for n in shape) for shape in found]
    if found != expected:
        raise LocalizedError(
            f"The weights do not fit the network in config.json: expected {len(expected)} arrays "
            f"shaped {expected[:4]}..., found {len(found)} shaped {found[:4]}...",
            "import.error_shapes", expected=len(expected), found=len(found),
            expected_shapes=str(expected[:4]), found_shapes=str(found[:4]),
        )


def check_forward_pass(model: keras.Model, input_size: int = INPUT_SHAPE[0]) -> None:
    """Refuse a model whose predictions are not finite on images like the app's (pixels 0-1).

    Finite but huge weights (3e38) overflow inside the network: every prediction becomes
    NaN, which would be shown as a meaningless accuracy. The probes are a blank image, a
    white one and a few random grey ones (fixed seed).

    Raises
    ------
    ValueError
        If any probability is NaN or infinite.
    """
    rng = np.random.default_rng(0)
    probes = np.concatenate([
        np.zeros((1, input_size)), np.ones((1, input_size)), rng.random((6, input_size)),
        (rng.random((4, input_size)) > 0.8).astype(float),
    ]).astype(np.float32)
    with np.errstate(all="ignore"):
        outputs = np.asarray(model(probes, training=False), dtype=np.float64)
    if not np.isfinite(outputs).all():
        raise LocalizedError(
            "The weights in weights.npz are so large that the network's numbers overflow: its "
            "predictions come out as NaN (not a number). The model is broken; train it again.",
            "import.error_overflow",
        )


def import_label(filename: str, config: NetworkConfig, lang: str = "en") -> str:
    """The label of an imported model: its file name (cut, control characters removed) and settings.

    The settings summary is never cut, so no number is split; a long file name is cut to
    :data:`LABEL_NAME_CHARS` characters with an ellipsis.
    """
    name = "".join(ch for ch in str(filename) if not unicodedata.category(ch).startswith("C")).strip()
    if len(name) > LABEL_NAME_CHARS:
        name = name[: LABEL_NAME_CHARS - 1] + "…"
    return f"{name or 'config.json'} · {config.describe(lang)}"
