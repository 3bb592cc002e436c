"""The search space and the tuner settings of a hyperparameter search (no TensorFlow here).

The space follows the course: the same number of neurons in every hidden layer (the
"no pyramid" shortcut that keeps the search small), 1 to 5 hidden layers, a learning rate
picked among powers of ten, an optimizer, a mini-batch size and an activation. Each one
can be searched or fixed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from rna_core.activations import HIDDEN_ACTIVATIONS
from rna_core.data import MNIST_TRAIN_SIZE
from rna_core.models import OPTIMIZER_CHOICES

#: Learning rates the course suggests trying, from large to small.
LEARNING_RATES: tuple[float, ...] = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5)
#: Mini-batch sizes the search may choose.
BATCH_SIZES: tuple[int, ...] = (16, 32, 64, 128, 256)
#: keras-tuner tuners the runner knows.
TUNERS: tuple[str, ...] = ("hyperband", "random", "bayesian", "grid")
#: Limits of the neurons per hidden layer and of the number of hidden layers.
NEURONS_LIMITS: tuple[int, int] = (32, 512)
LAYERS_LIMITS: tuple[int, int] = (1, 5)

#: Names of the hyperparameters, as keras-tuner records them in ``trial.json``.
HP_NEURONS = "neurons"
HP_LAYERS = "hidden_layers"
HP_LEARNING_RATE = "learning_rate"
HP_OPTIMIZER = "optimizer"
HP_BATCH_SIZE = "batch_size"
HP_ACTIVATION = "activation"
HP_NAMES: tuple[str, ...] = (HP_NEURONS, HP_LAYERS, HP_LEARNING_RATE, HP_OPTIMIZER, HP_BATCH_SIZE, HP_ACTIVATION)


def _choices(name: str, values: tuple, allowed: tuple) -> tuple:
    if not isinstance(values, tuple):
        raise ValueError(f"{name} must be a tuple of choices, got {type(values).__name__}.")
    if not values:
        raise ValueError(
            f"The search space is empty: pick at least one {name.replace('_', ' ')[:-1]} "
            f"(among {', '.join(map(str, allowed))})."
        )
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ValueError(f"Unknown {name.replace('_', ' ')}: {unknown}. Choose among {list(allowed)}.")
    if len(set(values)) != len(values):
        raise ValueError(f"{name.replace('_', ' ').capitalize()} has a value twice: {list(values)}.")
    return values


def _from_json(cls: type, data: object, what: str) -> Any:
    """An instance of the dataclass ``cls`` from its JSON form (lists become tuples), validated."""
    if not isinstance(data, Mapping):
        raise ValueError(f"The {what} must be a JSON object.")
    unknown = set(data) - set(cls.__dataclass_fields__)
    if unknown:
        raise ValueError(f"Unknown {what}: {sorted(unknown)}.")
    return cls(**{key: tuple(value) if isinstance(value, list) else value for key, value in data.items()})


@dataclass(frozen=True)
class SearchSpace:
    """Which network settings a search may try.

    A range with ``min == max`` or a choice with one value is fixed; everything else is
    searched. Same neurons in every hidden layer, as the course recommends.

    Attributes
    ----------
    neurons_min, neurons_max, neurons_step : int
        Neurons per hidden layer: ``neurons_min, neurons_min + step, ..., neurons_max``
        (32–512 by 32 by default).
    layers_min, layers_max : int
        Number of hidden layers (1–5 allowed).
    learning_rates : tuple of float
        Learning rates to try, among :data:`LEARNING_RATES`.
    optimizers : tuple of str
        Optimizers to try, among :data:`rna_core.models.OPTIMIZER_CHOICES`.
    batch_sizes : tuple of int
        Mini-batch sizes to try, among :data:`BATCH_SIZES`.
    activations : tuple of str
        Hidden-layer activations to try, among :data:`rna_core.activations.HIDDEN_ACTIVATIONS`.
    """

    neurons_min: int = 32
    neurons_max: int = 512
    neurons_step: int = 32
    layers_min: int = 1
    layers_max: int = 2
    learning_rates: tuple[float, ...] = (1e-2, 1e-3, 1e-4)
    optimizers: tuple[str, ...] = ("adam",)
    batch_sizes: tuple[int, ...] = (128,)
    activations: tuple[str, ...] = ("relu",)

    def __post_init__(self) -> None:
        low, high = NEURONS_LIMITS
        for name in ("neurons_min", "neurons_max", "neurons_step", "layers_min", "layers_max"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, got {value!r}.")
        if not low <= self.neurons_min <= self.neurons_max <= high:
            raise ValueError(
                f"Neurons per layer must satisfy {low} <= minimum <= maximum <= {high} "
                f"(got {self.neurons_min}–{self.neurons_max})."
            )
        if self.neurons_step < 1 or (self.neurons_max - self.neurons_min) % self.neurons_step:
            raise ValueError(
                f"The neuron step ({self.neurons_step}) must be at least 1 and go evenly from "
                f"{self.neurons_min} to {self.neurons_max}."
            )
        if not LAYERS_LIMITS[0] <= self.layers_min <= self.layers_max <= LAYERS_LIMITS[1]:
            raise ValueError(
                f"Hidden layers must satisfy {LAYERS_LIMITS[0]} <= minimum <= maximum <= "
                f"{LAYERS_LIMITS[1]} (got {self.layers_min}–{self.layers_max})."
            )
        _choices("learning_rates", self.learning_rates, LEARNING_RATES)
        _choices("optimizers", self.optimizers, OPTIMIZER_CHOICES)
        _choices("batch_sizes", self.batch_sizes, BATCH_SIZES)
        _choices("activations", self.activations, HIDDEN_ACTIVATIONS)

    def neuron_values(self) -> tuple[int, ...]:
        """Every neuron count the search may pick."""
        return tuple(range(self.neurons_min, self.neurons_max + 1, self.neurons_step))

    def searched(self) -> tuple[str, ...]:
        """Names (``HP_*``) of the hyperparameters that take more than one value."""
        sizes = self.sizes()
        return tuple(name for name in HP_NAMES if sizes[name] > 1)

    def sizes(self) -> dict[str, int]:
        """Number of values of each hyperparameter."""
        return {
            HP_NEURONS: len(self.neuron_values()),
            HP_LAYERS: self.layers_max - self.layers_min + 1,
            HP_LEARNING_RATE: len(self.learning_rates),
            HP_OPTIMIZER: len(self.optimizers),
            HP_BATCH_SIZE: len(self.batch_sizes),
            HP_ACTIVATION: len(self.activations),
        }

    def size(self) -> int:
        """Number of different networks in the space (what a grid search would try)."""
        return math.prod(self.sizes().values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary (tuples become lists)."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SearchSpace:
        """Rebuild (and validate) a space from :meth:`to_dict`'s output."""
        return _from_json(cls, data, "search-space fields")


@dataclass(frozen=True)
class SearchSettings:
    """How to search: which tuner, its knobs, and the budget that bounds the run time.

    Attributes
    ----------
    tuner : str
        One of :data:`TUNERS`: ``"hyperband"``, ``"random"``, ``"bayesian"``, ``"grid"``.
    max_epochs : int
        Largest number of epochs one network trains (Hyperband's ``max_epochs``; the
        epochs of every trial for the other tuners).
    factor : int
        Hyperband's reduction factor: each round keeps 1/factor of the networks and
        trains them factor times longer.
    max_trials : int
        Number of networks tried by the random, Bayesian and grid tuners.
    train_size : int
        Training images used (a stratified subset of MNIST's 60,000) — the budget knob.
    seed : int
        Seed of the tuner, of the subset and of the networks' initial weights.
    objective : str
        Metric to maximise: ``"val_accuracy"``.
    """

    tuner: str = "hyperband"
    max_epochs: int = 3
    factor: int = 3
    max_trials: int = 6
    train_size: int = MNIST_TRAIN_SIZE
    seed: int = 42
    objective: str = field(default="val_accuracy")

    def __post_init__(self) -> None:
        if self.tuner not in TUNERS:
            raise ValueError(f"Unknown tuner {self.tuner!r}; choose among {list(TUNERS)}.")
        for name in ("max_epochs", "factor", "max_trials", "train_size", "seed"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, got {value!r}.")
        if self.max_epochs < 1:
            raise ValueError(f"max_epochs must be at least 1 (each network trains at least one epoch), got {self.max_epochs}.")
        if self.max_epochs > 100:
            raise ValueError(f"max_epochs must be at most 100, got {self.max_epochs}.")
        if self.factor < 2:
            raise ValueError(f"Hyperband's factor must be at least 2 (it keeps 1/factor of the networks), got {self.factor}.")
        if not 1 <= self.max_trials <= 500:
            raise ValueError(f"max_trials must be between 1 and 500, got {self.max_trials}.")
        if not 100 <= self.train_size <= MNIST_TRAIN_SIZE:
            raise ValueError(f"The training subset must hold between 100 and {MNIST_TRAIN_SIZE} images, got {self.train_size}.")
        if self.seed < 0:
            raise ValueError(f"The seed must be zero or positive, got {self.seed}.")
        if self.objective not in ("val_accuracy",):
            raise ValueError(f"Unknown objective {self.objective!r}; the search maximises 'val_accuracy'.")

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SearchSettings:
        """Rebuild (and validate) settings from :meth:`to_dict`'s output."""
        return _from_json(cls, data, "search settings")


def hyperband_brackets(max_epochs: int, factor: int) -> list[dict[str, int]]:
    """Hyperband's plan, computed exactly as keras-tuner's ``HyperbandOracle`` does.

    Parameters
    ----------
    max_epochs : int
        Most epochs any network trains.
    factor : int
        Reduction factor (at least 2).

    Returns
    -------
    list of dict
        One entry per (bracket, round), most aggressive bracket first, with ``bracket``,
        ``round``, ``models`` (networks trained in that round) and ``epochs`` (epoch
        budget each of them reaches). Continued networks resume from their checkpoint.
    """
    if max_epochs < 1:
        raise ValueError(f"max_epochs must be at least 1, got {max_epochs}.")
    if factor < 2:
        raise ValueError(f"factor must be at least 2, got {factor}.")
    brackets, epochs = 0, float(max_epochs)
    while epochs >= 1:
        epochs /= factor
        brackets += 1
    end_size = math.ceil(1 + math.log(max_epochs, factor))
    plan = []
    for bracket in range(brackets - 1, -1, -1):
        for round_num in range(bracket + 1):
            plan.append({
                "bracket": bracket,
                "round": round_num,
                "models": math.ceil(end_size / (bracket + 1) * factor ** (bracket - round_num)),
                "epochs": math.ceil(max_epochs / factor ** (bracket - round_num)),
            })
    return plan


def planned_trials(space: SearchSpace, settings: SearchSettings) -> int:
    """How many trials the search should run (fewer if the space has fewer networks)."""
    if settings.tuner == "hyperband":
        plan = hyperband_brackets(settings.max_epochs, settings.factor)
        first_rounds = sum(row["models"] for row in plan if row["round"] == 0)
        continued = sum(row["models"] for row in plan if row["round"] > 0)
        return min(first_rounds, space.size()) + continued
    return min(settings.max_trials, space.size())


def planned_epochs(space: SearchSpace, settings: SearchSettings) -> int:
    """Total epochs the search should train (the cost a budget controls)."""
    if settings.tuner == "hyperband":
        total = 0
        for row in hyperband_brackets(settings.max_epochs, settings.factor):
            previous = 0 if row["round"] == 0 else math.ceil(
                settings.max_epochs / settings.factor ** (row["bracket"] - row["round"] + 1)
            )
            total += row["models"] * (row["epochs"] - previous)
        return total
    return planned_trials(space, settings) * settings.max_epochs


_RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def validate_name(name: object, what: str = "run name") -> str:
    """Check that ``name`` is a plain folder name: letters, digits, ``_`` and ``-`` only.

    Parameters
    ----------
    name : object
        The proposed name.
    what : str
        What the name is, for the error message.

    Returns
    -------
    str
        ``name`` itself.

    Raises
    ------
    ValueError
        For anything that could escape its folder: ``..``, slashes, absolute paths,
        spaces, dots, an empty name or more than 64 characters.
    """
    if not isinstance(name, str) or not _RUN_NAME.fullmatch(name):
        raise ValueError(
            f"Invalid {what} {name!r}: use 1–64 letters, digits, '_' or '-' (starting with a "
            "letter or digit), with no '/', '..' or other path characters."
        )
    return name


def network_config_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The ``NetworkConfig`` fields a trial's hyperparameters describe.

    Parameters
    ----------
    values : Mapping
        Hyperparameter values of one trial (names ``HP_*``; extra keys are ignored).

    Returns
    -------
    dict
        Keyword arguments for ``rna_core.models.NetworkConfig``: ``hidden_layers``,
        ``activation``, ``optimizer``, ``learning_rate``, ``batch_size`` (only those present).
    """
    config: dict[str, Any] = {}
    if HP_NEURONS in values and HP_LAYERS in values:
        config["hidden_layers"] = (int(values[HP_NEURONS]),) * int(values[HP_LAYERS])
    if HP_ACTIVATION in values:
        config["activation"] = str(values[HP_ACTIVATION])
    if HP_OPTIMIZER in values:
        config["optimizer"] = str(values[HP_OPTIMIZER])
    if HP_LEARNING_RATE in values:
        config["learning_rate"] = float(values[HP_LEARNING_RATE])
    if HP_BATCH_SIZE in values:
        config["batch_size"] = int(values[HP_BATCH_SIZE])
    return config
