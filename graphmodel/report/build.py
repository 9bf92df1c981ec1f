"""The collaboration report: every metric for a window and a scope, as plain data.

:func:`build_report` turns a :class:`~graphmodel.district.District` into a
JSON-able dict whose top-level keys are stable (:data:`KEYS`, plus ``meta``);
units are listed by ``id`` and ``name``. :func:`report` does the same for a
store, through the snapshot cache, and remembers the result per content
version. :func:`report_tables` flattens a report into tables with Chinese
headers for spreadsheets.

Lists of units are complete; only the broker table and the partner pairs are
cut to the ``top`` rows (their totals are given).

Zones are judged on the graph of activities their units started themselves:
a zone that only meets when the district calls it together is on paper only
(see :func:`graphmodel.metrics.communities.zone_cohesion` for the rule).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..district import District, snapshot
from ..metrics import EXPLANATIONS
from ..metrics import activity as act
from ..metrics import balance as bal
from ..metrics import communities as com
from ..metrics import density as den
from ..metrics import members as mem
from ..metrics import structure as st
from ..projection import GATHERING_SIZE, SparseGraph
from ..records import UnitKind, ZoneKind
from ..store import Store
from ..window import WHOLE_DISTRICT, Scope, Window

#: The report's top-level keys besides ``meta``, in order.
KEYS: tuple[str, ...] = (
    "density",
    "isolated",
    "inactive",
    "declining",
    "followers",
    "district_dependence",
    "balance",
    "brokers",
    "communities",
    "zones",
    "members",
)


@dataclass(frozen=True)
class ReportOptions:
    """The report's choices; each has the default the explanations describe."""

    inactive_days: int = act.INACTIVE_DAYS
    decline_min_base: int = act.DECLINE_MIN_BASE
    decline_drop: float = act.DECLINE_DROP
    max_size: int | None = GATHERING_SIZE
    half_life: float | None = None
    exact_betweenness_up_to: int = st.EXACT_BETWEENNESS_UP_TO
    betweenness_samples: int = st.BETWEENNESS_SAMPLES
    seed: int = st.SEED
    one_sided_min: int = bal.ONE_SIDED_MIN
    top: int = 200


@dataclass
class _Context:
    """What every section reads: the district, the options and the two graphs."""

    district: District
    options: ReportOptions
    graph: SparseGraph  # the whole district's unit graph of the window
    scoped: SparseGraph  # the same, induced on the units in scope
    in_scope: set[str] = field(default_factory=set)

    def unit(self, uid: str, **fields) -> dict:
        u = self.district.unit.get(uid)
        return {"id": uid, "name": u.name if u else "", **fields}

    def zone_name(self, zid: str) -> str:
        z = self.district.zone.get(zid)
        return z.name if z else zid

    def counts(self) -> dict[str, dict]:
        d = self.district
        return d.shared("activity_counts", lambda: act.activity_counts(d.incidence, d.window))

    def groups(self, *kinds: str) -> dict[str, list[str]]:
        """Zones of ``kinds`` that hold a unit in scope."""
        groups = self.district.zone_groups(*kinds)
        return {z: us for z, us in groups.items() if any(u in self.in_scope for u in us)}


def _tie_summary(S: SparseGraph) -> dict:
    return {"units": len(S), "ties": S.number_of_edges, "density": den.density(S)}


def _density(c: _Context) -> dict:
    d, o, scope = c.district, c.options, c.district.scope_units

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
        "scope": _tie_summary(c.scoped),
        "district": _tie_summary(c.graph),
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


def _isolated(c: _Context) -> dict:
    counts = c.counts()
    units = [
        c.unit(
            u,
            kind=c.district.unit[u].kind,
            street=c.district.unit[u].street,
            activities=counts[u]["activities"],
        )
        for u in act.isolated_units(c.graph)
        if u in c.in_scope
    ]
    return {"count": len(units), "units": units}


def _inactive(c: _Context) -> dict:
    d, days = c.district, c.options.inactive_days
    found = act.inactive_units(d.incidence, d.window.end, days)
    units = [
        c.unit(
            u,
            last_activity=last.isoformat() if last else None,
            days_since=(d.window.end - last).days if last else None,
        )
        for u, last in found.items()
        if u in c.in_scope
    ]
    units.sort(key=lambda r: (r["last_activity"] is not None, r["last_activity"] or "", r["id"]))
    return {"days": days, "count": len(units), "units": units}


def _declining(c: _Context) -> dict:
    d, o = c.district, c.options
    found = act.declining_units(
        d.incidence, d.window, min_base=o.decline_min_base, drop=o.decline_drop
    )
    units = [c.unit(u, **row) for u, row in found.items() if u in c.in_scope]
    units.sort(key=lambda r: (r["change"], -r["previous"], r["id"]))
    return {
        "min_base": o.decline_min_base,
        "drop": o.decline_drop,
        "previous_window": d.window.previous().as_dict(),
        "count": len(units),
        "units": units,
    }


def _followers(c: _Context) -> dict:
    found = act.followers(c.district.incidence, c.district.window)
    units = [c.unit(u, activities=n) for u, n in found.items() if u in c.in_scope]
    units.sort(key=lambda r: (-r["activities"], r["id"]))
    return {"count": len(units), "units": units}


def _district_dependence(c: _Context) -> dict:
    d = c.district
    per_unit = act.district_dependence(d.incidence, d.window)
    units = [c.unit(u, **row) for u, row in per_unit.items() if u in c.in_scope]
    units.sort(key=lambda r: (-r["share"], -r["activities"], r["id"]))
    groups = c.groups(
        ZoneKind.STREET.value, ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value
    )
    zones = [
        {"id": z, "name": c.zone_name(z), **row}
        for z, row in act.district_dependence(d.incidence, d.window, groups).items()
    ]
    overall = act.district_dependence(d.incidence, d.window, {"scope": sorted(c.in_scope)})
    return {"overall": overall.get("scope"), "units": units, "zones": zones}


def _balance(c: _Context) -> dict:
    d, o = c.district, c.options
    units = [
        c.unit(u, **row)
        for u, row in bal.unit_balance(d.incidence, d.window).items()
        if u in c.in_scope
    ]
    units.sort(key=lambda r: (r["balance"], r["id"]))
    pairs = [
        p
        for p in bal.partner_balance(
            d.incidence, d.window, max_size=o.max_size, one_sided_min=o.one_sided_min
        )
        if p["a"] in c.in_scope or p["b"] in c.in_scope
    ]
    one_sided = [p for p in pairs if p["one_sided"]]

    def named(rows: list[dict]) -> list[dict]:
        return [{**p, "a": c.unit(p["a"]), "b": c.unit(p["b"])} for p in rows[: o.top]]

    return {
        "units": units,
        "pairs_total": len(pairs),
        "pairs": named(pairs),
        "one_sided_total": len(one_sided),
        "one_sided": named(one_sided),
    }


def _unit_structure(c: _Context) -> dict:
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


def _brokers(c: _Context) -> dict:
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


def _communities(c: _Context) -> dict:
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


def _zones(c: _Context) -> dict:
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


def _members(c: _Context) -> dict:
    d = c.district
    orgs = [o for o in d.party_orgs if any(u in c.in_scope for u in o.units)]
    took = mem.org_participation(orgs, d.members, d.members_taking_part)
    registration = mem.dual_registration(d.units, d.party_orgs, d.members)
    communities = {u.community for u in d.units if u.id in c.in_scope and u.community}
    return {
        "organisations": [
            {"id": o.id, "name": o.name, "level": o.level, **took[o.id]} for o in orgs
        ],
        "units": [
            c.unit(u, **row)
            for u, row in registration["units"].items()
            if u in c.in_scope and row["serving"]
        ],
        "communities": [
            {"community": name, **row}
            for name, row in registration["communities"].items()
            if name in communities
        ],
    }


SECTIONS: dict[str, Callable[[_Context], dict]] = {
    "density": _density,
    "isolated": _isolated,
    "inactive": _inactive,
    "declining": _declining,
    "followers": _followers,
    "district_dependence": _district_dependence,
    "balance": _balance,
    "brokers": _brokers,
    "communities": _communities,
    "zones": _zones,
    "members": _members,
}


def build_report(
    district: District,
    options: ReportOptions = ReportOptions(),
    *,
    sections: tuple[str, ...] = KEYS,
    timings: dict[str, float] | None = None,
) -> dict:
    """Every metric of ``district`` as plain data (see the module docstring).

    ``sections`` limits the report to some of :data:`KEYS` (a comparison with the
    previous window needs only the headline counts, not brokers or communities).
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
    context = _Context(district, options, graph, scoped, in_scope)
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
    options: ReportOptions = ReportOptions(),
    *,
    sections: tuple[str, ...] = KEYS,
) -> dict:
    """The report for ``store``, computed once per content version, window, scope,
    options and choice of sections."""
    district = snapshot(store, window, scope)
    return district.stored(
        ("report", options, sections),
        lambda: build_report(district, options, sections=sections),
        scoped=False,
    )


# -- tables for spreadsheets ---------------------------------------------------


@dataclass(frozen=True)
class Table:
    """One sheet: a title, (key, Chinese header) columns, and rows as dicts."""

    title: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict]

    def values(self) -> list[list]:
        return [[row.get(key) for key, _ in self.columns] for row in self.rows]

    @property
    def headers(self) -> list[str]:
        return [header for _, header in self.columns]


_UNIT = (("id", "单位编号"), ("name", "单位名称"))
_GROUP = (
    ("id", "编号"),
    ("name", "名称"),
    ("units", "单位数"),
    ("internal_ties", "内部结对数"),
    ("internal_density", "内部密度"),
    ("external_ties", "对外结对数"),
    ("external_share", "对外联系占比"),
    ("external_density", "对外密度"),
)
_SERIES = (
    ("period", "期间"),
    ("units", "单位数"),
    ("active", "有合作的单位数"),
    ("ties", "结对数"),
    ("density", "密度"),
    ("partial", "部分期间"),
)


def _pair_rows(pairs: list[dict]) -> list[dict]:
    return [
        {
            "a_id": p["a"]["id"],
            "a_name": p["a"]["name"],
            "b_id": p["b"]["id"],
            "b_name": p["b"]["name"],
            **{k: v for k, v in p.items() if k not in ("a", "b")},
        }
        for p in pairs
    ]


_PAIR = (
    ("a_id", "单位甲编号"),
    ("a_name", "单位甲名称"),
    ("b_id", "单位乙编号"),
    ("b_name", "单位乙名称"),
)


def report_tables(data: dict) -> list[Table]:
    """The report as tables, one per metric, with Chinese headers (for XLSX)."""
    meta, density, brokers = data["meta"], data["density"], data["brokers"]
    summary = [
        {
            "item": "时间窗口 window",
            "value": f"{meta['window']['start']} – {meta['window']['end']}",
        },
        {"item": "范围 scope", "value": meta["scope_label"]},
        {"item": "范围内单位数 units in scope", "value": meta["units_in_scope"]},
        {"item": "窗口内活动数 activities", "value": meta["activities_in_window"]},
        {"item": "协作密度 density", "value": density["scope"]["density"]},
        {"item": "结对数 ties", "value": density["scope"]["ties"]},
        {"item": "同类合作系数 assortativity", "value": density["assortativity"]},
        {"item": "中介中心度算法 betweenness", "value": brokers["betweenness"]["method"]},
        {"item": "孤立单位 isolated", "value": data["isolated"]["count"]},
        {"item": "不活跃单位 inactive", "value": data["inactive"]["count"]},
        {"item": "活跃度下降 declining", "value": data["declining"]["count"]},
        {"item": "跟随型单位 followers", "value": data["followers"]["count"]},
        {"item": "纸面协作区 paper-only zones", "value": len(data["zones"]["paper_only"])},
    ]
    explanations = [{"metric": k, "zh": v["zh"], "en": v["en"]} for k, v in EXPLANATIONS.items()]
    return [
        Table("概况", (("item", "项目"), ("value", "数值")), summary),
        Table("街道密度", _GROUP, density["streets"]),
        Table("协作区密度", _GROUP, density["zones"]),
        Table(
            "单位类型交叉",
            (
                ("kind_a_zh", "单位类型"),
                ("kind_b_zh", "合作对象类型"),
                ("ties", "结对数"),
                ("possible", "可能结对数"),
                ("density", "密度"),
                ("share", "占该类单位结对的比例"),
            ),
            density["kinds"],
        ),
        Table("逐月密度", _SERIES, density["monthly"]),
        Table("逐季密度", _SERIES, density["quarterly"]),
        Table(
            "孤立单位",
            (*_UNIT, ("kind", "单位类型"), ("street", "街道"), ("activities", "参加活动数")),
            data["isolated"]["units"],
        ),
        Table(
            "不活跃单位",
            (*_UNIT, ("last_activity", "最近活动日期"), ("days_since", "距今天数")),
            data["inactive"]["units"],
        ),
        Table(
            "活跃度下降",
            (*_UNIT, ("previous", "上期活动数"), ("current", "本期活动数"), ("change", "变化")),
            data["declining"]["units"],
        ),
        Table("跟随型单位", (*_UNIT, ("activities", "参加活动数")), data["followers"]["units"]),
        Table(
            "区里推动占比",
            (*_UNIT, ("activities", "活动数"), ("by_district", "区里发起数"), ("share", "占比")),
            data["district_dependence"]["units"],
        ),
        Table(
            "各区域推动占比",
            (
                ("id", "编号"),
                ("name", "名称"),
                ("activities", "活动数"),
                ("by_district", "区里发起数"),
                ("share", "占比"),
            ),
            data["district_dependence"]["zones"],
        ),
        Table(
            "供需平衡",
            (
                *_UNIT,
                ("activities", "活动数"),
                ("hosted", "主办协办"),
                ("attended", "参与"),
                ("balance", "平衡分"),
            ),
            data["balance"]["units"],
        ),
        Table(
            "单向结对",
            (*_PAIR, ("a_gives", "甲付出次数"), ("b_gives", "乙付出次数"), ("balance", "平衡分")),
            _pair_rows(data["balance"]["one_sided"]),
        ),
        Table(
            "枢纽单位",
            (
                *_UNIT,
                ("street", "街道"),
                ("degree", "合作伙伴数"),
                ("strength", "合作强度"),
                ("betweenness", "中介中心度"),
                ("clustering", "聚集系数"),
                ("streets_linked", "联系的其他街道数"),
                ("articulation", "是否关键单位"),
            ),
            brokers["units"],
        ),
        Table(
            "关键联系",
            (*_PAIR, ("weight", "共同活动数"), ("cross_street", "是否跨街道")),
            _pair_rows(brokers["bridges"]),
        ),
        Table(
            "街道之间联系",
            (
                ("name_a", "街道甲"),
                ("name_b", "街道乙"),
                ("ties", "结对数"),
                ("units_a", "甲方承担单位数"),
                ("units_b", "乙方承担单位数"),
                ("fragile", "是否脆弱"),
            ),
            brokers["street_links"],
        ),
        Table(
            "实际协作群",
            (*_UNIT, ("community", "协作群编号")),
            data["communities"]["units"],
        ),
        Table(
            "协作区评估",
            (
                ("id", "编号"),
                ("name", "名称"),
                ("units", "单位数"),
                ("internal_ties", "自主内部结对数"),
                ("internal_density", "自主内部密度"),
                ("external_density", "自主对外密度"),
                ("baseline_density", "全区自主密度"),
                ("internal_density_all", "内部密度（含区里推动）"),
                ("paper_only", "纸面协作区"),
            ),
            data["zones"]["zones"],
        ),
        Table(
            "党员参与",
            (
                ("id", "党组织编号"),
                ("name", "党组织名称"),
                ("members", "党员数"),
                ("took_part", "参加活动党员数"),
                ("share", "参与率"),
            ),
            data["members"]["organisations"],
        ),
        Table(
            "双报到（单位）",
            (*_UNIT, ("serving", "在职党员数"), ("registered", "已报到数"), ("coverage", "覆盖率")),
            data["members"]["units"],
        ),
        Table(
            "双报到（社区）",
            (
                ("community", "社区"),
                ("units", "单位数"),
                ("serving", "在职党员数"),
                ("registered", "已报到数"),
                ("coverage", "覆盖率"),
                ("registered_here", "在本社区报到数"),
            ),
            data["members"]["communities"],
        ),
        Table(
            "指标说明", (("metric", "指标"), ("zh", "说明"), ("en", "Explanation")), explanations
        ),
    ]
