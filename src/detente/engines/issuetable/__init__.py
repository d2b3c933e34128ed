"""Issue tables (issues with reference point and outcome, actors with positions, saliences and
capabilities), the DEU loader, the collective-decision models of the EU literature and the
backtest that scores them.

Modules: :mod:`.table` (the data), :mod:`.deu` (the DEU files), :mod:`.models` (compromise,
medians, Nash, expected utility, SMP), :mod:`.procedural` (agenda setter and pivots),
:mod:`.exchange` (Stokman & Van Oosten's exchange model), :mod:`.backtest` (errors, cluster
bootstrap intervals), :mod:`.ensemble` (leave-one-proposal-out cross-validation),
:mod:`.catalog` (the named models), :mod:`.store` (per-issue errors to CSV or DuckDB).
"""

from detente.engines.issuetable.deu import CAPABILITIES, load_deu
from detente.engines.issuetable.table import Issue, IssueTable, IssueTableError, make_issue

__all__ = ["CAPABILITIES", "Issue", "IssueTable", "IssueTableError", "load_deu", "make_issue"]
