"""The MNIST training page in a real browser: a tiny training run to completion (KERAS_MAX_EPOCHS=1)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rna_core.i18n import t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle

pytestmark = pytest.mark.browser

SIDEBAR = '[data-testid="stSidebarNav"]'


def go(page, path: str) -> None:
    """Follow a sidebar navigation link (same session, unlike a new page load)."""
    page.locator(f'{SIDEBAR} a[href$="{path}"]').first.click()


def test_training_runs_survives_leaving_the_page_and_shows_results(app_server, page) -> None:
    lang = "en"
    open_app(page, app_server.url, "", lang=lang)
    go(page, "/training")
    expect(page.get_by_role("heading", name=t("training.title", lang))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name=t("training.start", lang)).click()
    expect(page.locator('[data-testid="stProgress"]')).to_be_visible(timeout=60_000)

    # Leave for the home page and come back through the navigation (same session).
    go(page, "/")
    expect(page.get_by_role("heading", name=t("home.title", lang))).to_be_visible(timeout=30_000)
    go(page, "/training")
    expect(page.get_by_role("heading", name=t("training.title", lang))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stProgress"]')).to_be_visible(timeout=30_000)  # the job is still there

    expect(page.get_by_role("heading", name=t("training.results", lang))).to_be_visible(timeout=240_000)
    wait_idle(page)
    expect(page.get_by_text(t("training.confusion", lang), exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stImage"]').first).to_be_visible()  # the gallery of mistakes
    assert_no_exception(page)
    screenshot(page, f"training-results-{lang}")

    page.get_by_role("button", name=t("training.use_in_draw", lang)).click()
    expect(page).to_have_url(re.compile(r"/draw"), timeout=60_000)
    assert_no_exception(page)


def test_training_page_in_spanish(app_server, page) -> None:
    open_app(page, app_server.url, "training", lang="es")
    expect(page.get_by_role("heading", name=t("training.title", "es"))).to_be_visible()
    expect(page.get_by_role("button", name=t("training.start", "es"))).to_be_enabled()
    expect(page.get_by_text(t("training.nothing_yet", "es").replace("**", ""))).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "training-es")
