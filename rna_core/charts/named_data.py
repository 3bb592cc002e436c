"""Altair specs whose data is attached at render time (fast reruns).

Building an Altair chart costs tens of milliseconds (object copies and schema
validation), too much to redo on every slider move. The foundation pages therefore
build each chart once per *structure* (language, legend entries, titles) with
:class:`altair.NamedData` sources, keep the resulting Vega-Lite dict in a cache, and
attach the data of the current rerun with :func:`attach`, which costs microseconds.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["attach"]


def attach(spec: Mapping[str, object], **frames: pd.DataFrame) -> dict[str, object]:
    """Return a copy of the Vega-Lite ``spec`` with its named data sets filled in.

    Parameters
    ----------
    spec : mapping
        A Vega-Lite dict (``chart.to_dict()``) whose layers read ``{"name": ...}`` data.
    **frames
        One DataFrame per data name used in the spec.

    Returns
    -------
    dict
        The spec with a top-level ``datasets`` entry; Streamlit's ``st.vega_lite_chart``
        sends each DataFrame to the browser as Arrow.
    """
    datasets = dict(spec.get("datasets", {}))  # type: ignore[arg-type]
    datasets.update(frames)
    return {**spec, "datasets": datasets}
