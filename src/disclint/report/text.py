"""The screen report (rich): a verdict per document in colour *and* words, each finding with where it
is, what it means and the sentence with the match highlighted, then a summary line. Plain text when
colour is off (``--no-color``, ``NO_COLOR``, or output that is not a terminal).
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from disclint.model import DocumentResult, Finding, Report, Severity, Status

STATUS_STYLE = {Status.PASS: "bold green", Status.FAIL: "bold red", Status.ERROR: "bold magenta"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}
MATCH_STYLE = {
    Severity.ERROR: "bold white on red",
    Severity.WARNING: "bold black on yellow",
    Severity.INFO: "bold cyan",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(result: DocumentResult) -> str:
    by = {s: 0 for s in Severity}
    for f in result.findings:
        by[f.severity] += 1
    bits = [_plural(by[s], s.label) for s in sorted(Severity, reverse=True) if by[s]]
    return ", ".join(bits)


def _context(finding: Finding) -> Text:
    context = finding.context
    match = " ".join(finding.match.split())
    text = Text("      “", style="dim")
    at = context.find(match)
    if at < 0:
        at = context.lower().find(match.lower())
    if at < 0:
        text.append(context, style="dim")
    else:
        text.append(context[:at], style="dim")
        text.append(context[at : at + len(match)], style=MATCH_STYLE[finding.severity])
        text.append(context[at + len(match) :], style="dim")
    text.append("”", style="dim")
    return text


def _document(console: Console, result: DocumentResult) -> None:
    header = Text()
    header.append(f"{result.status.value.upper():5}", style=STATUS_STYLE[result.status])
    header.append(f"  {result.path}")
    if result.case:
        header.append(f"  (case {result.case})", style="dim")
    if result.findings:
        header.append(f"  {_counts(result)}")
    console.print(header)
    if result.error:
        console.print(Text(f"      could not be checked: {result.error}", style="magenta"))
    for finding in result.findings:
        line = Text("  ")
        line.append(f"{finding.severity.label.upper():7}", style=SEVERITY_STYLE[finding.severity])
        line.append(f" {finding.rule}", style="bold")
        line.append(f"  {finding.location.describe()}")
        console.print(line)
        console.print(Text("      " + finding.message))
        console.print(_context(finding))


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    console = Console(
        file=stream,
        no_color=not color,
        force_terminal=color,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
    )
    for result in report.results:
        if quiet and result.status is Status.PASS:
            continue
        _document(console, result)
    for path in report.skipped:
        console.print(Text(f"SKIP   {path}  (not a document type disclint reads)", style="dim"))
    counts = report.findings_by_severity()
    summary = Text("\n")
    summary.append(
        f"{_plural(len(report.results), 'document')} checked: "
        f"{report.count(Status.PASS)} passed, {report.count(Status.FAIL)} failed, "
        f"{report.count(Status.ERROR)} could not be read. "
    )
    summary.append(
        f"Findings: {_plural(counts[Severity.ERROR], 'error')}, "
        f"{_plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info."
    )
    if report.count(Status.FAIL) or report.count(Status.ERROR):
        summary.append(
            "\nDo not send a document marked FAIL or ERROR until it is fixed and checked again.",
            style="bold",
        )
    console.print(summary)
