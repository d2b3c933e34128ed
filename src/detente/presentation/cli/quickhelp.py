"""``detente``, ``detente --help`` and ``detente --version`` without loading any command.

The root help lists each command with its help text. Importing the command modules loads
NumPy, pydantic and the engines (about half a second); the root help needs only each command's
name and docstring, which are read here from the modules' source with :mod:`ast`: the
``register`` function's ``app.command(NAME)(FUNCTION)`` and ``app.add_typer(TYPER, name=NAME)``
calls, the function's docstring, the group's ``typer.Typer(help=...)``. Stub commands with
those names and help texts make the same help page (``tests/test_cli_small_cuts.py`` compares
it with the full application's).
"""

from __future__ import annotations

import ast
from importlib import resources

import typer

from detente.presentation.cli.root import COMMAND_MODULES, new_app

__all__ = ["QUICK_ARGUMENTS", "quick_app"]

#: Argument lists answered without loading the commands.
QUICK_ARGUMENTS: tuple[list[str], ...] = ([], ["--help"], ["--version"])


def _source(module: str) -> ast.Module:
    text = resources.files("detente.presentation.cli").joinpath(f"{module}.py").read_text("utf-8")
    return ast.parse(text)


def _typer_helps(tree: ast.Module) -> dict[str, str]:
    """``NAME = typer.Typer(help="...")`` assignments: name -> help."""
    helps = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for keyword in node.value.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                    helps[ast.unparse(node.targets[0])] = str(keyword.value.value)
    return helps


def _text(node: ast.expr) -> str:
    """The string of a literal (``ast.literal_eval``)."""
    return str(ast.literal_eval(node))


def _entries(tree: ast.Module) -> list[tuple[str, str, bool]]:
    """(command name, help text, is a group) for each registration in ``register``."""
    docs = {
        node.name: ast.get_docstring(node) or ""
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }
    groups = _typer_helps(tree)
    register = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "register")
    entries = []
    for node in ast.walk(register):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr == "add_typer":
            literal = next(k.value for k in node.keywords if k.arg == "name")
            entries.append((_text(literal), groups[ast.unparse(node.args[0])], True))
        elif isinstance(node.func, ast.Call) and ast.unparse(node.func.func) == "app.command":
            function = ast.unparse(node.args[0])
            named = node.func.args
            name = _text(named[0]) if named else function.replace("_", "-")
            entries.append((name, docs[function], False))
    return entries


def _stub() -> None:
    """Never run: the quick application only prints help."""


def quick_app() -> typer.Typer:
    """The root application with stub commands of the same names and help texts."""
    app = new_app()
    for module in COMMAND_MODULES:
        for name, text, group in _entries(_source(module)):
            if group:
                sub = typer.Typer(help=text)
                sub.command("_")(_stub)
                app.add_typer(sub, name=name)
            else:
                app.command(name, help=text)(_stub)
    return app
