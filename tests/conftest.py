from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from disclint.cli import app
from disclint.manifest import load_cases
from disclint.model import Document, Part, TextBlock
from disclint.register import Register
from disclint.rules import RuleContext
from tests.builders import write_cases


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test gets its own register cache folder: nothing is written to the user's cache."""
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("DISCLINT_NO_CACHE", raising=False)


@pytest.fixture()
def cases_dir(tmp_path: Path) -> Path:
    return write_cases(tmp_path / "cases")


@pytest.fixture()
def register(cases_dir: Path) -> Register:
    return Register(load_cases(cases_dir))


@pytest.fixture()
def context(register: Register) -> Callable[[str], RuleContext]:
    def make(case: str = "1001") -> RuleContext:
        manifest = register.cases[case]
        return RuleContext(manifest, register, register.view(manifest))

    return make


def document(*texts: str, part: Part = Part.BODY, name: str = "letter.txt") -> Document:
    return Document(Path(name), "0" * 64, tuple(TextBlock(t, part, None, n) for n, t in enumerate(texts, 1)))


Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Runner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: object) -> tuple[int, str, str]:
        """Run the command line; return exit code, standard output and standard error."""
        result = CliRunner().invoke(app, [str(a) for a in args])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture()
def check_json(cli: Runner, cases_dir: Path) -> Callable[..., tuple[int, dict[str, Any]]]:
    def run(
        *paths: Path | str, case: str = "1001", extra: tuple[str, ...] = ()
    ) -> tuple[int, dict[str, Any]]:
        code, out, _ = cli("check", *paths, "--case", case, "--cases", cases_dir, "--format", "json", *extra)
        return code, json.loads(out)

    return run
