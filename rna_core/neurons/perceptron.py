"""The perceptron (a TLU, *threshold logic unit*) and the rule that teaches it.

It gives every input a real weight and adds a bias ``w0`` as the weight of a constant
input 1 — the aggregation function ``z = w0·1 + w1·x1 + ... + wn·xn`` — then outputs
``ŷ = step(z)``. It *learns* its weights with the perceptron rule ``w ← w + η (y − ŷ) x``;
:func:`train_perceptron` returns every step of that learning, and says whether it
converged or why it never will (XOR: no straight line separates its classes).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rna_core.activations import ACTIVATIONS
from rna_core.neurons.truth_tables import (
    NeuronInputError,
    _not_binary,
    is_linearly_separable,
)

#: Step functions a perceptron can use (keys of :data:`rna_core.activations.ACTIVATIONS`).
PERCEPTRON_ACTIVATIONS: tuple[str, ...] = ("heaviside", "sign")
#: Largest epoch budget accepted by :func:`train_perceptron`.
MAX_PERCEPTRON_EPOCHS = 1000



@dataclass(frozen=True)
class Perceptron:
    """A threshold logic unit: ``ŷ = step(w0 + w1 x1 + ... + wn xn)``.

    Attributes
    ----------
    weights : tuple of float
        ``(w0, w1, ..., wn)``; ``w0`` is the bias, the weight of a constant input 1.
    activation : str
        ``"heaviside"`` (outputs 0/1: 1 when ``z >= 0``) or ``"sign"`` (outputs -1/0/1).
    """

    weights: tuple[float, ...]
    activation: str = "heaviside"

    def __post_init__(self) -> None:
        if self.activation not in PERCEPTRON_ACTIVATIONS:
            raise NeuronInputError(
                f"A perceptron's activation is one of {', '.join(PERCEPTRON_ACTIVATIONS)}.",
                "neurons.error_activation",
            )
        weights = tuple(float(w) for w in self.weights)
        if len(weights) < 2 or not all(math.isfinite(w) for w in weights):
            raise ValueError("A perceptron needs a bias and at least one weight, all finite numbers.")
        object.__setattr__(self, "weights", weights)

    @classmethod
    def random(cls, n_inputs: int, seed: int = 0, activation: str = "heaviside", scale: float = 0.5) -> Perceptron:
        """A perceptron with weights drawn uniformly from ``[-scale, scale]`` (seeded)."""
        rng = np.random.default_rng(seed)
        return cls(tuple(rng.uniform(-scale, scale, size=n_inputs + 1)), activation)

    @property
    def n_inputs(self) -> int:
        """Number of inputs (the bias not counted)."""
        return len(self.weights) - 1

    def net_input(self, inputs: np.ndarray | Sequence[float]) -> np.ndarray:
        """The aggregation ``z = w0 + w·x`` for each row of ``inputs``."""
        w = np.asarray(self.weights)
        return w[0] + np.asarray(inputs, dtype=float) @ w[1:]

    def __call__(self, inputs: np.ndarray | Sequence[float]) -> np.ndarray:
        """The output ``step(z)`` for each row of ``inputs``."""
        return ACTIVATIONS[self.activation](self.net_input(inputs))

    def __repr__(self) -> str:
        shown = ", ".join(f"{w:.3g}" for w in self.weights)
        return f"Perceptron(w=[{shown}], {self.activation})"


@dataclass(frozen=True)
class PerceptronStep:
    """One presentation of one training row to the perceptron.

    Attributes
    ----------
    epoch, sample : int
        1-based epoch and row number.
    x : tuple of float
        The row's inputs (without the constant 1).
    target, net_input, prediction, error : float
        ``y``, ``z``, ``ŷ = step(z)`` and ``y − ŷ``.
    delta : tuple of float
        ``Δw = η (y − ŷ) (1, x1, ..., xn)``, bias first.
    weights_before, weights_after : tuple of float
        ``(w0, ..., wn)`` before and after the update.
    """

    epoch: int
    sample: int
    x: tuple[float, ...]
    target: float
    net_input: float
    prediction: float
    error: float
    delta: tuple[float, ...]
    weights_before: tuple[float, ...]
    weights_after: tuple[float, ...]


@dataclass(frozen=True)
class PerceptronTraining:
    """The full record of :func:`train_perceptron`.

    Attributes
    ----------
    initial, final : Perceptron
        Before the first step and after the last one.
    learning_rate : float
        ``η``.
    steps : tuple of PerceptronStep
        Every step, in order (rows in table order, epoch after epoch).
    errors_per_epoch : tuple of int
        Misclassified rows in each epoch.
    stop_reason : str
        ``"converged"`` (an epoch without errors), ``"cycle"`` (the weights came back to a
        state they had at the end of an earlier epoch: training repeats forever) or
        ``"epoch_budget"`` (the budget ran out first).
    cycle_epoch : int or None
        For ``"cycle"``: the earlier epoch whose end state came back.
    linearly_separable : bool
        Whether the table is linearly separable (the perceptron convergence theorem:
        if it is, the rule always converges).
    """

    initial: Perceptron
    final: Perceptron
    learning_rate: float
    steps: tuple[PerceptronStep, ...]
    errors_per_epoch: tuple[int, ...]
    stop_reason: str
    cycle_epoch: int | None = None
    linearly_separable: bool = field(default=True)

    @property
    def converged(self) -> bool:
        """Whether an epoch ran without a single error."""
        return self.stop_reason == "converged"

    @property
    def epochs_run(self) -> int:
        """Number of epochs trained."""
        return len(self.errors_per_epoch)

    def weights_at(self, step: int) -> tuple[float, ...]:
        """Weights after ``step`` steps (0: the initial weights)."""
        return self.initial.weights if step == 0 else self.steps[step - 1].weights_after

    def trace_frame(self) -> pd.DataFrame:
        """One row per step: epoch, sample, x, y, z, ŷ, error, Δw, weights after."""
        n = self.initial.n_inputs
        rows = []
        for step in self.steps:
            row: dict[str, float | int] = {"epoch": step.epoch, "sample": step.sample}
            row.update({f"x{i + 1}": step.x[i] for i in range(n)})
            row.update({"y": step.target, "z": step.net_input, "ŷ": step.prediction, "y − ŷ": step.error})
            row.update({f"Δw{i}": step.delta[i] for i in range(n + 1)})
            row.update({f"w{i}": step.weights_after[i] for i in range(n + 1)})
            rows.append(row)
        return pd.DataFrame(rows)


def train_perceptron(
    inputs: np.ndarray,
    targets: np.ndarray,
    *,
    learning_rate: float = 0.1,
    activation: str = "heaviside",
    epochs: int = 50,
    seed: int = 0,
    initial_weights: Sequence[float] | None = None,
) -> PerceptronTraining:
    """Train a perceptron with the perceptron rule and record every step.

    Each epoch presents the rows in table order; for each row ``x`` with label ``y``
    the perceptron predicts ``ŷ = step(w0 + w·x)`` and updates
    ``w ← w + η (y − ŷ) (1, x)``: nothing changes when it is right, and the weights
    move towards (or away from) ``x`` when it says 0 (1) for a 1 (0).

    Training stops when an epoch has no error (*converged*), or when the weights at
    the end of an epoch equal those at the end of an earlier one: the rows come in the
    same order, so the same epochs repeat forever (*cycle*, the fate of XOR), or when
    the epoch budget runs out.

    Parameters
    ----------
    inputs : numpy.ndarray
        Shape ``(m, n)``, the rows of the truth table.
    targets : numpy.ndarray
        Shape ``(m,)``, 0/1 labels. With ``activation="sign"`` they are used as -1/+1.
    learning_rate : float
        ``η > 0``.
    activation : str
        ``"heaviside"`` or ``"sign"``.
    epochs : int
        Epoch budget, 1 to :data:`MAX_PERCEPTRON_EPOCHS`.
    seed : int
        Seed of the random initial weights (uniform in [-0.5, 0.5]).
    initial_weights : sequence of float, optional
        ``(w0, ..., wn)`` to start from instead of random ones.

    Returns
    -------
    PerceptronTraining

    Raises
    ------
    NeuronInputError
        For ``η <= 0``, an epoch budget outside 1..1000, an unknown activation, or
        labels other than 0/1.
    """
    learning_rate = _check_learning_rate(learning_rate)
    epochs = _check_epochs(epochs, MAX_PERCEPTRON_EPOCHS)
    x = np.asarray(inputs, dtype=float)
    y01 = np.asarray(targets)
    if x.ndim != 2 or y01.shape != (len(x),) or len(x) == 0:
        raise ValueError("The inputs must be a table with one row per label.")
    bad = np.flatnonzero(~np.isin(y01, (0, 1)))
    if bad.size:
        raise _not_binary(int(bad[0]) + 1, y01[bad[0]].item())
    if initial_weights is None:
        perceptron = Perceptron.random(x.shape[1], seed, activation)
    else:
        perceptron = Perceptron(tuple(initial_weights), activation)
        if perceptron.n_inputs != x.shape[1]:
            raise ValueError(f"The initial weights must be {x.shape[1] + 1} numbers (bias first).")
    y = np.where(y01 == 1, 1.0, -1.0) if activation == "sign" else y01.astype(float)
    step_function = ACTIVATIONS[activation].function
    augmented = np.hstack([np.ones((len(x), 1)), x])
    # With integer inputs every update is η times an integer vector: the sum of those
    # integer vectors is an exact fingerprint of the weights (no float round-off).
    exact = bool(np.all(augmented == np.round(augmented)))
    w = np.array(perceptron.weights)
    total = np.zeros_like(w)
    seen: dict[tuple[float, ...], int] = {}
    steps: list[PerceptronStep] = []
    errors_per_epoch: list[int] = []
    stop_reason, cycle_epoch = "epoch_budget", None
    for epoch in range(1, epochs + 1):
        errors = 0
        for row in range(len(x)):
            z = float(augmented[row] @ w)
            prediction = float(step_function(z))
            error = float(y[row] - prediction)
            delta = learning_rate * error * augmented[row] + 0.0  # + 0.0: no -0.0 in the trace
            before = tuple(float(v) for v in w)
            w = w + delta
            total = total + error * augmented[row]
            errors += error != 0
            steps.append(PerceptronStep(
                epoch, row + 1, tuple(float(v) for v in x[row]), float(y[row]), z, prediction, error,
                tuple(float(v) for v in delta), before, tuple(float(v) for v in w),
            ))
        errors_per_epoch.append(int(errors))
        if errors == 0:
            stop_reason = "converged"
            break
        state = tuple(total) if exact else tuple(np.round(w, 9))
        if state in seen:
            stop_reason, cycle_epoch = "cycle", seen[state]
            break
        seen[state] = epoch
    return PerceptronTraining(
        initial=perceptron,
        final=Perceptron(tuple(w), activation),
        learning_rate=learning_rate,
        steps=tuple(steps),
        errors_per_epoch=tuple(errors_per_epoch),
        stop_reason=stop_reason,
        cycle_epoch=cycle_epoch,
        linearly_separable=is_linearly_separable(x, y01),
    )


def _check_learning_rate(learning_rate: object) -> float:
    try:
        value = float(learning_rate)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise NeuronInputError(
            f"The learning rate η must be a positive number, not {learning_rate}.",
            "neurons.error_learning_rate", value=learning_rate,
        )
    return value


def _check_epochs(epochs: object, maximum: int) -> int:
    whole = isinstance(epochs, (int, np.integer)) or (isinstance(epochs, float) and epochs.is_integer())
    if isinstance(epochs, bool) or not whole or not 1 <= epochs <= maximum:  # type: ignore[operator]
        raise NeuronInputError(
            f"The number of epochs must be a whole number from 1 to {maximum}, not {epochs}.",
            "neurons.error_epochs", value=epochs, max=maximum,
        )
    return int(epochs)


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _signed(value: float) -> str:
    return f"({_number(value)})" if value < 0 else _number(value)


def _column(values: Sequence[float]) -> str:
    return r"\begin{pmatrix}" + r" \\ ".join(_number(v) for v in values) + r"\end{pmatrix}"


def update_rule_latex(step: PerceptronStep, learning_rate: float) -> str:
    """The perceptron rule of one step written with its real numbers, in LaTeX.

    ``w_new = w + η (y − ŷ) (1, x)`` with the step's values filled in, for ``st.latex``.
    """
    x = (1.0, *step.x)
    return (
        r"\begin{aligned}\mathbf{w} &\leftarrow \mathbf{w} + \eta\,(y - \hat y)\,\mathbf{x} \\ &= "
        + _column(step.weights_before)
        + rf" + {_number(learning_rate)}\,({_number(step.target)} - {_signed(step.prediction)})"
        + _column(x)
        + r" \\ &= "
        + _column(step.weights_after)
        + r"\end{aligned}"
    )
