"""Hostile scenario files, generated: every class of the hardening issue (#19) and more.

Each generator returns the bytes of one file (or, for special files, a path to create). Nothing
is stored in the repository: the corpus is written to a temporary folder by :func:`write_corpus`.
The documents are written as flow-style YAML by :func:`emit`, which spells non-finite floats
the YAML way (``.inf``, ``.nan``) and keeps strings JSON-escaped (so ``"\\ud800"`` reaches the
parser as an escape, the way an attacker would write it).
"""

from __future__ import annotations

import codecs
import copy
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["SPECIAL", "base", "corpus", "emit", "write_corpus"]


def emit(value: Any) -> str:
    """Flow-style YAML for plain data; floats as YAML spells them, strings JSON-escaped."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{emit(k)}: {emit(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(emit(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    return str(value)


class Raw:
    """Text put into the YAML as it is (a number too long for Python's int(), say)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _party(pid: str, issues: list[str], direction: str) -> dict[str, Any]:
    return {
        "id": pid,
        "name": f"Party {pid}",
        "role": "principal",
        "preferences": {
            "weights": {i: 1.0 / len(issues) for i in issues},
            "values": {i: direction for i in issues},
            "reservation": 0.2,
        },
    }


def base(issues: int = 2, options: int = 3, principals: int = 2) -> dict[str, Any]:
    """A small valid scenario: ``principals`` parties with opposed linear values."""
    ids = [f"i{k}" for k in range(issues)]
    parties = [
        _party(f"p{k}", ids, "increasing" if k % 2 else "decreasing") for k in range(principals)
    ]
    return {
        "metadata": {"id": "hostile", "title": "Hostile", "as_of": "2019-03-05"},
        "parties": parties,
        "issues": [
            {"id": i, "options": [{"id": f"o{j}"} for j in range(options)]} for i in ids
        ],
        "postures": [
            {"id": "pp", "party": "p0", "date": "2019-03-01", "kind": "demand",
             "condition": "i0 == o0", "text": "p0 wants o0", "evidence": ["s1"]},
        ],
        "evidence": {
            "sources": [{"id": "src", "title": "An article"}],
            "statements": [
                {"id": "s1", "speaker": "Someone", "party": "p0", "quote": "We want o0.",
                 "source": "src"},
            ],
        },
    }  # fmt: skip


def _with(change: Callable[[dict[str, Any]], None], **shape: int) -> bytes:
    doc = base(**shape)
    change(doc)
    return emit(doc).encode("utf-8")


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = copy.deepcopy(value)

    return change


def _add(key: str, items: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc.__setitem__(key, copy.deepcopy(items))


W0 = ("parties", 0, "preferences", "weights", "i0")
W1 = ("parties", 0, "preferences", "weights", "i1")
RES = ("parties", 0, "preferences", "reservation")
TITLE = ("metadata", "title")
NAME = ("parties", 0, "name")
QUOTE = ("evidence", "statements", 0, "quote")


def _two(path_a: tuple[Any, ...], path_b: tuple[Any, ...], value: Any) -> Callable[..., None]:
    return lambda doc: (_set(path_a, value)(doc), _set(path_b, value)(doc))


def _uncertainty(low: Any, high: Any, kind: str = "uniform") -> Callable[..., None]:
    return _add(
        "uncertainty",
        [{"parameter": "preferences.p0.reservation",
          "distribution": {"kind": kind, "low": low, "high": high}}],
    )  # fmt: skip


def _event(effect: dict[str, Any]) -> Callable[..., None]:
    return _add(
        "events",
        [{"id": "e1", "date": "2019-03-02", "actor": "p0", "kind": "signal",
          "description": "x", "effects": [{"parameter": "preferences.p0.reservation", **effect}]}],
    )  # fmt: skip


def _numeric(low: Any, high: Any, steps: int = 5) -> Callable[..., None]:
    def change(doc: dict[str, Any]) -> None:
        doc["issues"][1] = {"id": "i1", "numeric": {"min": low, "max": high, "steps": steps}}

    return change


def _linkage(bonus: Any) -> Callable[..., None]:
    return _set(
        ("parties", 0, "preferences", "linkage"),
        [{"id": "l1", "condition": "i0 == o0", "bonus": bonus, "text": "x"}],
    )


def _values(value: Any) -> Callable[..., None]:
    return _set(("parties", 0, "preferences", "values", "i0"), {"o0": value, "o1": 0.5, "o2": 1.0})


def _infeasible(doc: dict[str, Any]) -> None:
    doc["feasibility"] = [
        {"id": "f1", "condition": "i0 == o0", "text": "x"},
        {"id": "f2", "condition": "i0 == o1", "text": "y"},
    ]


def _many_statements(count: int) -> Callable[..., None]:
    def change(doc: dict[str, Any]) -> None:
        doc["evidence"]["statements"] = [
            {"id": f"s{k}", "speaker": f"Speaker {k % 50}", "party": "p0",
             "quote": f"We will not move on issue {k} before the others do.", "source": "src"}
            for k in range(1, count + 1)
        ]  # fmt: skip

    return change


def _unknown_keys(count: int) -> bytes:
    doc = emit(base())[:-1]
    return (doc + ", " + ", ".join(f"junk{k}: {k}" for k in range(count)) + "}").encode()


def _numbers() -> dict[str, bytes]:
    inf, nan = math.inf, math.nan
    return {
        "weight_inf.yaml": _with(_set(W0, inf)),
        "weight_1e999.yaml": _with(_set(W0, Raw("1e999"))),
        "weights_sum_overflow.yaml": _with(_two(W0, W1, 1e308)),
        "weight_nan.yaml": _with(_set(W0, nan)),
        "weight_huge_int.yaml": _with(_set(W0, Raw("9" * 5000))),
        "weight_400_digit.yaml": _with(_set(W0, Raw("1" + "0" * 400))),
        "reservation_nan.yaml": _with(_set(RES, nan)),
        "reservation_inf.yaml": _with(_set(RES, -inf)),
        "value_inf.yaml": _with(_values(inf)),
        "value_nan.yaml": _with(_values(nan)),
        "bonus_nan.yaml": _with(_linkage(nan)),
        "bonus_inf.yaml": _with(_linkage(inf)),
        "uncertainty_inf.yaml": _with(_uncertainty(-inf, inf)),
        "uncertainty_1e308.yaml": _with(_uncertainty(-1e308, 1e308)),
        "uncertainty_nan.yaml": _with(_uncertainty(nan, 0.5)),
        "uncertainty_normal_inf.yaml": _with(_uncertainty(0.0, 1.0, "normal")),
        "event_delta_nan.yaml": _with(_event({"delta": nan})),
        "event_delta_inf.yaml": _with(_event({"delta": inf})),
        "event_set_inf.yaml": _with(_event({"set": -inf})),
        "event_delta_1e308.yaml": _with(_event({"delta": 1e308})),
        "numeric_inf.yaml": _with(_numeric(0, inf)),
        "numeric_nan.yaml": _with(_numeric(nan, 1)),
        "numeric_1e300.yaml": _with(_numeric(0, 1e300)),
        "numeric_401_digit.yaml": _with(_numeric(0, Raw("1" + "0" * 400))),
        "numeric_tiny.yaml": _with(_numeric(0, 1e-12)),
        "numeric_tiny_negative.yaml": _with(_numeric(-1e-9, 1e-9, 3)),
        "numeric_1000_steps_huge.yaml": _with(_numeric(-1e300, 1e300, 1000)),
        "capability_inf.yaml": _with(_set(("parties", 0, "capability"), inf)),
        "trust_nan.yaml": _with(_add("process", {"trust": {"p0": nan}})),
        "weight_denormal.yaml": _with(_two(W0, W1, 5e-324)),
        "weights_zero.yaml": _with(_two(W0, W1, 0.0)),
        "date_feb30.yaml": _with(_set(("metadata", "as_of"), "2019-02-30")),
        "numeric_steps_1e6.yaml": _with(_numeric(0, 1, 1_000_000)),
    }


def _text() -> dict[str, bytes]:
    markup, ansi = "[/x] [bold]x[/bold] [link=javascript:1]y", "\x1b[31mred\x1b[0m \x1b]0;t\x07"
    return {
        "title_markup.yaml": _with(_set(TITLE, markup)),
        "title_ansi.yaml": _with(_set(TITLE, ansi)),
        "name_markup.yaml": _with(_set(NAME, "[/]" + markup)),
        "quote_markup.yaml": _with(_set(QUOTE, markup + ansi)),
        "title_surrogate.yaml": _with(_set(TITLE, "\ud800 lone")),
        "quote_surrogate.yaml": _with(_set(QUOTE, "x \udfff y")),
        "name_bidi.yaml": _with(_set(NAME, "\u202eevil\u202c \u200b")),
        "title_long.yaml": _with(_set(TITLE, "x" * 200_000)),
        "posture_script.yaml": _with(
            _set(("postures", 0, "text"), "</script><script>alert(1)</script>")
        ),
    }


def _shapes() -> dict[str, bytes]:
    return {
        "issues_20.yaml": _with(lambda d: None, issues=20, options=10),
        "issues_64.yaml": _with(lambda d: None, issues=64, options=2),
        "issues_65.yaml": _with(lambda d: None, issues=65, options=2),
        "issues_200.yaml": _with(lambda d: None, issues=200, options=2),
        "outcomes_1e7.yaml": _with(lambda d: None, issues=7, options=10),
        "principals_500.yaml": _with(lambda d: None, issues=1, options=3, principals=500),
        "infeasible_all.yaml": _with(_infeasible),
        "statements_20000.yaml": _with(_many_statements(20_000)),
        "unknown_keys_50000.yaml": _unknown_keys(50_000),
    }


def _syntax() -> dict[str, bytes]:
    valid = emit(base())
    return {
        "unclosed_bracket.yaml": b"metadata: {id: x, title: y}\nparties: [\n  {id: a}\nissues: 1\n",
        "utf16.yaml": codecs.BOM_UTF16_LE + valid.encode("utf-16-le"),
        "utf32.yaml": codecs.BOM_UTF32_BE + valid.encode("utf-32-be"),
        "utf16_no_bom.yaml": valid.encode("utf-16-le"),
        "latin1.yaml": "metadata: {title: caf\u00e9}".encode("latin-1"),
        "bomb.yaml": "\n".join(
            ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
            + [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 10)]
        ).encode(),
        "deep.yaml": b"[" * 100_000,
        "python_tag.yaml": b"!!python/object/apply:os.system ['echo pwned']\n",
        "empty.yaml": b"",
        "nul.yaml": b"metadata:\x00 {}",
        "crlf.yaml": valid.replace(", ", ",\r\n ").encode(),
        "long_line.yaml": valid.replace('"Hostile"', '"' + "x" * 5_000_000 + '"').encode(),
        "deep_block.yaml": "".join(" " * k + "a:\n" for k in range(3_000)).encode(),
        "tabs_and_bom.yaml": codecs.BOM_UTF8 + valid.replace(" ", "\t", 3).encode(),
    }


def corpus() -> dict[str, bytes]:
    """Every generated hostile file, by name."""
    return {**_numbers(), **_text(), **_shapes(), **_syntax()}


#: Special paths: a FIFO with no writer, endless devices, a directory, a link to a device.
SPECIAL = ("fifo.yaml", "/dev/zero", "/dev/urandom", "folder.yaml", "link_to_zero.yaml")


def write_corpus(folder: Path) -> list[str]:
    """Write the corpus and the special files into ``folder``; the paths, in a stable order."""
    paths = []
    for name, content in corpus().items():
        (folder / name).write_bytes(content)
        paths.append(str(folder / name))
    os.mkfifo(folder / "fifo.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / "link_to_zero.yaml").symlink_to("/dev/zero")
    paths += [str(folder / "fifo.yaml"), "/dev/zero", "/dev/urandom"]
    paths += [str(folder / "folder.yaml"), str(folder / "link_to_zero.yaml")]
    return paths
