"""The register at council scale: 1k to 200k people.

For each size, generates a cases directory (five people a case, one manifest file a case, as the
contract says) and two 10-page Word documents (about 550 words a page: 12 paragraphs and a 6x3 table
of names), then prints the median of ``--runs`` runs of:

- cold: `disclint check` of the document with an empty cache (manifests parsed, register built; once);
- warm: the same command again (the cached register is used): the number a hook pays, end to end;
- start-up, in a fresh process (paid once per run, not per document): opening the cached register
  (fingerprint of the manifest files, SQLite open) and the case's view (its manifest and the index of
  the names it permits);
- match first: ``CaseView.matches`` on the first document of that fresh process: name matching
  (candidate people asked of the store, their variant keys built, every block scanned, misspellings
  scored, the foreign-name and unknown-person guards) and the identifiers of the document (candidate
  keys, store lookup, scan). Nothing of it is done before the clock starts but opening the store and
  the case's view, which a real check pays once per run too;
- match steady: the same for the second, different document of that process;
- memory: the peak resident memory of the warm command (its worker included) and of the probe.

    .venv/bin/python benchmarks/register_scale.py [--sizes 1000 10000 100000 200000] [--runs 5]
                                                  [--work DIR]

``--work DIR`` keeps the generated cases and documents there and reuses them (the cold build still
starts from an empty cache). The machine's load average is printed before and after: on a busy
machine wall-clock times vary, so compare medians taken under similar load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
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
    """Wall time of a command and its peak memory in MB (the command's own, children included)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024


def probe(root: Path, env: dict[str, str]) -> dict[str, float]:
    """The in-process split of one fresh process (see ``_PROBE``)."""
    files = [str(root / "cases"), str(root / "plan.docx"), str(root / "other.docx")]
    args = [sys.executable, "-c", _PROBE, *files]
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    return {k: float(v) for k, v in json.loads(out.stdout).items()}


def generate(root: Path, size: int) -> None:
    """The cases directory and the two documents of one size (kept if ``root`` has them)."""
    if (root / "other.docx").is_file():
        return
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(size)
    make_cases(root / "cases", size, rng)
    make_docx(root / "plan.docx", rng)
    make_docx(root / "other.docx", rng)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000, 200000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each warm measurement (median)")
    parser.add_argument("--work", type=Path, help="keep and reuse the generated cases and documents here")
    options = parser.parse_args()
    exe = str(Path(sys.executable).with_name("disclint"))
    print(f"{os.cpu_count()} cores, {load()}, {options.runs} runs (median; first call min-max)")
    print(
        f"{'people':>8} {'cases':>6} {'cold s':>7} {'warm s':>7} {'start-up ms':>11} "
        f"{'match first ms':>17} {'steady ms':>9} {'warm MB':>8} {'probe MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in options.sizes:
            root = (options.work or Path(tmp)) / str(size)
            generate(root, size)
            cache = root / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            env = {**os.environ, "DISCLINT_CACHE_DIR": str(cache)}
            args = [exe, "check", str(root / "plan.docx"), "--case", "100000", "--cases", str(root / "cases")]
            cold, _ = run([*args, "--quiet"], env)
            warm = [run([*args, "--quiet"], env) for _ in range(options.runs)]
            probes = [probe(root, env) for _ in range(options.runs)]
            first = [p["first"] for p in probes]
            print(
                f"{size:>8} {size // 5:>6} {cold:>7.1f} {statistics.median(t for t, _ in warm):>7.2f} "
                f"{statistics.median(p['open'] + p['view'] for p in probes):>11.0f} "
                f"{statistics.median(first):>5.0f} [{min(first):>3.0f}-{max(first):>3.0f}] "
                f"{statistics.median(p['steady'] for p in probes):>9.0f} "
                f"{max(m for _, m in warm):>8.0f} {max(p['peak'] for p in probes):>8.0f}",
                flush=True,
            )
            if options.work is None:
                shutil.rmtree(root)
    print(load())


_PROBE = """
import json, resource, sys, time
from pathlib import Path

from disclint.readers import read
from disclint.register import Register

clock = time.perf_counter
start = clock()
register = Register.open(Path(sys.argv[1]))
opened = clock()
view = register.view(register.manifest("100000"))
viewed = clock()
first, second = read(Path(sys.argv[2])), read(Path(sys.argv[3]))
begin = clock()
view.matches(first)
matched = clock()
view.matches(second)
again = clock()
print(json.dumps({
    "open": (opened - start) * 1000,
    "view": (viewed - opened) * 1000,
    "first": (matched - begin) * 1000,
    "steady": (again - matched) * 1000,
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

if __name__ == "__main__":
    main()
