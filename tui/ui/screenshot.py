"""Saving a screenshot (ctrl+s) without ever replacing a file that is already there."""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path


def save_new_file(directory: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` to a new file ``<stem>-<date-time>[-N]<suffix>`` in ``directory`` and return its
    path. Creation is exclusive (O_EXCL), so a file that exists — even one made a moment ago — is never
    overwritten; a failed write leaves no partial file. Raises ``OSError`` when the directory is missing
    or not writable."""
    if not directory.is_absolute():
        try:
            os.getcwd()
        except FileNotFoundError:  # the working directory was deleted: creating in it fails, say why
            raise FileNotFoundError(2, "the working directory no longer exists", str(directory)) from None
    base = f"{stem}-{datetime.now():%Y%m%d-%H%M%S}"
    data = text.encode("utf-8")
    n = 0
    while True:
        n += 1
        path = directory / (f"{base}{suffix}" if n == 1 else f"{base}-{n}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        return path
