"""Hyperparameter tuning with keras-tuner: the search space, a runner and a results reader.

- :mod:`rna_core.tuning.space` — :class:`SearchSpace` and :class:`SearchSettings` (no Keras).
- :mod:`rna_core.tuning.results` — :func:`read_results` reads any keras-tuner directory
  (``oracle.json``, ``trial_*/trial.json`` and our per-epoch histories) without TensorFlow.
- :mod:`rna_core.tuning.hypermodel` — the thin adapter over ``rna_core.models.build_model``.
- :mod:`rna_core.tuning.runner` — the search itself (``python -m rna_core.tuning search``),
  local, resumable or distributed (chief/worker).
- :mod:`rna_core.tuning.search_job` — a page's search: the command as a subprocess owned by
  a background job (slot, stop, tab-close and server-exit handling).

Importing this package is light: TensorFlow and keras-tuner load only when a search runs.
"""

from rna_core.tuning.results import TuningResults, TuningResultsWarning, read_results
from rna_core.tuning.space import SearchSettings, SearchSpace, hyperband_brackets, validate_name

__all__ = [
    "SearchSettings",
    "SearchSpace",
    "TuningResults",
    "TuningResultsWarning",
    "hyperband_brackets",
    "read_results",
    "validate_name",
]
