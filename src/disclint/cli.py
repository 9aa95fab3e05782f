"""The command line: ``disclint check``, ``rules``, ``manifest validate``. The only place that exits.

Exit status: 0 every document read and none failed; 1 a document failed or could not be read;
2 usage, configuration, manifest or rule-pack error (nothing was checked).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from disclint import __version__
from disclint.cli_index import index_app
from disclint.cli_review import accept, verify
from disclint.cli_watch import watch
from disclint.errors import ConfigError, DisclintError

CONFIG_HELP = "Config file (default: disclint.yaml)."

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


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


def _fail(error: DisclintError | str, code: int = 2) -> NoReturn:
    typer.echo(f"disclint: {error}", err=True)
    raise typer.Exit(code)


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
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="The case manifest file to check against.")
    ] = None,
    cases: Annotated[Path | None, typer.Option("--cases", help="Folder of all case manifests.")] = None,
    index: Annotated[
        Path | None, typer.Option("--index", help="Passage index of earlier documents (copied-passage).")
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help=CONFIG_HELP)] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to this file.")] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails [default: error]."),
    ] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="Run only these rules.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Do not run these rules.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours in the report.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Only failing documents and the summary.")] = False,
) -> None:
    """Check documents and report anything that belongs to another case."""
    from disclint.config import find_config, load_config
    from disclint.engine import Settings, select_rules
    from disclint.model import Severity, Status
    from disclint.report import FORMATTERS, OutputOptions
    from disclint.rules import discover
    from disclint.runner import Run, expand

    if case is not None and manifest is not None:
        _fail("give either --case or --manifest, not both")
    try:
        settings_file = config if config is not None else find_config(Path.cwd())
        cfg = load_config(settings_file)
        rules = discover(cfg.rule_dirs)
        chosen_select = _ids(select) or list(cfg.select)
        chosen_ignore = _ids(ignore) or list(cfg.ignore)
        try:
            chosen = select_rules(rules, chosen_select, chosen_ignore)
        except KeyError as exc:
            raise ConfigError(f"unknown rule id {exc}: run 'disclint rules' to list them") from None
        for rule_id in cfg.severity:
            if rule_id not in rules:
                raise ConfigError(f"'severity' names an unknown rule '{rule_id}'", cfg.path)
        level = (fail_on.value if fail_on else None) or cfg.fail_on or "error"
        threshold = None if level == "never" else Severity.parse(level)
        settings = Settings(severity=cfg.severity, fail_on=threshold)
        documents, skipped = expand(paths)
        run = Run.load(cfg, chosen, settings, cases, case, manifest, index)
    except DisclintError as exc:
        _fail(exc)
    report = run.check_all(documents, skipped)
    color = (
        output is None
        and not no_color
        and "NO_COLOR" not in os.environ
        and output_format is Format.text
        and sys.stdout.isatty()
    )
    options = OutputOptions(color=color, quiet=quiet)
    formatter = FORMATTERS[output_format.value]
    if output is None:
        formatter(report, sys.stdout, options)
    else:
        with output.open("w", encoding="utf-8") as stream:
            formatter(report, stream, options)
        if not quiet:
            typer.echo(f"disclint: report written to {output}", err=True)
    failed = any(r.status in (Status.FAIL, Status.ERROR) for r in report.results)
    raise typer.Exit(1 if failed else 0)


@app.command("rules")
def rules_command(
    rule_id: Annotated[str | None, typer.Argument(help="A rule id to explain.", show_default=False)] = None,
    config: Annotated[Path | None, typer.Option("--config", help=CONFIG_HELP)] = None,
) -> None:
    """List the rules, or explain one in plain English."""
    from disclint.config import find_config, load_config
    from disclint.rules import discover, explain

    try:
        cfg = load_config(config if config is not None else find_config(Path.cwd()))
        rules = discover(cfg.rule_dirs)
    except DisclintError as exc:
        _fail(exc)
    if rule_id is None:
        width = max(len(r) for r in rules)
        for rid in sorted(rules):
            rule = rules[rid]
            source = getattr(rule, "path", None)
            origin = f"  [pack {Path(source).name}]" if source else ""
            typer.echo(f"{rid:<{width}}  {rule.severity.label:<7}  {rule.summary}{origin}")
        return
    if rule_id not in rules:
        _fail(f"unknown rule '{rule_id}': run 'disclint rules' to list them")
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
        _fail(ConfigError("no such file or folder", path))
    for problem in problems:
        typer.echo(f"{problem}", err=True)
    if problems:
        typer.echo(f"disclint: {len(problems)} problem(s) found in the manifests", err=True)
        raise typer.Exit(2)
    typer.echo(f"{len(found)} manifest(s) OK: case " + ", ".join(sorted(found)))


def main() -> None:
    """Console-script entry point."""
    app()
