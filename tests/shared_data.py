"""Where the third-party data lives: the ``shared/`` folder beside the repository clone.

Tests that read it skip with a reason when it is absent; nothing from it is copied here.
"""

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DOMAINS = SHARED / "domains"
SEED_ARTICLE = SHARED / "seed" / "hanoi_postures_2019.txt"
SPEC_CASES = SHARED / "specs" / "cases"
DEU = SHARED / "data" / "deu"
