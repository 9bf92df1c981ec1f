"""The brokers section: who links the district together, bridges, links between
streets, components and clustering (on the whole district's graph, once per window)."""

from __future__ import annotations

from ..metrics import structure as st
from .context import Context


def _unit_structure(c: Context) -> dict:
    """Brokerage figures of every unit on the whole district's graph (once per window,
    whatever the scope): a unit's figures do not depend on who looks at it."""
    o, G = c.options, c.graph

    def build() -> dict:
        k = st.betweenness_sources(
            G, exact_up_to=o.exact_betweenness_up_to, k=o.betweenness_samples
        )
        return {
            "k": k,
            "betweenness": st.betweenness(G, k=k, seed=o.seed),
            "degree": st.degrees(G),
            "clustering": st.clustering(G),
            "linked": st.groups_linked(G, "street"),
            "cut": st.articulation_units(G),
            "bridges": st.bridges(G),
            "street_links": st.group_links(G, "street"),
        }

    key = ("unit-structure", o.exact_betweenness_up_to, o.betweenness_samples, o.seed)
    return c.district.shared((key, o.max_size, o.half_life), build)


def brokers(c: Context) -> dict:
    """Brokers, cut units, bridges, links between streets, components and clustering."""
    o, G, S = c.options, c.graph, c.scoped
    whole = _unit_structure(c)
    k, between, degree, local = (
        whole["k"],
        whole["betweenness"],
        whole["degree"],
        whole["clustering"],
    )
    cut_set = set(whole["cut"])
    ranked = sorted(S.nodes, key=lambda u: (-between[u], -degree[u]["degree"], u))
    street = {u: c.district.unit[u].street for u in G.nodes}
    scope_streets = {street[u] for u in S.nodes}
    bridges = [
        {
            "a": c.unit(a),
            "b": c.unit(b),
            "weight": float(G.weight[G.index[a], G.index[b]]),
            "cross_street": street[a] != street[b],
        }
        for a, b in whole["bridges"]
        if a in c.in_scope or b in c.in_scope
    ]
    parts = st.components(S)
    sizes = [len(p) for p in parts]
    linked_units = sum(1 for u in S.nodes if degree[u]["degree"])
    return {
        "betweenness": {
            "method": "exact" if k is None else "sampled",
            "sources": len(G) if k is None else k,
            "seed": None if k is None else o.seed,
        },
        "units_total": len(S),
        "units": [
            c.unit(
                u,
                street=street[u],
                degree=degree[u]["degree"],
                strength=degree[u]["strength"],
                betweenness=between[u],
                clustering=local[u],
                streets_linked=whole["linked"][u],
                articulation=u in cut_set,
            )
            for u in ranked[: o.top]
        ],
        "articulation_units": [
            c.unit(u, street=street[u]) for u in whole["cut"] if u in c.in_scope
        ],
        "bridges": bridges,
        "street_links": [
            {
                **row,
                "name_a": c.zone_name(row["group_a"]),
                "name_b": c.zone_name(row["group_b"]),
                "fragile": min(row["units_a"], row["units_b"]) == 1,
            }
            for row in whole["street_links"]
            if row["group_a"] in scope_streets or row["group_b"] in scope_streets
        ],
        "components": {
            "count": len(parts),
            "isolated": sum(1 for s in sizes if s == 1),
            "largest": sizes[0] if sizes else 0,
            "share_in_largest": sizes[0] / len(S) if sizes else None,
            "sizes": sizes[:20],
        },
        "clustering": {
            "average": sum(local[u] for u in S.nodes) / len(S) if len(S) else None,
            "average_linked": (
                sum(local[u] for u in S.nodes if degree[u]["degree"]) / linked_units
                if linked_units
                else None
            ),
            # = st.transitivity(S), from the triangles already counted for `local`
            "transitivity": _transitivity(
                {u: local[u] for u in S.nodes}, {u: degree[u] for u in S.nodes}
            ),
        },
    }


def _transitivity(local: dict[str, float], degree: dict[str, dict]) -> float:
    """Closed over connected triples, from local clustering: Σ c·d(d−1)/2 over Σ d(d−1)/2."""
    triples = {u: d["degree"] * (d["degree"] - 1) / 2 for u, d in degree.items()}
    total = sum(triples.values())
    return sum(local[u] * t for u, t in triples.items()) / total if total else 0.0
