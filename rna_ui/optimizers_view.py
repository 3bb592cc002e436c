"""The Optimizer race page's surface race: NumPy optimizers with Keras's rules race on a 2-D cost
surface, step by step, with the update rules and moving averages under it (the MNIST race is
:mod:`rna_ui.optimizers_mnist`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rna_core.charts import localize
from rna_core.charts.optimizers import (
    loss_chart,
    moving_average_chart,
    set_step,
    state_chart,
    surface_frame,
    surface_map,
)
from rna_core.formulas import OPTIMIZER_LATEX, effective_window, moving_average_weights
from rna_core.i18n import Translator
from rna_core.race import (
    MAX_STEPS,
    RACER_KINDS,
    STOCHASTIC_KINDS,
    default_racer,
    run_race,
    with_velocities,
)
from rna_core.surfaces import SURFACE_NAMES, get_surface
from rna_ui.shell import show_error
from rna_ui.streamlit_private import arrow_bytes
from rna_ui.widgets import shown

K = "optimizers."
KERAS_LR = {"sgd": 0.01, "rmsprop": 0.001, "adam": 0.001}  # keras.optimizers defaults
EXTRA = {"momentum": (("momentum", 0.9),), "rmsprop": (("rho", 0.9),), "adam": (("beta_1", 0.9), ("beta_2", 0.999))}
FRAMES = 30  # the animation shows the race in about this many frames
ARROW_SHARE = 0.12  # the longest velocity arrow spans this share of the map width


@st.cache_resource(max_entries=8, show_spinner=False)
def surface_of(name: str):
    return get_surface(name)


@st.cache_data(max_entries=8, show_spinner=False)
def grid_of(name: str) -> pd.DataFrame:
    surface = surface_of(name)
    return surface_frame(*surface.grid(50), surface.min_value)


@st.cache_resource(max_entries=32, show_spinner=False)
def race_of(name: str, racers: tuple, start: tuple, steps: int, seed: int):
    return run_race(surface_of(name), racers, start, steps, seed)


@st.cache_data(max_entries=32, show_spinner=False)
def chart_specs(_tr: Translator, name: str, racers: tuple, start: tuple, steps: int, seed: int, lang: str,
                ) -> tuple[dict, dict]:
    """The race's map and cost charts as Vega-Lite specs, built once; the page then only moves the step."""
    tr = _tr  # not hashed: ``lang`` stands for it
    surface, result = surface_of(name), race_of(name, racers, start, steps, seed)
    names = [racer.name for racer in racers]
    data = with_velocities(result, racers)
    longest = float(np.hypot(data["vx"], data["vy"]).max()) if "vx" in data else 0.0
    width = surface.bounds[1] - surface.bounds[0]
    scale = ARROW_SHARE * width / longest if longest > 0 else 0.0
    surface_chart = surface_map(grid_of(name), data, surface.landmarks(start), surface.bounds, surface.axis_names,
                                names, arrow_scale=scale, title=tr("optimizers.map_title"))
    cost = loss_chart(result.trajectories, surface.min_value, names, tr("optimizers.loss_axis"), tr("optimizers.step"),
                      tr("optimizers.loss_title"))
    return arrow_datasets(surface_chart), arrow_datasets(cost)


def arrow_datasets(spec: dict) -> dict:
    """Serialise the spec's datasets to Arrow once; Streamlit then sends the bytes as they are."""
    return {**spec, "datasets": {name: arrow_bytes(pd.DataFrame(rows))
                                 for name, rows in spec["datasets"].items()}}


def racer_controls(tr: Translator, kind: str, surface, name: str):
    """One row of widgets for one racer; returns its Racer, or None when switched off."""
    optimizer = RACER_KINDS[kind][0]
    label = tr(f"optimizers.racer.{kind}")
    key = f"{K}{name}.{kind}."
    if not st.checkbox(label, value=True, key=key + "on"):
        return None
    columns = iter(st.columns(3))
    overrides = {"learning_rate": next(columns).number_input(
        "learning_rate", value=surface.learning_rates[optimizer], step=surface.learning_rates[optimizer] / 2,
        format="%g", key=key + "lr", help=tr("optimizers.racers_help", default=KERAS_LR[optimizer]),
    )}
    for param, default in EXTRA.get(kind, ()):
        overrides[param] = next(columns).number_input(param, 0.0, 0.9999, default, 0.01, format="%g", key=key + param)
    if kind == "minibatch":
        overrides["batch_size"] = next(columns).number_input(
            tr("optimizers.batch_size"), 2, surface.n_samples - 1, 32, key=key + "n")
        epoch = surface.iterations_per_epoch(overrides["batch_size"])
        st.caption(tr("optimizers.epoch_note", batch=overrides["batch_size"], samples=surface.n_samples, iterations=epoch))
    return default_racer(kind, surface, name=label, **overrides)


def update_rules(tr: Translator) -> None:
    """The update rules under the race, Keras's variable names, and how far back a moving average looks."""
    st.subheader(tr("optimizers.rules_title"))
    st.markdown(tr("optimizers.rules_intro"))
    for kind in OPTIMIZER_LATEX:
        formulas, text = st.columns([3, 2], vertical_alignment="center")
        with formulas:
            for line in OPTIMIZER_LATEX[kind]:
                st.latex(line)
        text.markdown(f"**{tr(f'optimizers.rule.{kind}')}** · {tr(f'optimizers.rule_text.{kind}')}")
    st.markdown(f"**{tr('optimizers.ema_title')}**")
    text_column, chart_column = st.columns([1, 2])
    beta = text_column.select_slider(tr("optimizers.ema_beta"), (0.5, 0.8, 0.9, 0.95, 0.99), 0.9, key=K + "ema_beta",
                                     format_func=lambda value: tr.num(value, "g"))
    weights = moving_average_weights(beta, 60)
    text_column.latex(rf"\frac{{1}}{{1 - \beta}} = \frac{{1}}{{1 - {beta:g}}} = {effective_window(beta):g}")
    text_column.write(tr("optimizers.ema_text", beta=beta, window=effective_window(beta),
                         share=float(weights.loc[weights["inside"], "weight"].sum())))
    chart = moving_average_chart(weights, tr("optimizers.ema_ago"), tr("optimizers.ema_weight"),
                                 tr("optimizers.ema_inside"), tr("optimizers.ema_outside"))
    chart_column.altair_chart(localize(chart, tr.lang), width="stretch")


def on_play_switched(last: int) -> None:
    """Playing again from the finish line starts the replay from step 0."""
    if st.session_state.get(K + "playing") and st.session_state.get(K + "step", 0) >= last:
        st.session_state[K + "step"] = 0


def show_finish(tr: Translator, result, guess: str | None) -> None:
    winner = result.winner
    if winner is None:
        st.warning(tr("optimizers.no_winner"))
    elif guess is not None:
        message = "optimizers.guess_right" if guess == winner else "optimizers.guess_wrong"
        (st.success if guess == winner else st.info)(tr(message, guess=guess, winner=winner))
    board = result.leaderboard.assign(
        final_loss=[tr.num(loss, ".6g") if not diverged else "—" for loss, diverged in zip(
            result.leaderboard["final_loss"], result.leaderboard["diverged"], strict=True)],
        steps_to_tolerance=[str(steps) if pd.notna(steps) else "—" for steps in result.leaderboard["steps_to_tolerance"]],
        diverged=[tr("optimizers.at_step", step=step) if pd.notna(step) else "—" for step in result.leaderboard["diverged_at"]],
    )[["rank", "racer", "final_loss", "steps_to_tolerance", "diverged"]]
    st.dataframe(board.rename(columns=lambda c: tr(f"optimizers.col.{c}")), hide_index=True, width="stretch")
    for row in result.leaderboard[result.leaderboard["diverged"]].itertuples():
        st.warning(tr("optimizers.diverged_note", racer=row.racer, step=row.diverged_at))


def race_view(tr: Translator, result, surface, racers, names, start, seed, guess, playing: bool) -> None:
    """The animated part: play/pause, the step slider and every chart that depends on the step."""
    last = result.steps
    if st.session_state.get(K + "playing", False):  # the pause button may have just turned it off
        st.session_state[K + "step"] = min(last, st.session_state.get(K + "step", 0) + max(1, last // FRAMES))
        if st.session_state[K + "step"] >= last:
            st.session_state[K + "playing"] = False
    st.session_state[K + "step"] = min(st.session_state.get(K + "step", 0), last)
    play, slider = st.columns([1.7, 6], vertical_alignment="bottom")
    # A switch, not a button: its on/off state survives reruns that overlap on a busy server,
    # where a one-shot button click can be lost between two animation frames.
    now_playing = play.toggle(tr("optimizers.play"), shown(K + "playing"), key=K + "playing",
                              on_change=on_play_switched, args=(last,))
    step = slider.slider(tr("optimizers.step"), 0, last, shown(K + "step"), key=K + "step")
    surface_spec, cost_spec = chart_specs(tr, surface.name, racers, start, last, seed, tr.lang)
    st.vega_lite_chart(localize(set_step(surface_spec, step), tr.lang), width="stretch")
    st.vega_lite_chart(localize(set_step(cost_spec, step), tr.lang), width="stretch")
    state = result.state_at(step)
    st.markdown(f"**{tr('optimizers.state_title')}**")
    if state.empty:
        st.caption(tr("optimizers.no_state"))
    else:
        st.altair_chart(localize(state_chart(state.assign(axis=state["axis"].map(dict(enumerate(surface.axis_names)))), names), tr.lang))
        st.caption(tr("optimizers.state_caption"))
    st.subheader(tr("optimizers.leaderboard"))
    if step >= last:
        show_finish(tr, result, guess)
        st.caption(tr("optimizers.tolerance_note", tolerance=surface.tolerance))
    else:
        st.caption(tr("optimizers.wait_finish"))
    if now_playing != playing:
        st.rerun()  # start or stop the fragment's timer


def surface_race(tr: Translator) -> None:
    """The race on a 2-D surface: its settings and racers on the left, the race on the right."""
    controls, view = st.columns([1.2, 1.8], gap="medium")
    errors: list[ValueError] = []
    with controls:
        name = st.selectbox(tr("optimizers.surface"), SURFACE_NAMES, key=K + "surface",
                            format_func=lambda n: tr(f"optimizers.surface.{n}"))
        surface = surface_of(name)
        st.caption(tr(f"optimizers.about.{name}", x=surface.minimum[0], y=surface.minimum[1]))
        left, right, last_col = st.columns(3)
        start = (
            left.number_input(tr("optimizers.start_x", axis=surface.axis_names[0]), value=float(surface.start[0]),
                              step=0.1, format="%g", key=f"{K}{name}.x"),
            right.number_input(tr("optimizers.start_x", axis=surface.axis_names[1]), value=float(surface.start[1]),
                               step=0.1, format="%g", key=f"{K}{name}.y"),
        )
        steps = last_col.number_input(tr("optimizers.steps"), 0, MAX_STEPS, 300, 50, key=K + "steps")
        seed = st.number_input(tr("optimizers.seed"), 0, 10_000, 0, key=K + "seed") if surface.stochastic else 0
        if not surface.stochastic:
            st.caption(tr("optimizers.no_data_note"))
        racers = []
        with st.expander(tr("optimizers.racers"), expanded=True):
            for kind in RACER_KINDS:
                if surface.stochastic or kind not in STOCHASTIC_KINDS:
                    try:
                        racers.append(racer_controls(tr, kind, surface, name))
                    except ValueError as error:
                        errors.append(error)
        racers = tuple(racer for racer in racers if racer is not None)
        names = [racer.name for racer in racers]
        race_key = (name, racers, start, int(steps), int(seed))
        started = st.session_state.get(K + "started") == race_key  # the guess is locked once the race starts
        guess = st.radio(tr("optimizers.guess"), names, key=K + "guess", horizontal=True, disabled=started) if names else None
        if st.button(tr("optimizers.start"), type="primary", key=K + "start", icon=":material/flag:"):
            st.session_state.update({K + "started": race_key, K + "step": 0, K + "playing": True})
    with view:
        result = None
        for error in errors:
            show_error(error)
        if not errors:
            try:
                result = race_of(name, racers, start, int(steps), int(seed))
            except ValueError as error:
                show_error(error)
        if result is not None and st.session_state.get(K + "started") == race_key:  # also right after the click
            playing = bool(st.session_state.get(K + "playing", False))
            st.fragment(race_view, run_every=0.5 if playing else None)(
                tr, result, surface, racers, names, start, int(seed), guess, playing)
        elif result is not None:
            st.info(tr("optimizers.before_start"))
            empty = result.trajectories.iloc[0:0]
            st.vega_lite_chart(localize(surface_map(grid_of(name), empty, surface.landmarks(start), surface.bounds,
                                           surface.axis_names, names, title=tr("optimizers.map_title")), tr.lang),
                               width="stretch")
