"""Forecasting: the Bueno de Mesquita expected-utility group decision model and baselines.

Modules: :mod:`.actors` (actor tables, CSV), :mod:`.options` (every variant of spec §8 and
the presets), :mod:`.votes` (median, mean, win probabilities), :mod:`.utility` (expected
utility, risk exponents), :mod:`.rounds` (one vectorised round), :mod:`.bdm` (the run and its
stop rule), :mod:`.baselines` (§10), :mod:`.scenario` (forecasts from a scenario, with
uncertainty) and :mod:`.explain` (plain-words explanations).
"""

from detente.engines.forecast.actors import ActorTable, ActorTableError, load_actors_csv
from detente.engines.forecast.baselines import Baselines, compute_baselines
from detente.engines.forecast.bdm import BdmRun, run_bdm
from detente.engines.forecast.explain import explain_issue
from detente.engines.forecast.options import BdmOptions, OptionError, parse_options, preset
from detente.engines.forecast.scenario import IssueForecast, ScenarioForecast, forecast_scenario

__all__ = [
    "ActorTable",
    "ActorTableError",
    "Baselines",
    "BdmOptions",
    "BdmRun",
    "IssueForecast",
    "OptionError",
    "ScenarioForecast",
    "compute_baselines",
    "explain_issue",
    "forecast_scenario",
    "load_actors_csv",
    "parse_options",
    "preset",
    "run_bdm",
]
