"""rna_ui.widgets: numbers shown the session language's way."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rna_core.i18n import Translator
from rna_ui.widgets import number_table


def test_number_table_writes_spanish_decimals_and_keeps_numbers():
    frame = pd.DataFrame({"digit": [0, 1], "recall": [0.25, 0.5], "seconds": [1234.5, np.nan]})
    styled = number_table(Translator("es"), frame, 3, {"seconds": ",.1f"})
    html = styled.to_html()
    assert "0,250" in html and "1.234,5" in html and "—" in html
    assert styled.data["recall"].dtype == float  # the cells still sort as numbers
    english = number_table(Translator("en"), frame, 3, {"seconds": ",.1f"}).to_html()
    assert "0.250" in english and "1,234.5" in english
