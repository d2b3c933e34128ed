"""Where the third-party data lives: the ``shared/`` folder beside the repository clone.

Tests that read it skip with a reason when it is absent; nothing from it is copied here.
"""

import json
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DOMAINS = SHARED / "domains"
SEED_ARTICLE = SHARED / "seed" / "hanoi_postures_2019.txt"
SPEC_CASES = SHARED / "specs" / "cases"
DEU = SHARED / "data" / "deu"


def spec_case(name: str) -> dict[str, Any]:
    """A reference case of the spec (``specs/cases/NAME``), or a skip with the reason."""
    path = SPEC_CASES / name
    if not path.exists():
        pytest.skip(f"reference case not found at {path}")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data
