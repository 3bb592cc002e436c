"""Widgets that write their numbers the session language's way (Spanish: ``0,25``), and
widgets whose value lives in session state.

``st.slider``'s ``format`` is a printf pattern, or ``"localized"``, which follows the
*browser's* locale rather than the language chosen in the app; a slider over a list of
values with ``format_func`` (``st.select_slider``) writes each value with
:meth:`~rna_core.i18n.Translator.num` instead.

A widget whose value a page sets through ``st.session_state`` (from a shared link, a
callback) should also get that value as its default (:func:`shown`, :func:`shown_index`):
a busy browser that has not drawn the widget yet when the next run's update arrives mounts
it with its *default* and sends that back, silently undoing the value (seen in the
Playground: the chosen features came back empty on a loaded 2-core machine).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from rna_core.i18n import Translator


def shown(key: str) -> Any:
    """The value the widget ``key`` shows now, to pass as its default (see the module's note)."""
    return st.session_state[key]


def shown_index(key: str, options: Sequence) -> int:
    """Position of the option the widget ``key`` shows now among ``options`` (0 if absent)."""
    options = list(options)
    value = st.session_state.get(key)
    return options.index(value) if value in options else 0


def decimal_slider(
    tr: Translator,
    label: str,
    low: float,
    high: float,
    value: float,
    step: float,
    *,
    key: str,
    help: str | None = None,  # noqa: A002 - Streamlit's name
    container: object = st,
) -> float:
    """A slider from ``low`` to ``high`` by ``step`` whose numbers follow the session's language.

    Parameters
    ----------
    tr : Translator
        The session's translator (its language decides the decimal separator).
    label, help, key : str
        As for ``st.slider``.
    low, high, value, step : float
        Range, initial value (rounded to the step's decimals) and step, all > 0 apart.
    container : object
        Where to draw it (``st``, a column, the sidebar).

    Returns
    -------
    float
        The chosen value, rounded to the step's decimals.
    """
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    count = int(round((high - low) / step))
    options = [round(low + i * step, decimals) for i in range(count + 1)]
    start = min(options, key=lambda option: abs(option - value))
    return container.select_slider(
        label, options, start, format_func=lambda v: tr.num(v, f".{decimals}f"), key=key, help=help
    )


def number_table(tr: Translator, frame: pd.DataFrame, precision: int = 3, formats: dict[str, str] | None = None) -> Styler:
    """``frame`` styled so ``st.dataframe`` writes its decimal numbers the session language's way.

    The cells keep their numbers (columns still sort as numbers); only what is shown
    changes: float columns with ``precision`` decimals, or with the format spec that
    ``formats`` gives for that column (``{"seconds": ",.1f", "learning_rate": "g"}``),
    written by :meth:`~rna_core.i18n.Translator.num` (Spanish: ``0,250``, ``1.234,5``).
    Missing values show as a dash.
    """
    formats = formats or {}
    specs = {column: formats.get(column, f".{precision}f") for column in frame.columns
             if column in formats or pd.api.types.is_float_dtype(frame[column])}
    formatter = {column: (lambda value, spec=spec: tr.num(value, spec)) for column, spec in specs.items()}
    return frame.style.format(formatter, na_rep="—")
