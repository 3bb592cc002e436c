"""Every page of the app in a real browser, both languages: loads, titled, no exception."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rna_core.catalog import PAGES
from rna_core.i18n import LANGUAGES, t

from .browser_helpers import assert_no_exception, open_app, screenshot

pytestmark = pytest.mark.browser

PAGES = [("", "home.title", "home")] + [(p.slug, p.title_key, p.slug) for p in PAGES]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("path", "title_key", "name"), PAGES, ids=[name for *_, name in PAGES])
def test_page_loads_in_browser(app_server, page, path: str, title_key: str, name: str, lang: str) -> None:
    open_app(page, app_server.url, path, lang=lang)
    expect(page.get_by_role("heading", name=t(title_key, lang), exact=True).first).to_be_visible()
    assert_no_exception(page)
    screenshot(page, f"page-{name}-{lang}")


@pytest.mark.parametrize("query", ["lang=xx", "lang=", "lang=es&lang=en", "lang=%00%ff", "lang=" + "e" * 5000])
def test_malformed_language_parameter_falls_back(app_server, page, query: str) -> None:
    page.goto(f"{app_server.url}/?{query}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    headings = [t("home.title", lang) for lang in LANGUAGES]
    title = page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text()
    assert title.strip() in headings
    assert_no_exception(page)
