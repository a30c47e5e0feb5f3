"""YAML loading that remembers the line of every key and list item, for officer-friendly errors."""

from __future__ import annotations

import gc
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
    # Lines are found again from the text on the first line_of(): a path→line map for 100k venues held
    # ~3 KB per venue while loading, and most documents never report a problem.
    source: str | None = field(default=None, repr=False, compare=False)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        if self.source is not None:
            self.lines, self.source = _from_events(self.source, with_lines=True).lines, None
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
    collecting = gc.isenabled()
    gc.disable()  # the cyclic collector would walk every node of a growing heap (superlinear on 100k venues)
    try:
        try:
            doc = _from_events(text, with_lines=False)
            doc.source = text
            return doc
        except _Unusual:
            pass
        return _from_nodes(text)
    finally:
        if collecting:
            gc.enable()


def _marked(exc: yaml.YAMLError) -> YamlSyntaxError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        return YamlSyntaxError(line, column, str(exc.problem or exc.context or exc))
    return YamlSyntaxError(1, 1, str(exc))


def _from_nodes(text: str) -> LinedDocument:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _marked(exc) from exc
    doc = LinedDocument(data=None)
    if node is None:
        return doc
    loader = _Constructor("")
    doc.data = _build(node, (), doc, loader)
    return doc


class _Unusual(Exception):
    """Anchors, aliases, tags or several documents: left to the node-based loader."""


_RESOLVERS = _Loader.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"


def _scalar(event: yaml.ScalarEvent, loader: yaml.SafeLoader) -> Any:
    """The value of a scalar event, resolved exactly as _Loader would (plain text may be int, float, bool, null)."""
    if event.anchor is not None or (event.tag not in (None, "!") and event.tag != _STR):
        raise _Unusual
    value = event.value
    if not event.implicit[0] or event.tag == _STR:
        return value
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", []):
        if regexp.match(value):
            if tag == _STR:
                return value
            if tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
                raise _Unusual
            node = yaml.ScalarNode(tag, value)
            return loader.construct_object(node, deep=True)
    return value


def _from_events(text: str, with_lines: bool = True) -> LinedDocument:
    """The same result as _from_nodes, built straight from the C parser's events (3–4× faster)."""
    doc = LinedDocument(data=None)
    loader = _Constructor("")
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            return doc
        doc.data = _value(next(events), events, (), doc, loader, with_lines)
        next(events)  # DocumentEnd
        if not isinstance(next(events), yaml.StreamEndEvent):
            raise _Unusual  # a second document: the composer reports it
    except yaml.YAMLError as exc:
        raise _marked(exc) from exc
    return doc


def _value(event: Any, events: Any, path: Path_, doc: LinedDocument, loader: yaml.SafeLoader, lines: bool) -> Any:
    if lines:
        doc.lines.setdefault(path, event.start_mark.line + 1)
    if isinstance(event, yaml.ScalarEvent):
        return _scalar(event, loader)
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None \
            or getattr(event, "tag", None) not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        raise _Unusual
    if isinstance(event, yaml.SequenceStartEvent):
        items: list[Any] = []
        while not isinstance(item := next(events), yaml.SequenceEndEvent):
            items.append(_value(item, events, (*path, len(items)), doc, loader, lines))
        return items
    result: dict[Any, Any] = {}
    while not isinstance(key_event := next(events), yaml.MappingEndEvent):
        if not isinstance(key_event, yaml.ScalarEvent):
            raise _Unusual
        key = _scalar(key_event, loader)
        key = key if isinstance(key, str | int | float | bool) or key is None else str(key)
        line = key_event.start_mark.line + 1  # type: ignore[union-attr]
        if key in result:
            doc.duplicates.append(((*path, key), line))
        if lines:
            doc.lines[(*path, key)] = line
        result[key] = _value(next(events), events, (*path, key), doc, loader, lines)
        if lines:
            doc.lines[(*path, key)] = line
    return result


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
