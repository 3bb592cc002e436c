"""rna_core.charts.backprop: valid Vega-Lite specs whose named data the page attaches."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from rna_core.backprop.depth import flow_overview, gradient_flow
from rna_core.backprop.explain import output_delta_curves
from rna_core.charts import backprop as charts
from rna_core.charts.named_data import attach

FLOW = gradient_flow("relu", "he", depth=6, width=16, steps=2)
FLOW_LABELS = {"healthy": "healthy", "vanishing": "vanishing", "exploding": "exploding", "none": "none"}
CASES = [
    (charts.output_delta_chart(("binary_crossentropy", "mean_squared_error"), "ŷ", "|δ|", "title"),
     {"delta_curves": output_delta_curves(1.0),
      "delta_marks": pd.DataFrame({"y_hat": [0.3], "loss": ["binary_crossentropy"], "delta": [0.7]})}),
    (charts.flow_chart(("start", "after"), "layer", "norm"), {"flow": FLOW.norms}),
    (charts.units_chart("unit", "example", "a", "title"), {"units": FLOW.units}),
    (charts.overview_chart("init", "activation", "flow", FLOW_LABELS),
     {"overview": flow_overview(6, 16).assign(flow_label=lambda frame: frame["flow"])}),
]


@pytest.mark.parametrize(("chart", "data"), CASES, ids=["delta", "flow", "units", "overview"])
def test_specs_are_valid_and_read_the_attached_data(chart, data):
    spec = chart.to_dict()  # Altair validates against the Vega-Lite schema here
    text = json.dumps(spec)
    names = {chunk.split('"', 1)[0] for chunk in text.split('"data": {"name": "')[1:]}
    assert names == set(data)
    assert set(attach(spec, **data)["datasets"]) == set(data)
