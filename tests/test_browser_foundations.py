"""The activation, cost and output-layer pages in a real browser, both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rna_core.i18n import LANGUAGES, Translator, t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle

pytestmark = pytest.mark.browser


def move_slider(page: Page, label: str, key: str) -> None:
    """Focus the slider labelled ``label`` and press ``key`` (ArrowRight, End, ...)."""
    thumb = page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider").first
    thumb.focus()
    page.keyboard.press(key)
    wait_idle(page)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_activations_page(app_server, page, lang: str) -> None:
    open_app(page, app_server.url, "activations", lang=lang)
    expect(page.get_by_role("heading", name=t("activations.title", lang), exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(3, timeout=30_000)
    move_slider(page, t("activations.temperature", lang), "End")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(Translator(lang).num(1.0, ".6f"))  # 1,000000 in Spanish
    assert_no_exception(page)
    screenshot(page, f"foundations-activations-{lang}")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_costs_page_divergence(app_server, page, lang: str) -> None:
    open_app(page, app_server.url, "costs", lang=lang)
    expect(page.get_by_role("heading", name=t("costs.title", lang), exact=True)).to_be_visible()
    move_slider(page, t("costs.y_hat", lang), "ArrowRight")
    move_slider(page, t("costs.learning_rate", lang), "End")  # the largest learning rate
    diverged = t("costs.status.diverged", lang, w=0).split("(")[0].strip()
    expect(page.locator('[data-testid="stAlertContentError"]')).to_contain_text(diverged[:40], timeout=20_000)
    assert_no_exception(page)
    screenshot(page, f"foundations-costs-{lang}")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_output_layers_page(app_server, page, lang: str) -> None:
    open_app(page, app_server.url, "output_layers", lang=lang)
    expect(page.get_by_role("heading", name=t("output_layers.title", lang), exact=True)).to_be_visible()
    page.get_by_text(t("output_layers.task.multiclass", lang), exact=True).click()
    wait_idle(page)
    expect(page.locator('[data-testid="stCode"]').first).to_contain_text('activation="softmax"')
    move_slider(page, t("output_layers.z_for", lang, label=t("activations.class.cat", lang)), "End")
    assert_no_exception(page)
    screenshot(page, f"foundations-output_layers-{lang}")
