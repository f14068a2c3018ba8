"""programs.csv, the bulk format: rows become the same nodes and figures as YAML records, and every
malformed row is refused with the file, CSV line and column."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import DATA
from tui.core.errors import DataError
from tui.core.loader import load_dataset
from tui.core.loader.csv_reader import COLUMNS
from tui.core.model import Basis

HEADER = ",".join(COLUMNS)
# id,parent,kind,name_ja,name_en,ministry,fy2020,fy2020_basis,fy2019,fy2019_basis,supplementary,
# supplementary_basis,supplementary_fiscal_year,new,relist_of,note_ja,note_en,source_line,source_text
GOOD = [
    "rv,,section,行政事業レビュー,Project review,,,,,,,,,,,,,1,行政事業レビュー",
    "rv.mext,rv,group,文部科学省,MEXT,,,,,,,,,,,,,2,文部科学省",
    "rv.mext.q,rv.mext,program,量子センサ研究開発事業,Quantum sensor R&D,文部科学省,32,,22,,,,,,,,,3,●量子センサ 32億円(22億円)",  # noqa: E501
    "rv.mext.e,rv.mext,program,JST 共創の場,JST co-creation,文部科学省,77,within,65,within,,,,,,,,4,●JST 77億円の内数",
    "rv.mext.n,rv.mext,program,新規AI事業,New AI program,文部科学省,6.2,,,,,,,true,,,,5,●新規AI 6.2億円(新規)",
    "rv.mext.u,rv.mext,program,未定事業,Undetermined,文部科学省,,undetermined,-,,50,within,2019,,,補正あり,Has suppl.,6,●未定",  # noqa: E501
    "rv.mext.r,rv.mext,program,量子センサ研究開発事業(再掲),Quantum sensor R&D (re-listed),,32,,22,,,,,,rv.mext.q,,,7,●再掲",  # noqa: E501
]


def data_dir(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / "programs.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return target


def test_rows_become_nodes_with_figures_as_written(tmp_path: Path) -> None:
    dataset = load_dataset(data_dir(tmp_path, GOOD))
    section = dataset.root.children[-1]
    assert section.name.en == "Project review" and section.parent is dataset.root
    children = [n.id for n in dataset.nodes["rv.mext"].children]
    assert children == ["rv.mext.q", "rv.mext.e", "rv.mext.n", "rv.mext.u", "rv.mext.r"]
    q = dataset.nodes["rv.mext.q"]
    assert (q.fy2020.amount, q.fy2019.amount) == (Decimal("32"), Decimal("22"))  # type: ignore[union-attr]
    assert q.change() == (Decimal("10"), False)
    assert q.source is not None and (q.source.line, q.source.file) == (3, "programs.csv")
    e = dataset.nodes["rv.mext.e"]
    assert e.fy2020.basis is Basis.WITHIN and e.change() == (None, False)  # type: ignore[union-attr]
    n = dataset.nodes["rv.mext.n"]
    assert n.new and str(n.fy2020.amount) == "6.2" and n.fy2019 is None  # type: ignore[union-attr]
    u = dataset.nodes["rv.mext.u"]
    assert u.fy2020.basis is Basis.UNDETERMINED and u.fy2020.amount is None  # type: ignore[union-attr]
    assert u.fy2019.dash and u.fy2019.amount is None  # type: ignore[union-attr]
    assert u.supplementary.fiscal_year == 2019 and u.supplementary.basis is Basis.WITHIN  # type: ignore[union-attr]
    assert u.notes[0].en == "Has suppl."
    r = dataset.nodes["rv.mext.r"]
    assert r.relist_of is q and q.relistings == (r,) and r.ministry == "文部科学省"
    # Bulk programs join the programs table; the document's own 47 lines are still there, first.
    programs = dataset.programs()
    assert len(programs) == 47 + 5 and programs[-1] is r


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"])
def test_a_bom_and_crlf_or_cr_line_ends_load_the_same(tmp_path: Path, line_end: bytes) -> None:
    target = data_dir(tmp_path, GOOD)
    path = target / "programs.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", line_end))
    nodes = load_dataset(target).nodes
    q, r = nodes["rv.mext.q"], nodes["rv.mext.r"]
    assert str(q.fy2020.amount) == "32" and q.source is not None and q.source.line == 3  # type: ignore[union-attr]
    assert r.source is not None and r.source.line == 7 and r.source.text == "●再掲"


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r", b"\n"])
def test_a_note_on_two_lines_loads_whatever_the_line_ends(tmp_path: Path, line_end: bytes) -> None:
    """Excel on Windows saves programs.csv with CRLF, inside a quoted note too: the note keeps its line
    break (as LF), where its CR used to be refused as a control character; a CR in a name still is."""
    rows = replace(2, "note_en", "NOTE_EN", replace(2, "note_ja", "NOTE_JA"))
    rows[2] = rows[2].replace("NOTE_JA", '"一行目\n二行目"').replace("NOTE_EN", '"First line\nsecond line"')
    target = data_dir(tmp_path, rows)
    path = target / "programs.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", line_end))
    q = load_dataset(target).nodes["rv.mext.q"]
    assert q.notes[0].ja == "一行目\n二行目" and q.notes[0].en == "First line\nsecond line"
    named = replace(2, "name_en", "NAME_EN")
    named[2] = named[2].replace("NAME_EN", '"Quantum\nsensor"')
    bad = data_dir(tmp_path / "bad", named)
    bad_path = bad / "programs.csv"
    bad_path.write_bytes(bad_path.read_bytes().replace(b"\n", line_end))
    with pytest.raises(DataError, match=r"programs.csv:4: name_en: U\+00(0D|0A)"):
        load_dataset(bad)
    after = replace(3, "fy2020", "1,234", rows)  # two line breaks in the record at 4: the next starts on 7
    later = data_dir(tmp_path / "later", after)
    later_path = later / "programs.csv"
    later_path.write_bytes(later_path.read_bytes().replace(b"\n", line_end))
    with pytest.raises(DataError, match=r"programs.csv:7: fy2020: "):
        load_dataset(later)


def test_long_notes_tabs_in_source_lines_and_characters_beyond_the_bmp_load_as_written(tmp_path: Path) -> None:
    """Cells the whole-file checks pass on to the cell-by-cell rules, which let them through."""
    note = "長い注記。" * 1_000  # 5,000 characters: over a name's limit, within a note's
    rows = replace(2, "note_en", "A long note", replace(2, "note_ja", note))
    rows = replace(4, "name_ja", "𠮷野家AI事業", replace(3, "source_text", "●JST\t77\t65", rows))
    nodes = load_dataset(data_dir(tmp_path, rows)).nodes
    assert nodes["rv.mext.q"].notes[0].ja == note
    assert nodes["rv.mext.e"].source is not None and nodes["rv.mext.e"].source.text == "●JST\t77\t65"
    assert nodes["rv.mext.n"].name.ja == "𠮷野家AI事業"


def replace(row: int, column: str, value: str, rows: list[str] = GOOD) -> list[str]:
    import csv
    import io

    cells = next(csv.reader(io.StringIO(rows[row])))
    cells[COLUMNS.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return [*rows[:row], out.getvalue(), *rows[row + 1 :]]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            replace(2, "fy2020", "1,234"),
            "programs.csv:4: fy2020: expected an amount in 億円 such as 32 or 6.2 (write it without separators), "
            "got '1,234'",
        ),
        (replace(2, "fy2020", "-5"), "programs.csv:4: fy2020: expected an amount in 億円"),
        (replace(2, "fy2020", "nan"), "programs.csv:4: fy2020: expected an amount in 億円"),
        (replace(2, "fy2020_basis", "approx"), "programs.csv:4: fy2020_basis: unknown basis 'approx'"),
        (replace(5, "fy2020", "3"), "programs.csv:7: fy2020: an undetermined (未定) figure has no amount"),
        (replace(2, "ministry", "宇宙省"), "programs.csv:4: ministry: unknown ministry '宇宙省'"),
        (
            replace(2, "parent", "rv.later"),
            "programs.csv:4: parent: 'rv.later' is not a section or group on an earlier line",
        ),
        (
            replace(3, "parent", "rv.mext.q"),
            "programs.csv:5: parent: 'rv.mext.q' is a program; programs have no children",
        ),
        (
            replace(1, "parent", "rv.mext"),
            "programs.csv:3: parent: 'rv.mext' is not a section or group on an earlier line",
        ),
        (replace(3, "id", "rv.mext.q"), "programs.csv:5: id: duplicated id 'rv.mext.q' (first at programs.csv:4)"),
        (
            replace(3, "id", "quantum.q-leap"),
            "programs.csv:5: id: duplicated id 'quantum.q-leap' (first at quantum.yaml:",
        ),
        (replace(6, "relist_of", "rv.nothing"), "programs.csv:8: relist_of: 再掲 points at no program: 'rv.nothing'"),
        (replace(4, "fy2019", "1"), "programs.csv:6: new: a 新規 (new) program has no FY2019 figure"),
        (replace(1, "fy2020", "5"), "programs.csv:3: fy2020: only a program has a fy2020"),
        (replace(2, "kind", "project"), "programs.csv:4: kind: unknown kind 'project'"),
        (replace(2, "source_line", "x"), "programs.csv:4: source_line: expected a line number, got 'x'"),
        ([*GOOD, "rv.x,rv.mext,program"], "programs.csv:9: expected 19 columns, found 3"),
        (
            replace(2, "name_en", "x" * 1_001),
            "programs.csv:4: name_en: too long: 1,001 characters (at most 1,000)",
        ),
        (  # the only unsafe character of the file lies beyond U+FFFF
            replace(2, "name_en", "Quantum \U000e0041 sensor"),
            "programs.csv:4: name_en: U+E0041 (TAG LATIN CAPITAL LETTER A) at character 9 is not allowed",
        ),
        (  # the file has tabs where they belong, in a source line, and one where it does not
            replace(3, "name_en", "JST\tco-creation", replace(2, "source_text", "●量子\t32")),
            "programs.csv:5: name_en: U+0009 (TAB) at character 4 is not allowed",
        ),
    ],
)
def test_a_malformed_row_is_refused_with_its_line_and_column(tmp_path: Path, rows: list[str], message: str) -> None:
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir(tmp_path, rows))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_or_unknown_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"programs.csv:1: source_text: missing column"):
        load_dataset(data_dir(tmp_path, [], header=HEADER.replace(",source_text", "")))
    with pytest.raises(DataError, match=r"programs.csv:1: amount: unknown column"):
        load_dataset(data_dir(tmp_path / "2", [], header=HEADER + ",amount"))


def test_an_empty_or_binary_file_is_refused(tmp_path: Path) -> None:
    target = data_dir(tmp_path, GOOD)
    (target / "programs.csv").write_bytes(b"")
    with pytest.raises(DataError, match=r"programs\.csv: the file is empty"):
        load_dataset(target)
    (target / "programs.csv").write_bytes(HEADER.encode() + b"\nrv,,section,\xff\xfe\n")
    with pytest.raises(DataError, match=r"programs.csv:2: not UTF-8 text"):
        load_dataset(target)


def test_a_fifo_or_a_directory_named_programs_csv_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO would block a reader forever: the loader looks at what the path is before opening it."""
    import os

    target = data_dir(tmp_path, GOOD)
    (target / "programs.csv").unlink()
    os.mkfifo(target / "programs.csv")
    with pytest.raises(DataError, match=r"programs\.csv: not a regular file"):
        load_dataset(target)
    (target / "programs.csv").unlink()
    (target / "programs.csv").mkdir()
    with pytest.raises(DataError, match=r"programs\.csv: not a regular file"):
        load_dataset(target)
