"""Every user-visible string of the app, in English and Spanish.

Strings live in the topic modules of this package (``app``, ``neurons``, ...), each
defining ``STRINGS = {"topic.key": {"en": "...", "es": "..."}}``. They are collected
here once at import; a key defined twice is an error, so topics cannot clash.

Use :func:`t` to read a string and :func:`choose_language` to decide the language of a
session from the URL, the session and the browser locale.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
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
    return text.format(**values) if values else text


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

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"
