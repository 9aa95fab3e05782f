"""The HTML report: self-contained, escaped, every match highlighted by severity with a note naming the
other case, statuses in colour and in words, accepted findings shown as accepted."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from disclint.model import Report, Severity, Status, TextBlock
from disclint.report import FORMATTERS, OutputOptions
from tests.report.conftest import BODY, STALE, accept, check_examples, hand_result, located, named, with_stale


def as_html(report: Report, rules: dict[str, tuple[str, str]] | None = None) -> str:
    out = io.StringIO()
    FORMATTERS["html"](report, out, OutputOptions(rules=rules or {}))
    return out.getvalue()


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page(HTMLParser):
    """The elements of a page, with the text inside each mark and note."""

    elements: list[Element] = field(default_factory=list)
    open: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag in ("mark", "a", "li", "p"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.open) - 1, -1, -1):
            if self.open[n].tag == tag:
                del self.open[n]
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for element in self.open:
            element.text += data

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and (cls is None or cls in e.attrs.get("class", "").split())
        ]


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def test_the_page_is_self_contained(examples: Report, rule_help: dict[str, tuple[str, str]]) -> None:
    page = as_html(examples, rule_help)
    assert page.startswith("<!DOCTYPE html>")
    assert "http" not in page.replace('http-equiv="Content-Security-Policy"', "")
    assert "@import" not in page and "url(" not in page and "//" not in page
    parsed = parse(page)
    tags = {e.tag for e in parsed.elements}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed", "base", "form", "video", "audio"}
    assert all("src" not in e.attrs for e in parsed.elements)
    ids = {e.attrs["id"] for e in parsed.elements if "id" in e.attrs}
    hrefs = [e.attrs["href"] for e in parsed.all("a")]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    (csp,) = [e for e in parsed.all("meta") if e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp.attrs["content"] and "script-src" not in csp.attrs["content"]
    assert len(parsed.all("style")) == 1 and "@media print" in page


def test_document_text_is_escaped_never_markup() -> None:
    hostile = (
        'Tyler Brown wrote <script>alert("x")</script> & <img src="http://tracker.example.org/p.gif" '
        "onerror=alert(1)> at </mark></p></section>"
    )
    block = TextBlock(hostile, BODY, None, 1)
    finding = located(block, "Tyler Brown", "foreign-name", Severity.ERROR, case='1002"><script>')
    path = 'notes"><script>alert(2)</script>.txt'
    page = as_html(Report((hand_result(path, (block,), (finding,)),)))
    assert "<script" not in page and "<img" not in page and "onerror=alert(1)>" not in page
    parsed = parse(page)
    assert not {e.tag for e in parsed.elements} & {"script", "img"}
    shown = "".join(parsed.text)
    assert hostile.removeprefix("Tyler Brown") in shown and path in shown
    (mark,) = parsed.all("mark")
    assert mark.text == "Tyler Brown" and 'case 1002"><script>' in mark.attrs["title"]


def test_every_finding_is_highlighted_by_severity_with_the_other_case(examples: Report) -> None:
    parsed = parse(as_html(examples))
    marks = parsed.all("mark")
    assert {c for m in marks for c in m.attrs["class"].split()} == {"sev-error", "sev-info"}
    notes = parsed.all("a", "note")
    for result in examples.results:
        for finding in result.findings:
            assert any(" ".join(finding.match.split()) in " ".join(m.text.split()) for m in marks) or any(
                " ".join(m.text.split()) in " ".join(finding.match.split()) for m in marks
            ), finding.match
    cases = {str(f.details["case"]) for r in examples.results for f in r.findings if "case" in f.details}
    assert cases == {"1002", "1003"}
    for case in cases:
        assert any(n.text.endswith(f"ERROR, case {case}") for n in notes)
    total = sum(len(r.findings) for r in examples.results)
    assert len(notes) == total  # one visible note per finding
    (name,) = [m for m in marks if m.text == "Craig Arkwright"]
    assert "sev-error" in name.attrs["class"] and "case 1002 (Craig Arkwright)" in name.attrs["title"]


def test_statuses_are_in_colour_and_in_words(examples: Report) -> None:
    page = as_html(examples)
    parsed = parse(page)
    verdicts = [p for p in parsed.all("p", "verdict")]
    assert [v.attrs["class"].split()[1] for v in verdicts] == [
        f"status-{r.status.value}" for r in examples.results
    ]
    words = {r.status: v.text for r, v in zip(examples.results, verdicts, strict=True)}
    assert words[Status.FAIL].startswith("Fail: do not send")
    assert words[Status.ERROR].startswith("Error: this document could not be checked")
    assert words[Status.PASS].startswith("Pass:")
    reasons = [p.text for p in parsed.all("p", "problem")]
    assert any("run OCR" in r for r in reasons) and any("encrypted" in r for r in reasons)
    summary = page[: page.index('<section class="document')]
    assert "Documents by status" in summary and "Findings by rule" in summary
    assert re.search(r"FAIL</span> failed</td><td class=\"n\">3<", summary)


def test_findings_list_says_rule_severity_place_and_message(examples: Report) -> None:
    minutes = named(examples, "leaky_minutes.docx")
    parsed = parse(as_html(Report((minutes,))))
    items = parsed.all("li", "finding")
    assert len(items) == len(minutes.findings)
    for item, finding in zip(items, minutes.findings, strict=True):
        assert finding.rule in item.text and finding.severity.label.upper() in item.text
        assert finding.location.describe() in item.text and finding.message in item.text


def test_accepted_findings_and_stale_acceptances_are_shown() -> None:
    block = TextBlock("Ruby Arkwright came with Kayden to the club.", BODY, None, 4)
    finding = located(block, "Ruby Arkwright", "foreign-name", Severity.ERROR, case="1002")
    result = with_stale(
        accept(hand_result(blocks=(block,), findings=(finding,)), 0, "a school friend, named by consent")
    )
    page = as_html(Report((result,)))
    parsed = parse(page)
    (mark,) = parsed.all("mark")
    assert mark.attrs["class"].split() == ["sev-error", "accepted"]
    assert "accepted by Priya Okafor on 2025-06-20" in mark.attrs["title"]
    (item,) = parsed.all("li", "accepted")
    assert (
        "ACCEPTED" in item.text
        and "Accepted by Priya Okafor on 2025-06-20: a school friend, named by consent" in item.text
    )
    assert "This acceptance no longer matches anything: remove it." in page
    assert html.escape(STALE.reason) in page


def test_overlapping_matches_are_both_highlighted() -> None:
    block = TextBlock("Ruby Arkwright's bike was left at school.", BODY, None, 1)
    whole = located(block, "Ruby Arkwright's", "foreign-name", Severity.ERROR, case="1002")
    part = located(block, "Ruby", "unknown-person", Severity.WARNING)
    parsed = parse(as_html(Report((hand_result(blocks=(block,), findings=(whole, part)),))))
    marks = parsed.all("mark")
    assert "".join(m.text for m in marks) == "Ruby Arkwright's"
    assert all("sev-error" in m.attrs["class"] for m in marks)  # the most serious colours the overlap
    assert "unknown-person" in marks[0].attrs["title"] and "foreign-name" in marks[0].attrs["title"]
    assert [n.text for n in parsed.all("a", "note")] == ["2 WARNING", "1 ERROR, case 1002"]


@pytest.mark.parametrize("name", ["leaky_plan.pdf", "leaky_email_notes.txt"])
def test_without_the_text_each_finding_is_shown_in_its_sentence(name: str) -> None:
    report = check_examples(name, keep_text=False)
    (result,) = report.results
    page = as_html(report)
    assert "Each finding in its sentence" in page and "The document's text" not in page
    parsed = parse(page)
    marks = parsed.all("mark")
    assert len(marks) >= len(result.findings)
    paragraphs = [p.text for p in parsed.all("p") if p.text and any(m.text in p.text for m in marks)]
    for finding in result.findings:
        assert any(" ".join(finding.context.split())[:40] in " ".join(p.split()) for p in paragraphs)
    ids = {e.attrs["id"] for e in parsed.elements if "id" in e.attrs}
    assert all(e.attrs["href"][1:] in ids for e in parsed.all("a"))  # "show it" leads to the sentence
