"""The formulas the pages write on screen (LaTeX), one home for each, with Keras's names.

Pages show these with ``st.latex`` next to the chart they explain. Code and LaTeX keep
decimal points in every language, so these strings are not translated; the words around
them are (``rna_core.i18n``).

Also here: the weights a moving average gives to past values
(:func:`moving_average_weights`), behind the rule of thumb "β = 0.9 averages about
1/(1 − β) = 10 steps".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

__all__ = [
    "ACTIVATION_LATEX",
    "GD_UPDATE_LATEX",
    "MSE_LATEX",
    "OPTIMIZER_LATEX",
    "SOFTMAX_LATEX",
    "effective_window",
    "moving_average_weights",
]

#: ``name -> (f(z), f'(z))`` for every activation of ``rna_core.activations.ACTIVATIONS``
#: (the slope at a kink is the left one, as the registry computes it).
ACTIVATION_LATEX: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "heaviside": (
            r"H(z) = \begin{cases} 1 & z \ge 0 \\ 0 & z < 0 \end{cases}",
            r"H'(z) = 0 \quad (z \ne 0)",
        ),
        "sign": (
            r"\operatorname{sign}(z) = \begin{cases} 1 & z > 0 \\ 0 & z = 0 \\ -1 & z < 0 \end{cases}",
            r"\operatorname{sign}'(z) = 0 \quad (z \ne 0)",
        ),
        "sigmoid": (
            r"\sigma(z) = \frac{1}{1 + e^{-z}}",
            r"\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big) \le 0.25",
        ),
        "tanh": (
            r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
            r"\tanh'(z) = 1 - \tanh^2(z) \le 1",
        ),
        "relu": (
            r"\operatorname{ReLU}(z) = \max(0, z)",
            r"\operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}",
        ),
        "leaky_relu": (
            r"\operatorname{LeakyReLU}(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}",
            r"\operatorname{LeakyReLU}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}",
        ),
        "elu": (
            r"\operatorname{ELU}(z) = \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}",
            r"\operatorname{ELU}'(z) = \begin{cases} 1 & z > 0 \\ \alpha\, e^{z} & z \le 0 \end{cases}",
        ),
        "linear": (r"f(z) = z", r"f'(z) = 1"),
    }
)

#: Softmax over the K logits of a layer, with the temperature T the activations page uses.
SOFTMAX_LATEX = r"\hat y_j = \operatorname{softmax}(z)_j = \frac{e^{z_j / T}}{\sum_{k=1}^{K} e^{z_k / T}}"

#: Mean squared error of a line over m examples.
MSE_LATEX = (
    r"\mathrm{MSE} = J(w, b) = \frac{1}{m}\sum_{i=1}^{m}\big(\hat y^{(i)} - y^{(i)}\big)^2,"
    r"\qquad \hat y^{(i)} = w\,x^{(i)} + b"
)

#: One step of gradient descent on a single weight.
GD_UPDATE_LATEX = r"w_{k+1} = w_k - \eta\, J'(w_k)"

#: Update rules as Keras writes them (``g`` the gradient, ``learning_rate`` η, the state
#: in the variables Keras names ``momentums`` and ``velocities``). Adam's bias correction
#: comes in two equivalent forms: the paper's m̂, v̂ and Keras's folded step size α_t.
OPTIMIZER_LATEX: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sgd": (r"w \leftarrow w - \eta\, g",),
        "momentum": (
            r"\mathtt{momentums} \leftarrow \mathtt{momentum}\cdot\mathtt{momentums} - \eta\, g",
            r"w \leftarrow w + \mathtt{momentums}",
        ),
        "rmsprop": (
            r"\mathtt{velocities} \leftarrow \rho\cdot\mathtt{velocities} + (1 - \rho)\, g^2",
            r"w \leftarrow w - \frac{\eta\, g}{\sqrt{\mathtt{velocities} + \epsilon}}",
        ),
        "adam": (
            r"m \leftarrow \beta_1 m + (1 - \beta_1)\, g \qquad (\mathtt{momentums})",
            r"v \leftarrow \beta_2 v + (1 - \beta_2)\, g^2 \qquad (\mathtt{velocities})",
            r"\hat m = \frac{m}{1 - \beta_1^{\,t}}, \qquad \hat v = \frac{v}{1 - \beta_2^{\,t}}, \qquad "
            r"w \leftarrow w - \eta\,\frac{\hat m}{\sqrt{\hat v} + \hat\epsilon}",
            r"\text{Keras: }\alpha_t = \eta\,\frac{\sqrt{1 - \beta_2^{\,t}}}{1 - \beta_1^{\,t}}, \qquad "
            r"w \leftarrow w - \alpha_t\,\frac{m}{\sqrt{v} + \epsilon}",
        ),
    }
)


def effective_window(beta: float) -> float:
    """How many recent values a moving average with discount ``beta`` roughly averages: ``1 / (1 - beta)``.

    Raises
    ------
    ValueError
        Unless ``0 <= beta < 1``.
    """
    beta = float(beta)
    if not 0.0 <= beta < 1.0:
        raise ValueError("The discount β must be at least 0 and smaller than 1.")
    return 1.0 / (1.0 - beta)


def moving_average_weights(beta: float, steps: int = 40) -> pd.DataFrame:
    """The weight the moving average ``a ← β·a + (1 − β)·x`` gives to each past value.

    After many steps, the value seen ``k`` steps ago counts ``(1 − β)·β^k``: the weights
    shrink geometrically and add up to 1. About ``1 / (1 − β)`` of the most recent values
    carry most of it (for β = 0.9 the last 10 hold 1 − 0.9¹⁰ ≈ 65 %).

    Parameters
    ----------
    beta : float
        The discount, ``0 <= beta < 1`` (Momentum's ``momentum``, RMSprop's ``rho``,
        Adam's ``beta_1`` and ``beta_2``).
    steps : int
        How many past values to list, at least 1.

    Returns
    -------
    pandas.DataFrame
        ``steps_ago`` (0 = the current gradient), ``weight``, and ``inside`` (whether the
        value is among the ``1 / (1 − β)`` most recent ones).
    """
    window = effective_window(beta)
    if int(steps) != steps or steps < 1:
        raise ValueError("The number of steps must be a whole number, at least 1.")
    ago = np.arange(int(steps))
    weights = (1.0 - beta) * beta**ago
    return pd.DataFrame({"steps_ago": ago, "weight": weights, "inside": ago < round(window)})
