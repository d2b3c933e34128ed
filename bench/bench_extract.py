"""Throughput of the evidence extractor (run by hand: python bench/bench_extract.py).

No peer runs here (textacy needs a spaCy model, which the project never downloads); the
benchmark prints characters per second on the seed article repeated, on plain prose, on 20 MB
of quotations and on 20 MB of adversarial glued, run-on text (issue 16: that one was quadratic).
"""

from __future__ import annotations

import time
from pathlib import Path

from detente.evidence.extract import extract
from detente.evidence.text import normalise

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "hanoi_postures_2019.txt"


UNIT = "Talks resumed in Geneva on Monday; the U.S. delegation left “early.” "
#: Adversarial (issue 16): glued words and run-on quotations with no sentence break.
GLUED = "summedGerald“We will not move,” she saidThat Kim toldReporters that "


def main() -> None:
    article = SEED.read_text("utf-8") if SEED.exists() else "“We hope,” Moon said. " * 50
    for label, text in (
        ("seed x200", (article + "\n\n") * 200),
        ("prose 5 MB", "Talks went on in Geneva today. " * 160_000),
        ("20 MB, 285k quotations", UNIT * (20_000_000 // len(UNIT))),
        ("20 MB glued, run-on", GLUED * (20_000_000 // len(GLUED))),
    ):
        start = time.perf_counter()  # normalising is part of the cost
        statements = extract(normalise(text))
        seconds = time.perf_counter() - start
        print(f"{label}: {len(text) / seconds / 1e6:.2f} M chars/s, {len(statements)} statements")


if __name__ == "__main__":
    main()
