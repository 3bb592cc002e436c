"""The keras-tuner adapter: hyperparameters -> ``NetworkConfig`` -> ``build_model``.

Thin on purpose (as in keras-io's getting-started guide): it only turns ``hp.Int`` /
``hp.Choice`` into the arguments of the project's own model builder, so a tuned network
is exactly the network the training page trains. Imports keras-tuner lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rna_core.tuning.space import (
    HP_ACTIVATION,
    HP_BATCH_SIZE,
    HP_LAYERS,
    HP_LEARNING_RATE,
    HP_NEURONS,
    HP_OPTIMIZER,
    SearchSpace,
    network_config_values,
)

if TYPE_CHECKING:  # pragma: no cover
    import keras
    import keras_tuner


def declare(hp: keras_tuner.HyperParameters, space: SearchSpace) -> dict[str, Any]:
    """Declare the space's hyperparameters on ``hp`` and return the values of this trial.

    Searched hyperparameters become ``hp.Int`` / ``hp.Choice``; fixed ones ``hp.Fixed``,
    so every trial records all six values.
    """
    values: dict[str, Any] = {}
    if space.neurons_min == space.neurons_max:
        values[HP_NEURONS] = hp.Fixed(HP_NEURONS, space.neurons_min)
    else:
        values[HP_NEURONS] = hp.Int(HP_NEURONS, space.neurons_min, space.neurons_max, step=space.neurons_step)
    if space.layers_min == space.layers_max:
        values[HP_LAYERS] = hp.Fixed(HP_LAYERS, space.layers_min)
    else:
        values[HP_LAYERS] = hp.Int(HP_LAYERS, space.layers_min, space.layers_max)
    for name, choices in (
        (HP_LEARNING_RATE, space.learning_rates),
        (HP_OPTIMIZER, space.optimizers),
        (HP_BATCH_SIZE, space.batch_sizes),
        (HP_ACTIVATION, space.activations),
    ):
        values[name] = hp.Fixed(name, choices[0]) if len(choices) == 1 else hp.Choice(name, list(choices))
    return values


def network_config(values: dict[str, Any], seed: int = 42, epochs: int = 1) -> Any:
    """The ``rna_core.models.NetworkConfig`` of one trial's hyperparameter values."""
    from rna_core.models import NetworkConfig

    return NetworkConfig(**network_config_values(values), seed=seed, epochs=epochs)


def make_hypermodel(space: SearchSpace, seed: int = 42, train_size: int = 60_000) -> keras_tuner.HyperModel:
    """A keras-tuner ``HyperModel`` over ``space`` that builds with ``rna_core.models.build_model``.

    Parameters
    ----------
    space : SearchSpace
        What the search may vary.
    seed : int
        Seed of every network's initial weights.
    train_size : int
        Training examples per epoch (passed to ``build_model`` for its schedule).

    Returns
    -------
    keras_tuner.HyperModel
        ``build(hp)`` gives a compiled model; ``fit`` uses the trial's batch size.
    """
    import keras_tuner

    from rna_core.models import build_model

    class MnistHyperModel(keras_tuner.HyperModel):
        def build(self, hp: keras_tuner.HyperParameters) -> keras.Model:
            config = network_config(declare(hp, space), seed=seed)
            return build_model(config, train_size=train_size)

        def fit(self, hp: keras_tuner.HyperParameters, model: keras.Model, *args: Any, **kwargs: Any) -> Any:
            kwargs["batch_size"] = int(hp.get(HP_BATCH_SIZE))
            return model.fit(*args, **kwargs)

    return MnistHyperModel(name="mnist_mlp")
