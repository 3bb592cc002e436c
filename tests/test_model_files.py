"""Importing a model safely (issue 19): validate before allocating, every failure a sentence.

The safe format's round trip and the older refusals are in ``tests/test_models.py``; these
are the hostile ``config.json`` / ``weights.npz`` pairs of issue 19 and the checks that run
before any Keras model is built.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from rna_core import model_checks, model_files
from rna_core.errors import LocalizedError
from rna_core.i18n import t
from rna_core.models import MAX_UNITS, NetworkConfig

from .test_faults import FakeModel

SMALL = NetworkConfig(hidden_layers=(16,), dropout=0.0)


def fake_files(hidden: int = 16, scale: float = 0.05, seed: int = 0) -> tuple[bytes, bytes]:
    """A valid safe-format pair of a (784-hidden-10) network, written without Keras."""
    fake = FakeModel(hidden, 0.0)
    rng = np.random.default_rng(seed)
    fake._weights = [rng.normal(0, scale, w.shape).astype(np.float32) for w in fake.get_weights()]
    return model_files.config_json(fake, NetworkConfig(hidden_layers=(hidden,), dropout=0.0)), model_files.weights_npz(fake)


def document(**changes) -> bytes:
    config, _ = fake_files()
    return json.dumps({**json.loads(config), **changes}).encode()


def npz(*arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **{f"w{index:03d}": array for index, array in enumerate(arrays)})
    return buffer.getvalue()


@pytest.fixture()
def never_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a Keras model is built: the refusal must come before any allocation."""
    def refuse(*args, **kwargs):
        raise AssertionError("a model was built before the files were validated")

    monkeypatch.setattr(model_files, "build_model", refuse)


def assert_translated(error: ValueError) -> None:
    assert isinstance(error, LocalizedError), type(error)
    assert t(error.key, "en", **error.values) == str(error)
    assert t(error.key, "es", **error.values) != str(error)


def test_deeply_nested_config_is_a_sentence_not_a_recursion_error() -> None:
    """Issue 19 (1): 40 KB of nested lists raised RecursionError through the page."""
    nested = b'{"format": "rna-dashboard-model", "version": 1, "config": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    assert len(nested) < model_files.MAX_CONFIG_BYTES
    with pytest.raises(ValueError, match="nested too deeply") as caught:
        model_files.load_safe_bytes(nested, fake_files()[1])
    assert_translated(caught.value)


@pytest.mark.parametrize("shape", [[28, 28], [28, 28, 1], [10], [], "784", [784.0], [[784]]])
def test_input_shapes_the_app_cannot_feed_are_refused(shape, never_build) -> None:
    """Issue 19 (2): [28, 28] was accepted, then evaluation on flat images failed with a Keras dump."""
    with pytest.raises(ValueError, match=r"input shape must be \[784\]") as caught:
        model_files.load_safe_bytes(document(input_shape=shape), fake_files()[1])
    assert_translated(caught.value)


def test_a_tiny_config_asking_for_a_huge_network_is_refused_before_building(never_build) -> None:
    """8 x 4,096 units is within the per-layer limits: ~120 M weights, ~0.9 GB once built."""
    config = document(config={"hidden_layers": [MAX_UNITS] * 8}, weights=[])
    assert len(config) < 600
    with pytest.raises(ValueError, match="too large to import") as caught:
        model_files.load_safe_bytes(config, fake_files()[1])
    assert_translated(caught.value)
    assert caught.value.values["count"] == 784 * 4096 + 4096 + 7 * (4096 * 4096 + 4096) + 4096 * 10 + 10


@pytest.mark.parametrize("arrays", [
    [np.zeros((784, 16)), np.zeros(16), np.zeros((16, 10))],  # one array missing
    [np.zeros((784, 17)), np.zeros(17), np.zeros((17, 10)), np.zeros(10)],  # another width
    [np.zeros((16, 784)), np.zeros(16), np.zeros((16, 10)), np.zeros(10)],  # transposed kernel
    [np.zeros((784, 16)), np.zeros(16), np.zeros((16, 10)), np.zeros(10), np.zeros(3)],  # one too many
], ids=["missing", "wider", "transposed", "extra"])
def test_weights_that_do_not_fit_are_refused_before_building(arrays, never_build) -> None:
    config, _ = fake_files()
    with pytest.raises(ValueError, match="do not fit") as caught:
        model_files.load_safe_bytes(config, npz(*(a.astype(np.float32) for a in arrays)))
    assert_translated(caught.value)


@pytest.mark.parametrize(("data", "words"), [
    (b'{"format": "rna-dashboard-model", "version": 1, "config": {"learning_rate": NaN}}', "not valid JSON"),
    (b'{"format": "rna-dashboard-model", "version": 1, "config": {"seed": Infinity}}', "not valid JSON"),
    (b'{"format": "rna-dashboard-model", "version": 1, "config": {"seed": ' + b"9" * 5000 + b"}}", "not valid JSON"),
    (b"\xff\xfe{}", "not valid JSON"),
    (b"[1, 2, 3]", "not an RNA Dashboard model"),
    (b'{"format": "rna-dashboard-model", "version": [' + b"1," * 5000 + b"1]}", "version"),
    (b'{"format": "rna-dashboard-model", "version": 1, "config": []}', "JSON object"),
    (b'{"format": "rna-dashboard-model", "version": 1, "config": {"hidden_layers": [true]}}', "whole numbers"),
], ids=["nan", "infinity", "5000-digit-integer", "not-utf8", "a-list", "huge-version", "config-list", "bool-units"])
def test_hostile_config_json_gets_a_sentence(data: bytes, words: str, never_build) -> None:
    with pytest.raises(ValueError, match=words) as caught:
        model_files.load_safe_bytes(data, fake_files()[1])
    assert len(str(caught.value)) < 400  # a sentence, not a dump of the file


def test_an_unexpected_failure_inside_a_parser_is_still_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data):
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr(NetworkConfig, "from_dict", staticmethod(broken))
    with pytest.raises(ValueError, match=r"could not be read \(TypeError\)") as caught:
        model_files.load_safe_bytes(*fake_files())
    assert_translated(caught.value)


def test_expected_shapes_are_those_keras_builds() -> None:
    """The arithmetic used before building agrees with the model Keras builds (the oracle)."""
    from rna_core.models import build_model

    for config in (SMALL, NetworkConfig(hidden_layers=(8, 4, 3), dropout=0.2), NetworkConfig(hidden_layers=(5,))):
        model = build_model(config, compile_model=False)
        assert model_checks.expected_weight_shapes(config) == [tuple(w.shape) for w in model.get_weights()]


def test_finite_but_huge_weights_that_overflow_are_refused() -> None:
    """3e38 is a finite float32, but the forward pass overflows: every prediction was NaN."""
    config, weights = fake_files()
    with np.load(io.BytesIO(weights)) as archive:
        arrays = [archive[name] for name in sorted(archive.files)]
    arrays[0] = np.full_like(arrays[0], 3e38)
    assert all(np.isfinite(a).all() for a in arrays)
    with pytest.raises(ValueError, match="overflow") as caught:
        model_files.load_safe_bytes(config, npz(*arrays))
    assert_translated(caught.value)


def test_a_good_pair_still_loads_and_predicts() -> None:
    config, weights = fake_files()
    model, loaded = model_files.load_safe_bytes(config, weights)
    assert loaded == NetworkConfig(hidden_layers=(16,), dropout=0.0)
    probabilities = np.asarray(model(np.random.default_rng(1).random((3, 784)).astype(np.float32)))
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_import_label_keeps_the_settings_whole(lang: str) -> None:
    """The label used to be cut at 80 characters, in the middle of a number ("batch 1")."""
    config = NetworkConfig(hidden_layers=(4096, 2048, 1024, 512), dropout=0.25, optimizer="adam",
                           learning_rate=0.003, schedule="cosine", batch_size=128, epochs=10)
    label = model_checks.import_label("my_very_long_model_file_name_from_the_lab_" * 3 + ".json", config, lang)
    assert label.endswith(config.describe(lang))
    name = label.split(" · ")[0]
    assert len(name) == model_checks.LABEL_NAME_CHARS and name.endswith("…")


def test_import_label_drops_control_characters() -> None:
    label = model_checks.import_label("evil\x00\x1b[31mname\u202e.json", SMALL)
    assert label.startswith("evil[31mname.json · ")
    assert model_checks.import_label("\x00\x00", SMALL).startswith("config.json · ")
