"""The sentences the neurons page writes about a result, in the student's language.

Pure functions from a core result and a :class:`rna_core.i18n.Translator` to text, kept
out of the page so they can be tested without Streamlit.
"""

from __future__ import annotations

from rna_core.i18n import Translator
from rna_core.neurons.mcculloch_pitts import MPSearchResult
from rna_core.neurons.perceptron import PerceptronTraining

__all__ = ["search_message", "training_message"]


def search_message(result: MPSearchResult, tr: Translator) -> tuple[bool, str]:
    """Whether the M–P search found a neuron, and the sentence that says so (or why not).

    Parameters
    ----------
    result : MPSearchResult
        From :func:`rna_core.neurons.find_mcculloch_pitts`.
    tr : Translator
        The page's translator.

    Returns
    -------
    (bool, str)
        ``found`` and the message: the simplest configuration, or the reason none exists.
    """
    values = {"gate": result.target.name, "tried": result.tried,
              "mode": tr(f"neurons.mode_name_{result.inhibition}")}
    if not result.found:
        return False, tr(f"neurons.mp_{result.reason}", **values)
    best = result.solutions[0]
    inhibited = ", ".join(f"x{i + 1}" for i, flag in enumerate(best.inhibitory) if flag)
    config = tr("neurons.mp_config", threshold=best.threshold, inhibitory=inhibited or tr("neurons.none"))
    return True, tr("neurons.mp_found", count=len(result.solutions), config=config, **values)


def training_message(training: PerceptronTraining, gate_name: str, tr: Translator) -> tuple[bool, str]:
    """Whether the perceptron converged, and the banner that says so or why it never will.

    Parameters
    ----------
    training : PerceptronTraining
        From :func:`rna_core.neurons.train_perceptron`.
    gate_name : str
        The gate's name as shown to the student.
    tr : Translator
        The page's translator.

    Returns
    -------
    (bool, str)
        ``converged`` and the message.
    """
    if training.converged:
        return True, tr("neurons.p_converged", epoch=training.epochs_run)
    if training.stop_reason == "cycle":
        return False, tr("neurons.p_cycle", epoch=training.epochs_run, earlier=training.cycle_epoch, gate=gate_name)
    kind = "separable" if training.linearly_separable else "not_separable"
    return False, tr(f"neurons.p_budget_{kind}", epochs=training.epochs_run, gate=gate_name)
