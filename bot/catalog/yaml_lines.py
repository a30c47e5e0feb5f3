"""YAML loading that remembers the line of every key and list item, for officer-friendly errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[Any, ...]


@dataclass
class LinedDocument:
    """Plain data loaded from YAML plus the 1-based line of each path inside it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(Exception):
    """A YAML file that cannot be parsed, with its line and column."""

    def __init__(self, line: int, column: int, problem: str):
        self.line, self.column, self.problem = line, column, problem
        super().__init__(f"line {line}, column {column}: {problem}")


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster when present
_PLAIN_INT = re.compile(r"^(?:[-+]?0|[-+]?[1-9][0-9]*)$")


class _Loader(_BaseLoader):
    """SafeLoader that keeps times like 10:00 as strings (YAML 1.1 would read them as sexagesimal ints)."""


# Drop YAML 1.1's base-60 integers and implicit dates so "10:00" and "2026-01-02" stay strings.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:int",
                                                                     "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _PLAIN_INT, list("-+0123456789"))


class _Constructor(yaml.SafeLoader):
    """Pure-Python constructor for turning composed scalar nodes into values."""


def load_lined(text: str) -> LinedDocument:
    """Parse YAML text into data and a path→line map; raise YamlSyntaxError on bad syntax."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        raise YamlSyntaxError(line, column, str(exc.problem or exc.context or exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, 1, str(exc)) from exc
    doc = LinedDocument(data=None)
    if node is None:
        return doc
    loader = _Constructor("")
    doc.data = _build(node, (), doc, loader)
    return doc


def _build(node: yaml.Node, path: Path_, doc: LinedDocument, loader: yaml.SafeLoader) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, str | int | float | bool) or key is None else str(key)
            if key in result:  # YAML would silently keep the last one
                doc.duplicates.append(((*path, key), key_node.start_mark.line + 1))
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, (*path, key), doc, loader)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
