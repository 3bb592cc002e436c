"""Session keys shared between pages: the models trained in this session, and hand-overs.

Each key is set by one page and read by another: the training page registers the models it
trains, the draw page lists them; the tuner page hands its best configuration to the
training page.
"""

from __future__ import annotations

import streamlit as st

#: ``st.session_state[TRAINED_MODELS]``: dict label -> model (insertion order, newest last).
TRAINED_MODELS = "trained_models"
#: Label of the model the Draw-a-digit page should preselect (set by "use this model").
DRAW_MODEL_CHOICE = "draw.selected_model"
#: A NetworkConfig the training page should load as its custom preset (set by the tuner page).
PENDING_TRAINING_CONFIG = "training.pending_config"


def trained_models() -> dict:
    """The models trained in this session, label -> model (newest last)."""
    return st.session_state.setdefault(TRAINED_MODELS, {})


def register_trained_model(label: str, model: object, *, keep: int = 5) -> None:
    """Remember a model trained in this session; keep only the ``keep`` newest (memory)."""
    models = trained_models()
    models.pop(label, None)
    models[label] = model
    while len(models) > keep:
        models.pop(next(iter(models)))
