"""Presentation-ready views of a scenario, shared by the HTML report and the web app.

Each view is plain JSON-ready data (dicts, lists, numbers, strings); the report renders it with
Jinja2 and plotly, the web app serves it from its JSON API. Engines that are not installed (or
fail) leave their section marked ``{"available": False, "reason": ...}``.
"""

from detente.presentation.views.document import (
    MAX_INTERACTIVE_OUTCOMES,
    SpaceTooLargeError,
    build_document,
    check_space_size,
)

__all__ = [
    "MAX_INTERACTIVE_OUTCOMES",
    "SpaceTooLargeError",
    "build_document",
    "check_space_size",
]
