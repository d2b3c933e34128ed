"""Every variant of the expected-utility model as a named option, with presets.

The spec (``forecast.md`` §8) lists where published and open implementations of the Bueno de
Mesquita (BDM) expected-utility model disagree. Each disagreement is a field of
:class:`BdmOptions`. The defaults are the spec's cleaner reading; the presets reproduce the two
open reference implementations:

``scholz-jmckib``
    jmckib/bdm-scholz-expected-utility-model (2014), "faithful to Scholz' code": global
    probability normaliser, voters' distances raised to their own risk exponent, risk across
    actors, evaluator's exponent for both sides, Scholz's compromise key, the unreachable
    capitulation branch, and the median found by a sequential scan in set order.
``masad``
    dmasad/BDM_DecisionModel_Replication (2014): net probability, each actor's own exponent,
    μ = mean in the second pass, offers chosen by the sender's largest expected utility, and the
    median as the argmax over pair vote totals.

Examples
--------
>>> options = parse_options(["probability=net", "Q=0.5"])
>>> options.probability, options.Q
('net', 0.5)
>>> preset("masad").offer_rule
'max_eu'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from detente.engines.forecast.errors import ForecastError

__all__ = [
    "CHOICES",
    "PRESETS",
    "BdmOptions",
    "OptionError",
    "parse_options",
    "preset",
]

Probability = Literal["pair", "net", "global"]
VoteRisk = Literal["linear", "actor"]
RiskBasis = Literal["across", "own"]
Mu = Literal["median", "mean"]
Perspective = Literal["evaluator", "own"]
OfferRule = Literal["scholz", "max_eu"]
CompromiseKey = Literal["closest", "scholz"]
Capitulation = Literal["abs_a", "never"]
OfferTies = Literal["strongest", "first"]
MedianRule = Literal["lower", "upper", "scan", "argmax"]
RangeBasis = Literal["initial", "current"]


@dataclass(frozen=True)
class BdmOptions:
    """The variant choices of the BDM expected-utility model (spec §8).

    Attributes
    ----------
    probability
        §3: ``pair`` (Σ_k max(0, g_k) / Σ_k |g_k|, so P_i(j) + P_j(i) = 1), ``net``
        (max(0, Σ_k g_k) / Σ_k |g_k|, dmasad) or ``global`` (denominator over all ordered pairs,
        Scholz as coded by jmckib).
    vote_risk
        Whether third parties' distances in the probability are linear (spec §3) or raised to
        the voter's own risk exponent, as jmckib's ``compare`` does.
    risk_basis
        §5: S_max and S_min ``across`` actors (Scholz as coded) or over the actor's ``own``
        alternative positions (BDM's stated intent per jmckib).
    Q, T
        Probability that the status quo persists unchallenged; probability that an
        unchallenged change is an improvement (§4). With Q = 1, T and ``mu`` drop out.
    mu
        The μ of U_b and U_w in the second pass: the round's median or its weighted mean.
    perspective
        §4: ``evaluator`` (i uses r_i for j's utilities too) or ``own`` (each side's own r).
    offer_rule
        §6: ``scholz`` (conflict, else compromise, else capitulation; smallest move within a
        class) or ``max_eu`` (the offer with the sender's largest EU, ties to the closest).
    compromise_key
        Choice among compromises under ``scholz``: ``closest`` (smallest move) or ``scholz``
        (the key (|a| x_i + |b| x_j)/(|a|+|b|), Scholz's code as copied by jmckib).
    capitulation
        ``abs_a``: i capitulates when b > 0 > a and b < |a|; ``never``: jmckib's unreachable test.
    offer_ties
        Among equally good offers (same move, or same sender EU and distance): ``strongest``
        takes the one with the largest b = EU_j(i), then the lowest position, so that the result
        does not depend on how actors are listed; ``first`` takes the first actor in table order
        (both reference codes, via Python's ``min``).
    median_rule
        Tie rule of the Condorcet median: ``lower`` or ``upper`` of the tied winners; ``scan``
        (jmckib's sequential scan in CPython set order) and ``argmax`` (dmasad's argmax over pair
        totals) reproduce the reference codes only.
    range_basis
        R from the ``initial`` positions (held fixed) or the ``current`` ones each round.
    epsilon, K, max_rounds
        Stop when max_i |Δx_i| / R < epsilon for K rounds running, on a cycle, or after
        max_rounds rounds (§7).
    """

    probability: Probability = "pair"
    vote_risk: VoteRisk = "linear"
    risk_basis: RiskBasis = "own"
    Q: float = 1.0
    T: float = 1.0
    mu: Mu = "median"
    perspective: Perspective = "evaluator"
    offer_rule: OfferRule = "scholz"
    compromise_key: CompromiseKey = "closest"
    capitulation: Capitulation = "abs_a"
    offer_ties: OfferTies = "strongest"
    median_rule: MedianRule = "lower"
    range_basis: RangeBasis = "initial"
    epsilon: float = 1e-6
    K: int = 2
    max_rounds: int = 100

    def __post_init__(self) -> None:
        for name, choices in CHOICES.items():
            if getattr(self, name) not in choices:
                raise OptionError(f"{name} must be one of {', '.join(choices)}")
        if not (0.0 <= self.Q <= 1.0 and 0.0 <= self.T <= 1.0):
            raise OptionError("Q and T must lie in [0, 1]")
        if not self.epsilon > 0 or self.K < 1 or self.max_rounds < 0:
            raise OptionError("epsilon must be > 0, K >= 1 and max_rounds >= 0")

    def as_dict(self) -> dict[str, Any]:
        """The options as a plain mapping (for JSON output and reports)."""
        return dataclasses.asdict(self)


class OptionError(ForecastError):
    """An unknown option, or a value it cannot take; the message names the valid ones."""


#: The valid values of every categorical option.
CHOICES: dict[str, tuple[str, ...]] = {
    "probability": ("pair", "net", "global"),
    "vote_risk": ("linear", "actor"),
    "risk_basis": ("across", "own"),
    "mu": ("median", "mean"),
    "perspective": ("evaluator", "own"),
    "offer_rule": ("scholz", "max_eu"),
    "compromise_key": ("closest", "scholz"),
    "capitulation": ("abs_a", "never"),
    "offer_ties": ("strongest", "first"),
    "median_rule": ("lower", "upper", "scan", "argmax"),
    "range_basis": ("initial", "current"),
}

PRESETS: dict[str, BdmOptions] = {
    "default": BdmOptions(),
    "scholz-jmckib": BdmOptions(
        probability="global",
        vote_risk="actor",
        risk_basis="across",
        perspective="evaluator",
        offer_rule="scholz",
        compromise_key="scholz",
        capitulation="never",
        offer_ties="first",
        median_rule="scan",
    ),
    "masad": BdmOptions(
        probability="net",
        vote_risk="linear",
        risk_basis="across",
        mu="mean",
        perspective="own",
        offer_rule="max_eu",
        offer_ties="first",
        median_rule="argmax",
    ),
}


def preset(name: str) -> BdmOptions:
    """The options of preset ``name`` (OptionError naming the presets if unknown)."""
    if name not in PRESETS:
        raise OptionError(f"unknown preset {name!r}; presets: {', '.join(PRESETS)}")
    return PRESETS[name]


def _convert(key: str, text: str) -> Any:
    if key in CHOICES:
        if text not in CHOICES[key]:
            raise OptionError(f"{key}={text!r}: expected one of {', '.join(CHOICES[key])}")
        return text
    kind = int if key in ("K", "max_rounds") else float
    try:
        return kind(text)
    except ValueError:
        what = "an integer" if kind is int else "a number"
        raise OptionError(f"{key}={text!r}: expected {what}") from None


def parse_options(items: Iterable[str], base: BdmOptions | None = None) -> BdmOptions:
    """Apply ``KEY=VALUE`` strings to ``base`` (the defaults when None).

    Raises
    ------
    OptionError
        For a malformed item, an unknown key (the message lists the keys) or a bad value.
    """
    fields = {f.name for f in dataclasses.fields(BdmOptions)}
    changes: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise OptionError(f"{item!r}: expected KEY=VALUE")
        if key not in fields:
            raise OptionError(f"unknown option {key!r}; options: {', '.join(sorted(fields))}")
        changes[key] = _convert(key, value)
    return dataclasses.replace(base or BdmOptions(), **changes)
