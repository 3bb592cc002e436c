"""The McCulloch–Pitts neuron: binary inputs, excitatory or inhibitory, and a threshold set by hand.

It fires (outputs 1) when enough excitatory inputs are active: their count reaches the
threshold ``θ``. In the original model (absolute inhibition) any active inhibitory input
silences it; a common variant (subtractive inhibition) lets each active inhibitory input
*subtract one* from the count instead. Nothing is learned: :func:`find_mcculloch_pitts`
tries every wiring and threshold to build a target gate, or proves that none exists.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rna_core.neurons.truth_tables import (
    NeuronInputError,
    TruthTable,
    _check_n_inputs,
    binary_inputs,
    identify_gate,
    is_linearly_separable,
)

#: The two ways an inhibitory input can act on an M–P neuron.
INHIBITION_MODES: tuple[str, ...] = ("absolute", "subtractive")

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
