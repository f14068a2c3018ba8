"""Config (TOML) and state (JSON): round trips, precedence, and broken files that only ever warn."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tui.core.fmt import Unit
from tui.core.settings import (
    CONFIG_KEYS,
    RECENT_LIMIT,
    UNITS,
    Config,
    Loaded,
    State,
    config_path,
    load_start,
    read_config,
    read_state,
    resolve_start,
    state_path,
    write_state,
)


def test_paths_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_TUI_CONFIG", str(tmp_path / "my.toml"))
    monkeypatch.setenv("BUDGET_TUI_STATE_DIR", str(tmp_path / "st"))
    assert config_path() == tmp_path / "my.toml"
    assert state_path() == tmp_path / "st" / "state.json"


def test_platform_paths_without_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BUDGET_TUI_CONFIG")
    monkeypatch.delenv("BUDGET_TUI_STATE_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert config_path() == tmp_path / "cfg" / "budget-tui" / "config.toml"
    assert state_path() == tmp_path / "state" / "budget-tui" / "state.json"


def test_no_file_is_the_defaults_without_a_warning(tmp_path: Path) -> None:
    assert read_config(tmp_path / "none.toml") == Loaded()
    assert read_state(tmp_path / "none.json") == Loaded()


def test_config_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'language = "en"\nunit = "million"\ntheme = "nord"\nrestore = false\nremember = true\ncitation_id = false\n',
        encoding="utf-8",
    )
    loaded = read_config(path)
    assert loaded.warning is None
    assert loaded.config == Config(
        language="en", unit="million", theme="nord", restore=False, remember=True, citation_id=False
    )
    assert UNITS[loaded.config.unit or ""] is Unit.MILLION
    assert resolve_start(loaded, Loaded()).citation_id is False


def test_the_readme_documents_every_config_key() -> None:
    """README's settings table has a row for every key the config reader takes, and no other."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings, state and `--open ID`", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert documented == list(CONFIG_KEYS)


def test_a_remembered_query_with_a_control_character_is_dropped(tmp_path: Path) -> None:
    """Recalled into an input and drawn: an escape sequence in a hand-edited state file must not reach
    the terminal."""
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"searches": ["量子", "\x1b]52;c;aGk=\x07", "ai"], "filters": ["is:new\u202e"]}))
    assert read_state(path).state == State(searches=("量子", "ai"), filters=())


def test_config_accepts_the_japanese_unit_names(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('unit = "円"\n', encoding="utf-8")
    assert read_config(path).config.unit == "yen"


def test_state_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.json"  # the directory is made
    state = State(node="quantum.q-leap", unit="yen", language="en", theme="gruvbox", searches=("量子", "ai"))
    state = state.with_recent("filters", "ministry=文部科学省")
    write_state(state, path)
    loaded = read_state(path)
    assert loaded.warning is None
    assert loaded.state == state
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary file left


def test_recent_queries_most_recent_first_once_and_bounded() -> None:
    state = State()
    for query in ["a", "b", "a", "  ", *[f"q{i}" for i in range(20)], "x" * 500]:
        state = state.with_recent("searches", query)
    assert state.searches[0] == "q19" and len(state.searches) == RECENT_LIMIT
    state = State().with_recent("searches", "a").with_recent("searches", "b").with_recent("searches", "a")
    assert state.searches == ("a", "b")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'language = "en', "not valid TOML"),  # invalid TOML
        (b"\x00\x9f\xff binary junk \xfe", "not UTF-8 text"),
        (b"[language\n", "not valid TOML"),
    ],
)
def test_a_broken_config_is_one_warning_and_the_defaults(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    loaded = read_config(path)
    assert loaded.config == Config()
    assert loaded.warning is not None and "\n" not in loaded.warning
    assert expected in loaded.warning and str(path) in loaded.warning and "default settings" in loaded.warning


def test_wrong_types_and_unknown_keys_are_named_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('language = "fr"\nunit = 3\ntheme = ""\nrestore = "yes"\ncolour = "red"\n', encoding="utf-8")
    loaded = read_config(path)
    assert loaded.config == Config()
    warning = loaded.warning or ""
    assert "\n" not in warning
    for part in ("language = 'fr'", "unit = 3", "theme = ''", "restore = 'yes'", "unknown key 'colour'"):
        assert part in warning


def test_good_keys_survive_a_bad_neighbour(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('language = "en"\nunit = "furlongs"\n', encoding="utf-8")
    loaded = read_config(path)
    assert loaded.config.language == "en" and loaded.config.unit is None
    assert "unit = 'furlongs'" in (loaded.warning or "")


def test_a_directory_in_place_of_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    loaded = read_config(path)
    assert loaded.config == Config() and "is a directory" in (loaded.warning or "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('language = "en"\n', encoding="utf-8")
    path.chmod(0)
    loaded = read_config(path)
    assert loaded.config == Config() and "cannot read" in (loaded.warning or "")


def test_an_unreadable_config_as_another_user(tmp_path: Path) -> None:
    """As root (CI), the permission case runs in a child that drops to nobody."""
    import subprocess
    import sys

    from tests.helpers import NOBODY, REPO

    if os.geteuid() != 0:
        pytest.skip("needs root to become another user")
    top = Path(os.environ["BUDGET_TUI_CONFIG"]).parent
    path = top / "config.toml"
    path.write_text('language = "en"\n', encoding="utf-8")
    path.chmod(0o600)
    code = "from tui.core.settings import read_config; print(read_config().warning)"
    out = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "cannot read: Permission denied" in out.stdout and "default settings" in out.stdout


def test_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    # Opening a FIFO for reading blocks until a writer comes; the reader must not hang on it.
    loaded = read_config(path)
    assert "not a regular file" in (loaded.warning or "")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"node": "x"', "not valid JSON"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"node": 5, "unit": "parsec", "searches": "ai", "version": 99, "what": 1}', "node = 5"),
    ],
)
def test_a_broken_state_is_one_warning_and_a_fresh_start(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    loaded = read_state(path)
    assert loaded.state == State()
    assert loaded.warning is not None and "\n" not in loaded.warning and expected in loaded.warning


def test_precedence_command_line_then_state_then_config() -> None:
    config = Loaded(config=Config(language="en", unit="million", theme="nord"))
    state = Loaded(state=State(node="quantum.q-leap", unit="yen", language="ja", theme="gruvbox"))
    start = resolve_start(config, state)
    assert (start.language, start.unit, start.theme, start.node) == ("ja", "yen", "gruvbox", "quantum.q-leap")
    start = resolve_start(config, state, language="en", node="ai")
    assert (start.language, start.node) == ("en", "ai")
    # restore = false: the config's values, though the state (recent searches) is still kept
    no_restore = Loaded(config=Config(language="en", unit="million", restore=False))
    start = resolve_start(no_restore, Loaded(state=State(node="ai", unit="yen", searches=("量子",))))
    assert (start.language, start.unit, start.node, start.state.searches) == ("en", "million", None, ("量子",))
    # remember = false: the state is neither used nor written back
    off = Loaded(config=Config(remember=False))
    start = resolve_start(off, state)
    assert start.node is None and start.state == State() and not start.remember


def test_load_start_warns_once_per_broken_file(tmp_path: Path) -> None:
    Path(os.environ["BUDGET_TUI_CONFIG"]).write_text("nonsense", encoding="utf-8")
    state_dir = Path(os.environ["BUDGET_TUI_STATE_DIR"])
    state_dir.mkdir()
    (state_dir / "state.json").write_bytes(b"\x00" * 10)
    start = load_start()
    assert len(start.warnings) == 2 and all("\n" not in w for w in start.warnings)
    assert (start.language, start.unit, start.node) == ("ja", "oku", None)
