"""The home page in a real browser (Playwright + Debian Chromium), both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rna_core.i18n import LANGUAGES, t

from .browser_helpers import assert_no_exception, open_app, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_home_page_shows_title_and_no_exception(app_server, page, lang: str) -> None:
    open_app(page, app_server.url, lang=lang)
    expect(page.get_by_role("heading", name=t("home.title", lang))).to_be_visible()
    expect(page.get_by_text(t("home.loop_title", lang))).to_be_visible()
    assert_no_exception(page)
    assert f"lang={lang}" in page.url
    screenshot(page, f"home-{lang}")


def test_language_switch_in_sidebar_updates_url(app_server, page) -> None:
    open_app(page, app_server.url, lang="en")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').click()
    page.get_by_role("option", name="Español").click()
    expect(page.get_by_role("heading", name=t("home.title", "es"))).to_be_visible(timeout=20_000)
    expect(page).to_have_url(__import__("re").compile(r"lang=es"))
    assert_no_exception(page)
