"""The core stays light: importing it pulls in neither Streamlit nor TensorFlow/Keras."""

from __future__ import annotations

import subprocess
import sys

from rna_core.i18n import LANGUAGES, STRINGS

from .conftest import ROOT

#: Modules that exist to hold Keras subclasses; only ever imported inside functions.
KERAS_ONLY = {"rna_core.keras_parts"}
LIGHT_MODULES = sorted(
    {
        ("rna_core." + ".".join(path.relative_to(ROOT / "rna_core").with_suffix("").parts))
        .removesuffix(".__init__").removesuffix(".__main__")
        for path in (ROOT / "rna_core").rglob("*.py")
    }
    - KERAS_ONLY
)


def test_every_core_module_imports_without_streamlit_or_keras() -> None:
    """One interpreter imports all core modules; none may pull Streamlit, TensorFlow or Keras."""
    code = (
        f"import sys, importlib; [importlib.import_module(m) for m in {LIGHT_MODULES!r}]; "
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
