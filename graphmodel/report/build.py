"""Orchestration and caching: which sections make the report, in which order, and the
report of a store computed once per content version (see the package docstring)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict

from ..district import District, snapshot
from ..store import Store
from ..window import WHOLE_DISTRICT, Scope, Window
from . import brokers, cohesion, participation
from .context import DEFAULT_OPTIONS, Context, ReportOptions

#: The report's sections, in order: its top-level keys besides ``meta``.
SECTIONS: dict[str, Callable[[Context], dict]] = {
    "density": cohesion.density,
    "isolated": participation.isolated,
    "inactive": participation.inactive,
    "declining": participation.declining,
    "followers": participation.followers,
    "district_dependence": participation.district_dependence,
    "balance": participation.balance,
    "brokers": brokers.brokers,
    "communities": cohesion.communities,
    "zones": cohesion.zones,
    "members": participation.members,
}
#: The report's top-level keys besides ``meta``, in order (declared by :data:`SECTIONS`).
KEYS: tuple[str, ...] = tuple(SECTIONS)


def build_report(
    district: District,
    options: ReportOptions = DEFAULT_OPTIONS,
    *,
    sections: tuple[str, ...] = KEYS,
    brief: bool = False,
    timings: dict[str, float] | None = None,
) -> dict:
    """Every metric of ``district`` as plain data (see :mod:`graphmodel.report`).

    ``sections`` limits the report to some of :data:`KEYS` (a comparison with the
    previous window needs only the headline counts, not brokers or communities), and
    ``brief`` keeps only those counts in a section (the density without its groups and
    series).
    ``timings``, when given, receives the seconds each section took (and
    ``"projection"``), for the benchmarks.
    """
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise ValueError(f"unknown report sections: {', '.join(unknown)}")
    started = time.perf_counter()
    graph = district.collaboration_graph(max_size=options.max_size, half_life=options.half_life)
    in_scope = set(district.scope_units)
    scoped = graph if district.scope.is_district else graph.subgraph(district.scope_units)
    context = Context(district, options, graph, scoped, in_scope, brief)
    if timings is not None:
        timings["projection"] = time.perf_counter() - started
    result: dict = {"meta": _meta(district, options)}
    for key, section in SECTIONS.items():
        if key not in sections:
            continue
        started = time.perf_counter()
        result[key] = section(context)
        if timings is not None:
            timings[key] = time.perf_counter() - started
    return result


def _meta(district: District, options: ReportOptions) -> dict:
    w = district.window
    inside = district.window_incidence
    return {
        "window": w.as_dict(),
        # The latest activity the store holds: periods after it are partial.
        "data_end": district.data_end.isoformat() if district.data_end else None,
        "scope": district.scope.as_dict(),
        "scope_label": str(district.scope),
        "source": district.source,
        "version": district.version,
        "units": len(district.units),
        "units_in_scope": len(district.scope_units),
        "activities_in_window": len(inside.activities),
        "options": asdict(options),
        "weights": {
            "weight": "joint activities",
            "newman": "joint activities weighted 1/(n-1) for an activity of n units",
            "left_out": f"activities of more than {options.max_size} units"
            if options.max_size
            else None,
        },
    }


def report(
    store: Store,
    window: Window,
    scope: Scope = WHOLE_DISTRICT,
    options: ReportOptions = DEFAULT_OPTIONS,
    *,
    sections: tuple[str, ...] = KEYS,
    brief: bool = False,
) -> dict:
    """The report for ``store``, computed once per content version, window, scope,
    options and choice of sections (``brief``: see :func:`build_report`)."""
    district = snapshot(store, window, scope)
    key = ("report", options, sections, "brief") if brief else ("report", options, sections)
    return district.stored(
        key,
        lambda: build_report(district, options, sections=sections, brief=brief),
        scoped=False,
    )
