"""The playground in a real browser: play, watch it learn, pause, share the link, draw points."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from rna_core.i18n import read_number
from rna_core.playground.settings import QUERY_KEYS, Settings

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle

pytestmark = pytest.mark.browser


def epoch(page: Page) -> int:
    value = page.locator('[data-testid="stMetric"]').filter(has_text="Epoch").locator('[data-testid="stMetricValue"]')
    return int(read_number(value.inner_text(), "en"))


def map_source(page: Page) -> str:
    return page.locator('[data-testid="stImage"] img').nth(1).get_attribute("src")


def settings_in(url: str) -> Settings:
    query = {key: values[-1] for key, values in parse_qs(urlparse(url).query, keep_blank_values=True).items()}
    settings, rejected = Settings.from_query({key: query[key] for key in QUERY_KEYS.values()})
    assert rejected == []
    return settings


def test_play_watch_pause_and_open_the_shared_link(app_server, browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    open_app(page, app_server.url, "playground?ds=xor&layers=5&lr=0.1")
    assert_no_exception(page)
    page.get_by_role("button", name="Regenerate").click()  # a change made on the page, not in the link
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('seed=1')", timeout=60_000)
    start, first_map = epoch(page), map_source(page)
    assert start == 0
    page.get_by_text("Play", exact=True).click()
    try:
        page.wait_for_function(  # the counter moves by itself while playing
            """() => { const m = [...document.querySelectorAll('[data-testid="stMetric"]')]
                         .find(e => e.innerText.startsWith('Epoch'));
                       return m && parseInt(m.querySelector('[data-testid="stMetricValue"]').innerText) >= 10; }""",
            timeout=60_000)
    except Exception:
        screenshot(page, "playground-play-stuck")  # what the page showed instead
        raise
    assert map_source(page) != first_map  # the decision map was redrawn
    screenshot(page, "playground-playing")
    page.get_by_text("Play", exact=True).click()  # pause
    readings = [epoch(page)]
    for _ in range(20):  # a refresh already on its way may still land; then the counter stops
        page.wait_for_timeout(1500)
        readings.append(epoch(page))
        if readings[-1] == readings[-2]:
            break
    assert readings[-1] == readings[-2] >= 10, readings
    assert_no_exception(page)
    shared = page.url
    expected = Settings(dataset="xor", layers=(5,), learning_rate=0.1, seed=1)
    assert settings_in(shared) == expected
    context.close()

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")  # someone else opens it
    other = fresh.new_page()
    other.goto(shared, wait_until="domcontentloaded")
    wait_idle(other)
    assert_no_exception(other)
    assert settings_in(other.url) == expected
    expect(other.get_by_role("combobox", name="Data set")).to_have_value("Exclusive or (XOR)", timeout=30_000)
    expect(other.get_by_label("Seed")).to_have_value("1", timeout=30_000)
    assert epoch(other) == 0
    fresh.close()


def test_clicks_on_the_plane_make_a_data_set(app_server, page: Page) -> None:
    open_app(page, app_server.url, "playground")
    page.get_by_text("Draw or upload your own points").click()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(1000)
    clicks = [(0.45, 0.2, "class 0 (blue)"), (0.55, 0.3, None), (0.8, 0.4, "class 1 (orange)"), (0.9, 0.5, None)]
    for count, (fx, fy, paint) in enumerate(clicks, start=1):
        if paint:
            page.get_by_text(paint).click()
            wait_idle(page)
        plane = page.locator('[data-testid="stVegaLiteChart"] svg.marks').first  # Vega draws the chart as SVG
        plane.scroll_into_view_if_needed()
        box = plane.bounding_box()
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        page.wait_for_function(f"() => document.body.innerText.includes('Your points: {count}')", timeout=60_000)
        wait_idle(page)
    # four points of two classes are a data set: the page switches to it and trains on it
    expect(page.get_by_role("combobox", name="Data set")).to_have_value("Your own points", timeout=30_000)
    page.wait_for_function("() => location.search.includes('ds=custom')", timeout=60_000)
    assert_no_exception(page)
    screenshot(page, "playground-drawn")


def test_a_csv_file_becomes_the_data_set_and_a_bad_one_is_explained(app_server, page: Page, tmp_path) -> None:
    good = tmp_path / "points.csv"
    good.write_text("x1,x2,label\n1,1,1\n2,2,1\n-1,-1,0\n-2,-2,0\n1.5,2.5,1\n-2.5,-1.5,0\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,1,1\n9,2,1\n-1,-1,0\n-2,-2,0\n", encoding="utf-8")
    open_app(page, app_server.url, "playground")
    page.get_by_text("Draw or upload your own points").click()
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    upload.set_input_files(str(bad))
    expect(page.get_by_text("Point 2 lies outside the plane: both coordinates go from -6 to 6.")).to_be_visible(
        timeout=60_000)
    upload.set_input_files(str(good))
    page.wait_for_function("() => document.body.innerText.includes('Your points: 6')", timeout=60_000)
    expect(page.get_by_role("combobox", name="Data set")).to_have_value("Your own points", timeout=30_000)
    assert_no_exception(page)


def test_the_mlp_tab_opens_the_playground_with_xor(app_server, page: Page) -> None:
    open_app(page, app_server.url, "playground?ds=spiral")  # a session that already used the playground
    open_app(page, app_server.url, "neurons")
    page.get_by_role("tab", name="Multilayer perceptron").click()
    wait_idle(page)
    page.get_by_text("Open the playground with XOR").click()
    page.wait_for_function("() => location.pathname.endsWith('/playground') && location.search.includes('ds=xor')",
                           timeout=60_000)
    wait_idle(page)
    expect(page.get_by_role("combobox", name="Data set")).to_have_value("Exclusive or (XOR)", timeout=30_000)
    assert settings_in(page.url) == Settings(dataset="xor", layers=(4,))
    assert_no_exception(page)
