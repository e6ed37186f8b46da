"""MkDocs' private and undocumented APIs are used in one module only: a move starts there."""

from __future__ import annotations

import ast
from collections.abc import Callable

from .conftest import REPO

PRIVATE_MODULE = "site/mkdocs_private.py"

PRIVATE_IMPORTS = {
    ("mkdocs.commands.build", "_build_page"),
    ("mkdocs.commands.build", "build"),
    ("mkdocs.utils", "CountHandler"),
    ("mkdocs.livereload", "LiveReloadServer"),
    ("mkdocs.structure.toc", "TableOfContents"),
    ("mkdocs.structure.toc", "AnchorLink"),
}
"""Names imported from MkDocs that are private (``_build_page``) or not documented as an API."""


def _imports_private(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom) and node.level == 0:
        return any((node.module, alias.name) in PRIVATE_IMPORTS for alias in node.names)
    if isinstance(node, ast.Import):
        return any(
            alias.name.startswith(("mkdocs.commands", "mkdocs.livereload")) for alias in node.names
        )
    return False


def _attribute(node: ast.AST, *names: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in names


def _assigned(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target]
    return []


USES: dict[str, Callable[[ast.AST], bool]] = {
    "a private or undocumented import": _imports_private,
    "MkDocsConfig built by hand": lambda node: (
        isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "MkDocsConfig")
            or _attribute(node.func, "load_dict")
        )
    ),
    "a plugin attached after validation": lambda node: any(
        isinstance(target, ast.Subscript) and _attribute(target.value, "plugins")
        for target in _assigned(node)
    ),
    "theme folders changed after validation": lambda node: (
        isinstance(node, ast.Call)
        and _attribute(node.func, "insert")
        and _attribute(node.func.value, "dirs")
    ),  # type: ignore[attr-defined]
    "a table of contents set by hand": lambda node: any(
        _attribute(target, "toc") for target in _assigned(node)
    ),
    "the empty template MkDocs does not write": lambda node: (
        isinstance(node, ast.Constant) and node.value == "ck-skip.html"
    ),
}


def test_private_mkdocs_apis_are_used_in_one_module_only() -> None:
    package = REPO / "generator"
    found: dict[str, set[str]] = {use: set() for use in USES}
    for source in package.rglob("*.py"):
        name = source.relative_to(package).as_posix()
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            for use, matches in USES.items():
                if matches(node):
                    found[use].add(name)
    assert found == {use: {PRIVATE_MODULE} for use in USES}
