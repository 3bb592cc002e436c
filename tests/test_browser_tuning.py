"""The "Tuner results" page in a real browser: the shipped demo's results render, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rna_core.i18n import LANGUAGES, Translator, t
from rna_core.tuning import read_results

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle
from .conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_tuning_page_shows_the_demo_results(app_server, page, lang: str) -> None:
    open_app(page, app_server.url, "tuning", lang=lang)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main.get_by_role("heading", name=t("tuning.title", lang))).to_be_visible()
    best = read_results(ROOT / "models" / "tuner_demo").best
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=t("tuning.metric.best", lang))
    expect(metric).to_contain_text(Translator(lang).num(best["score"], ".2%"), timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
    assert_no_exception(page)
    screenshot(page, f"tuning-{lang}")

    page.get_by_role("tab", name=t("tuning.tab.hyperparameters", lang)).click()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=20_000)
    page.get_by_role("tab", name=t("tuning.tab.hyperband", lang)).click()
    expect(main.get_by_text(t("tuning.hyperband_chart_caption", lang))).to_be_visible()
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, f"tuning-hyperband-{lang}")


def test_train_the_best_model_opens_the_training_page(app_server, page) -> None:
    if not (ROOT / "pages" / "training.py").is_file():
        pytest.skip("the training page is not there yet")
    open_app(page, app_server.url, "tuning", lang="en")
    page.get_by_role("button", name=t("tuning.train_best", "en")).click()
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main.get_by_role("heading", name=t("training.title", "en"))).to_be_visible(timeout=30_000)
    expect(main.get_by_text(t("training.preset.tuner", "en"))).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    assert "/training" in page.url
    screenshot(page, "tuning-to-training-en")
