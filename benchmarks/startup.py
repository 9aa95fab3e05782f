"""Start-up and isolation overhead: what a pre-commit hook pays on every run.

Prints the median wall time of ``python -c pass``, ``disclint --version`` and ``disclint check`` of one
small text file (warm register cache), and the per-document cost of checking small documents in
reused worker processes against checking them in the parent process.

    python benchmarks/startup.py [--runs 15] [--documents 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "examples" / "cases"
SMALL = "Notes of a home visit to the Penrose family on 3 June 2025. Leanne Penrose was at home.\n"


def _time(command: list[str], runs: int, env: dict[str, str]) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def startup(runs: int, folder: Path) -> None:
    env = {**os.environ, "DISCLINT_CACHE_DIR": str(folder / "cache")}
    small = folder / "small.txt"
    small.write_text(SMALL, encoding="utf-8")
    disclint = str(Path(sys.executable).with_name("disclint"))
    check = [disclint, "check", str(small), "--case", "1001", "--cases", str(CASES), "--quiet"]
    subprocess.run(check, stdout=subprocess.DEVNULL, env=env, check=False)  # warm the register cache
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("disclint --version", [disclint, "--version"]),
        ("disclint check small.txt", check),
    ]
    print(f"start-up, median of {runs} runs (load {os.getloadavg()[0]:.2f}):")
    for label, command in rows:
        print(f"  {label:<26} {_time(command, runs, env) * 1000:7.0f} ms")


def isolation(count: int, folder: Path) -> None:
    os.environ["DISCLINT_CACHE_DIR"] = str(folder / "cache")
    from disclint.runner import RunSpec, build_run
    from disclint.workers import check_all

    docs = folder / "docs"
    docs.mkdir()
    paths = []
    for number in range(count):
        path = docs / f"note{number:04}.txt"
        path.write_text(SMALL, encoding="utf-8")
        paths.append(path)
    spec = RunSpec(cases=CASES, case="1001")
    run = build_run(spec)
    run.check(paths[0])  # imports and caches warm in the parent, as the workers inherit them
    start = time.perf_counter()
    for path in paths:
        run.check(path)
    inline = (time.perf_counter() - start) / count
    print(f"isolation, {count} small documents (load {os.getloadavg()[0]:.2f}):")
    print(f"  in the parent process          {inline * 1000:6.2f} ms/document")
    for jobs in (1, 2):
        start = time.perf_counter()
        check_all(spec, run, paths, jobs)
        pooled = (time.perf_counter() - start) / count
        print(f"  in {jobs} reused worker(s)         {pooled * 1000:6.2f} ms/document (incl. starting them)")
    start = time.perf_counter()
    check_all(spec, run, paths[:1], 1)
    print(f"  one document, worker included  {(time.perf_counter() - start) * 1000:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        startup(args.runs, Path(folder))
    with tempfile.TemporaryDirectory() as folder:
        isolation(args.documents, Path(folder))


if __name__ == "__main__":
    main()
