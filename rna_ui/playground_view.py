"""The views of the Playground page: its link, its controls, the live network and its exports.

Kept apart from ``pages/playground.py`` so that the page stays a short conductor. This module
only reads and writes the page's session state (every key starts with ``playground.``) and
turns an :class:`~rna_core.playground.experiment.Experiment` into Streamlit elements; the
data, the network, the pictures and the Keras script come from :mod:`rna_core.playground`
and :mod:`rna_core.charts.playground`. Every view takes the page's translator ``tr`` first.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from rna_core import playground as pg
from rna_core.charts import localize
from rna_core.charts.playground import draw_chart, frame_images, history_spec, loss_spec
from rna_core.errors import LocalizedError
from rna_core.i18n import Translator
from rna_core.playground.custom import (
    add_point,
    check_points,
    is_regression,
    no_points,
    parse_csv,
    point_from_selection,
    usable_points,
)
from rna_core.playground.experiment import Experiment
from rna_core.playground.features import check_features
from rna_core.playground.formula import neuron_latex, neurons_of
from rna_core.playground.keras_code import to_keras_code
from rna_core.playground.settings import (
    BATCH_RANGE,
    LEARNING_RATES,
    NOISE_LEVELS,
    QUERY_KEYS,
    REGULARIZATION_RATES,
    SEED_MAX,
    TRAIN_PERCENT_RANGE,
    Settings,
)
from rna_ui.shell import show_error
from rna_ui.widgets import shown, shown_index

K = "playground."
EXPERIMENT, HISTORY, CUSTOM, SYNCED, LINK = (K + name for name in ("experiment", "history", "custom", "synced", "link"))
PLAYING = K + "playing"
# Pause between two refreshes while playing. Streamlit counts it from the end of a refresh, so
# the period is this plus the refresh itself (30-50 ms on a busy 2-core server): 8-9 per second.
REFRESH_PAUSE = 0.07
KEEP_RUNS = 5  # runs kept in the history
SPEEDS = (1, 2, 5, 10, 20)
_DEFAULTS = (("speed", 1), ("target", 0.0), ("show_test", False), ("discretize", False), ("paint", 0),
             ("paint_value", 0.5), ("playing", False), ("runs", 0))


def widget_state(settings: Settings) -> dict:
    """The widgets' session-state values (widget key -> value) that show ``settings``."""
    state = {K + "dataset": settings.dataset, K + "noise": settings.noise, K + "seed": settings.seed,
             K + "train": settings.train_percent, K + "batch": settings.batch_size,
             K + "features": list(settings.features), K + "n_layers": len(settings.layers),
             K + "activation": settings.activation, K + "lr": settings.learning_rate,
             K + "reg": settings.regularization, K + "rate": settings.regularization_rate,
             K + "loss": settings.loss, K + "optimizer": settings.optimizer}
    return state | {f"{K}units_{i}": units for i, units in enumerate(settings.layers)}


def widgets_from_link() -> None:
    """Set the widgets from the URL when a link is opened (or on the first visit), then fill defaults.

    Afterwards the widgets set the URL (:func:`link_from_widgets`). The browser may still show
    the link it opened for a run or two: that is no new link.
    """
    query = {key: st.query_params[key] for key in QUERY_KEYS.values() if key in st.query_params}
    if query != st.session_state.get(SYNCED) and query != st.session_state.get(LINK, (None, None, None))[2]:
        linked, rejected = Settings.from_query(query)
        st.session_state.update(widget_state(linked))
        st.session_state[LINK] = (linked, rejected, query)
    for key, default in _DEFAULTS:
        st.session_state.setdefault(K + key, default)


def link_from_widgets(tr: Translator, settings: Settings, notice) -> dict[str, str]:
    """Write ``settings`` into the URL; warn in ``notice`` while a bad link's fallbacks are shown.

    Parameters
    ----------
    tr : Translator
    settings : Settings
        What the widgets show.
    notice : streamlit container
        The placeholder at the top of the page that receives the warning.

    Returns
    -------
    dict of str to str
        The settings' query parameters (for :func:`share_panel`).
    """
    linked, rejected, _ = st.session_state[LINK]
    if rejected and settings == linked:
        notice.warning(tr("playground.bad_link", keys=", ".join(rejected)), icon=":material/link_off:")
    link_query = settings.to_query()
    for key, value in link_query.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    st.session_state[SYNCED] = link_query
    return link_query


def custom_points() -> tuple[np.ndarray, np.ndarray] | None:
    """The student's points when they form a valid data set, else None."""
    return usable_points(st.session_state.get(CUSTOM))


def _set_custom(points: tuple[np.ndarray, np.ndarray] | None) -> None:
    st.session_state[CUSTOM] = points
    st.session_state[K + "custom_version"] = st.session_state.get(K + "custom_version", 0) + 1
    st.session_state.pop(K + "custom_error", None)
    if points is not None and custom_points() is not None:
        st.session_state[K + "dataset"] = "custom"
    elif st.session_state.get(K + "dataset") == "custom":
        st.session_state[K + "dataset"] = Settings().dataset


def _on_click(key: str) -> None:
    point = point_from_selection(st.session_state.get(key))
    if point is None:
        return
    X, y = st.session_state.get(CUSTOM) or no_points()
    label = st.session_state[K + "paint_value"] if is_regression(y) else st.session_state[K + "paint"]
    try:
        _set_custom(add_point(X, y, *point, label))
    except LocalizedError as error:
        st.session_state[K + "custom_error"] = error


def _on_csv() -> None:
    upload = st.session_state.get(K + "csv")
    if upload is None:
        return
    try:
        _set_custom(parse_csv(upload.getvalue()))
    except LocalizedError as error:
        st.session_state[K + "custom_error"] = error


def _on_copy() -> None:
    stored = st.session_state.get(EXPERIMENT)
    if stored is not None:
        _set_custom((stored[0].X.copy(), stored[0].y.copy()))


def _on_regenerate() -> None:
    st.session_state[K + "seed"] = (st.session_state[K + "seed"] + 1) % (SEED_MAX + 1)


def own_points(tr: Translator) -> None:
    """The drawing plane, the CSV upload and the copy/clear buttons of the student's own points."""
    raw = st.session_state.get(CUSTOM)
    X, y = raw if raw is not None else no_points()
    regression = is_regression(y)
    st.caption(tr("playground.draw_help"))
    if regression:
        st.slider(tr("playground.paint_class"), -1.0, 1.0, shown(K + "paint_value"), step=0.1, key=K + "paint_value")
    else:
        st.radio(tr("playground.paint_class"), range(3), shown_index(K + "paint", range(3)), key=K + "paint", horizontal=True,
                 format_func=lambda c: tr(f"playground.class_name.{c}"))
    key = f"{K}draw_{st.session_state.get(K + 'custom_version', 0)}"  # a fresh chart after each click
    st.vega_lite_chart(draw_chart(X, y, 0 if regression else 3, size=220), on_select=partial(_on_click, key),
                       selection_mode="cell", key=key, width="content")
    st.caption(tr("playground.n_points", count=len(X)))
    if K + "custom_error" in st.session_state:
        show_error(st.session_state[K + "custom_error"])
    elif raw is not None and custom_points() is None:
        try:
            check_points(*raw)
        except LocalizedError as error:
            show_error(error)
    st.file_uploader(tr("playground.csv"), type=["csv", "txt"], key=K + "csv", on_change=_on_csv,
                     help=tr("playground.csv_help"))
    left, right = st.columns(2)
    left.button(tr("playground.copy_points"), key=K + "copy", on_click=_on_copy, icon=":material/content_copy:")
    right.button(tr("playground.clear_points"), key=K + "clear", on_click=_set_custom, args=(None,),
                 icon=":material/delete:")


def controls(tr: Translator) -> Settings | None:
    """The data, input and network widgets.

    Returns
    -------
    Settings or None
        The settings the widgets show; None (after an error message) if no feature is chosen.
    """
    st.subheader(tr("playground.section_data"))
    options = [*pg.DATASETS, *(["custom"] if custom_points() is not None else [])]
    if st.session_state.get(K + "dataset") not in options:
        st.session_state[K + "dataset"] = Settings().dataset
    st.selectbox(tr("playground.dataset"), options, shown_index(K + "dataset", options), key=K + "dataset",
                 format_func=lambda n: tr(f"playground.ds.{n}"))
    st.select_slider(tr("playground.noise"), NOISE_LEVELS, shown(K + "noise"), key=K + "noise",
                     format_func=lambda v: tr.num(v, ".2f"))
    left, right = st.columns(2)
    left.slider(tr("playground.train_percent"), *TRAIN_PERCENT_RANGE, shown(K + "train"), step=5, key=K + "train")
    right.slider(tr("playground.batch"), *BATCH_RANGE, shown(K + "batch"), key=K + "batch")
    left, right = st.columns(2, vertical_alignment="bottom")
    left.number_input(tr("playground.seed"), 0, SEED_MAX, shown(K + "seed"), key=K + "seed")
    right.button(tr("playground.regenerate"), key=K + "regenerate", on_click=_on_regenerate, icon=":material/refresh:")
    with st.expander(tr("playground.own_points"), icon=":material/ads_click:"):
        own_points(tr)
    st.subheader(tr("playground.section_features"))
    st.pills(tr("playground.features"), list(pg.FEATURES), selection_mode="multi", default=shown(K + "features"),
             key=K + "features",
             format_func=lambda name: pg.FEATURES[name].label, help=tr("playground.features_help"), width="stretch",
             wrap=True)
    st.subheader(tr("playground.section_network"))
    n_layers = st.slider(tr("playground.n_layers"), 0, pg.MAX_LAYERS, shown(K + "n_layers"), key=K + "n_layers")
    columns = st.columns(3) if n_layers else []
    for i in range(n_layers):
        st.session_state.setdefault(f"{K}units_{i}", 4)
        columns[i % 3].number_input(tr("playground.units", layer=i + 1), 1, pg.MAX_UNITS, shown(f"{K}units_{i}"),
                                    key=f"{K}units_{i}",
                                    help=tr("playground.units_help"))
    left, right = st.columns(2)
    left.selectbox(tr("playground.activation"), pg.PLAYGROUND_ACTIVATIONS,
                   shown_index(K + "activation", pg.PLAYGROUND_ACTIVATIONS), key=K + "activation",
                   format_func=lambda name: tr(f"playground.act.{name}"))
    right.selectbox(tr("playground.optimizer"), pg.PLAYGROUND_OPTIMIZERS,
                    shown_index(K + "optimizer", pg.PLAYGROUND_OPTIMIZERS), key=K + "optimizer",
                    format_func=lambda name: tr(f"playground.opt.{name}"))
    st.select_slider(tr("playground.learning_rate"), LEARNING_RATES, shown(K + "lr"), key=K + "lr",
                     format_func=lambda v: tr.num(v, "g"))
    left, right = st.columns(2)
    left.selectbox(tr("playground.regularization"), pg.REGULARIZERS, shown_index(K + "reg", pg.REGULARIZERS), key=K + "reg",
                   format_func=lambda name: tr(f"playground.reg.{name}"))
    right.select_slider(tr("playground.reg_rate"), REGULARIZATION_RATES, shown(K + "rate"), key=K + "rate",
                        format_func=lambda v: tr.num(v, "g"))
    st.radio(tr("playground.loss"), pg.LOSS_CHOICES, shown_index(K + "loss", pg.LOSS_CHOICES), key=K + "loss", horizontal=True,
             format_func=lambda name: tr(f"playground.loss.{name}"), help=tr("playground.loss_help"))
    s = st.session_state
    if not s[K + "features"]:
        show_error(LocalizedError("Choose at least one input feature.", "playground.error_features"))
        return None
    return Settings(
        dataset=s[K + "dataset"], noise=s[K + "noise"], seed=int(s[K + "seed"]), train_percent=s[K + "train"],
        batch_size=s[K + "batch"], features=check_features(s[K + "features"]),
        layers=tuple(int(s[f"{K}units_{i}"]) for i in range(n_layers)), activation=s[K + "activation"],
        learning_rate=s[K + "lr"], regularization=s[K + "reg"], regularization_rate=s[K + "rate"],
        loss=s[K + "loss"], optimizer=s[K + "optimizer"])


def run_label(tr: Translator, experiment: Experiment) -> str:
    """The name of ``experiment`` in the history chart: its number in the session, settings and test loss."""
    settings = experiment.settings
    st.session_state[K + "runs"] += 1
    return tr("playground.run_label", number=st.session_state[K + "runs"], dataset=tr(f"playground.ds.{settings.dataset}"),
              layers="-".join(map(str, settings.layers)) or tr("playground.no_hidden"),
              activation=tr(f"playground.act.{settings.activation}"), optimizer=tr(f"playground.opt.{settings.optimizer}"),
              rate=tr.num(settings.learning_rate, "g"), epochs=experiment.epoch, loss=experiment.test_losses[-1])


def _custom_version(settings: Settings) -> int | None:
    return st.session_state.get(K + "custom_version") if settings.dataset == "custom" else None


def new_run(tr: Translator, settings: Settings) -> Experiment:
    """Keep the current run in the history (if it trained) and start a fresh one.

    Returns
    -------
    Experiment
        The fresh run with ``settings``, also stored in the session.
    """
    stored = st.session_state.get(EXPERIMENT)
    if stored is not None and stored[0].epoch > 0:
        history = st.session_state.setdefault(HISTORY, [])
        history.append(stored[0].record(run_label(tr, stored[0])))
        del history[:-KEEP_RUNS]
    version = _custom_version(settings)
    experiment = Experiment.create(settings, custom_points() if settings.dataset == "custom" else None)
    st.session_state[EXPERIMENT] = (experiment, version)
    return experiment


def current_run(tr: Translator, settings: Settings) -> Experiment:
    """The run to show: the session's, continued with ``settings`` if it can be, else :func:`new_run`."""
    stored = st.session_state.get(EXPERIMENT)
    version = _custom_version(settings)
    if stored is not None and stored[1] == version and stored[0].can_continue_with(settings):
        stored[0].continue_with(settings)
        return stored[0]
    return new_run(tr, settings)


def neuron_name(tr: Translator, neuron: tuple[int, int], network: pg.Network) -> str:
    """The menu name of ``neuron`` (``(layer, index)``, layers from 1): hidden neuron, class or output."""
    layer, index = neuron
    if layer <= len(network.layers):
        return tr("playground.neuron_label", layer=layer, index=index + 1)
    return tr("playground.output_class", index=index) if network.outputs > 1 else tr("playground.output_label")


def live_view(tr: Translator, playing: bool) -> None:
    """Everything that moves while the network trains (a fragment, rerun about 8 times a second).

    Parameters
    ----------
    tr : Translator
    playing : bool
        Whether "play" was on when the fragment was set up (a change restarts the page).
    """
    experiment = st.session_state[EXPERIMENT][0]
    target = float(st.session_state[K + "target"]) or None
    if st.session_state[PLAYING] and experiment.advance(st.session_state[K + "speed"], target):
        st.session_state[PLAYING] = False  # the target is reached: pause
    buttons = st.columns([0.9, 1.4, 1.2, 1.5, 1.5], vertical_alignment="bottom")
    now_playing = buttons[0].toggle(tr("playground.play"), shown(PLAYING), key=PLAYING)
    if buttons[1].button(tr("playground.step"), key=K + "step", icon=":material/skip_next:"):
        experiment.advance(1)
    if buttons[2].button(tr("playground.reset"), key=K + "reset", icon=":material/restart_alt:"):
        experiment = new_run(tr, experiment.settings)
    buttons[3].select_slider(tr("playground.speed"), SPEEDS, shown(K + "speed"), key=K + "speed")
    buttons[4].number_input(tr("playground.target"), 0.0, 10.0, shown(K + "target"), step=0.01, format="%.3f",
                            key=K + "target",
                            help=tr("playground.target_help"))
    if experiment.reached(target):
        st.success(tr("playground.reached", loss=experiment.test_losses[-1], target=target, epoch=experiment.epoch),
                   icon=":material/flag:")
    metrics = st.columns(4)
    metrics[0].metric(tr("playground.epoch"), tr.num(experiment.epoch, ",d"))
    metrics[1].metric(tr("playground.train_loss"), tr.num(experiment.train_losses[-1], ".3f"))
    metrics[2].metric(tr("playground.test_loss"), tr.num(experiment.test_losses[-1], ".3f"))
    if experiment.classes:
        metrics[3].metric(tr("playground.test_accuracy"), tr.num(experiment.accuracy("test"), ".1%"))
    pictures(tr, experiment)
    loss_charts(tr, experiment)
    if now_playing != playing:
        st.rerun()  # start or stop the fragment's timer


def pictures(tr: Translator, experiment: Experiment) -> None:
    """The network, the output map (and its toggles), the chosen neuron's formula and picture."""
    network_column, map_column = st.columns([2.2, 1])
    formula_column, neuron_column = st.columns([2.2, 1])
    neurons = neurons_of(experiment.network)
    if st.session_state.get(K + "neuron") not in neurons:
        st.session_state[K + "neuron"] = neurons[0]
    with formula_column:
        selected = st.selectbox(tr("playground.neuron"), neurons, shown_index(K + "neuron", neurons), key=K + "neuron",
                                format_func=lambda n: neuron_name(tr, n, experiment.network))
        st.latex(neuron_latex(experiment.network, *selected))
        st.caption(tr("playground.neuron_caption"))
    with map_column:
        st.toggle(tr("playground.show_test"), shown(K + "show_test"), key=K + "show_test")
        st.toggle(tr("playground.discretize"), shown(K + "discretize"), key=K + "discretize")
    network_png, map_png, neuron_png = frame_images(
        experiment, [pg.FEATURES[name].label for name in experiment.network.features],
        show_test=st.session_state[K + "show_test"], discrete=st.session_state[K + "discretize"], selected=selected)
    network_column.image(network_png, caption=tr("playground.network_caption"))
    map_column.image(map_png, caption=tr("playground.map_caption"))
    neuron_column.image(neuron_png)


def loss_charts(tr: Translator, experiment: Experiment) -> None:
    """The loss in use, its curves per epoch and, once there are earlier runs, the runs' history."""
    st.caption(tr("playground.loss_now", output=experiment.network.output_activation,
                  loss=experiment.network.loss_name))
    chart = loss_spec(experiment.train_losses, experiment.test_losses, train_label=tr("playground.set_train"),
                      test_label=tr("playground.set_test"), epoch_title=tr("playground.chart_epoch"),
                      loss_title=tr("playground.chart_loss"))
    st.vega_lite_chart(localize(chart, tr.lang), width="stretch")
    runs = [(record.label, record.test_losses) for record in st.session_state.get(HISTORY, [])]
    if runs:
        st.markdown(f"**{tr('playground.history')}**")
        runs.append((tr("playground.current_run"), experiment.test_losses))
        st.vega_lite_chart(localize(history_spec(runs, epoch_title=tr("playground.chart_epoch"),
                                                 loss_title=tr("playground.chart_test_loss")), tr.lang), width="stretch")
        st.caption(tr("playground.history_help"))


def code_panel(tr: Translator, settings: Settings, experiment: Experiment) -> None:
    """The expander with the run as a Keras script (``experiment``'s epochs so far, at least 100)."""
    with st.expander(tr("playground.code"), icon=":material/code:"):
        epochs = max(experiment.epoch, 100)
        st.caption(tr("playground.code_caption", epochs=epochs))
        st.code(to_keras_code(settings, experiment.classes, epochs=epochs, custom=custom_points()), language="python")


def share_panel(tr: Translator, settings: Settings, link_query: dict[str, str]) -> None:
    """The expander with the link that opens this experiment.

    Parameters
    ----------
    tr : Translator
    settings : Settings
        The run's settings.
    link_query : dict of str to str
        Their query parameters (:func:`link_from_widgets`).
    """
    with st.expander(tr("playground.share"), icon=":material/share:"):
        base = (st.context.url or "").split("?")[0] or "/playground"
        st.code(f"{base}?{urlencode({**link_query, 'lang': tr.lang})}", language=None)
        st.caption(tr("playground.share_help"))
        if settings.dataset == "custom":
            st.caption(tr("playground.share_custom"))
