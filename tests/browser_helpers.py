"""Helpers for Playwright tests against a real Streamlit server."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def open_app(page: Page, base_url: str, path: str = "", lang: str = "en", timeout: float = 60_000) -> None:
    """Open ``path`` of the app and wait until Streamlit has finished the first run."""
    separator = "&" if "?" in path else "?"
    page.goto(f"{base_url}/{path}{separator}lang={lang}", wait_until="domcontentloaded")
    wait_idle(page, timeout)


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Wait for the app to render and stop running (no 'Running...' status widget)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def assert_no_exception(page: Page) -> None:
    """Streamlit shows uncaught exceptions as an stException element: there must be none."""
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def process_tree_rss(pid: int) -> int:
    """Resident memory, in bytes, of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total
