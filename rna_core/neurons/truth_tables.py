"""Truth tables of logic gates, and whether a straight line can separate their classes.

Gates are :class:`TruthTable` objects (:data:`GATES`, or :func:`custom_table`). Bad input
raises :class:`NeuronInputError`, a :class:`~rna_core.errors.LocalizedError` whose key lets
a page show the message in the student's language.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from rna_core.errors import LocalizedError

#: Most inputs a truth table (and an M–P neuron) may have here: 2**4 = 16 rows.
MAX_INPUTS = 4

class NeuronInputError(LocalizedError):
    """Invalid input for a neuron; ``key`` names the sentence in :mod:`rna_core.i18n`."""



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
