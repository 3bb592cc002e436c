"""Altair chart builders: pure functions from DataFrames (or arrays) to charts.

One module per topic (``rna_core.charts.neurons``, ...). Shared look lives here.
"""

from __future__ import annotations

from typing import Any

#: Colour of class 0 / class 1 points and of the main series, shared by every chart.
CLASS_COLORS: tuple[str, str] = ("#4C78A8", "#E4572E")
#: Categorical palette for several series (racers, activations, runs).
PALETTE: tuple[str, ...] = (
    "#4C78A8", "#E4572E", "#54A24B", "#B279A2", "#F2A541", "#17BECF", "#9D755D", "#7F7F7F",
)

#: Vega number formatting per language (d3-format locale): Spanish writes 0,5 and 60.000.
NUMBER_LOCALES: dict[str, dict[str, object]] = {
    "es": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"], "percent": "\u00a0%"},
}


def localize(chart: Any, lang: str) -> Any:
    """A copy of ``chart`` whose axes, legends and tooltips write numbers the ``lang`` way.

    Parameters
    ----------
    chart : altair.TopLevelMixin or dict
        An Altair chart or a Vega-Lite spec (a dict, as ``chart.to_dict()`` gives).
    lang : str
        Language code; languages that write numbers the English way get ``chart`` back.

    Returns
    -------
    Same type as ``chart``
        With ``config.locale.number`` set (Vega-Lite's number locale).
    """
    number = NUMBER_LOCALES.get(lang)
    if number is None:
        return chart
    if isinstance(chart, dict):
        config = dict(chart.get("config", {}))
        config["locale"] = {**config.get("locale", {}), "number": number}
        return {**chart, "config": config}
    import altair as alt

    localized = chart.copy(deep=False)
    config = localized.config if localized.config is not alt.Undefined else alt.Config()
    localized.config = alt.Config(**{**config.to_dict(), "locale": {"number": number}})
    return localized
