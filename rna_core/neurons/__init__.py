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

from rna_core.neurons.mcculloch_pitts import (
    INHIBITION_MODES,
    McCullochPitts,
    MPSearchResult,
    find_mcculloch_pitts,
)
from rna_core.neurons.perceptron import (
    MAX_PERCEPTRON_EPOCHS,
    PERCEPTRON_ACTIVATIONS,
    Perceptron,
    PerceptronStep,
    PerceptronTraining,
    train_perceptron,
    update_rule_latex,
)
from rna_core.neurons.truth_tables import (
    GATES,
    MAX_INPUTS,
    NeuronInputError,
    TruthTable,
    binary_inputs,
    custom_table,
    gate,
    identify_gate,
    is_linearly_separable,
)

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
