"""The commands of the foundation: scenarios, show, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente import load_scenario_text, resolve_scenario
from detente.presentation.cli import app

runner = CliRunner()
HANOI = Path(__file__).resolve().parents[1] / "src/detente/data/scenarios/hanoi-2019.yaml"
VALID = Path(__file__).parent / "data" / "valid.yaml"
BROKEN = Path(__file__).parent / "data" / "broken"


def test_scenarios_lists_hanoi() -> None:
    result = runner.invoke(app, ["scenarios"])
    assert result.exit_code == 0
    assert "hanoi-2019" in result.output


def test_show_default_is_hanoi_with_parties_issues_postures_and_quotes() -> None:
    result = runner.invoke(app, ["show"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in (
        "United States",
        "North Korea",
        "South Korea",
        "Ri Yong Ho (Foreign Minister)",
        "UN sanctions relief",
        "no relief < humanitarian exemptions",
        "dismantled†",
        "Postures by date",
        "no expiration date",
        "CBS’ Face the Nation",
        "reported by The Associated Press",
        "Definitions",
        "corresponding measures",
        "preferences.dprk.reservation -0.06",
        "Judgment",
    ):
        assert expected in out, expected
    # postures are printed in date order
    assert out.index("2019-02-26") < out.index("2019-03-04") < out.index("2019-03-06")


def test_show_a_file_and_as_json() -> None:
    result = runner.invoke(app, ["show", str(VALID), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)["result"]
    assert data["metadata"]["id"] == "broken"
    assert [p["id"] for p in data["parties"]] == ["a", "b"]


def test_show_json_of_hanoi_loads_back_equal() -> None:
    result = runner.invoke(app, ["show", "hanoi-2019", "--json"])
    scenario = json.dumps(json.loads(result.output)["result"])
    assert load_scenario_text(scenario) == resolve_scenario("hanoi-2019")


def test_show_unknown_scenario_fails_cleanly() -> None:
    result = runner.invoke(app, ["show", "atlantis-1999"])
    assert result.exit_code == 1
    assert "no such scenario" in result.output
    assert "Traceback" not in result.output


def test_validate_good_files() -> None:
    result = runner.invoke(app, ["validate", str(HANOI), str(VALID)])
    assert result.exit_code == 0
    assert result.output.count(": ok: scenario") == 2


def test_validate_reports_every_problem_of_every_file_and_warnings() -> None:
    files = [BROKEN / "many_problems.yaml", BROKEN / "weights_not_one.yaml", VALID]
    result = runner.invoke(app, ["validate", *map(str, files)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 5
    assert all(line.startswith(str(files[0]) + ":") for line in errors)
    assert any(": warning: parties[0].preferences.weights:" in line for line in lines)
    assert sum(": ok: " in line for line in lines) == 2


def test_warnings_alone_do_not_fail() -> None:
    result = runner.invoke(app, ["validate", str(BROKEN / "weights_not_one.yaml")])
    assert result.exit_code == 0
    assert "1 warning(s)" in result.output


def _nasty(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}

    def add(name: str, content: bytes, fragment: str) -> None:
        path = tmp_path / name
        path.write_bytes(content)
        files[name] = (path, fragment)

    add("binary.yaml", bytes(range(256)) * 8, "binary data")
    add("empty.yaml", b"", "not empty")
    add(
        "latin1.yaml",
        "metadata: {title: Tōkyō}".encode("latin-1", "replace") + b"\xe9",
        "not UTF-8",
    )
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 10)]
    add("bomb.yaml", "\n".join(bomb).encode(), "alias bomb")
    add("deep_flow.yaml", b"[" * 10_000 + b"]" * 10_000, "nests deeper")
    deep_block = "".join(" " * k + "a:\n" for k in range(3_000))
    add("deep_block.yaml", deep_block.encode(), "depth")
    add("list.yaml", b"- metadata\n- parties\n", "not a list")
    add("scalar.yaml", b"just text", "not a str")
    add("recursive.yaml", b"a: &x [1, *x]\n", "contains it")
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    files["huge.yaml"] = (huge, "the limit is")
    (tmp_path / "folder").mkdir()
    files["folder"] = (tmp_path / "folder", "is a directory")
    files["missing.yaml"] = (tmp_path / "missing.yaml", "cannot read")
    return files


def test_validate_nasty_files_never_traceback(tmp_path: Path) -> None:
    files = _nasty(tmp_path)
    result = runner.invoke(app, ["validate", *(str(p) for p, _ in files.values())])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    for path, fragment in files.values():
        mine = [line for line in lines if line.startswith(f"{path}:")]
        assert len(mine) == 1 and ": error: " in mine[0], (path, mine)
        assert fragment in mine[0], (fragment, mine[0])
        assert mine[0].startswith(f"{path}:1:") or mine[0].split(":")[1].isdigit()


@pytest.mark.parametrize("name", ["bomb.yaml", "list.yaml", "folder"])
def test_show_nasty_file_fails_cleanly(tmp_path: Path, name: str) -> None:
    path, fragment = _nasty(tmp_path)[name]
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 1
    assert fragment in result.output and "Traceback" not in result.output


def test_schema_is_json_schema_of_the_format() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"metadata", "parties", "issues"}
    assert schema["additionalProperties"] is False
    party = schema["$defs"]["Party"]
    assert party["properties"]["role"]["enum"] == ["principal", "mediator", "stakeholder"]
