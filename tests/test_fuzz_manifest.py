"""Fuzzing the manifest loader (issue 7): whatever a manifest file holds, loading it gives a manifest or
a ManifestError with a file and line, never another exception (a traceback instead of exit 2).

Derandomized hypothesis: the same examples every run, well within a few seconds.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclint.errors import DisclintError, ManifestError
from disclint.manifest import Manifest, check_manifest, load_manifest
from tests.builders import BROWN, SMITH

FUZZ = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
)

KEYS = [
    "case",
    "title",
    "references",
    "subjects",
    "professionals",
    "recipients",
    "allow",
    "withhold",
    "name",
    "role",
    "aliases",
    "dob",
    "nhs_number",
    "email",
    "phone",
    "address",
    "organisation",
    "text",
    "reason",
    "unknown",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["2015-03-02", "2015-02-30", "943 476 5919", "943 476 5918", "a@example.org", "1001"]),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=20,
)
manifests = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="disclint-fuzz-") as name:
        yield Path(name)


def loads_cleanly(folder: Path, text: str) -> None:
    path = folder / "case.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    manifest, problems = check_manifest(path)
    assert all(isinstance(problem, ManifestError) for problem in problems)
    assert manifest is None or isinstance(manifest, Manifest)
    try:
        loaded = load_manifest(path)
    except DisclintError as exc:
        assert exc.message.strip()
        return
    assert isinstance(loaded, Manifest)


def _yaml(document: object) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_loads_or_fails_as_a_manifest_error(folder: Path, text: str) -> None:
    loads_cleanly(folder, text)


@FUZZ
@given(document=manifests)
def test_any_yaml_structure_loads_or_fails_as_a_manifest_error(folder: Path, document: object) -> None:
    loads_cleanly(folder, _yaml(document))


@FUZZ
@given(data=st.data(), which=st.sampled_from([SMITH, BROWN]))
def test_a_damaged_real_manifest_loads_or_fails_as_a_manifest_error(
    folder: Path, data: st.DataObject, which: dict[str, object]
) -> None:
    text = _yaml(which)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    insert = data.draw(
        st.one_of(st.just(""), st.text(max_size=10), st.sampled_from([":", "- ", "\t", "&a", "*a", "!!"]))
    )
    loads_cleanly(folder, text[:start] + insert + text[end:])


@pytest.mark.parametrize(
    "text",
    [
        "case: &a [*a]",  # a recursive alias (found while fuzzing)
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]",  # a billion laughs in YAML
        "case: !!python/object:os.system 'echo'",  # an unsafe tag
        "a: &x 1\nb: *y",  # an unknown alias
        "\t- tab",  # a tab where YAML forbids one
        "case: '1001'\ncase: '1002'",  # a duplicate key
        "? [a, b]\n: c",  # a key that is a list
        "case: 1001\nsubjects: [{name: [1, 2]}]",
        "\ufeffcase: '1001'",
        "%YAML 1.1\n---\ncase: '1'\n---\ncase: '2'",  # two documents
    ],
)
def test_known_troublemakers(folder: Path, text: str) -> None:
    loads_cleanly(folder, text)
