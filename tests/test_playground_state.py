"""The playground's state in a link, and a student's own points (CSV and clicks)."""

from __future__ import annotations

import numpy as np
import pytest

from rna_core.errors import LocalizedError
from rna_core.i18n import STRINGS
from rna_core.playground.custom import MAX_CUSTOM_POINTS, add_point, check_points, parse_csv
from rna_core.playground.experiment import Experiment
from rna_core.playground.settings import QUERY_KEYS, Settings


def test_default_settings_round_trip_through_the_url() -> None:
    settings, rejected = Settings.from_query(Settings().to_query())
    assert settings == Settings() and rejected == []


@pytest.mark.parametrize("settings", [
    Settings(dataset="spiral", noise=0.35, seed=42, train_percent=70, batch_size=1,
             features=("x1", "x2", "x1sq", "x2sq", "x1x2", "sin1", "sin2"), layers=(8, 8, 8), activation="relu",
             learning_rate=0.00001, regularization="l1", regularization_rate=0.003, loss="mse", optimizer="adam"),
    Settings(dataset="xor", features=("x1x2",), layers=()),
    Settings(dataset="multi_gauss", layers=(1, 2, 3, 4, 5, 6), activation="linear", learning_rate=10.0,
             regularization="l2", regularization_rate=10.0, optimizer="momentum"),
])
def test_any_settings_round_trip_through_the_url(settings: Settings) -> None:
    query = settings.to_query()
    assert all(isinstance(value, str) for value in query.values())
    assert set(query) == set(QUERY_KEYS.values())
    assert Settings.from_query(query) == (settings, [])


def test_missing_parameters_take_defaults_without_a_notice() -> None:
    settings, rejected = Settings.from_query({"ds": "xor", "lang": "es"})
    assert settings == Settings(dataset="xor") and rejected == []


@pytest.mark.parametrize(("key", "value"), [
    ("ds", "moons"), ("noise", "0.7"), ("noise", "abc"), ("seed", "-3"), ("seed", "1e9"), ("train", "95"),
    ("batch", "0"), ("feat", ""), ("feat", "x1,x3"), ("layers", "9"), ("layers", "4,4,4,4,4,4,4"),
    ("layers", "a,b"), ("act", "softmax"), ("lr", "0.02"), ("lr", "nan"), ("reg", "l3"), ("rate", "inf"),
    ("loss", "hinge"), ("opt", "rmsprop"), ("ds", "custom"), ("layers", "4,,4"),
])
def test_a_malformed_parameter_falls_back_to_its_default_and_is_reported(key: str, value: str) -> None:
    query = {**Settings(seed=5, batch_size=20).to_query(), key: value}
    settings, rejected = Settings.from_query(query)
    assert rejected == [key]
    field = next(name for name, query_key in QUERY_KEYS.items() if query_key == key)
    assert getattr(settings, field) == getattr(Settings(), field)
    assert settings.seed == (5 if key != "seed" else 0)


def test_a_link_with_every_value_wrong_gives_the_defaults() -> None:
    garbage = {key: "%%%" for key in QUERY_KEYS.values()}
    settings, rejected = Settings.from_query(garbage)
    assert settings == Settings() and sorted(rejected) == sorted(QUERY_KEYS.values())


def test_csv_with_header_and_semicolons_is_read() -> None:
    X, y = parse_csv(b"x1;x2;label\n1;2;0\n-1;-2;1\n3;3;0\n-3,5;0;1\n".replace(b"-3,5", b"-3.5"))
    assert X.shape == (4, 2) and y.tolist() == [0, 1, 0, 1] and y.dtype.kind == "i"


def test_csv_with_numbers_between_minus_one_and_one_is_a_regression() -> None:
    X, y = parse_csv("0,0,0.5\n1,1,-0.25\n2,2,1\n3,3,0\n")
    assert y.dtype.kind == "f" and y.tolist() == [0.5, -0.25, 1.0, 0.0]


@pytest.mark.parametrize(("content", "key"), [
    (b"1,2,0\n2,3,1\n", "playground.error_few_points"),
    (b"1,2,0\n2,3\n4,4,1\n5,5,0\n", "playground.error_csv_row"),
    (b"1,2,0\n2,x,1\n4,4,1\n5,5,0\n", "playground.error_csv_row"),
    (b"1,2,0\n2,7,1\n4,4,1\n5,5,0\n", "playground.error_outside"),
    (b"1,2,0\n2,3,0\n4,4,0\n5,5,0\n", "playground.error_one_class"),
    (b"1,2,0\n2,3,5\n4,4,1\n5,5,0\n", "playground.error_label"),
    (b"1,2,0\n2,3,nan\n4,4,1\n5,5,0\n", "playground.error_not_number"),
    (b"\xff\xfe\x00garbage", "playground.error_csv_text"),
    (b"1,1,0\n" * 100_000, "playground.error_csv_size"),
    ("".join(f"{i % 5},{i % 3},{i % 2}\n" for i in range(MAX_CUSTOM_POINTS + 1)).encode(), "playground.error_many_points"),
])
def test_bad_csv_files_get_a_clear_translated_message(content: bytes, key: str) -> None:
    with pytest.raises(LocalizedError) as caught:
        parse_csv(content)
    assert caught.value.key == key
    assert key in STRINGS
    for lang in ("en", "es"):
        STRINGS[key][lang].format(**caught.value.values)  # every placeholder is given


def test_clicked_points_are_checked_and_added() -> None:
    X, y = np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    for x1, x2, label in [(1, 1, 0), (-1, -1, 1), (2.5, -3, 0), (-4, 4, 1)]:
        X, y = add_point(X, y, x1, x2, label)
    points, labels = check_points(X, y)
    assert points.shape == (4, 2) and labels.tolist() == [0, 1, 0, 1]
    with pytest.raises(LocalizedError) as caught:
        add_point(X, y, 6.5, 0, 0)
    assert caught.value.key == "playground.error_click_outside"
    with pytest.raises(LocalizedError):
        add_point(X, y, 0, 0, 7)


def test_an_experiment_trains_on_custom_points() -> None:
    X = np.array([[1.0, 1.0], [2.0, 2.0], [-1.0, -1.0], [-2.0, -2.0], [1.5, 2.5], [-2.5, -1.5]])
    y = np.array([1, 1, 0, 0, 1, 0])
    experiment = Experiment.create(Settings(dataset="custom", train_percent=50), custom=check_points(X, y))
    assert experiment.classes == 2 and len(experiment.train) == 3
    experiment.advance(5)
    assert experiment.epoch == 5


def test_a_click_on_the_drawing_plane_gives_the_cell_centre() -> None:
    from rna_core.playground.custom import point_from_selection

    assert point_from_selection({"selection": {"cell": [{"x1": 1.25, "x2": -0.75}]}}) == (1.25, -0.75)
    for nothing in (None, {}, {"selection": {}}, {"selection": {"cell": []}},
                    {"selection": {"cell": [{"x1": "a", "x2": 1}]}}, {"selection": {"cell": [{"x1": float("nan"), "x2": 1}]}}):
        assert point_from_selection(nothing) is None


def test_usable_points_are_the_checked_ones_or_none() -> None:
    from rna_core.playground.custom import is_regression, no_points, usable_points

    X = np.array([[1.0, 1.0], [2.0, 2.0], [-1.0, -1.0], [-2.0, -2.0]])
    points, labels = usable_points((X, np.array([1, 1, 0, 0])))
    assert points.shape == (4, 2) and labels.dtype.kind == "i"
    assert usable_points(None) is None
    assert usable_points((X[:2], np.array([0, 1]))) is None  # too few points
    assert not is_regression(labels) and is_regression(np.array([0.5, -0.5]))
    empty_X, empty_y = no_points()
    assert empty_X.shape == (0, 2) and not is_regression(empty_y) and not is_regression(np.zeros(0))
