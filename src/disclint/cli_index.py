"""``disclint index``: build and inspect the passage index that ``copied-passage`` looks passages up in.

    disclint index add DIR --case ID --index FILE [--cases DIR]    a case's earlier documents
    disclint index add DIR --template --index FILE                  template documents (no case)
    disclint index remove --case ID --index FILE
    disclint index stats --index FILE

Exit status as for ``check``: 0 done; 1 a document could not be read (it was not indexed);
2 usage or configuration error (nothing was changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from disclint.cli_common import CasesOption, ConfigOption, fail
from disclint.errors import ConfigError, DisclintError

if TYPE_CHECKING:
    from disclint.config import Config

index_app = typer.Typer(
    help="Build the passage index of earlier documents (for the copied-passage rule).", no_args_is_help=True
)

COMMIT_EVERY = 1000
"""Documents per transaction: few, large transactions keep bulk builds fast (each journals the pages it
touches, and fingerprints land all over the file)."""
PAGE_WORDS = 500
"""Words on a page of text, for sizes per page."""

IndexOption = Annotated[
    Path | None, typer.Option("--index", help="The passage index file (default: 'index:' in disclint.yaml).")
]


def _config(config: Path | None) -> Config:
    from disclint.config import find_config, load_config

    return load_config(config if config is not None else find_config(Path.cwd()))


def _index_file(given: Path | None, cfg: Config) -> Path:
    path = given or cfg.index
    if path is None:
        raise ConfigError("give the passage index with --index FILE or set 'index:' in disclint.yaml")
    return path


@index_app.command("add")
def add(
    directory: Annotated[
        Path, typer.Argument(help="A folder (searched recursively) or file of earlier documents.")
    ],
    case: Annotated[str | None, typer.Option("--case", help="The case the documents belong to.")] = None,
    index: IndexOption = None,
    template: Annotated[
        bool, typer.Option("--template", help="Template documents of no case: their text is never a leak.")
    ] = False,
    cases: CasesOption = None,
    config: ConfigOption = None,
) -> None:
    """Fingerprint a case's earlier documents (unchanged ones are skipped, changed ones replaced)."""
    from disclint.errors import ManifestError, ReadError
    from disclint.index import TEMPLATE_CASE, PassageIndex
    from disclint.manifest import load_cases
    from disclint.readers import read, sha256
    from disclint.runner import expand

    try:
        cfg = _config(config)
        index_file = _index_file(index, cfg)
        cases_dir = cfg.cases_dir(cases, "to mask every family's names")
        manifests = load_cases(cases_dir)
        if template and case is not None:
            raise ConfigError("template documents belong to no case: give --template or --case ID, not both")
        if not template and case is None:
            raise ConfigError("give the case the documents belong to (--case ID), or --template")
        if case is not None and case not in manifests:
            raise ManifestError(f"no manifest for case '{case}' in the cases directory", cases_dir)
        name = TEMPLATE_CASE if case is None else case
        documents, _ = expand([directory])
        passages = PassageIndex.create(index_file)
    except DisclintError as exc:
        fail(exc)
    masker = passages.masker(manifests.values())
    known = passages.documents(name)
    digests = {digest for _, digest in known.values()}
    replaced: list[int] = []
    added = changed = unchanged = prints = 0
    problems: list[str] = []
    for number, path in enumerate(documents, start=1):
        key = str(path.resolve())
        try:
            digest = sha256(path.read_bytes())
        except OSError as exc:
            problems.append(f"{path}: the file cannot be opened ({exc.strerror or exc})")
            continue
        if digest in digests:
            unchanged += 1
            continue
        try:
            document = read(path)
        except ReadError as exc:
            problems.append(f"{path}: {exc.message}")
            continue
        except Exception as exc:  # noqa: BLE001 - a reader bug skips the file, it does not stop the run
            problems.append(f"{path}: disclint could not read this document ({type(exc).__name__}: {exc})")
            continue
        try:
            prints += passages.add(name, key, document, masker, template)
        except DisclintError as exc:  # the index is full: keep what was added, say why the rest was not
            passages.remove_documents(replaced)
            passages.commit()
            passages.close()
            fail(exc)
        if key in known:
            replaced.append(known[key][0])
            changed += 1
        else:
            added += 1
        digests.add(digest)
        if number % COMMIT_EVERY == 0:
            passages.commit()
    passages.remove_documents(replaced)
    passages.commit()
    if replaced or prints * 4 >= passages.stats().fingerprints:
        passages.compact()  # a large addition or replaced documents leave half-empty pages behind
    passages.close()
    who = "templates" if template else f"case {name}"
    typer.echo(
        f"{who}: {added + changed} document(s) indexed ({added} new, {changed} changed; "
        f"{prints:,} fingerprints), {unchanged} unchanged, {len(problems)} could not be read"
    )
    for problem in problems:
        typer.echo(f"disclint: not indexed: {problem}", err=True)
    raise typer.Exit(1 if problems else 0)


@index_app.command("remove")
def remove(
    case: Annotated[str | None, typer.Option("--case", help="The case whose documents to remove.")] = None,
    template: Annotated[bool, typer.Option("--template", help="Remove the template documents.")] = False,
    index: IndexOption = None,
    config: ConfigOption = None,
) -> None:
    """Remove a case's documents (or the templates) from the index."""
    from disclint.index import TEMPLATE_CASE, PassageIndex

    try:
        index_file = _index_file(index, _config(config))
        if (case is None) == (not template):
            raise ConfigError("give the case to remove (--case ID) or --template")
        if not index_file.is_file():
            raise ConfigError("the passage index does not exist", index_file)
        passages = PassageIndex.create(index_file)
        name = TEMPLATE_CASE if case is None else case
        if name not in passages.cases():
            passages.close()
            what = "no template documents" if template else f"no documents of case '{name}'"
            raise ConfigError(f"holds {what}", index_file)
    except DisclintError as exc:
        fail(exc)
    count = passages.remove_case(name)
    passages.close()
    typer.echo(f"removed {count} document(s) of {'the templates' if template else f'case {name}'}")


@index_app.command("stats")
def stats(index: IndexOption = None, config: ConfigOption = None) -> None:
    """What the index holds: cases, documents, paragraphs, fingerprints, size."""
    from disclint.index import PassageIndex

    try:
        passages = PassageIndex.open(_index_file(index, _config(config)))
    except DisclintError as exc:
        fail(exc)
    found = passages.stats()
    passages.close()
    pages = found.words / PAGE_WORDS
    scheme = found.scheme
    method = "winnowing" if scheme.method == "winnow" else "sampling"
    per_page = f" ({found.size / pages / 1024:.1f} KB per page of {PAGE_WORDS} words)" if pages else ""
    rows = [
        ("passage index", str(found.path)),
        ("cases", f"{found.cases:,}"),
        ("documents", f"{found.documents - found.templates:,} (and {found.templates:,} template documents)"),
        ("paragraphs", f"{found.blocks:,}"),
        ("words", f"{found.words:,} (about {pages:,.0f} pages)"),
        (
            "fingerprints",
            f"{found.fingerprints:,} ({method} of {scheme.k}-word runs, window {scheme.window})",
        ),
        ("size", f"{_size(found.size)}{per_page}"),
    ]
    for label, value in rows:
        typer.echo(f"{label:<14} {value}")


def _size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "bytes" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
