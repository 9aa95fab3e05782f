"""The register at council scale: 1k to 200k people.

For each size, generates a cases directory (five people a case, one manifest file a case, as the
contract says), then prints:
- cold: `disclint check` of a 10-page docx with an empty cache (manifests parsed, register built);
- warm: the same command again (the cached register is used) — the number a hook pays;
- match: the name and identifier matching of that document in-process, warm;
the document is 10 pages of about 550 words (12 paragraphs and a 6x3 table of names a page);
- memory: peak resident memory of the warm command.

    .venv/bin/python benchmarks/register_scale.py [--sizes 1000 10000 100000 200000]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from check_speed import nhs  # the same valid-check-digit NHS numbers

SYLLABLES = (
    "ash bar bel bing brook bur by cot dal den der field ford gate ham hart hay holm hurst ing ley lin "
    "low mar mer mill more ney nor ock ow ridge ton tree wick win wood worth"
).split()
FORENAMES_LIST = [
    str(n).capitalize()
    for n in yaml.safe_load((Path(__file__).parents[1] / "rules" / "data" / "forenames-uk.yaml").read_text())
]


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def postcode(rng: random.Random) -> str:
    return f"TR{rng.randint(1, 27)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}"


def make_cases(folder: Path, people: int, rng: random.Random) -> None:
    folder.mkdir(parents=True)
    for n in range(people // 5):
        case = f"{100000 + n}"
        family = surname(rng)
        lines = [f'case: "{case}"', f"title: {family} family", f'references: ["LA-2025-{case}"]', "subjects:"]
        for i in range(5):
            lines += [
                f"  - name: {rng.choice(FORENAMES_LIST)} {family if i < 4 else surname(rng)}",
                f"    role: {('child', 'child', 'mother', 'father', 'grandmother')[i]}",
                f"    dob: {rng.randint(1960, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f'    nhs_number: "{nhs(rng)}"',
                f'    phone: "07700 {rng.randint(900000, 900999)}"',
                f"    email: {family.lower()}{n}.{i}@example.org",
                f'    address: "{rng.randint(1, 200)} {surname(rng)} Road, Truro {postcode(rng)}"',
            ]
        lines += ["professionals:", "  - name: Sarah Jones", "    role: Social Worker"]
        (folder / f"{case}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_docx(path: Path, rng: random.Random) -> None:
    import docx

    document = docx.Document()
    words = (
        "the core group agreed that the family support worker will visit weekly and the school will share "
        "attendance figures with the social worker before the review conference in March Mrs Jones said"
    ).split()
    for page in range(10):
        # Ofcom's drama range has only 1,000 mobile numbers, so every invented phone is shared by
        # hundreds of people at this scale; a few per page keep identifier lookups realistic.
        document.add_paragraph(f"Contact: 07700 {rng.randint(900000, 900999)}, ref LA-2025-{100000 + page}")
        for _ in range(12):  # ~12 paragraphs of 40 words and a table: about 550 words, one printed page
            document.add_paragraph(" ".join(rng.choice(words) for _ in range(40)))
        table = document.add_table(rows=6, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.text = f"{rng.choice(FORENAMES_LIST)} {surname(rng)}, room {rng.randint(1, 99)}"
        document.add_page_break()
    document.save(str(path))


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time of a command and its peak memory in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000, 200000])
    options = parser.parse_args()
    exe = str(Path(sys.executable).with_name("disclint"))
    print(f"{'people':>8} {'cases':>7} {'cold s':>8} {'warm s':>7} {'match ms':>9} {'warm MB':>8}")
    for size in options.sizes:
        rng = random.Random(size)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make_cases(root / "cases", size, rng)
            doc = root / "plan.docx"
            make_docx(doc, rng)
            env = {**os.environ, "DISCLINT_CACHE_DIR": str(root / "cache")}
            args = [exe, "check", str(doc), "--case", "100000", "--cases", str(root / "cases"), "--quiet"]
            cold, _ = run(args, env)
            warm_times = [run(args, env) for _ in range(3)]
            warm = min(t for t, _ in warm_times)
            # Peak memory of one warm run alone, in a fresh process.
            probe = subprocess.run(
                [sys.executable, "-c", _PROBE, str(root / "cases"), str(doc)],
                capture_output=True, text=True, env=env, check=True,
            )  # fmt: skip
            match_ms, peak_mb = (float(v) for v in probe.stdout.split())
            print(f"{size:>8} {size // 5:>7} {cold:>8.1f} {warm:>7.2f} {match_ms:>9.1f} {peak_mb:>8.0f}")


_PROBE = """
import resource, sys, time
from pathlib import Path

import yaml
from disclint.readers import read
from disclint.register import Register
register = Register.open(Path(sys.argv[1]))
document = read(Path(sys.argv[2]))
view = register.view(register.manifest("100000"))
start = time.perf_counter()
view.matches(document)
elapsed = (time.perf_counter() - start) * 1000
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

if __name__ == "__main__":
    main()
