"""Keras set-up for a long-lived server: import it once, then keep the collector off it."""

from __future__ import annotations


def load_keras() -> None:
    """Import Keras now, then exclude everything imported so far from garbage collection.

    A web server calls this once before its first training. Keras and TensorFlow create
    millions of long-lived objects; every full ``gc.collect()`` would walk them all (about
    0.7 s on a small machine, holding the GIL, so a training thread stalls meanwhile).
    Frozen objects (``gc.freeze``) are skipped by the collector; they live as long as the
    process anyway.
    """
    import gc

    import keras  # noqa: F401

    gc.freeze()
