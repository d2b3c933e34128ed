"""Imports flow downward only: the layers of the README's "How the code is organised".

Every ``import`` and ``from ... import`` of every module under ``src/detente`` (at module level
or inside a function: both bind the layers together) is read with :mod:`ast` and checked
against the layer map below, derived from the README:

- ``detente._version``, ``detente.errors``, ``detente.documents``, ``detente.notebook``,
  ``detente.data``: the base, importable from anywhere;
- ``model``: the scenario as typed data; the base only;
- ``interop`` (GENIUS readers) and ``evidence`` (articles, store, timeline): the model;
- ``engines`` core (``space``, ``masks``, ``compile``, ``uncertainty``, ``statistics``,
  ``overrides``): the model; then one package per engine over the core, the simulation and
  the phasing engines also reading the analysis engine, the backtest reading every engine;
- ``detente.api`` (the front doors): the engines, interop, evidence and what they read;
- ``presentation``: anything below the package's root (the front doors included);
- ``detente`` itself (the public API): anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
BASE = {
    "detente._version",
    "detente.errors",
    "detente.documents",
    "detente.notebook",
    "detente.data",
}
CORE = {
    "detente.engines",
    "detente.engines.space",
    "detente.engines.masks",
    "detente.engines.compile",
    "detente.engines.uncertainty",
    "detente.engines.statistics",
    "detente.engines.overrides",
    "detente.engines.kernel",
    "detente.engines.nash",
    "detente.engines.limits",
}
MODEL = {"detente.model"}
ANALYSIS = {"detente.engines.analysis"}

#: Layer name -> the layers (module prefixes) a module of it may import, besides its own.
ALLOWED: dict[str, set[str]] = {
    "base": BASE,
    "model": BASE | MODEL,
    "interop": BASE | MODEL,
    "evidence": BASE | MODEL,
    "core": BASE | MODEL | CORE,
    "analysis": BASE | MODEL | CORE,
    "forecast": BASE | MODEL | CORE | ANALYSIS,  # the negotiation forecast reads acceptability
    "issuetable": BASE | MODEL | CORE | {"detente.engines.forecast"},
    "backtest": BASE | MODEL | CORE | {"detente.engines."},  # scores every engine
    "simulation": BASE | MODEL | CORE | ANALYSIS,
    "phasing": BASE | MODEL | CORE | ANALYSIS,
    "api": BASE | MODEL | CORE | {"detente.engines.", "detente.interop", "detente.evidence"},
    "presentation": {"detente."},  # everything below the package's root (front doors included)
    "root": {"detente"},
}


def _layer(module: str) -> tuple[str, str]:
    """The layer of ``module`` and the prefix its own imports may always use."""
    parts = module.split(".")
    if module == "detente":
        return "root", "detente"
    if module == "detente.api":
        return "api", module
    top = ".".join(parts[:2])
    if top in BASE:
        return "base", top
    if top in ("detente.model", "detente.interop", "detente.evidence", "detente.presentation"):
        return parts[1], top
    engine = ".".join(parts[:3])
    if engine in CORE or len(parts) < 3:
        return "core", "detente.engines.__core__"
    return parts[2], engine


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted((SRC / "detente").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "detente":  # ``from detente import x``: a submodule, or the root's name
                found += [(node.lineno, _submodule_or_root(alias.name)) for alias in node.names]
            else:
                found.append((node.lineno, base))
    return [(line, name) for line, name in found if name.split(".")[0] == "detente"]


def _submodule_or_root(name: str) -> str:
    package = SRC / "detente"
    exists = (package / name).is_dir() or (package / f"{name}.py").is_file()
    return f"detente.{name}" if exists else "detente"


def _allowed(target: str, layer: str, own: str) -> bool:
    if target == own or target.startswith(own + "."):
        return True
    if layer == "core" and target in CORE:
        return True
    prefixes = ALLOWED[layer]
    if target == "detente.engines":  # the package itself, not every engine below it
        return "detente.engines" in prefixes or layer in ("presentation", "root")
    prefixes = prefixes - {"detente.engines"}
    return any(target == p or target.startswith(p.rstrip(".") + ".") for p in prefixes)


def upward_imports() -> list[str]:
    """``file:line: module imports target`` for every import against the layer map."""
    problems = []
    for module, path in _modules():
        layer, own = _layer(module)
        for line, target in _imports(path, module):
            if not _allowed(target, layer, own):
                rel = path.relative_to(SRC)
                problems.append(f"{rel}:{line}: {module} ({layer}) imports {target}")
    return problems


def test_imports_flow_downward() -> None:
    assert upward_imports() == []


def test_the_check_sees_every_layer() -> None:
    layers = {_layer(module)[0] for module, _ in _modules()}
    assert layers >= {"base", "model", "interop", "evidence", "core", "api", "presentation", "root"}
    assert layers >= {"analysis", "forecast", "simulation", "phasing"}


@pytest.mark.parametrize(
    ("layer", "own", "target", "ok"),
    [
        ("model", "detente.model", "detente.engines.compile", False),
        ("model", "detente.model", "detente.errors", True),
        ("core", "detente.engines.__core__", "detente.engines.analysis.pareto", False),
        ("core", "detente.engines.__core__", "detente.engines.space", True),
        ("analysis", "detente.engines.analysis", "detente.engines.simulation", False),
        ("simulation", "detente.engines.simulation", "detente.engines.analysis.pareto", True),
        ("evidence", "detente.evidence", "detente.interop", False),
        ("analysis", "detente.engines.analysis", "detente.presentation.cli", False),
        ("analysis", "detente.engines.analysis", "detente._version", True),
        ("analysis", "detente.engines.analysis", "detente", False),
        ("presentation", "detente.presentation", "detente.engines.compile", True),
        ("presentation", "detente.presentation", "detente.api", True),
        ("presentation", "detente.presentation", "detente", False),
        ("api", "detente.api", "detente.engines.simulation.runs", True),
        ("api", "detente.api", "detente.presentation.cli", False),
        ("backtest", "detente.engines.backtest", "detente.engines.phasing.finals", True),
        ("backtest", "detente.engines.backtest", "detente.api", False),
        ("backtest", "detente.engines.backtest", "detente.presentation.views", False),
    ],
)
def test_the_rule(layer: str, own: str, target: str, ok: bool) -> None:
    assert _allowed(target, layer, own) is ok


def test_the_readme_names_every_layer_the_check_uses() -> None:
    readme = (SRC.parent / "README.md").read_text("utf-8")
    block = readme.split("## How the code is organised", 1)[1].split("```")[1]
    packages = {p.name for p in (SRC / "detente").iterdir() if p.is_dir() and p.name[0] != "_"}
    modules = {p.name for p in (SRC / "detente").glob("*.py") if p.name != "__init__.py"}
    engines = {p.name for p in (SRC / "detente" / "engines").iterdir() if p.is_dir()}
    core = {m.rsplit(".", 1)[1] + ".py" for m in CORE if m != "detente.engines"}
    for name in packages - {"__pycache__"}:
        assert f"{name}/" in block, name
    for name in modules | core:
        assert name in block, name
    for name in engines - {"__pycache__"}:
        assert f"{name}/" in block, name
