"""Due dates of accepted partnerships: the date an accept proposes, and one read from a
request (shared by the suggestion, work-list and unit pages)."""

from __future__ import annotations

import datetime as dt

from graphmodel.errors import BadDecision
from graphmodel.window import add_months

from .extensions import today
from .rules import current_rules


def parse_due(raw) -> dt.date | None:
    """A due date sent as ``YYYY-MM-DD`` (none when empty); a clear error otherwise."""
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise BadDecision("到期日须为 YYYY-MM-DD，而不是 {raw!r}", raw=raw) from None


def default_due() -> dt.date:
    """Today plus the rules' follow-up months: the due date an accept proposes."""
    return add_months(today(), current_rules().followup_months)
