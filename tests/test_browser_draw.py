"""The Draw-a-digit page in real Chromium, drawing on the real canvas with the mouse."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from rna_core.i18n import t

from .browser_helpers import CANVAS, assert_no_exception, open_app, screenshot, stroke, wait_idle

pytestmark = pytest.mark.browser


def read_digit(page: Page, expected: str, name: str) -> None:
    try:
        expect(page.locator(".draw-digit")).to_have_text(expected, timeout=45_000)
    except AssertionError:
        screenshot(page, f"{name}-failed")  # what the page showed instead
        raise
    wait_idle(page)


def test_draw_one_then_zero_then_clear(app_server, page: Page) -> None:
    open_app(page, app_server.url, "draw", lang="en")
    expect(page.get_by_text(t("draw.hint", "en"))).to_be_visible()

    stroke(page, [(0.5, 0.12 + 0.76 * k / 20) for k in range(21)])  # a vertical stroke
    read_digit(page, "1", "draw-one-en")
    expect(page.get_by_text(t("draw.stages", "en"))).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "draw-one-en")

    page.get_by_role("button", name=t("draw.clear", "en")).click()
    expect(page.get_by_text(t("draw.hint", "en"))).to_be_visible(timeout=30_000)
    expect(page.locator(".draw-digit")).to_have_count(0)

    loop = [(0.5 + 0.25 * math.sin(a), 0.5 - 0.36 * math.cos(a)) for a in
            (2 * math.pi * k / 40 for k in range(43))]  # a closed loop, slightly overlapping
    stroke(page, loop)
    read_digit(page, "0", "draw-zero-en")
    assert_no_exception(page)
    screenshot(page, "draw-zero-en")

    page.get_by_role("button", name=t("draw.clear", "en")).click()
    expect(page.get_by_text(t("draw.hint", "en"))).to_be_visible(timeout=30_000)
    assert_no_exception(page)


def test_spanish_page_reads_a_drawing(app_server, page: Page) -> None:
    open_app(page, app_server.url, "draw", lang="es")
    expect(page.get_by_role("heading", name=t("draw.title", "es"))).to_be_visible()
    expect(page.get_by_text(t("draw.hint", "es"))).to_be_visible()
    stroke(page, [(0.5, 0.12 + 0.76 * k / 20) for k in range(21)])
    read_digit(page, "1", "draw-one-es")
    expect(page.get_by_text(t("draw.stages", "es"))).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "draw-one-es")


def test_upload_a_photo_and_a_broken_file(app_server, page: Page, tmp_path) -> None:
    import numpy as np
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (400, 300), (225, 220, 200))  # light paper
    ImageDraw.Draw(photo).ellipse((150, 40, 260, 260), outline=(30, 30, 60), width=14)  # a "0" in dark ink
    pixels = np.asarray(photo).astype(np.int16) + np.random.default_rng(0).integers(-8, 9, (300, 400, 3))
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(tmp_path / "zero.jpg", quality=85)
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"definitely not a picture")

    open_app(page, app_server.url, "draw", lang="en")
    page.get_by_text(t("draw.source_upload", "en")).click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(str(tmp_path / "zero.jpg"))
    read_digit(page, "0", "draw-upload")
    assert_no_exception(page)

    uploader.set_input_files(str(tmp_path / "broken.png"))
    expect(page.get_by_text("damaged")).to_be_visible(timeout=30_000)
    expect(page.locator(".draw-digit")).to_have_count(0)
    assert_no_exception(page)


def test_draw_a_number_twelve(app_server, page: Page) -> None:
    """Two digits side by side are read one by one: "1" then "2"."""
    from .browser_helpers import DIGIT_STROKES

    def placed(points: list[tuple[float, float]], centre_x: float) -> list[tuple[float, float]]:
        return [(centre_x + (x - 0.5) * 0.55, 0.5 + (y - 0.5) * 0.6) for x, y in points]

    open_app(page, app_server.url, "draw", lang="en")
    stroke(page, placed(DIGIT_STROKES["1"], 0.25))
    read_digit(page, "1", "draw-twelve-first")
    stroke(page, placed(DIGIT_STROKES["2"], 0.68))
    read_digit(page, "12", "draw-twelve")
    expect(page.locator(".draw-number-digit")).to_have_text(["1", "2"])
    assert_no_exception(page)
    screenshot(page, "draw-twelve-en")


def test_correct_me_fine_tunes_a_copy_in_the_background(app_server, page: Page) -> None:
    """Keep a drawing with another label, fine-tune: progress, then the result, no exception."""
    from .browser_helpers import DIGIT_STROKES

    open_app(page, app_server.url, "draw", lang="en")
    stroke(page, DIGIT_STROKES["1"])
    read_digit(page, "1", "draw-correct-first")
    page.get_by_text(t("draw.correct_title", "en")).click()
    expect(page.get_by_label(t("draw.correct_label", "en"))).to_be_visible(timeout=30_000)
    page.wait_for_timeout(800)  # the expander finishes opening
    page.get_by_label(t("draw.correct_label", "en")).click()
    page.keyboard.type("7")  # the selectbox filters its options as you type
    page.keyboard.press("Enter")
    wait_idle(page)
    for count in (1, 2):
        page.get_by_role("button", name=t("draw.correct_keep", "en")).click()
        expect(page.get_by_text(t("draw.correct_count", "en", count=count))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name=t("draw.finetune", "en")).click()
    expect(page.get_by_text(t("draw.finetune_reread", "en"))).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.locator(".draw-digit")).to_have_text("1")  # the drawing is still there, still read
    expect(page.locator('[data-testid="stMain"] button.dc-icon-button[aria-label="Undo"]')).to_be_enabled()
    screenshot(page, "draw-correct-me-en")


def test_a_busy_browsers_merged_moves_keep_the_pens_path(app_server, page: Page) -> None:
    """Chromium merges pointer moves into one event per frame when it is busy; the canvas
    draws every merged point, so a fast arc stays an arc instead of becoming a straight chord."""
    open_app(page, app_server.url, "draw", lang="en")
    canvas = page.locator(CANVAS)
    canvas.wait_for(state="visible")
    pixels = canvas.evaluate(  # the component lives in a shadow root: the locator reaches it
        """(canvas) => {
          const box = canvas.getBoundingClientRect();
          const at = (fx, fy) => ({clientX: box.left + fx * box.width, clientY: box.top + fy * box.height,
                                   pointerId: 1, pointerType: "mouse", isPrimary: true, bubbles: true});
          canvas.dispatchEvent(new PointerEvent("pointerdown", {...at(0.2, 0.5), buttons: 1}));
          const arc = [];  // the pen's path over the top, from left to right, merged into one move
          for (let k = 1; k <= 24; k++) {
            const a = Math.PI * k / 24;
            arc.push(new PointerEvent("pointermove", {...at(0.5 - 0.3 * Math.cos(a), 0.5 - 0.3 * Math.sin(a)), buttons: 1}));
          }
          canvas.dispatchEvent(new PointerEvent("pointermove", {...at(0.8, 0.5), buttons: 1, coalescedEvents: arc}));
          const ink = (fx, fy) => canvas.getContext("2d").getImageData(
            Math.round(fx * canvas.width), Math.round(fy * canvas.height), 1, 1).data[0];
          const seen = {top: ink(0.5, 0.2), chord: ink(0.5, 0.5)};
          canvas.dispatchEvent(new PointerEvent("pointerup", at(0.8, 0.5)));
          return seen;
        }"""
    )
    assert pixels == {"top": 255, "chord": 0}  # ink along the arc, paper where a chord would run
    expect(page.locator(".draw-digit")).to_have_count(1, timeout=45_000)  # the arc reaches the server
    wait_idle(page)
    assert_no_exception(page)
