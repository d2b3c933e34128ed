"""Turning foreign names (GENIUS values, issue names, file names) into detente ids.

detente ids must match :data:`detente.model.scenario.ID_PATTERN`: an identifier
(``[A-Za-z_][A-Za-z0-9_]*``) or a plain number, at most 80 characters. The slug is
deterministic and documented, so the same file always gives the same ids:

1. a name that already is a valid id is kept as it is (``Dell``, ``2000``, ``0.6``);
2. a negative number becomes ``minus`` + its digits (``-10`` -> ``minus10``,
   ``-2.5`` -> ``minus2_5``), as :class:`detente.model.scenario.NumericRange` does;
3. otherwise the text is folded to ASCII (NFKD, accents dropped), ``&`` becomes ``and``,
   ``%`` ``pct`` and ``+`` ``plus``; every other run of characters outside ``[A-Za-z0-9]``
   becomes one ``_``; leading and trailing ``_`` are dropped; a result that starts with a
   digit gets the prefix ``v_``; an empty result becomes ``v``;
4. a word of the condition language (``and or not in true false``) gets a trailing ``_``;
5. the slug is cut to 72 characters, and a slug already taken by an earlier name of the same
   list gets the first free suffix ``_2``, ``_3``, ... (collision-free, order-dependent only);
   a number gets ``v_`` first so that the result stays an id (``1.5``, ``1.5`` -> ``v_1_5_2``).

The original text is kept as the ``label`` of the issue or option.

Examples
--------
>>> unique_ids(["Cheap & Nasty", "all to two(farmer & mun.)", "33%,33%,33%", "Dell"])
['Cheap_and_Nasty', 'all_to_two_farmer_and_mun', 'v_33pct_33pct_33pct', 'Dell']
>>> unique_ids(["a b", "a_b", "a-b", "-10", "true", "1.5", "1.5"])
['a_b', 'a_b_2', 'a_b_3', 'minus10', 'true_', '1.5', 'v_1_5_2']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from detente.model.scenario import ID_PATTERN

__all__ = ["MAX_SLUG", "metadata_id", "number_id", "slug", "unique_ids"]

MAX_SLUG = 72
_ID = re.compile(ID_PATTERN)
_NEGATIVE = re.compile(r"^-[0-9]+(?:\.[0-9]+)?$")
_RESERVED = frozenset({"and", "or", "not", "in", "true", "false"})
_WORDS = (("&", " and "), ("%", "pct"), ("+", " plus "))


def slug(text: str) -> str:
    """The id for ``text`` by rules 1-4 of the module docstring (not yet de-duplicated)."""
    text = text.strip()
    if _ID.match(text) and len(text) <= MAX_SLUG:
        result = text
    elif _NEGATIVE.match(text):
        result = "minus" + text[1:].replace(".", "_")
    else:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        for symbol, word in _WORDS:
            folded = folded.replace(symbol, word)
        result = re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")[:MAX_SLUG].rstrip("_")
        if not result:
            result = "v"
        elif result[0].isdigit():
            result = "v_" + result
    if result.lower() in _RESERVED:
        result += "_"
    return result


def unique_ids(texts: Iterable[str]) -> list[str]:
    """Slugs of ``texts`` in order, each made unique by the first free ``_2``, ``_3``, ..."""
    taken: set[str] = set()
    ids: list[str] = []
    for text in texts:
        base = slug(text)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            stem = base if not base[0].isdigit() else "v_" + base.replace(".", "_")
            candidate = f"{stem}_{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def number_id(value: float) -> str:
    """The id of a numeric option: ``3``, ``2.5``, ``minus1_5`` (six decimals at most).

    >>> [number_id(v) for v in (3.0, 2.5, -1.5, 0.1 + 0.2)]
    ['3', '2.5', 'minus1_5', '0.3']
    """
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return slug(text)


def metadata_id(text: str) -> str:
    """A scenario id (``[A-Za-z0-9][A-Za-z0-9_.-]*``, at most 80 characters) for ``text``.

    >>> metadata_id("Group 4 (zoning)")
    'Group_4_zoning'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    result = re.sub(r"[^A-Za-z0-9_.\-]+", "_", folded).strip("_.-")[:80]
    return result or "domain"
