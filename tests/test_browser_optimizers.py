"""The optimizer race in a real browser: start, play/pause, scrub the step slider."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rna_core.i18n import t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle


def step_slider(page):
    """The race's step slider (the page has other sliders, such as the moving-average β)."""
    return page.locator('[data-testid="stSlider"]').filter(has_text=t("optimizers.step", "en")).get_by_role("slider")


def step_value(page) -> int:
    return int(step_slider(page).input_value())


@pytest.mark.browser
def test_race_plays_pauses_and_scrubs(app_server, page):
    lang = "en"
    open_app(page, app_server.url, "optimizers", lang=lang)
    assert_no_exception(page)
    expect(page.locator("h1").first).to_have_text(t("optimizers.title", lang))
    page.get_by_role("button", name=t("optimizers.start", lang)).click()
    slider = step_slider(page)
    expect(slider).to_be_visible(timeout=30_000)
    # The animation moves the racers on its own...
    page.wait_for_function(
        "(label) => [...document.querySelectorAll('[data-testid=\"stSlider\"]')].some("
        "s => s.innerText.includes(label) && Number(s.querySelector('input[type=\"range\"]')?.value) > 0)",
        arg=t("optimizers.step", lang),
        timeout=30_000,
    )
    switch = page.get_by_role("switch", name=t("optimizers.play", lang))
    expect(switch).to_be_checked()
    page.get_by_text(t("optimizers.play", lang), exact=True).click()  # pause
    expect(switch).not_to_be_checked(timeout=30_000)
    wait_idle(page)
    # ...and pause stops it: on a busy server a frame already on its way may still land,
    # so wait for the step to hold still, well before the end of the race (300 steps).
    paused, previous = step_value(page), None
    for _ in range(10):
        if paused == previous:
            break
        page.wait_for_timeout(1500)
        paused, previous = step_value(page), paused
    assert paused == previous and paused < 300
    # Scrub with the keyboard: every key press reruns the page with the new step.
    slider.focus()
    page.keyboard.press("Home")
    wait_idle(page)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert step_value(page) == 3
    page.keyboard.press("End")
    wait_idle(page)
    expect(page.get_by_text(t("optimizers.leaderboard", lang), exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    assert_no_exception(page)
    screenshot(page, f"optimizers-race-{lang}")


@pytest.mark.browser
def test_spanish_page_and_mnist_tab(app_server, page):
    open_app(page, app_server.url, "optimizers", lang="es")
    expect(page.locator("h1").first).to_have_text(t("optimizers.title", "es"))
    page.get_by_role("button", name=t("optimizers.start", "es")).click()
    switch = page.get_by_role("switch", name=t("optimizers.play", "es"))
    expect(switch).to_be_checked(timeout=30_000)
    page.get_by_text(t("optimizers.play", "es"), exact=True).click()  # pause
    expect(switch).not_to_be_checked(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, "optimizers-race-es")
    page.get_by_role("tab", name=t("optimizers.tab_mnist", "es")).click()
    expect(page.get_by_text(t("optimizers.mnist_by_epoch", "es")).first).to_be_visible(timeout=30_000)
    assert_no_exception(page)
    screenshot(page, "optimizers-mnist-es")
