"""A page's keras-tuner search as a background job: folders, slots, stop, failure, orphans.

The searches here run a stand-in command (a short Python process), so the tests exercise
the job, the subprocess handling and the caps without TensorFlow.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from rna_core.files import write_json
from rna_core.jobs import JobSlots, ServerBusyError
from rna_core.tuning import SearchSettings, SearchSpace
from rna_core.tuning.results import read_status
from rna_core.tuning.search_job import SearchJob, cleanup_runs, new_run_name, reap_orphans

from .conftest import ROOT

SLEEP = [sys.executable, "-c", "import time; time.sleep(60)"]


def stand_in(tmp_path, command: list[str], name: str | None = None) -> SearchJob:
    return SearchJob(SearchSpace(), SearchSettings(), root=tmp_path, name=name, command=command)


def test_two_searches_never_share_a_folder(tmp_path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(ValueError, match="already exists"):
        stand_in(tmp_path, SLEEP, name="taken")
    assert len({new_run_name() for _ in range(100)}) == 100


def test_real_search_command_knows_its_server() -> None:
    job = SearchJob(SearchSpace(), SearchSettings(), root=ROOT / "test-artifacts" / "runs")
    try:
        assert job.command[job.command.index("--parent-pid") + 1] == str(os.getpid())
        assert job.command[1:4] == ["-m", "rna_core.tuning", "search"]
    finally:
        job.remove()


def test_a_stopped_search_ends_its_process_and_frees_its_slot(tmp_path) -> None:
    slots = JobSlots({"tuning": 1})
    job = stand_in(tmp_path, SLEEP).start(slots)
    for _ in range(100):
        if job.process is not None:
            break
        time.sleep(0.05)
    assert job.running and slots.running("tuning") == 1
    job.stop()
    assert job.wait(timeout=20)
    assert job.status == "stopped" and job.process.poll() is not None
    assert read_status(job.run_dir)["state"] == "stopped"
    assert slots.running("tuning") == 0
    job.remove()
    assert not job.run_dir.exists()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX niceness")
def test_a_search_runs_niced_so_pages_keep_the_cpu(tmp_path) -> None:
    from rna_core.tuning.search_job import SEARCH_NICENESS

    job = stand_in(tmp_path, SLEEP).start()
    try:
        for _ in range(100):
            if job.process is not None:
                break
            time.sleep(0.05)
        assert os.getpriority(os.PRIO_PROCESS, 0) < SEARCH_NICENESS  # the server itself is not niced
        assert os.getpriority(os.PRIO_PROCESS, job.process.pid) == SEARCH_NICENESS
    finally:
        job.stop()
        job.wait(timeout=20)
        job.remove()


def test_a_failing_search_reports_its_exit_code_and_log(tmp_path) -> None:
    job = stand_in(tmp_path, [sys.executable, "-c", "print('no MNIST here'); raise SystemExit(3)"]).start()
    assert job.wait(timeout=20)
    assert job.status == "failed" and "exit code 3" in job.progress().error
    assert "no MNIST here" in job.log_tail()


def test_a_search_whose_tab_is_gone_stops_itself(tmp_path) -> None:
    job = SearchJob(SearchSpace(), SearchSettings(), root=tmp_path, command=SLEEP,
                    is_watched=lambda: False, abandon_after=0.2).start()
    assert job.wait(timeout=20)
    assert job.progress().abandoned and job.status == "stopped"


def test_the_search_cap_holds_when_ten_sessions_press_start_together(tmp_path) -> None:
    slots = JobSlots({"tuning": 2})
    barrier = threading.Barrier(10)
    started, refused = [], []
    jobs = [stand_in(tmp_path, SLEEP) for _ in range(10)]

    def press_start(job: SearchJob) -> None:
        barrier.wait()
        try:
            started.append(job.start(slots))
        except ServerBusyError as error:
            refused.append((job, error))

    threads = [threading.Thread(target=press_start, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(started) == 2 and len(refused) == 8
        assert all(error.key == "tuning.busy" for _, error in refused)
        assert all(not job.run_dir.exists() for job, _ in refused)  # a refused start leaves no folder
        assert sorted(path.name for path in tmp_path.iterdir()) == sorted(job.run_dir.name for job in started)
    finally:
        for job in started:
            job.stop()
            job.wait(timeout=20)
    assert slots.running("tuning") == 0


def test_a_search_ends_itself_when_its_server_is_gone(tmp_path) -> None:
    """The search's parent (the server) dies: the search notices and stops within seconds."""
    child = (
        "import sys, time; from rna_core.tuning.__main__ import _end_with_parent\n"
        "_end_with_parent(int(sys.argv[1]), every=0.1)\n"
        "time.sleep(60)\n"
    )
    server = (
        "import os, subprocess, sys\n"
        f"child = subprocess.Popen([sys.executable, '-c', {child!r}, str(os.getpid())], start_new_session=True)\n"
        "print(child.pid, flush=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", server], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    pid = int(result.stdout.strip())
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the search outlived its server")


def test_orphans_of_a_crashed_server_are_cleaned_up(tmp_path) -> None:
    orphan = subprocess.Popen(SLEEP, start_new_session=True)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    try:
        write_json(tmp_path / "run-orphan" / "status.json", {"state": "running", "pid": orphan.pid, "parent": gone.pid})
        write_json(tmp_path / "run-dead" / "status.json", {"state": "running", "pid": gone.pid, "parent": gone.pid})
        write_json(tmp_path / "run-alive" / "status.json", {"state": "running", "pid": os.getpid(),
                                                             "parent": os.getppid()})
        cleaned = reap_orphans(tmp_path)
        assert sorted(path.name for path in cleaned) == ["run-dead", "run-orphan"]
        assert orphan.wait(timeout=10) is not None
        assert read_status(tmp_path / "run-orphan")["state"] == "stopped"
        assert read_status(tmp_path / "run-alive")["state"] == "running"
    finally:
        if orphan.poll() is None:
            orphan.kill()


def test_old_run_folders_are_cleaned_up(tmp_path) -> None:
    from rna_core.tuning.synthetic import write_synthetic_search

    old, recent = tmp_path / "run-old", tmp_path / "run-new"
    for folder in (old, recent):
        write_synthetic_search(folder / "search", 2)
    past = time.time() - 2 * 24 * 3600
    for path in [old, *old.rglob("*")]:
        os.utime(path, (past, past))
    assert cleanup_runs(tmp_path) == [old]
    assert not old.exists() and recent.exists()
