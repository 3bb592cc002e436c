"""MNIST found the way a newcomer's machine has it: the Keras cache, else one download (no internet).

Every download here comes from a loopback HTTP server serving the local mnist.npz, and runs
with CI's guard (``RNA_FORBID_DOWNLOADS=1``) on, which refuses any other host: a test that
reached for the real address would fail instead of downloading.
"""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from rna_core import data

from .conftest import ROOT, free_port

PROBE = "tests/test_newcomer_mnist.py::test_mnist_path_fixture_gives_the_mnist_arrays"


@dataclass
class Mirror:
    """A loopback HTTP server: ``/mnist.npz`` is the local MNIST file, ``/broken.npz`` is not MNIST."""

    base: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture()
def mirror(mnist_path: str) -> Iterator[Mirror]:
    files = {"/mnist.npz": Path(mnist_path).read_bytes(), "/broken.npz": b"this is not a zip file"}
    served: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.append(self.path)
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Mirror(f"http://127.0.0.1:{server.server_address[1]}", served)
    server.shutdown()
    server.server_close()


@pytest.fixture()
def keras_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newcomer's environment: no RNA_MNIST_PATH, an empty Keras cache, CI's guard on."""
    home = tmp_path / "keras-home"
    monkeypatch.delenv(data.MNIST_ENV_VAR, raising=False)
    monkeypatch.delenv(data.MNIST_URL_ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(home))
    monkeypatch.setenv(data.FORBID_DOWNLOADS_ENV_VAR, "1")
    return home


def run_probe(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run one MNIST test in a fresh pytest, as a newcomer would, with ``env`` as the environment."""
    command = [sys.executable, "-m", "pytest", PROBE, "-q", "--tb=short", "-p", "no:cacheprovider"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def newcomer_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (data.MNIST_ENV_VAR, data.MNIST_URL_ENV_VAR)}
    return {**env, "KERAS_HOME": str(home), data.FORBID_DOWNLOADS_ENV_VAR: "1", **extra}


def test_mnist_path_fixture_gives_the_mnist_arrays(mnist_path: str) -> None:
    (x_train, y_train), (x_test, y_test) = data.load_mnist(mnist_path)
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert y_train.shape == (60000,) and np.bincount(y_test).sum() == 10000


def test_file_in_the_keras_home_cache_is_found(keras_home: Path, mnist_path: str) -> None:
    cached = keras_home / "datasets" / "mnist.npz"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(Path(mnist_path).read_bytes())
    assert data.mnist_file() == cached
    (x_train, _), (x_test, _) = data.load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)


def test_no_cache_downloads_once_into_the_keras_home_cache(
    keras_home: Path, mirror: Mirror, mnist_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data.MNIST_URL_ENV_VAR, f"{mirror.base}/mnist.npz")
    cached = keras_home / "datasets" / "mnist.npz"
    assert data.mnist_file() == cached
    assert cached.read_bytes() == Path(mnist_path).read_bytes()
    assert mirror.requests == ["/mnist.npz"]
    assert sorted(p.name for p in cached.parent.iterdir()) == ["mnist.npz"]  # no temporary file left
    (x_train, _), _ = data.load_mnist()  # the second time comes from the cache
    assert x_train.shape == (60000, 28, 28)
    assert mirror.requests == ["/mnist.npz"]


def test_a_downloaded_file_that_is_not_mnist_is_not_kept(keras_home: Path, mirror: Mirror, monkeypatch) -> None:
    monkeypatch.setenv(data.MNIST_URL_ENV_VAR, f"{mirror.base}/broken.npz")
    with pytest.raises(FileNotFoundError, match="could not be read"):
        data.load_mnist()
    assert mirror.requests == ["/broken.npz"]
    assert not (keras_home / "datasets" / "mnist.npz").exists()
    assert list((keras_home / "datasets").iterdir()) == []


def test_offline_without_any_file_says_how_to_provide_it(keras_home: Path, monkeypatch) -> None:
    monkeypatch.setenv(data.MNIST_URL_ENV_VAR, f"http://127.0.0.1:{free_port()}/mnist.npz")  # nobody listens
    with pytest.raises(FileNotFoundError) as info:
        data.load_mnist()
    message = str(info.value)
    assert data.MNIST_ENV_VAR in message and str(keras_home / "datasets" / "mnist.npz") in message


@pytest.mark.parametrize("url", [None, "https://example.org/mnist.npz"], ids=["keras-address", "other-host"])
def test_ci_guard_refuses_a_real_download_before_any_network(keras_home: Path, monkeypatch, url) -> None:
    if url:
        monkeypatch.setenv(data.MNIST_URL_ENV_VAR, url)
    attempts: list[object] = []

    def no_network(*args, **_kwargs):
        attempts.append(args)
        raise AssertionError("the guard let a download reach the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(RuntimeError, match=data.FORBID_DOWNLOADS_ENV_VAR) as info:
        data.load_mnist()
    assert data.MNIST_ENV_VAR in str(info.value)
    assert attempts == []
    assert not (keras_home / "datasets" / "mnist.npz").exists()


@pytest.mark.parametrize("value", ["", "0"])
def test_guard_off_when_empty_or_zero(monkeypatch, value: str) -> None:
    monkeypatch.setenv(data.FORBID_DOWNLOADS_ENV_VAR, value)
    assert not data.downloads_forbidden()
    monkeypatch.setenv(data.FORBID_DOWNLOADS_ENV_VAR, "1")
    assert data.downloads_forbidden()


def test_keras_home_defaults_to_dot_keras(monkeypatch) -> None:
    monkeypatch.delenv("KERAS_HOME", raising=False)
    assert data.keras_cache_dir() == Path.home() / ".keras"


def test_mnist_tests_find_the_file_in_the_keras_home_cache(tmp_path: Path, mnist_path: str) -> None:
    home = tmp_path / "keras-home"
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "mnist.npz").write_bytes(Path(mnist_path).read_bytes())
    result = run_probe(newcomer_env(home))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_mnist_tests_download_it_when_there_is_no_cache(tmp_path: Path, mirror: Mirror, mnist_path: str) -> None:
    home = tmp_path / "keras-home"
    result = run_probe(newcomer_env(home, **{data.MNIST_URL_ENV_VAR: f"{mirror.base}/mnist.npz"}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert mirror.requests == ["/mnist.npz"]
    assert (home / "datasets" / "mnist.npz").read_bytes() == Path(mnist_path).read_bytes()


def test_in_ci_mnist_tests_fail_loudly_instead_of_downloading(tmp_path: Path) -> None:
    # Should the guard ever let the download through, it would go to a closed loopback proxy.
    closed = f"http://127.0.0.1:{free_port()}"
    result = run_probe(newcomer_env(tmp_path / "keras-home", https_proxy=closed, HTTPS_PROXY=closed))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"RuntimeError: {data.FORBID_DOWNLOADS_ENV_VAR} is set, so MNIST is not downloaded" in result.stdout
    assert not (tmp_path / "keras-home" / "datasets" / "mnist.npz").exists()
