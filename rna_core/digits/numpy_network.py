"""Fast inference: a trained network's layers run in NumPy.

A :class:`NumpyNetwork` is built either from the project's safe model files
(``config.json`` + ``weights.npz``, read by :func:`load_network` without importing Keras)
or from a Keras model in memory (:func:`from_keras`, for networks trained in this session).
On one 28x28 image it is much faster than ``model.predict`` (no graph, no batching
machinery), and it needs no TensorFlow.

:func:`predict_proba` gives the ten class probabilities of 28x28 images,
:func:`hidden_activations` the outputs of an MLP's layers for one image and
:func:`feature_maps` what a CNN's convolution layers see in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rna_core import activations, files, model_files
from rna_core.blas import single_thread_blas
from rna_core.digits.preprocess import MNIST_SIZE

#: Layer types the NumPy path runs (dropout is skipped: it does nothing at prediction time).
WEIGHTED = ("dense", "conv2d")


def _elu(z: np.ndarray) -> np.ndarray:
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


#: Activations by name: the project's registry, softmax over the classes, and a few more Keras has.
ACTIVATION_FUNCTIONS: Mapping[str, Callable[[np.ndarray], np.ndarray]] = {
    **{name: activation.function for name, activation in activations.ACTIVATIONS.items()},
    "softmax": activations.softmax,
    "elu": _elu,
    "selu": lambda z: 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(np.minimum(z, 0.0))),
    "gelu": lambda z: 0.5 * z * (1.0 + np.tanh(0.7978845608028654 * (z + 0.044715 * z**3))),
    "swish": lambda z: z * activations.sigmoid(z),
    "silu": lambda z: z * activations.sigmoid(z),
    "softplus": lambda z: np.logaddexp(0.0, z),
}


def _activate(name: str, z: np.ndarray) -> np.ndarray:
    try:
        function = ACTIVATION_FUNCTIONS[name]
    except KeyError:
        raise ValueError(f"The activation '{name}' is not supported by the fast NumPy path.") from None
    return np.asarray(function(z), dtype=z.dtype)


@dataclass(frozen=True)
class NumpyLayer:
    """One layer of a :class:`NumpyNetwork`.

    Attributes
    ----------
    kind : str
        ``"dense"``, ``"conv2d"``, ``"maxpool2d"`` or ``"flatten"``.
    activation : str
        A name of :data:`ACTIVATION_FUNCTIONS` (dense and conv layers).
    weights : tuple of np.ndarray
        ``(kernel, bias)`` for dense and conv layers, empty otherwise.
    pool : int
        Pool size (and stride) of a max-pooling layer.
    """

    kind: str
    activation: str = "linear"
    weights: tuple[np.ndarray, ...] = ()
    pool: int = 2


class NumpyNetwork:
    """A trained Dense/convolutional network as NumPy arrays.

    Parameters
    ----------
    layers : sequence of NumpyLayer
        The layers in order; the last one must output the ten class probabilities.
    name : str
        A label for the network.
    """

    def __init__(self, layers: Sequence[NumpyLayer], name: str = "network") -> None:
        if not layers:
            raise ValueError("A network needs at least one layer.")
        self.layers = tuple(layers)
        self.name = name

    @property
    def is_mlp(self) -> bool:
        """True when the network is only Dense layers (hidden activations can be drawn as strips)."""
        return all(layer.kind in ("dense", "flatten") for layer in self.layers)

    @property
    def input_is_image(self) -> bool:
        """True when the first layer expects (28, 28, 1) images rather than rows of 784 values."""
        return self.layers[0].kind in ("conv2d", "maxpool2d")

    def _prepare(self, images: np.ndarray) -> np.ndarray:
        x = np.asarray(images, dtype=np.float32)
        if x.ndim == 2 and x.shape == (MNIST_SIZE, MNIST_SIZE):
            x = x[None]
        if x.ndim == 2 and x.shape[1] == MNIST_SIZE * MNIST_SIZE:
            x = x.reshape(-1, MNIST_SIZE, MNIST_SIZE)
        if x.ndim == 4 and x.shape[-1] == 1:
            x = x[..., 0]
        if x.ndim != 3 or x.shape[1:] != (MNIST_SIZE, MNIST_SIZE):
            raise ValueError(f"Expected images of shape (n, 28, 28), got {np.shape(images)}.")
        return x[..., None] if self.input_is_image else x.reshape(len(x), -1)

    def forward(self, images: np.ndarray, start: int = 0, stop: int | None = None) -> list[np.ndarray]:
        """Outputs of the layers ``start:stop`` for ``images`` (the last of all: the probabilities).

        With ``start > 0``, ``images`` is the output of layer ``start - 1`` (e.g. features).
        """
        with single_thread_blas():
            x = self._prepare(images) if start == 0 else np.asarray(images, dtype=np.float32)
            outputs = []
            for layer in self.layers[start:stop]:
                x = _run_layer(layer, x)
                outputs.append(x)
            return outputs

    def __call__(self, images: np.ndarray, chunk: int = 256) -> np.ndarray:
        """Class probabilities (n, 10), computed ``chunk`` images at a time (bounded memory)."""
        images = np.asarray(images, dtype=np.float32)
        if images.ndim < 3 or len(images) <= chunk:
            return self.forward(images)[-1]
        return np.concatenate([self.forward(images[i : i + chunk])[-1] for i in range(0, len(images), chunk)])

    def predict(self, images: np.ndarray, verbose: object = None) -> np.ndarray:
        """Class probabilities (n, 10), like ``keras.Model.predict``."""
        return self(images)

    def __repr__(self) -> str:
        kinds = ", ".join(layer.kind for layer in self.layers)
        return f"NumpyNetwork({self.name!r}: {kinds})"


def _run_layer(layer: NumpyLayer, x: np.ndarray) -> np.ndarray:
    if layer.kind == "dense":
        kernel, bias = layer.weights
        return _activate(layer.activation, x @ kernel + bias)
    if layer.kind == "conv2d":
        kernel, bias = layer.weights
        rows, cols = kernel.shape[:2]
        windows = np.lib.stride_tricks.sliding_window_view(x, (rows, cols), axis=(1, 2))
        # windows: (n, H', W', C, rows, cols) -> one row of C*rows*cols pixels per position,
        # multiplied by the kernel (rows, cols, C, filters) laid out the same way.
        n, height, width = windows.shape[:3]
        patches = windows.reshape(n * height * width, -1)
        weights = kernel.transpose(2, 0, 1, 3).reshape(patches.shape[1], -1)
        return _activate(layer.activation, (patches @ weights).reshape(n, height, width, -1) + bias)
    if layer.kind == "maxpool2d":
        p = layer.pool
        n, height, width, channels = x.shape
        x = x[:, : height // p * p, : width // p * p]
        return x.reshape(n, height // p, p, width // p, p, channels).max(axis=(2, 4))
    if layer.kind == "flatten":
        return x.reshape(len(x), -1)
    raise ValueError(f"Unknown layer kind '{layer.kind}'.")


def from_layers(layers: Sequence[Mapping[str, Any]], weights: Sequence[np.ndarray], name: str = "network") -> NumpyNetwork:
    """Build a network from the safe format's layer list and its weight arrays (in order).

    Parameters
    ----------
    layers : sequence of dict
        Layers as :func:`rna_core.model_files.layer_list` gives them.
    weights : sequence of np.ndarray
        ``(kernel, bias)`` of each dense/conv2d layer, in layer order.
    name : str
        A label for the network.

    Raises
    ------
    ValueError
        If the weights do not fit the layers or the output is not ten probabilities.
    """
    arrays = [np.asarray(w, dtype=np.float32) for w in weights]
    built: list[NumpyLayer] = []
    for layer in layers:
        kind = layer["type"]
        if kind in WEIGHTED:
            if len(arrays) < 2:
                raise ValueError("There are fewer weight arrays than the layers need.")
            kernel, bias = arrays.pop(0), arrays.pop(0)
            _activate(layer["activation"], np.zeros(1, np.float32))  # validates the name
            built.append(NumpyLayer(kind, layer["activation"], (kernel, bias)))
        elif kind == "maxpool2d":
            built.append(NumpyLayer(kind, pool=int(layer["pool_size"])))
        elif kind == "flatten":
            built.append(NumpyLayer(kind))
    if arrays:
        raise ValueError(f"{len(arrays)} weight arrays are left over after the last layer.")
    network = NumpyNetwork(built, name=name)
    try:
        probe = network(np.zeros((1, MNIST_SIZE, MNIST_SIZE), dtype=np.float32))
    except ValueError as error:  # shapes that do not chain (matmul / reshape errors)
        raise ValueError(f"The weights do not fit the layers: {error}") from error
    if probe.shape != (1, 10):
        raise ValueError("The network does not output ten classes.")
    return network


def load_network(directory: str | Path) -> NumpyNetwork:
    """Read a model folder in the safe format (MLP or CNN) as a NumPy network, without Keras.

    Raises
    ------
    ValueError
        If the files are missing, malformed or inconsistent (nothing is unpickled).
    """
    document, weights = model_files.read_safe_folder(directory)
    try:
        return from_layers(model_files.layer_list(document), weights, name=str(document.get("name", Path(directory).name)))
    except ValueError as error:
        raise ValueError(f"The model in {directory} is malformed: {error}") from error


_SKIPPED_LAYERS = {"InputLayer", "Dropout", "GaussianNoise", "GaussianDropout", "SpatialDropout2D", "Reshape"}


def from_keras(model: Any) -> NumpyNetwork:
    """Copy a Keras model of Dense, Conv2D, MaxPooling2D, Flatten layers into NumPy.

    Dropout, input and reshape layers are skipped (they do nothing at prediction time).

    Raises
    ------
    ValueError
        If the model has a layer the NumPy path does not know (then call the model directly).
    """
    layers: list[NumpyLayer] = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind in _SKIPPED_LAYERS:
            continue
        if kind in ("Dense", "Conv2D"):
            if kind == "Conv2D" and (tuple(layer.strides) != (1, 1) or layer.padding != "valid"
                                     or tuple(layer.dilation_rate) != (1, 1)):
                raise ValueError("Only Conv2D layers with stride 1 and 'valid' padding are supported.")
            kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
            layers.append(NumpyLayer(kind.lower(), activation_name(layer), (kernel, bias)))
        elif kind == "MaxPooling2D":
            pool = tuple(layer.pool_size)
            if pool[0] != pool[1] or tuple(layer.strides) != pool or layer.padding != "valid":
                raise ValueError("Only square max-pooling with stride equal to its size is supported.")
            layers.append(NumpyLayer("maxpool2d", pool=int(pool[0])))
        elif kind == "Flatten":
            layers.append(NumpyLayer("flatten"))
        elif kind == "Activation":
            if not layers or layers[-1].kind not in WEIGHTED or layers[-1].activation != "linear":
                raise ValueError("A separate Activation layer must follow a Dense layer without activation.")
            last = layers.pop()
            layers.append(NumpyLayer(last.kind, activation_name(layer), last.weights))
        else:
            raise ValueError(f"The layer type {kind} is not supported by the fast NumPy path.")
    return NumpyNetwork(layers, name=str(getattr(model, "name", "keras")))


def activation_name(layer: Any) -> str:
    """The name of a Keras layer's activation, as :data:`ACTIVATION_FUNCTIONS` spells it."""
    activation = layer.activation
    name = (getattr(activation, "__name__", None) or type(activation).__name__).lower()
    return "leaky_relu" if name == "leakyrelu" else name


def _as_numpy_network(model: Any) -> NumpyNetwork | None:
    if isinstance(model, NumpyNetwork):
        return model
    try:
        return from_keras(model)
    except (ValueError, AttributeError, TypeError):
        return None


def predict_proba(model: Any, images: np.ndarray) -> np.ndarray:
    """Ten class probabilities for each 28x28 image.

    Parameters
    ----------
    model : NumpyNetwork or keras.Model
        A :class:`NumpyNetwork` (fastest), or a Keras model: Dense/Conv2D/MaxPooling2D
        stacks are copied to NumPy; any other model is called directly (never
        ``model.predict``, which is slow for one image).
    images : np.ndarray
        float32 (n, 28, 28) in [0, 1] (a single (28, 28) image is accepted too).

    Returns
    -------
    np.ndarray
        float64 (n, 10): one row of probabilities per image, each summing to 1.

    Raises
    ------
    ValueError
        If ``images`` are not 28x28 images.
    """
    images = np.asarray(images, dtype=np.float32)
    if images.ndim == 2:
        images = images[None]
    if images.ndim != 3 or images.shape[1:] != (MNIST_SIZE, MNIST_SIZE):
        raise ValueError(f"predict_proba expects images of shape (n, 28, 28), got {images.shape}.")
    network = _as_numpy_network(model)
    if network is not None:
        probabilities = np.asarray(network(images), dtype=np.float64)
    else:
        shape = getattr(model, "input_shape", (None, MNIST_SIZE * MNIST_SIZE))
        batch = images.reshape((len(images), *[d for d in shape[1:]])) if shape else images
        probabilities = np.asarray(model(batch, training=False), dtype=np.float64)
    probabilities = np.clip(probabilities, 0.0, None)
    return probabilities / probabilities.sum(axis=1, keepdims=True)


def hidden_activations(model: Any, image: np.ndarray) -> list[np.ndarray]:
    """Outputs of each Dense layer of an MLP for one 28x28 image (the last: the ten probabilities).

    Raises
    ------
    ValueError
        If the model is not a stack of Dense layers.
    """
    network = _as_numpy_network(model)
    if network is None or not network.is_mlp:
        raise ValueError("Hidden-layer activations are shown for networks of Dense layers only.")
    outputs = network.forward(np.asarray(image, dtype=np.float32)[None])
    return [output[0] for layer, output in zip(network.layers, outputs, strict=True) if layer.kind == "dense"]


@dataclass(frozen=True)
class FeatureMaps:
    """What a CNN's convolution layers see in one image.

    Attributes
    ----------
    filters : np.ndarray
        float32 (filters, rows, cols): the first convolution layer's kernels (first input channel).
    maps : list of np.ndarray
        One float32 (channels, height, width) array per convolution layer: its outputs.
    """

    filters: np.ndarray
    maps: list[np.ndarray]


def feature_maps(network: NumpyNetwork, image: np.ndarray) -> FeatureMaps:
    """The first layer's filters and every convolution layer's maps for one 28x28 image.

    Raises
    ------
    ValueError
        If the network has no convolution layer.
    """
    convs = [index for index, layer in enumerate(network.layers) if layer.kind == "conv2d"]
    if not convs:
        raise ValueError("Feature maps exist only for networks with convolution layers.")
    outputs = network.forward(np.asarray(image, dtype=np.float32)[None], stop=convs[-1] + 1)
    kernel = network.layers[convs[0]].weights[0]
    return FeatureMaps(
        filters=np.ascontiguousarray(kernel[:, :, 0, :].transpose(2, 0, 1)),
        maps=[np.ascontiguousarray(outputs[index][0].transpose(2, 0, 1)) for index in convs],
    )


#: Directory of the shipped default model (a small CNN trained with augmentation).
DEFAULT_MODEL_DIR = files.MODELS_DIR / "digits_cnn"


def load_default_model(directory: str | Path | None = None) -> NumpyNetwork:
    """The model the Draw-a-digit page uses by default: the shipped small CNN.

    It is stored in the safe format (``config.json`` listing its layers + ``weights.npz``)
    under ``models/digits_cnn`` and runs in NumPy, so loading it needs no TensorFlow.

    Parameters
    ----------
    directory : str or Path, optional
        Where to read it from (default :data:`DEFAULT_MODEL_DIR`).

    Raises
    ------
    FileNotFoundError
        If the model has not been trained/shipped (the message gives the command).
    ValueError
        If its files are malformed.
    """
    directory = Path(directory) if directory is not None else DEFAULT_MODEL_DIR
    if not (directory / model_files.WEIGHTS_FILE).is_file():
        raise FileNotFoundError(
            f"No default model in {directory}. Train it with: python -m rna_core.digits train --out {directory}"
        )
    return load_network(directory)
