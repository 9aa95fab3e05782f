"""``disclint accept`` (record a reviewed finding as harmless) and ``disclint verify`` (independent
sign-off of an exact file). Exit status as for ``check``: 0 done or verified, 1 not verified or the
document could not be read, 2 usage or configuration problems."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from disclint.cli_common import CasesOption, ConfigOption, IndexOption, fail
from disclint.errors import ConfigError, DisclintError

if TYPE_CHECKING:
    from disclint.model import DocumentResult, Finding


def _interactive() -> bool:
    """Whether a person can answer questions (patched in tests)."""
    return sys.stdin.isatty()


def _config_file(config: Path | None) -> Path | None:
    from disclint.config import find_config

    return config if config is not None else find_config(Path.cwd())


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _groups(result: DocumentResult) -> list[tuple[str, list[Finding]]]:
    """The document's findings by fingerprint, in reading order (one name found twice is one item)."""
    groups: dict[str, list[Finding]] = {}
    for finding in (*result.findings, *result.suppressed):
        groups.setdefault(result.fingerprint(finding), []).append(finding)
    return list(groups.items())


def _describe(fingerprint: str, findings: list[Finding]) -> str:
    first = findings[0]
    more = (
        f" (and {len(findings) - 1} more place{'s' if len(findings) > 2 else ''})"
        if len(findings) > 1
        else ""
    )
    done = "  [already accepted]" if first.accepted is not None else ""
    return (
        f"{first.rule} ({first.severity.label}) at {first.location.describe()}{more}{done}\n"
        f"     {first.message}\n"
        f"     fingerprint {fingerprint}"
    )


def _choose(groups: list[tuple[str, list[Finding]]]) -> list[tuple[str, list[Finding]]]:
    for number, (fingerprint, findings) in enumerate(groups, start=1):
        typer.echo(f"{number:>3}. {_describe(fingerprint, findings)}")
    answer = typer.prompt("Accept which finding(s)? Give the numbers, e.g. 1 or 1,3")
    chosen = []
    for word in answer.replace(",", " ").split():
        if not word.isdigit() or not 1 <= int(word) <= len(groups):
            fail(f"'{word}' is not one of the numbers listed (1 to {len(groups)})")
        if groups[int(word) - 1] not in chosen:
            chosen.append(groups[int(word) - 1])
    if not chosen:
        fail("no finding chosen: nothing was accepted")
    return chosen


def accept(
    document: Annotated[Path, typer.Argument(help="The document that was checked.", show_default=False)],
    case: Annotated[
        str, typer.Option("--case", help="The case the document belongs to.", show_default=False)
    ],
    finding: Annotated[
        str | None,
        typer.Option("--finding", help="The fingerprint of the finding (from the JSON report)."),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why the finding is harmless (required).")
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Your name [default: your login name].")
    ] = None,
    cases: CasesOption = None,
    index: IndexOption = None,
    config: ConfigOption = None,
) -> None:
    """Record a finding a reviewer judged harmless: it is then reported as accepted and stops failing
    the document. Without --finding, in a terminal: choose from the document's findings."""
    from disclint.accept import AcceptanceBook, record, utc_now
    from disclint.model import Acceptance, Status
    from disclint.runner import RunSpec, build_run

    if not document.is_file():
        fail(ConfigError("no such file", document))
    if finding is None and not _interactive():
        fail(
            "give --finding FINGERPRINT and --reason TEXT (run disclint check "
            f"{document} --case {case} --format json to see fingerprints), or run it in a terminal "
            "to choose from a list"
        )
    try:
        run = build_run(RunSpec(config_file=_config_file(config), cases=cases, case=case, index=index))
        folder = run.config.accepted_dir(run.cases_dir or cases)
        if folder is None:  # pragma: no cover - a run always has a cases folder
            raise ConfigError("there is no folder for accepted findings: set 'accepted:' in disclint.yaml")
        book = AcceptanceBook.load(folder, case)
    except DisclintError as exc:
        fail(exc)
    raw = run.check(document)
    if raw.status is Status.ERROR:
        fail(f"{document}: {raw.error}; nothing in it can be accepted", 1)
    result = book.apply(raw, run.settings.fail_on)
    groups = _groups(result)
    if finding is not None:
        wanted = finding.strip().lower()
        chosen = [g for g in groups if g[0] == wanted]
        if not chosen:
            fail(
                f"no finding with fingerprint {finding.strip()} in this document; run disclint check "
                f"{document} --case {case} --format json to see fingerprints"
            )
    elif not groups:
        typer.echo(f"{document.name} has no findings: there is nothing to accept.")
        return
    else:
        chosen = _choose(groups)
    if reason is None and _interactive():
        reason = typer.prompt("Why is it harmless? (the reason is recorded with your name)")
    reason = " ".join((reason or "").split())
    if not reason:
        fail("a reason is required: say why the finding is harmless with --reason TEXT")
    for _, findings in chosen:
        match = _fold(findings[0].match)
        if len(match) >= 3 and match in _fold(reason):
            fail(
                "the reason repeats what was found; describe it without quoting it, so that the file "
                "of accepted findings holds no names or identifiers"
            )
    name = reviewer if reviewer is not None else _login()
    name = " ".join(name.split())
    if not name:
        fail("give your name with --reviewer NAME")
    when = utc_now()
    try:
        for fingerprint, findings in chosen:
            entry = Acceptance(fingerprint, name, when, reason, findings[0].rule, document.name)
            path = record(folder, case, entry, result.sha256)
    except DisclintError as exc:
        fail(exc)
    except OSError as exc:
        fail(ConfigError(f"the accepted findings cannot be written ({exc.strerror or exc})", folder))
    after = AcceptanceBook.load(folder, case).apply(raw, run.settings.fail_on)
    typer.echo(f"Accepted in {document.name} (case {case}) by {name}, {when.replace('T', ' ')[:16]} UTC:")
    for fingerprint, findings in chosen:
        first = findings[0]
        places = f"in {len(findings)} places" if len(findings) > 1 else f"at {first.location.describe()}"
        match = " ".join(first.match.split())
        typer.echo(f"  {first.rule} “{match}” {places}, fingerprint {fingerprint}")
    typer.echo(f"Reason: {reason}")
    typer.echo(f"Recorded in {path}.")
    typer.echo(_outcome(after))
    from disclint.audit import file_authors, same_person

    authors = [a for a in file_authors(document) if same_person(a, name)]
    if authors:
        typer.echo(
            f"Note: the file names you ({authors[0]}) as its author; a check that passes only because "
            "of your acceptances does not count as independent for disclint verify.",
            err=True,
        )


def _outcome(result: DocumentResult) -> str:
    from disclint.model import Status

    left = len(result.findings)
    findings = f"{left} finding{'s' if left != 1 else ''}"
    if result.status is Status.PASS:
        tail = f" ({findings} below the failing level remain)" if left else ""
        return f"The document now passes its check{tail}; accepted findings are still reported, as accepted."
    return f"The document still fails its check: {findings} not accepted."


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        fail("your login name cannot be found: give your name with --reviewer NAME")


def verify(
    document: Annotated[Path, typer.Argument(help="The document to verify.", show_default=False)],
    author: Annotated[
        str | None,
        typer.Option("--author", help="Who wrote it [default: the author in the file's properties]."),
    ] = None,
    audit_log: Annotated[
        Path | None, typer.Option("--audit-log", help="The audit log [default: audit_log: in the config].")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Exit 0 if this exact file passed a check by someone other than its author, else 1."""
    from disclint.audit import verify as verdict_for
    from disclint.config import load_config
    from disclint.runner import choose_rules, severities

    if not document.is_file():
        fail(ConfigError("no such file", document))
    try:
        cfg = load_config(_config_file(config))
        log = audit_log or cfg.audit_log
        if log is None:
            raise ConfigError(
                "verify reads the audit log of checks: give --audit-log FILE or set 'audit_log:' in "
                "disclint.yaml"
            )
        levels = severities(choose_rules(cfg), cfg.severity)
        verdict = verdict_for(
            document,
            log,
            author,
            rules=list(levels),
            severities=levels,
            fail_on=cfg.fail_on or "error",
        )
    except DisclintError as exc:
        fail(exc)
    if verdict.ok:
        typer.echo(f"{document.name}: verified: {verdict.reason}")
        raise typer.Exit(0)
    typer.echo(f"{document.name}: NOT verified: {verdict.reason}")
    raise typer.Exit(1)
