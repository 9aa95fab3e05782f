"""YAML read with line numbers, so that every manifest, pack and config error can name its line.

PyYAML's ``safe_load`` forgets where values stood and silently keeps the last of two duplicate keys.
Here a file is composed into nodes first and turned into :class:`YValue` records that keep the line of
every key and value; duplicate keys are an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from disclint.errors import DisclintError


@dataclass(frozen=True)
class YValue:
    """A YAML value with its 1-based line. Mappings hold ``dict[str, YValue]``, sequences ``list``.

    ``raw`` is the scalar exactly as written (``0123`` stays ``"0123"``, where YAML 1.1 would read an
    octal number), for identifiers whose spelling matters more than their type.
    """

    value: Any
    line: int
    raw: str | None = None

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Any:
        """The value without line numbers."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


ErrorFactory = Callable[..., DisclintError]

# libyaml's C parser where PyYAML was built with it: several times faster on a council's manifests.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, error: ErrorFactory, text: str | None = None) -> YValue | None:
    """Read ``path`` into a :class:`YValue` tree; ``None`` for an empty file.

    Problems are raised as ``error(message, path, line)`` so that each caller keeps its own error type.
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise error("is not UTF-8 text; save it as UTF-8", path) from None
        except OSError as exc:
            raise error(f"cannot be read ({exc.strerror or exc})", path) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, path, error, _Walk())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"is not valid YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise error(f"is not valid YAML: {exc}", path) from None
    finally:
        loader.dispose()


MAX_NODES = 200_000


class _Walk:
    """Guards against hostile YAML: an alias that contains itself, and aliases that multiply a small
    file into millions of values ("billion laughs")."""

    def __init__(self) -> None:
        self.active: set[int] = set()
        self.count = 0


def _convert(
    node: yaml.Node, loader: yaml.SafeLoader, path: Path, error: ErrorFactory, walk: _Walk
) -> YValue:
    line = node.start_mark.line + 1
    walk.count += 1
    if walk.count > MAX_NODES:
        raise error(
            f"holds more than {MAX_NODES} values (aliases repeated over and over?): refused", path, line
        )
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in walk.active:
            raise error("an alias (*name) refers to the list or mapping that holds it", path, line)
        walk.active.add(id(node))
        try:
            return _collection(node, loader, path, error, walk, line)
        finally:
            walk.active.discard(id(node))
    assert isinstance(node, yaml.ScalarNode)
    scalar: Any
    try:
        scalar = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        # "2015-13-45" looks like a date to YAML but is none: keep the text, the caller explains.
        scalar = str(node.value)
    return YValue(scalar, line, str(node.value))


def _collection(
    node: yaml.Node, loader: yaml.SafeLoader, path: Path, error: ErrorFactory, walk: _Walk, line: int
) -> YValue:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        mapping: dict[str, YValue] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_text = str(key)
            if key_text in mapping:
                raise error(f"key '{key_text}' appears twice", path, key_node.start_mark.line + 1)
            value = _convert(value_node, loader, path, error, walk)
            mapping[key_text] = YValue(value.value, key_node.start_mark.line + 1, value.raw)
        return YValue(mapping, line)
    return YValue([_convert(item, loader, path, error, walk) for item in node.value], line)


def suggest(key: str, allowed: set[str] | frozenset[str]) -> str:
    """``" (did you mean 'subjects'?)"`` for a near miss of an allowed key, else ``""``."""
    import difflib

    close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
