"""Hostile input where a student hits it (issue 9): odd uploads, odd URLs, path tricks.

Each case runs on the real page in Chromium and must show a clear message, no exception
element and no traceback, and leave the session working (a good photo is still read, a
model imported before is still offered on the Draw page). The core checks of the same
inputs are in ``tests/test_uploads.py``, ``tests/test_models.py`` and ``tests/test_tuning_core.py``.
"""

from __future__ import annotations

import io
import json
import pickle
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from rna_core import model_files, models
from rna_core.catalog import PAGES
from rna_core.i18n import t

from .browser_helpers import assert_no_exception, open_app, screenshot, wait_idle
from .test_faults import FakeModel

pytestmark = pytest.mark.browser

UPLOADER = '[data-testid="stFileUploader"] input[type="file"]'
ALERT = '[data-testid="stAlert"]'


def payload(name: str, data: bytes, mime: str = "application/octet-stream") -> dict:
    return {"name": name, "mimeType": mime, "buffer": data}


def assert_no_traceback(page: Page) -> None:
    assert_no_exception(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Traceback" not in text and 'File "' not in text, text[-1500:]


# --------------------------------------------------------------------------- digit photos


def zero_photo() -> bytes:
    photo = Image.new("RGB", (300, 300), (230, 225, 210))
    ImageDraw.Draw(photo).ellipse((100, 40, 200, 260), outline=(20, 20, 50), width=14)
    buffer = io.BytesIO()
    photo.save(buffer, format="PNG")
    return buffer.getvalue()


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A small PNG whose header claims 900 megapixels of rows that deflate from almost nothing."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * width  # filter byte + one grey byte per pixel
    body = b"".join(compressor.compress(row) for _ in range(2000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def truncated_png() -> bytes:
    data = zero_photo()
    return data[: len(data) // 2]


def upload_photo(page: Page, file: dict) -> None:
    page.locator(UPLOADER).set_input_files(file)


@pytest.mark.parametrize(("name", "make", "message"), [
    ("not-an-image", lambda: b"%PDF-1.4 this is a homework sheet, not a picture" * 20, "not a PNG or JPEG"),
    ("truncated", truncated_png, "damaged"),
    ("bomb", bomb_png, "too many pixels"),
])
def test_bad_digit_photo_is_refused_and_the_page_keeps_working(app_server, page: Page, name, make, message) -> None:
    open_app(page, app_server.url, "draw", lang="en")
    page.get_by_text(t("draw.source_upload", "en")).click()
    upload_photo(page, payload(f"{name}.png", make(), "image/png"))
    expect(page.locator(ALERT).filter(has_text=message)).to_be_visible(timeout=45_000)
    expect(page.locator(".draw-digit")).to_have_count(0)
    assert_no_traceback(page)
    screenshot(page, f"hostile-photo-{name}")
    upload_photo(page, payload("zero.png", zero_photo(), "image/png"))  # the session still works
    expect(page.locator(".draw-digit")).to_have_text("0", timeout=45_000)
    assert_no_traceback(page)


# --------------------------------------------------------------------------- model import


@pytest.fixture(scope="module")
def good_model() -> tuple[bytes, bytes]:
    """A valid safe-format pair (config.json, weights.npz) of a small network."""
    rng = np.random.default_rng(0)
    fake = FakeModel(32, 0.0)
    fake._weights = [rng.normal(0, 0.05, w.shape).astype(np.float32) for w in fake.get_weights()]
    config = models.NetworkConfig(hidden_layers=(32,), dropout=0.0)
    return model_files.config_json(fake, config), model_files.weights_npz(fake)


def import_files(page: Page, files: list[dict]) -> None:
    """Open the import expander, replace the uploaded files by ``files`` and press Import."""
    if not page.locator('[data-testid="stFileUploader"]').is_visible():
        page.get_by_text(t("training.import", "en"), exact=True).click()
    delete = page.locator('[data-testid="stFileChipDeleteBtn"]')
    while delete.count():
        before = delete.count()
        delete.first.click()
        expect(delete).to_have_count(before - 1)
    wait_idle(page)
    page.locator(UPLOADER).set_input_files(files)
    expect(page.locator('[data-testid="stFileChip"]')).to_have_count(len(files), timeout=30_000)
    page.get_by_role("button", name=t("training.import_button", "en"), exact=True).click()


def import_good(page: Page, good_model, name: str = "config.json") -> None:
    import_files(page, [payload(name, good_model[0], "application/json"), payload("weights.npz", good_model[1])])
    expect(page.locator(ALERT).filter(has_text="Imported")).to_be_visible(timeout=120_000)
    wait_idle(page)


def assert_model_still_offered(page: Page, label_start: str) -> None:
    """The Draw page (same session, reached through the sidebar) still lists the imported model."""
    page.locator('[data-testid="stSidebarNav"] a[href$="/draw"]').first.click()
    expect(page.get_by_role("heading", name=t("draw.title", "en"))).to_be_visible(timeout=30_000)
    wait_idle(page)
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    expect(page.get_by_role("option").filter(has_text=label_start)).to_have_count(1, timeout=30_000)


def pickle_bomb(marker: Path) -> bytes:
    """A pickle that would create ``marker`` if anybody unpickled it."""
    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    return pickle.dumps(Evil())


@pytest.mark.parametrize("kind", ["keras", "h5", "pkl"])
def test_unsafe_model_files_are_refused_unopened(app_server, page: Page, good_model, tmp_path, kind) -> None:
    marker = tmp_path / "pwned"
    open_app(page, app_server.url, "training", lang="en")
    import_good(page, good_model)
    data = pickle_bomb(marker)  # whatever the extension, opening it would run code
    import_files(page, [payload(f"model.{kind}", data)])
    expect(page.locator(ALERT).filter(has_text=f"model.{kind}")).to_contain_text("refused", timeout=30_000)
    assert_no_traceback(page)
    assert not marker.exists()
    screenshot(page, f"hostile-import-{kind}")
    assert_model_still_offered(page, "config.json")


def test_config_asking_for_a_million_units_is_refused(app_server, page: Page, good_model) -> None:
    open_app(page, app_server.url, "training", lang="en")
    import_good(page, good_model)
    document = json.loads(good_model[0])
    document["config"]["hidden_layers"] = [1_000_000]
    document["weights"] = [[784, 1_000_000], [1_000_000], [1_000_000, 10], [10]]
    import_files(page, [payload("config.json", json.dumps(document).encode(), "application/json"),
                        payload("weights.npz", good_model[1])])
    expect(page.locator(ALERT).filter(has_text=str(models.MAX_UNITS))).to_be_visible(timeout=30_000)
    assert_no_traceback(page)
    screenshot(page, "hostile-import-million-units")
    assert_model_still_offered(page, "config.json")


def test_truncated_weights_file_is_refused(app_server, page: Page, good_model) -> None:
    open_app(page, app_server.url, "training", lang="en")
    import_good(page, good_model)
    cut = good_model[1][: len(good_model[1]) // 2]
    import_files(page, [payload("config.json", good_model[0], "application/json"), payload("weights.npz", cut)])
    expect(page.locator(ALERT).filter(has_text=model_files.WEIGHTS_FILE)).to_be_visible(timeout=30_000)
    assert_no_traceback(page)
    assert_model_still_offered(page, "config.json")


def test_path_tricks_in_uploaded_names_never_become_paths(app_server, page: Page, good_model) -> None:
    """Upload names only label the model; nothing is written under (or outside) the app's folders."""
    root = Path(__file__).resolve().parent.parent
    before = {path for path in root.parent.iterdir()} | {path for path in root.iterdir()}
    open_app(page, app_server.url, "training", lang="en")
    import_good(page, good_model, name="..%2F..%2Fevil%00name.json")
    expect(page.locator(ALERT).filter(has_text="evil")).to_be_visible()
    assert_no_traceback(page)
    after = {path for path in root.parent.iterdir()} | {path for path in root.iterdir()}
    assert not [path for path in after - before if "evil" in path.name]
    assert_model_still_offered(page, "..%2F..%2Fevil")


# --------------------------------------------------------------------------- URL parameters

HOSTILE_QUERIES = [
    "lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E",  # markup in the language
    "lang=es&lang=../../etc/passwd&lang=",  # repeated keys, a path, an empty value
    "lang=" + "x" * 4000 + "&page=-1&seed=1e999",  # very long value and unknown, out-of-range keys
    "lang=%00%FF&%00=1",  # NUL and an invalid UTF-8 byte
]


def test_hostile_url_parameters_on_every_page(app_server, page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = [""] + [entry.slug for entry in PAGES]
    for index, path in enumerate(paths):
        query = HOSTILE_QUERIES[index % len(HOSTILE_QUERIES)]
        page.goto(f"{app_server.url}/{path}?{query}", wait_until="domcontentloaded")
        wait_idle(page)
        assert_no_traceback(page)
        assert "<script>" not in page.locator('[data-testid="stMain"]').inner_text()
        lang = page.evaluate("() => new URLSearchParams(location.search).getAll('lang')")
        assert lang in (["en"], ["es"]), (path, query[:40], lang)  # the app rewrote it to a real language
    assert dialogs == []
