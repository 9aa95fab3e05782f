#!/usr/bin/env python3
"""How the passage index scales: build rate, size per page, and query time for a 10-page document.

    .venv/bin/python benchmarks/index_scale.py [--docs 1000 10000 100000] [--pages 3] [--docx 200]

For each archive size, builds an index of that many synthetic documents in memory (1 to 2 x --pages
pages of 500 words; 20 documents per case; every document also holds a shared confidentiality
paragraph, which becomes template text) and prints:

- build rate: documents per second on one core, fingerprinting and inserting (text generation aside),
  and the time of the final compaction;
- size: the index file, per document and per page of 500 words;
- query time for a 10-page document (5,000 words, two passages copied from indexed documents), from
  words to passages (``PassageIndex.search``): with the index file dropped from the operating
  system's cache first (from disk: about one random page read per k-gram looked up), then with the
  file in that cache the first query after opening the index (cold: what one ``disclint check`` pays
  when the index is in use) and the median of the next ten (warm).

``--docx N`` also times ``disclint index add`` on N generated Word files of --pages pages (reading
included) and ``disclint check --index`` on a 10-page Word file against the largest index.
Synthetic text only: words are drawn from invented vocabularies with a long tail, as in real prose.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from disclint.fingerprint import Masker
from disclint.index import PassageIndex
from disclint.model import Document, Part, TextBlock

PAGE_WORDS = 500
COMMIT_EVERY = 5000  # documents per transaction: each journals the pages it touches
COMMON = (
    "the and that to of a in was he she said her his had is with for on at it not they been have "
    "would told this from about were when be there an by we but school home mother father child "
    "children worker social meeting plan will all had also one visit after has our them their who"
).split()
CONFIDENTIALITY = (
    "The chair reminded everyone that the information shared in this meeting is confidential and must "
    "not be shared outside the meeting without the agreement of the chair, except where this is "
    "necessary to protect a child from harm."
)


def vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [
        "ba",
        "ro",
        "ki",
        "tem",
        "lo",
        "sha",
        "ne",
        "vil",
        "dor",
        "pa",
        "gu",
        "sen",
        "ti",
        "mar",
        "fe",
    ]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Writer:
    """Sentences of invented prose: common words, and a long tail of rarer ones (Zipf)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = COMMON + vocabulary(self.rng, 30000)
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))

    def paragraph(self, words: int) -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cumulative, k=words)
        out, n = [], 0
        while n < len(picked):
            length = self.rng.randint(8, 25)
            sentence = picked[n : n + length]
            out.append(" ".join(sentence).capitalize() + ".")
            n += length
        return " ".join(out)

    def document(self, name: str, pages: int) -> Document:
        blocks = [TextBlock(CONFIDENTIALITY, Part.BODY, None, 1)]
        written = 0
        while written < pages * PAGE_WORDS:
            words = self.rng.randint(40, 120)
            blocks.append(TextBlock(self.paragraph(words), Part.BODY, None, len(blocks) + 1))
            written += words
        return Document(Path(name), "0" * 64, tuple(blocks))


def build(
    path: Path, count: int, pages: int, writer: Writer, masker: Masker
) -> tuple[dict[str, float], list[tuple[str, Document]]]:
    """Index ``count`` documents; return the figures and a few indexed documents to copy from."""
    index = PassageIndex.create(path, salt=b"index-scale-0001")
    spent = 0.0
    words = 0
    keep: list[tuple[str, Document]] = []
    for n in range(count):
        doc = writer.document(f"/archive/{n // 20}/doc-{n}.docx", writer.rng.randint(1, 2 * pages - 1))
        words += sum(len(b.text.split()) for b in doc.blocks)
        started = time.perf_counter()
        index.add(str(n // 20), str(doc.path), doc, masker)
        if n % COMMIT_EVERY == COMMIT_EVERY - 1:
            index.commit()
        spent += time.perf_counter() - started
        if n < 50:
            keep.append((str(n // 20), doc))
    started = time.perf_counter()
    index.commit()
    commit = time.perf_counter() - started
    started = time.perf_counter()
    index.compact()
    compaction = time.perf_counter() - started
    index.close()
    size = path.stat().st_size
    figures = {
        "docs/s": count / (spent + commit),
        "build s": spent + commit,
        "compact s": compaction,
        "MB": size / 2**20,
        "bytes/doc": size / count,
        "bytes/page": size / (words / PAGE_WORDS),
        "pages": words / PAGE_WORDS,
    }
    return figures, keep


def query_document(writer: Writer, sources: list[tuple[str, Document]]) -> Document:
    """A 10-page plan of case "new": its own text, and two passages copied from indexed documents."""
    blocks = [TextBlock(writer.paragraph(100), Part.BODY, None, n) for n in range(1, 51)]
    for at, (_, source) in zip((10, 30), sources[:2], strict=True):
        blocks[at] = TextBlock(source.blocks[2].text, Part.BODY, None, at + 1)
    return Document(Path("plan.docx"), "1" * 64, tuple(blocks))


def evict(path: Path) -> None:
    """Drop the index file's pages from the operating system's cache, where it allows (Linux)."""
    if hasattr(os, "posix_fadvise"):
        with path.open("rb") as stream:
            os.fsync(stream.fileno())
            os.posix_fadvise(stream.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def measure_queries(
    path: Path, writer: Writer, masker: Masker, kept: list[tuple[str, Document]]
) -> dict[str, float]:
    evict(path)
    query = query_document(writer, kept[40:])
    started = time.perf_counter()
    with PassageIndex.open(path) as index:
        index.search(query.blocks, masker, "new")
    disk = time.perf_counter() - started
    with path.open("rb") as stream:  # the file in the operating system's cache, as when used lately
        while stream.read(1 << 24):
            pass
    started = time.perf_counter()
    index = PassageIndex.open(path)
    query = query_document(writer, kept)
    _, copies = index.search(query.blocks, masker, "new")
    cold = time.perf_counter() - started
    found = len(copies)
    warm = []
    for n in range(10):
        query = query_document(writer, kept[2 * n + 2 :])
        started = time.perf_counter()
        index.search(query.blocks, masker, "new")
        warm.append(time.perf_counter() - started)
    index.close()
    return {
        "disk ms": disk * 1000,
        "cold ms": cold * 1000,
        "warm ms": statistics.median(warm) * 1000,
        "passages found": found,
    }


def docx_end_to_end(folder: Path, count: int, pages: int, index_file: Path, writer: Writer) -> None:
    import docx
    import yaml

    cases = folder / "cases"
    cases.mkdir()
    for case in ("9001", "9002"):
        manifest = {"case": case, "subjects": [{"name": f"Ezra Pengelly{case}", "role": "child"}]}
        (cases / f"{case}.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    archive = folder / "archive"
    archive.mkdir()
    for n in range(count):
        document = docx.Document()
        for block in writer.document("x", pages).blocks:
            document.add_paragraph(block.text)
        document.save(str(archive / f"doc-{n}.docx"))
    plan = docx.Document()
    for block in writer.document("plan", 10).blocks:
        plan.add_paragraph(block.text)
    plan.save(str(folder / "plan.docx"))
    exe = [sys.executable, "-m", "disclint"]
    target = folder / "small.sqlite"
    started = time.perf_counter()
    subprocess.run(
        [*exe, "index", "add", str(archive), "--case", "9002", "--index", str(target), "--cases", str(cases)],
        check=True,
        capture_output=True,
    )
    took = time.perf_counter() - started
    print(
        f"disclint index add of {count} Word files of {pages} pages: {took:.1f}s, {count / took:.0f} "
        f"documents/s "
        "(one process, reading included)"
    )
    for label, extra in (("without --index", []), ("with --index", ["--index", str(index_file)])):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [
                    *exe,
                    "check",
                    str(folder / "plan.docx"),
                    "--case",
                    "9001",
                    "--cases",
                    str(cases),
                    "--select",
                    "copied-passage",
                    *extra,
                ],
                capture_output=True,
            )
            times.append(time.perf_counter() - started)
        print(
            f"disclint check of a 10-page Word file {label}: {statistics.median(times) * 1000:.0f} ms "
            "(whole process)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--pages", type=int, default=3, help="average pages per document")
    parser.add_argument("--docx", type=int, default=0, help="also time the command line on this many .docx")
    parser.add_argument("--keep", type=Path, help="folder to keep the indexes in")
    parser.add_argument("--reuse", action="store_true", help="query the indexes already in --keep")
    args = parser.parse_args()
    masker = Masker(["ezra", "pengelly"])
    folder = args.keep or Path(tempfile.mkdtemp(prefix="disclint-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; indexes in {folder}")
    last = None
    for count in args.docs:
        writer = Writer(count)
        path = folder / f"index-{count}.sqlite"
        if args.reuse and path.exists():
            kept = [
                (str(n // 20), writer.document("x", writer.rng.randint(1, 2 * args.pages - 1)))
                for n in range(50)
            ]
            figures = measure_queries(path, Writer(count + 7), masker, kept)
            print(
                f"{count:>7,} documents: query of a 10-page document: from disk {figures['disk ms']:.0f} ms, "
                f"cold {figures['cold ms']:.0f} ms, "
                f"warm {figures['warm ms']:.0f} ms ({figures['passages found']:.0f} of 2 passages found)"
            )
            last = path
            continue
        path.unlink(missing_ok=True)
        figures, kept = build(path, count, args.pages, writer, masker)
        figures |= measure_queries(path, Writer(count + 7), masker, kept)
        print(
            f"{count:>7,} documents ({figures['pages']:,.0f} pages): build {figures['docs/s']:.0f} "
            f"documents/s "
            f"({figures['build s']:.0f}s, compaction {figures['compact s']:.0f}s); index "
            f"{figures['MB']:.1f} MB = "
            f"{figures['bytes/doc'] / 1024:.1f} KB/document = {figures['bytes/page'] / 1024:.2f} KB/page; "
            f"query of a 10-page document: from disk {figures['disk ms']:.0f} ms, "
            f"cold {figures['cold ms']:.0f} ms, "
            f"warm {figures['warm ms']:.0f} ms "
            f"({figures['passages found']:.0f} of 2 passages found)"
        )
        last = path
    if args.docx and last is not None:
        with tempfile.TemporaryDirectory() as tmp:
            docx_end_to_end(Path(tmp), args.docx, args.pages, last, Writer(1))


if __name__ == "__main__":
    main()
