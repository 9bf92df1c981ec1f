"""Analysis benchmark: the whole report on the demo at S and M, per metric, against peers.

    .venv/bin/python bench/analysis.py               # S and M
    .venv/bin/python bench/analysis.py --scale S     # S only
    .venv/bin/python bench/analysis.py --profile     # also print a pyinstrument profile

For each scale it prints, for the project's path (graphmodel.report.build_report on
a snapshot), the time of every section and of the main operations; the same
operations in plain NetworkX (each in a forked child, killed after --timeout
seconds) and in python-igraph (the peer); the process' peak memory after the
report; the time to read the snapshot back from the embedded SQLite store; and,
on S, how far sampled betweenness (256 sources, seed 7) is from the exact one.

Demo bundles and the SQLite files are kept in bench/data/ (not committed), so
that a second run does not regenerate M (≈5 min). Targets: the report on M
within 60 s, each operation within 3× igraph, peak memory under 4 GB.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import time
from collections.abc import Callable

import igraph as ig
import networkx as nx
import numpy as np
import scipy.sparse as sp
from demo_cache import DATA, END, SEED, bundle_for, generator_version  # bench/ is on sys.path
from networkx.algorithms import bipartite
from scipy.stats import spearmanr

from graphmodel.district import District
from graphmodel.metrics import communities as com
from graphmodel.metrics import density as den
from graphmodel.metrics import structure as st
from graphmodel.projection import GATHERING_SIZE, project
from graphmodel.report import build_report
from graphmodel.store import open_store
from graphmodel.window import Window


def timed(fn: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _child(fn: Callable, conn) -> None:
    seconds, _ = timed(fn)
    conn.send(seconds)


def with_timeout(fn: Callable, timeout: float) -> float | None:
    """Seconds ``fn`` took in a forked child, or None if it ran past ``timeout``."""
    parent, child = mp.get_context("fork").Pipe()
    proc = mp.get_context("fork").Process(target=_child, args=(fn, child))
    proc.start()
    seconds = parent.recv() if parent.poll(timeout) else None
    if seconds is None:
        proc.kill()
    proc.join()
    return seconds


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


#: The operations, in the order they are timed; ``IGRAPH_GRAPH`` is the project's own
#: conversion of the unit graph to igraph (once per graph, shared by the rows after it).
IGRAPH_GRAPH = "igraph graph (once, shared)"
OPERATIONS = (
    "projection",
    IGRAPH_GRAPH,
    "density + degree",
    "components",
    "clustering (local)",
    "bridges + articulation",
    "betweenness",
    "louvain",
)


def engines(S, k) -> dict[str, str]:
    """What the project's path calls for each operation on this graph."""
    big = st.igraph_graph(S) is not None
    linked = int(np.count_nonzero(np.diff(S.weight.indptr)))
    return {
        "projection": "scipy",
        IGRAPH_GRAPH: "igraph" if big else "not built",
        "density + degree": "scipy",
        "components": "igraph" if big else "scipy",
        "clustering (local)": "igraph" if big else "scipy",
        "bridges + articulation": "igraph" if big else "scipy",
        "betweenness": f"numpy, {'exact' if k is None else f'{k} sources'}",
        "louvain": "igraph" if linked > com.IGRAPH_ABOVE else "NetworkX",
    }


def project_ops(district: District) -> tuple[dict[str, float], object, object]:
    """The main operations of the project's path, one by one (:data:`OPERATIONS`)."""
    inc = district.window_incidence
    ops: dict[str, float] = {}
    ops["projection"], S = timed(lambda: project(inc, max_size=GATHERING_SIZE))
    ops[IGRAPH_GRAPH], _ = timed(lambda: st.igraph_graph(S))
    ops["density + degree"], _ = timed(lambda: (den.density(S), st.degrees(S)))
    ops["components"], _ = timed(lambda: st.components(S))
    ops["clustering (local)"], _ = timed(lambda: st.clustering(S))
    ops["bridges + articulation"], _ = timed(lambda: (st.bridges(S), st.articulation_units(S)))
    k = st.betweenness_sources(S)
    ops["betweenness"], _ = timed(lambda: st.betweenness(S, k=k, seed=SEED))
    ops["louvain"], _ = timed(lambda: com.louvain(S, seed=SEED))
    return ops, S, k


def networkx_ops(district: District, S, k, timeout: float) -> dict[str, float | None]:
    """The same operations in plain NetworkX, each killed after ``timeout`` seconds."""
    inc = district.window_incidence
    keep = (inc.sizes() >= 2) & (inc.sizes() <= GATHERING_SIZE)
    small = inc.columns(keep)
    B = nx.Graph()
    B.add_nodes_from(small.units, bipartite=0)
    B.add_nodes_from(small.activities, bipartite=1)
    coo = small.roles.tocoo()
    B.add_edges_from(
        (small.units[i], small.activities[j]) for i, j in zip(coo.row, coo.col, strict=True)
    )
    G = S.to_networkx()
    ops = {
        "projection": lambda: bipartite.weighted_projected_graph(B, small.units),
        "density + degree": lambda: (nx.density(G), dict(G.degree(weight="weight"))),
        "components": lambda: list(nx.connected_components(G)),
        "clustering (local)": lambda: nx.clustering(G),
        "bridges + articulation": lambda: (list(nx.bridges(G)), list(nx.articulation_points(G))),
        "betweenness": lambda: nx.betweenness_centrality(G, k=k, seed=SEED),
    }
    return {name: with_timeout(fn, timeout) for name, fn in ops.items()}


def igraph_ops(district: District, S, k) -> dict[str, float | None]:
    """The same operations in python-igraph, on its own graph (construction not timed;
    None for the project's conversion, which igraph has no need of)."""
    inc = district.window_incidence
    keep = (inc.sizes() >= 2) & (inc.sizes() <= GATHERING_SIZE)
    coo = inc.columns(keep).roles.tocoo()
    n_units = len(inc.units)
    Bi = ig.Graph.Bipartite(
        [False] * n_units + [True] * int(keep.sum()),
        np.column_stack([coo.row, coo.col + n_units]).tolist(),
    )
    upper = sp.triu(S.weight, k=1).tocoo()
    g = ig.Graph(n=len(S), edges=np.column_stack([upper.row, upper.col]).tolist())
    g.es["newman"] = np.asarray(S.newman[upper.row, upper.col]).ravel().tolist()
    g.es["weight"] = upper.data.tolist()
    sources = [S.index[v] for v in random.Random(SEED).sample(list(S.nodes), k)] if k else None
    ops = {
        "projection": lambda: Bi.bipartite_projection(which=0, multiplicity=True),
        "density + degree": lambda: (g.density(), g.strength(weights="weight")),
        "components": lambda: g.connected_components(),
        "clustering (local)": lambda: g.transitivity_local_undirected(mode="zero"),
        "bridges + articulation": lambda: (g.bridges(), g.articulation_points()),
        "betweenness": lambda: g.betweenness(directed=False, sources=sources),
        "louvain": lambda: g.community_multilevel(weights="newman"),
    }
    return {name: timed(ops[name])[0] if name in ops else None for name in OPERATIONS}


def store_read(scale: str, bundle, window: Window) -> tuple[float, float | None]:
    """Seconds to read the snapshot from SQLite (and to load it there, the first time)."""
    path = DATA / f"demo-{scale}-seed{SEED}-{END}-{generator_version()}.db"
    loaded = None
    if not path.exists():
        store = open_store(f"sqlite:///{path}")
        loaded, _ = timed(lambda: store.load(bundle, source="bench"))
    store = open_store(f"sqlite:///{path}")
    seconds, _ = timed(lambda: District.from_store(store, window))
    return seconds, loaded


def sampled_error(S) -> None:
    """Rank correlation and top-20 overlap of sampled (k=256) against exact betweenness."""
    exact_s, exact = timed(lambda: st.betweenness(S))
    sampled_s, sampled = timed(lambda: st.betweenness(S, k=st.BETWEENNESS_SAMPLES, seed=SEED))
    nodes = list(S.nodes)
    a = np.array([exact[v] for v in nodes])
    b = np.array([sampled[v] for v in nodes])
    rho = spearmanr(a, b).statistic
    top_a = {nodes[i] for i in np.argsort(-a)[:20]}
    top_b = {nodes[i] for i in np.argsort(-b)[:20]}
    top_linked = np.flatnonzero(a > 0)
    rho_linked = spearmanr(a[top_linked], b[top_linked]).statistic
    top_50 = {nodes[i] for i in np.argsort(-a)[:50]}
    print(
        f"  sampled vs exact betweenness: exact {exact_s:.1f} s, sampled {sampled_s:.2f} s; "
        f"Spearman ρ {rho:.3f} (units with betweenness > 0: {rho_linked:.3f}); "
        f"top-20 overlap {len(top_a & top_b)}/20; sampled top-20 within exact top-50: "
        f"{len(top_b & top_50)}/20"
    )


def run(scale: str, timeout: float, profile: bool, with_store: bool) -> None:
    print(f"\n=== scale {scale} ===")
    bundle = bundle_for(scale)
    print(f"  records: {bundle.sizes()}")
    window = Window(END, 12)
    district_s, district = timed(lambda: District.from_bundle(bundle, window))
    timings: dict[str, float] = {}
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    total, _ = timed(lambda: build_report(district, timings=timings))
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(show_all=False)[:6000])
    S = district.collaboration_graph()
    print(
        f"  window {window.start} – {window.end}: {len(district.window_incidence.activities):,}"
        f" activities; unit graph {len(S):,} units, {S.number_of_edges:,} ties"
        f" (activities of more than {GATHERING_SIZE} units left out)"
    )
    print(
        f"  whole report: {total:.1f} s (+ snapshot from records {district_s:.1f} s);"
        f" peak RSS so far {peak_rss_gb():.2f} GB"
    )
    print("  per section: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
    if with_store:
        read_s, load_s = store_read(scale, bundle, window)
        loaded = f" (first load into SQLite {load_s:.0f} s)" if load_s else ""
        print(f"  snapshot read from the embedded store: {read_s:.1f} s{loaded}")
    ops, S, k = project_ops(district)
    peer = igraph_ops(district, S, k)
    plain = networkx_ops(district, S, k, timeout)
    calls = engines(S, k)
    print(
        f"  {'operation':<28} {'project':>9} {'NetworkX':>10} {'igraph':>9} {'÷igraph':>8}"
        "  project calls"
    )
    for name, seconds in ops.items():
        base = plain.get(name)
        base_text = (
            "—"  # not timed in plain NetworkX: the igraph conversion, and Louvain
            if name not in plain
            else f">{timeout:.0f} s"
            if base is None
            else f"{base:.2f}"
        )
        theirs = peer[name]
        ratio = "—" if theirs is None else f"{seconds / max(theirs, 1e-9):.1f}×"
        print(
            f"  {name:<28} {seconds:>9.2f} {base_text:>10}"
            f" {'—' if theirs is None else f'{theirs:.2f}':>9} {ratio:>8}  {calls[name]}"
        )
    if scale == "S":
        sampled_error(S)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["S", "M"], action="append")
    parser.add_argument("--timeout", type=float, default=60.0, help="NetworkX baseline limit (s)")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    parser.add_argument("--no-store", action="store_true", help="skip the SQLite read")
    args = parser.parse_args()
    for scale in args.scale or ["S", "M"]:
        run(scale, args.timeout, args.profile, not args.no_store)


if __name__ == "__main__":
    main()
