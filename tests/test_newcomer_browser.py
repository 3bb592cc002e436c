"""The browser fixture finds Chromium the way a developer has it (fake executables, no download)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from rna_core import data

from .conftest import BROWSER_NAMES, chromium_executable, find_chromium


def fake_executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def must_not_install() -> None:
    raise AssertionError("a browser was there: nothing should have been installed")


@pytest.fixture()
def empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH reduced to one empty folder, downloads allowed unless a test forbids them."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv(data.FORBID_DOWNLOADS_ENV_VAR, raising=False)
    return folder


@pytest.mark.parametrize("name", BROWSER_NAMES)
def test_each_usual_name_on_path_is_found(empty_path: Path, tmp_path: Path, name: str) -> None:
    browser = fake_executable(empty_path / name)
    assert find_chromium() == str(browser)
    assert chromium_executable(str(tmp_path / "not-installed" / "chrome"), install=must_not_install) == str(browser)


def test_a_browser_on_path_comes_before_playwrights(empty_path: Path, tmp_path: Path) -> None:
    bundled = fake_executable(tmp_path / "ms-playwright" / "chrome")
    on_path = fake_executable(empty_path / "google-chrome")
    assert chromium_executable(str(bundled), install=must_not_install) == str(on_path)


def test_a_file_without_execute_permission_is_not_a_browser(empty_path: Path) -> None:
    (empty_path / "chromium").write_text("not a program")
    assert find_chromium() is None


def test_falls_back_to_playwrights_chromium_where_playwright_puts_it(
    empty_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import sys

    # Asked in a fresh interpreter: the suite's own browser fixture may already run Playwright here.
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "ms-playwright"))
    probe = ("from playwright.sync_api import sync_playwright\n"
             "with sync_playwright() as playwright:\n    print(playwright.chromium.executable_path)\n")
    bundled = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                             env=dict(os.environ)).stdout.strip()
    assert Path(bundled).is_relative_to(tmp_path / "ms-playwright")
    assert find_chromium(bundled) is None  # not installed yet
    fake_executable(Path(bundled))
    assert chromium_executable(bundled, install=must_not_install) == bundled


def test_installs_playwrights_chromium_once_when_there_is_none(empty_path: Path, tmp_path: Path) -> None:
    bundled = tmp_path / "ms-playwright" / "chrome"
    installs: list[int] = []

    def install() -> None:
        installs.append(1)
        fake_executable(bundled)

    assert chromium_executable(str(bundled), install=install) == str(bundled)
    assert installs == [1]


def test_ci_guard_fails_loudly_instead_of_installing(empty_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(data.FORBID_DOWNLOADS_ENV_VAR, "1")
    with pytest.raises(RuntimeError, match=data.FORBID_DOWNLOADS_ENV_VAR):
        chromium_executable(str(tmp_path / "ms-playwright" / "chrome"), install=must_not_install)


def test_an_install_that_leaves_nothing_is_reported(empty_path: Path, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="left nothing"):
        chromium_executable(str(tmp_path / "ms-playwright" / "chrome"), install=lambda: None)


def test_first_usual_name_wins_when_several_are_installed(empty_path: Path) -> None:
    for name in reversed(BROWSER_NAMES):
        fake_executable(empty_path / name)
    assert find_chromium() == str(empty_path / BROWSER_NAMES[0])
