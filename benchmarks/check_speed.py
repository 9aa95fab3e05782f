"""How long `disclint check` takes on a 10-page Word document against a cases directory of 40 cases.

Prints start-up (`disclint --version`), the whole command end to end, and the in-process split:
loading the manifests and building the register, reading the docx, running the rules.

    .venv/bin/python benchmarks/check_speed.py [--cases 40] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

FORENAMES = "Amelia Oliver Isla Harry Ava Jack Mia Noah Lily Leo Freya Oscar Evie Alfie Ruby Grace".split()
SURNAMES = "Penhale Trevithick Carbis Polglase Rowe Tregear Hocking Nance Pascoe Kitto Jory Opie".split()


def nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def make_cases(folder: Path, count: int, rng: random.Random) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        case = str(5000 + n)
        surname = f"{rng.choice(SURNAMES)}{n}"
        subjects = [
            {
                "name": f"{rng.choice(FORENAMES)} {surname}",
                "role": rng.choice(["child", "mother", "father"]),
                "dob": f"20{rng.randint(10, 22)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "nhs_number": nhs(rng),
                "phone": f"07700 900{rng.randint(0, 999):03d}",
                "email": f"{surname.lower()}{i}@example.org",
                "address": f"{rng.randint(1, 99)} Chapel Street, Truro TR{rng.randint(1, 9)} {i}AB",
            }
            for i in range(4)
        ]
        manifest = {
            "case": case,
            "title": f"{surname} family",
            "references": [f"LA-2025-{case}", f"BV25C0{case}"],
            "subjects": subjects,
            "professionals": [{"name": "Sarah Jones", "role": "Social Worker"}],
        }
        (folder / f"{case}.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")


def make_docx(path: Path, rng: random.Random) -> None:
    import docx

    document = docx.Document()
    words = (
        "the core group agreed that the family support worker will visit weekly and the school will share "
        "attendance figures with the social worker before the review conference in March"
    ).split()
    for _ in range(10):  # about one page each: 25 paragraphs of ~40 words and a table
        for _ in range(25):
            document.add_paragraph(" ".join(rng.choice(words) for _ in range(40)))
        table = document.add_table(rows=6, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.text = " ".join(rng.choice(words) for _ in range(6))
        document.add_page_break()
    document.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE LA-2025-5000"
    document.save(str(path))


def timed(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_cases(root / "cases", options.cases, rng)
        doc = root / "plan.docx"
        make_docx(doc, rng)
        exe = str(Path(sys.executable).with_name("disclint"))
        python = timed([sys.executable, "-c", "pass"], options.repeat)
        version = timed([exe, "--version"], options.repeat)
        end_to_end = timed(
            [exe, "check", str(doc), "--case", "5000", "--cases", str(root / "cases")], options.repeat
        )

        from disclint.engine import Settings, check_document, select_rules
        from disclint.manifest import load_cases
        from disclint.readers import read
        from disclint.register import Register
        from disclint.rules import RuleContext, discover

        t0 = time.perf_counter()
        register = Register(load_cases(root / "cases"))
        t1 = time.perf_counter()
        document = read(doc)
        t2 = time.perf_counter()
        rules = select_rules(discover())
        manifest = register.cases["5000"]
        context = RuleContext(manifest, register, register.view(manifest))
        t3 = time.perf_counter()
        result = check_document(document, rules, context, Settings())
        t4 = time.perf_counter()
        words = sum(len(b.text.split()) for b in document.blocks)
        print(f"cases: {options.cases}; document: 10 pages, {len(document.blocks)} blocks, {words} words")
        print(f"python -c pass            {python * 1000:7.0f} ms")
        print(f"disclint --version        {version * 1000:7.0f} ms")
        print(f"disclint check (end to end){end_to_end * 1000:6.0f} ms  (median of {options.repeat})")
        print(f"  load manifests+register {(t1 - t0) * 1000:7.1f} ms")
        print(f"  read docx               {(t2 - t1) * 1000:7.1f} ms")
        print(f"  discover rules          {(t3 - t2) * 1000:7.1f} ms")
        print(f"  run rules               {(t4 - t3) * 1000:7.1f} ms  ({len(result.findings)} findings)")


if __name__ == "__main__":
    main()
