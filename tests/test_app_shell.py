"""The app shell: every page renders in both languages; language selection and URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from rna_core.catalog import PAGES
from rna_core.i18n import LANGUAGES, t

from .conftest import ROOT

PAGE_FILES = [("pages/home.py", "home.title")] + [(p.file, p.title_key) for p in PAGES]


def run_page(file: str, lang: str | None = None, timeout: float = 60) -> AppTest:
    at = AppTest.from_file(str(ROOT / file), default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("file", "title_key"), PAGE_FILES, ids=[f for f, _ in PAGE_FILES])
def test_page_renders_with_title(file: str, title_key: str, lang: str) -> None:
    at = run_page(file, lang)
    assert not at.exception, at.exception
    assert [title.value for title in at.title][:1] == [t(title_key, lang)]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_entry_point_runs_home_by_default(lang: str) -> None:
    at = run_page("streamlit_app.py", lang)
    assert not at.exception, at.exception
    assert at.title[0].value == t("home.title", lang)


def test_every_page_in_catalog_has_a_file_title_and_summary() -> None:
    for page in PAGES:
        assert (ROOT / page.file).is_file(), page.file
        for lang in LANGUAGES:
            assert t(page.title_key, lang)
            assert t(page.summary_key, lang)
    assert len({page.slug for page in PAGES}) == len(PAGES)


@pytest.mark.parametrize("bad", ["xx", "", "es;drop", "123"])
def test_unknown_language_in_url_falls_back_to_english(bad: str) -> None:
    at = run_page("pages/home.py", bad)
    assert not at.exception
    assert at.title[0].value == t("home.title", "en")
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_language_selector_switches_and_updates_url() -> None:
    at = run_page("pages/home.py", "en")
    selector = at.sidebar.selectbox[0]
    assert selector.value == "en"
    selector.set_value("es").run()
    assert not at.exception
    assert at.title[0].value == t("home.title", "es")
    assert at.query_params["lang"] in ("es", ["es"])
    assert at.session_state["_lang"] == "es"


def test_choice_survives_without_url_parameter() -> None:
    """A page switch may drop the query string: the session remembers the language."""
    at = run_page("pages/home.py", "es")
    del at.query_params["lang"]
    at.run()
    assert at.title[0].value == t("home.title", "es")


def test_no_emoji_anywhere_the_app_draws_text() -> None:
    """Emoji render as empty boxes on machines without an emoji font: icons are Material icons."""
    import re

    emoji = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("pages", "rna_ui", "rna_core")
        for path in (ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if emoji.search(line)
    ]
    assert not found, found
