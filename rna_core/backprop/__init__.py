"""Backpropagation with every number visible: a small network's trace and gradient flow in depth.

* :mod:`rna_core.backprop.network` — the network (weights in Keras's layout, activations,
  loss) and the validation of the numbers a student types.
* :mod:`rna_core.backprop.trace` — forward pass, backward pass (the chain rule), update,
  finite-difference check.
* :mod:`rna_core.backprop.explain` — the same numbers as LaTeX and as a Graphviz diagram.
* :mod:`rna_core.backprop.depth` — gradient norms per layer of a deep network for each
  activation and initialisation.
"""

from rna_core.backprop.network import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_PAIRS,
    BackpropInputError,
    Network,
    parse_example,
    parse_network,
)
from rna_core.backprop.trace import (
    STAGES,
    BackwardPass,
    ForwardPass,
    StepTrace,
    backward,
    forward,
    numerical_gradients,
    stage_at,
    train_steps,
    update,
)

__all__ = [
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_PAIRS",
    "STAGES",
    "BackpropInputError",
    "BackwardPass",
    "ForwardPass",
    "Network",
    "StepTrace",
    "backward",
    "forward",
    "numerical_gradients",
    "parse_example",
    "parse_network",
    "stage_at",
    "train_steps",
    "update",
]
