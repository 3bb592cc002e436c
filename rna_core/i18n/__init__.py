"""Every user-visible string of the app, in English and Spanish.

Strings live in the topic modules of this package (``app``, ``neurons``, ...), each
defining ``STRINGS = {"topic.key": {"en": "...", "es": "..."}}``. They are collected
here once at import; a key defined twice is an error, so topics cannot clash.

Use :func:`t` to read a string and :func:`choose_language` to decide the language of a
session from the URL, the session and the browser locale.
Numbers are written the language's way (Spanish ``0,25`` and ``60.000``): numeric values given
to :func:`t` placeholders are formatted so, :meth:`Translator.num` formats a bare number, and
:func:`read_number` reads one back.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping
from numbers import Real  # not `import numbers`: this package has a submodule of that name
from types import MappingProxyType

#: Languages the app speaks, code -> name shown in the language selector.
LANGUAGES: Mapping[str, str] = MappingProxyType({"en": "English", "es": "Español"})
#: Used when neither the URL, the session nor the browser give a supported language.
DEFAULT_LANGUAGE = "en"


def _collect() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise RuntimeError(f"i18n key {key!r} is defined twice (again in {info.name}).")
            merged[key] = MappingProxyType(dict(texts))
    return MappingProxyType(merged)


#: All strings: key -> {language code -> text}. Read-only.
STRINGS: Mapping[str, Mapping[str, str]] = _collect()


def t(key: str, lang: str, /, **values: object) -> str:
    """Return the text of ``key`` in ``lang``, formatted with ``values``.

    Parameters
    ----------
    key : str
        A key of :data:`STRINGS`, such as ``"app.title"``.
    lang : str
        A language code of :data:`LANGUAGES`; anything else falls back to English.
    **values
        Values for the ``{placeholders}`` of the text (``str.format`` syntax).

    Returns
    -------
    str
        The translated, formatted text.

    Raises
    ------
    KeyError
        If ``key`` does not exist (a programming error, caught by the tests).
    """
    texts = STRINGS[key]
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not values:
        return text
    formatter = _FORMATTERS.get(lang)
    return formatter.format(text, **values) if formatter else text.format(**values)


def localize_number_text(text: str, lang: str) -> str:
    """Swap the separators of an English-formatted number for ``lang``'s.

    Spanish writes the decimal separator as a comma and groups thousands with a point:
    ``"60,000.5"`` becomes ``"60.000,5"``, and puts a space before a percent sign:
    ``"98.3%"`` becomes ``"98,3 %"``. Other languages get ``text`` unchanged.
    """
    if lang != "es":
        return text
    text = text.translate(_SPANISH_SEPARATORS)
    if text.endswith("%") and not text.endswith(" %"):
        text = text[:-1] + " %"
    return text


def read_number(text: str, lang: str) -> float:
    """Read a number written the ``lang`` way: ``read_number("60.000,5", "es") == 60000.5``.

    A trailing ``%`` divides by 100 (``"98,3 %"`` is 0.983).
    """
    plain = localize_number_text(text.strip(), lang).replace(",", "").replace("\u00a0", "")
    if plain.endswith("%"):
        return float(plain[:-1].strip()) / 100
    return float(plain)


_SPANISH_SEPARATORS = str.maketrans({",": ".", ".": ","})


class _LocalizedFormatter(string.Formatter):
    """``str.format`` that writes numeric placeholders (``{rate:.2f}``) the language's way."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if isinstance(value, Real) and not isinstance(value, bool):
            return localize_number_text(text, self.lang)
        return text


#: Languages whose numbers are not written the English way.
_FORMATTERS = {"es": _LocalizedFormatter("es")}


def normalize_language(value: object) -> str | None:
    """Map a language tag to a supported code, or ``None``.

    ``"es"``, ``"ES"``, ``"es-AR"`` and ``"es_ES"`` all give ``"es"``; an unsupported or
    malformed value (``"xx"``, ``""``, ``None``, a list) gives ``None``.
    """
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if code in LANGUAGES else None


def choose_language(
    query: object = None, stored: object = None, locale: object = None
) -> str:
    """Decide the language of a page run.

    Parameters
    ----------
    query : object
        The ``?lang=`` value of the URL (a shared link wins).
    stored : object
        The language the session chose earlier.
    locale : object
        The browser's locale, such as ``"es-ES"``.

    Returns
    -------
    str
        The first supported language among ``query``, ``stored`` and ``locale``,
        else :data:`DEFAULT_LANGUAGE`.
    """
    for candidate in (query, stored, locale):
        code = normalize_language(candidate)
        if code:
            return code
    return DEFAULT_LANGUAGE


class Translator:
    """:func:`t` bound to one language: ``tr("app.title")``; ``tr.lang`` is the code."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = normalize_language(lang) or DEFAULT_LANGUAGE

    def __call__(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)

    def num(self, value: float, spec: str = "") -> str:
        """``format(value, spec)`` written the language's way: ``tr.num(0.25, ".2f")`` is
        ``"0.25"`` in English and ``"0,25"`` in Spanish."""
        return localize_number_text(format(value, spec), self.lang)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"
