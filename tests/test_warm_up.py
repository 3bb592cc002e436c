"""Compiling the default recipe ahead of time (rna_core.warm_up): the shapes it prepares, and
that a student's Fast training after it compiles nothing new (JAX's disk cache gains no entry)."""

from __future__ import annotations

import json

import pytest

from rna_core.data import COURSE_SPLIT_SIZES, prepare_training_data
from rna_core.warm_up import _batch_shapes

from .test_backend import python


@pytest.mark.parametrize(("total", "batch", "expected"), [
    (60_000, 128, 128 + 96),  # one full batch and the short last one
    (4_999, 128, 128 + 7),
    (5_001, 2_048, 2_048 + 905),
    (256, 128, 128),  # no short batch
    (100, 128, 100),  # fewer examples than a batch
])
def test_zero_images_give_every_batch_shape_of_the_real_data(total: int, batch: int, expected: int) -> None:
    assert _batch_shapes(total, batch) == expected


def test_the_split_sizes_are_those_of_the_prepared_data(mnist_path) -> None:
    assert prepare_training_data().sizes == COURSE_SPLIT_SIZES


WARM_THEN_TRAIN = """
import json, os, pathlib
from rna_core.data import prepare_training_data
from rna_core.models import FAST_CONFIG
from rna_core.training import TrainingJob
from rna_core.warm_up import warm_up
cache = pathlib.Path(os.environ["JAX_COMPILATION_CACHE_DIR"])
seconds = warm_up()
after_warm_up = sorted(p.name for p in cache.rglob("*"))
job = TrainingJob(FAST_CONFIG, prepare_training_data(), label="student").start()
job.wait()
print(json.dumps({"seconds": seconds, "status": job.progress().status, "after_warm_up": after_warm_up,
                  "after_training": sorted(p.name for p in cache.rglob("*"))}))
"""


@pytest.mark.keras
@pytest.mark.slow
def test_after_the_warm_up_a_fast_training_compiles_nothing_new(mnist_path, tmp_path) -> None:
    out = json.loads(python(WARM_THEN_TRAIN, KERAS_BACKEND="jax", JAX_COMPILATION_CACHE_DIR=str(tmp_path),
                            JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS="0", RNA_MNIST_PATH=mnist_path,
                            KERAS_MAX_EPOCHS="1").splitlines()[-1])
    assert out["seconds"] > 0 and out["status"] == "finished"
    assert len(out["after_warm_up"]) >= 5  # training, validation and scoring programs
    assert out["after_training"] == out["after_warm_up"]  # every program the training ran was ready


@pytest.mark.keras
def test_under_tensorflow_there_is_nothing_to_prepare() -> None:
    assert python("from rna_core.warm_up import warm_up; print(warm_up())", KERAS_BACKEND="tensorflow") == "None"


@pytest.mark.keras
def test_every_preset_is_prepared_fast_first(monkeypatch) -> None:
    from rna_core import warm_up as module
    from rna_core.models import FAST_CONFIG, PRESETS

    prepared = []
    monkeypatch.setattr(module, "warm_up", lambda config: prepared.append(config) or 1.5)
    assert module.warm_up_presets() == 1.5 * len(PRESETS)
    assert prepared[0] == FAST_CONFIG and sorted(map(repr, prepared)) == sorted(map(repr, PRESETS.values()))
    monkeypatch.setattr(module, "warm_up", lambda config: None)  # TensorFlow: nothing to prepare
    assert module.warm_up_presets() is None
