"""The backpropagation page in a real browser: forward, backward, update, and the loss goes down."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rna_core.i18n import LANGUAGES, read_number, t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle

pytestmark = pytest.mark.browser


def press(page: Page, key: str, lang: str) -> None:
    button = page.get_by_role("button", name=t(key, lang), exact=True)
    expect(button).to_be_enabled(timeout=20_000)
    button.click()
    # the stage just done is no longer the next one: its button goes grey once the rerun is drawn
    # (waiting for "not running" alone can pass before a busy server has even started the rerun)
    expect(button).to_be_disabled(timeout=30_000)
    wait_idle(page)


def metric_value(page: Page, label_key: str, lang: str) -> float:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text(t(label_key, lang), exact=True))
    expect(metric).to_have_count(1, timeout=20_000)
    return read_number(metric.locator('[data-testid="stMetricValue"]').inner_text(), lang)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_forward_backward_update_lowers_the_loss(app_server, page: Page, lang: str) -> None:
    open_app(page, app_server.url, "backprop", lang=lang)
    expect(page.get_by_role("heading", name=t("backprop.title", lang), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=t("backprop.do_forward", lang), exact=True)).to_be_enabled(timeout=30_000)
    expect(page.get_by_role("button", name=t("backprop.do_backward", lang), exact=True)).to_be_disabled()
    press(page, "backprop.do_forward", lang)
    before = metric_value(page, "backprop.loss_before", lang)
    expect(page.locator('[data-testid="stGraphVizChart"] svg').first).to_contain_text("z =", timeout=20_000)
    press(page, "backprop.do_backward", lang)
    expect(page.locator('[data-testid="stGraphVizChart"] svg').first).to_contain_text("δ =", timeout=20_000)
    expect(page.get_by_text(t("backprop.check_title", lang), exact=True)).to_be_visible()
    press(page, "backprop.do_update", lang)
    after = metric_value(page, "backprop.loss_after", lang)
    assert metric_value(page, "backprop.loss_before", lang) == before
    assert 0 < after < before
    press(page, "backprop.do_forward", lang)  # the next step starts from the new weights
    assert metric_value(page, "backprop.loss_before", lang) == after
    assert_no_exception(page)
    screenshot(page, f"backprop-{lang}")
