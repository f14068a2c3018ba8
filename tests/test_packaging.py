"""The bundled data is found both from a checkout and from an installed wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import tui
from tui.core.loader import default_data_dir, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

PROBE = """
import json, tui
from tui.core.loader import default_data_dir, load_dataset
dataset = load_dataset()
print(json.dumps({
    "package": tui.__file__,
    "data_dir": str(default_data_dir()),
    "programs": sum(1 for node in dataset.nodes.values() if node.is_program),
}))
"""


def program_count() -> int:
    return sum(1 for node in load_dataset().nodes.values() if node.is_program)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out)]
    result = subprocess.run(
        [*command, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_checkout_finds_its_data_directory() -> None:
    assert Path(tui.__file__).resolve().parent == ROOT / "tui", "this test must import tui from the checkout"
    assert default_data_dir().resolve() == DATA.resolve()
    assert program_count() > 0


def test_wheel_bundles_every_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        data_files = sorted(p for p in DATA.iterdir() if p.is_file())
        assert data_files
        for path in data_files:
            member = f"tui/data/{path.name}"
            assert member in names, f"{member} missing from {wheel.name}"
            assert archive.read(member) == path.read_bytes(), f"{member} differs from data/{path.name}"


def test_installed_wheel_finds_its_bundled_data(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,  # not the checkout, so only the installed copy is importable
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)

    site = site.resolve()
    assert Path(found["package"]).resolve().is_relative_to(site), found
    data_dir = Path(found["data_dir"]).resolve()
    assert data_dir.is_relative_to(site), found
    assert data_dir == site / "tui" / "data"
    assert found["programs"] == program_count()


def test_wheel_bundles_the_serve_page_template(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        template = ROOT / "tui" / "cli" / "web" / "app_index.html"
        assert archive.read("tui/cli/web/app_index.html") == template.read_bytes()
