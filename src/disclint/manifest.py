"""Case manifests: load and validate them (with file and line), and find a document's case.

A manifest lists the people and references permitted in one case. The register that the rules use is
built from all manifests of a cases directory by :mod:`disclint.register`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from disclint.errors import ManifestError
from disclint.yamlsource import YValue, load_yaml, suggest

TOP_KEYS = frozenset(
    {"case", "title", "references", "subjects", "professionals", "recipients", "allow", "withhold"}
)
SUBJECT_KEYS = frozenset({"name", "role", "aliases", "dob", "nhs_number", "email", "phone", "address"})
PROFESSIONAL_KEYS = frozenset({"name", "role", "organisation", "email", "phone"})
WITHHOLD_KEYS = frozenset({"text", "reason"})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Subject:
    """A child, parent or household member of a case."""

    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    dob: dt.date | None = None
    nhs_number: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Professional:
    """A member of staff or agency worker on a case: never foreign."""

    name: str
    role: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Withheld:
    """A detail of this case that must never reach its family."""

    text: str
    reason: str | None = None


@dataclass(frozen=True)
class Manifest:
    """One case: who and what may appear in its documents."""

    case: str
    path: Path
    title: str | None = None
    references: tuple[str, ...] = ()
    subjects: tuple[Subject, ...] = ()
    professionals: tuple[Professional, ...] = ()
    recipients: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    withhold: tuple[Withheld, ...] = ()

    @property
    def label(self) -> str:
        """``"case 1002 (Brown family)"``."""
        return f"case {self.case} ({self.title})" if self.title else f"case {self.case}"


def nhs_number_valid(digits: str) -> bool:
    """True when ``digits`` (10 digits) carries a correct Modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


class _Checker:
    """Collects every problem of one manifest file, so that ``validate`` can list them all at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[ManifestError] = []

    def fail(self, message: str, line: int | None) -> None:
        self.problems.append(ManifestError(message, self.path, line))

    def keys(self, node: YValue, allowed: frozenset[str], what: str) -> None:
        for key, value in node.value.items():
            if key not in allowed:
                self.fail(f"unknown key '{key}' in {what}{suggest(key, allowed)}", value.line)

    def text(self, node: YValue | None, what: str, required: bool = False) -> str | None:
        if node is None or node.value is None:
            if required:
                self.fail(f"{what} is missing", node.line if node else None)
            return None
        if isinstance(node.value, (dict, list)):
            self.fail(f"{what} must be a single value, not a list or mapping", node.line)
            return None
        text = node.raw if node.raw is not None else str(node.value)
        text = text.strip()
        if required and not text:
            self.fail(f"{what} is empty", node.line)
            return None
        return text or None

    def texts(self, node: YValue | None, what: str) -> tuple[str, ...]:
        if node is None or node.value is None:
            return ()
        if not node.is_sequence:
            self.fail(f"{what} must be a list (one '- item' per line)", node.line)
            return ()
        out = []
        for item in node.value:
            text = self.text(item, f"an entry of {what}")
            if text:
                out.append(text)
        return tuple(out)

    def mappings(self, node: YValue | None, what: str) -> list[YValue]:
        if node is None or node.value is None:
            return []
        if not node.is_sequence:
            self.fail(f"{what} must be a list of entries", node.line)
            return []
        out = []
        for item in node.value:
            if not item.is_mapping:
                self.fail(f"each entry of {what} must have keys such as 'name:'", item.line)
            else:
                out.append(item)
        return out

    def date(self, node: YValue | None, what: str) -> dt.date | None:
        if node is None or node.value is None:
            return None
        value = node.value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(node.raw or value).strip())
        except ValueError:
            self.fail(f"{what} '{node.raw}' is not a date: write it as YYYY-MM-DD", node.line)
            return None

    def nhs(self, node: YValue | None, what: str) -> str | None:
        text = self.text(node, what)
        if text is None or node is None:
            return None
        digits = re.sub(r"[\s-]", "", text)
        if not nhs_number_valid(digits):
            self.fail(
                f"{what} '{text}' is not a valid NHS number (10 digits with a correct check digit)",
                node.line,
            )
            return None
        return digits

    def email(self, node: YValue | None, what: str) -> str | None:
        text = self.text(node, what)
        if text is not None and node is not None and not _EMAIL.match(text):
            self.fail(f"{what} '{text}' is not an email address", node.line)
            return None
        return text.lower() if text else None


def _subject(check: _Checker, node: YValue) -> Subject | None:
    check.keys(node, SUBJECT_KEYS, "a subject")
    fields = node.value
    if "name" not in fields:
        check.fail("a subject has no 'name'", node.line)
        return None
    name = check.text(fields["name"], "a subject's 'name'", required=True)
    if name is None:
        return None
    what = f"'{name}'"
    return Subject(
        name=name,
        role=check.text(fields.get("role"), f"the role of {what}"),
        aliases=check.texts(fields.get("aliases"), f"the aliases of {what}"),
        dob=check.date(fields.get("dob"), f"the date of birth of {what}"),
        nhs_number=check.nhs(fields.get("nhs_number"), f"the NHS number of {what}"),
        email=check.email(fields.get("email"), f"the email of {what}"),
        phone=check.text(fields.get("phone"), f"the phone of {what}"),
        address=check.text(fields.get("address"), f"the address of {what}"),
    )


def _professional(check: _Checker, node: YValue) -> Professional | None:
    check.keys(node, PROFESSIONAL_KEYS, "a professional")
    fields = node.value
    if "name" not in fields:
        check.fail("a professional has no 'name'", node.line)
        return None
    name = check.text(fields["name"], "a professional's 'name'", required=True)
    if name is None:
        return None
    what = f"'{name}'"
    return Professional(
        name=name,
        role=check.text(fields.get("role"), f"the role of {what}"),
        organisation=check.text(fields.get("organisation"), f"the organisation of {what}"),
        email=check.email(fields.get("email"), f"the email of {what}"),
        phone=check.text(fields.get("phone"), f"the phone of {what}"),
    )


def _withheld(check: _Checker, node: YValue) -> Withheld | None:
    check.keys(node, WITHHOLD_KEYS, "a withhold entry")
    text = check.text(node.value.get("text"), "a withhold entry's 'text'", required=True)
    if text is None:
        return None
    return Withheld(text=text, reason=check.text(node.value.get("reason"), "a withhold reason"))


def check_manifest(path: Path, text: str | None = None) -> tuple[Manifest | None, list[ManifestError]]:
    """Read one manifest; return it (``None`` if unusable) and every problem found in it."""
    check = _Checker(path)
    try:
        root = load_yaml(path, ManifestError, text)
    except ManifestError as exc:
        return None, [exc]
    if root is None or not root.is_mapping:
        check.fail("is not a case manifest: it must start with 'case: \"ID\"'", root.line if root else 1)
        return None, check.problems
    check.keys(root, TOP_KEYS, "the manifest")
    fields = root.value
    case = None
    if "case" not in fields:
        check.fail("'case' is missing: every manifest needs 'case: \"ID\"'", 1)
    else:
        case = check.text(fields["case"], "'case'", required=True)
    subjects = [s for n in check.mappings(fields.get("subjects"), "'subjects'") if (s := _subject(check, n))]
    professionals = [
        p
        for n in check.mappings(fields.get("professionals"), "'professionals'")
        if (p := _professional(check, n))
    ]
    withhold = [w for n in check.mappings(fields.get("withhold"), "'withhold'") if (w := _withheld(check, n))]
    recipients = []
    for item in check.texts(fields.get("recipients"), "'recipients'"):
        if not _EMAIL.match(item):
            check.fail(f"recipient '{item}' is not an email address", fields["recipients"].line)
        recipients.append(item.lower())
    manifest = None
    if case is not None:
        manifest = Manifest(
            case=case,
            path=path,
            title=check.text(fields.get("title"), "'title'"),
            references=check.texts(fields.get("references"), "'references'"),
            subjects=tuple(subjects),
            professionals=tuple(professionals),
            recipients=tuple(recipients),
            allow=check.texts(fields.get("allow"), "'allow'"),
            withhold=tuple(withhold),
        )
    return manifest, check.problems


def load_manifest(path: Path) -> Manifest:
    """Read one manifest or raise its first problem as :class:`ManifestError`."""
    manifest, problems = check_manifest(path)
    if problems:
        raise problems[0]
    assert manifest is not None
    return manifest


def manifest_files(directory: Path) -> list[Path]:
    """The manifests of a cases directory: every ``*.yaml``/``*.yml`` below it, in a stable order."""
    files = [p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(files)


def check_cases(directory: Path) -> tuple[dict[str, Manifest], list[ManifestError]]:
    """Read every manifest of a cases directory; return them by case id and every problem found."""
    if not directory.is_dir():
        return {}, [ManifestError("the cases directory does not exist", directory)]
    cases: dict[str, Manifest] = {}
    problems: list[ManifestError] = []
    files = manifest_files(directory)
    if not files:
        problems.append(ManifestError("holds no case manifests (*.yaml)", directory))
    for path in files:
        manifest, found = check_manifest(path)
        problems.extend(found)
        if manifest is None:
            continue
        if manifest.case in cases:
            first = cases[manifest.case].path
            problems.append(
                ManifestError(f"case id '{manifest.case}' is also used by {first}", path, _case_line(path))
            )
            continue
        cases[manifest.case] = manifest
    return cases, problems


def load_cases(directory: Path) -> dict[str, Manifest]:
    """Read a cases directory or raise its first problem as :class:`ManifestError`."""
    cases, problems = check_cases(directory)
    if problems:
        raise problems[0]
    return cases


def _case_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.startswith("case:"):
            return number
    return None


def find_case_file(document: Path) -> Path | None:
    """The nearest ``case.yaml`` in the document's folder or one of its parents."""
    for folder in document.resolve().parents:
        candidate = folder / "case.yaml"
        if candidate.is_file():
            return candidate
    return None
