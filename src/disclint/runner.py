"""One check run: which documents, which case each belongs to, and the checks themselves.

The command line builds a :class:`Run` from its options; a run never prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from disclint.accept import Acceptances
from disclint.config import Config, load_config
from disclint.engine import Settings, error_result, read_and_check, select_rules
from disclint.errors import ConfigError, ManifestError
from disclint.manifest import Manifest, find_case_file, load_manifest
from disclint.model import DocumentResult, Severity
from disclint.readers import SUPPORTED
from disclint.register import Register
from disclint.rules import Rule, RuleContext, discover

if TYPE_CHECKING:
    from disclint.index import PassageIndex

# Office's lock files ("~$minutes.docx") and editors' temporary files are not documents.
_TEMPORARY_PREFIXES = ("~$", ".~lock")


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Documents to check and files skipped: folders are searched recursively."""
    documents: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.exists():
            raise ConfigError("no such file or folder", path)
        if path.is_dir():
            for item in sorted(p for p in path.rglob("*") if p.is_file()):
                if item.name.startswith(_TEMPORARY_PREFIXES) or any(
                    part.startswith(".") for part in item.relative_to(path).parts
                ):
                    continue
                (documents if item.suffix.lower() in SUPPORTED else skipped).append(item)
        else:
            documents.append(path)
    return documents, skipped


@dataclass(frozen=True)
class RunSpec:
    """What a run is made of, as the command line gave it: small and picklable, so that each worker
    process builds the same :class:`Run` for itself rather than sharing open database handles."""

    config_file: Path | None = None
    cases: Path | None = None
    case: str | None = None
    manifest: Path | None = None
    index: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    keep_text: bool = False
    register_file: Path | None = None  # the register cache the parent found current


def choose_rules(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """The rules a run of ``config`` runs (the options' --select/--ignore before the config's)."""
    rules = discover(config.rule_dirs)
    try:
        chosen = select_rules(rules, select or config.select, ignore or config.ignore)
    except KeyError as exc:
        raise ConfigError(f"unknown rule id {exc}: run 'disclint rules' to list them") from None
    for rule_id in config.severity:
        if rule_id not in rules:
            raise ConfigError(f"'severity' names an unknown rule '{rule_id}'", config.path)
    return chosen


def severities(rules: Iterable[Rule], overrides: Mapping[str, Severity]) -> dict[str, str]:
    """Each rule's severity: its default, or the config's override."""
    return {r.id: overrides.get(r.id, r.severity).label for r in rules}


def build_run(spec: RunSpec) -> Run:
    """The run ``spec`` describes; a :class:`~disclint.errors.DisclintError` if anything is malformed."""
    config = load_config(spec.config_file)
    chosen = choose_rules(config, spec.select, spec.ignore)
    level = spec.fail_on or config.fail_on or "error"
    settings = Settings(severity=config.severity, fail_on=None if level == "never" else Severity.parse(level))
    run = Run.load(
        config, chosen, settings, spec.cases, spec.case, spec.manifest, spec.index, spec.register_file
    )
    run.keep_text = spec.keep_text
    return run


@dataclass
class Run:
    """Everything a check needs that does not change from one document to the next."""

    register: Register
    rules: Sequence[Rule]
    settings: Settings
    config: Config
    case: str | None = None
    manifest: Manifest | None = None
    index: PassageIndex | None = None
    keep_text: bool = False
    cases_dir: Path | None = field(default=None, repr=False)
    acceptances: Acceptances = field(default_factory=lambda: Acceptances(None), repr=False)

    @classmethod
    def load(
        cls,
        config: Config,
        rules: Sequence[Rule],
        settings: Settings,
        cases_dir: Path | None,
        case: str | None = None,
        manifest_file: Path | None = None,
        index_file: Path | None = None,
        register_file: Path | None = None,
    ) -> Run:
        cases_dir = config.cases_dir(cases_dir, "to know the other families")
        register = Register.open(cases_dir, register_file)
        manifest = load_manifest(manifest_file) if manifest_file else None
        if case is not None and register.manifest(case) is None:
            known = register.store.case_ids()
            listed = ", ".join(known[:10]) + (" …" if len(known) > 10 else "")
            raise ManifestError(f"no manifest for case '{case}' (known: {listed})", cases_dir)
        index = None
        index_file = index_file or config.index
        if index_file is not None and any(r.id == "copied-passage" for r in rules):
            from disclint.index import DEFAULT_TEMPLATE_CASES, PassageIndex

            threshold = config.template_cases
            index = PassageIndex.open(index_file, DEFAULT_TEMPLATE_CASES if threshold is None else threshold)
        acceptances = Acceptances(config.accepted_dir(cases_dir))
        run = cls(register, rules, settings, config, case, manifest, index, cases_dir=cases_dir)
        run.acceptances = acceptances
        for named in filter(None, (case, manifest.case if manifest else None)):
            acceptances.book(named)  # a malformed acceptances file is a configuration error now (exit 2)
        return run

    def severities(self) -> dict[str, str]:
        """Each rule's severity in this run (its default, or the config's override)."""
        return severities(self.rules, self.settings.severity)

    def manifest_for(self, document: Path) -> Manifest:
        """The manifest of the case ``document`` belongs to; :class:`ManifestError` if none is found."""
        register = self.register
        if self.manifest is not None:
            return self.manifest
        if self.case is not None:
            found = register.manifest(self.case)
            assert found is not None  # checked when the run was loaded
            return found
        case_file = find_case_file(document)
        if case_file is not None:
            local = load_manifest(case_file)
            return register.manifest(local.case) or local
        pattern = self.config.case_from_path
        if pattern is not None:
            match = pattern.search(document.resolve().as_posix())
            if match and match.group("case"):
                case_id = match.group("case")
                manifest = register.manifest(case_id)
                if manifest is None:
                    raise ManifestError(
                        f"the path names case '{case_id}', which has no manifest in the cases directory"
                    )
                return manifest
        raise ManifestError(
            "disclint cannot tell which case this document belongs to: give --case ID, put a "
            "case.yaml in its folder, or set case_from_path in disclint.yaml"
        )

    def check(self, document: Path) -> DocumentResult:
        try:
            manifest = self.manifest_for(document)
        except ManifestError as exc:
            return error_result(document, None, exc.message if exc.path is None else str(exc))
        context = RuleContext(manifest, self.register, self.register.view(manifest), self.index)
        result = read_and_check(
            document, self.rules, context, self.settings, self.config.limits, keep_text=self.keep_text
        )
        return self.acceptances.apply(result, self.settings.fail_on)
