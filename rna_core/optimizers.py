"""Optimizers in NumPy with the update rules, names and defaults of ``keras.optimizers``.

Each optimizer is a small class, like its Keras twin: it receives a list of parameters
(``values``) and the gradient of the cost with respect to each one, and returns the
updated parameters. Its internal state is public and named as in Keras, so a page can
draw it:

=================  =======================================================
optimizer          state (one entry per parameter)
=================  =======================================================
``SGD``            ``momentums`` (the velocity; only when ``momentum > 0``)
``RMSprop``        ``velocities`` (moving average of the squared gradients),
                   ``momentums``, ``average_gradients`` (when centered)
``Adam``           ``momentums`` (first moment ``m``), ``velocities``
                   (second moment ``v``), ``velocity_hats`` (amsgrad)
=================  =======================================================

``iterations`` counts the updates done, as ``optimizer.iterations`` in Keras.

Gradient descent, mini-batch gradient descent and stochastic gradient descent are all
:class:`SGD`: what changes is the data the gradient is computed on (every example, a
mini-batch of N examples, or one example), not the update rule.

A parameter can be a Python ``float`` or a NumPy array: the rules use only arithmetic,
so the same code updates the two numbers of a 2-D race quickly and the weight arrays
of a layer alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

import numpy as np

Value = TypeVar("Value", float, np.ndarray)


def _positive(name: str, value: object) -> float:
    number = _finite(name, value)
    if number <= 0:
        raise ValueError(f"The {name.replace('_', ' ')} must be greater than 0 (got {number:g}).")
    return number


def _finite(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"The {name.replace('_', ' ')} must be a number (got {value!r}).")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"The {name.replace('_', ' ')} must be a finite number (got {number}).")
    return number


def _non_negative(name: str, value: object) -> float:
    number = _finite(name, value)
    if number < 0:
        raise ValueError(f"{name} must not be negative (got {number:g}).")
    return number


def _fraction(name: str, value: object, *, include_one: bool) -> float:
    number = _finite(name, value)
    upper_ok = number <= 1 if include_one else number < 1
    if number < 0 or not upper_ok:
        interval = "[0, 1]" if include_one else "[0, 1)"
        raise ValueError(f"{name} must be between 0 and 1, in {interval} (got {number:g}).")
    return number


def _zeros_like(value: Value) -> Value:
    return value * 0.0


class Optimizer:
    """Base class: validation, the parameter loop and the step counter.

    Parameters
    ----------
    learning_rate : float
        Size of the steps (the ratio de aprendizaje, η); must be > 0.

    Attributes
    ----------
    iterations : int
        Number of updates applied so far.
    """

    #: Registry name, also the ``keras.optimizers`` class name in lower case.
    name: ClassVar[str] = ""
    #: Names of the state lists, in the order :meth:`state` returns them.
    state_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, learning_rate: float) -> None:
        self.learning_rate = _positive("learning_rate", learning_rate)
        self.iterations = 0
        self._built = False
        for name in self.state_names:  # empty until the first update builds them
            setattr(self, name, [])

    def build(self, values: Sequence[Value]) -> None:
        """Create the state (zeros shaped like each parameter); called on the first update."""
        self._built = True

    def apply_gradients(self, values: Sequence[Value], gradients: Sequence[Value]) -> list[Value]:
        """Apply one update to every parameter.

        Parameters
        ----------
        values : sequence of float or numpy.ndarray
            The current parameters (for example ``[w, b]``).
        gradients : sequence of float or numpy.ndarray
            The gradient of the cost with respect to each parameter, same shapes.

        Returns
        -------
        list
            The updated parameters. The inputs are not modified.
        """
        if len(values) != len(gradients):
            raise ValueError(
                f"There must be one gradient per parameter ({len(values)} parameters, "
                f"{len(gradients)} gradients)."
            )
        if not self._built:
            self.build(values)
        update = self.update_step
        updated = [update(g, i, v) for i, v, g in zip(range(len(values)), values, gradients, strict=True)]
        self.iterations += 1
        return updated

    def update_step(self, gradient: Value, index: int, value: Value) -> Value:
        """Return parameter ``index`` after one update (subclasses implement the rule)."""
        raise NotImplementedError

    def state(self) -> dict[str, list]:
        """The internal state, name -> one entry per parameter (empty lists before building)."""
        return {name: list(getattr(self, name, [])) for name in self.state_names}

    def get_config(self) -> dict[str, Any]:
        """The hyperparameters, with the names ``keras.optimizers`` uses."""
        return {"learning_rate": self.learning_rate}

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self.get_config().items())
        return f"{type(self).__name__}({arguments})"


class SGD(Optimizer):
    """Gradient descent, optionally with momentum (Nesterov or not), as ``keras.optimizers.SGD``.

    Without momentum: ``w = w - learning_rate * g``.
    With momentum the velocity ``v`` (stored in ``momentums``) accumulates past steps::

        v = momentum * v - learning_rate * g
        w = w + v                                   # classic momentum
        w = w + momentum * v - learning_rate * g    # Nesterov

    Parameters
    ----------
    learning_rate : float, default 0.01
    momentum : float, default 0.0
        In [0, 1]; how much of the previous velocity is kept (an exponential moving
        average of the steps: about ``1 / (1 - momentum)`` past steps count).
    nesterov : bool, default False
        Look ahead along the velocity before applying the gradient.
    """

    name = "sgd"
    state_names = ("momentums",)

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False) -> None:
        super().__init__(learning_rate)
        self.momentum = _fraction("momentum", momentum, include_one=True)
        self.nesterov = bool(nesterov)

    def build(self, values: Sequence[Value]) -> None:
        super().build(values)
        self.momentums = [_zeros_like(v) for v in values] if self.momentum != 0 else []

    def update_step(self, gradient: Value, index: int, value: Value) -> Value:
        if self.momentum == 0:
            return value - gradient * self.learning_rate
        velocity = self.momentums[index] * self.momentum - gradient * self.learning_rate
        self.momentums[index] = velocity
        if self.nesterov:
            return value + (velocity * self.momentum - gradient * self.learning_rate)
        return value + velocity

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


class RMSprop(Optimizer):
    """RMSprop, as ``keras.optimizers.RMSprop``.

    It keeps a moving average of the squared *gradients* (``velocities``) and divides
    each step by its square root, so every parameter gets its own step size::

        s = rho * s + (1 - rho) * g**2
        w = w - learning_rate * g / sqrt(s + epsilon)

    Parameters
    ----------
    learning_rate : float, default 0.001
    rho : float, default 0.9
        Discount of the old squared gradients, in [0, 1).
    momentum : float, default 0.0
        If > 0, the steps are accumulated in ``momentums`` (``m = momentum*m + step``).
    epsilon : float, default 1e-7
        Keeps the division safe when the average is 0.
    centered : bool, default False
        Divide by an estimate of the variance (subtract the squared mean gradient).
    """

    name = "rmsprop"
    state_names = ("velocities", "momentums", "average_gradients")

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
    ) -> None:
        super().__init__(learning_rate)
        self.rho = _fraction("rho", rho, include_one=False)
        self.momentum = _fraction("momentum", momentum, include_one=True)
        self.epsilon = _non_negative("epsilon", epsilon)
        self.centered = bool(centered)

    def build(self, values: Sequence[Value]) -> None:
        super().build(values)
        self.velocities = [_zeros_like(v) for v in values]
        self.momentums = [_zeros_like(v) for v in values] if self.momentum > 0 else []
        self.average_gradients = [_zeros_like(v) for v in values] if self.centered else []

    def update_step(self, gradient: Value, index: int, value: Value) -> Value:
        rho = self.rho
        velocity = self.velocities[index] * rho + gradient * gradient * (1 - rho)
        self.velocities[index] = velocity
        if self.centered:
            average = self.average_gradients[index] * rho + gradient * (1 - rho)
            self.average_gradients[index] = average
            denominator = velocity - average * average + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = gradient * self.learning_rate / denominator**0.5
        if self.momentum > 0:
            accumulated = self.momentums[index] * self.momentum + increment
            self.momentums[index] = accumulated
            return value - accumulated
        return value - increment

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "rho": self.rho,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "centered": self.centered,
        }


class Adam(Optimizer):
    """Adam (*Adaptive Moment Estimation*), as ``keras.optimizers.Adam``.

    Momentum and RMSprop together: ``m`` averages the gradients (first moment),
    ``v`` the squared gradients (second moment); both start at 0, which the
    bias correction in ``alpha`` compensates in the first steps::

        t = iterations + 1
        m = m + (g - m) * (1 - beta_1)
        v = v + (g**2 - v) * (1 - beta_2)
        alpha = learning_rate * sqrt(1 - beta_2**t) / (1 - beta_1**t)
        w = w - alpha * m / (sqrt(v) + epsilon)

    Parameters
    ----------
    learning_rate : float, default 0.001
    beta_1 : float, default 0.9
        Decay of the first moment, in [0, 1).
    beta_2 : float, default 0.999
        Decay of the second moment, in [0, 1).
    epsilon : float, default 1e-7
        Keeps the division safe ("epsilon hat" of the paper).
    amsgrad : bool, default False
        Divide by the largest ``v`` seen so far (``velocity_hats``).
    """

    name = "adam"
    state_names = ("momentums", "velocities", "velocity_hats")

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(learning_rate)
        self.beta_1 = _fraction("beta_1", beta_1, include_one=False)
        self.beta_2 = _fraction("beta_2", beta_2, include_one=False)
        self.epsilon = _non_negative("epsilon", epsilon)
        self.amsgrad = bool(amsgrad)
        self._alpha = self.learning_rate

    def build(self, values: Sequence[Value]) -> None:
        super().build(values)
        self.momentums = [_zeros_like(v) for v in values]
        self.velocities = [_zeros_like(v) for v in values]
        self.velocity_hats = [_zeros_like(v) for v in values] if self.amsgrad else []

    def apply_gradients(self, values: Sequence[Value], gradients: Sequence[Value]) -> list[Value]:
        step = self.iterations + 1  # the bias correction is the same for every parameter
        self._alpha = self.learning_rate * (1 - self.beta_2**step) ** 0.5 / (1 - self.beta_1**step)
        return super().apply_gradients(values, gradients)

    def update_step(self, gradient: Value, index: int, value: Value) -> Value:
        m = self.momentums[index] + (gradient - self.momentums[index]) * (1 - self.beta_1)
        v = self.velocities[index] + (gradient * gradient - self.velocities[index]) * (1 - self.beta_2)
        self.momentums[index] = m
        self.velocities[index] = v
        if self.amsgrad:
            v = np.maximum(self.velocity_hats[index], v)
            self.velocity_hats[index] = v
        return value - m * self._alpha / (v**0.5 + self.epsilon)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "beta_1": self.beta_1,
            "beta_2": self.beta_2,
            "epsilon": self.epsilon,
            "amsgrad": self.amsgrad,
        }


#: The optimizers by registry name (``keras.optimizers.get`` accepts the same names).
OPTIMIZERS: Mapping[str, type[Optimizer]] = MappingProxyType(
    {cls.name: cls for cls in (SGD, RMSprop, Adam)}
)


def make_optimizer(name: str, **hyperparameters: Any) -> Optimizer:
    """Build an optimizer of :data:`OPTIMIZERS` by name.

    Parameters
    ----------
    name : str
        ``"sgd"``, ``"rmsprop"`` or ``"adam"``.
    **hyperparameters
        Keyword arguments of the class (``learning_rate``, ``momentum``, ``rho``...).

    Returns
    -------
    Optimizer
        A fresh optimizer with empty state.

    Raises
    ------
    ValueError
        Unknown name, unknown hyperparameter or invalid value.
    """
    if name not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}.")
    cls = OPTIMIZERS[name]
    allowed = set(cls().get_config())
    unknown = sorted(set(hyperparameters) - allowed)
    if unknown:
        raise ValueError(f"{cls.__name__} has no hyperparameter {', '.join(unknown)}.")
    return cls(**hyperparameters)
