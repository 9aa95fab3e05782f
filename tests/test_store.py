"""The register cache: built once, reused while the manifests are unchanged, rebuilt when one changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import disclint.store as store
from disclint.errors import ManifestError
from disclint.manifest import Manifest, Subject
from disclint.matching.variants import split_name
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


def _manifest(case: str, *names: str) -> Manifest:
    return Manifest(
        case=case,
        path=Path(f"{case}.yaml"),
        title=f"case {case}",
        subjects=tuple(Subject(name=n, role="child") for n in names),
    )


def test_people_come_back_in_the_order_of_the_manifests_not_of_the_file() -> None:
    """People are numbered by surname in the file (for locality); the store still answers by token
    and then in the order of the manifests, so the first of several same-named people is stable."""
    register = Register(
        {
            "3001": _manifest("3001", "Tyler Zeal", "Amy Zeal", "Tom Abbot"),
            "3002": _manifest("3002", "Tina Zeal", "Zoë de Souza-Hart"),
        }
    )
    people = register.store.people(["zeal/t"], ("pair",))
    assert [(p.written, p.case) for p in people] == [("Tyler Zeal", "3001"), ("Tina Zeal", "3002")]
    people = register.store.people(["zeal/t", "abbot/t"], ("pair",))  # by token, then by manifest
    assert [p.written for p in people] == ["Tom Abbot", "Tyler Zeal", "Tina Zeal"]
    sample = register.store.surname_sample(["zeal"], 40)
    assert [(p.written, p.case) for p in sample] == [("Tyler Zeal", "3001"), ("Tina Zeal", "3002")]
    for person in register.store.people(["zeal/t", "abbot/t", "zeal/a", "souza/z", "hart/z"], ("pair",)):
        assert person.parts == split_name(person.written)


def test_identifiers_come_back_by_key_in_the_order_read() -> None:
    manifests = {
        c: Manifest(
            case=c,
            path=Path(f"{c}.yaml"),
            title=f"case {c}",
            subjects=(Subject(name=f"Kim Lee{c}", role="child", phone="07700 900123"),),
        )
        for c in ("3003", "3001", "3002")
    }
    register = Register(manifests)
    found = register.store.identifiers(["07700900123"])
    assert [(e.case, e.kind, e.value) for e in found] == [
        ("3003", "phone", "07700 900123"),
        ("3001", "phone", "07700 900123"),
        ("3002", "phone", "07700 900123"),
    ]


def test_a_long_list_of_tokens_is_answered_in_one_order() -> None:
    """More tokens than one query takes are asked in chunks, sorted: the answer does not depend on
    the order of the set the tokens came from (which changes from run to run)."""
    register = Register(
        {
            "3001": _manifest("3001", "Tyler Zeal", "Amy Abbot"),
            "3002": _manifest("3002", "Tina Zeal", "Tom Abbot"),
        }
    )
    filler = [f"nobody{n}/x" for n in range(2000)]
    one = ["zeal/t", *filler, "abbot/t", "abbot/a"]
    other = ["abbot/a", *reversed(filler), "zeal/t", "abbot/t"]
    for tokens in (one, other):
        people = register.store.people(tokens, ("pair",))
        assert [p.written for p in people] == ["Amy Abbot", "Tom Abbot", "Tyler Zeal", "Tina Zeal"]


def test_the_fingerprint_sees_manifests_in_sub_folders(tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "cases")
    (cases / "area" / "team").mkdir(parents=True)
    nested = cases / "area" / "team" / "9001.yaml"
    nested.write_text("case: '9001'\n", encoding="utf-8")
    (cases / "area" / "notes.txt").write_text("not a manifest", encoding="utf-8")
    first = store.fingerprint(cases)
    (cases / "area" / "notes.txt").write_text("still not a manifest", encoding="utf-8")
    assert store.fingerprint(cases) == first
    nested.rename(cases / "area" / "9001.yaml")  # the same file, another folder
    moved = store.fingerprint(cases)
    assert moved != first
    (cases / "area" / "9001.yaml").write_text("case: '9001'\ntitle: x\n", encoding="utf-8")
    assert store.fingerprint(cases) != moved
