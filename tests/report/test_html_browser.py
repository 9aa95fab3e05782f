"""The HTML report in a real browser (headless Chromium): what a reviewer sees.

Skipped when Chromium is not installed, unless ``DISCLINT_REQUIRE_BROWSER=1`` (CI), which makes a
missing browser a failure. No driver library: Chromium's own ``--dump-dom`` and ``--screenshot``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from disclint.model import Report, Severity, TextBlock
from disclint.report import FORMATTERS, OutputOptions
from disclint.report.html import CSS
from tests.report.conftest import BODY, check_examples, hand_result, located
from tests.report.png import pixels
from tests.report.test_html_report import parse

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _highlight(severity: Severity) -> tuple[int, int, int]:
    """The background colour the page's CSS gives a match of ``severity``."""
    found = re.search(rf"mark\.sev-{severity.label} {{ background: #([0-9a-f]{{6}});", CSS)
    assert found, severity
    value = found.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        if os.environ.get("DISCLINT_REQUIRE_BROWSER") == "1":
            pytest.fail("DISCLINT_REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    return found


def _page(tmp_path: Path, report: Report, name: str = "report.html") -> Path:
    out = io.StringIO()
    FORMATTERS["html"](report, out, OutputOptions())
    page = tmp_path / name
    page.write_text(out.getvalue(), encoding="utf-8")
    return page


def _chromium(chromium: str, tmp_path: Path, page: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_browser_shows_every_finding_highlighted(chromium: str, tmp_path: Path) -> None:
    report = check_examples("leaky_minutes.docx", "leaky_email_notes.txt", "scanned_letter.pdf")
    dom = parse(_chromium(chromium, tmp_path, _page(tmp_path, report), "--dump-dom"))
    marks = dom.all("mark")
    shown = " ".join(" ".join(m.text.split()) for m in marks)
    for result in report.results:
        for finding in result.findings:
            assert " ".join(finding.match.split()) in shown, finding.match
    by_class = {m.text: m.attrs["class"] for m in marks}
    assert by_class["Craig Arkwright"] == "sev-error" and by_class["LA-2025-1002"] == "sev-error"
    notes = [n.text for n in dom.all("a", "note")]
    assert "1 ERROR, case 1002" in notes
    text = " ".join("".join(dom.text).split())
    assert "Fail: do not send this document until it is fixed and checked again." in text
    assert "Error: this document could not be checked." in text and "run OCR" in text


def test_a_script_in_a_document_stays_text_in_the_browser(chromium: str, tmp_path: Path) -> None:
    block = TextBlock('Tyler Brown <script>document.title="pwned"</script><b>bold</b>', BODY, None, 1)
    finding = located(block, "Tyler Brown", "foreign-name", Severity.ERROR, case="1002")
    page = _page(tmp_path, Report((hand_result(blocks=(block,), findings=(finding,)),)))
    dom = _chromium(chromium, tmp_path, page, "--dump-dom")
    parsed = parse(dom)
    assert not parsed.all("script") and not parsed.all("b")
    assert '<script>document.title="pwned"</script><b>bold</b>' in "".join(parsed.text)
    assert "pwned" not in "".join(e.text for e in parsed.all("title"))


def test_the_screenshot_shows_each_severity_in_its_colour(chromium: str, tmp_path: Path) -> None:
    block = TextBlock("Tyler Brown met Mr Hollis at the Orchard Centre.", BODY, None, 1)
    findings = (
        located(block, "Tyler Brown", "foreign-name", Severity.ERROR, case="1002"),
        located(block, "Mr Hollis", "unknown-person", Severity.WARNING),
        located(block, "Orchard Centre", "plugin-rule", Severity.INFO),
    )
    leaky = _page(tmp_path, Report((hand_result(blocks=(block,), findings=findings),)), "leaky.html")
    shot = tmp_path / "leaky.png"
    _chromium(chromium, tmp_path, leaky, f"--screenshot={shot}", "--window-size=1200,2000")
    width, height, colours = pixels(shot)
    assert (width, height) == (1200, 2000)
    for severity in Severity:
        assert colours[_highlight(severity)] > 200, severity  # a highlighted word, not a stray pixel

    clean = _page(tmp_path, check_examples("clean_letter.txt"), "clean.html")
    shot = tmp_path / "clean.png"
    _chromium(chromium, tmp_path, clean, f"--screenshot={shot}", "--window-size=1200,2000")
    _, _, colours = pixels(shot)
    assert colours[_highlight(Severity.ERROR)] == 0


def test_the_examples_report_shows_error_highlights(chromium: str, tmp_path: Path) -> None:
    page = _page(tmp_path, check_examples("leaky_email_notes.txt"))
    shot = tmp_path / "notes.png"
    _chromium(chromium, tmp_path, page, f"--screenshot={shot}", "--window-size=1200,2000")
    _, _, colours = pixels(shot)
    assert colours[_highlight(Severity.ERROR)] > 500
