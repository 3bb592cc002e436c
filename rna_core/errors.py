"""The one error type the core raises when a page should say it in the student's language.

A core function that rejects input raises a ``ValueError`` whose English message reads
well in a terminal or a test. When the page should show the same sentence translated, the
function raises :class:`LocalizedError` instead: it *is* a ``ValueError`` (so callers that
catch ``ValueError`` keep working) and also carries the i18n key of the sentence and the
values of its placeholders. The UI layer has one helper that shows any ``ValueError``:
translated when it is a :class:`LocalizedError`, as its English message otherwise.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LocalizedError"]


class LocalizedError(ValueError):
    """A ``ValueError`` a page can translate.

    Parameters
    ----------
    message : str
        The English sentence (``str(error)``).
    key : str
        Full key of the same sentence in :mod:`rna_core.i18n` (``"neurons.error_threshold"``).
    **values
        Values of the sentence's placeholders (numbers stay numbers: the translator
        writes them the language's way).
    """

    def __init__(self, message: str, key: str, **values: Any) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across processes, like any exception
        return (_rebuild, (type(self), str(self), self.key, self.values))


def _rebuild(cls: type[LocalizedError], message: str, key: str, values: dict[str, Any]) -> LocalizedError:
    error = cls.__new__(cls)
    LocalizedError.__init__(error, message, key, **values)
    return error
