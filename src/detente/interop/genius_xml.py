"""GENIUS XML domains and additive profiles, read with GENIUS 10.4's own semantics.

References: the GENIUS user guide (Baarslag et al., ``doc/userguide.tex`` of GENIUS 10.4,
section "Utility spaces", equation (1)) and the GENIUS 10.4 sources
``genius/core/utility/{AdditiveUtilitySpace,EvaluatorDiscrete,EvaluatorInteger,EvaluatorReal}.java``:

* discrete issue: ``v(x) = eval(x) / max_y eval(y)``, the maximum taken over the profile's
  evaluations of that issue; when that maximum is below 1e-5 every value is 0
  (``EvaluatorDiscrete.normalize``). Negative or missing evaluations are errors.
* integer issue (``lowerbound``, ``upperbound``, ``<evaluator ftype="linear" slope offset>``):
  ``v(x) = clamp(offset + slope * (x - lowerbound), 0, 1)`` (``EvaluatorInteger``), one option
  per integer, ids the numbers themselves; the bounds of the profile's issue are used, as in
  GENIUS.
* real issue: discretised to :data:`REAL_STEPS` evenly spaced options from lower to upper
  bound (a warning says so); ``ftype="linear"``: ``clamp(parameter0 + parameter1 * x, 0, 1)``,
  ``ftype="constant"``: ``parameter0`` (``EvaluatorReal``); other shapes are errors.
* weights ``<weight index=...>`` belong to the issue with that ``index``; they are divided by
  their sum in :mod:`~detente.interop.build`.
* ``<reservation value>`` is the reservation value on the 0-1 scale; a value that is not a
  number is read as 0 with a warning (GENIUS ignores it likewise); one outside [0, 1] is an error.
* ``<discount_factor value>`` is kept for the metadata summary (detente's ``process.discount``
  is a per-step factor, GENIUS's is applied as ``d ** t`` over normalised time ``t``, so it
  is not copied there); a value that is not a number in (0, 1] is ignored with a warning, as
  GENIUS's ``loadTreeRecursive`` ignores it.

Profiles with ``type="UNCERTAIN"`` (preference-uncertainty variants) or any non-additive type
(``constraint``) are not read: :func:`skip_reason` says why.
"""

from __future__ import annotations

import math

from detente.interop.errors import InteropError
from detente.interop.foreign import MAX_OPTIONS, ForeignDomain, ForeignIssue, ForeignProfile
from detente.interop.xmltree import Node

__all__ = ["REAL_STEPS", "read_genius_domain", "read_genius_profile", "skip_reason"]

#: Number of evenly spaced options a real-valued GENIUS issue is discretised to.
REAL_STEPS = 11
_ADDITIVE = ("", "linear", "additive")


def skip_reason(root: Node) -> str | None:
    """Why the profile ``root`` is not read (uncertain or not additive), or ``None``."""
    kind = root.attrib.get("type", "").strip().lower()
    if kind == "uncertain":
        return 'preference-uncertainty variant (utility_space type="UNCERTAIN")'
    if kind not in _ADDITIVE:
        return f'not additive (utility_space type="{root.attrib["type"]}")'
    return None


#: The largest magnitude of a numeric bound (as for scenario numeric issues).
MAX_BOUND = 1e12


def _number(node: Node, name: str, file: str, integer: bool = False) -> float:
    text = node.attrib.get(name)
    if text is None:
        raise InteropError(file, f"<{node.tag}> has no {name!r} attribute", node.line)
    shown = text if len(text) <= 40 else f"{text[:20]}…({len(text):,} characters)"
    try:
        value = float(int(text)) if integer else float(text)
    except OverflowError:
        message = f"{name}={shown} of <{node.tag}>: number too large"
        raise InteropError(file, message, node.line) from None
    except ValueError:
        kind = "an integer" if integer else "a number"
        if len(text.strip()) > 40 and text.strip().lstrip("+-").isdigit():
            raise InteropError(
                file, f"{name}={shown} of <{node.tag}>: number too large", node.line
            ) from None
        raise InteropError(
            file, f"{name}={shown!r} of <{node.tag}> is not {kind}", node.line
        ) from None
    if not math.isfinite(value):
        raise InteropError(file, f"{name}={shown!r} of <{node.tag}> is not finite", node.line)
    if abs(value) > MAX_BOUND:
        raise InteropError(
            file, f"{name}={shown} of <{node.tag}> is beyond ±{MAX_BOUND:g}", node.line
        )
    return value


def _kind(issue: Node) -> str:
    a = issue.attrib
    return (a.get("type") or a.get("etype") or a.get("vtype") or "discrete").strip().lower()


def _index(node: Node, file: str) -> int | None:
    text = node.attrib.get("index")
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise InteropError(
            file, f"index={text!r} of <{node.tag}> is not an integer", node.line
        ) from None


def _discrete_issue(issue: Node, name: str, file: str) -> ForeignIssue:
    labels = []
    for item in issue.kids("item"):
        if "value" not in item.attrib:
            raise InteropError(file, f"an <item> of issue {name!r} has no value", item.line)
        labels.append(item.attrib["value"])
    if len(set(labels)) != len(labels):
        raise InteropError(file, f"issue {name!r} lists a value twice", issue.line)
    return ForeignIssue(name, tuple(labels), "discrete", None, _index(issue, file))


def _bounds(issue: Node, file: str, integer: bool) -> tuple[float, float]:
    holder = issue if "lowerbound" in issue.attrib else (issue.first("range") or issue)
    low = _number(holder, "lowerbound", file, integer)
    high = _number(holder, "upperbound", file, integer)
    if not high > low:
        raise InteropError(
            file, f"upperbound {high:g} is not above lowerbound {low:g}", holder.line
        )
    return low, high


def _numeric_issue(issue: Node, name: str, kind: str, file: str) -> ForeignIssue:
    low, high = _bounds(issue, file, kind == "integer")
    if kind == "integer":
        if high - low + 1 > MAX_OPTIONS:
            message = (
                f"integer issue {name!r} has {high - low + 1:,.0f} values; limit {MAX_OPTIONS:,}"
            )
            raise InteropError(file, message, issue.line)
        numbers = tuple(float(v) for v in range(int(low), int(high) + 1))
        labels = tuple(str(int(v)) for v in numbers)
    else:
        numbers = tuple(low + (high - low) * k / (REAL_STEPS - 1) for k in range(REAL_STEPS))
        labels = tuple(f"{v:.6f}".rstrip("0").rstrip(".") for v in numbers)
    return ForeignIssue(name, labels, kind, numbers, _index(issue, file))


def read_genius_domain(root: Node, file: str) -> ForeignDomain:
    """The issues of a GENIUS ``<negotiation_template>`` domain, in document order."""
    space = root.first("utility_space") or root
    objective = space.first("objective")
    title = objective.attrib.get("name", "") if objective is not None else ""
    issues = []
    for issue in space.iter("issue"):
        name = issue.attrib.get("name")
        if not name:
            raise InteropError(file, "an <issue> has no name", issue.line)
        kind = _kind(issue)
        if kind == "discrete":
            read = _discrete_issue(issue, name, file)
        elif kind in ("integer", "real"):
            read = _numeric_issue(issue, name, kind, file)
        else:
            raise InteropError(file, f"issue {name!r} has unsupported type {kind!r}", issue.line)
        if len(read.labels) < 2:
            raise InteropError(file, f"issue {name!r} has fewer than two values", issue.line)
        issues.append(read)
    if not issues:
        raise InteropError(file, "the domain has no <issue>", root.line)
    return ForeignDomain(title or file, file, "genius_xml", tuple(issues))


def _match_issues(root: Node, domain: ForeignDomain, file: str) -> dict[int, Node]:
    """Profile issue node per domain issue position: by ``index`` as GENIUS does, else name."""
    by_index = {issue.index: k for k, issue in enumerate(domain.issues) if issue.index is not None}
    by_name = {issue.name: k for k, issue in enumerate(domain.issues)}
    found: dict[int, Node] = {}
    for node in root.iter("issue"):
        index = _index(node, file)
        position = by_index.get(index) if index is not None else None
        if position is None:
            position = by_name.get(node.attrib.get("name", ""))
        if position is None:
            label = node.attrib.get("name", index)
            raise InteropError(file, f"issue {label!r} is not in the domain", node.line)
        found[position] = node
    for k, issue in enumerate(domain.issues):
        if k not in found:
            raise InteropError(
                file, f"the profile does not evaluate issue {issue.name!r}", root.line
            )
    return found


def _weights(root: Node, domain: ForeignDomain, issues: dict[int, Node], file: str) -> list[float]:
    table: dict[int, float] = {}
    for node in root.iter("weight"):
        index = _index(node, file)
        if index is not None:
            table[index] = _number(node, "value", file)
    weights = []
    for k, issue in enumerate(domain.issues):
        index = _index(issues[k], file)
        if index not in table:
            raise InteropError(file, f"issue {issue.name!r} has no <weight>", issues[k].line)
        if table[index] < 0:
            raise InteropError(file, f"issue {issue.name!r} has a negative weight", issues[k].line)
        weights.append(table[index])
    return weights


def _discrete_values(node: Node, issue: ForeignIssue, file: str) -> tuple[list[float], list[str]]:
    evaluations: dict[str, float] = {}
    for item in node.kids("item"):
        if "evaluation" in item.attrib and "value" in item.attrib:
            value = _number(item, "evaluation", file)
            if value < 0:
                raise InteropError(file, f"negative evaluation in issue {issue.name!r}", item.line)
            evaluations[item.attrib["value"]] = value
    missing = [label for label in issue.labels if label not in evaluations]
    if missing:
        message = (
            f"issue {issue.name!r}: no evaluation for value(s) {', '.join(map(repr, missing))}"
        )
        raise InteropError(file, message, node.line)
    top = max(evaluations.values())
    if top < 1e-5:
        note = f"{file}: issue {issue.name!r}: every evaluation is 0, so its value is 0 throughout"
        return [0.0] * len(issue.labels), [note]
    return [min(1.0, evaluations[label] / top) for label in issue.labels], []


def _linear_values(node: Node, issue: ForeignIssue, file: str) -> list[float]:
    numbers = issue.numbers or ()
    evaluator = node.first("evaluator")
    if evaluator is None:
        raise InteropError(file, f"numeric issue {issue.name!r} has no <evaluator>", node.line)
    if issue.kind == "integer":
        low = _number(node, "lowerbound", file, True) if "lowerbound" in node.attrib else numbers[0]
        slope, offset = _number(evaluator, "slope", file), _number(evaluator, "offset", file)
        raw = [offset + slope * (x - low) for x in numbers]
    else:
        ftype = evaluator.attrib.get("ftype", "linear").lower()
        offset = _number(evaluator, "parameter0", file)
        if ftype == "constant":
            raw = [offset] * len(numbers)
        elif ftype == "linear":
            slope = _number(evaluator, "parameter1", file)
            raw = [offset + slope * x for x in numbers]
        else:
            raise InteropError(file, f"unsupported real evaluator ftype {ftype!r}", evaluator.line)
    return [min(1.0, max(0.0, value)) for value in raw]


def _scalar(root: Node, tag: str, file: str) -> tuple[float | None, Node | None]:
    node = root.first(tag)
    if node is None:
        return None, None
    try:
        value = float(node.attrib.get("value", ""))
    except ValueError:
        return None, node
    return (value, node) if math.isfinite(value) else (None, node)


def _reservation_and_discount(root: Node, file: str) -> tuple[float, float | None, list[str]]:
    warnings = []
    reservation, node = _scalar(root, "reservation", file)
    if reservation is None and node is not None:
        value = node.attrib.get("value")
        warnings.append(
            f"{file}:{node.line}: reservation value {value!r} is not a number; read as 0"
        )
    if reservation is not None and not 0.0 <= reservation <= 1.0:
        raise InteropError(
            file,
            f"reservation value {reservation:g} is outside [0, 1]",
            node.line if node else None,
        )
    discount, node = _scalar(root, "discount_factor", file)
    if node is not None and (discount is None or not 0.0 < discount <= 1.0):
        value = node.attrib.get("value")
        warnings.append(
            f"{file}:{node.line}: discount_factor {value!r} is not a number in (0, 1]; "
            "ignored (no discounting), as GENIUS does"
        )
        discount = None
    return reservation or 0.0, discount, warnings


def read_genius_profile(root: Node, file: str, name: str, domain: ForeignDomain) -> ForeignProfile:
    """An additive GENIUS ``<utility_space>`` profile over ``domain`` (see the module notes)."""
    reason = skip_reason(root)
    if reason is not None:
        raise InteropError(file, f"cannot read this profile: {reason}", root.line)
    issues = _match_issues(root, domain, file)
    weights = _weights(root, domain, issues, file)
    warnings: list[str] = []
    values = []
    for k, issue in enumerate(domain.issues):
        if issue.kind == "discrete":
            row, notes = _discrete_values(issues[k], issue, file)
            warnings += notes
        else:
            row = _linear_values(issues[k], issue, file)
        values.append(tuple(row))
    reservation, discount, notes = _reservation_and_discount(root, file)
    return ForeignProfile(
        name,
        file,
        tuple(weights),
        tuple(values),
        reservation,
        None,
        discount,
        tuple(warnings + notes),
    )
