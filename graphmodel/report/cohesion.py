"""Sections on how closely units work together: density (by street, zone, kind and
over time), the communities found in the network, and whether zones really cooperate.

Zones are judged on the graph of activities their units started themselves: a zone
that only meets when the district calls it together is on paper only (see
:func:`graphmodel.metrics.communities.zone_cohesion` for the rule).
"""

from __future__ import annotations

from ..metrics import communities as com
from ..metrics import density as den
from ..projection import SparseGraph
from ..records import UnitKind, ZoneKind
from .context import Context


def _tie_summary(S: SparseGraph) -> dict:
    return {"units": len(S), "ties": S.number_of_edges, "density": den.density(S)}


def density(c: Context) -> dict:
    """Density of the scope and the district, by street, zone and kind, monthly and quarterly."""
    d, o, scope = c.district, c.options, c.district.scope_units
    summaries = {"scope": _tie_summary(c.scoped), "district": _tie_summary(c.graph)}
    if c.brief:  # a headline comparison: no groups, mixing or series
        return summaries

    def group_rows(kinds: tuple[str, ...]) -> list[dict]:
        rows = den.group_density(c.graph, c.groups(*kinds))
        return [{"id": z, "name": c.zone_name(z), **row} for z, row in rows.items()]

    def series(freq: str) -> list[dict]:
        graphs = [
            (label, g.subgraph(scope)) for label, g in d.period_graphs(freq, max_size=o.max_size)
        ]
        partial = {p.label: p.partial for p in d.periods(freq)}
        return [{**row, "partial": partial[row["period"]]} for row in den.density_series(graphs)]

    return {
        **summaries,
        "streets": group_rows((ZoneKind.STREET.value,)),
        "zones": group_rows((ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value)),
        "kinds": [
            {**r, "kind_a_zh": _kind_zh(r["kind_a"]), "kind_b_zh": _kind_zh(r["kind_b"])}
            for r in den.kind_mixing(c.scoped, "kind")
        ],
        "assortativity": den.assortativity(c.scoped, "kind"),
        "monthly": series("month"),
        "quarterly": series("quarter"),
    }


def _kind_zh(kind: str) -> str:
    member = UnitKind.parse(kind)
    return member.zh if member else kind  # type: ignore[attr-defined]


def communities(c: Context) -> dict:
    """Communities found on the whole district's graph, against streets and official zones."""
    d, o = c.district, c.options
    collaboration = ZoneKind.COLLABORATION_ZONE.value
    # Detected on the whole district (once per window): a unit's community is the same
    # for every viewer; the scope lists the communities that hold its units.
    everywhere = d.shared(
        ("louvain", o.seed, o.max_size, o.half_life),
        lambda: com.louvain(c.graph, weight="newman", seed=o.seed),
    )
    label = {u: k + 1 for k, members in enumerate(everywhere) for u in members}
    found = [[u for u in members if u in c.in_scope] for members in everywhere]
    zones_of = {
        u: [z for z in d.unit[u].zones if z in d.zone and d.zone[z].kind == collaboration]
        for u in c.in_scope
    }
    official_zone = {u: zs[0] for u, zs in zones_of.items() if len(zs) == 1}
    official_street = {u: d.unit[u].street for u in c.in_scope if d.unit[u].street}
    rows = []
    for k, members in enumerate(everywhere, start=1):
        if not found[k - 1]:
            continue
        streets: dict[str, int] = {}
        for u in members:
            s = d.unit[u].street or ""
            streets[s] = streets.get(s, 0) + 1
        main, count = max(streets.items(), key=lambda kv: (kv[1], kv[0]))
        rows.append(
            {
                "community": k,
                "size": len(members),
                "main_street": main,
                "main_street_name": c.zone_name(main) if main else "",
                "main_street_share": count / len(members),
            }
        )
    found = [members for members in found if members]
    return {
        "method": "louvain",
        "engine": com.louvain_engine(sum(len(m) for m in everywhere)),
        "weight": "newman",
        "seed": o.seed,
        "count": len(found),
        "modularity": d.shared(
            ("modularity", o.seed, o.max_size, o.half_life),
            lambda: com.modularity(c.graph, everywhere, weight="newman"),
        ),
        "agreement": {
            "zones": com.partition_agreement(found, official_zone),
            "streets": com.partition_agreement(found, official_street),
        },
        "communities": rows,
        "units": [c.unit(u, community=label[u]) for u in c.scoped.nodes if u in label],
    }


def zones(c: Context) -> dict:
    """Collaboration zones and alliances judged on their own-initiative activities."""
    d, o = c.district, c.options
    groups = c.groups(ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value)
    own = d.collaboration_graph(max_size=o.max_size, half_life=o.half_life, own_initiative=True)
    every = den.group_density(c.graph, groups)
    rows = [
        {
            "id": z,
            "name": c.zone_name(z),
            "kind": d.zone[z].kind,
            **row,
            "internal_ties_all": every[z]["internal_ties"],
            "internal_density_all": every[z]["internal_density"],
        }
        for z, row in com.zone_cohesion(own, groups).items()
    ]
    return {
        "judged_on": "own_initiative",
        "baseline_density": den.density(own),
        "paper_only": [{"id": r["id"], "name": r["name"]} for r in rows if r["paper_only"]],
        "zones": rows,
    }
