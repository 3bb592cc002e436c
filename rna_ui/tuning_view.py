"""Rendering of a keras-tuner search's results for the "Tuner results" page.

Kept apart from ``pages/tuning.py`` so that the page stays a short conductor: this module
only turns a :class:`~rna_core.tuning.TuningResults` into Streamlit elements.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from rna_core.charts import localize
from rna_core.charts import tuning as charts
from rna_core.i18n import STRINGS, Translator
from rna_core.tuning.hypermodel import network_config
from rna_core.tuning.results import BASE_COLUMNS, TuningResults, trials_csv
from rna_core.tuning.space import HP_NAMES, hyperband_brackets
from rna_ui.session import PENDING_TRAINING_CONFIG
from rna_ui.shell import show_error
from rna_ui.widgets import number_table

TRAINING_PAGE = "pages/training.py"
_SHOWN = ("trial_id", "status", "score", *HP_NAMES, "epochs", "seconds", "bracket", "round", "promoted_from")


def labels(tr: Translator, results: TuningResults) -> dict[str, str]:
    """Translated names of the trials' columns (unknown hyperparameters keep their name)."""
    names = list(BASE_COLUMNS) + list(results.hyperparameters) + ["epoch", "value", "models", "planned",
                                                                   "new_epochs", "promoted", "best_score"]
    return {name: tr(f"tuning.col.{name}") if f"tuning.col.{name}" in STRINGS else name for name in names}


def fingerprint(results: TuningResults) -> str:
    """A short key that changes whenever the results do (for the caches below)."""
    trials = pd.util.hash_pandas_object(results.trials[["trial_id", "status", "score"]].astype(str), index=False)
    return f"{results.project_dir}:{int(trials.sum())}:{len(results.histories)}"


@st.cache_data(show_spinner=False, max_entries=16)
def hyperband_table(key: str, _results: TuningResults) -> pd.DataFrame:
    """Hyperband's rounds of one search (cached: a groupby over every trial)."""
    return _results.hyperband()


@st.cache_data(show_spinner=False, max_entries=64)
def chart_spec(kind: str, key: str, lang: str, options: tuple, _results: TuningResults,
               _names: dict[str, str], score_title: str) -> dict:
    """A chart of ``kind`` as a Vega-Lite spec, built once per results, language and options.

    Building and validating Altair charts takes a good part of a second on a busy server;
    the results of a search never change once read, so reruns reuse the spec.
    """
    done = _results.completed
    if kind == "parallel":
        chart = charts.parallel_coordinates(done, list(options), _names, score_title)
    elif kind == "scatter":
        best = _results.best
        chart = charts.score_vs_hyperparameters(done, list(options), _names, score_title,
                                                best_id=None if best is None else best["trial_id"])
    elif kind == "curves":
        chosen, metric = options
        chart = charts.learning_curves(_results.curves(list(chosen), metric), metric, _names)
    else:
        chart = charts.hyperband_chart(_results.trials, _names, score_title)
    return chart.to_dict()


def show_chart(tr: Translator, kind: str, results: TuningResults, names: dict[str, str], fp: str,
               options: tuple = (), stretch: bool = True) -> None:
    """Draw a cached chart spec (``fp`` is the results' :func:`fingerprint`)."""
    spec = chart_spec(kind, fp, tr.lang, options, results, names, tr("tuning.col.score"))
    st.vega_lite_chart(localize(spec, tr.lang), width="stretch" if stretch else "content")


def trials_table(tr: Translator, results: TuningResults, names: dict[str, str]) -> None:
    """The sortable table of trials, best first."""
    table = results.trials
    columns = [c for c in _SHOWN if c in table.columns] + [c for c in results.hyperparameters if c not in _SHOWN]
    if table["bracket"].isna().all():
        columns = [c for c in columns if c not in ("bracket", "round", "promoted_from")]
    view = table[columns].sort_values("score", ascending=results.direction == "min", na_position="last")
    view["status"] = view["status"].map(
        lambda status: tr(f"tuning.status.{status}") if f"tuning.status.{status}" in STRINGS else status)
    config = {name: names.get(name, name) for name in columns}
    config["score"] = st.column_config.ProgressColumn(names["score"], format="percent", min_value=0.0, max_value=1.0)
    config["seconds"] = st.column_config.NumberColumn(names["seconds"])
    spanish_numbers = number_table(tr, view, 4, {"seconds": ",.1f", "learning_rate": "g"})
    st.dataframe(spanish_numbers, hide_index=True, column_config=config, width="stretch")


def summary(tr: Translator, results: TuningResults) -> None:
    """Counts, best score and total time as metrics."""
    trials = results.trials
    best = results.best
    columns = st.columns(4)
    columns[0].metric(tr("tuning.metric.trials"), len(trials))
    columns[1].metric(tr("tuning.metric.completed"), len(results.completed))
    columns[2].metric(tr("tuning.metric.best"), tr.num(best['score'], ".2%") if best is not None else "—")
    seconds = trials["seconds"].sum(min_count=1)
    columns[3].metric(tr("tuning.metric.time"), f"{seconds:.0f} s" if pd.notna(seconds) else "—")


def best_card(tr: Translator, results: TuningResults, names: dict[str, str], key: str) -> None:
    """The best trial's hyperparameters, "train the best model" and the CSV download."""
    best = results.best
    values = results.best_values()
    with st.container(border=True):
        st.subheader(tr("tuning.best_header"))
        epochs = int(best["epochs"]) if pd.notna(best["epochs"]) else 1
        st.write(tr("tuning.best_trial", trial=best["trial_id"], score=float(best["score"]), epochs=epochs))
        # a table, not metric cards: a card cuts a long value ("rmsprop" -> "rmsp…") in a narrow column
        st.table(pd.DataFrame({
            tr("tuning.col.hyperparameter"): [names.get(name, name) for name in values],
            tr("tuning.col.value"): [tr.num(v, "g") if isinstance(v, float) else str(v) for v in values.values()],
        }).set_index(tr("tuning.col.hyperparameter")))
        left, right = st.columns(2)
        if left.button(tr("tuning.train_best"), help=tr("tuning.train_best_help"), key=f"{key}.train",
                       type="primary", icon=":material/model_training:"):
            try:
                seed = int(results.search.get("settings", {}).get("seed", 42))
                st.session_state[PENDING_TRAINING_CONFIG] = network_config(values, seed=seed, epochs=epochs)
            except (ValueError, TypeError) as error:
                show_error(error)
            else:
                try:
                    st.switch_page(TRAINING_PAGE)
                except StreamlitPageNotFoundError:  # a page run on its own (no navigation)
                    st.info(tr("tuning.no_training_page"))
        right.download_button(tr("tuning.download"), trials_csv(results), file_name="tuner_trials.csv",
                              mime="text/csv", key=f"{key}.csv", icon=":material/download:", on_click="ignore")


def hyperparameter_charts(tr: Translator, results: TuningResults, names: dict[str, str], fp: str) -> None:
    """Parallel coordinates and score against each hyperparameter."""
    drawn = tuple(charts.varying(results.completed, results.hyperparameters))
    st.markdown(f"**{tr('tuning.parallel_header')}**")
    show_chart(tr, "parallel", results, names, fp, drawn)
    st.caption(tr("tuning.parallel_caption"))
    st.markdown(f"**{tr('tuning.scatter_header')}**")
    show_chart(tr, "scatter", results, names, fp, drawn, stretch=False)


@st.fragment
def curves(tr: Translator, results: TuningResults, names: dict[str, str], key: str, fp: str) -> None:
    """Per-epoch learning curves of the chosen trials (its widgets rerun only this part)."""
    history = results.histories
    if history.empty:
        st.info(tr("tuning.no_curves"))
        return
    ranked = results.completed.sort_values("score", ascending=results.direction == "min")["trial_id"].tolist()
    have_history = set(history["trial_id"])
    with_history = [t for t in ranked if t in have_history]
    metrics = sorted(history["metric"].unique(), key=lambda m: (not m.startswith("val_"), m != "val_accuracy", m))
    left, right = st.columns([3, 1])
    chosen = left.multiselect(tr("tuning.curves_trials"), with_history, default=with_history[:5], key=f"{key}.trials")
    metric = right.selectbox(tr("tuning.curves_metric"), metrics, key=f"{key}.metric")
    show_chart(tr, "curves", results, names, fp, (tuple(chosen), metric))
    st.caption(tr("tuning.curves_caption"))


def hyperband(tr: Translator, results: TuningResults, names: dict[str, str], fp: str) -> None:
    """Hyperband's brackets and rounds, from the oracle's settings and the trials."""
    done = hyperband_table(fp, results)
    oracle = results.oracle
    if done.empty or "max_epochs" not in oracle:
        st.info(tr("tuning.not_hyperband"))
        return
    max_epochs, factor = int(oracle["max_epochs"]), int(oracle["factor"])
    plan = pd.DataFrame(hyperband_brackets(max_epochs, factor)).rename(columns={"models": "planned"})
    st.write(tr("tuning.hyperband_intro", factor=factor, max_epochs=max_epochs,
                min_epochs=int(plan["epochs"].min())))
    show_chart(tr, "hyperband", results, names, fp)
    st.caption(tr("tuning.hyperband_chart_caption"))
    table = plan.merge(done.drop(columns=["epochs"]), on=["bracket", "round"], how="left")
    table["models"] = table["models"].fillna(0).astype(int)
    columns = ["bracket", "round", "epochs", "planned", "models", "new_epochs", "promoted", "best_score"]
    config = {name: names.get(name, name) for name in columns}
    config["best_score"] = st.column_config.NumberColumn(names["best_score"], format="percent")
    st.dataframe(table[columns], hide_index=True, column_config=config, width="stretch")


def render(tr: Translator, results: TuningResults, key: str) -> None:
    """Everything about one search's results."""
    if results.skipped:
        st.warning(tr("tuning.skipped", count=len(results.skipped), files=", ".join(results.skipped)))
    summary(tr, results)
    if results.completed.empty:
        st.info(tr("tuning.no_trials"))
        return
    names = labels(tr, results)
    fp = fingerprint(results)
    best_card(tr, results, names, key)
    tabs = st.tabs([tr("tuning.tab.trials"), tr("tuning.tab.hyperparameters"), tr("tuning.tab.curves"),
                    tr("tuning.tab.hyperband")])
    with tabs[0]:
        st.caption(tr("tuning.trials_caption"))
        trials_table(tr, results, names)
    with tabs[1]:
        hyperparameter_charts(tr, results, names, fp)
    with tabs[2]:
        curves(tr, results, names, key, fp)
    with tabs[3]:
        hyperband(tr, results, names, fp)
