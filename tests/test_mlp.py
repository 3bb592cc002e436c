"""rna_core.mlp: backpropagation against finite differences, XOR solved from a fixed seed."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.activations import sigmoid_derivative
from rna_core.losses import binary_crossentropy_grad
from rna_core.mlp import MLP, MLP_ACTIVATIONS, MLPConfig, decision_grid, train_mlp
from rna_core.neurons import GATES, NeuronInputError

XOR = GATES["XOR"]


def random_problem(activation: str, seed: int = 0, units: int = 3) -> tuple[MLP, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    model = MLP.initialise(2, units, activation, seed)
    model.b1 += rng.normal(0, 0.3, size=model.b1.shape)  # non-zero biases: every path is exercised
    model.b2 += 0.2
    x = rng.normal(size=(7, 2))
    y = rng.integers(0, 2, size=7).astype(float)
    return model, x, y


@pytest.mark.parametrize("activation", MLP_ACTIVATIONS)
def test_backprop_matches_finite_differences(activation: str) -> None:
    model, x, y = random_problem(activation)
    analytic = model.gradients(x, y)
    step = 1e-6
    for name, parameter in model.parameters().items():
        numeric = np.zeros_like(parameter)
        for index in np.ndindex(parameter.shape):
            original = parameter[index]
            parameter[index] = original + step
            up = model.loss(x, y)
            parameter[index] = original - step
            down = model.loss(x, y)
            parameter[index] = original
            numeric[index] = (up - down) / (2 * step)
        np.testing.assert_allclose(analytic[name], numeric, rtol=1e-5, atol=1e-8, err_msg=f"{activation} {name}")


def test_output_error_signal_is_the_chain_rule_of_the_loss_module() -> None:
    """dL/dz2 = (p - y)/m equals dL/dp (from rna_core.losses) times dp/dz2 (sigmoid slope)."""
    model, x, y = random_problem("tanh")
    cache = model.forward(x)
    chain = binary_crossentropy_grad(y, cache["p"]) * sigmoid_derivative(cache["z2"][:, 0])
    grads = model.backward(cache, y)
    np.testing.assert_allclose(grads["b2"], [chain.sum()], rtol=1e-10)
    np.testing.assert_allclose(grads["w2"][:, 0], cache["a1"].T @ chain, rtol=1e-10)


def test_default_network_solves_xor_from_its_fixed_seed() -> None:
    training = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig())
    assert training.final_accuracy == 1.0
    assert training.model(XOR.inputs()).round().tolist() == [0, 1, 1, 0]
    assert training.losses[-1] < 0.05 < training.losses[0]
    again = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig())
    np.testing.assert_array_equal(again.losses, training.losses)  # same seed, same run


def test_sigmoid_hidden_layer_with_two_units_also_solves_xor() -> None:
    training = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig(hidden_units=2, activation="sigmoid",
                                                                learning_rate=2.0, epochs=2000))
    assert training.final_accuracy == 1.0


def test_loss_history_is_the_loss_modules_binary_crossentropy() -> None:
    training = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig(epochs=30))
    assert training.losses[-1] == pytest.approx(training.model.loss(XOR.inputs(), XOR.targets()), rel=1e-12)
    fresh = MLP.initialise(2, 4, "tanh", 0)
    assert training.losses[0] == pytest.approx(fresh.loss(XOR.inputs(), XOR.targets()), rel=1e-12)
    assert training.accuracies[-1] == np.mean((training.model(XOR.inputs()) >= 0.5) == XOR.targets())


def test_history_and_progress_callback() -> None:
    calls = []
    training = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig(epochs=250),
                         progress=lambda epoch, loss: calls.append(epoch), report_every=100)
    assert calls == [100, 200, 250]
    frame = training.history_frame()
    assert len(frame) == 251 and frame["epoch"].iloc[-1] == 250
    assert frame["loss"].iloc[-1] < frame["loss"].iloc[0]


def test_decision_grid_covers_the_square_with_probabilities() -> None:
    training = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig(epochs=50))
    grid = decision_grid(training.model, resolution=11)
    assert len(grid) == 121
    assert grid["x1"].min() == -0.25 and grid["x2"].max() == 1.25
    assert grid["p"].between(0, 1).all()
    with pytest.raises(ValueError):
        decision_grid(MLP.initialise(3, 2, "tanh"))


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [({"hidden_units": 1}, "neurons.error_hidden_units"), ({"hidden_units": 9}, "neurons.error_hidden_units"),
     ({"activation": "heaviside"}, "neurons.error_activation"), ({"learning_rate": 0}, "neurons.error_learning_rate"),
     ({"epochs": 0}, "neurons.error_epochs"), ({"epochs": 10_001}, "neurons.error_epochs")],
)
def test_config_rejects_bad_values(kwargs: dict, key: str) -> None:
    with pytest.raises(NeuronInputError) as info:
        MLPConfig(**kwargs)
    assert info.value.key == key


def test_labels_must_be_binary() -> None:
    with pytest.raises(NeuronInputError):
        train_mlp(XOR.inputs(), np.array([0, 1, 0.5, 0]), MLPConfig(epochs=1))


def test_decision_map_and_loss_charts_are_valid() -> None:
    import altair as alt

    from rna_core.charts.neurons import decision_map_chart, errors_chart, loss_chart

    training = train_mlp(XOR.inputs(), XOR.targets(), MLPConfig(epochs=1000))
    spec = decision_map_chart(decision_grid(training.model, resolution=5), XOR.inputs(), XOR.targets())
    alt.LayerChart.from_dict(spec)  # raises if the spec does not follow the Vega-Lite schema
    heat = spec["layer"][0]["data"]["values"]
    assert len(heat) == 25 and all(0 <= cell["p"] <= 1 for cell in heat)
    assert [point["y"] for point in spec["layer"][2]["data"]["values"]] == [0, 1, 1, 0]
    curve = loss_chart(training.history_frame(), max_points=100).to_dict()
    values = next(iter(curve["datasets"].values()))
    assert len(values) <= 101 and values[-1]["epoch"] == 1000  # thinned, the last epoch kept
    assert isinstance(errors_chart([3, 2, 0]), alt.Chart)
