"""Read the DEU data (Decision-making in the European Union) as an :class:`IssueTable`.

The folder holds ``deu_issues.csv`` (one row per issue), ``deu_positions.csv`` (one row per
actor on an issue) and ``deu_council_votes.csv`` (the treaties' Council vote weights), as
described in the folder's README. Sources: Thomson, Stokman, Achen & König (eds.) (2006),
*The European Union Decides*; Thomson et al. (2012), *JEPP* 19(4); Arregui & Perarnaud
(2022), *JEPP*, doi:10.1080/13501763.2021.1991983 (DEU III, CC BY 4.0, doi:10.34810/data53).

Capability conventions (``capability``):

``votes``
    Council votes: the pre-Nice EU-15 weights (total 87, qualified majority 62) when the final
    act is dated 2004 or earlier, the Nice weights (qualified majority 232 of 321, EU-25)
    after, and also when the final act date is absent; the Commission (``com``) and the
    Parliament (``ep``) get the largest member-state weight of that scheme.
``equal``
    Every actor 1 (the qualified-majority share stays that of the votes scheme).

Only actors with both a position and a salience enter an issue (the README's rule); the number
left out is recorded in :attr:`IssueTable.notes`. Every problem is reported as
``file:line: message``.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from detente.engines.issuetable.table import Issue, IssueTable, IssueTableError, make_issue

__all__ = ["CAPABILITIES", "load_deu"]

CAPABILITIES = ("votes", "equal")
ISSUE_COLUMNS = (
    "issue_id",
    "proposal_id",
    "procedure",
    "council_voting_rule",
    "final_act_date",
    "reference_point",
    "outcome",
)
POSITION_COLUMNS = ("issue_id", "actor", "position", "salience")
VOTE_COLUMNS = ("actor", "votes_pre_nice_eu15", "votes_nice")
THRESHOLD = {"pre-nice": 62.0 / 87.0, "nice": 232.0 / 321.0}
MAX_BYTES = 50 * 1024 * 1024

Row = dict[str, str]


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, Row]]:
    """``(line, row)`` pairs of the CSV at ``path``, checking the header has ``columns``."""
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
        text = raw.decode("utf-8-sig")
    except OSError as error:
        raise IssueTableError([f"{path}: cannot read: {error.strerror or error}"]) from None
    except UnicodeDecodeError as error:
        raise IssueTableError([f"{path}: not UTF-8 text (byte {error.start})"]) from None
    if len(raw) > MAX_BYTES:
        raise IssueTableError([f"{path}: larger than {MAX_BYTES} bytes"])
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise IssueTableError([f"{path}:{reader.line_num}: {error}"]) from None
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    missing = [c for c in columns if c not in header]
    if missing:
        raise IssueTableError([f"{path}:1: header lacks {', '.join(missing)}"])
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise IssueTableError(
                [f"{path}:{line}: expected {len(header)} fields, found {len(row)}"]
            )
        out.append((line, {h: cell.strip() for h, cell in zip(header, row, strict=True)}))
    return out


def _number(text: str, where: str, column: str, problems: list[str]) -> float | None:
    """The number in ``text`` (None when empty); a located problem when not in 0–100."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problems.append(f"{where}: {column} {text!r} is not a number")
        return None
    if not (math.isfinite(value) and 0.0 <= value <= 100.0):
        problems.append(f"{where}: {column} {text!r} must lie in 0-100")
        return None
    return value


def _votes(path: Path) -> dict[str, dict[str, float]]:
    """Scheme → actor → Council votes (member states only)."""
    table: dict[str, dict[str, float]] = {"pre-nice": {}, "nice": {}}
    problems: list[str] = []
    for line, row in _read(path, VOTE_COLUMNS):
        for scheme, column in (("pre-nice", "votes_pre_nice_eu15"), ("nice", "votes_nice")):
            value = _number(row[column], f"{path}:{line}", column, problems)
            if value is not None:
                table[scheme][row["actor"]] = value
    if problems:
        raise IssueTableError(problems)
    return table


def _scheme(final_act: str) -> str:
    """``pre-nice`` when the final act is dated 2004 or earlier; ``nice`` after or if absent."""
    year = final_act[:4]
    return "pre-nice" if year.isdigit() and int(year) <= 2004 else "nice"


def _capability(
    actors: list[str], scheme: str, votes: dict[str, dict[str, float]], mode: str
) -> np.ndarray:
    if mode == "equal":
        return np.ones(len(actors))
    weights = votes[scheme]
    top = max(weights.values(), default=1.0)
    # A member state without a weight in the scheme (e.g. a later entrant) gets none.
    return np.array([top if a in ("com", "ep") else weights.get(a, 0.0) for a in actors])


def _positions(
    path: Path, known: set[str]
) -> tuple[dict[str, list[tuple[str, float, float]]], int]:
    """Issue → [(actor, position, salience)], and the number of rows without a salience."""
    by_issue: dict[str, list[tuple[str, float, float]]] = {}
    problems: list[str] = []
    skipped = 0
    seen: set[tuple[str, str]] = set()
    for line, row in _read(path, POSITION_COLUMNS):
        where = f"{path}:{line}"
        issue, actor = row["issue_id"], row["actor"].lower()
        if issue not in known:
            problems.append(f"{where}: issue {issue!r} is not in deu_issues.csv")
        if (issue, actor) in seen:
            problems.append(f"{where}: actor {actor!r} appears twice on issue {issue!r}")
        seen.add((issue, actor))
        x = _number(row["position"], where, "position", problems)
        s = _number(row["salience"], where, "salience", problems)
        if x is None or s is None:
            skipped += 1
            continue
        by_issue.setdefault(issue, []).append((actor, x, s))
    if problems:
        raise IssueTableError(problems)
    return by_issue, skipped


def _role(actor: str) -> str:
    return {"com": "setter", "ep": "chamber"}.get(actor, "member")


def _issue(
    row: Row,
    where: str,
    rows: list[tuple[str, float, float]],
    context: tuple[dict[str, dict[str, float]], str],
    problems: list[str],
) -> Issue:
    votes, mode = context
    scheme = _scheme(row["final_act_date"])
    actors = [a for a, _, _ in rows]
    return make_issue(
        row["issue_id"],
        row["proposal_id"],
        actors,
        [x for _, x, _ in rows],
        [s for _, _, s in rows],
        capability=_capability(actors, scheme, votes, mode),
        role=[_role(a) for a in actors],
        reference=_number(row["reference_point"], where, "reference_point", problems),
        outcome=_number(row["outcome"], where, "outcome", problems),
        rule="Unan" if row["council_voting_rule"].lower().startswith("unan") else "QMV",
        procedure=row["procedure"].upper() or "CNS",
        scheme=scheme,
        threshold=THRESHOLD[scheme],
        source=where,
    )


def load_deu(folder: str | Path, capability: str = "votes") -> IssueTable:
    """Every issue of the DEU files in ``folder`` (scored or not; see :meth:`IssueTable.scored`).

    Raises
    ------
    IssueTableError
        With every located problem: a missing file or column, a number that is not one or lies
        outside 0–100, an unknown issue, a duplicate actor.
    """
    if capability not in CAPABILITIES:
        raise IssueTableError([f"capability must be one of {', '.join(CAPABILITIES)}"])
    root = Path(folder)
    files = [root / f"deu_{name}.csv" for name in ("issues", "positions", "council_votes")]
    absent = [str(f) for f in files if not f.is_file()]
    if absent:
        raise IssueTableError([f"{f}: no such file" for f in absent])
    issue_rows = _read(files[0], ISSUE_COLUMNS)
    ids = [row["issue_id"] for _, row in issue_rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise IssueTableError([f"{files[0]}: duplicate issue_id {', '.join(dupes)}"])
    by_issue, skipped = _positions(files[1], set(ids))
    votes = _votes(files[2])
    problems: list[str] = []
    issues = [
        _issue(
            row,
            f"{files[0]}:{line}",
            by_issue.get(row["issue_id"], []),
            (votes, capability),
            problems,
        )
        for line, row in issue_rows
    ]
    if problems:
        raise IssueTableError(problems)
    notes = (f"{skipped} actor rows without a position or salience left out",)
    return IssueTable(tuple(issues), str(root), capability, notes)
