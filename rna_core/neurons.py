"""Single neurons as logic gates: the McCulloch–Pitts unit and the perceptron.

A **McCulloch–Pitts (M–P) neuron** reads binary inputs, each wired as *excitatory* or
*inhibitory*, and fires (outputs 1) when enough excitatory inputs are active: their
count reaches the threshold ``θ``, set by hand. In the original model (absolute
inhibition) any active inhibitory input silences it; a common variant (subtractive
inhibition) lets each active inhibitory input *subtract one* from the count instead.
Nothing is learned: :func:`find_mcculloch_pitts` tries every wiring and threshold to
build a target gate, or proves that none exists.

A **perceptron** (a TLU, *threshold logic unit*) gives every input a real weight and
adds a bias ``w0`` as the weight of a constant input 1::

    z = w0·1 + w1·x1 + ... + wn·xn        ŷ = step(z)

and *learns* its weights with the perceptron rule ``w ← w + η (y − ŷ) x``.
:func:`train_perceptron` returns every step of that learning, and says whether it
converged or why it never will (XOR: no straight line separates its classes).

Gates are :class:`TruthTable` objects (:data:`GATES`, or :func:`custom_table`). Bad
input raises :class:`NeuronInputError`, a ``ValueError`` that also carries an i18n key
so a page can show the message in the student's language.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from rna_core.activations import ACTIVATIONS
from rna_core.errors import LocalizedError

__all__ = [
    "GATES",
    "INHIBITION_MODES",
    "MAX_INPUTS",
    "MAX_PERCEPTRON_EPOCHS",
    "PERCEPTRON_ACTIVATIONS",
    "McCullochPitts",
    "MPSearchResult",
    "NeuronInputError",
    "Perceptron",
    "PerceptronStep",
    "PerceptronTraining",
    "TruthTable",
    "binary_inputs",
    "custom_table",
    "find_mcculloch_pitts",
    "gate",
    "identify_gate",
    "is_linearly_separable",
    "train_perceptron",
    "update_rule_latex",
]

#: Most inputs a truth table (and an M–P neuron) may have here: 2**4 = 16 rows.
MAX_INPUTS = 4
#: The two ways an inhibitory input can act on an M–P neuron.
INHIBITION_MODES: tuple[str, ...] = ("absolute", "subtractive")
#: Step functions a perceptron can use (keys of :data:`rna_core.activations.ACTIVATIONS`).
PERCEPTRON_ACTIVATIONS: tuple[str, ...] = ("heaviside", "sign")
#: Largest epoch budget accepted by :func:`train_perceptron`.
MAX_PERCEPTRON_EPOCHS = 1000


class NeuronInputError(LocalizedError):
    """Invalid input for a neuron; ``key`` names the sentence in :mod:`rna_core.i18n`."""


# --------------------------------------------------------------------------- truth tables


def binary_inputs(n_inputs: int) -> np.ndarray:
    """Every combination of ``n_inputs`` binary inputs, in truth-table order.

    Parameters
    ----------
    n_inputs : int
        Number of inputs, 1 to :data:`MAX_INPUTS`.

    Returns
    -------
    numpy.ndarray
        Integer array of shape ``(2**n_inputs, n_inputs)``: rows 00, 01, 10, 11 for two
        inputs (the first input is the most significant bit).
    """
    _check_n_inputs(n_inputs)
    return np.array(list(itertools.product((0, 1), repeat=n_inputs)), dtype=np.int64)


def _check_n_inputs(n_inputs: object) -> int:
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)):
        raise NeuronInputError("The number of inputs must be a whole number.", "neurons.error_n_inputs",
                               max=MAX_INPUTS)
    if not 1 <= n_inputs <= MAX_INPUTS:
        raise NeuronInputError(
            f"A neuron here has between 1 and {MAX_INPUTS} inputs.", "neurons.error_n_inputs", max=MAX_INPUTS
        )
    return int(n_inputs)


def _not_binary(row: int, value: object) -> NeuronInputError:
    shown = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return NeuronInputError(
        f"Row {row} of the truth table has the output {shown!r}; a logic gate's outputs can only be 0 or 1.",
        "neurons.error_binary", row=row, value=shown,
    )


def _as_bit(value: object) -> int | None:
    if isinstance(value, str):
        value = value.strip()
        return int(value) if value in ("0", "1") else None
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
        return int(value)
    return None


@dataclass(frozen=True)
class TruthTable:
    """A logic function of binary inputs, given by its column of outputs.

    Attributes
    ----------
    name : str
        ``"AND"``, ``"XOR"``, ... or ``"custom"``.
    outputs : tuple of int
        The output (0 or 1) of each row of :func:`binary_inputs`, in that order.
    """

    name: str
    outputs: tuple[int, ...]

    def __post_init__(self) -> None:
        rows = len(self.outputs)
        n_inputs = rows.bit_length() - 1
        if rows < 2 or rows != 2**n_inputs or n_inputs > MAX_INPUTS:
            raise NeuronInputError(
                f"A truth table needs 2, 4, 8 or 16 rows (1 to {MAX_INPUTS} inputs), not {rows}.",
                "neurons.error_rows", rows=rows,
            )
        bits = []
        for row, value in enumerate(self.outputs, start=1):
            bit = _as_bit(value)
            if bit is None:
                raise _not_binary(row, value)
            bits.append(bit)
        object.__setattr__(self, "outputs", tuple(bits))

    @property
    def n_inputs(self) -> int:
        """Number of inputs (1 for NOT, 2 for the two-input gates)."""
        return len(self.outputs).bit_length() - 1

    def inputs(self) -> np.ndarray:
        """The input rows, shape ``(2**n, n)`` (see :func:`binary_inputs`)."""
        return binary_inputs(self.n_inputs)

    def targets(self) -> np.ndarray:
        """The outputs as an integer array, shape ``(2**n,)``."""
        return np.array(self.outputs, dtype=np.int64)

    def to_frame(self) -> pd.DataFrame:
        """The truth table as a DataFrame with columns ``x1 .. xn`` and ``y``."""
        frame = pd.DataFrame(self.inputs(), columns=[f"x{i + 1}" for i in range(self.n_inputs)])
        frame["y"] = self.targets()
        return frame


#: The classic gates by name. Read-only.
GATES: Mapping[str, TruthTable] = MappingProxyType(
    {
        "AND": TruthTable("AND", (0, 0, 0, 1)),
        "OR": TruthTable("OR", (0, 1, 1, 1)),
        "NAND": TruthTable("NAND", (1, 1, 1, 0)),
        "NOR": TruthTable("NOR", (1, 0, 0, 0)),
        "XOR": TruthTable("XOR", (0, 1, 1, 0)),
        "XNOR": TruthTable("XNOR", (1, 0, 0, 1)),
        "NOT": TruthTable("NOT", (1, 0)),
    }
)


def gate(name: str) -> TruthTable:
    """Return the gate called ``name`` (``"AND"``, ``"XOR"``, ...; case-insensitive).

    Raises
    ------
    NeuronInputError
        If there is no such gate.
    """
    key = str(name).strip().upper()
    if key not in GATES:
        raise NeuronInputError(
            f"Unknown gate {name!r}; choose one of {', '.join(GATES)}.", "neurons.error_gate", name=name
        )
    return GATES[key]


def custom_table(outputs: Sequence[object]) -> TruthTable:
    """Build a truth table from outputs typed by a student, checking each one.

    Parameters
    ----------
    outputs : sequence
        One output per row of :func:`binary_inputs` (2, 4, 8 or 16 values). Each must be
        0 or 1: ints, floats equal to 0/1 (``1.0``) and the strings ``"0"``/``"1"`` are
        accepted; anything else (2, 0.5, empty, text) is refused.

    Returns
    -------
    TruthTable
        Named after the classic gate it equals (``"AND"``), else ``"custom"``.

    Raises
    ------
    NeuronInputError
        Naming the first row whose value is not 0 or 1, or a wrong number of rows.
    """
    values: list[int] = []
    for row, value in enumerate(outputs, start=1):
        bit = _as_bit(value)
        if bit is None:
            raise _not_binary(row, value)
        values.append(bit)
    table = TruthTable("custom", tuple(values))
    return TruthTable(identify_gate(table.outputs) or "custom", table.outputs)


def identify_gate(outputs: Sequence[int]) -> str | None:
    """Name of the classic gate whose outputs are ``outputs``, or ``None``.

    Tables of 3 or 4 inputs are recognised as the usual generalisations: AND (all inputs
    on), OR (any), NAND, NOR, XOR (an odd number on) and XNOR (an even number).
    """
    outputs = tuple(int(value) for value in outputs)
    for name, table in GATES.items():
        if table.outputs == outputs:
            return name
    n = len(outputs).bit_length() - 1
    if 3 <= n <= MAX_INPUTS and len(outputs) == 2**n:
        on = binary_inputs(n).sum(axis=1)
        rules = {"AND": on == n, "OR": on > 0, "NAND": on < n, "NOR": on == 0, "XOR": on % 2 == 1,
                 "XNOR": on % 2 == 0}
        for name, rule in rules.items():
            if tuple(rule.astype(int).tolist()) == outputs:
                return name
    return None


def is_linearly_separable(inputs: np.ndarray, targets: np.ndarray) -> bool:
    """Whether one straight line (plane, hyperplane) separates the 1s from the 0s.

    Solved exactly as a linear program: find ``w, b`` with ``w·x + b >= 1`` on every
    positive row and ``w·x + b <= -1`` on every negative one. If no such ``w, b``
    exists, no single threshold unit (M–P neuron or perceptron) can compute the table.

    Parameters
    ----------
    inputs : numpy.ndarray
        Shape ``(m, n)``.
    targets : numpy.ndarray
        Shape ``(m,)``, 0/1 (or -1/1).

    Returns
    -------
    bool
    """
    from scipy.optimize import linprog  # lazy: only the search and training need SciPy

    x = np.asarray(inputs, dtype=float)
    signs = np.where(np.asarray(targets) > 0, 1.0, -1.0)
    augmented = np.hstack([x, np.ones((len(x), 1))])
    result = linprog(
        c=np.zeros(augmented.shape[1]),
        A_ub=-signs[:, None] * augmented,
        b_ub=-np.ones(len(x)),
        bounds=[(None, None)] * augmented.shape[1],
        method="highs",
    )
    return bool(result.status == 0)


# --------------------------------------------------------------------------- McCulloch–Pitts


@dataclass(frozen=True)
class McCullochPitts:
    """A McCulloch–Pitts neuron: binary inputs, no weights, a hand-set threshold.

    Attributes
    ----------
    inhibitory : tuple of bool
        One entry per input: ``True`` for an inhibitory input, ``False`` for excitatory.
    threshold : int
        ``θ``: the neuron fires when the count of active excitatory inputs reaches it.
    inhibition : str
        ``"absolute"`` (the original model: one active inhibitory input forces the
        output to 0) or ``"subtractive"`` (each active inhibitory input lowers the count
        by one, and ``θ`` may be negative).
    """

    inhibitory: tuple[bool, ...]
    threshold: int
    inhibition: str = "absolute"

    def __post_init__(self) -> None:
        _check_n_inputs(len(self.inhibitory))
        if self.inhibition not in INHIBITION_MODES:
            raise NeuronInputError(
                f"Inhibition must be one of {', '.join(INHIBITION_MODES)}.", "neurons.error_inhibition"
            )
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, np.integer)):
            raise NeuronInputError("The threshold must be a whole number.", "neurons.error_threshold")
        object.__setattr__(self, "inhibitory", tuple(bool(flag) for flag in self.inhibitory))
        object.__setattr__(self, "threshold", int(self.threshold))

    @property
    def n_inputs(self) -> int:
        """Number of inputs."""
        return len(self.inhibitory)

    def __call__(self, inputs: np.ndarray | Sequence[int]) -> np.ndarray:
        """Fire or not for each row of binary ``inputs`` (shape ``(n,)`` or ``(m, n)``)."""
        x = np.asarray(inputs)
        if x.shape[-1:] != (self.n_inputs,) or not np.isin(x, (0, 1)).all():
            raise NeuronInputError(
                f"The neuron expects {self.n_inputs} inputs, each 0 or 1.", "neurons.error_inputs",
                n=self.n_inputs,
            )
        mask = np.array(self.inhibitory)
        excited = x[..., ~mask].sum(axis=-1)
        inhibited = x[..., mask].sum(axis=-1)
        if self.inhibition == "absolute":
            fires = (inhibited == 0) & (excited >= self.threshold)
        else:
            fires = excited - inhibited >= self.threshold
        return fires.astype(np.int64)

    def truth_table(self) -> TruthTable:
        """The neuron's truth table, named after the classic gate it equals, if any."""
        outputs = tuple(int(value) for value in self(binary_inputs(self.n_inputs)))
        return TruthTable(identify_gate(outputs) or "custom", outputs)

    def __repr__(self) -> str:
        wiring = ", ".join("−" if flag else "+" for flag in self.inhibitory)
        return f"McCullochPitts(θ={self.threshold}, inputs=[{wiring}], {self.inhibition})"


@dataclass(frozen=True)
class MPSearchResult:
    """What :func:`find_mcculloch_pitts` found.

    Attributes
    ----------
    target : TruthTable
        The gate searched for.
    inhibition : str
        The inhibition mode searched.
    solutions : tuple of McCullochPitts
        Every configuration that computes ``target`` (empty if none does).
    tried : int
        How many configurations were tried: all of them, so an empty ``solutions`` is a proof.
    linearly_separable : bool
        Whether a straight line separates the table's 1s from its 0s.
    """

    target: TruthTable
    inhibition: str
    solutions: tuple[McCullochPitts, ...]
    tried: int
    linearly_separable: bool

    @property
    def found(self) -> bool:
        """Whether at least one configuration computes the target."""
        return bool(self.solutions)

    @property
    def reason(self) -> str:
        """``"found"``, ``"not_linearly_separable"`` (no threshold unit at all can do it) or
        ``"needs_weights"`` (a weighted unit could, but not this M–P neuron)."""
        if self.found:
            return "found"
        return "needs_weights" if self.linearly_separable else "not_linearly_separable"


def find_mcculloch_pitts(target: TruthTable, inhibition: str = "absolute") -> MPSearchResult:
    """Try every M–P neuron with ``target.n_inputs`` inputs and keep those computing ``target``.

    The search is exhaustive, hence a proof when it finds nothing: each input is
    excitatory or inhibitory (``2**n`` wirings) and only thresholds from ``-n`` to
    ``n + 1`` can behave differently (a count of ``n`` inputs can never reach more than
    ``n``; below ``-n`` every threshold acts like ``-n``).

    Parameters
    ----------
    target : TruthTable
        The gate to build.
    inhibition : str
        One of :data:`INHIBITION_MODES`.

    Returns
    -------
    MPSearchResult
        The solutions (simplest first: fewest inhibitory inputs, then lowest threshold)
        and, if none, the reason.
    """
    if not isinstance(target, TruthTable):
        raise NeuronInputError("The target must be a truth table.", "neurons.error_gate", name=target)
    n = target.n_inputs
    lowest = 0 if inhibition == "absolute" else -n
    solutions = []
    tried = 0
    for wiring in sorted(itertools.product((False, True), repeat=n), key=sum):
        for threshold in range(lowest, n + 2):
            tried += 1
            neuron = McCullochPitts(wiring, threshold, inhibition)
            if neuron.truth_table().outputs == target.outputs:
                solutions.append(neuron)
    separable = is_linearly_separable(target.inputs(), target.targets())
    return MPSearchResult(target, inhibition, tuple(solutions), tried, separable)


# --------------------------------------------------------------------------- perceptron


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
