"""Where the project's files are, and the one way the app writes a file.

Every file the app writes (a saved model, a search's status, a race result) goes through
:func:`atomic_write`: the bytes go to a temporary file in the same folder, which is then
renamed over the target. A crash at any moment leaves the old file or the new one, never
half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
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
