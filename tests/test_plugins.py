"""A third-party rule package is discovered through the ``disclint.rules`` entry points and run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.builders import write_cases

PLUGIN = '''
"""no-nicknames: the word "Sonny" is a nickname the council never uses in letters."""
from __future__ import annotations
from disclint.model import Severity
from disclint.rules import finding


class NoNicknames:
    id = "no-nicknames"
    severity = Severity.ERROR
    summary = "a nickname the council never uses"

    def check(self, document, context):
        for block in document.blocks:
            at = block.text.find("Sonny")
            if at >= 0:
                yield finding(self, block, at, at + 5, "Use the child's name, not 'Sonny'.")


rule = NoNicknames()
'''


def install_plugin(site: Path) -> None:
    (site / "council_rules.py").write_text(PLUGIN, encoding="utf-8")
    dist = site / "council_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: council-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[disclint.rules]\nno-nicknames = council_rules:rule\n")


def run(args: list[str], site: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "disclint", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def test_third_party_rule_is_listed_and_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    cases = write_cases(tmp_path / "cases")
    letter = tmp_path / "letter.txt"
    letter.write_text("Sonny is doing well.\n", encoding="utf-8")

    listed = run(["rules"], site, tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "no-nicknames" in listed.stdout and "a nickname the council never uses" in listed.stdout

    explained = run(["rules", "no-nicknames"], site, tmp_path)
    assert "the council never uses in letters" in explained.stdout

    checked = run(
        ["check", str(letter), "--case", "1001", "--cases", str(cases), "--format", "json"], site, tmp_path
    )
    assert checked.returncode == 1, checked.stderr
    (finding,) = json.loads(checked.stdout)["documents"][0]["findings"]
    assert finding["rule"] == "no-nicknames" and finding["match"] == "Sonny"

    ignored = run(
        ["check", str(letter), "--case", "1001", "--cases", str(cases), "--ignore", "no-nicknames"],
        site,
        tmp_path,
    )
    assert ignored.returncode == 0, ignored.stdout


def test_config_rules_folder_adds_packs(tmp_path: Path) -> None:
    packs = tmp_path / "council-packs"
    packs.mkdir()
    (packs / "jargon.yaml").write_text(
        "rule: jargon\nseverity: error\nmessage: 'Jargon: {match}'\nterms: [LAC]\nignorecase: false\n"
        "examples:\n  fail: ['The LAC review']\n  pass: ['lac of sleep']\n",
        encoding="utf-8",
    )
    write_cases(tmp_path / "cases")
    (tmp_path / "disclint.yaml").write_text("cases: cases\nrules: [council-packs]\n", encoding="utf-8")
    letter = tmp_path / "letter.txt"
    letter.write_text("The LAC review is next week.\n", encoding="utf-8")
    result = run(["check", str(letter), "--case", "1001", "--format", "json"], tmp_path / "none", tmp_path)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["documents"][0]["findings"][0]["message"] == "Jargon: LAC"
