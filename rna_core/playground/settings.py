"""The lesson's settings, and how they travel in a link (the URL's query parameters).

A teacher sets up an experiment and sends the address: everything that shapes it (data set,
noise, seed, split, batch size, features, layers, hyperparameters) is in the query string,
short and readable (``?ds=xor&feat=x1x2&layers=0``). Reading a link never fails: each value
that cannot be read falls back to its default and is reported, so the page can say so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from rna_core.playground import network as nets
from rna_core.playground.datasets import DATASETS, MAX_NOISE
from rna_core.playground.features import FEATURES, check_features

__all__ = ["BATCH_RANGE", "LEARNING_RATES", "NOISE_LEVELS", "QUERY_KEYS", "REGULARIZATION_RATES",
           "Settings", "TRAIN_PERCENT_RANGE"]

#: Menu values (TensorFlow Playground's), also the only values a link may carry.
LEARNING_RATES: tuple[float, ...] = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES: tuple[float, ...] = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
NOISE_LEVELS: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(int(MAX_NOISE / 0.05) + 1))
TRAIN_PERCENT_RANGE = (10, 90)
BATCH_RANGE = (1, 30)
SEED_MAX = 9999
#: Field name -> query parameter.
QUERY_KEYS: Mapping[str, str] = {
    "dataset": "ds", "noise": "noise", "seed": "seed", "train_percent": "train", "batch_size": "batch",
    "features": "feat", "layers": "layers", "activation": "act", "learning_rate": "lr",
    "regularization": "reg", "regularization_rate": "rate", "loss": "loss", "optimizer": "opt",
}


@dataclass(frozen=True)
class Settings:
    """Everything that defines a playground experiment (frozen: a cache and session key)."""

    dataset: str = "circle"  # one of DATASETS, or "custom" (a student's points, not in links)
    noise: float = 0.0  # 0 to 0.5: how far points stray from their rule
    seed: int = 0  # data, split, initial weights and shuffling
    train_percent: int = 50  # share of the points used to train; the rest is the test set
    batch_size: int = 10  # points per weight update
    features: tuple[str, ...] = ("x1", "x2")  # inputs of the network
    layers: tuple[int, ...] = (4, 4)  # neurons of each hidden layer
    activation: str = "tanh"  # of every hidden neuron
    learning_rate: float = 0.03
    regularization: str = "none"  # none, l1, l2
    regularization_rate: float = 0.0
    loss: str = "auto"  # auto: the loss matched to the output; mse: squared error
    optimizer: str = "sgd"  # sgd, momentum, adam

    def network(self, classes: int) -> nets.Network:
        """A fresh (untrained) network with these settings for data of ``classes`` classes."""
        return nets.Network(self.layers, self.activation, features=self.features, classes=classes, loss=self.loss,
                       regularization=self.regularization, regularization_rate=self.regularization_rate,
                       optimizer=self.optimizer, learning_rate=self.learning_rate, batch_size=self.batch_size,
                       seed=self.seed)

    def to_query(self) -> dict[str, str]:
        """The settings as query parameters (strings), every field included."""
        values = {
            "dataset": self.dataset, "noise": f"{self.noise:g}", "seed": str(self.seed),
            "train_percent": str(self.train_percent), "batch_size": str(self.batch_size),
            "features": ",".join(self.features), "layers": ",".join(map(str, self.layers)) or "0",
            "activation": self.activation, "learning_rate": f"{self.learning_rate:g}",
            "regularization": self.regularization, "regularization_rate": f"{self.regularization_rate:g}",
            "loss": self.loss, "optimizer": self.optimizer,
        }
        return {QUERY_KEYS[name]: value for name, value in values.items()}

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> tuple[Settings, list[str]]:
        """Read settings from query parameters.

        Missing parameters take their default silently; a parameter that is present but
        cannot be read (unknown data set, 9 layers, ``lr=fast``...) takes its default too,
        and its name is returned so the page can tell the student.

        Returns
        -------
        settings : Settings
        rejected : list of str
            The query parameters that were ignored, in field order.
        """
        defaults, values, rejected = cls(), {}, []
        for field in fields(cls):
            key = QUERY_KEYS[field.name]
            if key not in query:
                continue
            try:
                values[field.name] = _PARSERS[field.name](str(query[key]))
            except (ValueError, TypeError, OverflowError):
                rejected.append(key)
        settings = replace(defaults, **values)
        if settings.dataset == "custom":  # a link never carries a student's points
            settings = replace(settings, dataset=defaults.dataset)
            rejected.append(QUERY_KEYS["dataset"])
        return settings, rejected


def _choice(options: tuple | Mapping) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(text)
        return text
    return parse


def _number_in(options: tuple[float, ...]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = float(text)
        for option in options:
            if abs(option - value) <= 1e-9 * max(1.0, abs(option)):
                return option
        raise ValueError(text)
    return parse


def _whole(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value
    return parse


def _layers(text: str) -> tuple[int, ...]:
    if text.strip() == "0":
        return ()
    layers = tuple(int(part) for part in text.split(","))
    if len(layers) > nets.MAX_LAYERS or any(not 1 <= units <= nets.MAX_UNITS for units in layers):
        raise ValueError(text)
    return layers


def _features(text: str) -> tuple[str, ...]:
    names = [part for part in text.split(",") if part]
    if not names or any(name not in FEATURES for name in names):
        raise ValueError(text)
    return check_features(names)


_PARSERS: dict[str, Callable[[str], object]] = {
    "dataset": _choice(DATASETS),
    "noise": _number_in(NOISE_LEVELS),
    "seed": _whole(0, SEED_MAX),
    "train_percent": _whole(*TRAIN_PERCENT_RANGE),
    "batch_size": _whole(*BATCH_RANGE),
    "features": _features,
    "layers": _layers,
    "activation": _choice(nets.PLAYGROUND_ACTIVATIONS),
    "learning_rate": _number_in(LEARNING_RATES),
    "regularization": _choice(nets.REGULARIZERS),
    "regularization_rate": _number_in(REGULARIZATION_RATES),
    "loss": _choice(nets.LOSS_CHOICES),
    "optimizer": _choice(nets.PLAYGROUND_OPTIMIZERS),
}
