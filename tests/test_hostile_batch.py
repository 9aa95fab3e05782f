"""A batch of 200 documents, 20 of them hostile: exactly those 20 end as ``error``, the rest are checked,
and none of the files is changed. The batch runs through the command line, in worker processes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from disclint.readers import SUPPORTED

from .builders import docx, p
from .conftest import Runner
from .hostile.make_hostile import make_hostile

EXAMPLES = Path(__file__).parent.parent / "examples"
CLEAN_LINE = (
    "Home visit to the Penrose family on {n} June 2025. Leanne Penrose and Darren Penrose were at home."
)
LEAK_LINE = "Craig Arkwright was arrested on suspicion of assault; see court number BV25C01002."


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes() if p.is_file() else b"", p.lstat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


def test_200_documents_with_20_hostile_ones(cli: Runner, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    expected_errors = make_hostile(tmp_path / "hostile")
    files = [n for n in sorted(expected_errors) if Path(n).suffix.lower() in SUPPORTED]
    files = [
        n
        for n in files
        if (tmp_path / "hostile" / n).is_file() and not (tmp_path / "hostile" / n).is_symlink()
    ]
    # Spread the choice over the whole corpus (bombs, XML attacks, broken PDFs, emails, text).
    chosen = [files[round(i * (len(files) - 1) / 19)] for i in range(20)]
    assert len(set(chosen)) == 20, "the hostile corpus has fewer than 20 regular document files"
    batch.mkdir()
    for name in chosen:
        shutil.copyfile(tmp_path / "hostile" / name, batch / name)
    leaky: set[str] = set()
    for n in range(180):
        kind = n % 4
        name = f"ok{n:03}"
        if kind == 0:
            path = docx(batch / f"{name}.docx", [p(CLEAN_LINE.format(n=n % 28 + 1))])
        elif kind == 1:
            path = batch / f"{name}.txt"
            path.write_text(CLEAN_LINE.format(n=n % 28 + 1) + "\n", encoding="utf-8")
        elif kind == 2:
            path = shutil.copyfile(EXAMPLES / "documents" / "clean_plan.docx", batch / f"{name}.docx")
        else:
            path = batch / f"{name}.md"
            path.write_text(f"# Notes\n\n{LEAK_LINE}\n", encoding="utf-8")
            leaky.add(path.name)
    before = _snapshot(batch)
    report = tmp_path / "report.json"
    code, _, _ = cli(
        "check", batch, "--case", "1001", "--cases", EXAMPLES / "cases", "--jobs", "2",
        "--format", "json", "--output", report, "--quiet",
    )  # fmt: skip
    assert code == 1
    documents = {Path(d["path"]).name: d for d in json.loads(report.read_text(encoding="utf-8"))["documents"]}
    assert len(documents) == 200
    errors = {name for name, d in documents.items() if d["status"] == "error"}
    assert errors == set(chosen)
    for name in errors:
        assert expected_errors[name].casefold() in documents[name]["error"].casefold(), name
    checked = {name for name in documents if name not in chosen}
    assert len(checked) == 180
    assert {n for n in checked if documents[n]["status"] == "fail"} == leaky
    assert all(documents[n]["status"] == "pass" for n in checked - leaky)
    assert _snapshot(batch) == before
