"""GeniusWeb JSON domains and ``LinearAdditiveUtilitySpace`` profiles.

References: the GeniusWeb sources (TU Delft), ``geniusweb.issuevalue.{Domain,NumberValueSet}``
and ``geniusweb.profile.utilityspace.{LinearAdditiveUtilitySpace,DiscreteValueSetUtilities,
NumberValueSetUtilities}``:

* domain ``{"name": ..., "issuesValues": {issue: {"values": [...]}}}`` (discrete) or
  ``{issue: {"range": {"low": a, "high": b, "step": s}}}`` (numbers ``a, a+s, ... <= b``,
  one option each, ids the numbers); issue and value order as in the file.
* profile ``{"LinearAdditiveUtilitySpace": {"issueUtilities", "issueWeights", "domain", "name",
  "reservationBid"}}``, ``u(bid) = sum_i w_i u_i(bid_i)``. ``discreteutils.valueUtilities``
  are used as they are (GeniusWeb does not divide by the issue maximum; they must lie in
  [0, 1]; a value without a utility counts 0). ``numberutils`` interpolates linearly between
  ``(lowValue, lowUtility)`` and ``(highValue, highUtility)`` and gives 0 outside that range.
* GeniusWeb requires weights summing to 1; here they are divided by their sum instead.
* the reservation is a *bid*; detente's reservation value is that bid's utility under the
  profile itself (weights already divided by their sum), computed in
  :mod:`~detente.interop.build`. No reservation bid means reservation value 0 (GeniusWeb:
  "any agreement is better than no agreement").

Other profile types (``DefaultPartialOrdering``, ``SumOfGroupsUtilitySpace``, ...) are not
additive over issues: :func:`skip_reason` says so.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from detente.interop.errors import InteropError
from detente.interop.foreign import MAX_OPTIONS, ForeignDomain, ForeignIssue, ForeignProfile

__all__ = ["parse_json", "read_geniusweb_domain", "read_geniusweb_profile", "skip_reason"]

PROFILE_KEY = "LinearAdditiveUtilitySpace"


def parse_json(raw: bytes, file: str) -> Any:
    """The JSON document in ``raw``; a located :class:`InteropError` when it is not JSON."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InteropError(file, f"not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as error:
        raise InteropError(
            file, f"not valid JSON: {error.msg}", error.lineno, error.colno
        ) from None
    except RecursionError:
        raise InteropError(file, "JSON nests too deeply") from None


def skip_reason(document: Any) -> str | None:
    """Why the profile ``document`` is not read (not linear additive), or ``None``."""
    if isinstance(document, dict) and PROFILE_KEY in document:
        return None
    kind = next(iter(document), "?") if isinstance(document, dict) and document else "?"
    return f"not additive (GeniusWeb profile type {kind!r}, not {PROFILE_KEY})"


def _get(obj: Any, key: str, file: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise InteropError(file, f"{where}: missing {key!r}")
    value = obj[key]
    if not isinstance(value, kind):
        raise InteropError(file, f"{where}.{key}: unexpected {type(value).__name__}")
    return value


#: The largest magnitude of any number in a GeniusWeb file (range bounds, steps, weights).
MAX_MAGNITUDE = Decimal("1e12")


def _shown(value: Any) -> str:
    text = str(value)
    return repr(value) if len(text) <= 40 else f"{text[:20]}…({len(text):,} characters)"


def _number(value: Any, file: str, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise InteropError(file, f"{where}: {_shown(value)} is not a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InteropError(file, f"{where}: {_shown(value)} is not a number") from None
    if not number.is_finite():
        raise InteropError(file, f"{where}: {_shown(value)} is not finite")
    if abs(number) > MAX_MAGNITUDE:
        raise InteropError(file, f"{where}: {_shown(value)} is too large (limit ±1e12)")
    return number


def _label(value: Any) -> str:
    return str(value) if not isinstance(value, str) else value


def _range_issue(name: str, spec: dict[str, Any], file: str, where: str) -> ForeignIssue:
    low = _number(spec.get("low"), file, f"{where}.low")
    high = _number(spec.get("high"), file, f"{where}.high")
    step = _number(spec.get("step"), file, f"{where}.step")
    if step <= 0 or high <= low:
        raise InteropError(file, f"{where}: need low < high and step > 0")
    if high - low > step * MAX_OPTIONS:  # compared before dividing: no huge count is made
        raise InteropError(
            file, f"{where}: more than {MAX_OPTIONS:,} values from low to high; the limit"
        )
    count = int((high - low) / step) + 1
    if count > MAX_OPTIONS:
        raise InteropError(file, f"{where}: {count:,} values; the limit is {MAX_OPTIONS:,}")
    numbers = [low + step * k for k in range(count)]
    labels = tuple(format(n.normalize(), "f") for n in numbers)
    return ForeignIssue(name, labels, "number", tuple(float(n) for n in numbers))


def _domain_issues(document: Any, file: str, where: str) -> tuple[ForeignIssue, ...]:
    table = _get(document, "issuesValues", file, dict, where)
    issues = []
    for name, spec in table.items():
        here = f"{where}.issuesValues[{name!r}]"
        if isinstance(spec, dict) and "range" in spec:
            issues.append(_range_issue(name, _get(spec, "range", file, dict, here), file, here))
            continue
        values = _get(spec, "values", file, list, here)
        labels = tuple(_label(v) for v in values)
        if len(set(labels)) != len(labels):
            raise InteropError(file, f"{here}: a value is listed twice")
        if len(labels) < 2:
            raise InteropError(file, f"{here}: fewer than two values")
        issues.append(ForeignIssue(name, labels, "discrete"))
    if not issues:
        raise InteropError(file, f"{where}: no issues")
    return tuple(issues)


def read_geniusweb_domain(document: Any, file: str) -> ForeignDomain:
    """The issues of a GeniusWeb domain document (``{"name", "issuesValues"}``)."""
    name = document.get("name", "") if isinstance(document, dict) else ""
    return ForeignDomain(
        str(name) or file, file, "geniusweb_json", _domain_issues(document, file, "$")
    )


def _issue_values(spec: Any, issue: ForeignIssue, file: str, where: str) -> list[float]:
    if isinstance(spec, dict) and "discreteutils" in spec:
        utils = _get(spec["discreteutils"], "valueUtilities", file, dict, where)
        table = {k: _number(v, file, f"{where}[{k!r}]") for k, v in utils.items()}
        result = [table.get(label, Decimal(0)) for label in issue.labels]
    elif isinstance(spec, dict) and "numberutils" in spec:
        u = spec["numberutils"]
        low, high = (
            _number(_get(u, k, file, object, where), file, where) for k in ("lowValue", "highValue")
        )
        lu, hu = (
            _number(_get(u, k, file, object, where), file, where)
            for k in ("lowUtility", "highUtility")
        )
        if high <= low:
            raise InteropError(file, f"{where}: highValue must exceed lowValue")
        xs = [Decimal(str(x)) for x in issue.numbers or ()]
        result = [
            Decimal(0) if x < low or x > high else lu + (hu - lu) * (x - low) / (high - low)
            for x in xs
        ]
        if issue.kind != "number":
            raise InteropError(file, f"{where}: numberutils for a discrete issue")
    else:
        raise InteropError(file, f"{where}: expected discreteutils or numberutils")
    if any(not Decimal(0) <= r <= Decimal(1) for r in result):
        raise InteropError(file, f"{where}: utilities must lie in [0, 1]")
    return [float(r) for r in result]


def _reservation_bid(
    space: dict[str, Any], domain: ForeignDomain, file: str
) -> tuple[int | None, ...] | None:
    bid = space.get("reservationBid")
    if bid is None:
        return None
    chosen = _get(bid, "issuevalues", file, dict, "$.reservationBid")
    indices: list[int | None] = []
    for issue in domain.issues:
        if issue.name not in chosen:
            indices.append(None)
            continue
        label = _label(chosen[issue.name])
        if issue.kind == "number" and label not in issue.labels:
            label = format(_number(chosen[issue.name], file, "reservationBid").normalize(), "f")
        if label not in issue.labels:
            raise InteropError(file, f"reservationBid: {label!r} is not a value of {issue.name!r}")
        indices.append(issue.labels.index(label))
    return tuple(indices)


def read_geniusweb_profile(
    document: Any, file: str, name: str, domain: ForeignDomain
) -> ForeignProfile:
    """A ``LinearAdditiveUtilitySpace`` profile over ``domain`` (see the module notes)."""
    reason = skip_reason(document)
    if reason is not None:
        raise InteropError(file, f"cannot read this profile: {reason}")
    space = _get(document, PROFILE_KEY, file, dict, "$")
    where = f"$.{PROFILE_KEY}"
    utilities = _get(space, "issueUtilities", file, dict, where)
    weights_in = _get(space, "issueWeights", file, dict, where)
    names = {issue.name for issue in domain.issues}
    extra = (set(utilities) | set(weights_in)) - names
    if extra:
        raise InteropError(file, f"{where}: issue(s) not in the domain: {', '.join(sorted(extra))}")
    weights, values = [], []
    for issue in domain.issues:
        if issue.name not in utilities or issue.name not in weights_in:
            raise InteropError(file, f"{where}: no utility or weight for issue {issue.name!r}")
        weight = _number(weights_in[issue.name], file, f"{where}.issueWeights[{issue.name!r}]")
        if weight < 0:
            raise InteropError(file, f"{where}.issueWeights[{issue.name!r}]: negative weight")
        weights.append(float(weight))
        here = f"{where}.issueUtilities[{issue.name!r}]"
        values.append(tuple(_issue_values(utilities[issue.name], issue, file, here)))
    bid = _reservation_bid(space, domain, file)
    warnings = []
    if bid is not None and None in bid:
        warnings.append(
            f"{file}: the reservation bid leaves out issue(s); they count 0, as in GeniusWeb"
        )
    return ForeignProfile(
        name, file, tuple(weights), tuple(values), 0.0, bid, None, tuple(warnings)
    )
