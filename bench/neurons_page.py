"""Rerun time of every interaction of the "Neurons and logic gates" page.

Run: ``python -m bench.neurons_page [--repeat N] [--lang en|es]``. Each interaction is
repeated ``N`` times through :func:`bench.common.page_rerun_timings` (AppTest: the
server-side work of a rerun, what the user waits for minus the network). Controls
alternate between values so every rerun really changes something; buttons are clicked
each time (the perceptron and the MLP really train again).

Besides wall-clock time, the CPU time of the process per rerun is reported (the time
between two consecutive actions, so it includes the action itself): on a shared,
loaded machine it is much steadier than wall-clock time.

Baseline, measured in the same run: the rerun of a page that only writes a title
(AppTest's own overhead plus ``setup_page``). Target: every median under 200 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.common import machine, page_rerun_timings
from rna_core.i18n import t

TARGET_MS = 200.0
PAGE = "pages/neurons.py"


def cycle(get: Callable[[AppTest], object], values: Iterable[object]) -> Callable[[AppTest], object]:
    """An action that sets a widget to the next of ``values`` on each call."""
    pending = itertools.cycle(list(values))
    return lambda at: get(at).set_value(next(pending))


def on_tab(tab: str, lang: str, action: Callable[[AppTest], object]) -> Callable[[AppTest], object]:
    """Make sure ``tab`` is open (a no-op after the first time), then do ``action``."""
    label = t(f"neurons.tab_{tab}", lang)

    def run(at: AppTest) -> object:
        if at.session_state["neurons.tab"] != label:
            at.session_state["neurons.tab"] = label
            at.run()
        return action(at)

    return run


def steps(at: AppTest) -> None:
    """Move the replay slider to the next step (wrapping around)."""
    slider = at.slider(key="neurons.p_step")
    slider.set_value((slider.value + 3) % (slider.max + 1))


def custom_cell() -> Callable[[AppTest], object]:
    """Choose the custom table (once), then flip the last row's output between 1, 2 (invalid) and 0."""
    values = itertools.cycle([2, 0, 1])

    def run(at: AppTest) -> None:
        if at.selectbox(key="neurons.p_gate").value != "custom":
            at.selectbox(key="neurons.p_gate").set_value("custom")
            at.run()
        at.number_input(key="neurons.p_custom_3").set_value(next(values))

    return run


def interactions(lang: str) -> list[tuple[str, Callable[[AppTest], object]]]:
    tabs = itertools.cycle([t("neurons.tab_perceptron", lang), t("neurons.tab_mlp", lang), t("neurons.tab_mp", lang)])
    mp, perceptron, mlp = ("mp", "perceptron", "mlp")
    return [
        ("M–P: threshold slider", on_tab(mp, lang, cycle(lambda at: at.slider(key="neurons.mp_threshold"), [1, 2]))),
        ("M–P: number of inputs", on_tab(mp, lang, cycle(lambda at: at.slider(key="neurons.mp_n"), [3, 4, 2]))),
        ("M–P: inhibitory inputs", on_tab(mp, lang, cycle(lambda at: at.multiselect(key="neurons.mp_inhibitory"),
                                                          [["x1"], ["x1", "x2"], []]))),
        ("M–P: inhibition mode", on_tab(mp, lang, cycle(lambda at: at.radio(key="neurons.mp_mode"),
                                                        ["subtractive", "absolute"]))),
        ("M–P: exhaustive search (button)", on_tab(mp, lang, lambda at: at.button(key="neurons.mp_search_button")
                                                   .click())),
        ("switch tab", lambda at: at.session_state.__setitem__("neurons.tab", next(tabs))),
        ("perceptron: gate (settings changed)", on_tab(perceptron, lang, cycle(
            lambda at: at.selectbox(key="neurons.p_gate"), ["XOR", "AND"]))),
        ("perceptron: train (button)", on_tab(perceptron, lang, lambda at: at.button(key="neurons.p_train").click())),
        ("perceptron: replay step slider", on_tab(perceptron, lang, steps)),
        ("perceptron: activation (settings changed)", on_tab(perceptron, lang, cycle(
            lambda at: at.radio(key="neurons.p_activation"), ["sign", "heaviside"]))),
        ("perceptron: learning rate η (settings changed)", on_tab(perceptron, lang, cycle(
            lambda at: at.number_input(key="neurons.p_lr"), [0.2, 0.1]))),
        ("perceptron: custom truth table cell", on_tab(perceptron, lang, custom_cell())),
        ("MLP: link to the playground (tab shown)", on_tab(mlp, lang, lambda at: None)),
    ]


class CpuClock:
    """Marks the process CPU time whenever an action starts: consecutive marks bound one rerun."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []

    def wrap(self, name: str, action: Callable[[AppTest], object]) -> Callable[[AppTest], object]:
        def run(at: AppTest) -> object:
            self.marks.append((name, time.process_time()))
            return action(at)

        return run

    def medians_ms(self) -> dict[str, float]:
        marks = [*self.marks, ("end", time.process_time())]
        spans: dict[str, list[float]] = {}
        for (name, start), (_, end) in itertools.pairwise(marks):
            spans.setdefault(name, []).append((end - start) * 1000.0)
        return {name: statistics.median(values) for name, values in spans.items()}


def baseline(repeat: int, lang: str) -> dict[str, float]:
    """Rerun time of a page that only calls ``setup_page`` and writes a title."""
    with tempfile.TemporaryDirectory() as directory:
        page = Path(directory) / "pages" / "title_only.py"
        page.parent.mkdir()
        page.write_text('from rna_ui.shell import setup_page\n\nsetup_page("neurons.title")\n', encoding="utf-8")
        return page_rerun_timings(str(page), [("title-only page", lambda at: None)], repeat=repeat, lang=lang)[
            "title-only page"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    base = baseline(args.repeat, args.lang)
    clock = CpuClock()
    actions = [(name, clock.wrap(name, action)) for name, action in interactions(args.lang)]
    results = page_rerun_timings(PAGE, actions, repeat=args.repeat, lang=args.lang)
    cpu = clock.medians_ms()
    print(f"machine: {machine()} · load average {' / '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(f"command: python -m bench.neurons_page --repeat {args.repeat} --lang {args.lang}")
    print(f"baseline (title-only page): median {base['median']:.1f} ms, p95 {base['p95']:.1f} ms")
    print("| interaction | wall median ms | wall p95 ms | CPU median ms | wall median / baseline | < 200 ms |")
    print("| --- | ---: | ---: | ---: | ---: | :---: |")
    for name, stats in results.items():
        ok = "yes" if stats["median"] < TARGET_MS else "**no**"
        print(f"| {name} | {stats['median']:.1f} | {stats['p95']:.1f} | {cpu[name]:.1f} | "
              f"{stats['median'] / base['median']:.1f}× | {ok} |")


if __name__ == "__main__":
    main()
