"""The district's collaboration model: records, stores, analysis, suggestions, assessment.

The names a caller needs are here, as NetworkX exposes its algorithms at the top::

    import datetime
    import graphmodel as gm

    store = gm.open_store("sqlite:///var/cobuild.db")
    window = gm.parse_window("2026-06-30", 12, today=datetime.date.today())
    district = gm.snapshot(store, window)        # a District, cached per store version
    figures = gm.report(store, window)           # every section of the report
    partners = gm.suggest(district, "U1", k=5)   # ranked partners with reasons

Every error the domain raises on purpose is a :class:`CobuildError`; the
families (:class:`AnalysisError`, :class:`SuggestionError`, the store's) are
here too. The rooms stay importable by name (``graphmodel.store``,
``graphmodel.metrics.density`` …); ``report`` and ``suggest`` here are the
functions, so reach their modules with ``from graphmodel.report import …`` and
``from graphmodel.suggest import …``.

>>> import graphmodel as gm
>>> gm.Window(gm.parse_date("2026-06-30"), 12).start
datetime.date(2025, 7, 1)
"""

from __future__ import annotations

from .assessment import assess, heat_map, parse_rules, read_rules, rollup
from .district import District, snapshot
from .errors import (
    AnalysisError,
    BadDecision,
    BadScope,
    BadSuggestionRequest,
    BadWindow,
    CobuildError,
    DanglingReference,
    MetricPrecondition,
    NotFound,
    NotTheAuthor,
    RulesError,
    StoreBusy,
    StoreFailed,
    StoreUnavailable,
    StoreURLError,
    SuggestionError,
    UnknownUnit,
)
from .records import (
    Activity,
    Agreement,
    Decision,
    Listing,
    Member,
    Participation,
    PartyOrg,
    Unit,
    UnitKind,
    Zone,
    ZoneKind,
)
from .report import ReportOptions, report
from .store import Bundle, Store, open_store, read_bundle
from .suggest import Suggestion, Weights, propose_zones, suggest, who_to_help
from .window import WHOLE_DISTRICT, Scope, Window, parse_date, parse_scope, parse_window

__all__ = [
    "WHOLE_DISTRICT",
    "Activity",
    "Agreement",
    "AnalysisError",
    "BadDecision",
    "BadScope",
    "BadSuggestionRequest",
    "BadWindow",
    "Bundle",
    "CobuildError",
    "DanglingReference",
    "Decision",
    "District",
    "Listing",
    "Member",
    "MetricPrecondition",
    "NotFound",
    "NotTheAuthor",
    "Participation",
    "PartyOrg",
    "ReportOptions",
    "RulesError",
    "Scope",
    "Store",
    "StoreBusy",
    "StoreFailed",
    "StoreURLError",
    "StoreUnavailable",
    "Suggestion",
    "SuggestionError",
    "Unit",
    "UnitKind",
    "UnknownUnit",
    "Weights",
    "Window",
    "Zone",
    "ZoneKind",
    "assess",
    "heat_map",
    "open_store",
    "parse_date",
    "parse_rules",
    "parse_scope",
    "parse_window",
    "propose_zones",
    "read_bundle",
    "read_rules",
    "report",
    "rollup",
    "snapshot",
    "suggest",
    "who_to_help",
]
