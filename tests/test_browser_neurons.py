"""The neurons page in a real browser: the perceptron fails on XOR and says why."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rna_core.i18n import t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle

pytestmark = pytest.mark.browser


def test_perceptron_on_xor_shows_the_non_convergence_banner(app_server, page) -> None:
    lang = "en"
    open_app(page, app_server.url, "neurons", lang=lang)
    page.get_by_role("tab", name=t("neurons.tab_perceptron", lang), exact=True).click()
    wait_idle(page)
    page.get_by_role("tabpanel", name=t("neurons.tab_perceptron", lang)).locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="XOR", exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("neurons.p_train", lang)).click()
    wait_idle(page)
    banner = page.locator('[data-testid="stAlertContentWarning"]')
    expect(banner).to_contain_text(t("neurons.p_cycle", lang, epoch=5, earlier=4, gate="XOR")[:40], timeout=20_000)
    expect(banner).to_contain_text("not linearly separable")
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "neurons-perceptron-xor-en")
