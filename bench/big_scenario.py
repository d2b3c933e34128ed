"""Loading a big but valid scenario: time per statement as the file grows (is it linear?).

Generates scenarios with N evidence statements (the hostile corpus's generator, N = 5,000,
20,000 and 60,000 by default; the issue's 19 MB file has 125,000) and times, for each size,
the whole validation (:func:`detente.model.loading.validate_scenario_text`) against its peer
measured in the same run: ruamel.yaml's own round-trip load of the same text (what validation
cannot do without). It prints seconds, microseconds per statement, and the ratio of the two,
so that super-linear growth shows as a rising per-statement cost.

    .venv/bin/python bench/big_scenario.py [N ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.corpus import _many_statements, base, emit

from detente.model.loading import validate_scenario_text


def _text(count: int) -> str:
    doc = base()
    _many_statements(count)(doc)
    return emit(doc)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5_000, 20_000, 60_000]
    print(f"{'statements':>10} {'MB':>6} {'validate s':>11} {'us/stmt':>8} {'ruamel s':>9} ratio")
    for count in sizes:
        text = _text(count)
        start = time.perf_counter()
        result = validate_scenario_text(text)
        ours = time.perf_counter() - start
        assert result.scenario is not None, result.diagnostics[:3]
        start = time.perf_counter()
        YAML(typ="rt", pure=True).load(text)
        peer = time.perf_counter() - start
        print(
            f"{count:>10,} {len(text) / 1e6:>6.1f} {ours:>11.2f} {ours / count * 1e6:>8.0f} "
            f"{peer:>9.2f} {ours / peer:5.2f}"
        )


if __name__ == "__main__":
    main()
