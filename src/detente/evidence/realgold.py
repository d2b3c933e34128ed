"""Gold annotations of real articles whose text is kept outside the repository.

A third-party article never enters the repository: its gold file holds the article's address,
the SHA-256 of its text and, per statement, the character offsets of the quote span in that
text (Python ``str`` indices), the SHA-256 of the span, the speaker with accepted alternatives,
the kind (``direct``, ``indirect`` or ``mixed``: a paraphrase that contains quoted words) and an
``optional`` flag. The texts live in a corpus folder, ``$DETENTE_NEWS_CORPUS`` or
``/work/corpus/news``, one ``<corpus_id>.txt`` each; :func:`load_real_gold` reads the text,
checks both hashes and returns the statements with their quotes filled in.

Annotations are written as lines (:func:`parse_annotations`)::

    #corpus_id ADDRESS DATE-or-- GENRE
    KIND[o][@N]|Speaker Full Name|Alternative;Alternative|exact words of the span

``KIND`` is ``d``, ``i`` or ``m``; ``o`` marks an optional item; ``@N`` takes the N-th (from 0)
occurrence of the words. Words are matched with any white space between them, so a span may
cross the article's line breaks.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.errors import DetenteError

__all__ = [
    "CORPUS_ENV",
    "AnnotationError",
    "RealGold",
    "build_gold",
    "corpus_dir",
    "load_real_gold",
    "parse_annotations",
    "sha256",
]

CORPUS_ENV = "DETENTE_NEWS_CORPUS"
_DEFAULT_CORPUS = Path("/work/corpus/news")
_KINDS = {"d": "direct", "i": "indirect", "m": "mixed"}


class AnnotationError(DetenteError, ValueError):
    """An annotation or a gold file does not fit its article (the message says where)."""


@dataclass(frozen=True)
class RealGold:
    """A real article's gold: its id, address, text, date, genre, group and statements."""

    corpus_id: str
    address: str
    text: str
    article_date: str | None
    genre: str
    group: str
    statements: list[dict[str, Any]]


def sha256(text: str) -> str:
    """SHA-256 of ``text`` encoded as UTF-8 (hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def corpus_dir() -> Path:
    """The folder of article texts: ``$DETENTE_NEWS_CORPUS``, else ``/work/corpus/news``."""
    return Path(os.environ.get(CORPUS_ENV) or _DEFAULT_CORPUS)


def _span(text: str, words: str, occurrence: int, where: str) -> tuple[int, int]:
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    found = list(re.finditer(pattern, text))
    if len(found) <= occurrence:
        raise AnnotationError(f"{where}: span not found ({len(found)} occurrences): {words[:60]!r}")
    return found[occurrence].start(), found[occurrence].end()


def _statement(line: str, text: str, where: str) -> dict[str, Any]:
    fields = line.split("|", 3)
    if len(fields) != 4:
        raise AnnotationError(f"{where}: expected KIND|speaker|alternatives|span")
    flags, speaker, alternatives, words = fields
    match = re.fullmatch(r"(?P<kind>[dim])(?P<optional>o?)(?:@(?P<n>\d+))?", flags)
    if match is None:
        raise AnnotationError(f"{where}: bad kind {flags!r} (d, i or m, then o, then @N)")
    start, end = _span(text, words, int(match.group("n") or 0), where)
    return {
        "start": start,
        "end": end,
        "quote_sha256": sha256(text[start:end]),
        "speaker": speaker.strip(),
        "speaker_alternatives": [a.strip() for a in alternatives.split(";") if a.strip()],
        "kind": _KINDS[match.group("kind")],
        "optional": bool(match.group("optional")),
    }


def parse_annotations(source: str, corpus: Path, name: str = "annotations") -> list[dict[str, Any]]:
    """Gold documents (without ``group``) from annotation lines; see the module docstring."""
    golds: list[dict[str, Any]] = []
    text = ""
    for number, raw in enumerate(source.splitlines(), 1):
        line, where = raw.strip(), f"{name}:{number}"
        if not line:
            continue
        if line.startswith("#"):
            parts = line[1:].split()
            if len(parts) != 4:
                raise AnnotationError(f"{where}: expected #corpus_id ADDRESS DATE GENRE")
            corpus_id, address, date, genre = parts
            path = corpus / f"{corpus_id}.txt"
            if not path.exists():
                raise AnnotationError(f"{where}: no article text at {path}")
            text = path.read_text("utf-8")
            golds.append(build_gold(corpus_id, address, text, None if date == "-" else date, genre))
        elif not golds:
            raise AnnotationError(f"{where}: a statement before the first #article line")
        else:
            golds[-1]["statements"].append(_statement(line, text, where))
    return golds


def build_gold(
    corpus_id: str, address: str, text: str, article_date: str | None, genre: str
) -> dict[str, Any]:
    """An empty gold document for one article (statements are appended)."""
    return {
        "article": address,
        "corpus_id": corpus_id,
        "text_sha256": sha256(text),
        "article_date": article_date,
        "genre": genre,
        "statements": [],
    }


def load_real_gold(path: str | Path, corpus: Path | None = None) -> RealGold:
    """Read a real-article gold file and its text; check the hashes.

    Raises
    ------
    FileNotFoundError
        The article text is not in the corpus folder (tests skip on this).
    AnnotationError
        The text or a quote span does not have the hash the gold file records.
    """
    file = Path(path)
    data = json.loads(file.read_text("utf-8"))
    article = (corpus or corpus_dir()) / f"{data['corpus_id']}.txt"
    if not article.exists():
        raise FileNotFoundError(f"article text {article} is absent (set ${CORPUS_ENV})")
    text = article.read_text("utf-8")
    if sha256(text) != data["text_sha256"]:
        raise AnnotationError(f"{file}: the text at {article} is not the annotated one")
    statements = []
    for k, item in enumerate(data["statements"]):
        quote = text[item["start"] : item["end"]]
        if sha256(quote) != item["quote_sha256"]:
            raise AnnotationError(f"{file}: statement {k}: span hash differs")
        statements.append({**item, "quote": quote})
    return RealGold(
        data["corpus_id"], data["article"], text, data.get("article_date"),
        data.get("genre", ""), data.get("group", "development"), statements,
    )  # fmt: skip


def main(argv: list[str]) -> int:
    """``python -m detente.evidence.realgold ANNOTATIONS GROUP OUTDIR``: write gold files."""
    annotations, group, out = argv
    golds = parse_annotations(Path(annotations).read_text("utf-8"), corpus_dir(), annotations)
    for gold in golds:
        gold["group"] = group
        target = Path(out) / f"{gold['corpus_id']}.json"
        target.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
