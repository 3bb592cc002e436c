"""A neuron's formula written out with its current weights, as LaTeX (decimal points)."""

from __future__ import annotations

from rna_core.playground.features import FEATURES
from rna_core.playground.network import Network

__all__ = ["neuron_latex", "neurons_of"]

_WRAP = {
    "relu": (r"\max\left(0,\; ", r"\right)"),
    "tanh": (r"\tanh\left(", r"\right)"),
    "sigmoid": (r"\sigma\left(", r"\right)"),
    "linear": ("", ""),
}


def neurons_of(network: Network) -> list[tuple[int, int]]:
    """Every neuron that has weights, as ``(layer, index)``: layer 1 is the first hidden
    layer, the last layer is the output."""
    return [(layer, index) for layer, W in enumerate(network.weights, start=1) for index in range(W.shape[1])]


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def neuron_latex(network: Network, layer: int, index: int, digits: int = 2) -> str:
    """The neuron's output as a formula of its inputs, with the weights and bias it has now.

    Parameters
    ----------
    network : Network
    layer : int
        1 for the first hidden layer, ``len(network.layers) + 1`` for the output layer.
    index : int
        Neuron within the layer, from 0.
    digits : int
        Decimals shown.

    Returns
    -------
    str
        LaTeX such as ``a^{(1)}_{2} = \\tanh\\left(0.53\\,x_1 - 1.20\\,x_2 + 0.10\\right)``.
    """
    if not 1 <= layer <= len(network.weights) or not 0 <= index < network.weights[layer - 1].shape[1]:
        raise ValueError(f"There is no neuron {index + 1} in layer {layer}.")
    W, b = network.weights[layer - 1], network.biases[layer - 1]
    if layer == 1:
        inputs = [FEATURES[name].latex for name in network.features]
    else:
        inputs = [f"a^{{({layer - 1})}}_{{{j + 1}}}" for j in range(W.shape[0])]
    terms = []
    for j, name in enumerate(inputs):
        w = float(W[j, index])
        sign = "-" if w < 0 else "+"
        terms.append(f"{sign} {_number(abs(w), digits)}\\,{name}")
    bias = float(b[index])
    terms.append(f"{'-' if bias < 0 else '+'} {_number(abs(bias), digits)}")
    total = " ".join(terms)
    total = total[2:] if total.startswith("+ ") else "-" + total[2:]
    is_output = layer == len(network.weights)
    if not is_output:
        left, right = _WRAP[network.activation]
        return f"a^{{({layer})}}_{{{index + 1}}} = {left}{total}{right}"
    if network.output_activation == "softmax":
        return f"z_{{{index + 1}}} = {total}, \\quad \\hat{{y}}_{{{index + 1}}} = \\frac{{e^{{z_{{{index + 1}}}}}}}{{\\sum_k e^{{z_k}}}}"
    left, right = _WRAP[network.output_activation]
    return f"\\hat{{y}} = {left}{total}{right}"
