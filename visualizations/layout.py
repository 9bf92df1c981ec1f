"""Positions computed on the server, so the browser draws with physics off.

Units are laid out street by street: each street's units are spread by a
small force-directed layout inside a disc, and the discs are placed where the
streets are (their units' mean coordinates, else on a circle). Planners read
the picture by territory, and the cost is the sum of the streets' squares, not
the square of the district.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np


def force_layout(
    G: nx.Graph, *, seed: int = 7, iterations: int = 60, weight: str = "weight"
) -> dict[Hashable, tuple[float, float]]:
    """Fruchterman–Reingold positions within the unit disc, vectorised with numpy.

    Units without ties are set on a ring around the others, where they stay
    visible instead of being pushed out of the picture.

    >>> pos = force_layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(abs(x) <= 1 and abs(y) <= 1 for x, y in pos.values())
    True
    """
    linked = [n for n in G if G.degree(n) > 0]
    alone = [n for n in G if G.degree(n) == 0]
    if len(linked) > FORCE_LIMIT:
        positions = sunflower_layout(G, linked, weight)
    else:
        positions = _spring(G.subgraph(linked), linked, seed, iterations, weight)
    radius = 1.0 if linked else 0.5
    for i, node in enumerate(alone):
        angle = 2 * math.pi * i / len(alone)
        positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


#: Above this many linked units in one group the force layout (time and memory
#: growing with the square of the group) gives way to :func:`sunflower_layout`.
FORCE_LIMIT = 600


def sunflower_layout(
    G: nx.Graph, nodes: list, weight: str = "weight"
) -> dict[Hashable, tuple[float, float]]:
    """Nodes on a sunflower spiral in the unit disc, the most connected at the centre:
    linear in the number of nodes, for groups too large for the force layout.

    >>> pos = sunflower_layout(nx.star_graph(3), [0, 1, 2, 3])
    >>> pos[0]
    (0.0, 0.0)
    """
    strength = dict(G.degree(nodes, weight=weight))
    ordered = sorted(nodes, key=lambda n: (-strength[n], str(n)))
    golden = math.pi * (3 - math.sqrt(5))
    count = len(ordered)
    positions = {}
    for i, node in enumerate(ordered):
        radius = 0.9 * math.sqrt(i / count)
        positions[node] = (radius * math.cos(i * golden), radius * math.sin(i * golden))
    return positions


def _spring(
    G: nx.Graph, nodes: list, seed: int, iterations: int, weight: str
) -> dict[Hashable, tuple[float, float]]:
    n = len(nodes)
    if n <= 1:
        return dict.fromkeys(nodes, (0.0, 0.0))
    A = np.log1p(nx.to_numpy_array(G, nodelist=nodes, weight=weight))  # heavy ties pull harder
    pos = np.random.default_rng(seed).random((n, 2))
    k = math.sqrt(1.0 / n)
    t = 0.1
    cooling = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance**2 - A * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.linalg.norm(displacement, axis=-1), 0.01)
        pos += displacement * (t / length)[:, None]
        t -= cooling
    pos -= np.median(pos, axis=0)
    # A robust scale: a few far-flung nodes must not shrink everyone else to a dot.
    radii = np.linalg.norm(pos, axis=1)
    scale = float(np.quantile(radii, 0.95)) or 1.0
    pos /= scale * 1.1
    radii = np.linalg.norm(pos, axis=1)
    outside = radii > 0.9
    pos[outside] *= (0.9 / radii[outside])[:, None]
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}


def group_centres(
    groups: Mapping[Hashable, list[Hashable]],
    coordinates: Mapping[Hashable, tuple[float, float]] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """A centre per group: the mean coordinates of its members, else a circle.

    >>> group_centres({"a": [1], "b": [2]})["a"]
    (1.0, 0.0)
    """
    coordinates = coordinates or {}
    centres: dict[Hashable, tuple[float, float]] = {}
    located = {
        g: [coordinates[m] for m in members if m in coordinates] for g, members in groups.items()
    }
    if groups and all(located.values()):
        for g, points in located.items():
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            centres[g] = (lon, -lat)  # east to the right, north up
        xs = [c[0] for c in centres.values()]
        ys = [c[1] for c in centres.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        return {g: ((x - cx) / span * 2, (y - cy) / span * 2) for g, (x, y) in centres.items()}
    ordered = sorted(groups, key=str)
    for i, g in enumerate(ordered):
        angle = 2 * math.pi * i / max(len(ordered), 1)
        centres[g] = (round(math.cos(angle), 9), round(math.sin(angle), 9))
    return centres


def clustered_layout(
    G: nx.Graph,
    attribute: str = "street",
    *,
    coordinates: Mapping[Hashable, tuple[float, float]] | None = None,
    seed: int = 7,
    spread: float = 1000.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels: one disc per group (street), a force layout inside each.

    A disc's radius grows with the square root of its group's size, so that
    dense and sparse streets look alike.
    """
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for node, group in G.nodes(data=attribute):
        groups[group].append(node)
    centres = group_centres(groups, coordinates)
    largest = max((len(m) for m in groups.values()), default=1)
    gap = _nearest_gap(centres)
    positions: dict[Hashable, tuple[float, float]] = {}
    for group, members in groups.items():
        inner = force_layout(G.subgraph(members), seed=seed)
        radius = gap * 0.45 * math.sqrt(len(members) / largest)
        cx, cy = centres[group]
        for node, (x, y) in inner.items():
            positions[node] = ((cx + x * radius) * spread, (cy + y * radius) * spread)
    return positions


def _nearest_gap(centres: Mapping[Hashable, tuple[float, float]]) -> float:
    """The median distance from a centre to its nearest neighbour (discs must not overlap)."""
    points = np.array(list(centres.values()), dtype=float)
    if len(points) < 2:
        return 1.0
    distance = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
    np.fill_diagonal(distance, np.inf)
    return float(np.median(distance.min(axis=1))) or 1.0


def radial_layout(
    G: nx.Graph, distance: Mapping[Hashable, int], *, ring: float = 260.0
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels around the unit at distance 0: its partners on a first ring
    (by street, then by tie strength), partners of partners on a second ring next to
    the partner that leads to them.

    >>> pos = radial_layout(nx.star_graph(2), {0: 0, 1: 1, 2: 1})
    >>> pos[0], round(pos[1][0])
    ((0.0, 0.0), 260)
    """
    centre = next((n for n, d in distance.items() if d == 0), None)
    positions: dict[Hashable, tuple[float, float]] = {}
    if centre is None:
        return positions
    positions[centre] = (0.0, 0.0)
    first = sorted(
        (n for n, d in distance.items() if d == 1),
        key=lambda n: (str(G.nodes[n].get("street")), -G[centre][n].get("weight", 1), str(n)),
    )
    r1 = max(ring, len(first) * 60 / (2 * math.pi))  # room for each partner's disc and name
    angle: dict[Hashable, float] = {}
    for i, node in enumerate(first):
        angle[node] = 2 * math.pi * i / max(len(first), 1)
        positions[node] = (r1 * math.cos(angle[node]), r1 * math.sin(angle[node]))
    second = [n for n, d in distance.items() if d == 2]

    def parent_angle(node: Hashable) -> float:
        return min((angle[p] for p in G[node] if p in angle), default=0.0)

    second.sort(key=lambda n: (parent_angle(n), str(n)))
    r2 = r1 + max(ring, len(second) * 40 / (2 * math.pi) - r1)
    for i, node in enumerate(second):
        a = 2 * math.pi * i / max(len(second), 1)
        positions[node] = (r2 * math.cos(a), r2 * math.sin(a))
    return positions


def chain_layout(
    chains: list[list[Hashable]], *, step: float = 220.0, gap: float = 130.0
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels for chains between the same two units, read left to right:
    the first unit in column 0, the last in the last column, every intermediary in
    the column of its earliest place in a chain; units of one column stacked.

    >>> chain_layout([["a", "b", "c"], ["a", "d", "e", "c"]])["c"], chain_layout([["a", "b"]])["b"]
    ((660.0, 0.0), (220.0, 0.0))
    """
    if not chains:
        return {}
    first, last = chains[0][0], chains[0][-1]
    end = max(len(c) for c in chains) - 1
    column: dict[Hashable, int] = {first: 0, last: end}
    for chain in chains:
        for i, node in enumerate(chain[1:-1], start=1):
            column[node] = min(column.get(node, i), i)
    stacks: dict[int, list[Hashable]] = defaultdict(list)
    for node, c in column.items():
        stacks[c].append(node)
    positions = {}
    for c, nodes in stacks.items():
        for row, node in enumerate(nodes):
            positions[node] = (c * step, round((row - (len(nodes) - 1) / 2) * gap, 1))
    return positions


def ring_around(
    positions: Mapping[Hashable, tuple[float, float]], keys: list[Hashable], margin: float = 220.0
) -> dict[Hashable, tuple[float, float]]:
    """Places for ``keys`` evenly on a circle around ``positions`` (outside its units).

    >>> ring_around({"a": (0, 0)}, ["x"])
    {'x': (220.0, 0.0)}
    """
    if not positions:
        return {k: (0.0, 0.0) for k in keys}
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    radius = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 + margin
    return {
        k: (
            round(cx + radius * math.cos(2 * math.pi * i / len(keys)), 1),
            round(cy + radius * math.sin(2 * math.pi * i / len(keys)), 1),
        )
        for i, k in enumerate(keys)
    }
