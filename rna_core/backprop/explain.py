"""The numbers of a backpropagation step written out: LaTeX with the chain rule's factors, a table.

Everything here only formats what :mod:`rna_core.backprop.trace` computed; nothing is
recomputed, so what the page shows is exactly what the tests check. Colours tie the
formulas to the diagram (:mod:`rna_core.backprop.diagram`): forward quantities (``z``,
``a``) in blue, error terms ``δ`` in orange, gradients in green.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rna_core.backprop.network import Network
from rna_core.backprop.trace import BackwardPass, ForwardPass, numerical_gradients
from rna_core.charts import PALETTE

__all__ = [
    "COLORS",
    "backward_latex",
    "forward_latex",
    "gradient_table",
    "output_delta_curves",
    "output_deltas",
    "pairing_latex",
    "parameter_name",
    "tex_number",
    "update_latex",
]

#: Colour of each kind of quantity, shared by the formulas and the diagram.
COLORS: dict[str, str] = {"forward": PALETTE[0], "delta": PALETTE[1], "gradient": PALETTE[2]}
_ACTIVATION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}",
                   "leaky_relu": r"\mathrm{LReLU}", "linear": r"\mathrm{id}", "softmax": r"\mathrm{softmax}"}
_DELTA = r"\delta"
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def tex_number(value: float, digits: int = 4) -> str:
    """A number for LaTeX: ``digits`` significant figures, ``×10^{n}`` for tiny or huge ones."""
    text = f"{float(value):.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa}\times 10^{{{int(exponent)}}}"
    return text


def _factor(value: float) -> str:
    """A number as a factor of a product: negative numbers in brackets."""
    text = tex_number(value)
    return f"({text})" if value < 0 else text


def _colored(kind: str, tex: str) -> str:
    return rf"\textcolor{{{COLORS[kind]}}}{{{tex}}}"


def _unit(network: Network, layer: int, unit: int, symbol: str = "a") -> str:
    """LaTeX name of a unit's value: ``x_1`` (inputs), ``a^{(1)}_2`` (hidden), ``\\hat y`` (output)."""
    if layer == 0:
        return f"x_{{{unit + 1}}}"
    if symbol == "a" and layer == network.depth:
        return r"\hat y" if network.layer_sizes[-1] == 1 else rf"\hat y_{{{unit + 1}}}"
    return rf"{symbol}^{{({layer})}}_{{{unit + 1}}}"


def parameter_name(kind: str, layer: int, index: tuple[int, ...]) -> str:
    """Plain-text name of a parameter: ``w¹₁₂`` (layer 1, from unit 1 to unit 2), ``b²₁``."""
    return kind + str(layer).translate(_SUPERSCRIPTS) + "".join(str(i + 1) for i in index).translate(_SUBSCRIPTS)


def _tex_parameter(kind: str, layer: int, index: tuple[int, ...]) -> str:
    return rf"{kind}^{{({layer})}}_{{{''.join(str(i + 1) for i in index)}}}"


def _aligned(lines: list[str]) -> str:
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def forward_latex(network: Network, passed: ForwardPass, y: np.ndarray) -> str:
    """The forward pass of one example: each unit's aggregation function and activation, then the loss.

    Returns
    -------
    str
        One ``aligned`` LaTeX block, a line per unit: ``z = Σ w·a + b = ... = value,
        a = f(z) = value``.
    """
    lines = []
    for layer in range(1, network.depth + 1):
        w, b = network.weights[layer - 1], network.biases[layer - 1]
        inputs, z, a = passed.a[layer - 1][0], passed.z[layer - 1][0], passed.a[layer][0]
        f = _ACTIVATION_TEX[network.activation_of(layer)]
        for j in range(w.shape[1]):
            symbols = " + ".join(f"{_tex_parameter('w', layer, (i, j))}{_unit(network, layer - 1, i)}"
                                 for i in range(w.shape[0]))
            numbers = " + ".join(rf"{_factor(w[i, j])}\cdot {_factor(inputs[i])}" for i in range(w.shape[0]))
            z_name, a_name = _unit(network, layer, j, "z"), _unit(network, layer, j)
            lines.append(
                rf"{z_name} &= {symbols} + {_tex_parameter('b', layer, (j,))} = {numbers} + {_factor(b[j])}"
                rf" = {_colored('forward', tex_number(z[j]))}"
                rf",\quad {a_name} = {f}({tex_number(z[j])}) = {_colored('forward', tex_number(a[j]))}"
            )
    lines.append(rf"L &= {_loss_tex(network, passed.output[0], y[0])} = {_colored('forward', tex_number(passed.loss))}")
    return _aligned(lines)


def _loss_tex(network: Network, output: np.ndarray, target: np.ndarray) -> str:
    if network.loss == "binary_crossentropy":
        p, t = tex_number(output[0]), tex_number(target[0])
        return rf"-\big[y\log\hat y + (1-y)\log(1-\hat y)\big] = -\big[{t}\log {p} + (1-{t})\log(1-{p})\big]"
    if network.loss == "mean_squared_error" and output.size == 1:
        return rf"(\hat y - y)^2 = ({tex_number(output[0])} - {_factor(target[0])})^2"
    if network.loss == "mean_squared_error":
        return r"\tfrac{1}{n}\sum_j (\hat y_j - y_j)^2"
    return r"-\sum_j y_j \log \hat y_j"


def _output_delta_line(network: Network, passed: ForwardPass, gradients: BackwardPass, y: np.ndarray, j: int) -> str:
    delta = _colored("delta", tex_number(gradients.deltas[-1][0, j]))
    name = _unit(network, network.depth, j, _DELTA)
    f = _ACTIVATION_TEX[network.output_activation]
    if network.output_activation == "softmax" or network.loss == "binary_crossentropy":
        # sigmoid + cross-entropy: dL/dŷ = (ŷ - y) / (ŷ(1 - ŷ)) and σ' = ŷ(1 - ŷ) cancel
        return (rf"{name} &= \frac{{\partial L}}{{\partial \hat y}}\cdot {f}'(z) = \hat y - y"
                rf" = {tex_number(passed.output[0, j])} - {_factor(y[0, j])} = {delta}")
    return (rf"{name} &= \frac{{\partial L}}{{\partial \hat y}}\cdot {f}'(z) = "
            rf"{_factor(gradients.loss_slope[0, j])}\cdot {_factor(gradients.slopes[-1][0, j])} = {delta}")


def backward_latex(network: Network, passed: ForwardPass, gradients: BackwardPass, y: np.ndarray) -> str:
    """The backward pass of one example: every ``δ`` and every gradient as a product of numbers.

    Returns
    -------
    str
        One ``aligned`` LaTeX block: the output ``δ``, each hidden ``δ = (Σ w·δ) f'(z)``,
        then ``∂L/∂w = δ · a`` and ``∂L/∂b = δ`` for every parameter, last layer first.
    """
    lines = [_output_delta_line(network, passed, gradients, y, j) for j in range(network.layer_sizes[-1])]
    for layer in range(network.depth - 1, 0, -1):
        w_next, deltas_next = network.weights[layer], gradients.deltas[layer][0]
        f = _ACTIVATION_TEX[network.hidden_activation]
        for j in range(w_next.shape[0]):
            terms = " + ".join(rf"{_factor(w_next[j, k])}\cdot {_colored('delta', _factor(deltas_next[k]))}"
                               for k in range(w_next.shape[1]))
            symbols = " + ".join(rf"{_tex_parameter('w', layer + 1, (j, k))}{_unit(network, layer + 1, k, _DELTA)}"
                                 for k in range(w_next.shape[1]))
            lines.append(
                rf"{_unit(network, layer, j, _DELTA)} &= \big({symbols}\big)\,{f}'({_unit(network, layer, j, 'z')})"
                rf" = \big({terms}\big)\cdot {_factor(gradients.slopes[layer - 1][0, j])}"
                rf" = {_colored('delta', tex_number(gradients.deltas[layer - 1][0, j]))}"
            )
    for layer in range(network.depth, 0, -1):
        grad_w, deltas = gradients.weight_gradients[layer - 1], gradients.deltas[layer - 1][0]
        inputs = passed.a[layer - 1][0]
        for i in range(grad_w.shape[0]):
            for j in range(grad_w.shape[1]):
                lines.append(
                    rf"\frac{{\partial L}}{{\partial {_tex_parameter('w', layer, (i, j))}}} &= "
                    rf"{_unit(network, layer, j, _DELTA)}\cdot {_unit(network, layer - 1, i)} = "
                    rf"{_colored('delta', _factor(deltas[j]))}\cdot {_colored('forward', _factor(inputs[i]))}"
                    rf" = {_colored('gradient', tex_number(grad_w[i, j]))}"
                )
        for j in range(grad_w.shape[1]):
            lines.append(
                rf"\frac{{\partial L}}{{\partial {_tex_parameter('b', layer, (j,))}}} &= "
                rf"{_unit(network, layer, j, _DELTA)} = "
                rf"{_colored('gradient', tex_number(gradients.bias_gradients[layer - 1][j]))}"
            )
    return _aligned(lines)


def update_latex(network: Network, gradients: BackwardPass, updated: Network, learning_rate: float) -> str:
    """``w ← w − η · ∂L/∂w`` with the numbers, for every parameter."""
    lines = []
    new_values = {(kind, layer, index): value for kind, layer, index, value in updated.parameters()}
    for kind, layer, index, value in network.parameters():
        source = gradients.weight_gradients if kind == "w" else gradients.bias_gradients
        gradient = source[layer - 1][index]
        lines.append(
            rf"{_tex_parameter(kind, layer, index)} &\leftarrow {tex_number(value)} - {tex_number(learning_rate)}"
            rf"\cdot {_colored('gradient', _factor(gradient))} = {tex_number(new_values[kind, layer, index])}"
        )
    return _aligned(lines)


def gradient_table(network: Network, x: np.ndarray, y: np.ndarray, gradients: BackwardPass,
                   updated: Network) -> pd.DataFrame:
    """Every parameter with its backpropagated gradient, its finite-difference estimate and its update.

    Returns
    -------
    pandas.DataFrame
        ``parameter`` (``w¹₁₂``), ``value``, ``backprop``, ``finite_difference``,
        ``relative_difference`` (``|bp - fd| / max(|bp|, |fd|)``, 0 when both are 0) and
        ``new_value``.
    """
    numeric_w, numeric_b = numerical_gradients(network, x, y)
    new_values = [value for *_, value in updated.parameters()]
    rows = []
    for (kind, layer, index, value), new_value in zip(network.parameters(), new_values, strict=True):
        exact = (gradients.weight_gradients if kind == "w" else gradients.bias_gradients)[layer - 1][index]
        estimate = (numeric_w if kind == "w" else numeric_b)[layer - 1][index]
        scale = max(abs(exact), abs(estimate))
        rows.append({"parameter": parameter_name(kind, layer, index), "value": value, "backprop": float(exact),
                     "finite_difference": float(estimate),
                     "relative_difference": float(abs(exact - estimate) / scale) if scale > 0 else 0.0,
                     "new_value": new_value})
    return pd.DataFrame(rows)


def output_deltas(y_hat: float, y: float) -> dict[str, float]:
    """The output ``δ`` of a sigmoid unit with each loss: ``ŷ − y`` and ``2(ŷ − y) ŷ(1 − ŷ)``.

    With mean squared error the extra factor ``σ'(z) = ŷ(1 − ŷ)`` is near 0 whenever the
    sigmoid is sure, *even when it is surely wrong*: the unit then hardly learns. With
    cross-entropy the factor cancels and a big mistake gives a big ``δ``.
    """
    slope = y_hat * (1.0 - y_hat)
    return {"binary_crossentropy": y_hat - y, "mean_squared_error": 2.0 * (y_hat - y) * slope, "slope": slope}


def pairing_latex(y_hat: float, y: float) -> str:
    """The output ``δ`` of a sigmoid unit written out for both losses, with the numbers."""
    deltas = output_deltas(y_hat, y)
    p, t = tex_number(y_hat), tex_number(y)
    return (rf"\text{{BCE: }}\ \delta = \hat y - y = {p} - {_factor(y)} = "
            rf"{_colored('delta', tex_number(deltas['binary_crossentropy']))} \\ "
            rf"\text{{MSE: }}\ \delta = 2(\hat y - y)\,\hat y(1-\hat y) = 2({p} - {t})\cdot {tex_number(deltas['slope'])}"
            rf" = {_colored('delta', tex_number(deltas['mean_squared_error']))}")


def output_delta_curves(y: float, points: int = 101) -> pd.DataFrame:
    """``|δ|`` of a sigmoid output against ``ŷ`` for both losses: columns ``y_hat, loss, delta``."""
    grid = np.linspace(0.0, 1.0, points)
    deltas = output_deltas(grid, y)  # type: ignore[arg-type]  (works element by element)
    return pd.concat([pd.DataFrame({"y_hat": grid, "loss": name, "delta": np.abs(deltas[name])})
                      for name in ("binary_crossentropy", "mean_squared_error")], ignore_index=True)
