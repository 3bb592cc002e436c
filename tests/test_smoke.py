"""Smoke test of an install: every module imports and every page runs (``pytest -m smoke``).

``.ci/run`` runs it in a second virtualenv on Python 3.13 with only ``requirements.txt`` and
pytest installed, next to the full suite on 3.11, so "Python 3.11-3.13" stays true.
"""

from __future__ import annotations

import importlib
import importlib.metadata

import pytest
from packaging.requirements import Requirement

from rna_core.i18n import LANGUAGES, t

from .conftest import ROOT
from .test_app_shell import PAGE_FILES, run_page

pytestmark = pytest.mark.smoke
#: Modules of required packages that only import inside a running app (none today).
APP_ONLY: set[str] = set()


def project_modules() -> list[str]:
    """Every module of ``rna_core`` and ``rna_ui`` (``__main__`` files are programs, not modules)."""
    names = set()
    for package in ("rna_core", "rna_ui"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name != "__main__.py":
                names.add(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))
    return sorted(names)


def required_modules() -> list[str]:
    """The top-level modules of every package ``requirements.txt`` asks for on this machine."""
    by_distribution: dict[str, set[str]] = {}
    for module, distributions in importlib.metadata.packages_distributions().items():
        for distribution in distributions:
            by_distribution.setdefault(distribution.lower().replace("_", "-"), set()).add(module)
    modules = set()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate():
            found = by_distribution.get(requirement.name.lower().replace("_", "-"))
            assert found, f"{requirement.name} is in requirements.txt but not installed"
            modules |= {name for name in found if not name.startswith("_") and name not in APP_ONLY}
    return sorted(modules)


@pytest.mark.parametrize("module", project_modules() + required_modules())
def test_module_imports(module: str) -> None:
    importlib.import_module(module)


#: Every page file and the title it shows; the entry point shows the home page.
TITLES = {"streamlit_app.py": "home.title", **dict(PAGE_FILES)}


@pytest.mark.parametrize("file", list(TITLES))
def test_page_runs_in_every_language(file: str) -> None:
    for lang in LANGUAGES:
        at = run_page(file, lang)
        assert not at.exception, (lang, at.exception)
        assert [title.value for title in at.title][:1] == [t(TITLES[file], lang)]
