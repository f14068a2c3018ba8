"""Generate a synthetic data directory at scale: the shipped YAML files plus ``programs.csv``.

    python bench/generate.py OUT_DIR [--lines 100000] [--seed 2020]

The program lines follow the bulk schema (tui/core/loader/csv_reader.py): a section, then all 17 ministries, each
with policies and measures (three levels of hierarchy under the section), and programs with realistic
Japanese and English names, amounts with every basis (exact, 内数, 推計額, 未定, '-'), 新規 lines, 補正
figures and 再掲 lines. Two measures hold 10,000 programs each (a tenth of the lines, for small runs),
the kind of node that breaks a table which renders every row. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.loader import DATA_FILES, default_data_dir, load_dataset  # noqa: E402
from tui.core.loader.csv_reader import BULK_FILE, COLUMNS  # noqa: E402

AGENCIES = [
    ("JST", "JST"),
    ("NEDO", "NEDO"),
    ("AMED", "AMED"),
    ("理研", "RIKEN"),
    ("NICT", "NICT"),
    ("産総研", "AIST"),
    ("JAXA", "JAXA"),
    ("", ""),
]
SUBJECTS = [
    ("量子コンピュータ", "quantum computing"),
    ("量子暗号通信", "quantum cryptography"),
    ("AI", "AI"),
    ("半導体", "semiconductors"),
    ("宇宙輸送", "space transport"),
    ("海洋観測", "ocean observation"),
    ("防災・減災", "disaster risk reduction"),
    ("創薬", "drug discovery"),
    ("スマート農業", "smart agriculture"),
    ("脱炭素", "decarbonisation"),
    ("革新材料", "advanced materials"),
    ("バイオ製造", "biomanufacturing"),
    ("サイバーセキュリティ", "cybersecurity"),
    ("光・量子", "photonics and quantum"),
    ("ロボット", "robotics"),
    ("データ基盤", "data infrastructure"),
    ("次世代通信", "next-generation networks"),
    ("水素", "hydrogen"),
    ("感染症", "infectious diseases"),
    ("気候変動", "climate change"),
]
ACTIONS = [
    ("研究開発", "R&D"),
    ("実証事業", "demonstration"),
    ("基盤整備", "infrastructure"),
    ("人材育成", "human resources"),
    ("国際共同研究", "international joint research"),
    ("社会実装推進", "deployment"),
    ("技術開発", "technology development"),
    ("拠点形成", "research hubs"),
]
SUFFIXES = [
    ("事業", "program"),
    ("プログラム", "programme"),
    ("推進費", "promotion fund"),
    ("補助金", "subsidy"),
    ("委託費", "contract research"),
]
POLICIES = [
    ("科学技術・イノベーション", "Science, technology and innovation"),
    ("産業競争力", "Industrial competitiveness"),
    ("健康・医療", "Health and medicine"),
    ("国土・防災", "Land and disaster prevention"),
    ("環境・エネルギー", "Environment and energy"),
    ("安全保障", "Security"),
]


def program_name(rng: random.Random) -> tuple[str, str]:
    agency_ja, agency_en = rng.choice(AGENCIES)
    subject_ja, subject_en = rng.choice(SUBJECTS)
    action_ja, action_en = rng.choice(ACTIONS)
    suffix_ja, suffix_en = rng.choice(SUFFIXES)
    ja = f"{agency_ja + ' ' if agency_ja else ''}{subject_ja}{action_ja}{suffix_ja}"
    en = f"{agency_en + ': ' if agency_en else ''}{subject_en.capitalize()} {action_en} {suffix_en}"
    return ja, en


def amount(rng: random.Random) -> str:
    value = rng.lognormvariate(2.5, 1.6)
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def generate(out: Path, lines: int, seed: int) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        shutil.copyfile(default_data_dir() / name, out / name)
    ministries = [(m.name.ja, m.name.en) for m in load_dataset(default_data_dir()).ministries]
    rows: list[dict[str, str]] = []

    def add(**fields: str) -> None:
        row = dict.fromkeys(COLUMNS, "")
        row.update(fields)
        row["source_line"] = str(len(rows) + 2)
        rows.append(row)

    add(
        id="review",
        kind="section",
        name_ja="行政事業レビュー（生成データ）",
        name_en="Administrative project review (synthetic)",
        source_text="行政事業レビュー（生成データ）",
    )
    big = min(10_000, max(1, lines // 10))
    crowded = (0, len(ministries) // 2)  # ministries holding one measure of `big` programs each
    per_ministry = (lines - big * len(crowded)) // len(ministries)
    serial = 0
    for m_index, (ministry, ministry_en) in enumerate(ministries):
        programs: list[tuple[str, str, str, dict[str, str]]] = []  # this ministry's originals, to re-list
        ministry_id = f"review.m{m_index:02d}"
        add(id=ministry_id, parent="review", kind="group", name_ja=ministry, name_en=ministry_en, source_text=ministry)
        count = (
            per_ministry
            + (big if m_index in crowded else 0)
            + (lines - big * len(crowded) - per_ministry * len(ministries) if m_index == len(ministries) - 1 else 0)
        )
        measures: list[tuple[str, int]] = []
        if m_index in crowded:
            measures.append(("large", big))
            count -= big
        while count > 0:  # measures of 20-400 programs each
            size = min(count, rng.randint(20, 400))
            measures.append((str(len(measures)), size))
            count -= size
        for policy_index, (policy_ja, policy_en) in enumerate(POLICIES[: 2 + m_index % 4]):
            policy_id = f"{ministry_id}.p{policy_index}"
            add(
                id=policy_id,
                parent=ministry_id,
                kind="group",
                name_ja=f"{policy_ja}政策",
                name_en=f"{policy_en} policy",
                source_text=f"■{policy_ja}政策",
            )
            mine = measures[policy_index :: 2 + m_index % 4]
            for measure_key, size in mine:
                measure_id = f"{policy_id}.s{measure_key}"
                number = f"{m_index + 1}-{measures.index((measure_key, size)) + 1}"
                subject_ja, subject_en = rng.choice(SUBJECTS)
                add(
                    id=measure_id,
                    parent=policy_id,
                    kind="group",
                    name_ja=f"施策{number}: {subject_ja}の推進",
                    name_en=f"Measure {number}: promoting {subject_en}",
                    source_text=f"◆{subject_ja}の推進",
                )
                for _ in range(size):
                    serial += 1
                    ident = f"{measure_id}.{serial:06d}"
                    name_ja, name_en = program_name(rng)
                    roll = rng.random()
                    fields = {"fy2020": amount(rng), "fy2019": amount(rng)}
                    if roll < 0.08:
                        fields["fy2020_basis"] = fields["fy2019_basis"] = "within"
                    elif roll < 0.10:
                        fields["fy2020_basis"] = "estimate"
                    elif roll < 0.11:
                        fields.update(fy2020="", fy2020_basis="undetermined")
                    elif roll < 0.12:
                        fields["fy2019"] = "-"
                    elif roll < 0.17:
                        fields.update(fy2019="", new="true")
                    if rng.random() < 0.03:
                        fields.update(supplementary=amount(rng), supplementary_fiscal_year="2019")
                    if programs and rng.random() < 0.01:
                        # A 再掲 line: the same program (same ministry) placed again, printing the same figures.
                        original, name_ja, name_en, figures = rng.choice(programs)
                        fields = {**figures, "relist_of": original}
                        name_ja, name_en = name_ja + "(再掲)", name_en + " (re-listed)"
                    else:
                        programs.append((ident, name_ja, name_en, fields))
                    printed = f"{fields['fy2020']}億円" if fields["fy2020"] else "未定"
                    if fields.get("fy2020_basis") == "within":
                        printed += "の内数"
                    add(
                        id=ident,
                        parent=measure_id,
                        kind="program",
                        name_ja=name_ja,
                        name_en=name_en,
                        ministry=ministry,
                        source_text=f"●{name_ja} {printed}",
                        **fields,
                    )
    path = out / BULK_FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=100_000, help="program lines (default 100,000)")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    path = generate(args.out, args.lines, args.seed)
    print(f"{path}: {args.lines:,} program lines")


if __name__ == "__main__":
    main()
