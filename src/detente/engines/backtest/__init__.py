"""Backtesting: every engine scored against what happened in recorded negotiations.

Scenarios with an ``outcome`` section (written as of a date before the outcome) are given to
the engines without that section; their predictions — a deal or not, its probability, the
agreed package — are scored against the record beside naive baselines (:mod:`.scoring`,
:mod:`.baselines`, :mod:`.predict`, :mod:`.run`).
"""

from detente.engines.backtest.baselines import midpoint_package, status_quo_package
from detente.engines.backtest.predict import ENGINES, Prediction, blind
from detente.engines.backtest.run import (
    METHODS,
    Backtest,
    CaseResult,
    MethodScore,
    MethodSummary,
    Settings,
    backtest,
    backtest_case,
)
from detente.engines.backtest.scoring import IssueScore, brier, option_distance, score_terms

__all__ = [
    "ENGINES",
    "METHODS",
    "Backtest",
    "CaseResult",
    "IssueScore",
    "MethodScore",
    "MethodSummary",
    "Prediction",
    "Settings",
    "backtest",
    "backtest_case",
    "blind",
    "brier",
    "midpoint_package",
    "option_distance",
    "score_terms",
    "status_quo_package",
]
