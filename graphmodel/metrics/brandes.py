"""Brandes' algorithm on sparse arrays: how much of the shortest paths from some
sources runs through each unit (the sum behind :func:`.structure.betweenness`).

Several sources are searched at once, level by level, with numpy: copy ``s`` of unit
``v`` is ``s * n + v``. The ties between a source's frontier and its unvisited units
form the shortest-path DAG, along which path counts (forward) and dependencies
(backward) are summed. Each source finds these ties from whichever side has fewer:
down from the frontier while it is small, up from the unvisited units once most are
reached (Beamer's direction-optimising search). Either way a unit meets its ties in
column order, so every sum adds the same numbers in the same order, to the same bits.

>>> import scipy.sparse as sp
>>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
>>> dependencies(path, [0, 1, 2]).tolist()  # b lies on the paths a→c and c→a
[0.0, 2.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp


def dependencies(A: sp.csr_array, sources: Sequence[int], *, bottom_up: bool = True) -> np.ndarray:
    """Unnormalised betweenness of the 0/1 adjacency ``A`` from ``sources`` (ordered
    pairs), in batches. ``bottom_up=False`` only walks down from the frontier (the
    slower search, kept to check that both give the same bits)."""
    n = A.shape[0]
    A.sort_indices()  # both searches meet a unit's ties in column order
    batch = max(1, min(len(sources), 1_000_000 // max(n, 1), 10_000_000 // max(A.nnz, 1)))
    total = np.zeros(n)
    for start in range(0, len(sources), batch):
        total += _batch(A, np.asarray(sources[start : start + batch]), bottom_up)
    return total


def _ties_of(nodes: np.ndarray, n: int, indptr: np.ndarray, indices: np.ndarray):
    """Every tie of the copies ``nodes`` (sorted): (position in ``nodes``, other end)."""
    local = nodes % n
    starts = indptr[local]
    counts = indptr[local + 1] - starts
    owner = np.repeat(np.arange(len(nodes), dtype=indptr.dtype), counts)
    if not len(owner):
        return owner, owner.copy()
    first = np.cumsum(counts) - counts
    # The positions of the ties in ``indices``: runs of +1 that jump at each node's first.
    some = counts > 0
    at, begin, length = first[some], starts[some], counts[some]
    step = np.ones(len(owner), dtype=indptr.dtype)
    step[at[0]] = begin[0]
    step[at[1:]] = begin[1:] - (begin[:-1] + length[:-1] - 1)
    other = indices[np.cumsum(step, dtype=indptr.dtype)]
    # Sorted nodes hold each copy in one stretch: add its offset to its ties at once.
    base = nodes - local
    change = np.flatnonzero(np.diff(base)) + 1
    bounds = [0, *first[change].tolist(), len(owner)]
    for a, b, offset in zip(bounds[:-1], bounds[1:], base[np.r_[0, change]].tolist(), strict=True):
        if offset:
            other[a:b] += offset
    return owner, other


def _batch(A: sp.csr_array, sources: np.ndarray, bottom_up: bool) -> np.ndarray:
    """Dependencies summed over a few ``sources`` searched at once."""
    n, copies = A.shape[0], len(sources)
    size = copies * n
    itype = np.int32 if size < 2**31 - 1 and A.nnz < 2**31 - 1 else np.int64
    indptr, indices = A.indptr.astype(itype), A.indices.astype(itype)
    degree = np.diff(indptr)
    dist = np.full(size, -1, dtype=np.int32)
    sigma = np.zeros(size)
    roots = (np.arange(copies) * n + sources).astype(itype)
    dist[roots], sigma[roots] = 0, 1.0
    # Per source: the ties of its unvisited units (what a search up would read).
    unreached = int(degree.sum()) - degree[sources].astype(np.int64)
    frontier, level, steps = roots, 0, []
    while frontier.size:
        copy = frontier // n
        down = np.bincount(copy, weights=degree[frontier - copy * n], minlength=copies)
        if not down.any():
            break
        up = unreached < down if bottom_up else np.zeros(copies, dtype=bool)
        pieces = []
        if not up.all():
            walk = frontier[~up[copy]]
            owner, v = _ties_of(walk, n, indptr, indices)
            fresh = dist[v] < 0  # every tie to an unvisited unit lies on a shortest path
            pieces.append((walk[owner[fresh]], v[fresh]))
        if up.any():
            which = np.flatnonzero(up)
            left = np.flatnonzero(dist.reshape(copies, n)[which] < 0)
            rest = (which[left // n] * n + left % n).astype(itype)
            owner, u = _ties_of(rest, n, indptr, indices)
            parent = dist[u] == level
            pieces.append((u[parent], rest[owner[parent]]))
        u, v = (np.concatenate(p) for p in zip(*pieces, strict=True))
        level += 1
        dist[v] = level
        sigma += np.bincount(v, weights=sigma[u], minlength=size)
        steps.append((u, v))
        frontier = np.flatnonzero(dist == level).astype(itype)
        copy = frontier // n
        unreached -= np.bincount(
            copy, weights=degree[frontier - copy * n], minlength=copies
        ).astype(np.int64)
    delta = np.zeros(size)
    for u, v in reversed(steps):
        delta += np.bincount(u, weights=sigma[u] * (1.0 + delta[v]) / sigma[v], minlength=size)
    delta[roots] = 0.0
    return delta.reshape(copies, n).sum(axis=0)
