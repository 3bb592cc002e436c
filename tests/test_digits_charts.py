"""rna_core.charts.draw: the Draw-a-digit page's charts."""

from __future__ import annotations

import numpy as np
import pytest


def test_chart_builders_give_vega_lite_specs() -> None:
    from rna_core.charts import draw as charts

    probabilities = np.array([0.005, 0.9, 0.02, 0.075, 0, 0, 0, 0, 0, 0])
    frame = charts.probability_frame(probabilities)
    assert frame["predicted"].tolist() == [d == 1 for d in range(10)]
    assert frame["label"].tolist()[:4] == ["", "90%", "2%", "8%"]
    spec = charts.probability_chart(probabilities, "Digit", "Probability").to_dict()
    assert len(spec["layer"]) == 2
    with pytest.raises(ValueError, match="ten probabilities"):
        charts.probability_frame(np.ones(3) / 3)
    layers = [np.arange(120, dtype=float), np.zeros(30), np.eye(10)[3]]
    strips = charts.activation_frame(layers, ["h1", "h2", "out"])
    assert len(strips) == 160 and strips["row"].max() == 2  # 120 cells in rows of 50
    assert strips.loc[strips["layer"] == "h2", "level"].eq(0).all()  # a silent layer stays dark
    assert len(charts.activation_strips(layers, ["h1", "h2", "out"], "a", "n").to_dict()["vconcat"]) == 3


def test_the_probability_spec_is_the_chart_without_its_data() -> None:
    import altair as alt

    from rna_core.charts import draw as charts

    spec = charts.probability_spec("Dígito", "Probabilidad", "es")
    assert "data" not in spec and "datasets" not in spec  # the page sends the data on its own
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec == charts.probability_spec("Dígito", "Probabilidad", "es")  # the same on every stroke
    spec["layer"].clear()
    assert charts.probability_spec("Dígito", "Probabilidad", "es")["layer"]  # callers get their own copy
    frame = charts.probability_frame(np.eye(10)[3] * 0.9 + 0.01)
    full = {**charts.probability_spec("Digit", "Probability", "en"), "data": {"values": frame.to_dict("records")}}
    alt.LayerChart.from_dict(full)  # a valid Vega-Lite chart once the data is attached
    fields = {layer["encoding"]["x"]["field"] for layer in full["layer"]} | {full["layer"][0]["encoding"]["y"]["field"]}
    assert fields <= set(frame.columns)
