"""Shared fixtures: project paths, MNIST, a real Streamlit server and headless Chromium.

MNIST and the browser are found the way a newcomer's machine has them: MNIST in
``rna_core.data.load_mnist``'s order (``RNA_MNIST_PATH``, the Keras cache, else one download),
Chromium or Chrome on PATH, else Playwright's own Chromium, installed on first use. CI sets
``RNA_FORBID_DOWNLOADS=1``: there, a missing file or browser fails loudly instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rna_core import data
from rna_core.backend import backend_name, configure_backend

configure_backend()  # KERAS_BACKEND (default or the caller's) before any test imports Keras
#: For oracle tests that use TensorFlow's own tools (GradientTape, tf.function) or float64 Keras
#: arithmetic (JAX computes in float32 unless x64 is enabled); CI's TensorFlow leg runs them.
TENSORFLOW_ONLY = pytest.mark.skipif(backend_name() != "tensorflow",
                                     reason="TensorFlow's own API or float64 Keras arithmetic")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: Names under which Chromium or Chrome is found on PATH (Debian, Ubuntu and Fedora, Google's
#: packages, Windows), in the order they are tried.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium(bundled: str | None = None) -> str | None:
    """The first of :data:`BROWSER_NAMES` on PATH, else ``bundled`` (Playwright's Chromium) if installed."""
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return bundled if bundled and Path(bundled).is_file() else None


#: The Chromium on PATH (``bench/load.py`` launches it); the fixtures use :func:`chromium_executable`.
CHROMIUM = find_chromium() or "/usr/bin/chromium"


def install_playwright_chromium() -> None:
    """Download Playwright's own Chromium once (its first-run step; needs the internet)."""
    subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)


def chromium_executable(bundled: str, install: Callable[[], None] = install_playwright_chromium) -> str:
    """Chromium for the browser tests: on PATH, else Playwright's (``bundled``), installed if missing.

    Raises
    ------
    RuntimeError
        If none is there and ``$RNA_FORBID_DOWNLOADS`` forbids the download (CI), or the
        install did not produce ``bundled``.
    """
    found = find_chromium(bundled)
    if found is None:
        if data.downloads_forbidden():
            raise RuntimeError(
                f"No Chromium or Chrome on PATH ({', '.join(BROWSER_NAMES)}) nor Playwright's at {bundled}, "
                f"and {data.FORBID_DOWNLOADS_ENV_VAR} forbids downloading one: install Debian's chromium."
            )
        install()
        found = find_chromium(bundled)
    if found is None:
        raise RuntimeError(f"Installing Playwright's Chromium left nothing at {bundled}.")
    return found


def pytest_report_header() -> str:
    return f"Keras backend: {backend_name()}"




@pytest.fixture(scope="session")
def mnist_path() -> str:
    """Path of mnist.npz, found like the app finds it (downloaded once into the Keras cache if needed)."""
    try:
        return str(data.mnist_file())
    except FileNotFoundError as error:
        pytest.fail(f"MNIST is needed: {error}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit at {url} did not become healthy in {timeout} s")


class StreamlitServer:
    """A real ``streamlit run streamlit_app.py`` on a free loopback port."""

    def __init__(self, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "KERAS_MAX_EPOCHS": os.environ.get("KERAS_MAX_EPOCHS", "1")}
        env.update(extra_env or {})
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"streamlit-{self.port}.log"
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
                "--server.port", str(self.port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(self.url, self.process)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def app_server() -> Iterator[StreamlitServer]:
    server = StreamlitServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_executable(playwright.chromium.executable_path)
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    tab = context.new_page()
    yield tab
    context.close()
