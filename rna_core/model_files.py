"""The safe model format: ``config.json`` + ``weights.npz``, plain data our code rebuilds.

A trained network travels as its validated :class:`~rna_core.models.NetworkConfig` (JSON)
plus its weights as a NumPy ``.npz`` (no pickles). :func:`save_safe` writes a model folder
atomically, :func:`load_safe` / :func:`load_uploaded` rebuild a model from such files after
checking them, and :func:`keras_file_bytes` offers a ``.keras`` copy *for download only*:
uploaded ``.keras``, ``.h5`` and pickle files are refused unopened, since loading them can
run code hidden inside.

Keras is imported lazily inside the functions that build a model.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rna_core.errors import LocalizedError
from rna_core.files import write_folder
from rna_core.model_checks import INPUT_SHAPE, check_forward_pass, check_network_size, check_weights_fit
from rna_core.models import NetworkConfig, build_model

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    import keras

#: Format tag and version written into ``config.json`` by :func:`save_safe`.
SAFE_FORMAT = "rna-dashboard-model"
SAFE_FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"
#: Size caps of the safe format (the course network is about 1 MB of weights).
MAX_CONFIG_BYTES = 64 * 1024
MAX_WEIGHTS_BYTES = 64 * 1024 * 1024
#: File endings that hold executable or pickled objects: refused on upload.
UNSAFE_SUFFIXES: tuple[str, ...] = (".keras", ".h5", ".hdf5", ".pkl", ".pickle", ".joblib", ".pt", ".pb")


class UnsafeModelFileError(ValueError):
    """A model file the app refuses to open (``.keras``, ``.h5``, pickle...); ``filename`` names it."""

    def __init__(self, message: str, filename: str) -> None:
        super().__init__(message)
        self.filename = filename


class MissingModelFileError(ValueError):
    """An upload that lacks ``config.json`` or ``weights.npz`` (or has several of one)."""


def refuse_unsafe_upload(filename: str) -> None:
    """Raise :class:`UnsafeModelFileError` for model files that cannot be loaded safely on a server.

    ``.keras``, ``.h5`` and pickle files can carry code that runs while they are loaded
    (Keras ``safe_mode`` has been bypassed several times), so the app only imports the
    project's safe format: ``config.json`` + ``weights.npz``.
    """
    name = str(filename).lower()
    for suffix in UNSAFE_SUFFIXES:
        if name.endswith(suffix):
            raise UnsafeModelFileError(
                f"'{filename}' is a {suffix} file. The app does not open {suffix} files: loading them "
                "can run code hidden inside, which is unsafe on a shared server. Upload the safe "
                f"format instead: {CONFIG_FILE} (the settings) and {WEIGHTS_FILE} (the weights).",
                str(filename),
            )


def load_uploaded(files: Sequence[tuple[str, bytes]]) -> tuple[keras.Model, NetworkConfig]:
    """Rebuild a model from uploaded files ``(name, content)``: one ``.json`` and one ``.npz``.

    Raises
    ------
    UnsafeModelFileError
        If any file is a ``.keras``, ``.h5`` or pickle file (refused, never opened).
    MissingModelFileError
        Unless there is exactly one ``.json`` and one ``.npz`` file.
    ValueError
        If the files are invalid (see :func:`load_safe_bytes`).
    """
    for name, _ in files:
        refuse_unsafe_upload(name)
    configs = [data for name, data in files if name.lower().endswith(".json")]
    weights = [data for name, data in files if name.lower().endswith(".npz")]
    if len(configs) != 1 or len(weights) != 1:
        raise MissingModelFileError(f"Upload exactly one {CONFIG_FILE} and one {WEIGHTS_FILE}.")
    return load_safe_bytes(configs[0], weights[0])


def config_json(model: keras.Model, config: NetworkConfig) -> bytes:
    """The ``config.json`` of the safe format for ``model`` trained with ``config``."""
    input_shape = [int(n) for n in model.inputs[0].shape[1:]]
    document = {
        "format": SAFE_FORMAT,
        "version": SAFE_FORMAT_VERSION,
        "input_shape": input_shape,
        "config": config.to_dict(),
        "weights": [list(map(int, w.shape)) for w in model.get_weights()],
    }
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def weights_npz(model: keras.Model) -> bytes:
    """The ``weights.npz`` of the safe format: arrays ``w000, w001, ...`` in layer order (float32)."""
    return arrays_npz(model.get_weights())


def save_safe(model: keras.Model, config: NetworkConfig, directory: str | os.PathLike[str]) -> Path:
    """Save ``model`` as ``directory/config.json`` + ``directory/weights.npz``, atomically as a pair.

    The pair is written with :func:`rna_core.files.write_folder`: a crash at any moment
    leaves the old complete pair or the new one, never new weights beside an old
    configuration. Other files already in ``directory`` (a README, metrics) are kept.

    Returns
    -------
    Path
        The directory.
    """
    # Weights first: a crash while writing them leaves nothing half-done to read.
    return write_folder(directory, {WEIGHTS_FILE: weights_npz(model), CONFIG_FILE: config_json(model, config)})


def parse_config_json(data: bytes) -> tuple[NetworkConfig, tuple[int, ...]]:
    """Validate a safe-format ``config.json`` and return ``(config, input_shape)``.

    Nothing is built here: the returned configuration has only been checked against the
    app's limits (layers, units, settings) and the one input shape the app can use.

    Raises
    ------
    ValueError
        If the file is too large, not JSON (nested too deeply, ``NaN`` literals, numbers
        too long), not our format, holds invalid settings or an input shape the app cannot
        feed (only ``[784]``: each 28x28 image as one row of 784 values).
    """
    document = read_document(data)
    shape = document.get("input_shape", list(INPUT_SHAPE))
    if not isinstance(shape, list) or [type(n) for n in shape] != [int] * len(INPUT_SHAPE) or shape != list(INPUT_SHAPE):
        raise LocalizedError(
            f"The model's input shape must be {list(INPUT_SHAPE)}: the app feeds each 28x28 image as one row "
            f"of 784 values; {CONFIG_FILE} asks for {_short(shape)}.",
            "import.error_input_shape", shape=_short(shape),
        )
    return NetworkConfig.from_dict(document.get("config", {})), INPUT_SHAPE


def _read_json(data: bytes) -> object:
    """``json.loads`` that turns every failure (deep nesting, NaN, long numbers) into a sentence."""

    def refuse_constant(name: str) -> float:
        raise ValueError(f"{name} is not a number")

    try:
        return json.loads(data.decode("utf-8"), parse_constant=refuse_constant)
    except RecursionError as error:
        raise LocalizedError(
            f"{CONFIG_FILE} is not a model's settings: its lists or objects are nested too deeply.",
            "import.error_json_deep",
        ) from error
    except Exception as error:  # noqa: BLE001 - bad bytes, bad JSON, huge integers: all "not valid JSON"
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise LocalizedError(
            f"{CONFIG_FILE} is not valid JSON: {reason}", "import.error_json", reason=reason
        ) from error


def _short(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about untrusted values."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_weights_npz(data: bytes) -> list[np.ndarray]:
    """Read a safe-format ``weights.npz`` (no pickles) into a list of float32 arrays.

    Raises
    ------
    ValueError
        If the file is too large, unreadable, holds objects or non-finite numbers.
    """
    if len(data) > MAX_WEIGHTS_BYTES:
        raise ValueError(f"{WEIGHTS_FILE} is too large ({len(data):,} bytes; at most {MAX_WEIGHTS_BYTES:,}).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ValueError(f"{WEIGHTS_FILE} is not a NumPy .npz file (not a zip archive).") from error
    if unpacked > MAX_WEIGHTS_BYTES:
        raise ValueError(f"{WEIGHTS_FILE} unpacks to {unpacked:,} bytes; at most {MAX_WEIGHTS_BYTES:,}.")
    arrays: list[np.ndarray] = []
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            names = sorted(archive.files)
            expected = [f"w{index:03d}" for index in range(len(names))]
            if names != expected:
                raise ValueError(f"{WEIGHTS_FILE} must hold arrays named w000, w001, ... (found {names[:5]}).")
            for name in names:
                try:
                    array = archive[name]
                except Exception as error:  # object arrays (pickles) are refused by allow_pickle=False
                    raise ValueError(
                        f"{WEIGHTS_FILE}: array {name} could not be read; only plain numbers are allowed, "
                        f"never pickled objects ({error})."
                    ) from error
                if array.dtype.kind != "f":
                    raise ValueError(f"{WEIGHTS_FILE}: array {name} is not made of decimal numbers ({array.dtype}).")
                arrays.append(array.astype(np.float32))
    except ValueError:
        raise
    except Exception as error:  # truncated files, pickled objects refused...
        raise ValueError(f"{WEIGHTS_FILE} could not be read as a NumPy .npz file: {error}") from error
    if not all(np.isfinite(array).all() for array in arrays):
        raise ValueError(f"{WEIGHTS_FILE} holds NaN or infinite weights: the model is broken.")
    return arrays


def load_safe_bytes(config_data: bytes, weights_data: bytes) -> tuple[keras.Model, NetworkConfig]:
    """Rebuild a model from the bytes of ``config.json`` and ``weights.npz`` (e.g. an upload).

    Everything is validated before a model is allocated: the settings, the input shape, the
    network's size and every weight array's shape (from the configuration's arithmetic).
    Once built, the model must give finite predictions (:func:`check_forward_pass`).

    Returns
    -------
    tuple
        ``(model, config)``: a compiled Keras model with the loaded weights.

    Raises
    ------
    ValueError
        If either file is invalid, the weights do not fit the described network or make
        it overflow. Any unexpected failure while reading the files is reported as one too.
    """
    try:
        config, input_shape = parse_config_json(config_data)
        check_network_size(config, input_shape, MAX_WEIGHTS_BYTES)
        weights = parse_weights_npz(weights_data)
        check_weights_fit(config, input_shape, [tuple(w.shape) for w in weights])
    except ValueError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser's unexpected failure is still the file's fault
        raise LocalizedError(
            f"The model files could not be read ({type(error).__name__}); check that they are the "
            f"{CONFIG_FILE} and {WEIGHTS_FILE} the app saved.",
            "import.error_unreadable", kind=type(error).__name__,
        ) from error
    model = build_model(config, input_shape)
    model.set_weights(weights)
    check_forward_pass(model)
    return model, config


def load_safe(directory: str | os.PathLike[str]) -> tuple[keras.Model, NetworkConfig]:
    """Load a model saved by :func:`save_safe` (validated; nothing is unpickled).

    Returns
    -------
    tuple
        ``(model, config)``.
    """
    source = Path(directory)
    paths = [source / CONFIG_FILE, source / WEIGHTS_FILE]
    for path in paths:
        if not path.is_file():
            raise ValueError(f"No {path.name} in {source}: a saved model needs {CONFIG_FILE} and {WEIGHTS_FILE}.")
    caps = (MAX_CONFIG_BYTES, MAX_WEIGHTS_BYTES)
    for path, cap in zip(paths, caps, strict=True):
        if path.stat().st_size > cap:
            raise ValueError(f"{path} is too large ({path.stat().st_size:,} bytes; at most {cap:,}).")
    return load_safe_bytes(paths[0].read_bytes(), paths[1].read_bytes())


def keras_file_bytes(model: keras.Model) -> bytes:
    """The model as a ``.keras`` file (for download, to use in plain Keras).

    The copy holds the architecture and weights only (no compile settings), so it loads
    with ``keras.models.load_model`` without any of this project's code.
    """
    import keras

    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        clone.save(path)
        return path.read_bytes()


# ----------------------------------------------------------------------------------------
# The layer list: one description for MLPs and CNNs
# ----------------------------------------------------------------------------------------

#: ``"kind"`` of a ``config.json`` that lists its layers (a CNN); MLP files carry a ``"config"``.
LAYERS_KIND = "layers"
#: Layer types a layer list may hold, with their settings.
LAYER_SETTINGS: dict[str, tuple[str, ...]] = {
    "conv2d": ("filters", "kernel_size", "activation"),
    "maxpool2d": ("pool_size",),
    "flatten": (),
    "dropout": ("rate",),
    "dense": ("units", "activation"),
}
#: Activations a layer list may name.
LAYER_ACTIVATIONS: tuple[str, ...] = ("relu", "leaky_relu", "elu", "tanh", "sigmoid", "linear", "softmax")
#: Input shapes of the safe format: rows of 784 values, or 28x28 images (one channel).
INPUT_SHAPES: tuple[list[int], ...] = ([784], [28, 28], [28, 28, 1])
MAX_LAYERS = 32


def read_document(data: bytes) -> dict:
    """Parse a safe-format ``config.json`` and check its size, format tag and version.

    Raises
    ------
    ValueError
        If the file is too large, not JSON, or not this app's format.
    """
    if len(data) > MAX_CONFIG_BYTES:
        raise ValueError(f"{CONFIG_FILE} is too large ({len(data):,} bytes; at most {MAX_CONFIG_BYTES:,}).")
    document = _read_json(data)
    if not isinstance(document, dict) or document.get("format") != SAFE_FORMAT:
        raise ValueError(f"{CONFIG_FILE} is not an RNA Dashboard model (its 'format' is not '{SAFE_FORMAT}').")
    if document.get("version") != SAFE_FORMAT_VERSION:
        raise ValueError(f"{CONFIG_FILE} has version {_short(document.get('version'))}; this app reads version 1.")
    return document


def _check_layer(index: int, layer: object) -> dict:
    if not isinstance(layer, dict) or layer.get("type") not in LAYER_SETTINGS:
        raise ValueError(f"Layer {index} must be one of {', '.join(LAYER_SETTINGS)}; got {layer!r:.80}.")
    kind = layer["type"]
    clean: dict = {"type": kind}
    limits = {"filters": 512, "kernel_size": 7, "pool_size": 4, "units": 4096}
    for setting in LAYER_SETTINGS[kind]:
        value = layer.get(setting)
        if setting == "activation":
            if value not in LAYER_ACTIVATIONS:
                raise ValueError(f"Layer {index}: activation {value!r} is not one of {', '.join(LAYER_ACTIVATIONS)}.")
        elif setting == "rate":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
                raise ValueError(f"Layer {index}: the dropout rate must be a number in [0, 1); got {value!r}.")
            value = float(value)
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limits[setting]:
            raise ValueError(f"Layer {index}: {setting} must be a whole number from 1 to {limits[setting]}; got {value!r}.")
        clean[setting] = value
    return clean


def layer_list(document: dict) -> list[dict]:
    """The layers of a safe-format model, whether it is an MLP (``"config"``) or lists its layers.

    Every entry is a dict with a ``"type"`` (a key of :data:`LAYER_SETTINGS`) and its settings;
    the NumPy network and the Keras builder both read this list.

    Raises
    ------
    ValueError
        If the document's layers or input shape are invalid.
    """
    shape = document.get("input_shape", [784])
    if shape not in INPUT_SHAPES:
        raise ValueError(f"The model's input shape must be [784], [28, 28] or [28, 28, 1]; got {shape!r}.")
    if document.get("kind") == LAYERS_KIND:
        layers = document.get("layers")
        if not isinstance(layers, list) or not 1 <= len(layers) <= MAX_LAYERS:
            raise ValueError(f"{CONFIG_FILE} must list between 1 and {MAX_LAYERS} layers.")
        return [_check_layer(index, layer) for index, layer in enumerate(layers)]
    config = NetworkConfig.from_dict(document.get("config", {}))
    layers = [{"type": "flatten"}] if len(shape) > 1 else []
    for units in config.hidden_layers:
        layers.append({"type": "dense", "units": int(units), "activation": config.activation})
        if config.dropout > 0:
            layers.append({"type": "dropout", "rate": float(config.dropout)})
    layers.append({"type": "dense", "units": 10, "activation": "softmax"})
    return layers


def arrays_npz(arrays: Sequence[np.ndarray]) -> bytes:
    """The ``weights.npz`` of the safe format for ``arrays``: ``w000, w001, ...`` (float32)."""
    buffer = io.BytesIO()
    np.savez(buffer, **{f"w{index:03d}": np.asarray(w, dtype=np.float32) for index, w in enumerate(arrays)})
    return buffer.getvalue()


def save_layers(directory: str | os.PathLike[str], name: str, input_shape: Sequence[int],
                layers: Sequence[dict], weights: Sequence[np.ndarray]) -> Path:
    """Save a network described by a layer list (a CNN) in the safe format, atomically.

    Parameters
    ----------
    directory : path
        The model folder (``config.json`` + ``weights.npz``; other files there are kept).
    name : str
        The network's name.
    input_shape : sequence of int
        One of :data:`INPUT_SHAPES`.
    layers : sequence of dict
        Layer list (see :func:`layer_list`).
    weights : sequence of np.ndarray
        Kernel and bias of each dense/conv2d layer, in order (Keras' ``get_weights()``).
    """
    document = {
        "format": SAFE_FORMAT, "version": SAFE_FORMAT_VERSION, "kind": LAYERS_KIND, "name": name,
        "input_shape": [int(n) for n in input_shape], "layers": [dict(layer) for layer in layers],
        "weights": [list(map(int, np.shape(w))) for w in weights],
    }
    layer_list(document)  # refuse to write what could not be read back
    config = (json.dumps(document, indent=2) + "\n").encode("utf-8")
    return write_folder(directory, {WEIGHTS_FILE: arrays_npz(weights), CONFIG_FILE: config})


def read_safe_folder(directory: str | os.PathLike[str]) -> tuple[dict, list[np.ndarray]]:
    """The checked ``config.json`` document and weight arrays of a model folder (no Keras, no pickle).

    Raises
    ------
    ValueError
        If a file is missing, too large or invalid.
    """
    source = Path(directory)
    paths = [source / CONFIG_FILE, source / WEIGHTS_FILE]
    for path, cap in zip(paths, (MAX_CONFIG_BYTES, MAX_WEIGHTS_BYTES), strict=True):
        if not path.is_file():
            raise ValueError(f"No {path.name} in {source}: a saved model needs {CONFIG_FILE} and {WEIGHTS_FILE}.")
        if path.stat().st_size > cap:
            raise ValueError(f"{path} is too large ({path.stat().st_size:,} bytes; at most {cap:,}).")
    document = read_document(paths[0].read_bytes())
    return document, parse_weights_npz(paths[1].read_bytes())
