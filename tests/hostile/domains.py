"""Hostile GENIUS XML and GeniusWeb JSON domains, generated (hardening issue #19).

Each generator returns ``{file name: bytes}`` for a domain and two profiles; the test writes
them to a folder and runs ``import-domain`` / ``analyze`` on the folder and on the files.
"""

from __future__ import annotations

import json
from collections.abc import Callable

__all__ = ["DOMAINS"]


def _xml_domain(issues: list[str]) -> bytes:
    body = "".join(issues)
    return (
        f'<negotiation_template><utility_space number_of_issues="{len(issues)}">'
        f'<objective index="0" name="d" type="objective" etype="objective">{body}'
        "</objective></utility_space></negotiation_template>"
    ).encode()


def _discrete(index: int, values: int, evaluation: bool) -> str:
    items = "".join(
        f'<item index="{k + 1}" value="v{k}"' + (f' evaluation="{k + 1}"/>' if evaluation else "/>")
        for k in range(values)
    )
    head = f'<issue index="{index}" name="i{index}" vtype="discrete" type="discrete">'
    return f"{head}{items}</issue>"


def _xml_profile(issues: list[str], weight: str = "1") -> bytes:
    weights = "".join(f'<weight index="{k + 1}" value="{weight}"/>' for k in range(len(issues)))
    return (
        '<utility_space><objective index="0" name="d" type="objective" etype="objective">'
        f'{"".join(issues)}{weights}</objective><reservation value="0.2"/></utility_space>'
    ).encode()


def _genius(count: int, values: int, weight: str = "1") -> dict[str, bytes]:
    plain = [_discrete(k + 1, values, False) for k in range(count)]
    rated = [_discrete(k + 1, values, True) for k in range(count)]
    return {
        "d.xml": _xml_domain(plain),
        "d_util1.xml": _xml_profile(rated, weight),
        "d_util2.xml": _xml_profile(rated, weight),
    }


def _integer_bound(upper: str) -> dict[str, bytes]:
    issue = (
        f'<issue index="1" name="n" lowerbound="1" upperbound="{upper}" vtype="integer" '
        'type="integer"><evaluator slope="-0.25" offset="1.0" ftype="linear"/></issue>'
    )
    return {
        "d.xml": _xml_domain([issue]),
        "d_util1.xml": _xml_profile([issue]),
        "d_util2.xml": _xml_profile([issue]),
    }


def _web(
    range_: dict[str, object], weight: object = 0.5, raw: str | None = None
) -> dict[str, bytes]:
    domain = {"name": "d", "issuesValues": {
        "a": {"values": ["x", "y"]}, "n": {"range": range_}}}  # fmt: skip

    def profile(name: str) -> bytes:
        space = {"LinearAdditiveUtilitySpace": {
            "name": name,
            "issueUtilities": {
                "a": {"discreteutils": {"valueUtilities": {"x": 0.2, "y": 1.0}}},
                "n": {"numberutils": {"lowValue": 1, "lowUtility": 0, "highValue": 3,
                                      "highUtility": 1}}},
            "issueWeights": {"a": weight, "n": 0.5},
            "domain": domain}}  # fmt: skip
        text = json.dumps(space)
        return (text.replace('"__RAW__"', raw) if raw else text).encode()

    text = json.dumps(domain)
    text = text.replace('"__RAW__"', raw) if raw and "__RAW__" in str(range_.values()) else text
    return {"d.json": text.encode(), "d1.json": profile("d1"), "d2.json": profile("d2")}


RAW = "__RAW__"
DOMAINS: dict[str, Callable[[], dict[str, bytes]]] = {
    "genius_1e30_outcomes": lambda: _genius(30, 10),
    "genius_2000_binary": lambda: _genius(2000, 2),
    "genius_300x100": lambda: _genius(300, 100),
    "genius_401_digit_bound": lambda: _integer_bound("1" + "0" * 400),
    "genius_weight_inf": lambda: _genius(2, 3, "inf"),
    "genius_weight_nan": lambda: _genius(2, 3, "nan"),
    "genius_weight_1e308": lambda: _genius(2, 3, "1e308"),
    "web_4300_digit_range": lambda: _web({"low": 1, "high": RAW, "step": 1}, raw="9" * 4400),
    "web_decimal_overflow": lambda: _web({"low": 1, "high": RAW, "step": 1e-300}, raw="1e300"),
    "web_weight_string": lambda: _web({"low": 1, "high": 3, "step": 0.5}, weight="heavy"),
    "web_weight_negative": lambda: _web({"low": 1, "high": 3, "step": 0.5}, weight=-2),
    "web_weight_nan": lambda: _web({"low": 1, "high": 3, "step": 0.5}, raw="NaN", weight="__RAW__"),
    "web_deep": lambda: {"d.json": b"[" * 100_000, "d1.json": b"{}", "d2.json": b"{}"},
}
