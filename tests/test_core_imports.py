"""The core stays light and acyclic: importing it pulls in neither Streamlit nor a Keras backend."""

from __future__ import annotations

import subprocess
import sys

from rna_core.i18n import LANGUAGES, STRINGS

from .conftest import ROOT

#: Modules that exist to hold Keras subclasses; only ever imported inside functions.
KERAS_ONLY = {"rna_core.keras_parts"}
LIGHT_MODULES = sorted(
    {
        ("rna_core." + ".".join(path.relative_to(ROOT / "rna_core").with_suffix("").parts))
        .removesuffix(".__init__").removesuffix(".__main__")
        for path in (ROOT / "rna_core").rglob("*.py")
    }
    - KERAS_ONLY
)


def test_every_core_module_imports_without_streamlit_or_keras() -> None:
    """One interpreter imports all core modules; none may pull Streamlit, TensorFlow or Keras."""
    code = (
        f"import sys, importlib; [importlib.import_module(m) for m in {LIGHT_MODULES!r}]; "
        "heavy = [m for m in ('streamlit', 'tensorflow', 'keras', 'jax', 'torch') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _core_imports() -> dict[str, set[str]]:
    """Module -> the rna_core modules it imports (at any level: top, inside functions)."""
    import ast

    graph: dict[str, set[str]] = {}
    for path in (ROOT / "rna_core").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rna_core"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("rna_core"))
        graph[name] = found
    return {name: {other for other in found if other in graph and other != name} for name, found in graph.items()}


def test_core_modules_import_each_other_without_cycles() -> None:
    graph = _core_imports()
    # A package's __init__ re-exporting its own submodules is not a cycle of ideas.
    graph = {name: {other for other in found if not other.startswith(name + ".")} for name, found in graph.items()}
    visiting, done, cycles = set(), set(), []

    def visit(name: str, path: list[str]) -> None:
        if name in done:
            return
        if name in visiting:
            cycles.append(path[path.index(name):] + [name])
            return
        visiting.add(name)
        for other in sorted(graph[name]):
            visit(other, [*path, name])
        visiting.discard(name)
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert not cycles, cycles


def test_no_module_of_the_core_or_the_ui_package_is_over_450_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): lines
        for folder in ("rna_core", "rna_ui")
        for path in (ROOT / folder).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 450
        and "i18n" not in path.parts
    }
    assert not too_long, too_long


def test_pages_folder_holds_page_files_only() -> None:
    from rna_core.catalog import PAGES

    expected = {"home.py"} | {page.file.removeprefix("pages/") for page in PAGES}
    assert {path.name for path in (ROOT / "pages").glob("*.py")} == expected
    assert not [path for path in (ROOT / "pages").iterdir() if path.is_dir() and path.name != "__pycache__"]


def test_one_atomic_write_in_the_code_base() -> None:
    users = sorted(
        str(path.relative_to(ROOT))
        for folder in ("rna_core", "rna_ui", "pages", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if "os.replace(" in path.read_text(encoding="utf-8")
    )
    assert users == ["rna_core/files.py"], users


def test_every_string_exists_in_every_language_with_same_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    problems = []
    for key, texts in STRINGS.items():
        if set(texts) != set(LANGUAGES):
            problems.append(f"{key}: languages {sorted(texts)}")
            continue
        if any(not texts[lang].strip() for lang in LANGUAGES):
            problems.append(f"{key}: empty text")
        if len({frozenset(fields(texts[lang])) for lang in LANGUAGES}) != 1:
            problems.append(f"{key}: placeholders differ")
    assert not problems, problems
