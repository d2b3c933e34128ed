"""``detente phase``: phased deals against the big-bang deal, step by step."""

from __future__ import annotations

import math
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table
from rich.text import Text

from detente.documents import envelope, jsonable
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.limits import (
    MAX_PHASE_OUTCOMES,
    MAX_PHASE_PRINCIPALS,
    SpaceTooLargeError,
    check_space_size,
)
from detente.engines.phasing import (
    FinalSpecError,
    NoNashDealError,
    PathReport,
    PhaseResult,
    PhasingError,
    analyse_phasing,
    resolve_final,
)
from detente.engines.phasing.custom import analyse_path
from detente.engines.phasing.finals import nash_final
from detente.engines.phasing.proposals import PhaseOptions, ProposalVerdict, evaluate_proposals
from detente.model import ScenarioError, resolve_scenario
from detente.presentation.cli.common import (
    MAX_SAMPLES,
    MAX_SEED,
    console,
    fail,
    print_json,
    report_diagnostics,
)

__all__ = ["number", "phase", "register", "signed"]


def _threshold(value: float | None, holds_now: bool = False) -> str:
    if value is None:
        # Raising trust never breaks a self-enforcing path (docs/phased-deals.md, property 2),
        # so "never" next to "yes" could only come from linkage terms: say that instead.
        return "not monotone in trust (holds here)" if holds_now else "never (fails at full trust)"
    return number(value)


def signed(value: float) -> str:
    """``+0.123``; a value that is not a finite number is shown as ``undefined``, never nan."""
    return f"{value:+.3f}" if math.isfinite(value) else "undefined"


def number(value: float) -> str:
    """``0.123``; ``undefined`` for a value that is not a finite number."""
    return f"{value:.3f}" if math.isfinite(value) else "undefined"


def _moves(step: Any) -> str:
    return "\n".join(
        f"{m.issue}: {m.before} → {m.after}"
        + (f" (costs {', '.join(m.payers)})" if m.payers else "")
        for m in step.moves
    )


def _steps_table(path: PathReport, title: str, principals: list[str]) -> Table:
    table = Table(title=title, show_lines=True)
    table.add_column("step", justify="right")
    table.add_column("moves")
    table.add_column("who moves (gives)")
    for party in principals:
        table.add_column(f"{party}\nutility after", justify="right")
        table.add_column(f"{party}\nmargin over stopping", justify="right")
    for step in path.steps:
        movers = ", ".join(step.movers) or "nobody (joint gain)"
        cells: list[str | Text] = [str(step.number), _moves(step), movers]
        for party in principals:
            margin = step.margins[party]
            style = "red" if margin < -1e-9 else "green"
            cells += [number(step.utilities[party]), Text(signed(margin), style=style)]
        table.add_row(*cells)
    return table


def _form_row(name: str, path: PathReport | None, uniform: float | None) -> list[str | Text]:
    if path is None:
        return [name, "—", "no path", "—", "—", _threshold(uniform)]
    verdict = Text("yes", style="green") if path.feasible else Text("no", style="red")
    failing = "; ".join(c.describe() for c in path.violated) or "none"
    per_party = ", ".join(f"{p} {_threshold(t, path.feasible)}" for p, t in path.thresholds.items())
    return [name, str(path.length), verdict, f"{signed(path.min_margin)}\n{failing}", per_party,
            _threshold(uniform, path.feasible)]  # fmt: skip


def _verdict_table(result: PhaseResult) -> Table:
    table = Table(title="Verdict: phased against big-bang", show_lines=True)
    for column in ("form", "steps", "self-enforcing", "weakest margin; violated constraints"):
        table.add_column(column)
    table.add_column("trust threshold per party\n(the others' compliance it needs)")
    table.add_column("trust threshold\n(all parties alike)")
    table.add_row(*_form_row("big-bang (one step)", result.big_bang, result.big_bang_threshold))
    table.add_row(
        *_form_row(f"best phased (≤{result.max_steps} steps)", result.best, result.phased_threshold)
    )
    if result.threshold_path is not None:
        table.add_row(
            *_form_row("phased, at its threshold", result.threshold_path, result.phased_threshold)
        )
    return table


def _header(result: PhaseResult) -> None:
    acc = result.acceptability
    console.print(Text("Final outcome", style="bold"), f"({result.final_source}):")
    console.print("  " + ", ".join(f"{k}={v}" for k, v in result.final.items()))
    parts = [f"{p} {u:.3f} (no deal {acc.reservations[p]:.3f})" for p, u in acc.utilities.items()]
    console.print("  utilities: " + "; ".join(parts))
    if acc.red_lines_broken:
        console.print(Text("  breaks red lines:", style="red"), ", ".join(acc.red_lines_broken))
    console.print(
        f"  in the zone of agreement: {'yes' if acc.acceptable else 'no'}; trust "
        + ", ".join(f"{p} {t:.2f}" for p, t in result.trust.items())
        + "; discount "
        + ", ".join(f"{p} {d:.2f}" for p, d in result.discount.items())
        + "; verification "
        + ", ".join(f"{p} {v:.2f}" for p, v in result.verification.items())
        + ("; trust grows (learning)" if result.learning else "")
        + ("; snapback" if result.snapback else "")
    )


def _summary(result: PhaseResult) -> str:
    if result.exists and result.shortest is not None:
        return (
            f"A self-enforcing path exists: the shortest has {result.shortest.length} step(s); "
            f"who moves first: {', '.join(result.shortest.first_movers) or 'nobody'}."
        )
    return f"No path of at most {result.max_steps} steps is self-enforcing at this trust."


def _show(result: PhaseResult) -> None:
    _header(result)
    principals = list(result.trust)
    console.print(_verdict_table(result))
    console.print(_summary(result))
    shown = result.best if result.best is not None else result.big_bang
    title = "Best phased path (maximin margin)" + ("" if shown.feasible else ": fails by least")
    console.print(_steps_table(shown, title, principals))
    binding = "; ".join(c.describe() for c in shown.binding)
    console.print(f"Binding constraints: {binding}")
    if shown.red_line_breaches:
        console.print("Red lines broken on the way: " + ", ".join(shown.red_line_breaches))
    if result.shortest is not None and result.shortest.length != shown.length:
        console.print(_steps_table(result.shortest, "Shortest self-enforcing path", principals))
    if result.robustness is not None:
        r = result.robustness
        console.print(
            f"Over {r.samples} samples (seed {r.seed}) of {', '.join(r.varied) or 'nothing'}: "
            f"a phased path is self-enforcing in {r.phased_share:.0%}, "
            f"the big-bang deal in {r.big_bang_share:.0%}."
        )
    beam = "a beam cut records: approximate" if result.approximate else "no beam: exact"
    console.print(
        f"search: {result.mode} steps, {result.states} states, {result.moves} moves, "
        f"{beam}; {result.seconds:.2f} s",
        style="dim",
    )


def _verdict_text(verdict: ProposalVerdict) -> str:
    result = verdict.result
    if result is None:
        return verdict.proposal.problem or "cannot be evaluated"
    acc = result.acceptability
    parts = [
        f"{p} below its no-deal value ({acc.utilities[p]:.3f} < {r:.3f})"
        for p, r in acc.reservations.items()
        if acc.utilities[p] < r - 1e-12
    ]
    parts += [f"breaks red line {line}" for line in acc.red_lines_broken]
    parts += [f"big-bang: {c.describe()}" for c in result.big_bang.violated]
    return "; ".join(parts) or "none: acceptable and self-enforcing as one step"


def _proposals_table(verdicts: tuple[ProposalVerdict, ...]) -> Table:
    table = Table(title="No zone of agreement: the proposals on the table", show_lines=True)
    for column in ("proposal", "final (changes from the status quo)", "fails"):
        table.add_column(column)
    table.add_column("big-bang passes at trust\n(per party; all alike)")
    table.add_column("best phased passes at trust\n(all alike)")
    for verdict in verdicts:
        p, result = verdict.proposal, verdict.result
        name = f"{p.party} {p.kind}\n({', '.join(p.postures)})"
        if result is None:
            table.add_row(name, "—", _verdict_text(verdict), "—", "—")
            continue
        changes = "\n".join(f"{k}={v}" for k, v in verdict.changes.items())
        per_party = ", ".join(f"{q} {_threshold(t)}" for q, t in result.big_bang.thresholds.items())
        big_bang = f"{per_party};\nall alike {_threshold(result.big_bang_threshold)}"
        table.add_row(name, changes, _verdict_text(verdict), big_bang,
                      _threshold(result.phased_threshold))  # fmt: skip
    return table


def show_proposals(verdicts: tuple[ProposalVerdict, ...]) -> None:
    """The proposals on the table, each with the constraints it fails and its thresholds."""
    console.print(
        "There is no zone of possible agreement, so no Nash deal to phase toward; evaluating "
        "each principal's offer and demand postures instead (docs/phased-deals.md)."
    )
    console.print(_proposals_table(verdicts))
    console.print(
        "[dim]'never (fails at full trust)': the proposal fails on substance (a reservation, "
        "a red line or discounting), not on trust. Phase one of them with --final "
        "ISSUE=OPTION,... for its step table.[/dim]",
        markup=True,
    )


def proposals_document(verdicts: tuple[ProposalVerdict, ...]) -> dict[str, Any]:
    """The JSON document of ``detente phase --json`` when it evaluates the proposals."""
    rows = []
    for verdict in verdicts:
        p = verdict.proposal
        rows.append({
            "party": p.party, "kind": p.kind, "postures": list(p.postures), "text": p.text,
            "problem": p.problem, "changes": verdict.changes, "fails": _verdict_text(verdict),
            "result": None if verdict.result is None else verdict.result.to_json(),
        })  # fmt: skip
    return {"zopa": False, "proposals": rows}


class _RefusalError(Exception):
    """Why ``phase`` stops; :func:`phase` prints it once (as a JSON envelope with ``--json``)."""

    def __init__(
        self, message: str, code: int, kind: str, diagnostics: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.code, self.kind, self.diagnostics = message, code, kind, diagnostics

    def document(self) -> dict[str, Any]:
        error: dict[str, Any] = {"kind": self.kind, "message": self.message}
        error["exit_code"] = self.code
        if self.diagnostics is not None:
            error["diagnostics"] = self.diagnostics
        return {"error": error}


def _exit(message: str, code: int, kind: str = "usage") -> NoReturn:
    raise _RefusalError(message, code, kind)


def _load(scenario: str | None, as_json: bool) -> Compiled:
    """The compiled scenario, within the limits of phased deals (else a located error, as JSON
    with ``--json``)."""
    try:
        loaded = resolve_scenario(scenario)
        check_space_size(loaded, MAX_PHASE_OUTCOMES, "phase")
    except SpaceTooLargeError as error:
        _exit(str(error), 1, "limit")
    except ScenarioError as error:
        if not as_json:
            report_diagnostics(error.diagnostics)
            raise typer.Exit(1) from None
        diagnostics = [
            {"file": d.file, "line": d.line, "column": d.column, "path": d.path,
             "severity": d.severity, "message": d.message, "text": str(d)}
            for d in error.diagnostics
        ]  # fmt: skip
        message = "; ".join(str(d) for d in error.diagnostics)
        raise _RefusalError(message, 1, "scenario", diagnostics) from None
    principals = sum(party.role == "principal" for party in loaded.parties)
    if principals > MAX_PHASE_PRINCIPALS:
        message = (
            f"the scenario has {principals} principals; phased deals handle at most "
            f"{MAX_PHASE_PRINCIPALS} (every set of movers is weighed at each step)"
        )
        _exit(message, 1, "limit")
    return compile_scenario(loaded)


def _check_ranges(max_steps: int, samples: int, seed: int, **units: float | None) -> None:
    """Range checks done here, not by the option parser, so that --json errors are JSON."""
    if not 1 <= max_steps <= 12:
        _exit(f"--max-steps {max_steps}: expected 1 to 12", 2)
    if not 0 <= samples <= MAX_SAMPLES:
        _exit(f"--samples {samples}: expected 0 to {MAX_SAMPLES:,}", 2)
    if not 0 <= seed <= MAX_SEED:
        _exit(f"--seed {seed}: expected 0 to {MAX_SEED}", 2)
    for name, value in units.items():
        if value is not None and not 0.0 <= value <= 1.0:
            _exit(f"--{name} {value}: expected a probability in [0, 1]", 2)


def _no_zopa(compiled: Compiled) -> bool:
    try:
        nash_final(compiled)
    except PhasingError:
        return True
    return False


def _run_path(compiled: Compiled, spec: str, options: PhaseOptions, as_json: bool) -> None:
    try:
        custom = analyse_path(compiled, spec, options)
    except FinalSpecError as error:
        _exit(f"{error} (in --path)", 2, "path")
    except PhasingError as error:
        _exit(str(error), 1, "phasing")
    if as_json:
        document = custom.analysis.to_json()
        document["path"] = jsonable(custom.report)
        document["path"]["length"] = custom.report.length
        document["path"]["spec"] = [step.text for step in custom.steps]
        print_json(envelope("phase", compiled.scenario.metadata.id, document))
        return
    _header(custom.analysis)
    principals = list(custom.analysis.trust)
    table = _verdict_table(custom.analysis)
    found = [t for t in custom.report.thresholds.values() if t is not None]
    uniform = max(found) if len(found) == len(custom.report.thresholds) else None
    table.add_row(*_form_row("your --path", custom.report, uniform))
    console.print(table)
    console.print(_steps_table(custom.report, "Your path (--path)", principals))
    binding = "; ".join(c.describe() for c in custom.report.binding)
    console.print(f"Binding constraints on your path: {binding}")


def phase(
    scenario: Annotated[str | None, typer.Argument(help="Embedded id or file path.")] = None,
    final: Annotated[
        str | None,
        typer.Option(
            help="nash, bridge:N, or ISSUE=OPTION,... (others at the status quo). Default: the "
            "Nash deal, or with no zone of agreement the proposals on the table."
        ),
    ] = None,
    max_steps: Annotated[int, typer.Option(help="Most steps in a path (1 to 12).")] = 5,
    trust: Annotated[
        float | None,
        typer.Option(help="Compliance probability for every party (0 to 1)."),
    ] = None,
    path_red_lines: Annotated[
        bool, typer.Option(help="Keep every step within the red lines (default: final only).")
    ] = False,
    samples: Annotated[
        int, typer.Option(help="Samples of the uncertain trust and discount factors (>= 0).")
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the samples.")] = 0,
    learning: Annotated[
        bool,
        typer.Option(
            "--learning",
            help="Trust that grows: each honoured tempting step raises the belief that the "
            "mover is trustworthy (Kydd 2000; docs/phased-deals.md).",
        ),
    ] = False,
    verification: Annotated[
        float | None,
        typer.Option(help="Probability that cheating is detected, for every party (0 to 1)."),
    ] = None,
    snapback: Annotated[
        bool,
        typer.Option(
            "--snapback",
            help="When a side stops, the others take back their reversible gives (a response, "
            "not only a cost).",
        ),
    ] = False,
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            help="Fix an order of moves: '[PARTY:] ISSUE=OPTION,...[, verified[=Q]]; ...' "
            "(docs/phased-deals.md); compared with the big bang and the best path to its end.",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON (errors too).")] = False,
) -> None:
    """Phased deals: which step-by-step sequences to a final deal each side can trust."""
    options = PhaseOptions(
        max_steps, trust, path_red_lines, samples, seed, learning, verification, snapback
    )
    try:
        _check_ranges(max_steps, samples, seed, trust=trust, verification=verification)
        _run(_load(scenario, json), final, path, options, json)
    except _RefusalError as refusal:
        if not json:
            fail(refusal.message, refusal.code)
        print_json(envelope("phase", scenario, refusal.document()))
        raise typer.Exit(refusal.code) from None


def _run(
    compiled: Compiled, final: str | None, path: str | None, options: PhaseOptions, json: bool
) -> None:
    """The phasing asked for: a fixed ``--path``, the proposals on the table, or a final."""
    if path is not None:
        if final is not None:
            _exit("give either --path (its last state is the final) or --final, not both", 2)
        _run_path(compiled, path, options, json)
        return
    try:
        if final is None and _no_zopa(compiled):
            proposals = evaluate_proposals(compiled, options)
        else:
            chosen = resolve_final(compiled, final or "nash")
            result = analyse_phasing(compiled, chosen, **options.keywords())
            proposals = None
    except FinalSpecError as error:
        _exit(f"{error} (in --final)", 2, "final")
    except NoNashDealError as error:
        hint = ". `detente analyze` explains why; try --final bridge:N or --final ISSUE=OPTION,..."
        _exit(f"{error}{hint}", 1, "no_deal_space")
    except PhasingError as error:
        _exit(str(error), 1, "phasing")
    scenario_id = compiled.scenario.metadata.id
    if proposals is not None:
        if json:
            print_json(envelope("phase", scenario_id, proposals_document(proposals)))
        else:
            show_proposals(proposals)
    elif json:
        print_json(envelope("phase", scenario_id, result))
    else:
        _show(result)


def register(app: typer.Typer) -> None:
    app.command()(phase)
