"""A line reader for venue files in their usual shape, several times faster than libyaml's events.

The shape `flask content import` writes and officers keep: a list of mappings, one `key: value` per line, lists
either `[a, b]` on the line or `- item` lines under their key. Anything else (quotes with escapes, values over
several lines, anchors, tabs, a repeated key…) returns None, and the full parser reads the file instead.
"""

from __future__ import annotations

import re
from typing import Any

from bot.catalog.yaml_read import Constructor, Path_, mapping_key, resolve_plain

# Characters libyaml reads as line breaks or refuses, tabs, and a byte-order mark: the full parser's business.
_UNUSUAL_TEXT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_LINE = re.compile(r"(- |  |    - |      )([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$")
_BLANK = re.compile(r" *(?:#.*)?$")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_REST = re.compile(r"(?: +#.*| *)$")  # what may follow a value on its line: spaces, a comment
_FLOW_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@` ][^,\[\]{}#:]*")
_FLOW_GAP = re.compile(r" *")


_NOTHING = object()


class _Unsupported(Exception):
    """The file is not in the plain shape: the full parser reads it."""


class PlainRead:
    """Data and the lines of items and ids of a file in the plain shape; `data` is None for any other file."""

    def __init__(self, text: str):
        self.item_lines: dict[Path_, int] = {}
        self._plain: dict[str, Any] = {}
        self._keys: dict[str, Any] = {}
        self._flows: dict[str, Any] = {}  # `[a, b]` texts repeat (topics, hours): parsed once, copied after
        self._constructor: Constructor | None = None
        try:
            self.data: Any = self._read(text)
            self.ok = True
        except _Unsupported:
            self.data, self.ok = None, False

    def _read(self, text: str) -> Any:
        if _UNUSUAL_TEXT.search(text):
            raise _Unsupported
        items: list[dict[Any, Any]] = []
        item: dict[Any, Any] = {}
        nested: list[Any] | None = None  # the block list being filled, under an item's key with no value
        nested_item: dict[Any, Any] | None = None  # its current mapping element
        pending: Any = _NOTHING  # an item key whose value is on the following lines (or null)
        for number, line in enumerate(text.split("\n"), start=1):
            match = _LINE.match(line)
            if match is None or match[1] == "    - ":
                if match is None and _BLANK.match(line):
                    continue
                if not line.startswith("    - ") or (pending is _NOTHING and nested is None):
                    raise _Unsupported  # also a list item under a key that has a value
                if nested is None:
                    nested = item[pending] = []
                    pending = _NOTHING
                if match is None:
                    nested_item = None
                    nested.append(self._value(line[6:]))
                else:
                    nested_item = {}
                    nested.append(nested_item)
                    self._put(nested_item, match[2], match[3])
                continue
            indent, key, value = match[1], match[2], match[3]
            if indent == "      ":
                if nested_item is None:
                    raise _Unsupported
                self._put(nested_item, key, value)
                continue
            nested = nested_item = None
            pending = _NOTHING  # a `key:` with nothing under it is null, as already stored
            if indent == "- ":
                item = {}
                self.item_lines[(len(items),)] = number
                items.append(item)
            elif not items:
                raise _Unsupported
            key = self._key(key)
            if key in item:
                raise _Unsupported  # a repeated key: the full parser reports it
            if key == "id":
                self.item_lines[(len(items) - 1, "id")] = number
            if value is None or value == "" or value[0] == "#":
                item[key], pending = None, key
            else:
                item[key] = self._value(value)
        return items or None

    def _put(self, mapping: dict[Any, Any], key: str, value: str | None) -> None:
        key = self._key(key)
        if key in mapping or value is None or value == "" or value.startswith("#"):
            raise _Unsupported  # a nested key with its value below it, or repeated
        mapping[key] = self._value(value)

    def _key(self, key: str) -> Any:
        try:
            return self._keys[key]
        except KeyError:
            resolved = self._keys[key] = mapping_key(self._resolve(key))
            return resolved

    def _resolve(self, plain: str) -> Any:
        try:
            return self._plain[plain]
        except KeyError:
            if self._constructor is None:
                self._constructor = Constructor("")
            value = self._plain[plain] = resolve_plain(plain, self._constructor)
            return value

    def _value(self, text: str) -> Any:
        first = text[:1]
        if first == "[" or first == "{":
            if text not in self._flows:
                value, end = self._flow(text, 0)
                if not _REST.match(text, end):
                    raise _Unsupported
                self._flows[text] = value
            value = self._flows[text]
            if isinstance(value, dict):
                return dict(value)
            return [dict(v) if isinstance(v, dict) else v for v in value]
        if first == "'" or first == '"':
            value, end = self._quoted(text, 0)
            if not _REST.match(text, end):
                raise _Unsupported
            return value
        if not first or first in _INDICATORS:
            raise _Unsupported
        cut = text.find(" #")
        plain = (text if cut < 0 else text[:cut]).rstrip(" ")
        if ": " in plain or plain.endswith(":"):
            raise _Unsupported
        return self._resolve(plain)

    def _quoted(self, text: str, at: int) -> tuple[str, int]:
        match = (_SINGLE if text[at] == "'" else _DOUBLE).match(text, at)
        if match is None:
            raise _Unsupported
        return (match[1].replace("''", "'") if text[at] == "'" else match[1]), match.end()

    def _flow(self, text: str, at: int) -> tuple[Any, int]:
        """A flow list or mapping of scalars (one level of nesting inside a list) starting at `at`."""
        closing = "]" if text[at] == "[" else "}"
        result: Any = [] if closing == "]" else {}
        at = _FLOW_GAP.match(text, at + 1).end()  # type: ignore[union-attr]
        if text.startswith(closing, at):
            return result, at + 1
        while True:
            if closing == "]" and text.startswith("{", at):
                value, at = self._flow(text, at)
                result.append(value)
            else:
                scalar, at = self._flow_scalar(text, at)
                if closing == "]":
                    result.append(scalar)
                else:
                    if not text.startswith(": ", at):
                        raise _Unsupported
                    key = mapping_key(scalar)
                    value, at = self._flow_scalar(text, _FLOW_GAP.match(text, at + 2).end())  # type: ignore[union-attr]
                    if key in result:
                        raise _Unsupported
                    result[key] = value
            at = _FLOW_GAP.match(text, at).end()  # type: ignore[union-attr]
            if text.startswith(closing, at):
                return result, at + 1
            if not text.startswith(", ", at):
                raise _Unsupported
            at = _FLOW_GAP.match(text, at + 2).end()  # type: ignore[union-attr]
            if text.startswith(closing, at):
                raise _Unsupported  # a trailing comma

    def _flow_scalar(self, text: str, at: int) -> tuple[Any, int]:
        if text.startswith(("'", '"'), at):
            return self._quoted(text, at)
        match = _FLOW_PLAIN.match(text, at)
        if match is None:
            raise _Unsupported
        plain = match[0].rstrip(" ")
        return self._resolve(plain), at + len(plain)
