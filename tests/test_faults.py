"""Faults (issue 9): a training stopped mid-epoch, a tab closed mid-training, a process killed
while it saves a model.

Killing a tuner search and resuming it is covered at core level by
``tests/test_tuning_search.py::test_killed_search_resumes_without_repeating_finished_trials``.
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from rna_core import files, model_files, models
from rna_core.i18n import t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle
from .conftest import ROOT, StreamlitServer

ALERT = '[data-testid="stAlert"]'

# --------------------------------------------------------------------------- writer killed


class FakeModel:
    """Just what ``save_safe`` reads from a Keras model: its weights and input shape.

    Every weight equals ``marker``, so a loaded model tells which save its weights came from.
    """

    def __init__(self, hidden: int, marker: float) -> None:
        shapes = [(784, hidden), (hidden,), (hidden, 10), (10,)]
        self._weights = [np.full(shape, marker, dtype=np.float32) for shape in shapes]
        self.inputs = [np.zeros((1, 784), dtype=np.float32)]

    def get_weights(self) -> list[np.ndarray]:
        return self._weights


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from rna_core.model_files import save_safe
    from rna_core.models import NetworkConfig
    from tests.test_faults import FakeModel

    target, first = sys.argv[1], int(sys.argv[2])
    for marker in range(first, first + 10_000):
        hidden = 64 if marker % 2 else 96  # alternate two architectures
        save_safe(FakeModel(hidden, marker), NetworkConfig(hidden_layers=(hidden,), seed=marker), target)
        if marker == first:
            print("saved", flush=True)
""")


def saved_pair(directory: Path) -> tuple[int, float] | None:
    """Read the saved model files byte by byte: None if absent, else (config seed, weight marker).

    Each file must be complete and valid on its own (``parse_*`` raise ValueError otherwise).
    """
    config_path, weights_path = directory / model_files.CONFIG_FILE, directory / model_files.WEIGHTS_FILE
    if not config_path.exists() and not weights_path.exists():
        return None
    config, _ = model_files.parse_config_json(config_path.read_bytes())
    weights = model_files.parse_weights_npz(weights_path.read_bytes())
    markers = {float(value) for array in weights for value in np.unique(array)}
    assert len(markers) == 1, f"weights from several saves in one file: {sorted(markers)[:5]}"
    return config.seed, markers.pop()


def test_writer_killed_at_random_moments_never_leaves_a_half_written_file(tmp_path) -> None:
    target = tmp_path / "model"
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT)))
    rng = random.Random(9)
    for round_ in range(25):
        process = subprocess.Popen([sys.executable, str(script), str(target), str(1000 * (round_ + 1))],
                                   stdout=subprocess.PIPE, cwd=ROOT)
        assert process.stdout.readline().strip() == b"saved"
        # wait a random time (several saves happen), then kill without warning
        try:
            process.wait(timeout=rng.uniform(0.0, 0.25))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        pair = saved_pair(target)  # raises if a file is half-written
        if pair is None:  # killed between the two renames that swap the folder in: a clear "not found"
            with pytest.raises(ValueError, match="No config.json"):
                model_files.load_safe(target)
        else:
            assert pair[0] == int(pair[1]), f"config of save {pair[0]} beside the weights of save {pair[1]}"
        leftovers = [p.name for p in target.iterdir() if p.name not in (model_files.CONFIG_FILE, model_files.WEIGHTS_FILE)] \
            if target.exists() else []
        # a kill mid-save can orphan a temporary file or folder, but it is hidden and never read as the model
        assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers
        assert all(p.name.startswith(".") for p in tmp_path.iterdir() if p.name not in ("model", "writer.py"))


def test_crash_between_the_two_files_keeps_a_consistent_model(tmp_path, monkeypatch) -> None:
    target = tmp_path / "model"
    model_files.save_safe(FakeModel(64, 1.0), models.NetworkConfig(hidden_layers=(64,), seed=1), target)
    assert saved_pair(target) == (1, 1.0)

    real_write = files.atomic_write

    def crash_before_config(path, data):  # the process dies right after the weights are in place
        if Path(path).name == model_files.CONFIG_FILE:
            raise SystemExit("killed")
        real_write(path, data)

    monkeypatch.setattr(files, "atomic_write", crash_before_config)
    with pytest.raises(SystemExit):
        model_files.save_safe(FakeModel(96, 2.0), models.NetworkConfig(hidden_layers=(96,), seed=2), target)
    monkeypatch.undo()
    # Either the old model or the new one, complete; never new weights with the old settings.
    assert saved_pair(target) in [(1, 1.0), (2, 2.0)]


# --------------------------------------------------------------------------- training stopped


@pytest.fixture(scope="module")
def five_epoch_server(mnist_path):
    """A server whose trainings run 5 epochs: long enough to stop one mid-way on a fast backend."""
    server = StreamlitServer(extra_env={"KERAS_MAX_EPOCHS": "5", "RNA_MNIST_PATH": mnist_path})
    yield server
    server.stop()


@pytest.mark.browser
def test_stop_a_training_mid_epoch_then_train_again(five_epoch_server, page) -> None:
    lang = "en"
    open_app(page, five_epoch_server.url, "training", lang=lang)
    # the course recipe (batch 32: 1,875 batches an epoch, 5 epochs here) leaves time to stop mid-epoch
    page.get_by_text(t("training.preset.course", lang), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("training.start", lang)).click()
    stop = page.get_by_role("button", name=t("training.stop", lang))
    expect(stop).to_be_visible(timeout=90_000)
    expect(page.locator('[data-testid="stProgress"]')).to_be_visible()
    # wait until batches are running (the progress text names the epoch), then stop at least two
    # epochs before the end (the server compiled the recipe ahead of time: an epoch may pass
    # between two polls)
    expect(page.locator('[data-testid="stProgress"]')).to_contain_text(
        re.compile(r"Epoch [123] of 5 · batch [1-9]"), timeout=90_000)
    stop.click()
    status = page.locator('[data-testid="stMetric"]').filter(has_text=t("training.status", lang)).first
    expect(status).to_contain_text(t("training.status.stopped", lang), timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    # the progress names the batch the stop reached (mid-epoch as a rule; on a fast backend the
    # click may land as an epoch ends: the accounting of both is unit-tested in test_training.py)
    progress_text = page.locator('[data-testid="stProgress"]').inner_text()
    reached = re.search(r"Epoch [1-5] of 5 · batch ([\d,]+) of 1,875", progress_text)
    assert reached and 1 <= int(reached.group(1).replace(",", "")) <= 1875, progress_text
    screenshot(page, "faults-training-stopped")

    start = page.get_by_role("button", name=t("training.start", lang))
    expect(start).to_be_enabled(timeout=30_000)
    start.click()
    label = f"{t('training.preset.course', lang)} #2"
    results = page.get_by_text(t("training.results_of", lang, label=label).replace("*", ""))
    expect(results).to_be_visible(timeout=240_000)
    wait_idle(page)
    expect(status).to_contain_text(t("training.status.finished", lang))
    assert_no_exception(page)
    screenshot(page, "faults-training-restarted")


# --------------------------------------------------------------------------- tab closed


@pytest.mark.browser
def test_closing_the_tab_ends_its_training_and_frees_its_slot(browser, mnist_path) -> None:
    """With one training slot per server, a 100-epoch run whose tab is closed must give it back.

    The run would take half an hour; the slot coming back within a couple of minutes proves the
    job ended by itself (its session is gone: ``rna_core.jobs.AbandonWatch``) rather than by finishing.
    """
    lang = "en"
    env = {"KERAS_MAX_EPOCHS": "100", "RNA_MAX_RUNNING_JOBS": "1", "RNA_MNIST_PATH": mnist_path}
    server = StreamlitServer(extra_env=env)
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    second = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = first.new_page()
        open_app(tab, server.url, "training", lang=lang)
        epochs = tab.get_by_role("slider", name=t("training.epochs", lang))
        epochs.focus()
        tab.keyboard.press("End")  # 100 epochs
        expect(epochs).to_have_value("100")
        wait_idle(tab)
        tab.get_by_role("button", name=t("training.start", lang)).click()
        expect(tab.locator('[data-testid="stProgress"]')).to_contain_text(  # training (epochs are short)
            re.compile(r"Epoch \d+ of 100 · batch [1-9]"), timeout=90_000)

        other = second.new_page()  # another student: the only slot is taken
        open_app(other, server.url, "training", lang=lang)
        busy = t("app.server_busy", lang, limit=1).split(":")[0]
        other.get_by_role("button", name=t("training.start", lang)).click()
        expect(other.locator(ALERT).filter(has_text=busy)).to_be_visible(timeout=30_000)

        first.close()  # the first student closes the tab mid-training
        closed = time.monotonic()
        while not other.locator('[data-testid="stProgress"]').count():
            assert time.monotonic() - closed < 180, "the abandoned training still holds the server's only slot"
            other.wait_for_timeout(5_000)
            other.get_by_role("button", name=t("training.start", lang)).click()
            wait_idle(other)
        assert_no_exception(other)
        other.get_by_role("button", name=t("training.stop", lang)).click()
    finally:
        for context in (first, second):
            try:
                context.close()
            except Exception:  # already closed
                pass
        server.stop()
