"""NetworkConfig validation, the Keras model it builds, its exported script and the safe format."""

from __future__ import annotations

import ast
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rna_core import model_code, model_files, models
from rna_core.models import COURSE_CONFIG, FAST_CONFIG, PRESETS, NetworkConfig

from .conftest import ROOT

pytestmark = pytest.mark.keras

TINY = NetworkConfig(hidden_layers=(8, 4), epochs=1, batch_size=16)


# ----------------------------------------------------------------------------- config


def test_course_recipe_is_the_default() -> None:
    assert COURSE_CONFIG == NetworkConfig()
    assert COURSE_CONFIG.hidden_layers == (300, 100)
    assert (COURSE_CONFIG.optimizer, COURSE_CONFIG.learning_rate) == ("sgd", 0.01)
    assert (COURSE_CONFIG.batch_size, COURSE_CONFIG.epochs, COURSE_CONFIG.activation) == (32, 40, "relu")


def test_fast_preset_is_the_same_network_with_a_better_recipe() -> None:
    assert FAST_CONFIG.hidden_layers == COURSE_CONFIG.hidden_layers
    assert (FAST_CONFIG.optimizer, FAST_CONFIG.schedule, FAST_CONFIG.batch_size) == ("adam", "cosine", 128)
    assert FAST_CONFIG.dropout > 0 and FAST_CONFIG.epochs <= 10
    assert set(PRESETS) == {"course", "fast"}


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"hidden_layers": (0,)}, "at least 1 unit"),
        ({"hidden_layers": (300, 0)}, "at least 1 unit"),
        ({"hidden_layers": (1.5,)}, "whole numbers"),
        ({"hidden_layers": (True,)}, "whole numbers"),
        ({"hidden_layers": tuple([10] * 9)}, "at most"),
        ({"learning_rate": 0.0}, "learning_rate must be greater than 0"),
        ({"learning_rate": -0.1}, "learning_rate must be greater than 0"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"batch_size": 0}, "batch size"),
        ({"batch_size": 2.5}, "batch size"),
        ({"epochs": 0}, "0 epochs"),
        ({"dropout": 1.0}, "dropout"),
        ({"dropout": -0.1}, "dropout"),
        ({"optimizer": "adamw"}, "choose one of sgd, momentum, rmsprop, adam"),
        ({"activation": "softmax"}, "activation"),
        ({"schedule": "step"}, "schedule"),
        ({"momentum": 1.0}, "momentum"),
        ({"seed": -1}, "seed"),
    ],
)
def test_invalid_settings_raise_a_clear_value_error(changes: dict, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        NetworkConfig(**changes)


def test_batch_larger_than_the_data_is_refused() -> None:
    config = NetworkConfig(batch_size=512)
    config.check_data_size(512)
    with pytest.raises(ValueError, match="larger than the training data"):
        config.check_data_size(511)
    assert config.steps_per_epoch(1024) == 2
    assert NetworkConfig(batch_size=32).steps_per_epoch() == 1875


def test_config_round_trips_through_json_and_is_hashable() -> None:
    for config in (COURSE_CONFIG, FAST_CONFIG, TINY.replace(optimizer="rmsprop", rho=0.8)):
        text = json.dumps(config.to_dict())
        assert NetworkConfig.from_dict(json.loads(text)) == config
    assert len({COURSE_CONFIG, NetworkConfig(), FAST_CONFIG}) == 2
    assert NetworkConfig.from_dict({"hidden_layers": [64], "learning_rate": 1}).learning_rate == 1.0


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"layers": [10]}, "Unknown setting"),
        ({"hidden_layers": 300}, "list of whole numbers"),
        ({"epochs": "40"}, "epochs"),
        ([1, 2], "JSON object"),
    ],
)
def test_from_dict_validates(data: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        NetworkConfig.from_dict(data)  # type: ignore[arg-type]


def test_parameter_count_and_description() -> None:
    assert models.parameter_count(COURSE_CONFIG) == 784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10
    assert FAST_CONFIG.describe().startswith("784-300-100-10 relu · dropout 0.1 · adam")
    assert FAST_CONFIG.describe("es") == "784-300-100-10 relu · dropout 0,1 · adam lr=0,003 coseno · lote 128 · 10 épocas"


# ----------------------------------------------------------------------------- Keras model


def test_build_model_matches_the_config() -> None:
    model = models.build_model(FAST_CONFIG)
    dense = [layer for layer in model.layers if type(layer).__name__ == "Dense"]
    assert [layer.units for layer in dense] == [300, 100, 10]
    assert dense[-1].activation.__name__ == "softmax"
    assert [type(layer).__name__ for layer in model.layers].count("Dropout") == 2
    assert model.count_params() == models.parameter_count(FAST_CONFIG)
    assert model.loss == "sparse_categorical_crossentropy"
    x = np.random.default_rng(0).random((64, 784), dtype=np.float32)
    y = np.arange(64) % 10
    history = model.fit(x, y, epochs=1, batch_size=32, verbose=0)
    assert {"loss", "accuracy", "precision"} <= set(history.history)


def test_same_seed_same_weights_other_seed_other_weights() -> None:
    first = models.build_model(TINY).get_weights()
    again = models.build_model(TINY).get_weights()
    other = models.build_model(TINY.replace(seed=7)).get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[0], other[0])


def test_optimizers_and_cosine_schedule() -> None:
    import keras

    sgd = models.keras_optimizer(TINY)
    assert isinstance(sgd, keras.optimizers.SGD) and float(sgd.momentum) == 0.0
    momentum = models.keras_optimizer(TINY.replace(optimizer="momentum", momentum=0.8))
    assert isinstance(momentum, keras.optimizers.SGD) and momentum.momentum == pytest.approx(0.8)
    rmsprop = models.keras_optimizer(TINY.replace(optimizer="rmsprop", rho=0.8))
    assert isinstance(rmsprop, keras.optimizers.RMSprop) and rmsprop.rho == pytest.approx(0.8)
    adam = models.keras_optimizer(FAST_CONFIG, train_size=1280)
    assert isinstance(adam, keras.optimizers.Adam)
    schedule = adam._learning_rate
    assert isinstance(schedule, keras.optimizers.schedules.CosineDecay)
    total = FAST_CONFIG.epochs * 10  # 1280 / 128 steps per epoch
    assert schedule.decay_steps == total
    assert float(schedule(0)) == pytest.approx(FAST_CONFIG.learning_rate)
    assert float(schedule(total // 2)) == pytest.approx(FAST_CONFIG.learning_rate / 2, rel=1e-3)
    assert float(schedule(total)) == pytest.approx(0.0, abs=1e-9)


def test_sparse_precision_equals_keras_precision_on_one_hot_labels() -> None:
    import keras

    from rna_core.keras_parts import SparsePrecision

    rng = np.random.default_rng(1)
    probabilities = rng.dirichlet(np.full(10, 0.3), size=200).astype(np.float32)
    labels = rng.integers(0, 10, size=200)
    ours = SparsePrecision()
    ours.update_state(labels, probabilities)
    oracle = keras.metrics.Precision()
    oracle.update_state(keras.utils.to_categorical(labels, 10), probabilities)
    assert float(ours.result()) == pytest.approx(float(oracle.result()))
    assert 0.0 < float(ours.result()) < 1.0


# ----------------------------------------------------------------------------- Keras code export


@pytest.mark.parametrize("config", [COURSE_CONFIG, FAST_CONFIG, TINY.replace(optimizer="momentum"),
                                    TINY.replace(optimizer="rmsprop", dropout=0.1)])
def test_exported_code_is_valid_python_with_the_settings(config: NetworkConfig) -> None:
    code = model_code.to_keras_code(config)
    ast.parse(code)
    for units in config.hidden_layers:
        assert f"keras.layers.Dense({units}, activation=\"{config.activation}\")" in code
    assert f"batch_size={config.batch_size}, epochs={config.epochs}" in code
    assert ("CosineDecay" in code) == (config.schedule == "cosine")
    assert "from_logits=True" not in code and "/ 255.0" in code


@pytest.mark.slow
def test_exported_script_runs_on_a_small_subset(tmp_path: Path, mnist_path: str) -> None:
    code = model_code.to_keras_code(FAST_CONFIG.replace(hidden_layers=(32,), epochs=2), train_samples=512)
    script = tmp_path / "train.py"
    script.write_text(code)
    env = {**os.environ, "RNA_MNIST_PATH": mnist_path, "KERAS_MAX_EPOCHS": "1", "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "test_accuracy=" in result.stdout
    accuracy = float(result.stdout.split("test_accuracy=")[1].split()[0])
    assert 0.3 < accuracy <= 1.0
    assert (tmp_path / "mnist_mlp.keras").is_file()


def test_train_samples_must_fit_the_batch() -> None:
    with pytest.raises(ValueError, match="larger than the training data"):
        model_code.to_keras_code(COURSE_CONFIG.replace(batch_size=1024), train_samples=512)


# ----------------------------------------------------------------------------- safe format


@pytest.fixture(scope="module")
def tiny_model():
    model = models.build_model(TINY)
    rng = np.random.default_rng(2)
    model.fit(rng.random((64, 784), dtype=np.float32), np.arange(64) % 10, epochs=1, verbose=0)
    return model


def test_save_and_load_safe_round_trip(tmp_path: Path, tiny_model) -> None:
    target = model_files.save_safe(tiny_model, TINY, tmp_path / "model")
    assert sorted(p.name for p in target.iterdir()) == ["config.json", "weights.npz"]  # no temporary files left
    document = json.loads((target / "config.json").read_text())
    assert document["format"] == model_files.SAFE_FORMAT and document["config"]["hidden_layers"] == [8, 4]
    model, config = model_files.load_safe(target)
    assert config == TINY
    x = np.random.default_rng(3).random((5, 784), dtype=np.float32)
    np.testing.assert_allclose(np.asarray(model(x)), np.asarray(tiny_model(x)), atol=1e-6)


def test_saving_again_replaces_the_pair_and_keeps_other_files(tmp_path: Path, tiny_model) -> None:
    target = model_files.save_safe(tiny_model, TINY, tmp_path / "model")
    (target / "README.md").write_text("how this model was made")
    (target / "weights.npz").write_bytes(b"old weights")
    model_files.save_safe(tiny_model, TINY, target)
    assert sorted(p.name for p in target.iterdir()) == ["README.md", "config.json", "weights.npz"]
    assert (target / "README.md").read_text() == "how this model was made"
    assert model_files.load_safe(target)[1] == TINY  # the old weights were replaced
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no hidden staging folders left


def _files(model, config=TINY) -> tuple[bytes, bytes]:
    return model_files.config_json(model, config), model_files.weights_npz(model)


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_load_refuses_tampered_config(tiny_model) -> None:
    config, weights = _files(tiny_model)
    document = json.loads(config)
    bad = [
        ({**document, "format": "keras"}, "not an RNA Dashboard model"),
        ({**document, "version": 99}, "version"),
        ({**document, "input_shape": [10]}, "input shape"),
        ({**document, "config": {**document["config"], "hidden_layers": [0]}}, "at least 1 unit"),
        ({**document, "config": {**document["config"], "__class__": "os.system"}}, "Unknown setting"),
    ]
    for changed, words in bad:
        with pytest.raises(ValueError, match=words):
            model_files.load_safe_bytes(json.dumps(changed).encode(), weights)
    with pytest.raises(ValueError, match="not valid JSON"):
        model_files.load_safe_bytes(b"{nope", weights)
    with pytest.raises(ValueError, match="too large"):
        model_files.load_safe_bytes(b" " * (model_files.MAX_CONFIG_BYTES + 1), weights)


def test_load_refuses_bad_weights(tiny_model) -> None:
    config, weights = _files(tiny_model)
    arrays = {f"w{i:03d}": w for i, w in enumerate(tiny_model.get_weights())}
    wrong_shape = dict(arrays, w000=np.zeros((784, 9), np.float32))
    with pytest.raises(ValueError, match="do not fit"):
        model_files.load_safe_bytes(config, _npz(**wrong_shape))
    with pytest.raises(ValueError, match="NaN or infinite"):
        model_files.load_safe_bytes(config, _npz(**dict(arrays, w001=np.full(8, np.nan, np.float32))))
    with pytest.raises(ValueError, match="could not be read"):  # an object array needs pickle: refused
        model_files.load_safe_bytes(config, _npz(**dict(arrays, w001=np.array([{"a": 1}] * 8, dtype=object))))
    with pytest.raises(ValueError, match="named w000"):
        model_files.load_safe_bytes(config, _npz(kernel=arrays["w000"]))
    with pytest.raises(ValueError, match="not a zip"):
        model_files.load_safe_bytes(config, b"\x80\x04pickle")


def test_load_refuses_files_that_unpack_too_large(tiny_model, monkeypatch: pytest.MonkeyPatch) -> None:
    config, weights = _files(tiny_model)
    monkeypatch.setattr(model_files, "MAX_WEIGHTS_BYTES", len(weights) + 10)
    with pytest.raises(ValueError, match="unpacks to|too large"):
        model_files.load_safe_bytes(config, _npz(big=np.zeros(len(weights), np.float32)))


@pytest.mark.parametrize("name", ["model.keras", "MODEL.H5", "net.hdf5", "weights.pkl", "x.pickle", "m.joblib"])
def test_unsafe_uploads_are_refused_with_the_reason(name: str) -> None:
    with pytest.raises(model_files.UnsafeModelFileError, match="unsafe on a shared server") as caught:
        model_files.load_uploaded([(name, b"anything"), ("config.json", b"{}")])
    assert caught.value.filename == name


def test_uploads_need_exactly_one_config_and_one_weights(tiny_model) -> None:
    config, weights = _files(tiny_model)
    with pytest.raises(model_files.MissingModelFileError):
        model_files.load_uploaded([("config.json", config)])
    with pytest.raises(model_files.MissingModelFileError):
        model_files.load_uploaded([("config.json", config), ("a.npz", weights), ("b.npz", weights)])
    model, loaded = model_files.load_uploaded([("mine.json", config), ("mine.npz", weights)])
    assert loaded == TINY and model.count_params() == tiny_model.count_params()


def test_keras_download_loads_in_plain_keras(tmp_path: Path, tiny_model) -> None:
    import keras

    path = tmp_path / "m.keras"
    path.write_bytes(model_files.keras_file_bytes(tiny_model))
    loaded = keras.models.load_model(path)  # no custom objects needed
    x = np.random.default_rng(4).random((3, 784), dtype=np.float32)
    np.testing.assert_allclose(np.asarray(loaded(x)), np.asarray(tiny_model(x)), atol=1e-6)


def test_models_module_does_not_import_keras() -> None:
    code = "import sys, rna_core.models, rna_core.training; print([m for m in ('keras', 'tensorflow') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
