"""The one error type of the data layer: a problem in a data file, with where it is."""

from __future__ import annotations

from pathlib import Path

from tui.core.visible import visible


class DataError(Exception):
    """Unreadable or invalid data. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        text = f"{where}:{field} {self.message}"
        # One line whatever the path or the file held: a newline or escape is shown, never obeyed.
        return visible(text)
