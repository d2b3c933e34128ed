"""``detente extract``: statements of an article (text or HTML file, or ``-`` for stdin)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer
from rich.table import Table

from detente.documents import envelope
from detente.evidence.extract import ExtractedStatement, extract
from detente.evidence.results import Extraction
from detente.evidence.score import load_gold, score
from detente.evidence.segment import PipelineError, get_pipeline
from detente.evidence.text import Text, TextError, read_article
from detente.model.scenario import Scenario
from detente.presentation.cli.common import console, fail, load_or_exit, print_json

__all__ = ["parse_date", "read_or_exit", "register", "run_extraction"]


def parse_date(value: str | None, option: str) -> dt.date | None:
    """An ISO date option, or a usage error (exit 2) naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (use YYYY-MM-DD)", code=2)


def read_or_exit(article: str) -> Text:
    """Read ``article`` (``-``: standard input), or print why not and exit 1."""
    try:
        if article == "-":
            return read_article("<stdin>", data=sys.stdin.buffer.read())
        return read_article(article)
    except TextError as error:
        fail(str(error))


def run_extraction(
    text: Text, scenario: Scenario | None, date: dt.date | None, pipeline: str | None = None
) -> list[ExtractedStatement]:
    """Extract with a named pipeline, failing cleanly when it is not installed."""
    try:
        return extract(text, scenario, date, get_pipeline(pipeline))
    except PipelineError as error:
        fail(str(error))


def _table(statements: list[ExtractedStatement]) -> Table:
    table = Table(
        "speaker", "party", "kind", "said on", "quote", "venue / reported by", "issues", "stance"
    )
    for s in statements:
        when = f"{s.said_on}–{s.said_until}" if s.said_until else str(s.said_on or "")
        where = " / ".join(x for x in (s.venue, s.reported_by) if x)
        table.add_row(
            s.speaker or "?",
            s.party or "",
            s.kind,
            when,
            s.quote,
            where,
            ", ".join(s.issues),
            s.stance,
        )
    return table


def extract_command(
    article: Annotated[str, typer.Argument(help="Text or HTML file, or - for standard input.")],
    scenario: Annotated[
        str | None, typer.Option(help="Scenario id or file for people, parties and issues.")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Article date (YYYY-MM-DD) for relative dates.")
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    gold: Annotated[
        str | None, typer.Option("--score", help="Gold annotation JSON to score against.")
    ] = None,
    pipeline: Annotated[
        str | None, typer.Option(help="rules (default), spacy or spacy:MODEL.")
    ] = None,
) -> None:
    """Extract who said what, when, where and about which issue from an article."""
    gold_data = None
    if gold is not None:
        try:
            gold_data = load_gold(gold)
        except (OSError, ValueError, KeyError) as error:
            fail(f"cannot read gold file {gold}: {error}")
    article_date = parse_date(date, "--date") or (gold_data.article_date if gold_data else None)
    reference = scenario or (gold_data.scenario if gold_data else None)
    model = load_or_exit(reference) if reference else None
    statements = run_extraction(read_or_exit(article), model, article_date, pipeline)
    scores = score(statements, gold_data.statements) if gold_data else None
    if json:
        scenario_id = model.metadata.id if model else None
        print_json(envelope("extract", scenario_id, Extraction(tuple(statements), scores)))
        return
    console.print(_table(statements))
    for kind, v in (scores or {}).items():
        console.print(
            f"{kind}: gold {v.gold}, predicted {v.predicted}, matched {v.matched}; attribution "
            f"P {v.attribution_precision:.3f} R {v.attribution_recall:.3f}; quote F1 "
            f"{v.quote_f1:.3f}; dates {v.date_accuracy:.3f} of {v.dated}; stance "
            f"{v.stance_accuracy:.3f}",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
