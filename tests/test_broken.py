"""Every broken scenario in tests/data/broken gives exactly the diagnostics it declares.

Each file opens with ``# expect: LINE: FRAGMENT`` comments, one per diagnostic (error or
warning) that validation must produce: at that line, with that fragment in its text. The test
also checks that nothing else is reported, so the list is both complete and free of noise.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.model.loading import validate_scenario_file

BROKEN = Path(__file__).parent / "data" / "broken"
FILES = sorted(BROKEN.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+): (.+)$")


def _expectations(path: Path) -> list[tuple[int, str]]:
    found = [EXPECT.match(line) for line in path.read_text("utf-8").splitlines()]
    return [(int(m.group(1)), m.group(2)) for m in found if m]


def test_there_is_a_broken_file_per_error_kind() -> None:
    assert len(FILES) >= 30
    assert all(_expectations(path) for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_broken_file_reports_what_it_declares(path: Path) -> None:
    result = validate_scenario_file(path)
    expected = _expectations(path)
    lines = [str(d) for d in result.diagnostics]
    for line, fragment in expected:
        matches = [d for d in result.diagnostics if d.line == line and fragment in str(d)]
        assert matches, f"no diagnostic at line {line} containing {fragment!r}; got {lines}"
        assert all(d.file == str(path) and d.column is not None for d in matches)
    assert len(result.diagnostics) == len(expected), lines
    warnings_only = all(d.severity == "warning" for d in result.diagnostics)
    assert (result.scenario is not None) == warnings_only
