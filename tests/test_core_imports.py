"""The core stays light: importing it pulls in neither Streamlit nor TensorFlow/Keras."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rna_core.i18n import LANGUAGES, STRINGS

from .conftest import ROOT

LIGHT_MODULES = ["rna_core", "rna_core.i18n", "rna_core.catalog", "rna_core.data", "rna_core.diagrams"]


@pytest.mark.parametrize("module", LIGHT_MODULES)
def test_import_does_not_pull_heavy_libraries(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "heavy = [m for m in ('streamlit', 'tensorflow', 'keras') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_every_string_exists_in_every_language_with_same_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    problems = []
    for key, texts in STRINGS.items():
        if set(texts) != set(LANGUAGES):
            problems.append(f"{key}: languages {sorted(texts)}")
            continue
        if any(not texts[lang].strip() for lang in LANGUAGES):
            problems.append(f"{key}: empty text")
        if len({frozenset(fields(texts[lang])) for lang in LANGUAGES}) != 1:
            problems.append(f"{key}: placeholders differ")
    assert not problems, problems
