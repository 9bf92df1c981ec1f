"""From records to graphs: who took part in what, and who worked with whom.

Three graphs come out of the records:

- the **bipartite graph** units ↔ activities (:class:`Incidence`, or
  :func:`bipartite_graph` as NetworkX), with each taking-part's role;
- the **unit–unit collaboration graph** (:func:`project`): two units are
  linked when they took part in the same activity, ``weight`` counts their
  joint activities;
- the **party-organisation graph** (:func:`org_incidence` + :func:`project`).

Party organisations and members roll up to units: a party organisation that
takes part counts for each of its units (a joint branch for all of them), a
member for each unit of the member's organisation. A unit counts once per
activity, with its strongest role (host > co-host > guest).

**Big activities.** A district-wide meeting of 70 units adds 2,415 unit pairs
although nobody there formed a partnership. Each tie therefore carries two
weights: ``weight``, the plain count of joint activities, and ``newman``, in
which an activity of *n* units adds 1/(n−1) to each of its pairs (Newman's
collaboration weighting, Phys. Rev. E 64, 016132, 2001), so that every unit
gets one unit of tie strength per activity however crowded it was. Besides,
``max_size`` leaves activities of more than that many units out of the graph
altogether (they still count as activities for the per-unit metrics); the
report uses :data:`GATHERING_SIZE`.

**Age decay.** With ``half_life`` (days), an activity ``d`` days before the
window's end counts ``0.5 ** (d / half_life)`` in both weights.

Matrices are scipy sparse arrays (units × activities, then ``B @ B.T``);
:meth:`SparseGraph.to_networkx` builds a NetworkX graph only where an
algorithm needs one. Units without joint activity stay as nodes of degree 0.

>>> inc = incidence_from_pairs([("a", "x"), ("b", "x"), ("c", "y")])
>>> G = project(inc).to_networkx()
>>> sorted(G.edges(data="weight")), sorted(nx.isolates(G))
([('a', 'b', 1.0)], ['c'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .errors import MetricPrecondition
from .records import DISTRICT, Activity, Member, Participation, PartyOrg, Role, Unit
from .took_part import ROLE_CODES, ROLE_NAMES, RollUp, TookPart

#: Activities with more units than this are gatherings, not partnerships: the
#: report leaves them out of the unit–unit graph (see the module docstring).
GATHERING_SIZE = 50


@dataclass(frozen=True, eq=False)
class Incidence:
    """Units (rows) × activities (columns): who took part in what, and in which role.

    ``roles`` holds :data:`ROLE_CODES` (0 = did not take part); ``dates`` and
    ``by_district`` (initiated by the district office) hold one value per activity.
    """

    units: tuple[str, ...]
    activities: tuple[str, ...]
    roles: sp.csr_array
    dates: np.ndarray
    by_district: np.ndarray

    @cached_property
    def index(self) -> dict[str, int]:
        """Row of each unit id."""
        return {u: i for i, u in enumerate(self.units)}

    @cached_property
    def taking_part(self) -> sp.csr_array:
        """1.0 where a unit took part in an activity, in any role."""
        binary = self.roles.astype(np.float64)
        binary.data[:] = 1.0
        return binary

    def sizes(self) -> np.ndarray:
        """How many units took part in each activity."""
        return np.diff(self.roles.tocsc().indptr)

    def between(self, start: dt.date | None, end: dt.date | None) -> Incidence:
        """The activities dated in ``[start, end]`` (an open bound when None)."""
        keep = np.ones(len(self.activities), dtype=bool)
        if start is not None:
            keep &= self.dates >= np.datetime64(start, "D")
        if end is not None:
            keep &= self.dates <= np.datetime64(end, "D")
        return self.columns(keep)

    def columns(self, keep: np.ndarray) -> Incidence:
        """The activities where boolean ``keep`` is true."""
        cols = np.flatnonzero(keep)
        return Incidence(
            self.units,
            tuple(self.activities[j] for j in cols),
            self.roles[:, cols].tocsr(),
            self.dates[cols],
            self.by_district[cols],
        )


def _build(
    rows: Sequence[str],
    activities: Sequence[Activity],
    taking_part: Iterable[tuple[str, str, str]],
) -> Incidence:
    """An incidence from (row id, activity id, role) triples; unknown ids are skipped."""
    row_of = {r: i for i, r in enumerate(rows)}
    col_of = {a.id: j for j, a in enumerate(activities)}
    r_idx, c_idx, codes = [], [], []
    for row, activity, role in taking_part:
        i, j = row_of.get(row), col_of.get(activity)
        if i is not None and j is not None:
            r_idx.append(i)
            c_idx.append(j)
            codes.append(ROLE_CODES.get(role, 1))
    r, c, code = (np.asarray(x, dtype=np.int64) for x in (r_idx, c_idx, codes))
    return incidence_of_positions(rows, activities, r, c, code)


def incidence_of_positions(
    rows: Sequence[str],
    activities: Sequence[Activity],
    row: np.ndarray,
    column: np.ndarray,
    code: np.ndarray,
) -> Incidence:
    """An incidence from parallel arrays: row position, activity position, role code."""
    r, c, code = (np.asarray(x, dtype=np.int64) for x in (row, column, code))
    # Keep one entry per (row, activity): the strongest role.
    key = r * max(len(activities), 1) + c
    order = np.lexsort((code, key))
    key, code = key[order], code[order]
    last = np.r_[key[1:] != key[:-1], True] if len(key) else np.zeros(0, dtype=bool)
    key, code = key[last], code[last]
    shape = (len(rows), len(activities))
    matrix = sp.csr_array(
        (code.astype(np.int8), (key // max(shape[1], 1), key % max(shape[1], 1))), shape=shape
    )
    dates = np.array([a.date for a in activities], dtype="datetime64[D]")
    by_district = np.array([a.initiator == DISTRICT for a in activities], dtype=bool)
    return Incidence(tuple(rows), tuple(a.id for a in activities), matrix, dates, by_district)


def incidence(
    units: Sequence[Unit],
    activities: Sequence[Activity],
    participations: Iterable[Participation],
    party_orgs: Sequence[PartyOrg] = (),
    members: Sequence[Member] = (),
) -> Incidence:
    """Units × activities, with party organisations and members rolled up to their units."""
    party_orgs, members = list(party_orgs), list(members)
    took = TookPart.from_records(participations, activities, units, party_orgs, members)
    return unit_incidence(units, activities, took, RollUp.of(units, party_orgs, members))


def unit_incidence(
    units: Sequence[Unit], activities: Sequence[Activity], took: TookPart, roll_up: RollUp
) -> Incidence:
    """:func:`incidence` of participations held as columns (positions in these lists)."""
    rows, which = took.unit_rows(roll_up)
    return incidence_of_positions(
        [u.id for u in units], activities, rows, took.activity[which], took.role[which]
    )


def org_incidence(
    party_orgs: Sequence[PartyOrg],
    activities: Sequence[Activity],
    participations: Iterable[Participation],
    members: Sequence[Member] = (),
) -> Incidence:
    """Party organisations × activities: an organisation takes part when it is
    named itself or through one of its members (units do not roll down)."""
    party_orgs, members = list(party_orgs), list(members)
    took = TookPart.from_records(participations, activities, (), party_orgs, members)
    return party_org_incidence(party_orgs, activities, took, RollUp.of((), party_orgs, members))


def party_org_incidence(
    party_orgs: Sequence[PartyOrg], activities: Sequence[Activity], took: TookPart, roll_up: RollUp
) -> Incidence:
    """:func:`org_incidence` of participations held as columns (positions in these lists)."""
    org = took.organisation(roll_up.member_org)
    which = np.flatnonzero(org >= 0)
    return incidence_of_positions(
        [o.id for o in party_orgs], activities, org[which], took.activity[which], took.role[which]
    )


def incidence_from_pairs(pairs: Iterable[tuple[str, str]]) -> Incidence:
    """An undated incidence from (unit, activity) pairs, all as guests — for examples."""
    pairs = list(pairs)
    units = list(dict.fromkeys(u for u, _ in pairs))
    acts = [
        Activity(a, a, "other", dt.date(1970, 1, 1)) for a in dict.fromkeys(a for _, a in pairs)
    ]
    return _build(units, acts, ((u, a, Role.GUEST.value) for u, a in pairs))


@dataclass(frozen=True, eq=False)
class SparseGraph:
    """An undirected weighted graph held as symmetric scipy sparse matrices.

    ``weight`` counts joint activities; ``newman`` (optional) holds the
    down-weighted strengths; ``attrs`` maps node ids to their attributes.
    Metric functions accept this or a NetworkX graph.
    """

    nodes: tuple[str, ...]
    weight: sp.csr_array
    newman: sp.csr_array | None = None
    attrs: Mapping[str, Mapping] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.nodes)

    @cached_property
    def index(self) -> dict[str, int]:
        """Position of each node id."""
        return {n: i for i, n in enumerate(self.nodes)}

    @property
    def number_of_edges(self) -> int:
        return int(self.weight.nnz // 2)

    def matrix(self, weight: str | None = "weight") -> sp.csr_array:
        """The adjacency matrix: ``weight``, ``newman``, or None for 0/1."""
        if weight is None:
            binary = self.weight.copy()
            binary.data[:] = 1.0
            return binary
        if weight == "newman" and self.newman is not None:
            return self.newman
        if weight in ("weight", "newman"):
            return self.weight
        raise MetricPrecondition(
            "未知的边权 {weight!r}：可用 'weight'、'newman' 或 None",
            weight=weight,
        )

    def subgraph(self, nodes: Iterable[str]) -> SparseGraph:
        """The graph induced on ``nodes`` (kept in this graph's order)."""
        wanted = set(nodes)
        if wanted.issuperset(self.nodes):  # the whole graph (a district-wide scope): no copy
            return self
        keep = np.array([i for i, n in enumerate(self.nodes) if n in wanted], dtype=np.int64)
        ids = tuple(self.nodes[i] for i in keep)
        attrs = {n: self.attrs[n] for n in ids if n in self.attrs}
        newman = None if self.newman is None else _induced(self.newman, keep)
        return SparseGraph(ids, _induced(self.weight, keep), newman, attrs)

    def to_networkx(self) -> nx.Graph:
        """The same graph in NetworkX (nodes with their attributes; edges with
        ``weight`` and, when present, ``newman``)."""
        G = nx.Graph()
        G.add_nodes_from((n, dict(self.attrs.get(n, {}))) for n in self.nodes)
        upper = sp.triu(self.weight, k=1).tocoo()
        ids = self.nodes
        if self.newman is None:
            G.add_edges_from(
                (ids[i], ids[j], {"weight": float(w)})
                for i, j, w in zip(upper.row, upper.col, upper.data, strict=True)
            )
            return G
        newman = self.newman[upper.row, upper.col]
        G.add_edges_from(
            (ids[i], ids[j], {"weight": float(w), "newman": float(x)})
            for i, j, w, x in zip(upper.row, upper.col, upper.data, newman, strict=True)
        )
        return G


def _induced(matrix: sp.csr_array, keep: np.ndarray) -> sp.csr_array:
    return matrix[keep][:, keep].tocsr()


def project(
    inc: Incidence,
    *,
    max_size: int | None = None,
    half_life: float | None = None,
    end: dt.date | None = None,
    attrs: Mapping[str, Mapping] | None = None,
) -> SparseGraph:
    """The unit–unit graph of ``inc`` (see the module docstring for the weights).

    >>> inc = incidence_from_pairs([("a", "x"), ("b", "x"), ("c", "x"), ("a", "y"), ("b", "y")])
    >>> G = project(inc)
    >>> G.weight[0, 1], G.newman[0, 1], G.weight[0, 2]
    (np.float64(2.0), np.float64(1.5), np.float64(1.0))
    """
    if max_size is not None and max_size < 2:
        raise MetricPrecondition("max_size 至少为 2，而不是 {max_size}", max_size=max_size)
    sizes = inc.sizes()
    keep = sizes >= 2
    if max_size is not None:
        keep &= sizes <= max_size
    factor = np.ones(len(sizes))
    if half_life is not None:
        if half_life <= 0 or end is None:
            raise MetricPrecondition(
                "按时间衰减需要正的半衰期和时间窗口的截止日期",
            )
        age = (np.datetime64(end, "D") - inc.dates).astype(np.float64)
        factor = 0.5 ** (np.maximum(age, 0.0) / half_life)
    cols = np.flatnonzero(keep)
    B = inc.taking_part[:, cols].tocsr()
    weight, newman = _cooccurrence(B, factor[cols], factor[cols] / (sizes[cols] - 1.0))
    return SparseGraph(inc.units, weight, newman, dict(attrs or {}))


def _cooccurrence(
    B: sp.csr_array, first: np.ndarray, second: np.ndarray
) -> tuple[sp.csr_array, sp.csr_array]:
    """``B @ diag(w) @ B.T`` without its diagonal, for the column weights ``first`` and
    ``second``, from one product: ``w`` holds them as the real and imaginary parts of
    complex numbers. B's entries are 1, so every product is ``w`` itself and each part
    is summed in the same order, to the same bits, as a real product of its own."""
    both = np.empty(len(first), dtype=np.complex128)
    both.real, both.imag = first, second
    W = (B @ sp.diags_array(both) @ B.T).tocsr()
    W.sort_indices()
    diagonal = np.repeat(np.arange(W.shape[0]), np.diff(W.indptr)) == W.indices
    parts = []
    for values in (W.data.real, W.data.imag):
        part = sp.csr_array((values.copy(), W.indices.copy(), W.indptr.copy()), shape=W.shape)
        part.data[diagonal] = 0.0
        part.eliminate_zeros()
        parts.append(part)
    return parts[0], parts[1]


def bipartite_graph(inc: Incidence, attrs: Mapping[str, Mapping] | None = None) -> nx.Graph:
    """Units (``bipartite=0``) and activities (``bipartite=1``, with ``date`` and
    ``by_district``) as a NetworkX graph whose edges carry the ``role``."""
    G = nx.Graph()
    attrs = attrs or {}
    G.add_nodes_from((u, {**attrs.get(u, {}), "bipartite": 0}) for u in inc.units)
    for j, a in enumerate(inc.activities):
        date = inc.dates[j]
        G.add_node(
            a,
            bipartite=1,
            date=None if np.isnat(date) else date.astype(dt.date),
            by_district=bool(inc.by_district[j]),
        )
    coo = inc.roles.tocoo()
    G.add_edges_from(
        (inc.units[i], inc.activities[j], {"role": ROLE_NAMES[int(c)]})
        for i, j, c in zip(coo.row, coo.col, coo.data, strict=True)
    )
    return G


def as_sparse(G: nx.Graph | SparseGraph) -> SparseGraph:
    """``G`` as a :class:`SparseGraph` (a NetworkX graph is converted; edges
    without ``weight`` count 1)."""
    if isinstance(G, SparseGraph):
        return G
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise MetricPrecondition(
            "该指标需要无向简单图（nx.Graph）或 SparseGraph",
        )
    if nx.number_of_selfloops(G):
        raise MetricPrecondition(
            "协作网络不应有自环，请先去除",
        )
    nodes = list(G)
    if not nodes:
        return SparseGraph((), sp.csr_array((0, 0)), None, {})
    weight = nx.to_scipy_sparse_array(G, nodelist=nodes, weight="weight", format="csr")
    newman = None
    if any("newman" in d for _, _, d in G.edges(data=True)):
        newman = nx.to_scipy_sparse_array(G, nodelist=nodes, weight="newman", format="csr")
    return SparseGraph(
        tuple(nodes), weight.astype(np.float64), newman, {n: d for n, d in G.nodes(data=True)}
    )


def as_incidence(B: nx.Graph | Incidence) -> Incidence:
    """``B`` as an :class:`Incidence`: a bipartite NetworkX graph whose unit nodes
    have ``bipartite=0`` and activity nodes ``bipartite=1`` (optional node
    attributes ``date``, ``by_district``; optional edge attribute ``role``)."""
    if isinstance(B, Incidence):
        return B
    side = nx.get_node_attributes(B, "bipartite") if isinstance(B, nx.Graph) else {}
    if not side or len(side) != len(B) or set(side.values()) - {0, 1}:
        raise MetricPrecondition(
            "该指标需要二部图：每个节点须有 bipartite=0（单位）或 bipartite=1（活动）",
        )
    units = [n for n in B if side[n] == 0]
    acts = [n for n in B if side[n] == 1]
    records = [
        Activity(
            a,
            str(a),
            "other",
            B.nodes[a].get("date") or dt.date.min,
            DISTRICT if B.nodes[a].get("by_district") else None,
        )
        for a in acts
    ]
    triples = []
    for u, a, role in B.edges(data="role", default=Role.GUEST.value):
        if side[u] == side[a]:
            raise MetricPrecondition(
                "边 {u!r}–{a!r} 连接了同一侧的两个节点",
                u=u,
                a=a,
            )
        unit, act = (u, a) if side[u] == 0 else (a, u)
        triples.append((unit, act, role))
    inc = _build(units, records, triples)
    dates = inc.dates.copy()
    dates[dates == np.datetime64(dt.date.min, "D")] = np.datetime64("NaT")
    return Incidence(inc.units, inc.activities, inc.roles, dates, inc.by_district)
