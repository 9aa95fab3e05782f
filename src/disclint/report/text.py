"""The screen report (rich): a verdict per document in colour *and* words, each finding with where it
is, what it means and the sentence with the match highlighted; findings a reviewer accepted (dimmed,
not counted) and acceptances that no longer match anything; then, when more than one document was
checked, a summary table, and a summary line. Plain text when colour is off (``--no-color``,
``NO_COLOR``, or output that is not a terminal).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from disclint.model import Acceptance, DocumentResult, Finding, Report, Severity, Status

STATUS_STYLE = {Status.PASS: "bold green", Status.FAIL: "bold red", Status.ERROR: "bold magenta"}
STATUS_WORDS = {Status.PASS: "passed", Status.FAIL: "failed", Status.ERROR: "could not be read"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}
MATCH_STYLE = {
    Severity.ERROR: "bold white on red",
    Severity.WARNING: "bold black on yellow",
    Severity.INFO: "bold cyan",
}
ACCEPTED_STYLE = "dim"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(result: DocumentResult) -> str:
    by = {s: 0 for s in Severity}
    for f in result.findings:
        by[f.severity] += 1
    bits = [_plural(by[s], s.label) for s in sorted(Severity, reverse=True) if by[s]]
    if result.suppressed:
        bits.append(f"{len(result.suppressed)} accepted")
    return ", ".join(bits)


def _context(finding: Finding, style: str | None = None) -> Text:
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
        text.append(context[at : at + len(match)], style=style or MATCH_STYLE[finding.severity])
        text.append(context[at + len(match) :], style="dim")
    text.append("”", style="dim")
    return text


def _accepted(console: Console, finding: Finding) -> None:
    accepted = finding.accepted
    assert accepted is not None  # only suppressed findings come here
    line = Text("  ", style=ACCEPTED_STYLE)
    line.append(f"{'ACCEPTED':8} {finding.rule}  {finding.location.describe()}  “{finding.match}”")
    console.print(line)
    said = f"      accepted by {accepted.reviewer} on {accepted.when}: {accepted.reason}"
    console.print(Text(said, style=ACCEPTED_STYLE))


def _stale(console: Console, acceptance: Acceptance) -> None:
    rule = f" ({acceptance.rule})" if acceptance.rule else ""
    line = Text("  ")
    line.append(f"{'STALE':8}", style="bold yellow")
    line.append(
        f" accepted by {acceptance.reviewer} on {acceptance.when}{rule}: {acceptance.reason}",
    )
    console.print(line)
    console.print(
        Text(
            "      this acceptance no longer matches anything in the document: remove it "
            f"(finding {acceptance.fingerprint})"
        )
    )


def _document(console: Console, result: DocumentResult) -> None:
    header = Text()
    header.append(f"{result.status.value.upper():5}", style=STATUS_STYLE[result.status])
    header.append(f"  {result.path}")
    if result.case:
        header.append(f"  (case {result.case})", style="dim")
    if result.findings or result.suppressed:
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
    for finding in result.suppressed:
        _accepted(console, finding)
    for acceptance in result.stale:
        _stale(console, acceptance)


def _summary_tables(console: Console, report: Report, rules: Mapping[str, tuple[str, str]]) -> None:
    documents = Table(title="Documents", title_justify="left", box=box.SIMPLE, show_edge=False)
    documents.add_column("status")
    documents.add_column("documents", justify="right")
    for status in Status:
        documents.add_row(
            Text(f"{status.value.upper():5} {STATUS_WORDS[status]}", style=STATUS_STYLE[status]),
            str(report.count(status)),
        )
    console.print()
    console.print(documents)
    by_rule = report.findings_by_rule()
    accepted: dict[str, int] = {}
    for result in report.results:
        for finding in result.suppressed:
            accepted[finding.rule] = accepted.get(finding.rule, 0) + 1
    if not by_rule and not accepted:
        return
    table = Table(title="Findings by rule", title_justify="left", box=box.SIMPLE, show_edge=False)
    table.add_column("rule")
    table.add_column("findings", justify="right")
    if accepted:
        table.add_column("accepted", justify="right")
    if rules:
        table.add_column("what it finds")
    for rule_id in [*by_rule, *sorted(r for r in accepted if r not in by_rule)]:
        row = [rule_id, str(by_rule.get(rule_id, 0))]
        if accepted:
            row.append(str(accepted.get(rule_id, 0)))
        if rules:
            row.append(rules[rule_id][0] if rule_id in rules else "")
        table.add_row(*row)
    console.print()
    console.print(table)


def write(
    report: Report,
    stream: TextIO,
    color: bool = False,
    quiet: bool = False,
    rules: Mapping[str, tuple[str, str]] | None = None,
) -> None:
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
    if len(report.results) > 1:
        _summary_tables(console, report, rules or {})
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
    accepted = sum(len(r.suppressed) for r in report.results)
    if accepted:
        summary.append(
            f"\n{_plural(accepted, 'finding')} accepted by a reviewer (shown dimmed, not counted).",
            style=ACCEPTED_STYLE,
        )
    stale = sum(len(r.stale) for r in report.results)
    if stale:
        summary.append(
            f"\n{_plural(stale, 'acceptance')} no longer {'matches' if stale == 1 else 'match'} anything: "
            f"remove {'it' if stale == 1 else 'them'}."
        )
    if report.count(Status.FAIL) or report.count(Status.ERROR):
        summary.append(
            "\nDo not send a document marked FAIL or ERROR until it is fixed and checked again.",
            style="bold",
        )
    console.print(summary)
