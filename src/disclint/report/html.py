"""The HTML report (``--format html``): one self-contained page a reviewer can open offline, print or
attach to a case record.

At the top, a summary: documents by status, findings by rule and a list of the documents. Then each
document: its status in colour *and* words, why it could not be read, its findings (rule, severity,
place, message), and the text disclint read, part by part, with every match highlighted by severity
and followed by a visible note naming the other case. Without the text (``DocumentResult.blocks``
empty) each finding is shown in its sentence instead.

Everything from a document is untrusted and escaped. The page loads nothing: inline CSS, no scripts,
no external addresses, and a content security policy that forbids them should any slip in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import TextIO

from disclint import __version__
from disclint.model import Acceptance, DocumentResult, Finding, Report, Severity, Status, TextBlock

STATUS_WORDS = {
    Status.PASS: "Pass: nothing from another case was found.",
    Status.FAIL: "Fail: do not send this document until it is fixed and checked again.",
    Status.ERROR: "Error: this document could not be checked. Do not send it until it has been checked.",
}
STATUS_COUNT_WORDS = {Status.PASS: "passed", Status.FAIL: "failed", Status.ERROR: "could not be read"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, "Segoe UI", Arial, sans-serif; color: #1b1b1b; background: #fff;
  margin: 0 auto; max-width: 70rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; color: #444; text-transform: uppercase;
  letter-spacing: .03em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .75rem .3rem 0; border-bottom: 1px solid #e3e3e3;
  vertical-align: top; }
td.n, th.n { text-align: right; }
caption { caption-side: top; text-align: left; font-weight: 700; padding: .25rem 0; }
td.rule { white-space: nowrap; }
.lead { color: #444; margin: 0 0 1rem; }
.badge { display: inline-block; font-weight: 700; font-size: .8rem; letter-spacing: .04em;
  padding: .05rem .45rem; border-radius: .25rem; color: #fff; min-width: 4.5em; text-align: center; }
.badge.status-pass { background: #1a7f37; }
.badge.status-fail { background: #b42318; }
.badge.status-error { background: #6b21a8; }
.badge.sev-error { background: #b42318; }
.badge.sev-warning { background: #8a5a00; }
.badge.sev-info { background: #1d5fa8; }
.badge.accepted { background: #5f6368; }
.verdict { font-weight: 700; margin: .25rem 0 .5rem; }
.verdict.status-pass { color: #1a7f37; }
.verdict.status-fail { color: #b42318; }
.verdict.status-error { color: #6b21a8; }
.problem { border-left: 4px solid #6b21a8; background: #f6effc; padding: .5rem .75rem; }
section.document { border-top: 3px solid #888; margin-top: 2rem; padding-top: 1rem; }
section.document.status-pass { border-top-color: #1a7f37; }
section.document.status-fail { border-top-color: #b42318; }
section.document.status-error { border-top-color: #6b21a8; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ol.findings { padding-left: 2rem; }
ol.findings li { margin: 0 0 .75rem; }
ol.findings li.accepted { color: #555; }
.message { margin: .15rem 0; }
.context { margin: .15rem 0; color: #333; font-style: italic; }
.accepted-by { margin: .15rem 0; }
.text { border: 1px solid #ddd; border-radius: .3rem; padding: .25rem 1rem .75rem; background: #fcfcfc; }
.block { display: grid; grid-template-columns: 7.5rem 1fr; gap: .75rem; margin: .2rem 0; }
.where { color: #777; font-size: .8rem; padding-top: .15rem; overflow-wrap: anywhere; }
.block p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: #000; padding: 0 .1rem; border-radius: .15rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.sev-error { background: #ffb3b3; border-bottom: 3px solid #b42318; }
mark.sev-warning { background: #ffe08a; border-bottom: 3px dashed #8a5a00; }
mark.sev-info { background: #cfe6ff; border-bottom: 3px dotted #1d5fa8; }
mark.accepted { background: #e8e8e8; border-bottom: 3px double #5f6368; }
a.note { font-size: .75rem; font-weight: 700; text-decoration: none; white-space: nowrap;
  margin-left: .2rem; padding: 0 .3rem; border-radius: .2rem; border: 1px solid currentColor;
  vertical-align: .1em; }
a.note.sev-error { color: #b42318; }
a.note.sev-warning { color: #8a5a00; }
a.note.sev-info { color: #1d5fa8; }
a.note.accepted { color: #5f6368; }
a { color: #1d4ed8; }
details > summary { cursor: pointer; color: #1d4ed8; margin: .5rem 0; }
.muted { color: #666; }
@page { margin: 15mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  section.document { break-before: page; }
  .jump { display: none; }
  a { color: inherit; text-decoration: none; }
  .badge, mark, a.note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .text { border: none; padding: 0; background: none; }
  ol.findings li, .block { break-inside: avoid; }
}
"""

# The page may use its own inline styles and nothing else: no scripts, no fetches, no forms.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _e(text: object) -> str:
    """Escaped text from a document or the report: never markup."""
    return html.escape(_CONTROL.sub("\ufffd", str(text)), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


@dataclass(frozen=True)
class _Numbered:
    """A finding of one document with its number in the document's list (1-based)."""

    number: int
    finding: Finding

    @property
    def severity_class(self) -> str:
        return f"sev-{self.finding.severity.label}"

    @property
    def other_case(self) -> str | None:
        case = self.finding.details.get("case")
        return None if case is None else str(case)

    def note(self) -> str:
        """The visible note after a highlighted match: its number, severity and the other case."""
        if self.finding.accepted is not None:
            return f"{self.number} ACCEPTED"
        words = f"{self.number} {self.finding.severity.label.upper()}"
        return f"{words}, case {self.other_case}" if self.other_case else words

    def title(self) -> str:
        f = self.finding
        head = f"{self.number}. {f.severity.label}: {f.rule}"
        if self.other_case:
            subject = f.details.get("subject")
            head += f", belongs to case {self.other_case}" + (f" ({subject})" if subject else "")
        if f.accepted is not None:
            head += f", accepted by {f.accepted.reviewer} on {f.accepted.when}"
        return f"{head}. {f.message}"


def _anchor(doc: int, kind: str, number: int) -> str:
    return f"d{doc}-{kind}{number}"


def _place(
    blocks: Sequence[TextBlock], found: Sequence[_Numbered]
) -> tuple[dict[int, list[_Numbered]], list[_Numbered]]:
    """Which block each finding stands in (as the engine finds it: part, page, note, match, paragraph)."""
    index: dict[tuple[object, ...], list[tuple[int, TextBlock]]] = {}
    for number, block in enumerate(blocks):
        index.setdefault((block.part, block.page, block.note), []).append((number, block))
    placed: dict[int, list[_Numbered]] = {}
    unplaced: list[_Numbered] = []
    for item in found:
        loc = item.finding.location
        where = None
        if loc.end > loc.start:
            for number, block in index.get((loc.part, loc.page, loc.note), []):
                if block.text[loc.start : loc.end] != item.finding.match:
                    continue
                if block.locate(loc.start, loc.end).paragraph == loc.paragraph:
                    where = number
                    break
        if where is None:
            unplaced.append(item)
        else:
            placed.setdefault(where, []).append(item)
    return placed, unplaced


def _marked(text: str, spans: Sequence[tuple[int, int, _Numbered]], doc: int, anchors: bool = True) -> str:
    """``text`` escaped, with every span highlighted and followed by its note.

    Overlapping spans are cut at every boundary; a piece covered by several findings takes the most
    serious one's colour and names them all in its title.
    """
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    anchored: set[int] = set()
    for a, b in pairwise(cuts):
        if anchors:
            for s, _, item in spans:
                if s == a and item.number not in anchored:
                    anchored.add(item.number)
                    out.append(f'<span id="{_anchor(doc, "m", item.number)}"></span>')
        covering = [item for s, e, item in spans if s <= a and e >= b]
        piece = _e(text[a:b])
        if covering:
            live = [c for c in covering if c.finding.accepted is None]
            lead = max(live or covering, key=lambda c: c.finding.severity)
            classes = lead.severity_class + ("" if live else " accepted")
            title = _e(" | ".join(c.title() for c in covering))
            out.append(f'<mark class="{classes}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
        for _, e, item in spans:
            if e == b:
                classes = item.severity_class + (" accepted" if item.finding.accepted else "")
                href = f"#{_anchor(doc, 'f', item.number)}"
                out.append(f'<a class="note {classes}" href="{href}">{_e(item.note())}</a>')
    return "".join(out)


def _in_context(item: _Numbered, doc: int) -> str:
    """The finding's sentence with its match highlighted (where the text itself was not kept)."""
    context = item.finding.context
    match = " ".join(item.finding.match.split())
    at = context.find(match)
    if at < 0:
        at = context.lower().find(match.lower())
    if at < 0 or not match:
        return _e(context) + _marked(item.finding.match, [(0, len(item.finding.match), item)], doc, False)
    return _marked(context, [(at, at + len(match), item)], doc, False)


def _group_label(block: TextBlock) -> str:
    bits = []
    if block.source:
        bits.append(f"attachment {block.source}")
    if block.page is not None:
        bits.append(f"page {block.page}")
    bits.append(block.part.label)
    return " — ".join(bits)


def _block_where(block: TextBlock) -> str:
    bits = []
    if block.paragraph is not None:
        bits.append(f"{'line' if block.lines else 'paragraph'} {block.paragraph}")
    if block.note:
        bits.append(block.note)
    return ", ".join(bits)


def _text(result: DocumentResult, doc: int, found: Sequence[_Numbered]) -> Iterator[str]:
    placed, unplaced = _place(result.blocks, found)
    if result.blocks:
        body: list[str] = []
        numbered = list(enumerate(result.blocks))
        for _, group in groupby(numbered, key=lambda nb: (nb[1].source, nb[1].part, nb[1].page)):
            items = list(group)
            body.append(f"<h4>{_e(_group_label(items[0][1]))}</h4>")
            for number, block in items:
                here = placed.get(number, [])
                spans = [(i.finding.location.start, i.finding.location.end, i) for i in here]
                body.append(
                    f'<div class="block"><span class="where">{_e(_block_where(block))}</span>'
                    f"<p>{_marked(block.text, spans, doc)}</p></div>"
                )
        if found:
            yield "<h3>The document's text, with each finding highlighted</h3>"
            yield '<div class="text">' + "".join(body) + "</div>"
        else:
            parts = _plural(len(result.blocks), "part")
            yield f"<details><summary>Show the text disclint read ({parts})</summary>"
            yield '<div class="text">' + "".join(body) + "</div></details>"
    if unplaced:
        if result.blocks:
            yield "<h3>Findings not shown in the text above, in their sentences</h3>"
        else:
            yield "<h3>Each finding in its sentence</h3>"
            yield '<p class="muted">The text of this document was not kept for this report.</p>'
        yield '<div class="text">'
        for item in unplaced:
            yield (
                f'<div class="block"><span class="where">{_e(item.finding.location.describe())}</span>'
                f'<p><span id="{_anchor(doc, "m", item.number)}"></span>{_in_context(item, doc)}</p></div>'
            )
        yield "</div>"


def _finding_item(item: _Numbered, doc: int) -> str:
    f = item.finding
    accepted = f.accepted
    classes = "finding accepted" if accepted else f"finding {item.severity_class}"
    badge_class = "accepted" if accepted else item.severity_class
    badge = "ACCEPTED" if accepted else f.severity.label.upper()
    case = f", case {_e(item.other_case)}" if item.other_case else ""
    parts = [
        f'<li class="{classes}" id="{_anchor(doc, "f", item.number)}">',
        f'<span class="badge {badge_class}">{badge}</span> <strong>{_e(f.rule)}</strong>'
        f"{case} · {_e(f.location.describe())}" + (f" ({_e(f.severity.label)})" if accepted else ""),
        f'<p class="message">{_e(f.message)}</p>',
    ]
    if accepted is not None:
        parts.append(
            f'<p class="accepted-by">Accepted by {_e(accepted.reviewer)} on {_e(accepted.when)}: '
            f"{_e(accepted.reason)}</p>"
        )
    parts.append(f'<a class="jump" href="#{_anchor(doc, "m", item.number)}">Show it in the text</a></li>')
    return "".join(parts)


def _stale_item(acceptance: Acceptance) -> str:
    rule = f" ({_e(acceptance.rule)})" if acceptance.rule else ""
    return (
        f"<li>Accepted by {_e(acceptance.reviewer)} on {_e(acceptance.when)}{rule}: {_e(acceptance.reason)}. "
        "<strong>This acceptance no longer matches anything: remove it.</strong> "
        f'<span class="muted">(finding {_e(acceptance.fingerprint)})</span></li>'
    )


def _counts(findings: Iterable[Finding]) -> str:
    by = {s: 0 for s in Severity}
    for f in findings:
        by[f.severity] += 1
    bits = [_plural(by[s], s.label) for s in sorted(Severity, reverse=True) if by[s]]
    return ", ".join(bits) or "none"


def _document(result: DocumentResult, doc: int) -> Iterator[str]:
    status = result.status
    found = [_Numbered(n, f) for n, f in enumerate(result.findings, 1)]
    accepted = [_Numbered(n, f) for n, f in enumerate(result.suppressed, len(found) + 1)]
    yield f'<section class="document status-{status.value}" id="doc-{doc}">'
    yield (
        f'<h2><span class="badge status-{status.value}">{status.value.upper()}</span> {_e(result.path)}</h2>'
    )
    yield f'<p class="verdict status-{status.value}">{_e(STATUS_WORDS[status])}</p>'
    if result.error:
        yield f'<p class="problem"><strong>Could not be checked:</strong> {_e(result.error)}</p>'
    yield '<dl class="facts">'
    yield f"<dt>Case</dt><dd>{_e(result.case) if result.case else 'not known'}</dd>"
    if status is not Status.ERROR:
        accepted_words = f"; {len(accepted)} accepted by a reviewer" if accepted else ""
        yield f"<dt>Findings</dt><dd>{_e(_counts(result.findings))}{accepted_words}</dd>"
    if result.author:
        yield f"<dt>Author (file properties)</dt><dd>{_e(result.author)}</dd>"
    if result.sha256:
        yield f'<dt>SHA-256</dt><dd class="muted">{_e(result.sha256)}</dd>'
    yield "</dl>"
    if found:
        yield "<h3>Findings</h3>"
        yield '<ol class="findings">' + "".join(_finding_item(i, doc) for i in found) + "</ol>"
    if accepted:
        yield "<h3>Findings a reviewer accepted (they do not fail the document)</h3>"
        yield (
            f'<ol class="findings" start="{len(found) + 1}">'
            + "".join(_finding_item(i, doc) for i in accepted)
            + "</ol>"
        )
    if result.stale:
        yield "<h3>Acceptances that no longer match anything</h3>"
        yield "<ul>" + "".join(_stale_item(a) for a in result.stale) + "</ul>"
    yield from _text(result, doc, [*found, *accepted])
    yield "</section>"


def _fails_on(report: Report) -> str:
    if report.fail_on is None:
        return "No finding fails a document in this run (--fail-on never): read every finding."
    if report.fail_on is Severity.INFO:
        return "A document fails on any finding."
    if report.fail_on is Severity.WARNING:
        return "A document fails on a warning or an error."
    return "A document fails on an error; read the warnings too."


def _summary(report: Report, rules: Mapping[str, tuple[str, str]]) -> Iterator[str]:
    yield '<section class="summary"><h2>Summary</h2>'
    yield f'<p class="lead">{_e(_fails_on(report))}</p>'
    yield "<table><caption>Documents by status</caption>"
    yield '<tr><th>status</th><th class="n">documents</th></tr>'
    for status in Status:
        yield (
            f'<tr><td><span class="badge status-{status.value}">{status.value.upper()}</span> '
            f'{STATUS_COUNT_WORDS[status]}</td><td class="n">{report.count(status)}</td></tr>'
        )
    yield "</table>"
    by_rule = report.findings_by_rule()
    accepted: dict[str, int] = {}
    for result in report.results:
        for f in result.suppressed:
            accepted[f.rule] = accepted.get(f.rule, 0) + 1
    counts = report.findings_by_severity()
    severities = ", ".join(_plural(counts[s], s.label) for s in sorted(Severity, reverse=True))
    yield f"<p>Findings: {severities}" + (
        f"; {_plural(sum(accepted.values()), 'finding')} accepted by a reviewer (not counted).</p>"
        if accepted
        else ".</p>"
    )
    if by_rule or accepted:
        yield "<table><caption>Findings by rule</caption>"
        yield '<tr><th>rule</th><th>what it finds</th><th class="n">findings</th>'
        yield '<th class="n">accepted</th></tr>' if accepted else "</tr>"
        for rule_id in [*by_rule, *sorted(r for r in accepted if r not in by_rule)]:
            summary = rules[rule_id][0] if rule_id in rules else ""
            yield (
                f'<tr><td class="rule"><strong>{_e(rule_id)}</strong></td><td>{_e(summary)}</td>'
                f'<td class="n">{by_rule.get(rule_id, 0)}</td>'
                + (f'<td class="n">{accepted.get(rule_id, 0)}</td>' if accepted else "")
                + "</tr>"
            )
        yield "</table>"
    stale = sum(len(r.stale) for r in report.results)
    if stale:
        yield (
            f"<p><strong>{_plural(stale, 'acceptance')} no longer "
            f"{'matches' if stale == 1 else 'match'} anything: remove "
            f"{'it' if stale == 1 else 'them'}.</strong></p>"
        )
    yield "<table><caption>Documents</caption>"
    yield "<tr><th>status</th><th>document</th><th>case</th><th>findings</th></tr>"
    for doc, result in enumerate(report.results, 1):
        findings = "could not be checked" if result.status is Status.ERROR else _counts(result.findings)
        yield (
            f'<tr><td><span class="badge status-{result.status.value}">'
            f"{result.status.value.upper()}</span></td>"
            f'<td><a href="#doc-{doc}">{_e(result.path)}</a></td><td>{_e(result.case or "")}</td>'
            f"<td>{_e(findings)}</td></tr>"
        )
    yield "</table>"
    if report.skipped:
        yield "<p>Skipped (not a document type disclint reads):</p><ul>"
        yield "".join(f"<li>{_e(p)}</li>" for p in report.skipped)
        yield "</ul>"
    if report.count(Status.FAIL) or report.count(Status.ERROR):
        yield (
            "<p><strong>Do not send a document marked FAIL or ERROR until it is fixed and checked again."
            "</strong></p>"
        )
    yield "</section>"


def render(report: Report, rules: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The whole page."""
    n = len(report.results)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>disclint report: {_plural(n, 'document')} checked</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header><h1>disclint report</h1>",
        f'<p class="lead">disclint {_e(__version__)} checked {_plural(n, "document")} for details that '
        "belong to another family's case.</p></header>",
        *_summary(report, rules or {}),
    ]
    for doc, result in enumerate(report.results, 1):
        parts.extend(_document(result, doc))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write(report: Report, stream: TextIO, rules: Mapping[str, tuple[str, str]] | None = None) -> None:
    stream.write(render(report, rules))
