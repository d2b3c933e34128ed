"""Every code sample of the documentation runs (docs/**/*.md and the README's Python).

In each page, in order, in a fresh folder (with ``../shared`` linked when present):

- a ``yaml`` / ``text`` block right after ``<!-- file: NAME -->`` is written to ``NAME``;
- every ``python`` block runs with this interpreter, every line of a ``sh`` block runs in a
  shell with this environment's ``detente`` first on the PATH; each must exit 0;
- a block right after ``<!-- skip: REASON -->`` is not run (the reason is required), and one
  after ``<!-- needs: PATH -->`` is skipped, with the reason, when ``PATH`` does not exist.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.shared_data import SHARED

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
FENCE = re.compile(r"(?:<!-- (file|skip|needs): ?(.*?) -->\n)?```(\w+)[^\n]*\n(.*?)```", re.S)


@dataclass(frozen=True)
class Block:
    language: str
    code: str
    marker: str | None
    argument: str
    line: int


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text with the marker comment right before each."""
    return [
        Block(m.group(3), m.group(4), m.group(1), (m.group(2) or "").strip(),
              text.count("\n", 0, m.start()) + 1)
        for m in FENCE.finditer(text)
    ]  # fmt: skip


PAGES = sorted(DOCS.rglob("*.md"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = f"{ROOT / 'src'}{os.pathsep}{ROOT}"
    env["COLUMNS"] = "120"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _run(command: list[str] | str, where: Path, label: str) -> None:
    done = subprocess.run(
        command, cwd=where, env=_env(), shell=isinstance(command, str), capture_output=True,
        text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{label}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def _workdir(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    return work


def _execute(page: Path, text: str, tmp_path: Path) -> int:
    work, ran = _workdir(tmp_path), 0
    for block in blocks(text):
        label = f"{page.name}:{block.line}"
        if block.marker == "skip":
            assert block.argument, f"{label}: a skipped sample needs a reason"
            continue
        if block.marker == "needs" and not (work / block.argument).exists():
            continue
        if block.marker == "file":
            (work / block.argument).write_text(block.code, encoding="utf-8")
        elif block.language == "python":
            _run([sys.executable, "-c", block.code], work, label)
            ran += 1
        elif block.language == "sh":
            for line in block.code.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    _run(line, work, f"{label}: {line}")
            ran += 1
    return ran


def test_the_block_reader_sees_markers_and_languages() -> None:
    text = "x\n<!-- file: a.yaml -->\n```yaml\nk: 1\n```\n\n```sh\ndetente --help\n```\n"
    found = blocks(text)
    assert [(b.language, b.marker, b.argument) for b in found] == [
        ("yaml", "file", "a.yaml"),
        ("sh", None, ""),
    ]
    assert found[0].code == "k: 1\n"


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_every_code_sample_of_the_docs_runs(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    needs = [b.argument for b in blocks(text) if b.marker == "needs"]
    ran = _execute(page, text, tmp_path)
    if not ran and needs:
        pytest.skip(f"needs {needs[0]} (absent)")


def test_the_readme_python_runs(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    python = [b for b in blocks(text) if b.language == "python"]
    assert python, "the README shows Python"
    for block in python:
        _run([sys.executable, "-c", block.code], _workdir(tmp_path), f"README.md:{block.line}")
