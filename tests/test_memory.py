"""The server's memory budget: measured memory, admissions that reserve, refusals that explain."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from rna_core.i18n import LANGUAGES, t
from rna_core.jobs import BackgroundJob, JobSlots, ServerBusyError
from rna_core.memory import MB, MemoryBudget, budget_from_environment, process_tree_rss


class Waiting(BackgroundJob):
    def run(self) -> None:
        while not self.should_stop():
            time.sleep(0.01)

    def progress(self):
        return self._progress_fields()


def test_the_process_tree_counts_a_childs_memory() -> None:
    alone = process_tree_rss()
    assert alone is not None and alone > 20 * MB
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; block = bytearray(150 * 2**20); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        with_child = process_tree_rss()
        assert with_child - alone > 140 * MB
        assert 140 * MB < process_tree_rss(child.pid) < 200 * MB
    finally:
        child.kill()
        child.wait()


def test_the_budget_admits_what_fits_and_refuses_the_rest() -> None:
    used = [1000 * MB]
    budget = MemoryBudget(2500 * MB, {"tuning": 700 * MB, "training": 250 * MB}, measure=lambda: used[0])
    assert budget.admit("tuning") is None  # 1000 + 700
    assert budget.admit("tuning") is None  # 1000 + 700 reserved + 700 = 2400
    assert budget.admit("tuning") == 2400 * MB  # would need 3100
    assert budget.admit("training") == 2400 * MB  # 2650 > 2500 too
    assert budget.admit("anything else") is None  # a kind with no cost always fits


def test_memory_that_shows_up_is_not_counted_twice() -> None:
    used = [1000 * MB]
    budget = MemoryBudget(3000 * MB, {"tuning": 700 * MB, "training": 250 * MB}, measure=lambda: used[0])
    assert budget.admit("tuning") is None and budget.admit("tuning") is None  # 1,400 MB reserved
    used[0] = 1900 * MB  # the two searches have loaded 900 of their 1,400 MB so far
    assert budget.admit("training") is None  # 1,900 + 500 still to come + 250 fits (not 1,900 + 1,400 + 250)
    used[0] = 2400 * MB  # the searches are fully loaded; the training not yet
    assert budget.admit("training") is None  # 2,400 + 250 reserved + 250 = 2,900
    assert budget.admit("training") == 2900 * MB  # one more would need 3,150


def test_a_reservation_ends_once_the_job_has_settled() -> None:
    budget = MemoryBudget(1000 * MB, {"tuning": 700 * MB}, measure=lambda: 200 * MB, settle_seconds=0.1)
    assert budget.admit("tuning") is None
    assert budget.admit("tuning") is not None
    time.sleep(0.15)  # by now the first job's memory shows in the measurement instead
    assert budget.admit("tuning") is None


def test_an_unknown_measurement_admits_everything() -> None:
    budget = MemoryBudget(1 * MB, {"tuning": 700 * MB}, measure=lambda: None)
    assert budget.admit("tuning") is None


def test_ten_sessions_pressing_start_together_cannot_overrun_the_budget() -> None:
    # Room for exactly 2 searches although the cap would allow 5: the budget decides.
    slots = JobSlots({"tuning": 5}, memory=MemoryBudget(2500 * MB, {"tuning": 700 * MB}, measure=lambda: 1000 * MB))
    barrier = threading.Barrier(10)
    started, refused = [], []

    def press_start(index: int) -> None:
        job = Waiting(f"session {index}")
        job.kind = "tuning"
        barrier.wait()
        try:
            started.append(job.start(slots))
        except ServerBusyError as error:
            refused.append(error)

    threads = [threading.Thread(target=press_start, args=(index,)) for index in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    try:
        assert len(started) == 2 and len(refused) == 8
        assert slots.running("tuning") == 2
        assert {error.key for error in refused} == {"app.server_memory"}
        assert refused[0].values == {"used": 2400, "limit": 2500}
    finally:
        for job in started:
            job.stop()
            job.wait(5)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_refusal_is_a_sentence_in_each_language(lang: str) -> None:
    slots = JobSlots({"training": 3}, memory=MemoryBudget(500 * MB, {"training": 250 * MB}, measure=lambda: 400 * MB))
    with pytest.raises(ServerBusyError) as refused:
        Waiting("late").start(slots)
    assert slots.running("training") == 0  # no slot was taken
    sentence = t(refused.value.key, lang, **refused.value.values)
    assert "400" in sentence and "500" in sentence and "{" not in sentence


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RNA_MEMORY_BUDGET_MB", raising=False)
    assert budget_from_environment({}).limit == 2500 * MB
    monkeypatch.setenv("RNA_MEMORY_BUDGET_MB", "1800")
    assert budget_from_environment({"tuning": 1}).limit == 1800 * MB
    monkeypatch.setenv("RNA_MEMORY_BUDGET_MB", "0")
    assert budget_from_environment({}) is None
    monkeypatch.setenv("RNA_MEMORY_BUDGET_MB", "lots")
    with pytest.raises(ValueError, match="whole number of megabytes"):
        budget_from_environment({})
    with pytest.raises(ValueError):
        MemoryBudget(0, {})
