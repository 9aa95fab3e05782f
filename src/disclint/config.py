"""``disclint.yaml``: found in the current directory or a parent (or given), validated with lines.

Paths in the file are relative to the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from disclint.errors import ConfigError
from disclint.limits import DEFAULT_LIMITS, Limits, parse_limits
from disclint.model import Severity
from disclint.yamlsource import YValue, load_yaml, suggest

CONFIG_NAME = "disclint.yaml"
KEYS = frozenset(
    {
        "cases",
        "rules",
        "case_from_path",
        "severity",
        "select",
        "ignore",
        "fail_on",
        "index",
        "template_cases",
        "limits",
        "audit_log",
        "accepted",
    }
)


@dataclass(frozen=True)
class Config:
    """Settings that apply to every check of a run; the command line overrides them."""

    path: Path | None = None
    cases: Path | None = None
    rule_dirs: tuple[Path, ...] = ()
    case_from_path: re.Pattern[str] | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    index: Path | None = None
    template_cases: int | None = None
    limits: Limits = DEFAULT_LIMITS
    audit_log: Path | None = None
    accepted: Path | None = None

    def cases_dir(self, given: Path | None, why: str) -> Path:
        """The cases directory (``--cases``, else ``cases:``), which must exist; ``why`` says what for."""
        cases = given or self.cases
        if cases is None:
            raise ConfigError(
                f"disclint needs the cases directory {why}: give --cases DIR or set 'cases:' in disclint.yaml"
            )
        if not cases.is_dir():
            raise ConfigError("the cases directory does not exist", cases)
        return cases

    def accepted_dir(self, cases: Path | None) -> Path | None:
        """Where reviewers' accepted findings are kept: ``accepted:``, else ``accepted/`` beside the
        cases folder (never inside it: that folder holds manifests only)."""
        if self.accepted is not None:
            return self.accepted
        cases = cases or self.cases
        return None if cases is None else cases.resolve().parent / "accepted"


def _folder(fields: dict[str, YValue], key: str, base: Path, path: Path, what: str) -> Path | None:
    if key not in fields:
        return None
    value = fields[key].value
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"'{key}' must be {what}", path, fields[key].line)
    return base / value


def find_config(start: Path) -> Path | None:
    """The ``disclint.yaml`` in ``start`` or its nearest parent that has one."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _strings(node: YValue, key: str, path: Path) -> tuple[str, ...]:
    value = node.value
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v.value, str) for v in value):
        return tuple(v.value for v in value)
    raise ConfigError(f"'{key}' must be a list of names", path, node.line)


def load_config(path: Path | None) -> Config:
    """Read ``path`` (``None``: no config file, defaults apply)."""
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError("the config file does not exist", path)
    root = load_yaml(path, ConfigError)
    if root is None:
        return Config(path=path)
    if not root.is_mapping:
        raise ConfigError("must be a mapping of settings such as 'cases: cases/'", path, root.line)
    for key, value in root.value.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key '{key}'{suggest(key, KEYS)}", path, value.line)
    base = path.parent
    fields = root.value
    cases = None
    if "cases" in fields:
        if not isinstance(fields["cases"].value, str):
            raise ConfigError("'cases' must be a folder path", path, fields["cases"].line)
        cases = base / fields["cases"].value
    rule_dirs: tuple[Path, ...] = ()
    if "rules" in fields:
        rule_dirs = tuple(base / p for p in _strings(fields["rules"], "rules", path))
    pattern = None
    if "case_from_path" in fields:
        node = fields["case_from_path"]
        try:
            pattern = re.compile(str(node.value))
        except re.error as exc:
            raise ConfigError(f"'case_from_path' is not a valid regex: {exc}", path, node.line) from None
        if "case" not in pattern.groupindex:
            raise ConfigError(
                "'case_from_path' needs a named group (?P<case>...) for the case id", path, node.line
            )
    severity: dict[str, Severity] = {}
    if "severity" in fields:
        node = fields["severity"]
        if not node.is_mapping:
            raise ConfigError("'severity' must map rule ids to error, warning or info", path, node.line)
        for rule, level in node.value.items():
            try:
                severity[rule] = Severity.parse(str(level.value))
            except ValueError as exc:
                raise ConfigError(str(exc), path, level.line) from None
    fail_on = None
    if "fail_on" in fields:
        fail_on = str(fields["fail_on"].value)
        if fail_on not in ("error", "warning", "never"):
            raise ConfigError("'fail_on' must be error, warning or never", path, fields["fail_on"].line)
    index = None
    if "index" in fields:
        if not isinstance(fields["index"].value, str):
            raise ConfigError("'index' must be the path of a passage index file", path, fields["index"].line)
        index = base / fields["index"].value
    template_cases = None
    if "template_cases" in fields:
        node = fields["template_cases"]
        if not isinstance(node.value, int) or isinstance(node.value, bool) or node.value < 1:
            raise ConfigError(
                "'template_cases' must be a whole number of cases, 1 or more (default 3)", path, node.line
            )
        template_cases = node.value
    limits = parse_limits(fields["limits"], path) if "limits" in fields else DEFAULT_LIMITS
    return Config(
        path=path,
        cases=cases,
        rule_dirs=rule_dirs,
        case_from_path=pattern,
        severity=severity,
        select=_strings(fields["select"], "select", path) if "select" in fields else (),
        ignore=_strings(fields["ignore"], "ignore", path) if "ignore" in fields else (),
        fail_on=fail_on,
        index=index,
        template_cases=template_cases,
        limits=limits,
        audit_log=_folder(fields, "audit_log", base, path, "the path of the audit log file"),
        accepted=_folder(fields, "accepted", base, path, "the folder of accepted findings"),
    )
