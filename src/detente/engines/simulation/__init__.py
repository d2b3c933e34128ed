"""Negotiation simulation: protocols, strategies, events and reproducible Monte Carlo sweeps."""

from detente.engines.simulation.domain import Domain, build_domain
from detente.engines.simulation.game import Negotiation
from detente.engines.simulation.protocols import BatchResult, SimulationConfig, run_batch
from detente.engines.simulation.registry import StrategySpec, parse_strategy

__all__ = [
    "BatchResult",
    "Domain",
    "Negotiation",
    "SimulationConfig",
    "StrategySpec",
    "build_domain",
    "parse_strategy",
    "run_batch",
]
