"""Altair chart builders: pure functions from DataFrames (or arrays) to charts.

One module per topic (``rna_core.charts.neurons``, ...). Shared look lives here.
"""

from __future__ import annotations

#: Colour of class 0 / class 1 points and of the main series, shared by every chart.
CLASS_COLORS: tuple[str, str] = ("#4C78A8", "#E4572E")
#: Categorical palette for several series (racers, activations, runs).
PALETTE: tuple[str, ...] = (
    "#4C78A8", "#E4572E", "#54A24B", "#B279A2", "#F2A541", "#17BECF", "#9D755D", "#7F7F7F",
)
