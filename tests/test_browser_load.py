"""Many students at once (issue 9): 8 draw different digits while 2 train, on one real server.

One Chromium, one browser context (= one Streamlit session) per student, driven at once by
an asyncio Playwright loop (``bench.load``). Each drawer draws its own digit and must read
that digit, twice (clear in between); each trainer must see the results of its own first
run ("#1": sessions do not share a run counter); nobody sees an exception; the server's
resident memory (whole process tree, sampled every 0.2 s) stays under 2 GB. Timings are
measured by ``python -m bench.load``, not asserted here.
"""

from __future__ import annotations

import pytest

from bench.common import PeakSampler
from bench.load import SERVER_ENV, accuracy_value, run_scenario
from rna_core.i18n import t
from rna_core.memory import process_tree_rss

from .conftest import StreamlitServer

pytestmark = pytest.mark.browser

MEMORY_LIMIT = 2 * 1024**3
DRAWERS = [(digit, "en" if int(digit) % 2 == 0 else "es") for digit in "01234567"]
TRAINERS = ["en", "es"]


@pytest.fixture(scope="module")
def loaded_server(mnist_path):
    server = StreamlitServer(extra_env={**SERVER_ENV, "RNA_MNIST_PATH": mnist_path})
    yield server
    server.stop()


def test_eight_drawers_and_two_trainers_at_once(loaded_server) -> None:
    with PeakSampler(lambda: process_tree_rss(loaded_server.process.pid), 0.2) as memory:
        trainers, drawers = run_scenario(loaded_server.url, DRAWERS, TRAINERS, rounds=2)

    for result in drawers:
        assert result.read == [result.digit, result.digit], f"session drawing {result.digit} read {result.read}"
        assert result.exceptions == 0
    for result in trainers:
        label = f"{t('training.preset.fast', result.lang)} #1"
        heading = t("training.results_of", result.lang, label=label).replace("*", "")
        assert heading in result.results_text, result.results_text[-2000:]
        assert f"{t('training.preset.fast', result.lang)} #2" not in result.results_text  # own run counter
        assert accuracy_value(result.accuracy_text) > 0.5, result.accuracy_text  # 40 batches learn something
        assert result.exceptions == 0
    assert len(memory.samples) > 10
    assert memory.peak < MEMORY_LIMIT, f"server peak RSS {memory.peak / 2**20:.0f} MB"
    assert loaded_server.process.poll() is None  # the server survived
