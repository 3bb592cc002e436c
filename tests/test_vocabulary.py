"""One Spanish vocabulary (docs/CONVENTIONS.md, "Spanish vocabulary"): no English term where the convention has a Spanish one."""

from __future__ import annotations

import re

import pytest

from rna_core.i18n import STRINGS

#: English words (and Spanish variants) the convention replaces, with the term to use instead.
BANNED: dict[str, str] = {
    r"\bepochs?\b": "época",
    r"\bmini-?batch(es)?\b": "minilote",
    r"\bbatch(es)?\b": "lote / tamaño del lote",
    r"\blearning rate\b": "tasa de aprendizaje",
    r"\bratios? de aprendizaje\b": "tasa de aprendizaje",
    r"\bdescenso de gradiente\b": "descenso del gradiente",
    r"\bloss\b": "coste (el total) o pérdida (un ejemplo)",
    r"\bfunci[oó]n de p[eé]rdida\b": "función de coste",
    r"\boptimizers?\b": "optimizador",
    r"\bfunci[oó]n(es)? de optimizaci[oó]n\b": "optimizador",
}

#: Where an English term (or the course's own word) is named on purpose, once, as a gloss.
GLOSSES: dict[str, tuple[str, ...]] = {
    "costs.gd_intro": (r"\bratios? de aprendizaje\b",),  # the course's "ratio de aprendizaje", mentioned once
    "optimizers.intro": (r"\bfunci[oó]n(es)? de optimizaci[oó]n\b",),  # the course's name for an optimizer
    "optimizers.about.logistic": (r"\bmini-?batch(es)?\b", r"\bbatch(es)?\b"),  # "minilotes (mini-batch)", once
}


def prose(text: str) -> str:
    """The words of a text without code: `code spans`, {placeholders}, snake_case and dotted names."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)
    return re.sub(r"\b\w+(?:[._]\w+)+\b", " ", text)


def test_prose_drops_code():
    assert prose("el `SGD` de Keras, `fit(batch_size=32)`, max_epochs, {epochs} épocas").split() == [
        "el", "de", "Keras,", ",", ",", "épocas",
    ]


@pytest.mark.parametrize("pattern", sorted(BANNED))
def test_spanish_strings_use_the_convention(pattern):
    offenders = []
    for key, texts in STRINGS.items():
        if pattern in GLOSSES.get(key, ()) or key.endswith("_code"):  # *_code: a program shown with st.code
            continue
        match = re.search(pattern, prose(texts.get("es", "")), flags=re.IGNORECASE)
        if match:
            offenders.append(f"{key}: “{match.group(0)}”")
    assert not offenders, f"use “{BANNED[pattern]}”: " + "; ".join(offenders)


def test_the_course_term_is_mentioned_once():
    mentions = [key for key, texts in STRINGS.items() if re.search(r"ratio de aprendizaje", texts.get("es", ""))]
    assert mentions == ["costs.gd_intro"]


def test_the_perceptron_is_introduced_with_the_course_terms():
    text = STRINGS["neurons.p_explain"]["es"]
    assert "función de agregación" in text and "TLU" in text
