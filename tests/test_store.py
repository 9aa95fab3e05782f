"""The register cache: built once, reused while the manifests are unchanged, rebuilt when one changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import disclint.store as store
from disclint.errors import ManifestError
from disclint.register import Register
from tests.builders import write_cases


def cached_files() -> list[Path]:
    return sorted((Path(os.environ["DISCLINT_CACHE_DIR"]) / "register").glob("*.sqlite"))


def test_the_register_is_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = write_cases(tmp_path / "cases")
    first = Register.open(cases)
    assert sorted(first.store.case_ids()) == ["1001", "1002", "1003", "1004"]
    assert len(cached_files()) == 1

    def no_parsing(directory: Path) -> None:
        raise AssertionError("a warm start must not parse the manifests")

    monkeypatch.setattr(store, "load_cases", no_parsing)
    warm = Register.open(cases)
    manifest = warm.manifest("1001")
    assert manifest is not None and manifest.title == "Smith family"
    assert [m.entries[0].person for m in warm.view(manifest).names("Tyler Brown was there.")] == [
        "Tyler Brown"
    ]


def test_a_changed_manifest_rebuilds_the_cache(tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "cases")
    Register.open(cases)
    path = cases / "1002.yaml"
    path.write_text(path.read_text().replace("Kelly O'Neill", "Kelly Greenwood"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    register = Register.open(cases)
    manifest = register.manifest("1001")
    assert manifest is not None
    view = register.view(manifest)
    assert [m.entries[0].person for m in view.names("Kelly Greenwood and Kelly O'Neill")] == [
        "Kelly Greenwood"
    ]
    assert len(cached_files()) == 2


def test_a_broken_manifest_is_reported_when_the_cache_is_built(tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "cases")
    (cases / "9.yaml").write_text("case: '9'\nsubjcts: []\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="unknown key 'subjcts'"):
        Register.open(cases)
    assert cached_files() == []


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLINT_NO_CACHE", "1")
    register = Register.open(write_cases(tmp_path / "cases"))
    assert register.manifest("1002") is not None
    assert cached_files() == []


def test_an_unwritable_cache_still_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(blocked))
    register = Register.open(write_cases(tmp_path / "cases"))
    assert register.manifest("1001") is not None
