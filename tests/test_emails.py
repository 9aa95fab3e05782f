"""A realistic set of outgoing emails for case 1001: the ways emails leak, and clean ones that pass."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests.builders import docx, p

CheckJson = Callable[..., tuple[int, dict[str, Any]]]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def mail(
    folder: Path,
    name: str,
    to: str,
    body: str,
    cc: str | None = None,
    attach: tuple[str, bytes] | None = None,
    forward: EmailMessage | None = None,
) -> Path:
    msg = EmailMessage()
    msg["From"] = "Sarah Jones <sarah.jones@council.example.org>"
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = "Core group minutes for Jackson"
    msg.set_content(body)
    if attach:
        msg.add_attachment(attach[1], maintype="application", subtype=DOCX.split("/")[1], filename=attach[0])
    if forward is not None:
        msg.add_attachment(forward)
    path = folder / name
    path.write_bytes(bytes(msg))
    return path


BODY = (
    "Dear Jackie,\n\nPlease find attached the minutes of Jackson's core group.\n\n"
    "Sarah Jones\nSocial Worker\n"
)


@pytest.fixture()
def minutes(tmp_path: Path) -> dict[str, bytes]:
    own = docx(
        tmp_path / "own.docx", [p("Core group minutes for Jackson Smith."), p("Jackie Smith attended.")]
    )
    other = docx(
        tmp_path / "other.docx",
        [p("Core group minutes for Tyler Brown."), p("Kelly O'Neill said that the father was arrested.")],
    )
    return {"own": own.read_bytes(), "other": other.read_bytes()}


def findings(report: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    return [
        (f["rule"], f["location"]["part"], f["severity"], f["details"].get("case"))
        for f in report["documents"][0]["findings"]
        if f["severity"] != "info"
    ]


def test_clean_email_with_its_own_minutes_passes(
    tmp_path: Path, check_json: CheckJson, minutes: dict[str, bytes]
) -> None:
    path = mail(
        tmp_path,
        "clean.eml",
        "Jackie Smith <jackie.smith@example.org>",
        BODY,
        attach=("minutes.docx", minutes["own"]),
    )
    code, report = check_json(path)
    assert (code, report["documents"][0]["status"]) == (0, "pass"), report


def test_another_family_in_cc(tmp_path: Path, check_json: CheckJson) -> None:
    path = mail(
        tmp_path, "cc.eml", "jackie.smith@example.org", BODY, cc="Kelly O'Neill <kelly.oneill@example.org>"
    )
    code, report = check_json(path)
    assert code == 1
    got = findings(report)
    assert ("wrong-recipient", "email-header", "error", "1002") in got
    assert ("foreign-name", "email-header", "error", "1002") in got


def test_a_typo_in_a_permitted_address(tmp_path: Path, check_json: CheckJson) -> None:
    path = mail(tmp_path, "typo.eml", "Jackie Smith <jackie.smtih@example.org>", BODY)
    code, report = check_json(path)
    assert code == 1
    (wrong,) = [f for f in report["documents"][0]["findings"] if f["rule"] == "wrong-recipient"]
    assert "did you mean jackie.smith@example.org?" in wrong["message"]


def test_forwarded_thread_carrying_another_family_minutes(
    tmp_path: Path, check_json: CheckJson, minutes: dict[str, bytes]
) -> None:
    earlier = EmailMessage()
    earlier["From"] = "Priya Shah <priya.shah@council.example.org>"
    earlier["To"] = "Sarah Jones <sarah.jones@council.example.org>"
    earlier["Subject"] = "Minutes"
    earlier.set_content("Minutes attached.")
    earlier.add_attachment(
        minutes["other"], maintype="application", subtype=DOCX.split("/")[1], filename="brown-minutes.docx"
    )
    path = mail(tmp_path, "fwd.eml", "jackie.smith@example.org", "Forwarding as promised.\n", forward=earlier)
    code, report = check_json(path)
    assert code == 1
    leaks = [f for f in report["documents"][0]["findings"] if f["rule"] == "foreign-name"]
    assert {f["details"]["subject"] for f in leaks} >= {"Tyler Brown", "Kelly O'Neill"}
    assert all(f["location"]["part"] == "attachment" for f in leaks)
    assert any("brown-minutes.docx" in f["details"]["attachment"] for f in leaks)
    allegation = [f for f in report["documents"][0]["findings"] if f["rule"] == "allegation"]
    assert [f["severity"] for f in allegation] == ["error"]


def test_a_parent_left_off_the_recipients(tmp_path: Path, check_json: CheckJson) -> None:
    path = mail(tmp_path, "father.eml", "jackie.smith@example.org", BODY, cc="lee.smith@example.org")
    code, report = check_json(path)
    (wrong,) = [f for f in report["documents"][0]["findings"] if f["rule"] == "wrong-recipient"]
    assert wrong["details"]["reason"] == "subject not a recipient"
    assert code == 1
