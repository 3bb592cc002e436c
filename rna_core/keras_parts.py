"""Small Keras pieces the project's models need (this module imports Keras at import time).

Only import it inside functions (``rna_core.models`` does), never at the top of a module
that light pages import: Keras and TensorFlow take seconds and hundreds of MB to load.
"""

from __future__ import annotations

import keras


@keras.saving.register_keras_serializable(package="rna_dashboard")
class SparsePrecision(keras.metrics.Precision):
    """Keras ``Precision`` for integer labels and softmax outputs.

    ``keras.metrics.Precision`` compares ``y_true`` and ``y_pred`` element by element, so it
    needs one-hot labels. The course compiles with ``metrics=["Precision", ...]`` and
    one-hot labels; with sparse labels (what ``sparse_categorical_crossentropy`` uses) the
    labels are turned into one-hot vectors first, so the number means the same: of all the
    class probabilities above 0.5, the fraction that belong to the true class.
    """

    def __init__(self, num_classes: int = 10, name: str = "precision", **kwargs: object) -> None:
        super().__init__(name=name, **kwargs)
        self.num_classes = int(num_classes)

    def update_state(self, y_true, y_pred, sample_weight=None):  # noqa: D102 - Keras API
        y_true = keras.ops.reshape(keras.ops.cast(y_true, "int32"), (-1,))
        one_hot = keras.ops.one_hot(y_true, self.num_classes)
        return super().update_state(one_hot, y_pred, sample_weight=sample_weight)

    def get_config(self) -> dict:  # noqa: D102 - Keras API
        config = super().get_config()
        config["num_classes"] = self.num_classes
        return config
