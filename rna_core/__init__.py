"""RNA Dashboard core: the logic behind every page, importable without Streamlit.

Nothing here imports Streamlit, and nothing imported by ``import rna_core`` imports
TensorFlow or Keras: the modules that need Keras import it lazily, inside functions.

Importing the package chooses the Keras backend (``KERAS_BACKEND``, default JAX; see
:mod:`rna_core.backend`) before any of its modules can import Keras, so the app, every
``python -m rna_core.*`` command, the tuner workers, the tests and the benchmarks agree.
"""

from rna_core.backend import configure_backend

configure_backend()

__all__ = ["__version__"]

__version__ = "0.1.0"
