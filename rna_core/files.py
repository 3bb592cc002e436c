"""Where the project's files are, and the one way the app writes a file.

Every file the app writes (a saved model, a search's status, a race result) goes through
:func:`atomic_write`: the bytes go to a temporary file in the same folder, which is then
renamed over the target. A crash at any moment leaves the old file or the new one, never
half of one. Files that only make sense together (a model's settings and its weights) are
written as one folder with :func:`write_folder`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

#: The project's root folder (where ``streamlit_app.py`` is).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The shipped artifacts: pretrained models and precomputed demo results.
MODELS_DIR = PROJECT_ROOT / "models"


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path``, then rename it over ``path``.

    Parameters
    ----------
    path : str or PathLike
        The file to write; its folder must exist.
    data : bytes
        The whole new content.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; saved files are meant to be shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json(path: str | os.PathLike[str], data: object, indent: int | None = 1) -> None:
    """Write ``data`` as a JSON file with :func:`atomic_write` (creating the folder; NaN refused)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(data, indent=indent, allow_nan=False) + "\n").encode("utf-8"))


def write_folder(directory: str | os.PathLike[str], files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (name -> bytes) into ``directory`` so that they change together.

    They are written into a fresh hidden folder beside ``directory``, which then replaces
    ``directory`` by renames only. A crash at any moment leaves either the old complete set
    or the new complete set (or, in the instant between two renames, no folder at all) —
    never a half-written file, and never a new file beside an old one. Leftovers of a
    crashed write are hidden folders (``.name.*.new`` / ``.name.*.old``), removed by the
    next write. Other files already in ``directory`` (a README, metrics) are carried over.

    Returns
    -------
    Path
        The directory.
    """
    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*target.parent.glob(f".{target.name}.*.new"), *target.parent.glob(f".{target.name}.*.old")]:
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new"))
    try:
        for name, data in files.items():
            atomic_write(staging / name, data)
        if target.is_dir():
            for other in target.iterdir():
                if other.is_file() and other.name not in files:
                    shutil.copy2(other, staging / other.name)
        if target.exists():
            retired = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, retired / target.name)
            os.replace(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # still there only if a step above failed
    return target
