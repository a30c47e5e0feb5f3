"""Content YAML as our rules read it (times stay text), syntax errors with a line, and the quick event walk."""

from __future__ import annotations

import re
from typing import Any

import yaml

Path_ = tuple[Any, ...]


class YamlSyntaxError(Exception):
    """A YAML file that cannot be parsed, with its line and column."""

    def __init__(self, line: int, column: int, problem: str):
        self.line, self.column, self.problem = line, column, problem
        super().__init__(f"line {line}, column {column}: {problem}")


class Unusual(Exception):
    """Anchors, aliases, tags or several documents: left to the node-based loader."""


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster when present
_PLAIN_INT = re.compile(r"^(?:[-+]?0|[-+]?[1-9][0-9]*)$")


class Loader(_BaseLoader):
    """SafeLoader that keeps times like 10:00 as strings (YAML 1.1 would read them as sexagesimal ints)."""


# Drop YAML 1.1's base-60 integers and implicit dates so "10:00" and "2026-01-02" stay strings.
Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:int",
                                                                     "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:int", _PLAIN_INT, list("-+0123456789"))


class Constructor(yaml.SafeLoader):
    """Pure-Python constructor for turning composed scalar nodes into values."""


_RESOLVERS = Loader.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_CONTAINER_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def syntax_error(exc: yaml.YAMLError) -> YamlSyntaxError:
    """The parser's error as a YamlSyntaxError at its (1-based) line and column."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        return YamlSyntaxError(line, column, str(exc.problem or exc.context or exc))
    return YamlSyntaxError(1, 1, str(exc))


def scalar_value(event: yaml.ScalarEvent, loader: yaml.SafeLoader) -> Any:
    """The value of a scalar event, resolved exactly as Loader would (plain text may be int, float, bool, null)."""
    if event.anchor is not None or (event.tag not in (None, "!") and event.tag != _STR):
        raise Unusual
    value = event.value
    if not event.implicit[0] or event.tag == _STR:
        return value
    return resolve_plain(value, loader)


def resolve_plain(value: str, loader: yaml.SafeLoader) -> Any:
    """An unquoted scalar's value as Loader resolves it: int, float, bool, null, or the text itself."""
    if _DECIMAL.fullmatch(value):  # coordinates: what the float resolver and constructor would give, 5× faster
        return float(value)
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", []):
        if regexp.match(value):
            if tag == _STR:
                return value
            if tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
                raise Unusual
            node = yaml.ScalarNode(tag, value)
            return loader.construct_object(node, deep=True)
    return value


def mapping_key(key: Any) -> Any:
    """A mapping key as a plain hashable value (YAML allows e.g. dates as keys; we compare them as text)."""
    return key if isinstance(key, str | int | float | bool) or key is None else str(key)


class QuickRead:
    """Data, duplicate keys and the lines of top-level items (and of their `id`) from one walk of the C parser's
    events: no path→line map, so it is ~20% faster than the lined walk and holds nothing per field."""

    def __init__(self, text: str):
        self.item_lines: dict[Path_, int] = {}
        self.duplicates: list[tuple[Path_, int]] = []
        self._plain: dict[str, Any] = {}  # plain scalars resolve the same way every time (tue-sun, 08:30, tambon)
        self._constructor = Constructor("")
        parser = Loader(text)
        self._next = parser.get_event
        try:
            self.data = self._document()
        except yaml.YAMLError as exc:
            raise syntax_error(exc) from exc
        finally:
            parser.dispose()

    def _document(self) -> Any:
        self._next()  # StreamStart
        if isinstance(self._next(), yaml.StreamEndEvent):
            return None
        data = self._value(self._next(), (), 0)
        self._next()  # DocumentEnd
        if not isinstance(self._next(), yaml.StreamEndEvent):
            raise Unusual  # a second document: the composer reports it
        return data

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if event.anchor is not None or (tag is not None and tag != "!" and tag != _STR):
            raise Unusual
        value = event.value
        if not event.implicit[0] or tag == _STR or (value and value[0] not in _RESOLVERS):
            return value  # quoted, or plain text no resolver starts with (Thai names): a string
        try:
            return self._plain[value]
        except KeyError:
            resolved = self._plain[value] = scalar_value(event, self._constructor)
            return resolved

    def _value(self, event: Any, path: Path_, depth: int) -> Any:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self._scalar(event)
        if kind is yaml.AliasEvent or event.anchor is not None or event.tag not in _CONTAINER_TAGS:
            raise Unusual
        get, scalar = self._next, yaml.ScalarEvent
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            while type(item := get()) is not yaml.SequenceEndEvent:
                if depth == 0:
                    self.item_lines[(len(items),)] = item.start_mark.line + 1
                if type(item) is scalar:  # a scalar has no path of its own to report: no tuple, no call
                    items.append(self._scalar(item))
                else:
                    items.append(self._value(item, (*path, len(items)), depth + 1))
            return items
        result: dict[Any, Any] = {}
        while type(key_event := get()) is not yaml.MappingEndEvent:
            if type(key_event) is not scalar:
                raise Unusual
            key = self._scalar(key_event)
            if type(key) is not str:
                key = mapping_key(key)
            if key in result:
                self.duplicates.append(((*path, key), key_event.start_mark.line + 1))  # type: ignore[union-attr]
            if depth <= 1 and (depth == 0 or key == "id"):
                self.item_lines[(*path, key)] = key_event.start_mark.line + 1  # type: ignore[union-attr]
            value = get()
            result[key] = self._scalar(value) if type(value) is scalar else self._value(value, (*path, key), depth + 1)
        return result
