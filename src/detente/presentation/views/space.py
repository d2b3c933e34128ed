"""The utility plane of the two main principals as JSON for the report and the web page.

The engine (:mod:`detente.engines.analysis.plane`) places every feasible outcome, the ZOPA,
the exact two-party frontier, the bargaining solutions, the postures and the status quo; this
module only writes them out, rounding the cloud's coordinates and adding each point's hover
text (the options by label, HTML-escaped).
"""

from __future__ import annotations

import html
from functools import reduce
from typing import Any

import numpy as np
import numpy.typing as npt

from detente.documents import jsonable
from detente.engines.analysis.plane import Plane, PlanePoint, utility_plane
from detente.engines.compile import Compiled
from detente.engines.space import OutcomeSpace, Ranks
from detente.model.scenario import Scenario
from detente.presentation.views import engines

__all__ = ["DEFAULT_MAX_POINTS", "hover_text", "utility_space"]

DEFAULT_MAX_POINTS = 5000
_DIGITS = 4


def hover_text(scenario: Scenario, space: OutcomeSpace, ranks: Ranks) -> list[str]:
    """One line per issue, ``label: option label``, for each row of ``ranks`` (vectorised).

    Labels are HTML-escaped: plotly reads a few tags (``<br>``, ``<a>``) in hover text, and a
    scenario's text must never become markup.
    """
    if ranks.shape[0] == 0:
        return []
    columns = []
    for i, issue in enumerate(scenario.issues):
        labels = np.array(
            [
                html.escape(f"{issue.label or issue.id}: {o.label or o.id}")
                for o in issue.ordered_options
            ]
        )
        columns.append(labels[ranks[:, i]])
    joined = reduce(lambda x, y: np.char.add(np.char.add(x, "<br>"), y), columns)
    return [str(t) for t in joined]


def _text(compiled: Compiled, index: npt.NDArray[np.int64]) -> list[str]:
    return hover_text(compiled.scenario, compiled.space, compiled.space.decode(index))


def _points(
    compiled: Compiled, point: PlanePoint, with_text: bool = True, **flags: Any
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "index": point.index.tolist(),
        "x": np.round(point.x, _DIGITS).tolist(),
        "y": np.round(point.y, _DIGITS).tolist(),
    }
    if with_text:
        result["text"] = _text(compiled, point.index)
    result.update({k: np.asarray(v).tolist() for k, v in flags.items()})
    return result


def _marks(compiled: Compiled, plane: Plane) -> dict[str, Any]:
    fields = ("index", "outcome", "utilities", "objective")
    solutions = {
        name: {
            **{field: jsonable(getattr(solution, field)) for field in fields},
            "x": x,
            "y": y,
            "text": _text(compiled, np.array([solution.index]))[0],
        }
        for name, (solution, x, y) in plane.solutions.items()
    }
    postures = [
        {
            "id": m.posture.id,
            "party": m.posture.party,
            "kind": m.posture.kind,
            "date": m.posture.date.isoformat(),
            "statement": m.posture.text,
            "condition": m.condition,
            "x": m.x,
            "y": m.y,
            "text": _text(compiled, np.array([m.index]))[0],
        }
        for m in plane.postures
    ]
    sq = plane.status_quo
    status_quo = None
    if sq is not None:
        text = _text(compiled, sq.index)[0]
        status_quo = {"x": float(sq.x[0]), "y": float(sq.y[0]), "text": text}
    return {"solutions": solutions, "postures": postures, "status_quo": status_quo}


def utility_space(
    compiled: Compiled, max_points: int = DEFAULT_MAX_POINTS, seed: int = 0, with_text: bool = True
) -> dict[str, Any]:
    """The JSON-ready utility plane of the first two principals (:func:`utility_plane`).

    ``with_text=False`` leaves out the cloud's hover text: a what-if changes utilities and the
    ZOPA, never the feasible outcomes drawn (same seed, same feasible count, same sample), so
    a client can keep the texts of its first request.
    """
    if len(compiled.principals) < 2:
        return engines.unavailable("the utility space needs two principals")
    plane = utility_plane(compiled, max_points, seed)
    frontier = _points(compiled, plane.frontier)
    frontier["source"] = "exact two-party sweep"
    return {
        "available": True,
        "parties": list(plane.parties),
        "names": [compiled.scenario.party(p).name for p in plane.parties],
        "reservations": list(plane.reservations),
        "outcomes": plane.outcomes,
        "feasible": plane.feasible,
        "drawn": int(plane.cloud.index.shape[0]),
        "subsampled": plane.subsampled,
        "zopa": plane.zopa,
        "cloud": _points(compiled, plane.cloud, with_text, zopa=plane.cloud_zopa),
        "frontier": frontier,
        **_marks(compiled, plane),
    }
