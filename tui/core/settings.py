"""Settings (a TOML file the user writes) and state (a JSON file the explorer writes): plain data, no Textual.

**Config** — ``config.toml`` in the platform's config directory (``platformdirs.user_config_dir``:
``~/.config/budget-tui/config.toml`` on Linux), or the file ``$BUDGET_TUI_CONFIG``; read with the standard
library's ``tomllib``. Keys (all optional, see :data:`CONFIG_KEYS`)::

    language = "ja"        # "ja" or "en": labels at start
    unit = "oku"           # "oku" (億円), "million" (百万円) or "yen" (円)
    theme = "textual-dark" # any theme of the command palette's theme picker
    restore = true         # start where you left off (last node, unit, language, theme)
    remember = true        # keep state between runs at all; false: nothing is read or written
    citation_id = true     # `C`'s citation ends with the item's id (what --open takes)

**State** — ``state.json`` in the platform's state directory (``platformdirs.user_state_dir``:
``~/.local/state/budget-tui/state.json``), or in ``$BUDGET_TUI_STATE_DIR``: the last node, unit, language
and theme, recent searches and filters. Written atomically (a temporary file renamed into place).

A file that cannot be read or parsed gives **one** warning line and the defaults; unknown keys and bad
values are named in that file's one warning line and ignored, never a crash. A missing file is no warning.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tui.core.fmt import Unit
from tui.core.model import Lang

APP_NAME = "budget-tui"
CONFIG_ENV = "BUDGET_TUI_CONFIG"
STATE_DIR_ENV = "BUDGET_TUI_STATE_DIR"
STATE_FILE = "state.json"
STATE_VERSION = 1
MAX_FILE_BYTES = 1 * 2**20  # a settings file is a few hundred bytes; more is not ours
RECENT_LIMIT = 10  # recent searches and filters kept
RECENT_MAX_CHARS = 200  # one remembered query at most

RecentKind = Literal["searches", "filters"]  # the two lists of recent queries the state keeps
UNITS: dict[str, Unit] = {"oku": Unit.OKU, "million": Unit.MILLION, "yen": Unit.YEN}
UNIT_ALIASES = {"億円": "oku", "百万円": "million", "円": "yen"}
LANGUAGES: tuple[Lang, ...] = ("ja", "en")
CONFIG_KEYS = {
    "language": '"ja" or "en" (default "ja"): the labels\' language at start',
    "unit": '"oku" (億円, the default), "million" (百万円) or "yen" (円): the unit at start',
    "theme": "a Textual theme name, as listed by the palette's theme picker (default: textual-dark)",
    "restore": "true (default) or false: start at the last node, unit, language and theme",
    "remember": "true (default) or false: keep state (last place, recent searches and filters) between runs",
    "citation_id": "true (default) or false: `C`'s citation ends with the item's id, the one --open takes",
}


@dataclass(frozen=True)
class Config:
    """What the user asked for in the config file; None: not set (the built-in default applies)."""

    language: Lang | None = None
    unit: str | None = None  # a key of UNITS
    theme: str | None = None
    restore: bool = True
    remember: bool = True
    citation_id: bool = True


@dataclass(frozen=True)
class State:
    """What the explorer remembers between runs; None: nothing remembered."""

    node: str | None = None
    unit: str | None = None  # a key of UNITS
    language: Lang | None = None
    theme: str | None = None
    searches: tuple[str, ...] = ()  # most recent first
    filters: tuple[str, ...] = ()

    def with_recent(self, kind: RecentKind, query: str) -> State:
        """``query`` first in the recent searches (kind "searches") or filters ("filters"), once, at most
        RECENT_LIMIT of them; an empty or over-long query is not remembered."""
        query = query.strip()
        if not query or len(query) > RECENT_MAX_CHARS:
            return self
        old = self.searches if kind == "searches" else self.filters
        recent = (query, *(q for q in old if q != query))[:RECENT_LIMIT]
        return replace(self, searches=recent) if kind == "searches" else replace(self, filters=recent)


@dataclass(frozen=True)
class Loaded:
    """A file's values and the one warning line about it, if any (without the ``budget-tui: `` prefix)."""

    config: Config = field(default_factory=Config)
    state: State = field(default_factory=State)
    warning: str | None = None


# ---- where ----------------------------------------------------------------------------------------------


def config_path() -> Path:
    """``$BUDGET_TUI_CONFIG``, else ``config.toml`` in the platform's user config directory."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    import platformdirs  # Textual imports it anyway

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def state_path() -> Path:
    """``state.json`` in ``$BUDGET_TUI_STATE_DIR``, else in the platform's user state directory."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override) / STATE_FILE
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / STATE_FILE


# ---- reading --------------------------------------------------------------------------------------------


class _Unreadable(Exception):
    pass


def _read_text(path: Path) -> str | None:
    """The file's text; None if there is no file; _Unreadable (with the reason) for anything else."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would wait for a writer; it is refused below instead.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _Unreadable("not a regular file")
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise _Unreadable("is a directory, not a file") from None
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _Unreadable(f"larger than {MAX_FILE_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _language(value: Any, problems: list[str], key: str) -> Lang | None:
    if value == "ja" or value == "en":
        return "ja" if value == "ja" else "en"
    problems.append(f"{key} = {value!r} is not 'ja' or 'en'")
    return None


def _unit(value: Any, problems: list[str], key: str) -> str | None:
    if isinstance(value, str):
        name = UNIT_ALIASES.get(value, value)
        if name in UNITS:
            return name
    problems.append(f"{key} = {value!r} is not one of {', '.join(repr(u) for u in UNITS)}")
    return None


def _string(value: Any, problems: list[str], key: str) -> str | None:
    if isinstance(value, str) and value and len(value) <= RECENT_MAX_CHARS and value.isprintable():
        return value
    problems.append(f"{key} = {_short(value)} is not a name")
    return None


def _boolean(value: Any, problems: list[str], key: str) -> bool | None:
    if isinstance(value, bool):
        return value
    problems.append(f"{key} = {_short(value)} is not true or false")
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _warning(path: Path, problems: list[str], fallback: str) -> str | None:
    if not problems:
        return None
    return f"warning: {path}: {'; '.join(problems)} ({fallback})"


def read_config(path: Path | None = None) -> Loaded:
    """The config file's settings; defaults (and one warning line) if it is broken; defaults if absent."""
    path = path or config_path()
    try:
        text = _read_text(path)
    except _Unreadable as exc:
        return Loaded(warning=_warning(path, [str(exc)], "using the default settings"))
    if text is None:
        return Loaded()
    import tomllib  # only when there is a file: ~6 ms of start-up otherwise

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Loaded(warning=_warning(path, [f"not valid TOML: {exc}"], "using the default settings"))
    problems: list[str] = []
    values: dict[str, Any] = {}
    readers = {
        "language": _language,
        "unit": _unit,
        "theme": _string,
        "restore": _boolean,
        "remember": _boolean,
        "citation_id": _boolean,
    }
    for key, value in raw.items():
        reader = readers.get(key)
        if reader is None:
            problems.append(f"unknown key {key!r}")
            continue
        checked = reader(value, problems, key)
        if checked is not None:
            values[key] = checked
    return Loaded(config=Config(**values), warning=_warning(path, problems, "ignored"))


def read_state(path: Path | None = None) -> Loaded:
    """The remembered state; an empty state (and one warning line) if the file is broken."""
    path = path or state_path()
    try:
        text = _read_text(path)
    except _Unreadable as exc:
        return Loaded(warning=_warning(path, [str(exc)], "starting afresh"))
    if text is None:
        return Loaded()
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return Loaded(warning=_warning(path, [f"not valid JSON: {exc}"], "starting afresh"))
    if not isinstance(raw, dict):
        return Loaded(warning=_warning(path, ["not a JSON object"], "starting afresh"))
    problems: list[str] = []
    values: dict[str, Any] = {}
    scalars = {"node": _string, "unit": _unit, "language": _language, "theme": _string}
    for key, value in raw.items():
        if key == "version":
            if value != STATE_VERSION:
                problems.append(f"version {_short(value)} is not {STATE_VERSION}")
            continue
        if key in ("searches", "filters"):
            if isinstance(value, list) and all(isinstance(q, str) for q in value):
                # Recalled into an input and drawn: a control character would reach the terminal.
                kept = (q for q in value if q and len(q) <= RECENT_MAX_CHARS and q.isprintable())
                values[key] = tuple(kept)[:RECENT_LIMIT]
            else:
                problems.append(f"{key} is not a list of strings")
            continue
        reader = scalars.get(key)
        if reader is None:
            problems.append(f"unknown key {key!r}")
            continue
        if value is None:
            continue
        checked = reader(value, problems, key)
        if checked is not None:
            values[key] = checked
    return Loaded(state=State(**values), warning=_warning(path, problems, "ignored"))


# ---- writing --------------------------------------------------------------------------------------------


def state_json(state: State) -> str:
    payload = {
        "version": STATE_VERSION,
        "node": state.node,
        "unit": state.unit,
        "language": state.language,
        "theme": state.theme,
        "searches": list(state.searches),
        "filters": list(state.filters),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_state(state: State, path: Path | None = None) -> None:
    """Write the state atomically (readers see the old file or the new one). Raises OSError."""
    path = path or state_path()
    from tui.core.files import write_atomic  # at quit, not at start-up

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, state_json(state), force=True)


# ---- what the explorer starts with ------------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """Where and how the explorer starts, from the command line, the state and the config, in that order."""

    language: Lang = "ja"
    unit: str = "oku"
    theme: str | None = None  # None: Textual's default
    node: str | None = None  # None: the root
    state: State = field(default_factory=State)  # what is remembered (recent searches, …)
    remember: bool = True  # write the state back at quit
    citation_id: bool = True  # `C` ends with the item's id
    warnings: tuple[str, ...] = ()


def resolve_start(config: Loaded, state: Loaded, *, language: Lang | None = None, node: str | None = None) -> Start:
    """Command line (``--lang``, ``--open``) over the remembered state (when ``restore``) over the config
    over the built-in defaults. With ``remember = false`` the state file is neither used nor written."""
    c = config.config
    warnings = [w for w in (config.warning,) if w]
    remembered = State()
    if c.remember:
        remembered = state.state
        if state.warning:
            warnings.append(state.warning)
    restored = remembered if c.restore else State()
    return Start(
        language=language or restored.language or c.language or "ja",
        unit=restored.unit or c.unit or "oku",
        theme=restored.theme or c.theme,
        node=node or restored.node,
        state=remembered,
        remember=c.remember,
        citation_id=c.citation_id,
        warnings=tuple(warnings),
    )


def load_start(*, language: Lang | None = None, node: str | None = None) -> Start:
    """Read the config and (if it allows) the state, and resolve where the explorer starts."""
    config = read_config()
    state = read_state() if config.config.remember else Loaded()
    return resolve_start(config, state, language=language, node=node)
