"""The optimizer race: several optimizers start from one point of a surface and descend.

:func:`run_race` returns the trajectories (a DataFrame with one row per racer and step),
the internal state of every optimizer at every step, and a leaderboard (final cost, steps
to reach the minimum within a tolerance, divergence). A racer whose parameters become
infinite, NaN or fly far out of the plotted area is stopped and marked as diverged: the
page says so instead of drawing NaN.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from rna_core.errors import LocalizedError
from rna_core.optimizers import OPTIMIZERS, make_optimizer
from rna_core.surfaces import LogisticSurface, Surface, check_batch_size

#: Most steps a race may run (keeps a page responsive).
MAX_STEPS = 5000
#: A racer farther than this many plot-widths from the plotted area has diverged.
ESCAPE_FACTOR = 10.0


class RaceInputError(LocalizedError):
    """A race input a student can fix; ``key`` names the sentence in :mod:`rna_core.i18n`."""


def _check_learning_rate(name: str, learning_rate: object) -> None:
    valid = isinstance(learning_rate, (int, float, np.integer, np.floating)) and not isinstance(learning_rate, bool)
    if not valid or not math.isfinite(float(learning_rate)) or float(learning_rate) <= 0:  # type: ignore[arg-type]
        raise RaceInputError(
            f"{name}: the learning rate must be a number greater than 0 (got {learning_rate}).",
            "optimizers.error.learning_rate", racer=name, value=learning_rate,
        )


@dataclass(frozen=True)
class Racer:
    """One contestant: an optimizer, its hyperparameters and the data it sees.

    Attributes
    ----------
    name : str
        Label shown in the charts; unique within a race.
    optimizer : str
        A key of :data:`rna_core.optimizers.OPTIMIZERS`.
    hyperparameters : tuple of (str, value)
        Keyword arguments of the optimizer (Keras names), as sorted pairs so the racer
        is hashable (use :meth:`make`).
    batch_size : int or None
        Examples per gradient on a finite-sum surface (None: all of them, i.e. full-batch
        gradient descent). Test functions have no data, so it must be None there.
    """

    name: str
    optimizer: str
    hyperparameters: tuple[tuple[str, Any], ...] = ()
    batch_size: int | None = None

    @classmethod
    def make(cls, name: str, optimizer: str, batch_size: int | None = None, **hyperparameters: Any) -> Racer:
        """Build a racer from keyword hyperparameters (validated now, not at race time)."""
        if "learning_rate" in hyperparameters:
            _check_learning_rate(name, hyperparameters["learning_rate"])
        make_optimizer(optimizer, **hyperparameters)
        return cls(name, optimizer, tuple(sorted(hyperparameters.items())), batch_size)

    @property
    def config(self) -> dict[str, Any]:
        """The hyperparameters as a dict."""
        return dict(self.hyperparameters)


#: The six classic racers: id -> (optimizer, batch size, extra hyperparameters).
#: Gradient descent, mini-batch and SGD share one rule (SGD) and differ only in the data.
RACER_KINDS: Mapping[str, tuple[str, int | None, Mapping[str, Any]]] = MappingProxyType(
    {
        "gd": ("sgd", None, MappingProxyType({})),
        "minibatch": ("sgd", 32, MappingProxyType({})),
        "sgd": ("sgd", 1, MappingProxyType({})),
        "momentum": ("sgd", None, MappingProxyType({"momentum": 0.9})),
        "rmsprop": ("rmsprop", None, MappingProxyType({})),
        "adam": ("adam", None, MappingProxyType({})),
    }
)
#: Racer kinds that need data (a batch smaller than the data set).
STOCHASTIC_KINDS: tuple[str, ...] = ("minibatch", "sgd")


def default_racer(kind: str, surface: Surface, name: str | None = None, **overrides: Any) -> Racer:
    """A racer of one of :data:`RACER_KINDS` with the surface's suggested learning rate.

    Parameters
    ----------
    kind : str
        ``"gd"``, ``"minibatch"``, ``"sgd"``, ``"momentum"``, ``"rmsprop"`` or ``"adam"``.
    surface : Surface
        Gives the learning rate suited to its scale.
    name : str, optional
        Label (defaults to ``kind``).
    **overrides
        Hyperparameters (``learning_rate``...) or ``batch_size`` replacing the defaults.
    """
    if kind not in RACER_KINDS:
        raise ValueError(f"Unknown racer {kind!r}; choose one of {', '.join(RACER_KINDS)}.")
    optimizer, batch_size, extra = RACER_KINDS[kind]
    batch_size = overrides.pop("batch_size", batch_size)
    hyperparameters = {"learning_rate": surface.learning_rates[optimizer], **extra, **overrides}
    return Racer.make(name or kind, optimizer, batch_size, **hyperparameters)


@dataclass(frozen=True)
class RaceResult:
    """Everything a race produced.

    Attributes
    ----------
    trajectories : pandas.DataFrame
        Columns ``step, racer, x, y, loss``; a diverged racer's rows stop at its last
        sane point.
    leaderboard : pandas.DataFrame
        One row per racer, best first: ``rank, racer, final_loss, best_loss,
        steps_to_tolerance`` (NA if never), ``diverged``, ``diverged_at`` (NA if not).
    states : mapping
        racer -> {state name -> array (steps_done + 1, 2)}: the optimizer's internal
        state after each step (row 0 is the initial zeros).
    steps : int
        Steps requested.
    """

    trajectories: pd.DataFrame
    leaderboard: pd.DataFrame
    states: Mapping[str, Mapping[str, np.ndarray]] = field(repr=False)
    steps: int

    @property
    def winner(self) -> str | None:
        """The first racer of the leaderboard, or None when every racer diverged."""
        best = self.leaderboard.iloc[0]
        return None if bool(best["diverged"]) else str(best["racer"])

    def positions_at(self, step: int) -> pd.DataFrame:
        """Where each racer is at ``step`` (a diverged racer stays at its last point)."""
        rows = self.trajectories[self.trajectories["step"] <= step]
        return rows.groupby("racer", sort=False).tail(1).reset_index(drop=True)

    def state_at(self, step: int) -> pd.DataFrame:
        """The internal state of every racer at ``step``: ``racer, state, axis, value``."""
        records = []
        for racer, states in self.states.items():
            for state_name, values in states.items():
                row = values[min(step, len(values) - 1)]
                records += [(racer, state_name, axis, float(row[axis])) for axis in (0, 1)]
        return pd.DataFrame(records, columns=["racer", "state", "axis", "value"])


def _check_start(surface: Surface, start: Sequence[float]) -> tuple[float, float]:
    try:
        x, y = (float(value) for value in start)
    except (TypeError, ValueError):
        raise ValueError("The start point must be two numbers (x, y).") from None
    if not (math.isfinite(x) and math.isfinite(y)) or not surface.contains(x, y):
        x_min, x_max, y_min, y_max = surface.bounds
        x_name, y_name = surface.axis_names
        raise RaceInputError(
            f"The start point ({x:g}, {y:g}) is outside the plotted area: choose {x_name} in "
            f"[{x_min:g}, {x_max:g}] and {y_name} in [{y_min:g}, {y_max:g}].",
            "optimizers.error.start", x=x_name, y=y_name, x_min=x_min, x_max=x_max, y_min=y_min, y_max=y_max,
        )
    return x, y


def _check_steps(steps: object) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise ValueError(f"The number of steps must be a whole number (got {steps!r}).")
    if not 1 <= steps <= MAX_STEPS:
        raise RaceInputError(
            f"The number of steps must be between 1 and {MAX_STEPS} (got {steps}).", "optimizers.error.steps", max_steps=MAX_STEPS
        )
    return int(steps)


def _check_racers(surface: Surface, racers: Sequence[Racer]) -> None:
    if not racers:
        raise RaceInputError("Choose at least one racer.", "optimizers.error.no_racers")
    names = [racer.name for racer in racers]
    if len(set(names)) != len(names):
        raise ValueError("Two racers have the same name; give each a different one.")
    for racer in racers:
        if racer.optimizer not in OPTIMIZERS:
            raise ValueError(f"Unknown optimizer {racer.optimizer!r}.")
        if racer.batch_size is not None:
            if not isinstance(surface, LogisticSurface):
                raise ValueError(
                    f"{racer.name}: a batch size needs a data set; this surface is a formula "
                    "with no examples to sample. Use the logistic-regression surface."
                )
            check_batch_size(racer.batch_size, surface.n_samples)


def _run_one(
    surface: Surface, racer: Racer, start: tuple[float, float], steps: int, seed: int
) -> tuple[np.ndarray, dict[str, np.ndarray], int | None]:
    """Run one racer; returns positions (n, 2), states and the step it diverged at."""
    optimizer = make_optimizer(racer.optimizer, **racer.config)
    x_min, x_max, y_min, y_max = surface.bounds
    margin_x, margin_y = ESCAPE_FACTOR * (x_max - x_min), ESCAPE_FACTOR * (y_max - y_min)
    low_x, high_x, low_y, high_y = x_min - margin_x, x_max + margin_x, y_min - margin_y, y_max + margin_y
    batches = None
    if racer.batch_size is not None and isinstance(surface, LogisticSurface):
        batches = surface.minibatches(racer.batch_size, seed)
    gradient = surface.gradient
    x, y = start
    xs, ys = [x], [y]
    trace: list[float] = []
    record = trace.extend
    state_lists: list[list] = []
    diverged_at = None
    for step in range(1, steps + 1):
        if batches is not None:
            gx, gy = surface.batch_gradient(x, y, next(batches))
        else:
            gx, gy = gradient(x, y)
        x, y = optimizer.apply_gradients([x, y], [gx, gy])
        if not (low_x <= x <= high_x and low_y <= y <= high_y):  # also False for NaN
            diverged_at = step
            break
        if step == 1:  # the state lists exist now; the optimizer updates them in place
            state_lists = [getattr(optimizer, name) for name in optimizer.state_names if getattr(optimizer, name)]
        xs.append(x)
        ys.append(y)
        for values in state_lists:
            record(values)
    names = [name for name in optimizer.state_names if getattr(optimizer, name)]
    table = np.zeros((len(xs), 2 * len(names)))
    if trace:
        table[1:] = np.asarray(trace, dtype=float).reshape(len(xs) - 1, 2 * len(names))
    states = {name: table[:, 2 * i:2 * i + 2] for i, name in enumerate(names)}
    return np.column_stack([xs, ys]).astype(float), states, diverged_at


def run_race(
    surface: Surface, racers: Sequence[Racer], start: Sequence[float], steps: int, seed: int = 0
) -> RaceResult:
    """Race optimizers on a surface.

    Parameters
    ----------
    surface : Surface
        A test function or the finite-sum logistic surface.
    racers : sequence of Racer
        The contestants (unique names).
    start : (float, float)
        Common start point; must lie inside ``surface.bounds``.
    steps : int
        Updates per racer, 1 to :data:`MAX_STEPS`.
    seed : int
        Seed of the mini-batch shuffles (racers with the same batch size see the same
        batches).

    Returns
    -------
    RaceResult

    Raises
    ------
    ValueError
        Bad start point, number of steps or racers (the message says what to change).
    """
    start_xy = _check_start(surface, start)
    steps = _check_steps(steps)
    _check_racers(surface, racers)
    frames, states, rows = [], {}, []
    with np.errstate(all="ignore"):
        for racer in racers:
            path, racer_states, diverged_at = _run_one(surface, racer, start_xy, steps, seed)
            losses = np.asarray(surface.value(path[:, 0], path[:, 1]), dtype=float)
            frames.append(
                pd.DataFrame(
                    {"step": np.arange(len(path)), "racer": racer.name, "x": path[:, 0], "y": path[:, 1], "loss": losses}
                )
            )
            states[racer.name] = MappingProxyType(racer_states)
            reached = np.flatnonzero(losses - surface.min_value <= surface.tolerance)
            rows.append(
                {
                    "racer": racer.name,
                    "final_loss": float("nan") if diverged_at else float(losses[-1]),
                    "best_loss": float(np.nanmin(losses)),
                    "steps_to_tolerance": int(reached[0]) if reached.size else pd.NA,
                    "diverged": diverged_at is not None,
                    "diverged_at": diverged_at if diverged_at is not None else pd.NA,
                }
            )
    leaderboard = pd.DataFrame(rows).astype({"steps_to_tolerance": "Int64", "diverged_at": "Int64"})
    leaderboard["_never"] = leaderboard["steps_to_tolerance"].isna()
    leaderboard = leaderboard.sort_values(
        ["diverged", "_never", "steps_to_tolerance", "final_loss"], kind="stable", na_position="last"
    ).drop(columns="_never").reset_index(drop=True)
    leaderboard.insert(0, "rank", np.arange(1, len(leaderboard) + 1))
    trajectories = pd.concat(frames, ignore_index=True)
    return RaceResult(trajectories, leaderboard, MappingProxyType(states), steps)


def with_velocities(result: RaceResult, racers: Sequence[Racer]) -> pd.DataFrame:
    """The trajectories plus Momentum's velocity ``vx, vy`` on the rows of SGD-with-momentum racers.

    In Keras's SGD the velocity is the step itself (``w = w + v``), so drawn from the
    racer's position it points where the racer is heading. Other rows get NaN.
    """
    frames = []
    for racer in racers:
        rows = result.trajectories[result.trajectories["racer"] == racer.name]
        velocity = result.states[racer.name].get("momentums") if racer.optimizer == "sgd" else None
        if velocity is not None:
            rows = rows.assign(vx=velocity[: len(rows), 0], vy=velocity[: len(rows), 1])
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)
