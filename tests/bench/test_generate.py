"""The synthetic scale data: valid, realistic in shape, deterministic; and the first-frame driver runs."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.generate import generate
from tests.helpers import REPO
from tui.core.loader import load_dataset
from tui.core.model import Basis, Dataset


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset]:
    out = tmp_path_factory.mktemp("scale")
    generate(out, 2_000, seed=7)
    return out, load_dataset(out)


def test_the_requested_number_of_program_lines_in_every_ministry(generated: tuple[Path, Dataset]) -> None:
    _, dataset = generated
    section = dataset.bulk[0]
    programs = [n for n in section.walk() if n.is_program]
    assert len(programs) == 2_000
    assert {p.ministry for p in programs} == {m.name.ja for m in dataset.ministries}  # all 17
    assert len(dataset.ministries) == 17


def test_three_levels_under_the_section_and_one_crowded_node(generated: tuple[Path, Dataset]) -> None:
    _, dataset = generated
    section = dataset.bulk[0]
    depths = Counter(len(p.path()) - len(section.path()) for p in section.walk() if p.is_program)
    assert min(depths) >= 4  # section > ministry > policy > measure > program
    widest = max(section.walk(), key=lambda n: len(n.children))
    assert len(widest.children) == 200  # a tenth of the lines, as 10,000 of 100,000


def test_every_kind_of_figure_occurs(generated: tuple[Path, Dataset]) -> None:
    _, dataset = generated
    programs = [n for n in dataset.bulk[0].walk() if n.is_program]
    bases = Counter(p.fy2020.basis for p in programs if p.fy2020 is not None)
    assert set(bases) == set(Basis)
    assert any(p.new for p in programs) and any(p.is_relisting for p in programs)
    assert any(p.fy2019 is not None and p.fy2019.dash for p in programs)
    assert any(p.supplementary is not None and p.supplementary.fiscal_year == 2019 for p in programs)
    assert any(any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in p.name.ja) for p in programs)


def test_the_same_seed_gives_the_same_file(generated: tuple[Path, Dataset], tmp_path: Path) -> None:
    path, _ = generated
    generate(tmp_path, 2_000, seed=7)
    assert (tmp_path / "programs.csv").read_bytes() == (path / "programs.csv").read_bytes()


def test_the_first_frame_driver_runs_the_explorer_on_generated_data(generated: tuple[Path, Dataset]) -> None:
    path, _ = generated
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "first_frame.py"), "budget", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_generated_data_passes_check_and_exports(generated: tuple[Path, Dataset]) -> None:
    """Re-listings repeat their original's figures, as in the document; exports include the bulk lines."""
    path, dataset = generated
    check = subprocess.run(
        [sys.executable, "-m", "tui", "check", "--data", str(path)], cwd=REPO, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout[-2000:]
    assert " 0 failed" in check.stdout
    export = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--data", str(path), "--format", "tsv"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert export.returncode == 0, export.stderr
    assert len(export.stdout.splitlines()) == 1 + len(dataset.programs()) == 1 + 47 + 2_000
