"""Chart builders of the foundation pages: valid Vega-Lite, and every named data set attached."""

from __future__ import annotations

import json

import pytest

from rna_core.charts import activations as act
from rna_core.charts import costs
from rna_core.charts import output_layers as out
from rna_core.charts.named_data import attach
from rna_core.descent import gradient_descent


def named_sources(spec: object) -> set[str]:
    """Every ``{"data": {"name": ...}}`` a spec reads."""
    text = json.dumps(spec)
    found = set()
    for chunk in text.split('"data": {"name": "')[1:]:
        found.add(chunk.split('"', 1)[0])
    return found


CASES = [
    (act.activation_chart(["Sigmoid", "ReLU"], "df", "f'", "Activation"),
     act.activation_curves(["sigmoid", "relu"], -5, 5, 0.2, ["Sigmoid", "ReLU"])),
    (costs.bce_chart("y=1", "y=0", "ŷ", "cost"), costs.bce_data(0.0, "y=1", "y=0")),
    (costs.example_cost_chart("#", "cost"), costs.example_cost_data([1, 0], [0.9, 0.2], [0.1, 0.2], 0.15, "mean")),
    (costs.regression_chart("x", "y"), costs.regression_data(0.5, 2.0)),
    (costs.descent_chart("w", "J", "step"), costs.descent_data("convex", gradient_descent("convex", -2, 1.5, 30))),
    (out.output_chart("out", "out", "truth"), out.output_data(["a", "b"], [0.2, 0.8], [0, 1])),
]


@pytest.mark.parametrize("chart, data", CASES, ids=[chart.__class__.__name__ + str(i) for i, (chart, _) in enumerate(CASES)])
def test_specs_are_valid_and_every_named_source_is_attached(chart, data):
    spec = chart.to_dict()  # Altair validates against the Vega-Lite schema here
    assert named_sources(spec) == set(data)
    full = attach(spec, **data)
    assert set(full["datasets"]) == set(data)
    assert "datasets" not in spec  # attach copies, the cached template stays clean


def test_bce_marks_stay_on_the_chart_and_report_the_true_cost():
    marks = costs.bce_data(0.0, "y=1", "y=0")["bce_marks"]
    assert marks["cost"].max() <= 5.5  # drawn at the top edge
    assert marks["value"].iloc[0] > 30  # -log(eps): large but finite


def test_divergent_walk_is_drawn_inside_a_wider_view():
    result = gradient_descent("convex", -2, 1.5, 30)
    data = costs.descent_data("convex", result)
    assert data["curve"]["w"].min() < -3 and data["curve"]["w"].max() > 5
    assert data["path"]["w"].between(data["curve"]["w"].min(), data["curve"]["w"].max()).all()


def test_paired_data_puts_two_bars_per_class_in_series_order() -> None:
    from rna_core.charts.output_layers import paired_data

    frame = paired_data(["a", "b"], ("model", "loss"), [0.1, 0.9], [0.3, 0.7])["paired"]
    assert frame.to_dict("list") == {"class": ["a", "b", "a", "b"], "series": ["model", "model", "loss", "loss"],
                                      "value": [0.1, 0.9, 0.3, 0.7]}
    with pytest.raises(ValueError, match="one value per class"):
        paired_data(["a", "b"], ("model", "loss"), [0.1], [0.3, 0.7])


def test_localize_gives_spanish_charts_decimal_commas_and_leaves_english_alone() -> None:
    import altair as alt
    import pandas as pd

    from rna_core.charts import localize

    chart = alt.Chart(pd.DataFrame({"x": [0.5, 1.5]})).mark_bar().encode(x="x:Q").configure_view(strokeWidth=0)
    spanish = localize(chart, "es").to_dict()
    assert spanish["config"]["locale"]["number"]["decimal"] == ","
    assert spanish["config"]["view"]["strokeWidth"] == 0  # the chart's own config is kept
    assert "locale" not in chart.to_dict().get("config", {})  # the original is not changed
    assert localize(chart, "en") is chart
    spec = {"mark": "bar", "config": {"axis": {"grid": False}}}
    localized = localize(spec, "es")
    assert localized["config"] == {"axis": {"grid": False}, "locale": {"number": localized["config"]["locale"]["number"]}}
    assert localized["config"]["locale"]["number"]["thousands"] == "."
    assert spec == {"mark": "bar", "config": {"axis": {"grid": False}}}
