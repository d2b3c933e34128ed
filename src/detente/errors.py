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

__all__ = ["DetenteError"]


class DetenteError(Exception):
    """Any error detente raises on purpose, with a message meant for the analyst."""
