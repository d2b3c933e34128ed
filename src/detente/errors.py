"""The root of every error detente raises on purpose: :class:`DetenteError`.

Catch :class:`DetenteError` to catch any of them; each subclass lives beside the code that
raises it and keeps the built-in base it had (``ValueError``, ``RuntimeError``) so that older
``except`` clauses still work. Messages speak of the model and the input (a file and line, a
path in the scenario, an issue or option id), never of command-line flags: the command line
adds its own hints.

==========================  ========================================================
class                       raised when
==========================  ========================================================
``YamlError``               text is not a readable YAML document (:mod:`detente.model`)
``ScenarioError``           a scenario does not load; carries every located diagnostic
``ConditionError``          a condition does not parse or names something unknown
``InteropError``            a GENIUS / GeniusWeb file cannot be read (``NoProfilesError``)
``TextError``               an article cannot be read as text (:mod:`detente.evidence`)
``PipelineError``           an NLP pipeline asked for is not installed
``StoreError``              an evidence database cannot be opened
``SpaceTooLargeError``      an outcome space is larger than the caller's limit
``OverrideError``           a what-if names no parameter or red line of the scenario
``ForecastError``           a forecast request the model cannot answer (``OptionError``,
                            ``ActorTableError``)
``SimulationError``         a simulation configuration the engine cannot run
``PhasingError``            a phased-deal request that cannot be answered
                            (``FinalSpecError``, ``LatticeTooLargeError``)
``MissingExtraError``       a feature needs an optional extra that is not installed
                            (:func:`require_extra`)
==========================  ========================================================

Examples
--------
>>> import detente
>>> from detente.errors import DetenteError
>>> try:
...     detente.load_scenario("no/such/file.yaml")
... except DetenteError as error:
...     print(type(error).__name__)
ScenarioError
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

__all__ = ["DetenteError", "MissingExtraError", "require_extra"]


class DetenteError(Exception):
    """Any error detente raises on purpose, with a message meant for the analyst."""


class MissingExtraError(DetenteError, ImportError):
    """A feature needs a module of an optional extra (``pip install 'detente[EXTRA]'``)."""


def require_extra(extra: str, modules: Iterable[str], feature: str) -> None:
    """Check that every module of ``modules`` imports, or name the extra that installs it.

    Parameters
    ----------
    extra
        The name of the extra in ``pyproject.toml`` (``report``, ``web``, ``sim``, ...).
    modules
        The top-level modules the feature imports.
    feature
        What needs them, as the analyst calls it (``"the report"``).

    Raises
    ------
    MissingExtraError
        Naming the feature, the extra, the pip command and the missing modules.

    Examples
    --------
    >>> require_extra("core", ["json"], "this example")
    >>> try:
    ...     require_extra("x", ["no_such_mod"], "it")
    ... except MissingExtraError as error:
    ...     print(error)
    it needs the 'x' extra: pip install 'detente[x]' (missing: no_such_mod)
    """
    missing = []
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtraError(
            f"{feature} needs the {extra!r} extra: pip install 'detente[{extra}]' "
            f"(missing: {', '.join(missing)})"
        )
