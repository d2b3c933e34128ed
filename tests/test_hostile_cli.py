"""The hostile corpus (tests/hostile) through every command: no traceback, no hang, bounded memory.

The corpus is generated (nothing hostile is stored in the repository): scenario files for every
class of the hardening issue (#19) and more, special files (a FIFO with no writer,
``/dev/zero``, ``/dev/urandom``, a directory, a link to a device), GENIUS / GeniusWeb domains,
hostile articles, gold files and actor tables, and hostile option values. All of it runs in one
child process under a 3 GB address-space limit, each command under a 60 s alarm (see
``tests/hostile/child.py``); the test then asserts that no run raised, hung, warned or passed
invalid input with exit code 0. The figures (runs, tracebacks, hangs, peak memory) are printed
with ``-s``.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.corpus import corpus, write_corpus
from tests.hostile.domains import DOMAINS
from tests.hostile.run import run_jobs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")

#: Files of the corpus that are valid scenarios: every other one must fail validation.
VALID = {
    "issues_20.yaml", "issues_64.yaml", "issues_65.yaml", "issues_200.yaml",
    "outcomes_1e7.yaml", "principals_500.yaml", "infeasible_all.yaml", "statements_20000.yaml",
    "title_markup.yaml", "name_markup.yaml", "title_ansi.yaml", "quote_markup.yaml",
    "name_bidi.yaml", "posture_script.yaml", "crlf.yaml", "utf16.yaml", "utf32.yaml",
    "weight_denormal.yaml", "tabs_and_bom.yaml", "long_line.yaml", "title_long.yaml",
}  # fmt: skip
#: Too slow for every command (the YAML reader is pure Python, ~10^4 values/s): validated only.
SLOW = {"unknown_keys_50000.yaml", "statements_20000.yaml", "outcomes_1e7.yaml"}


def _scenario_jobs(paths: list[str], folder: Path) -> list[list[str]]:
    jobs = []
    for path in paths:
        jobs.append(["validate", path])
        if Path(path).name == "outcomes_1e7.yaml":  # refused before any work
            jobs += [["analyze", path, "--samples", "100"], ["report", path], ["phase", path]]
        if Path(path).name in SLOW:
            continue
        jobs += [
            ["show", path], ["analyze", path, "--samples", "10"], ["forecast", path],
            ["phase", path], ["timeline", path],
            ["simulate", path, "--runs", "4", "--db", str(folder / "sim.duckdb")],
            ["report", path, "-o", str(folder / "r.html"), "--samples", "5", "--runs", "5"],
        ]  # fmt: skip
    return jobs


def _domain_jobs(folder: Path) -> list[list[str]]:
    jobs = []
    for name, make in DOMAINS.items():
        where = folder / name
        where.mkdir()
        files = make()
        for file, content in files.items():
            (where / file).write_bytes(content)
        listed = [str(where / f) for f in files]
        jobs += [["import-domain", str(where)], ["analyze", *listed]]
    specials = [str(folder / "fifo.yaml"), "/dev/zero", "/dev/urandom"]
    robot = Path(__file__).parent / "data" / "genius" / "robot"
    for special in specials:
        jobs.append(["analyze", str(robot / "robot.xml"), special, str(robot / "robot_util2.xml")])
    return jobs


def _article_jobs(folder: Path) -> list[list[str]]:
    texts = {
        "article_utf16.txt": codecs.BOM_UTF16_LE + "Kim said: “We want it.”".encode("utf-16-le"),
        "article_binary.txt": bytes(range(256)) * 64,
        "article_markup.txt": "Kim said “[/x] \x1b[2J we want [bold]relief[/].”".encode(),
        "article_huge_quote.txt": ("Kim said “" + "relief " * 200_000 + "”.").encode(),
        "gold_deep.json": b"[" * 100_000,
        "gold_list.json": b"[1, 2]",
        "gold_bad_types.json": json.dumps({"article": 3, "statements": "x"}).encode(),
        "actors_junk.csv": b"\x00\x01\x02",
        "actors_nan.csv": b"name,position,capability,salience\na,nan,1,1\nb,inf,1,1\n",
    }  # fmt: skip
    for name, content in texts.items():
        (folder / name).write_bytes(content)
    db = str(folder / "evidence.duckdb")
    specials = [str(folder / "fifo.yaml"), "/dev/zero", "/dev/urandom", str(folder / "folder.yaml")]
    jobs = []
    for article in [*specials, *(str(folder / n) for n in texts if n.startswith("article"))]:
        jobs += [["extract", article], ["evidence", "add", article, "--db", db]]
    jobs += [["evidence", "list", "--db", db]]
    article = str(folder / "article_utf16.txt")
    for gold in [*specials, *(str(folder / n) for n in texts if n.startswith("gold"))]:
        jobs.append(["extract", article, "--score", gold])
    for actors in [*specials, str(folder / "actors_junk.csv"), str(folder / "actors_nan.csv")]:
        jobs.append(["forecast", "--actors", actors])
    for path in (str(folder / "folder.yaml"), str(folder / "article_binary.txt"), "/dev/full/x"):
        jobs += [["evidence", "list", "--db", path], ["simulate", "--runs", "2", "--db", path]]
    return jobs


def _option_jobs() -> list[list[str]]:
    return [
        ["simulate", "--runs", str(10**12)], ["analyze", "--samples", str(10**9)],
        ["analyze", "--seed", "-1"], ["analyze", "--seed", str(2**63)],
        ["simulate", "--runs", "2", "--seed", str(2**64)], ["report", "--seed", "-1"],
        ["phase", "--samples", str(10**9)], ["forecast", "--seed", str(2**70)],
        ["analyze", "--chunk", "0"], ["simulate", "--runs", "2", "--workers", "0"],
    ]  # fmt: skip


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = write_corpus(folder)
    jobs = _scenario_jobs(paths, folder) + _domain_jobs(folder) + _article_jobs(folder)
    jobs += _option_jobs()
    return run_jobs(jobs, folder)


def _describe(run: dict[str, Any]) -> str:
    return f"{' '.join(run['args'])[-160:]} -> {run['traceback'] or run['stderr'][-300:]}"


def test_the_corpus_covers_every_class() -> None:
    names = set(corpus())
    assert len(names) >= 60
    for needle in ("inf", "nan", "1e308", "surrogate", "markup", "ansi", "issues_200", "utf16",
                   "unclosed", "bomb", "principals_500", "infeasible", "unknown_keys"):  # fmt: skip
        assert any(needle in name for name in names), needle


def test_no_traceback_no_hang_no_warning(results: list[dict[str, Any]]) -> None:
    runs = results[:-1]
    broken = [r for r in runs if r["traceback"]]
    hangs = [r for r in runs if r["hang"]]
    noisy = [r for r in runs if r["warnings"]]
    print(  # the figures for the report: pytest -s
        f"\nhostile corpus: {len(runs)} runs, {len(broken)} tracebacks, {len(hangs)} hangs, "
        f"{len(noisy)} with warnings, peak RSS {results[-1]['peak_rss_mb']} MB"
    )
    assert not broken, [_describe(r) for r in broken]
    assert not hangs, [" ".join(r["args"])[-160:] for r in hangs]
    assert not noisy, [(" ".join(r["args"])[-120:], r["warnings"][:2]) for r in noisy]


def test_memory_stays_bounded(results: list[dict[str, Any]]) -> None:
    assert results[-1]["peak_rss_mb"] < 2048


def test_invalid_scenarios_fail_validation(results: list[dict[str, Any]]) -> None:
    validations = [r for r in results[:-1] if r["args"][0] == "validate"]
    for run in validations:
        name = Path(run["args"][1]).name
        expected = 0 if name in VALID else 1
        assert run["code"] == expected, _describe(run)


def test_every_refusal_is_a_located_message(results: list[dict[str, Any]]) -> None:
    refused = [r for r in results[:-1] if r["code"] not in (0, None)]
    assert len(refused) > 200
    for run in refused:
        assert (run["stderr"] + run["stdout"]).strip(), _describe(run)
        assert "Traceback" not in run["stderr"], _describe(run)
        assert "set_int_max_str_digits" not in run["stderr"], _describe(run)


@pytest.mark.parametrize(
    ("fragment", "needle"),
    [
        ("fifo.yaml", "named pipe"),
        ("/dev/zero", "character device"),
        ("folder.yaml", "directory"),
        ("weight_huge_int.yaml", "number too large"),
        ("numeric_tiny.yaml", "too narrow"),
        ("weight_inf.yaml", "finite"),
        ("utf16_no_bom.yaml", "binary data"),
        ("issues_200.yaml", "about 10^60 outcomes"),
        ("unknown_keys_50000.yaml", "more field errors"),
        ("title_surrogate.yaml", "lone surrogate U+D800"),
        ("/dev/full/x", "not a folder"),
        ("--db", "not a detente store"),
        ("--db", "is a directory, not a store file"),
        ("infeasible_all.yaml --runs", "no outcome meets every feasibility rule"),
        ("principals_500.yaml", "principals"),
        ("unclosed_bracket.yaml", "opened at line 2, column 10"),
        ("outcomes_1e7.yaml --samples", "evaluations; the limit is 200,000,000"),
        ("outcomes_1e7.yaml", "the limit of phase is 1,000,000"),
    ],
)
def test_refusals_say_what_is_wrong(
    results: list[dict[str, Any]], fragment: str, needle: str
) -> None:
    matching = [r for r in results[:-1] if fragment in " ".join(r["args"]) and r["code"] == 1]
    assert matching, fragment
    assert any(needle in " ".join((r["stderr"] + r["stdout"]).split()) for r in matching), [
        _describe(r) for r in matching
    ]


def test_valid_unicode_files_load(results: list[dict[str, Any]]) -> None:
    for name in ("utf16.yaml", "utf32.yaml"):
        run = next(r for r in results[:-1] if r["args"] == ["show", r["args"][1]]
                   and r["args"][1].endswith(name))  # fmt: skip
        assert run["code"] == 0, _describe(run)
