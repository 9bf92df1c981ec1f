"""What the scoring reads about every unit, held as arrays in the collaboration graph's order.

:class:`Features` keeps the window's ties as a 0/1 sparse matrix (with each
unit's number of partners), offers and needs as units × resources matrices,
the places (street, community, collaboration zones and alliances, latitude
and longitude) and the kind as integer codes. It is built once per district
snapshot (:func:`district_features`, cached by :meth:`District.memo`), so that
scoring one unit against every other is a handful of vector operations.

>>> G = nx.Graph([("a", "b"), ("b", "c")])
>>> F = unit_features(G, [Unit("a", "甲", "school", offers=("师资",)), Unit("c", "丙", "community")])
>>> F.degree.tolist(), F.resources, F.kind_names
([1, 2, 1], ('师资',), ('community', 'school'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..district import District
from ..projection import SparseGraph, as_sparse
from ..records import Unit, Zone, ZoneKind

__all__ = ["Features", "district_features", "overload_penalty", "unit_features"]

#: Half-life (days) of an activity in a unit's recent activity.
ACTIVITY_HALF_LIFE = 90.0
#: Mean radius of the earth, for distances from latitude and longitude.
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, eq=False)
class Features:
    """Per-unit arrays for scoring (see the module docstring); row ``i`` is ``units[i]``.

    Codes are indices into the ``*_names`` tuples; ``-1`` means "not known".
    A community is keyed by (street, community name): names repeat across streets.
    """

    units: tuple[str, ...]
    adjacency: sp.csr_array
    degree: np.ndarray
    #: Joint activities per tie (the tie's strength), in ``adjacency``'s pattern.
    strength: sp.csr_array
    #: Activities each unit took part in during the window (any role).
    activity: np.ndarray
    offers: sp.csr_array
    needs: sp.csr_array
    resources: tuple[str, ...]
    kind: np.ndarray
    kind_names: tuple[str, ...]
    street: np.ndarray
    street_names: tuple[str, ...]
    community: np.ndarray
    community_names: tuple[tuple[str, str], ...]
    zones: sp.csr_array
    zone_names: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray

    def __len__(self) -> int:
        return len(self.units)

    @cached_property
    def index(self) -> dict[str, int]:
        """Row of each unit id."""
        return {u: i for i, u in enumerate(self.units)}

    @cached_property
    def inverse_log_degree(self) -> np.ndarray:
        """``1 / log(degree)`` (0 for degree < 2): what a common partner adds to Adamic–Adar."""
        out = np.zeros(len(self.degree))
        many = self.degree > 1
        out[many] = 1.0 / np.log(self.degree[many])
        return out

    @cached_property
    def inverse_degree(self) -> np.ndarray:
        """``1 / degree`` (0 for degree 0): what a common partner adds to resource allocation."""
        out = np.zeros(len(self.degree))
        some = self.degree > 0
        out[some] = 1.0 / self.degree[some]
        return out

    @cached_property
    def transposed(self) -> tuple[sp.csr_array, sp.csr_array]:
        """``adjacency.T`` and ``strength.T`` as CSR, made once: a block of rows times
        every unit multiplies by them (scipy converted the transpose on every product)."""
        return self.adjacency.T.tocsr(), self.strength.T.tocsr()

    @cached_property
    def need_counts(self) -> np.ndarray:
        """How many needs each unit has."""
        return np.diff(self.needs.indptr)

    @cached_property
    def _overload(self) -> dict[float, np.ndarray]:
        return {}

    def overload(self, share: float) -> np.ndarray:
        """The overload mark-down of every unit for the busiest ``share`` (cached;
        see :func:`overload_penalty`)."""
        if share not in self._overload:
            self._overload[share] = overload_penalty(self.degree, share)
        return self._overload[share]

    def neighbours(self, row: int) -> np.ndarray:
        """Rows of the partners of unit ``row`` in the window."""
        A = self.adjacency
        return A.indices[A.indptr[row] : A.indptr[row + 1]]

    @cached_property
    def _radians(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lat = np.radians(self.lat)
        return lat, np.radians(self.lon), np.cos(lat)

    def distance_from(self, row: int) -> np.ndarray:
        """:meth:`distance_km` from unit ``row`` to every unit (the same values), from
        radians computed once per snapshot."""
        lat, lon, cos = self._radians
        h = np.sin((lat - lat[row]) / 2) ** 2 + cos[row] * cos * np.sin((lon - lon[row]) / 2) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))

    def distance_km(self, rows: Sequence[int] | np.ndarray, cols=None) -> np.ndarray:
        """Great-circle distances (km) between ``rows`` and ``cols`` (all units when
        None), ``nan`` where a position is unknown; shape ``len(rows) × len(cols)``."""
        cols = slice(None) if cols is None else np.asarray(cols)
        rows = np.asarray(rows)
        lat1, lon1 = np.radians(self.lat[rows])[:, None], np.radians(self.lon[rows])[:, None]
        lat2, lon2 = np.radians(self.lat[cols])[None, :], np.radians(self.lon[cols])[None, :]
        h = (
            np.sin((lat2 - lat1) / 2) ** 2
            + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def overload_penalty(degree: np.ndarray, share: float) -> np.ndarray:
    """Per unit, how far it lies into the busiest ``share`` of units by partners:
    0 up to the ``1 − share`` quantile ``t`` of the degrees, then ``(d − t) /
    (max − t)``, reaching 1 for the busiest.

    >>> overload_penalty(np.array([0, 1, 1, 2, 10]), 0.2).tolist()
    [0.0, 0.0, 0.0, 0.0, 1.0]
    """
    degree = np.asarray(degree, dtype=float)
    out = np.zeros(len(degree))
    if not len(degree):
        return out
    threshold = float(np.quantile(degree, 1 - share))
    top = float(degree.max())
    if top > threshold:
        over = degree > threshold
        out[over] = (degree[over] - threshold) / (top - threshold)
    return out


def _codes(values: Sequence) -> tuple[np.ndarray, tuple]:
    """Integer codes of ``values`` (None and "" → -1) and the sorted distinct values."""
    names = tuple(sorted({v for v in values if v not in (None, "")}))
    code_of = {v: i for i, v in enumerate(names)}
    return np.array([code_of.get(v, -1) for v in values], dtype=np.int64), names


def _membership(
    lists: Sequence[Iterable[str]], names: Sequence[str] | None = None
) -> tuple[sp.csr_array, tuple[str, ...]]:
    """A 0/1 matrix rows × items from one list of items per row; the columns are
    ``names`` when given, else the distinct items in sorted order."""
    lists = [tuple(items) for items in lists]
    names = tuple(sorted({x for items in lists for x in items}) if names is None else names)
    col = {x: j for j, x in enumerate(names)}
    rows, cols = [], []
    for i, items in enumerate(lists):
        for x in dict.fromkeys(items):
            rows.append(i)
            cols.append(col[x])
    data = np.ones(len(rows))
    return sp.csr_array((data, (rows, cols)), shape=(len(lists), len(names))), names


#: The fields of :class:`Features` read from the units' records (not from the window's ties).
RECORD_FIELDS = (
    "offers",
    "needs",
    "resources",
    "kind",
    "kind_names",
    "street",
    "street_names",
    "community",
    "community_names",
    "zones",
    "zone_names",
    "lat",
    "lon",
)


def _record_columns(nodes: Sequence, units: Iterable[Unit], zones: Iterable[Zone]) -> dict:
    """The :data:`RECORD_FIELDS` of ``nodes`` from the unit and zone records."""
    record = {u.id: u for u in units}
    streets = {z.id for z in zones if z.kind == ZoneKind.STREET.value}
    rows = [record.get(n) for n in nodes]
    kind, kind_names = _codes([u.kind if u else None for u in rows])
    street, street_names = _codes([u.street if u else None for u in rows])
    community, community_names = _codes(
        [(u.street or "", u.community) if u and u.community else None for u in rows]
    )
    resources = tuple(sorted({x for u in rows if u for x in (*u.offers, *u.needs)}))
    offers, _ = _membership([u.offers if u else () for u in rows], resources)
    needs, _ = _membership([u.needs if u else () for u in rows], resources)
    zone_lists = [tuple(z for z in u.zones if z not in streets) if u else () for u in rows]
    zone_matrix, zone_names = _membership(zone_lists)
    lat = np.array([u.lat if u and u.lat is not None else np.nan for u in rows], dtype=float)
    lon = np.array([u.lon if u and u.lon is not None else np.nan for u in rows], dtype=float)
    return {
        "offers": offers,
        "needs": needs,
        "resources": resources,
        "kind": kind,
        "kind_names": kind_names,
        "street": street,
        "street_names": street_names,
        "community": community,
        "community_names": community_names,
        "zones": zone_matrix,
        "zone_names": zone_names,
        "lat": lat,
        "lon": lon,
    }


def unit_features(
    G: nx.Graph | SparseGraph,
    units: Iterable[Unit],
    zones: Iterable[Zone] = (),
    activity: Mapping[str, int] | None = None,
    like: Features | None = None,
) -> Features:
    """The features of the units of ``G`` (a NetworkX graph or a
    :class:`~graphmodel.projection.SparseGraph`) from their records.

    A node without a record has no kind, place, offers or needs. Zones of kind
    street are left out of the shared zones (the street is compared on its own).
    ``activity`` counts each unit's activities in the window (0 when absent).
    ``like``, the features of the same units and records in another window, lends
    what comes from the records (a backtest builds four windows of a city).
    """
    S = as_sparse(G)
    nodes = tuple(str(n) for n in S.nodes)
    strength = S.weight.copy().tocsr()
    strength.eliminate_zeros()
    strength.sort_indices()
    adjacency = strength.copy()
    adjacency.data[:] = 1.0
    if like is not None and like.units == nodes:
        records = {name: getattr(like, name) for name in RECORD_FIELDS}
    else:
        records = _record_columns(S.nodes, units, zones)
    return Features(
        units=nodes,
        adjacency=adjacency,
        degree=np.diff(adjacency.indptr),
        strength=strength,
        activity=np.array([(activity or {}).get(str(n), 0) for n in S.nodes], dtype=float),
        **records,
    )


def district_features(district: District, like: Features | None = None) -> Features:
    """The features of a district snapshot's units, on the window's collaboration
    graph (gatherings left out), computed once per snapshot; ``like`` as in
    :func:`unit_features`."""

    def build() -> Features:
        inc = district.window_incidence
        # Recent activity predicts the next months best: an activity counts
        # 0.5 ** (age / ACTIVITY_HALF_LIFE days) at the window's end.
        age = (np.datetime64(district.window.end, "D") - inc.dates).astype(float)
        counts = inc.taking_part @ (0.5 ** (age / ACTIVITY_HALF_LIFE))
        activity = dict(zip(inc.units, counts.tolist(), strict=True))
        return unit_features(
            district.collaboration_graph(), district.units, district.zones, activity, like
        )

    return district.shared("suggest-features", build)  # the same for every scope
