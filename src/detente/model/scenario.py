"""The scenario: one negotiation case as typed, validated data.

Every concept of the design (party, issue, preference, posture, definition, event, evidence,
uncertainty) is a pydantic model here. Field-level checks (types, ranges, unknown keys) are
pydantic's; checks that span the scenario (references, duplicate ids, conditions) live in
:mod:`detente.model.checks`, so that every problem is reported at once.

This layer knows nothing of NumPy, the engines or the command line.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ID_PATTERN",
    "Definition",
    "Dispute",
    "Distribution",
    "Effect",
    "Event",
    "Evidence",
    "Feasibility",
    "Issue",
    "Linkage",
    "Meaning",
    "Metadata",
    "NumericRange",
    "Option",
    "Outcome",
    "Party",
    "Person",
    "Posture",
    "Preferences",
    "Process",
    "RedLine",
    "Scenario",
    "Source",
    "Statement",
    "Uncertainty",
]

#: Ids that the condition language can name: identifiers, or plain numbers for numeric options.
ID_PATTERN = r"^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?)$"

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Text = Annotated[str, Field(max_length=20_000)]
#: The largest magnitude of a weight, a change or a distribution bound: far beyond any
#: meaningful judgment, small enough that sums and differences of them stay finite.
MAX_MAGNITUDE = 1e6
#: The largest magnitude of a numeric issue's bounds (its option ids stay short and distinct).
MAX_NUMERIC = 1e12
Magnitude = Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]


class Strict(BaseModel):
    """Base for every scenario model: unknown keys are errors, values are validated."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, allow_inf_nan=False
    )


class Metadata(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=80)]
    title: str
    as_of: dt.date
    summary: Text = ""
    judgment_note: Text = Field(
        "",
        description="What in the scenario is judgment rather than fact (weights, values, ...).",
    )


class Person(Strict):
    name: str
    title: str = ""
    aliases: list[str] = Field(default_factory=list)


Commitment = Literal[
    "public", "leader", "repeated", "costly_signal", "walkout", "legal", "domestic_audience"
]


class RedLine(Strict):
    """A hard constraint of a party: outcomes violating ``condition`` are unacceptable to it.

    ``credibility`` is the judged probability that the line holds at the table (1: a wall; 0: a
    posture that will bend); ``commitment`` lists the evidence of firmness the judgment rests
    on (public commitment and audience costs, repetition by the top leader, costly signals,
    past walk-outs, legal or domestic constraints).
    """

    id: Id
    condition: str
    text: Text = ""
    evidence: list[str] = Field(default_factory=list)
    credibility: Unit = 1.0
    commitment: list[Commitment] = Field(default_factory=list)


class Linkage(Strict):
    """An interaction term: ``bonus`` (negative for a penalty) is added when ``condition`` holds."""

    id: Id
    condition: str
    bonus: Annotated[float, Field(ge=-1.0, le=1.0)]
    text: Text = ""


ValueShape = Literal["increasing", "decreasing"]


class Preferences(Strict):
    """A party's utility: ``u(o) = sum_i w_i v_i(o_i) + sum_l bonus_l [cond_l(o)]``.

    ``values`` gives, per issue, a value in [0, 1] for each option, or the shorthand
    ``increasing`` / ``decreasing`` (linear in the option's rank). Issues a party does not
    weigh may be left out of ``values`` (their weight must then be 0 or absent).
    ``reservation`` is the utility of no deal (BATNA).
    """

    weights: dict[str, Annotated[float, Field(ge=0.0, le=MAX_MAGNITUDE)]]
    values: dict[str, dict[str, Unit] | ValueShape] = Field(default_factory=dict)
    red_lines: list[RedLine] = Field(default_factory=list)
    linkage: list[Linkage] = Field(default_factory=list)
    reservation: Unit = 0.0


class Party(Strict):
    id: Id
    name: str
    role: Literal["principal", "mediator", "stakeholder"]
    people: list[Person] = Field(default_factory=list)
    capability: Unit = 0.5
    preferences: Preferences | None = None

    @model_validator(mode="after")
    def _principals_have_preferences(self) -> Party:
        if self.role == "principal" and self.preferences is None:
            raise ValueError("a principal needs preferences (weights, values, reservation)")
        return self


class Option(Strict):
    id: Id
    label: str = ""
    description: Text = ""
    reversible: bool = True
    reversal_cost: Unit = 0.0


class NumericRange(Strict):
    """A numeric issue, discretised to ``steps`` evenly spaced options from ``min`` to ``max``."""

    min: Annotated[float, Field(ge=-MAX_NUMERIC, le=MAX_NUMERIC)]
    max: Annotated[float, Field(ge=-MAX_NUMERIC, le=MAX_NUMERIC)]
    steps: Annotated[int, Field(ge=2, le=1000)]
    unit: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> NumericRange:
        if not self.max > self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        ids = [_number_id(v) for v in self.values]
        for before, after in itertools.pairwise(ids):
            if before == after:
                raise ValueError(
                    f"the range {self.min}..{self.max} is too narrow for {self.steps} steps: "
                    f"two options would both be {before!r} (ids keep 6 decimals)"
                )
        return self

    @property
    def values(self) -> list[float]:
        """The ``steps`` evenly spaced numbers from ``min`` to ``max``."""
        span = self.max - self.min
        return [self.min + span * k / (self.steps - 1) for k in range(self.steps)]


class Issue(Strict):
    """A dimension of the deal; ``options`` run from least to most."""

    id: Id
    label: str = ""
    description: Text = ""
    options: list[Option] = Field(default_factory=list)
    numeric: NumericRange | None = None

    @model_validator(mode="after")
    def _options_or_numeric(self) -> Issue:
        if self.numeric is not None and self.options:
            raise ValueError("give either options or numeric, not both")
        if self.numeric is None and len(self.options) < 2:
            raise ValueError("an issue needs at least two options (or a numeric range)")
        return self

    @property
    def option_ids(self) -> list[str]:
        """The ordered option ids, generated from ``numeric`` when the issue is numeric."""
        return [option.id for option in self.ordered_options]

    @property
    def ordered_options(self) -> list[Option]:
        if self.numeric is None:
            return list(self.options)
        r = self.numeric
        return [
            Option(id=_number_id(v), label=f"{_number_id(v)} {r.unit}".strip()) for v in r.values
        ]


def _number_id(value: float) -> str:
    """The option id of a number: 6 decimals at most, ``minus`` for negatives, no ``-0``."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    if text in ("-0", "-0."):
        text = "0"
    return text if not text.startswith("-") else f"minus{text[1:]}".replace(".", "_")


class Feasibility(Strict):
    id: Id
    condition: str
    text: Text = ""


class Posture(Strict):
    """What a party stated at a date, as a condition and/or a partial outcome."""

    id: Id
    party: str
    date: dt.date
    kind: Literal["demand", "offer", "red_line", "priority", "threat", "signal", "hope"]
    condition: str | None = None
    outcome: dict[str, str] = Field(default_factory=dict)
    text: Text
    evidence: list[str] = Field(default_factory=list)


class Meaning(Strict):
    party: str
    condition: str
    text: Text = ""
    evidence: list[str] = Field(default_factory=list)


class Dispute(Strict):
    """The risk that signing the term while reading it differently surfaces later (judgments).

    ``probability`` is the chance that the difference of meanings surfaces during
    implementation; ``cost`` the utility each party then loses (on the scale of its utility,
    0..1). See docs/red-lines-and-ambiguity.md.
    """

    probability: Unit
    cost: Unit
    note: Text = ""


class Definition(Strict):
    """A shared term and each party's meaning of it.

    With ``dispute``, the term may be signed as it stands (an ambiguous agreement, each party
    reading it its own way) at the expected cost ``probability * cost`` to every party.
    """

    id: Id
    term: str
    meanings: list[Meaning] = Field(min_length=1)
    dispute: Dispute | None = None


class Effect(Strict):
    """A change to a numeric parameter (see :mod:`detente.model.parameters` for the paths)."""

    parameter: str
    delta: Magnitude | None = None
    set: Magnitude | None = None

    @model_validator(mode="after")
    def _one_change(self) -> Effect:
        if (self.delta is None) == (self.set is None):
            raise ValueError("give exactly one of delta or set")
        return self


class Event(Strict):
    id: Id
    date: dt.date
    date_end: dt.date | None = None
    actor: str
    kind: Literal[
        "signal", "concession", "threat", "test", "sanction", "mediation", "statement", "meeting"
    ]
    description: Text
    effects: list[Effect] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)


class Source(Strict):
    id: Id
    title: str
    outlet: str = ""
    author: str = ""
    date: dt.date | None = None
    address: str = ""
    kind: Literal["article", "public_record", "transcript", "other"] = "article"


class Statement(Strict):
    id: Id
    speaker: str
    party: str | None = None
    quote: Text
    kind: Literal["direct", "indirect", "fact"] = "direct"
    said_on: dt.date | None = None
    said_until: dt.date | None = None
    venue: str = ""
    reported_by: str = ""
    source: str
    issues: list[str] = Field(default_factory=list)
    stance: (
        Literal["demand", "offer", "red_line", "threat", "signal", "hope", "assessment"] | None
    ) = None


class Evidence(Strict):
    sources: list[Source] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)


class Distribution(Strict):
    """``uniform(low, high)``, ``triangular(low, mode, high)`` or ``normal(mean, sd)`` in bounds."""

    kind: Literal["uniform", "triangular", "normal"]
    low: Magnitude
    high: Magnitude
    mode: Magnitude | None = None
    mean: Magnitude | None = None
    sd: Annotated[float, Field(gt=0.0, le=MAX_MAGNITUDE)] | None = None

    @model_validator(mode="after")
    def _parameters(self) -> Distribution:
        if not self.high >= self.low:
            raise ValueError(f"high ({self.high}) must be at least low ({self.low})")
        if self.kind == "triangular" and (
            self.mode is None or not self.low <= self.mode <= self.high
        ):
            raise ValueError("a triangular distribution needs low <= mode <= high")
        if self.kind == "normal" and (self.mean is None or self.sd is None):
            raise ValueError("a normal distribution needs mean and sd (and low, high bounds)")
        return self


class Uncertainty(Strict):
    parameter: str
    distribution: Distribution
    note: Text = ""


class Process(Strict):
    """Parameters of how talks proceed, used by simulation and phased deals."""

    deadline_rounds: Annotated[int, Field(ge=1)] | None = None
    breakdown_hazard: Unit = 0.0
    trust: dict[str, Unit] = Field(default_factory=dict)
    discount: dict[str, Unit] = Field(default_factory=dict)
    #: Probability that a party's cheating on a step is detected (phased deals; default 1).
    verification: dict[str, Unit] = Field(default_factory=dict)


class Outcome(Strict):
    """What actually happened, recorded after the fact: read by ``backtest``, never by engines.

    ``terms`` gives the agreed option per issue, or ``unresolved`` when the agreement left the
    issue open (issues left out count as unresolved). Its ``sources`` are kept apart from the
    evidence, since they postdate ``as_of`` by nature.
    """

    agreement: bool
    date: dt.date | None = None
    terms: dict[str, str] = Field(default_factory=dict)
    sources: list[Source] = Field(default_factory=list)
    notes: Text = ""


class Scenario(Strict):
    """One negotiation case. Load with :func:`detente.load_scenario`."""

    metadata: Metadata
    parties: list[Party] = Field(min_length=2)
    issues: list[Issue] = Field(min_length=1)
    status_quo: dict[str, str] = Field(default_factory=dict)
    feasibility: list[Feasibility] = Field(default_factory=list)
    postures: list[Posture] = Field(default_factory=list)
    definitions: list[Definition] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    evidence: Evidence = Field(default_factory=Evidence)
    uncertainty: list[Uncertainty] = Field(default_factory=list)
    process: Process = Field(default_factory=Process)
    outcome: Outcome | None = None

    def party(self, party_id: str) -> Party:
        """The party with id ``party_id`` (KeyError if there is none)."""
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)

    def issue(self, issue_id: str) -> Issue:
        """The issue with id ``issue_id`` (KeyError if there is none)."""
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    @property
    def principals(self) -> list[Party]:
        return [p for p in self.parties if p.role == "principal"]

    def statement(self, statement_id: str) -> Statement:
        for statement in self.evidence.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)
