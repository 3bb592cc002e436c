"""The background-job base: statuses, stop, failure, slots that cannot be raced, the abandonment watch."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from rna_core.jobs import AbandonWatch, BackgroundJob, JobFailure, JobSlots, ServerBusyError


def test_never_abandoned_without_a_watcher() -> None:
    assert AbandonWatch(None, abandon_after=0).abandoned() is False


def test_short_drop_is_forgiven_sustained_absence_is_not() -> None:
    answers = iter([False, True, False, False, False])
    watch = AbandonWatch(lambda: next(answers), abandon_after=0.05, check_every=0)
    assert not watch.abandoned()  # first False: starts the clock
    assert not watch.abandoned()  # back again: clock reset
    assert not watch.abandoned()  # gone again: clock restarts
    time.sleep(0.06)
    assert watch.abandoned()  # gone for longer than abandon_after
    assert watch.abandoned()  # and stays abandoned without asking again


def test_checks_are_throttled() -> None:
    calls = []
    watch = AbandonWatch(lambda: calls.append(1) or True, abandon_after=0, check_every=60)
    for _ in range(1000):
        watch.abandoned()
    assert len(calls) == 1


def test_negative_times_are_refused() -> None:
    with pytest.raises(ValueError):
        AbandonWatch(None, abandon_after=-1)


class Waiting(BackgroundJob):
    """A job whose work is waiting to be stopped (or failing, or finishing, on demand)."""

    def __init__(self, name: str = "waiting", outcome: str = "wait", **kwargs) -> None:
        super().__init__(name, **kwargs)
        self.outcome = outcome

    def run(self) -> None:
        if self.outcome == "fail":
            raise JobFailure("It went wrong on purpose.")
        if self.outcome == "crash":
            raise RuntimeError("boom")
        while self.outcome == "wait" and not self.should_stop():
            time.sleep(0.005)


def test_one_status_vocabulary_from_pending_to_each_end() -> None:
    job = Waiting()
    assert job.status == "pending" and job.progress().status == "pending" and not job.done
    job.start()
    assert job.status == "running"
    job.stop()
    assert job.wait(timeout=5) and job.status == "stopped" and job.progress().done
    finished = Waiting(outcome="finish").start()
    assert finished.wait(timeout=5) and finished.progress().status == "finished" and finished.progress().error is None
    failed = Waiting(outcome="fail").start()
    assert failed.wait(timeout=5) and failed.status == "failed"
    assert failed.progress().error == "It went wrong on purpose."
    crashed = Waiting(outcome="crash").start()
    assert crashed.wait(timeout=5) and "RuntimeError: boom" in crashed.progress().error
    with pytest.raises(ValueError, match="already been started"):
        crashed.start()


def test_an_abandoned_job_stops_itself_and_says_so() -> None:
    job = Waiting(is_watched=lambda: False, abandon_after=0.05).start()
    assert job.wait(timeout=5)
    progress = job.progress()
    assert progress.status == "stopped" and progress.abandoned


def test_slots_refuse_beyond_capacity_and_free_ended_jobs() -> None:
    slots = JobSlots({"training": 2, "tuning": 1})
    first, second = Waiting("a").start(slots), Waiting("b").start(slots)
    assert slots.running("training") == 2 and slots.jobs("training") == [first, second]
    with pytest.raises(ServerBusyError) as refused:
        Waiting("c").start(slots)
    assert refused.value.key == "app.server_busy" and refused.value.values == {"limit": 2}
    assert isinstance(refused.value, ValueError)
    first.stop()
    assert first.wait(timeout=5)
    assert slots.running("training") == 1
    third = Waiting("d").start(slots)
    assert slots.jobs("training") == [second, third]
    for job in (second, third):
        job.stop()
        job.wait(timeout=5)
    assert slots.running("training") == 0
    with pytest.raises(ValueError):
        JobSlots({"training": 0})


def test_failed_jobs_give_their_slot_back() -> None:
    slots = JobSlots({"training": 1})
    assert Waiting(outcome="crash").start(slots).wait(timeout=5)
    assert slots.running("training") == 0


def test_the_cap_holds_when_ten_sessions_press_start_together() -> None:
    slots = JobSlots({"training": 3})
    barrier = threading.Barrier(10)
    started, refused = [], []

    def press_start(index: int) -> None:
        job = Waiting(f"session {index}")
        barrier.wait()
        try:
            started.append(job.start(slots))
        except ServerBusyError:
            refused.append(job)

    threads = [threading.Thread(target=press_start, args=(index,)) for index in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(started) == 3 and len(refused) == 7
    assert slots.running("training") == 3 and all(job.status == "pending" for job in refused)
    for job in started:
        job.stop()
        job.wait(timeout=5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")
def test_a_job_runs_in_a_lower_priority_thread_than_the_pages() -> None:
    from rna_core.jobs import JOB_NICENESS

    seen: list[int] = []

    class Probe(BackgroundJob):
        def run(self) -> None:
            seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

        def progress(self):
            return self._progress_fields()

    assert Probe("probe").start().wait(timeout=5)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < JOB_NICENESS  # this thread is untouched
    assert seen == [JOB_NICENESS]
