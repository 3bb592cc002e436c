"""AbandonWatch: a job counts as abandoned only after a sustained absence of its page."""

from __future__ import annotations

import time

import pytest

from rna_core.watch import AbandonWatch


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


def test_job_slots_refuse_beyond_capacity_and_free_finished_jobs() -> None:
    from rna_core.watch import JobSlots

    finished = {"a": False, "b": False}
    slots = JobSlots(2)
    assert slots.try_add(lambda: finished["a"])
    assert slots.try_add(lambda: finished["b"])
    assert not slots.try_add(lambda: False)
    assert slots.running() == 2
    finished["a"] = True
    assert slots.running() == 1
    assert slots.try_add(lambda: False)
    with pytest.raises(ValueError):
        JobSlots(0)
