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
    """Choose ``file`` in the Draw page's uploader, again if a busy page dropped the selection."""
    chip = page.locator('[data-testid="stFileChip"]').filter(has_text=file["name"])
    for attempt in range(3):
        wait_idle(page)
        page.locator(UPLOADER).set_input_files(file)
        try:
            expect(chip).to_have_count(1, timeout=15_000)
            return
        except AssertionError:
            if attempt == 2:
                raise


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
        expect(page.locator('[data-testid="stFileUploader"]')).to_be_visible(timeout=30_000)
        page.wait_for_timeout(500)  # the uploader attaches its input after the expander opens
    delete = page.locator('[data-testid="stFileChipDeleteBtn"]')
    while delete.count():
        before = delete.count()
        delete.first.click()
        expect(delete).to_have_count(before - 1)
    wait_idle(page)
    chips = page.locator('[data-testid="stFileChip"]')
    for attempt in range(3):  # on a loaded machine the uploader sometimes drops a selection made mid-render
        page.locator(UPLOADER).set_input_files(files)
        try:
            expect(chips).to_have_count(len(files), timeout=15_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    wait_idle(page)
    button = page.get_by_role("button", name=t("training.import_button", "en"), exact=True)
    alerts = page.locator(ALERT)
    before = alerts.count()
    for attempt in range(2):  # a click that lands during the upload's own rerun can be lost: press again
        button.click()
        try:
            expect(alerts).to_have_count(before + 1, timeout=60_000)
            break
        except AssertionError:
            if attempt == 1:
                raise


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


# --------------------------------------------------------------------------- issue 19: round 2


def png_bytes(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def sixteen_bit_png(colour: bool) -> bytes:
    """The zero photo as a 16-bit PNG (grey: Pillow's I;16, which it used to clip to white)."""
    grey = np.asarray(Image.open(io.BytesIO(zero_photo())).convert("L"), dtype=np.uint16) * 257
    from .test_uploads import raw_png

    if colour:
        return raw_png(np.stack([grey] * 3, axis=-1), color_type=2)
    return raw_png(grey, color_type=0)


def gif_named_png() -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(zero_photo())).save(buffer, format="GIF")
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    noisy = Image.fromarray(np.random.default_rng(0).integers(0, 256, (200, 200, 3), dtype=np.uint8))
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) // 3]


def header_claims(width: int, height: int) -> bytes:
    from .test_uploads import png_with_header_size

    return png_with_header_size(width, height)


#: (name, file bytes, sentence expected on the Draw page). Each was tried on the real page.
HOSTILE_PHOTOS = [
    ("strip-20000x20", lambda: png_bytes(Image.new("L", (20_000, 20), 255)), "a strip rather than a digit"),
    ("strip-20x2000", lambda: png_bytes(Image.new("L", (20, 2_000), 0)), "a strip rather than a digit"),
    ("one-pixel", lambda: png_bytes(Image.new("RGB", (1, 1), "white")), "too small to hold a digit"),
    ("gif-named-png", gif_named_png, "not a PNG or JPEG"),
    ("twelve-megapixels-header", lambda: header_claims(4_000, 3_000), "too many pixels"),
    ("truncated-jpeg", truncated_jpeg, "damaged"),
    ("blank-page", lambda: png_bytes(Image.new("RGB", (200, 200), "white")), t("draw.empty_upload", "en")),
]


def test_hostile_photos_round_2(app_server, page: Page) -> None:
    """Issue 19 (4): a 20000x20 picture passed decoding, then st.image raised on the Draw page."""
    open_app(page, app_server.url, "draw", lang="en")
    page.get_by_text(t("draw.source_upload", "en")).click()
    for index, (name, make, message) in enumerate(HOSTILE_PHOTOS):
        upload_photo(page, payload(f"p{index}.png", make(), "image/png"))  # short: the chip may shorten names
        expect(page.locator(ALERT).filter(has_text=message)).to_be_visible(timeout=45_000)
        wait_idle(page)
        expect(page.locator(".draw-digit")).to_have_count(0)
        assert_no_traceback(page)
        if name == "strip-20000x20":
            screenshot(page, "hostile-photo-strip")
    upload_photo(page, payload("zero.png", zero_photo(), "image/png"))  # the session still works
    expect(page.locator(".draw-digit")).to_have_text("0", timeout=45_000)


@pytest.mark.parametrize("colour", [False, True], ids=["grey16", "rgb16"])
def test_16_bit_photo_is_read(app_server, page: Page, colour: bool) -> None:
    """Issue 19 (3): a 16-bit greyscale PNG of a digit was clipped to white: "No digit found"."""
    open_app(page, app_server.url, "draw", lang="en")
    page.get_by_text(t("draw.source_upload", "en")).click()
    upload_photo(page, payload("zero16.png", sixteen_bit_png(colour), "image/png"))
    expect(page.locator(".draw-digit")).to_have_text("0", timeout=45_000)
    expect(page.locator(ALERT).filter(has_text=t("draw.empty_upload", "en"))).to_have_count(0)
    assert_no_traceback(page)


def test_photo_refusal_is_translated(app_server, page: Page) -> None:
    open_app(page, app_server.url, "draw", lang="es")
    page.get_by_text(t("draw.source_upload", "es")).click()
    upload_photo(page, payload("tira.png", png_bytes(Image.new("L", (20_000, 20), 255)), "image/png"))
    expect(page.locator(ALERT).filter(has_text="una tira y no una cifra")).to_be_visible(timeout=45_000)
    assert_no_traceback(page)


def weights_arrays(good_model) -> list[np.ndarray]:
    with np.load(io.BytesIO(good_model[1])) as archive:
        return [archive[name] for name in sorted(archive.files)]


def npz_of(*arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **{f"w{index:03d}": array for index, array in enumerate(arrays)})
    return buffer.getvalue()


def hostile_imports(good_model) -> list[tuple[str, bytes, bytes, str]]:
    """(name, config.json, weights.npz, sentence expected on the Training page's import)."""
    config, weights = good_model
    document = json.loads(config)
    arrays = weights_arrays(good_model)
    nested = b'{"format": "rna-dashboard-model", "version": 1, "config": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    huge = [np.full_like(arrays[0], 3e38), *arrays[1:]]
    pickled = npz_of(arrays[0], np.array([{"a": 1}] * 32, dtype=object), *arrays[2:])
    return [
        ("nested-20000", nested, weights, "nested too deeply"),
        ("input-28x28", json.dumps({**document, "input_shape": [28, 28]}).encode(), weights,
         "input shape must be [784]"),
        ("8x4096-units", json.dumps({**document, "config": {"hidden_layers": [4096] * 8}}).encode(), weights,
         "too large to import"),
        ("weights-3e38", config, npz_of(*huge), "overflow"),
        ("nan-literal", config.replace(b'"learning_rate": 0.01', b'"learning_rate": NaN'), weights, "not valid JSON"),
        ("not-utf8", b"\xff\xfe" + config, weights, "not valid JSON"),
        ("transposed-kernel", config, npz_of(arrays[0].T.copy(), *arrays[1:]), "do not fit"),
        ("pickled-array", config, pickled, "never pickled objects"),
        ("top-level-list", b"[1, 2, 3]", weights, "not an RNA Dashboard model"),
        ("unknown-setting", json.dumps({**document, "config": {"__class__": "os.system"}}).encode(), weights,
         "Unknown setting"),
    ]


def test_hostile_model_imports_round_2(app_server, page: Page, good_model) -> None:
    """Issue 19 (1, 2): a deeply nested config.json showed a RecursionError traceback; input shape
    [28, 28] was accepted, then evaluation showed a raw Keras error. Both now get a sentence."""
    open_app(page, app_server.url, "training", lang="en")
    import_good(page, good_model)
    for name, config, weights, message in hostile_imports(good_model):
        import_files(page, [payload("config.json", config, "application/json"), payload("weights.npz", weights)])
        expect(page.locator(ALERT).filter(has_text=message)).to_be_visible(timeout=60_000)
        wait_idle(page)
        expect(page.locator(ALERT).filter(has_text="Imported")).to_have_count(0)
        assert_no_traceback(page)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "\x1b" not in text and "array(" not in text, (name, text[-800:])
        if name == "nested-20000":
            screenshot(page, "hostile-import-nested")
    assert_model_still_offered(page, "config.json")


def test_imported_model_label_is_not_cut_mid_number(app_server, page: Page, good_model) -> None:
    name = "a_model_file_with_a_really_long_name_from_the_lab_" * 2 + ".json"
    open_app(page, app_server.url, "training", lang="en")
    import_files(page, [payload(name, good_model[0], "application/json"), payload("weights.npz", good_model[1])])
    success = page.locator(ALERT).filter(has_text="Imported")
    expect(success).to_be_visible(timeout=120_000)
    describe = models.NetworkConfig.from_dict(json.loads(good_model[0])["config"]).describe("en")
    expect(success).to_contain_text(describe)  # "... batch 32 · 40 epochs", not "batch 3"
    assert_no_traceback(page)


def test_hostile_model_import_is_translated(app_server, page: Page, good_model) -> None:
    open_app(page, app_server.url, "training", lang="es")
    if not page.locator('[data-testid="stFileUploader"]').is_visible():
        page.get_by_text(t("training.import", "es"), exact=True).click()
    document = json.loads(good_model[0])
    page.locator(UPLOADER).set_input_files([
        payload("config.json", json.dumps({**document, "input_shape": [28, 28]}).encode(), "application/json"),
        payload("weights.npz", good_model[1]),
    ])
    expect(page.locator('[data-testid="stFileChip"]')).to_have_count(2, timeout=30_000)
    page.get_by_role("button", name=t("training.import_button", "es"), exact=True).click()
    expect(page.locator(ALERT).filter(has_text="La forma de entrada del modelo debe ser [784]")).to_be_visible(
        timeout=60_000)
    assert_no_traceback(page)


MORE_HOSTILE_QUERIES = [
    "lang=es%0d%0aSet-Cookie:%20x=1",  # header injection attempt
    "lang[]=es&lang=%F0%9F%98%80",  # array syntax and an emoji
    "embed=true&embed_options=show_toolbar&lang=en%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",  # markup
]


@pytest.mark.parametrize("query", MORE_HOSTILE_QUERIES)
def test_more_hostile_url_parameters(app_server, page: Page, query: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("training", "draw"):
        page.goto(f"{app_server.url}/{path}?{query}", wait_until="domcontentloaded")
        wait_idle(page)
        assert_no_traceback(page)
        lang = page.evaluate("() => new URLSearchParams(location.search).getAll('lang')")
        assert lang in (["en"], ["es"]), (path, query, lang)
    assert dialogs == []
