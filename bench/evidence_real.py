"""P / R / F1 of the extractor on the real-article gold (issue 16), per article and micro.

Run by hand: ``python bench/evidence_real.py development`` (or ``held_out``; ``-v`` lists the
false positives and misses). The article texts are read from ``$DETENTE_NEWS_CORPUS`` or
``/work/corpus/news`` (they are third-party text, never in the repository).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from detente.evidence.extract import extract
from detente.evidence.match import Counts, match_scores
from detente.evidence.realgold import load_real_gold
from detente.evidence.text import normalise

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "evidence" / "real"


def _line(label: str, c: Counts) -> str:
    return (
        f"{label:28s} tp {c.tp:3d} fp {c.fp:3d} fn {c.fn:3d}  "
        f"P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
    )


def main(group: str, verbose: bool) -> None:
    total, kinds = Counts(), {}  # type: ignore[var-annotated]
    for file in sorted(GOLD.glob("*.json")):
        gold = load_real_gold(file)
        if gold.group != group:
            continue
        date = dt.date.fromisoformat(gold.article_date) if gold.article_date else None
        predicted = extract(normalise(gold.text), None, date)
        scores = match_scores(predicted, gold.statements)
        total = total + scores.overall
        for kind, c in scores.by_kind.items():
            kinds[kind] = kinds.get(kind, Counts()) + c
        print(_line(gold.corpus_id, scores.overall))
        if verbose:
            paired_p = {i for i, _ in scores.pairs}
            paired_g = {j for _, j in scores.pairs}
            for i, p in enumerate(predicted):
                if i not in paired_p:
                    print(f"   FP {p.kind:8s} [{p.speaker}] {p.quote[:100]!r}")
            for j, g in enumerate(gold.statements):
                if j not in paired_g and not g["optional"]:
                    print(f"   FN {g['kind']:8s} [{g['speaker']}] {g['quote'][:100]!r}")
    print(_line("micro", total))
    for kind, c in sorted(kinds.items()):
        print(_line(f"  {kind}", c))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "development", "-v" in sys.argv)
