"""A fresh server whose first visit is a link straight to a page shows the app's navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rna_core.catalog import PAGES
from rna_core.i18n import t

from .browser_helpers import assert_no_exception, open_app
from .conftest import StreamlitServer

pytestmark = pytest.mark.browser


def test_first_visit_deep_link_uses_the_app_navigation(page) -> None:
    target = PAGES[-1]
    server = StreamlitServer()
    try:
        open_app(page, server.url, target.slug, lang="es")
        nav = page.locator('[data-testid="stSidebarNav"]')
        expect(nav.get_by_text(t("home.nav", "es"), exact=True)).to_be_visible(timeout=30_000)
        expect(nav.get_by_text(t(target.title_key, "es"), exact=True)).to_be_visible()
        expect(nav.get_by_text("common", exact=True)).to_have_count(0)
        expect(page.get_by_role("heading", name=t(target.title_key, "es"), exact=True)).to_be_visible()
        assert_no_exception(page)
    finally:
        server.stop()
