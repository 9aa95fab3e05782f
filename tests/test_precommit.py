"""The pre-commit hooks (``.pre-commit-hooks.yaml``): valid for pre-commit, and blocking real commits.

The commit tests run pre-commit itself in a temporary git repository of documents, with a
``repo: local`` configuration that copies each hook's entry, files and arguments from the hooks file
and points the entry at this environment's disclint. The end-to-end test through ``pre-commit
try-repo`` (which clones this repository and pip-installs it, so it needs the package index and a
minute or two) runs only with ``DISCLINT_SLOW_TESTS=1``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[1]
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = ROOT / "examples"

clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# A letter about case 1001 that names a person no manifest knows: a warning, not an error.
WARNING_ONLY = (
    "Dear Ms Penrose,\n\nThank you for meeting Fiona Marchbank on Tuesday. Mr Blenkinsop from the "
    "housing office will call you next week about the repairs.\n\nLA-2025-1001\n"
)


def hooks() -> dict[str, dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in loaded}


def test_the_hooks_file_passes_pre_commits_own_validation() -> None:
    manifest = clientlib.load_manifest(str(HOOKS_FILE))
    assert {hook["id"] for hook in manifest} == {"disclint", "disclint-warnings"}
    for hook in manifest:
        assert hook["entry"] == "disclint check"
        assert hook["language"] == "python"
        assert hook["require_serial"] is True and hook["pass_filenames"] is True
        assert "--case" not in hook["args"] and "--manifest" not in hook["args"]  # case found per document
    assert hooks()["disclint-warnings"]["args"][-2:] == ["--fail-on", "warning"]


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("1001/minutes.docx", True),
        ("1001/Minutes.DOCX", True),
        ("letters/plan.pdf", True),
        ("notes.txt", True),
        ("README.md", True),
        ("mail/forward.eml", True),
        ("mail/outlook.msg", True),
        ("budget.xlsx", False),
        ("minutes.docx.bak", False),
        ("minutes.doc", False),
        ("case.yaml", False),
    ],
)
def test_the_hooks_check_the_supported_documents(path: str, checked: bool) -> None:
    for hook in hooks().values():
        assert bool(re.search(hook["files"], path)) is checked, (hook["id"], path)


def disclint_entry() -> str:
    script = Path(sys.executable).with_name("disclint")
    if script.is_file():
        return f"{script} check"
    return f"{sys.executable} -m disclint check"


def pre_commit(
    repo: Path, *args: str, check: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=os.environ, timeout=120
    )


@pytest.fixture()
def documents_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository of documents: cases/, disclint.yaml, a folder per case, pre-commit installed."""
    for key, value in {
        "GIT_AUTHOR_NAME": "A. Tester",
        "GIT_AUTHOR_EMAIL": "tester@example.org",
        "GIT_COMMITTER_NAME": "A. Tester",
        "GIT_COMMITTER_EMAIL": "tester@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }.items():
        monkeypatch.setenv(key, value)
    repo = tmp_path / "documents"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(EXAMPLES / "cases", repo / "cases")
    (repo / "disclint.yaml").write_text(
        "cases: cases\ncase_from_path: 'case-(?P<case>\\d+)/'\n", encoding="utf-8"
    )
    (repo / "1001").mkdir()
    (repo / "1001" / "case.yaml").write_text('case: "1001"\n', encoding="utf-8")
    local = []
    for hook in hooks().values():
        local.append(
            {
                "id": hook["id"],
                "name": hook["name"],
                "entry": disclint_entry(),
                "language": "system",
                "files": hook["files"],
                "args": hook["args"],
                "pass_filenames": hook["pass_filenames"],
                "require_serial": hook["require_serial"],
                "stages": ["manual"] if hook["id"] != "disclint" else ["pre-commit"],
            }
        )
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    pre_commit(repo, "install", check=True)
    git(repo, "add", ".pre-commit-config.yaml", "disclint.yaml", "cases", "1001/case.yaml")
    git(repo, "commit", "-q", "-m", "Set up the documents repository")
    return repo


def committed(repo: Path) -> list[str]:
    return git(repo, "ls-tree", "-r", "--name-only", "HEAD").stdout.split()


def commit(repo: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", *paths)
    return git(repo, "commit", "-m", f"Add {', '.join(paths)}", check=False)


def test_a_clean_document_is_committed(documents_repo: Path) -> None:
    shutil.copyfile(EXAMPLES / "documents" / "clean_letter.txt", documents_repo / "1001" / "letter.txt")
    done = commit(documents_repo, "1001/letter.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "disclint (another family's details)" in done.stdout + done.stderr
    assert "1001/letter.txt" in committed(documents_repo)


def test_a_leaky_document_is_blocked(documents_repo: Path) -> None:
    shutil.copyfile(EXAMPLES / "documents" / "clean_letter.txt", documents_repo / "1001" / "letter.txt")
    shutil.copyfile(EXAMPLES / "documents" / "leaky_email_notes.txt", documents_repo / "1001" / "notes.txt")
    blocked = commit(documents_repo, "1001/letter.txt", "1001/notes.txt")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "Failed" in output and "notes.txt" in output and "LA-2025-1002" in output
    assert "1001/letter.txt" not in committed(documents_repo)  # nothing was committed


def test_the_case_is_found_from_the_path_and_an_unknown_case_blocks(documents_repo: Path) -> None:
    (documents_repo / "case-1001").mkdir()
    shutil.copyfile(EXAMPLES / "documents" / "clean_letter.txt", documents_repo / "case-1001" / "letter.txt")
    done = commit(documents_repo, "case-1001/letter.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    (documents_repo / "misc").mkdir()
    shutil.copyfile(EXAMPLES / "documents" / "clean_letter.txt", documents_repo / "misc" / "letter.txt")
    blocked = commit(documents_repo, "misc/letter.txt")
    assert blocked.returncode != 0
    assert "cannot tell which case" in blocked.stdout + blocked.stderr


def test_the_warnings_hook_also_fails_on_warnings(documents_repo: Path) -> None:
    (documents_repo / "1001" / "letter.txt").write_text(WARNING_ONLY, encoding="utf-8")
    git(documents_repo, "add", "1001/letter.txt")
    errors_only = pre_commit(documents_repo, "run", "disclint", "--files", "1001/letter.txt")
    assert errors_only.returncode == 0, errors_only.stdout
    with_warnings = pre_commit(
        documents_repo, "run", "disclint-warnings", "--hook-stage", "manual", "--files", "1001/letter.txt"
    )
    assert with_warnings.returncode == 1, with_warnings.stdout
    assert "Blenkinsop" in with_warnings.stdout


@pytest.mark.skipif(not os.environ.get("DISCLINT_SLOW_TESTS"), reason="slow: set DISCLINT_SLOW_TESTS=1")
def test_try_repo_installs_and_runs_the_hook(documents_repo: Path, tmp_path: Path) -> None:
    """pre-commit's own install of the hook (language: python) from a copy of this working tree."""
    source = tmp_path / "disclint-src"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(source)], check=True, timeout=300)
    tree = ["src", "rules", "schemas", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"]
    for item in tree:
        if (ROOT / item).is_dir():
            shutil.rmtree(source / item, ignore_errors=True)
            shutil.copytree(ROOT / item, source / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / item, source / item)
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "working tree", check=False)
    shutil.copyfile(EXAMPLES / "documents" / "leaky_email_notes.txt", documents_repo / "1001" / "notes.txt")
    shutil.copyfile(EXAMPLES / "documents" / "clean_letter.txt", documents_repo / "1001" / "letter.txt")
    git(documents_repo, "add", "1001")

    def try_repo(name: str) -> subprocess.CompletedProcess[str]:
        return pre_commit(
            documents_repo, "try-repo", str(source), "disclint", "--files", f"1001/{name}", timeout=900
        )

    leaky = try_repo("notes.txt")
    assert leaky.returncode == 1 and "LA-2025-1002" in leaky.stdout, leaky.stdout + leaky.stderr
    clean = try_repo("letter.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
