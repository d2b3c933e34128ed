"""A rich console that prints user text as text: no markup, no terminal control, any string.

Scenario titles, party names, quotes and article text are data. Printed through a plain rich
console they could (1) be read as console markup (``[/x]`` raises ``MarkupError``, ``[bold]``
restyles), (2) carry ANSI escape sequences that move the cursor, clear the screen or set the
window title, or (3) hold lone surrogates, which no UTF-8 stream can encode. This console:

- has markup off by default (styles are given as ``style=`` or :class:`rich.text.Text`);
- removes C0 / C1 control characters other than tab and newline from the text of every
  segment before rich adds its own styling codes (so colours still work on a terminal);
- writes a lone surrogate as a ``\\udXXX`` escape instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.segment import Segment

__all__ = ["SafeConsole", "printable"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` without control characters (tab and newline kept), surrogates escaped.

    Examples
    --------
    >>> printable("red \\x1b[31mtext\\x1b[0m\\ttab")
    'red [31mtext[0m\\ttab'
    >>> printable("lone \\ud800")
    'lone \\\\ud800'
    """
    text = _CONTROL.sub("", text)
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class SafeConsole(Console):
    """A :class:`rich.console.Console` for user text (see the module docstring)."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("markup", False)
        super().__init__(**options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        clean = (
            segment if segment.control else Segment(printable(segment.text), segment.style)
            for segment in buffer
        )
        return super()._render_buffer(clean)
