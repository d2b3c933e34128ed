"""Extraction stays linear in the text length on adversarial input (issue 16).

Glued words ("summedGeraldsummedGerald…"), run-on text without sentence breaks and quotations
with no full stop between them made extraction quadratic (192 KB took 106 s). The check is a
ratio of CPU times measured in the same run: four times the text must cost clearly less than
sixteen times (quadratic) — at most eight times, the best of three runs each. No wall-clock
limit is asserted.
"""

from __future__ import annotations

import random
import time

import pytest

from detente.evidence.extract import extract
from detente.evidence.text import normalise


def _glued(size: int) -> str:
    return ("summedGerald" * (size // 12 + 1))[:size]


def _run_on(size: int) -> str:
    unit = "“We will not move,” she saidThat Kim toldReporters that "
    return (unit * (size // len(unit) + 1))[:size]


def _random_glue(size: int) -> str:
    rng = random.Random(16)
    vocabulary = ["Moon", "said", "“talks", "would", "resume,”", "Trump", "told", "reporters"]
    vocabulary += ["that", "the", "U.S.", "according", "to", "Kim", "Jong", "Un", "warned"]
    pieces: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(vocabulary) + ("" if rng.random() < 0.4 else " ")
        pieces.append(word)
        length += len(word)
    return "".join(pieces)[:size]


def _cost(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract(normalise(text))
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)


@pytest.mark.parametrize("make", [_glued, _run_on, _random_glue])
def test_adversarial_text_costs_linear_time(make: object) -> None:
    assert callable(make)
    small, large = make(30_000), make(120_000)
    ratio = _cost(large) / _cost(small)
    assert ratio < 8.0, f"4x the text cost {ratio:.1f}x the time (quadratic would be 16x)"


def test_run_on_quotations_are_still_attributed() -> None:
    statements = extract("“We will not move,” she said and “We go on,” Kim Jong Un said. " * 3)
    assert [s.speaker for s in statements if s.quote == "We go on,"] == ["Kim Jong Un"] * 3
