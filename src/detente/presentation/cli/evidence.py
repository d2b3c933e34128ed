"""``detente evidence add | list | link``: the evidence store and posture links."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from detente.documents import envelope
from detente.errors import MissingExtraError
from detente.evidence.link import link_postures, links_document, statement_from_row
from detente.evidence.store import EvidenceStore, StoreError
from detente.presentation.cli.common import console, fail, load_or_exit, print_json
from detente.presentation.cli.extract import parse_date, read_or_exit, run_extraction

__all__ = ["register"]

evidence_app = typer.Typer(
    help="Keep extracted statements in a database and link them to postures."
)

DbOption = Annotated[str, typer.Option("--db", help="Evidence database file (DuckDB).")]


def _open(db: str) -> EvidenceStore:
    try:
        return EvidenceStore(db)
    except (StoreError, MissingExtraError) as error:
        fail(str(error))


@evidence_app.command("add")
def add(
    articles: Annotated[list[str], typer.Argument(help="Text or HTML files.")],
    db: DbOption,
    scenario: Annotated[str | None, typer.Option(help="Scenario id or file.")] = None,
    date: Annotated[str | None, typer.Option(help="Article date (YYYY-MM-DD).")] = None,
) -> None:
    """Extract statements from articles and add them (re-adding changes nothing)."""
    model = load_or_exit(scenario) if scenario else None
    article_date = parse_date(date, "--date")
    with _open(db) as store:
        for article in articles:
            text = read_or_exit(article)
            statements = run_extraction(text, model, article_date)
            added = store.add(text.text, statements, article, article_date=article_date)
            console.print(
                f"{article}: {len(statements)} statements, {added} new",
                highlight=False,
                soft_wrap=True,
            )


@evidence_app.command("list")
def list_statements(
    db: DbOption,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains.")] = None,
    party: Annotated[str | None, typer.Option(help="Party id.")] = None,
    issue: Annotated[str | None, typer.Option(help="Issue id.")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Said on or after (YYYY-MM-DD).")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Said on or before (YYYY-MM-DD).")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List stored statements matching the filters."""
    start, end = parse_date(from_, "--from"), parse_date(to, "--to")
    with _open(db) as store:
        rows = store.query(speaker, party, issue, start, end)
    if json:
        print_json(envelope("evidence list", None, rows))
        return
    table = Table("said on", "speaker", "party", "kind", "quote", "issues", "stance")
    for r in rows:
        table.add_row(
            str(r["said_on"] or ""), r["speaker"] or "?", r["party"] or "", r["kind"],
            _clip(r["quote"]), ", ".join(r["issues"] or []), r["stance"] or "",
        )  # fmt: skip
    console.print(table)


#: The longest quote the table shows (``--json`` gives the whole text).
MAX_QUOTE_SHOWN = 600


def _clip(text: str, limit: int = MAX_QUOTE_SHOWN) -> str:
    """``text`` cut to ``limit`` characters with how much was left out (a table stays fast).

    >>> _clip("abcdef", 3)
    'abc… (3 more characters; --json for all)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters; --json for all)"


@evidence_app.command("link")
def link(
    scenario: Annotated[str | None, typer.Argument(help="Scenario id or file.")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Use this store instead of the scenario's evidence.")
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Propose supporting statements for each posture of a scenario."""
    model = load_or_exit(scenario)
    pool = None
    if db is not None:
        with _open(db) as store:
            pool = [statement_from_row(r, i) for i, r in enumerate(store.query())]
    proposals = link_postures(model, pool)
    if json:
        print_json(envelope("evidence link", model.metadata.id, links_document(proposals)))
        return
    for posture, links in proposals.items():
        console.print(posture, style="bold")
        for item in links:
            quote = item.statement.quote.strip()[:90]
            console.print(
                f"  {item.score:5.2f}  {item.statement.id}: “{quote}” ({item.reason})",
                highlight=False, markup=False,
            )  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")
