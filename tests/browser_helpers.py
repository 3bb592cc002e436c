"""Helpers for Playwright tests against a real Streamlit server."""

from __future__ import annotations

import math
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


CANVAS = '[data-testid="stMain"] canvas.upper-canvas'


def canvas_box(page: Page) -> dict:
    """The drawing surface: Fabric.js's upper canvas, which receives the mouse events."""
    canvas = page.locator(CANVAS)
    expect(canvas).to_be_visible(timeout=30_000)
    page.wait_for_timeout(500)  # let the component attach its handlers after mounting
    return canvas.bounding_box()


def stroke(page: Page, points: list[tuple[float, float]]) -> None:
    """Drag the mouse through ``points`` (fractions of the canvas) like a pen, then lift it."""
    box = canvas_box(page)
    absolute = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in points]
    page.mouse.move(*absolute[0])
    page.mouse.down()
    for point in absolute[1:]:
        page.mouse.move(*point, steps=2)
    page.mouse.up()


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 24) -> list[tuple[float, float]]:
    """Points of an elliptic arc; angles clockwise from 12 o'clock (fractions of the canvas)."""
    return [(cx + rx * math.sin(start + (end - start) * k / n), cy - ry * math.cos(start + (end - start) * k / n))
            for k in range(n + 1)]


def _line(p: tuple[float, float], q: tuple[float, float], n: int = 10) -> list[tuple[float, float]]:
    return [(p[0] + (q[0] - p[0]) * k / n, p[1] + (q[1] - p[1]) * k / n) for k in range(n + 1)]


_TWO_END = (0.5 + 0.22 * math.sin(0.75 * math.pi), 0.32 - 0.18 * math.cos(0.75 * math.pi))
#: One pen stroke (fractions of the canvas) per digit; the shipped CNN reads each with > 99 %.
DIGIT_STROKES: dict[str, list[tuple[float, float]]] = {
    "0": _arc(0.5, 0.5, 0.25, 0.36, 0, 2 * math.pi + 0.3, 43),
    "1": _line((0.5, 0.12), (0.5, 0.88), 20),
    "2": _arc(0.5, 0.32, 0.22, 0.18, -0.585 * math.pi, 0.75 * math.pi, 20)
    + _line(_TWO_END, (0.25, 0.85))[1:] + _line((0.25, 0.85), (0.78, 0.85))[1:],
    "3": _arc(0.48, 0.3, 0.2, 0.16, -math.pi / 2, math.pi, 20) + _arc(0.48, 0.66, 0.22, 0.2, 0, 1.5 * math.pi)[1:],
    "4": _line((0.55, 0.12), (0.22, 0.6), 12) + _line((0.22, 0.6), (0.8, 0.6), 12)[1:]
    + _line((0.8, 0.6), (0.62, 0.6), 4)[1:] + _line((0.62, 0.6), (0.62, 0.3), 6)[1:]
    + _line((0.62, 0.3), (0.62, 0.9), 12)[1:],
    "5": _line((0.75, 0.14), (0.33, 0.14), 8) + _line((0.33, 0.14), (0.3, 0.45), 8)[1:]
    + _arc(0.48, 0.64, 0.22, 0.2, -0.4 * math.pi, 1.35 * math.pi)[1:],
    "6": _arc(0.5, 0.5, 0.24, 0.38, 0.3 * math.pi, -0.5 * math.pi, 12)[:-1]
    + _arc(0.48, 0.66, 0.2, 0.2, -0.5 * math.pi, 1.5 * math.pi, 28),
    "7": _line((0.22, 0.15), (0.78, 0.15)) + _line((0.78, 0.15), (0.42, 0.88), 14)[1:],
}


