"""The command line: ``disclint check``, ``rules``, ``manifest validate``. The only place that exits.

Exit status: 0 every document read and none failed; 1 a document failed or could not be read;
2 usage, configuration, manifest or rule-pack error (nothing was checked).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from disclint import __version__
from disclint.cli_common import (
    CasesOption,
    ConfigOption,
    FailOn,
    IndexOption,
    ManifestOption,
    fail,
)
from disclint.cli_index import index_app
from disclint.cli_review import accept, verify
from disclint.cli_watch import watch
from disclint.errors import ConfigError, DisclintError

if TYPE_CHECKING:
    from disclint.model import Report
    from disclint.runner import Run

DEBUG = bool(os.environ.get("DISCLINT_DEBUG"))

app = typer.Typer(
    name="disclint",
    help="Check a document for another family's details before it is sent.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
manifest_app = typer.Typer(help="Check case manifests.", no_args_is_help=True)
app.add_typer(manifest_app, name="manifest")
app.add_typer(index_app, name="index")
app.command("watch")(watch)
app.command("accept")(accept)
app.command("verify")(verify)


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"disclint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """disclint: a pre-disclosure check for children's social care documents."""


def _ids(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Documents or folders to check.", show_default=False)],
    case: Annotated[str | None, typer.Option("--case", help="The case the documents belong to.")] = None,
    manifest: ManifestOption = None,
    cases: CasesOption = None,
    index: IndexOption = None,
    config: ConfigOption = None,
    output_format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to this file.")] = None,
    json_output: Annotated[
        Path | None, typer.Option("--json-output", help="Also write a JSON report to this file.")
    ] = None,
    sarif_output: Annotated[
        Path | None, typer.Option("--sarif-output", help="Also write a SARIF 2.1.0 report to this file.")
    ] = None,
    html_output: Annotated[
        Path | None, typer.Option("--html-output", help="Also write an HTML report to this file.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails [default: error]."),
    ] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="Run only these rules.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Do not run these rules.")] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Documents checked at once [default: one per core]."),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option("--reviewer", help="Your name: record this check in the audit log (audit_log:)."),
    ] = None,
    redact: Annotated[
        bool, typer.Option("--redact", help="Leave all document text and names out of every report.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours in the report.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Only failing documents and the summary.")] = False,
) -> None:
    """Check documents and report anything that belongs to another case."""
    from disclint.config import find_config
    from disclint.model import Report, Status
    from disclint.runner import RunSpec, build_run, expand
    from disclint.workers import WorkerError, check_all, default_jobs

    if case is not None and manifest is not None:
        fail("give either --case or --manifest, not both")
    outputs = _outputs(output_format, output, json_output, sarif_output, html_output)
    try:
        settings_file = config if config is not None else find_config(Path.cwd())
        spec = RunSpec(
            config_file=settings_file,
            cases=cases,
            case=case,
            manifest=manifest,
            index=index,
            select=tuple(_ids(select)),
            ignore=tuple(_ids(ignore)),
            fail_on=fail_on.value if fail_on else None,
            keep_text=any(fmt is Format.html for fmt, _ in outputs) and not redact,
        )
        documents, skipped = expand(paths)
        run = build_run(spec)
        if reviewer is not None and run.config.audit_log is None:
            raise ConfigError(
                "--reviewer records the check in the audit log, but no log is set: add 'audit_log: FILE' "
                "to disclint.yaml"
            )
        with _progress(len(documents), quiet) as advance:
            results = check_all(spec, run, documents, jobs or default_jobs(), DEBUG, advance)
    except (DisclintError, WorkerError) as exc:
        fail(exc)
    report = Report(tuple(results), run.settings.fail_on, tuple(skipped))
    if reviewer is not None:
        _audit(run, report, reviewer)
    if redact:
        from disclint.redact import redact as redacted

        titles = {c: run.register.title(c) for c in _cases_named(report)}
        report = redacted(report, titles)
    _write_reports(report, outputs, run, no_color, quiet)
    failed = any(r.status in (Status.FAIL, Status.ERROR) for r in report.results)
    raise typer.Exit(1 if failed else 0)


def _outputs(
    output_format: Format,
    output: Path | None,
    json_output: Path | None,
    sarif_output: Path | None,
    html_output: Path | None,
) -> list[tuple[Format, Path | None]]:
    """The reports of one run: the main one (screen or --output) and any extra files."""
    outputs: list[tuple[Format, Path | None]] = [(output_format, output)]
    for fmt, path in ((Format.json, json_output), (Format.sarif, sarif_output), (Format.html, html_output)):
        if path is not None:
            outputs.append((fmt, path))
    targets = [p.resolve() for _, p in outputs if p is not None]
    if len(targets) != len(set(targets)):
        fail("two reports would be written to the same file: give each its own name")
    return outputs


def _cases_named(report: Report) -> set[str]:
    found: set[str] = set()
    for result in report.results:
        if result.case:
            found.add(result.case)
        for finding in (*result.findings, *result.suppressed):
            for key in ("case", "source_case"):
                value = finding.details.get(key)
                if isinstance(value, str):
                    found.add(value)
    return found


def _write_reports(
    report: Report, outputs: list[tuple[Format, Path | None]], run: Run, no_color: bool, quiet: bool
) -> None:
    from disclint.atomic import atomic_writer
    from disclint.report import FORMATTERS, OutputOptions, rule_texts

    texts = rule_texts({r.id: r for r in run.rules})
    for fmt, path in outputs:
        color = (
            path is None
            and not no_color
            and "NO_COLOR" not in os.environ
            and fmt is Format.text
            and sys.stdout.isatty()
        )
        options = OutputOptions(color=color, quiet=quiet, rules=texts)
        formatter = FORMATTERS[fmt.value]
        if path is None:
            formatter(report, sys.stdout, options)
            continue
        try:
            # Reports quote the documents: owner-only, and whole or not at all.
            with atomic_writer(path, private=True) as stream:
                formatter(report, stream, options)
        except OSError as exc:
            fail(ConfigError(f"the report could not be written ({exc.strerror or exc})", path))
        if not quiet:
            typer.echo(f"disclint: {fmt.value} report written to {path}", err=True)


def _audit(run: Run, report: Report, reviewer: str) -> None:
    from disclint.audit import append, entry, packs_version

    assert run.config.audit_log is not None  # checked before the run
    version = packs_version(run.rules)
    try:
        for result in report.results:
            record = entry(
                result,
                reviewer,
                packs_version=version,
                fail_on=run.settings.fail_on,
                rules=[r.id for r in run.rules],
                severities=run.severities(),
            )
            append(run.config.audit_log, record)
    except OSError as exc:
        fail(ConfigError(f"the audit log could not be written ({exc.strerror or exc})", run.config.audit_log))


@contextlib.contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Callable[[Path, object], None] | None]:
    """A progress bar on stderr for batches, only for a person watching a terminal."""
    if quiet or total < 2 or os.environ.get("CI") or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("check", total=total, name="")

        def advance(path: Path, result: object) -> None:
            bar.update(task, advance=1, name=path.name)

        yield advance


@app.command("rules")
def rules_command(
    rule_id: Annotated[str | None, typer.Argument(help="A rule id to explain.", show_default=False)] = None,
    config: ConfigOption = None,
) -> None:
    """List the rules, or explain one in plain English."""
    from disclint.config import find_config, load_config
    from disclint.rules import discover, explain

    try:
        cfg = load_config(config if config is not None else find_config(Path.cwd()))
        rules = discover(cfg.rule_dirs)
    except DisclintError as exc:
        fail(exc)
    if rule_id is None:
        width = max(len(r) for r in rules)
        for rid in sorted(rules):
            rule = rules[rid]
            source = getattr(rule, "path", None)
            origin = f"  [pack {Path(source).name}]" if source else ""
            typer.echo(f"{rid:<{width}}  {rule.severity.label:<7}  {rule.summary}{origin}")
        return
    if rule_id not in rules:
        fail(f"unknown rule '{rule_id}': run 'disclint rules' to list them")
    rule = rules[rule_id]
    typer.echo(f"{rule.id} (default severity: {rule.severity.label})\n")
    typer.echo(explain(rule))
    fails = getattr(rule, "fail_examples", ())
    passes = getattr(rule, "pass_examples", ())
    if fails:
        typer.echo("\nFails, for example:\n    " + fails[0])
    if passes:
        typer.echo("Passes, for example:\n    " + passes[0])


@manifest_app.command("validate")
def manifest_validate(
    path: Annotated[Path, typer.Argument(help="A manifest file or a cases folder.", show_default=False)],
) -> None:
    """Check manifests: exit 2 with file:line for every problem found."""
    from disclint.manifest import check_cases, check_manifest

    if path.is_dir():
        found, problems = check_cases(path)
    elif path.is_file():
        one, problems = check_manifest(path)
        found = {one.case: one} if one else {}
    else:
        fail(ConfigError("no such file or folder", path))
    for problem in problems:
        typer.echo(f"{problem}", err=True)
    if problems:
        typer.echo(f"disclint: {len(problems)} problem(s) found in the manifests", err=True)
        raise typer.Exit(2)
    typer.echo(f"{len(found)} manifest(s) OK: case " + ", ".join(sorted(found)))


def main() -> None:
    """Console-script entry point.

    ``--debug`` (anywhere on the command line) or ``DISCLINT_DEBUG=1`` shows tracebacks for bug
    reports; without it, anything unexpected is one line and exit 2, never a traceback.
    """
    global DEBUG
    if "--debug" in sys.argv[1:]:
        sys.argv.remove("--debug")
        DEBUG = True
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("disclint: stopped (Ctrl-C): the run did not finish", err=True)
        sys.exit(130)
    except Exception as exc:
        if DEBUG:
            raise
        typer.echo(
            f"disclint: internal error ({type(exc).__name__}: {exc}); nothing was passed. "
            "Run again with --debug for the details to report.",
            err=True,
        )
        sys.exit(2)
