"""RNA Dashboard core: the logic behind every page, importable without Streamlit.

Nothing here imports Streamlit, and nothing imported by ``import rna_core`` imports
TensorFlow or Keras: the modules that need Keras import it lazily, inside functions.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
