"""Neo4j load benchmark (issue 3): the project's path against a naive baseline.

    .venv/bin/python bench/load_neo4j.py                  # S and M
    .venv/bin/python bench/load_neo4j.py --scale S        # S only
    .venv/bin/python bench/load_neo4j.py --profile        # + pyinstrument profile of S

It starts a private Neo4j Community from tools/local_neo4j.py (or uses NEO4J_URI
with NEO4J_USER / NEO4J_PASSWORD, whose database it WIPES), generates the demo
bundles (``loaders.demo.generate(seed=7, scale=…)``), and for each scale, on an
empty database: loads with ``Neo4jStore.load`` (timed, with the CPU seconds of
the server and of this process and the bytes the server wrote, to tell what
bounds it), loads the same bundle again (all unchanged) and reads the
participations back. On S it also times the load as one transaction, and the
naive baseline on a slice of S: one auto-commit ``MERGE`` per record, as a
first attempt would write it. Figures are appended to nothing: copy them into
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from graphmodel.store import Bundle
from graphmodel.store.neo4j import Neo4jStore
from loaders.demo import generate

ROOT = Path(__file__).resolve().parents[1]
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
NAIVE = {
    "zones": "MERGE (n:Zone {id: $id}) SET n += $props",
    "units": "MERGE (n:Unit {id: $id}) SET n += $props",
    "activities": "MERGE (n:Activity {id: $id}) SET n += $props",
    "participations": (
        "MATCH (a:Activity {id: $activity}) MATCH (s:Unit {id: $unit}) "
        "MERGE (s)-[r:TOOK_PART {key: $key}]->(a) SET r.role = $role"
    ),
}


def local_neo4j():
    spec = importlib.util.spec_from_file_location("local_neo4j", ROOT / "tools/local_neo4j.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["local_neo4j"] = module
    spec.loader.exec_module(module)
    return module


def cpu_seconds(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def written_bytes(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return float("nan")


@contextmanager
def measured(label: str, records: int, server_pid: int | None, results: list):
    """Time a block; note wall, records/s, server and client CPU, server disk writes."""
    cpu0, io0 = cpu_seconds(server_pid), written_bytes(server_pid)
    client0, t0 = time.process_time(), time.perf_counter()
    yield
    wall = time.perf_counter() - t0
    row = {
        "what": label,
        "records": records,
        "seconds": wall,
        "per_s": records / wall,
        "server_cpu": cpu_seconds(server_pid) - cpu0,
        "client_cpu": time.process_time() - client0,
        "server_mb_written": (written_bytes(server_pid) - io0) / 2**20,
    }
    results.append(row)
    print(
        f"{label:<34} {records:>9,} rec {wall:7.1f} s {row['per_s']:>8,.0f} rec/s"
        f"  server cpu {row['server_cpu']:6.1f} s  client cpu {row['client_cpu']:6.1f} s"
        f"  server wrote {row['server_mb_written']:7.0f} MB",
        flush=True,
    )


def where_the_client_waits(root) -> str:
    """Split the profiled wall time by the function that spent it (pyinstrument's [self] frames)."""
    split = {"blocked on the socket (server working)": 0.0, "driver": 0.0, "other": 0.0}

    def walk(frame, parent=None, caller_file: str = "") -> None:
        path = frame.file_path or ""
        if path and path != "<built-in>":
            caller_file = path  # builtins count for the Python code that called them
        if frame.function == "[self]" and parent is not None:
            if parent.function in ("socket.recv_into", "socket.sendall", "select.select"):
                split["blocked on the socket (server working)"] += frame.time
            elif "/neo4j/" in caller_file:
                split["driver"] += frame.time
            else:
                split["other"] += frame.time
        for child in frame.children:
            walk(child, frame, caller_file)

    walk(root)
    return "client wall time: " + ", ".join(f"{k} {v:.1f} s" for k, v in split.items())


def wipe(store: Neo4jStore) -> None:
    with store.driver.session(database=store.database) as session:
        session.run(WIPE).consume()


def naive_rows(bundle: Bundle, n: int) -> list[tuple[str, dict]]:
    """A slice of S as (statement, parameters) pairs, referenced records first."""
    units = bundle.units[:n]
    activities = bundle.activities[:n]
    unit_ids, activity_ids = {u.id for u in units}, {a.id for a in activities}
    parts = [
        p
        for p in bundle.participations
        if p.unit in unit_ids and p.activity in activity_ids and not (p.party_org or p.member)
    ]
    rows = [
        (NAIVE["zones"], {"id": z.id, "props": {"name": z.name, "kind": z.kind}})
        for z in bundle.zones
    ]
    for u in units:
        props = {"name": u.name, "kind": u.kind, "street": u.street, "headcount": u.headcount}
        rows.append((NAIVE["units"], {"id": u.id, "props": props}))
    for a in activities:
        props = {"title": a.title, "kind": a.kind, "date": a.date, "initiator": a.initiator}
        rows.append((NAIVE["activities"], {"id": a.id, "props": props}))
    for p in parts:
        params = {"activity": p.activity, "unit": p.unit, "key": p.id, "role": p.role}
        rows.append((NAIVE["participations"], params))
    return rows


def run_naive(store: Neo4jStore, rows: list[tuple[str, dict]]) -> None:
    with store.driver.session(database=store.database) as session:
        for statement, params in rows:
            session.run(statement, params).consume()


def bench_scale(store: Neo4jStore, scale: str, bundle: Bundle, pid, args, results) -> None:
    n = len(bundle)
    wipe(store)
    profiler = None
    if args.profile and scale == "S":
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)
        profiler.start()
    with measured(f"{scale}: load (project path)", n, pid, results):
        store.load(bundle, source=f"bench {scale}")
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(color=False, unicode=False, show_all=False)[:8000])
        print(where_the_client_waits(profiler.last_session.root_frame()))
    with measured(f"{scale}: load again (all unchanged)", n, pid, results):
        counts = store.load(bundle, source=f"bench {scale} again")
    assert all(c.added == c.updated == 0 for c in counts.values()), counts
    parts = len(bundle.participations)
    with measured(f"{scale}: read participations", parts, pid, results):
        assert len(store.participations()) == parts
    if scale == "S":
        wipe(store)
        store.stage_above = n + 1
        with measured("S: load as one transaction", n, pid, results):
            store.load(bundle, source="bench S one transaction")
        store.stage_above = Neo4jStore.stage_above
        wipe(store)
        store.load(Bundle())  # schema and bookkeeping in place, like the project path
        rows = naive_rows(bundle, args.naive_records)
        with measured("S slice: naive MERGE per row", len(rows), pid, results):
            run_naive(store, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["S", "M"], action="append")
    parser.add_argument("--heap", default="1g", help="Neo4j heap (initial = max); default 1g")
    parser.add_argument("--pagecache", default="1g", help="Neo4j page cache; default 1g")
    parser.add_argument("--port", type=int, default=7699)
    parser.add_argument(
        "--naive-records", type=int, default=1500, help="units and activities in the slice"
    )
    parser.add_argument("--profile", action="store_true", help="profile the S load")
    args = parser.parse_args(argv)
    scales = args.scale or ["S", "M"]

    results: list[dict] = []
    bundles = {}
    for scale in scales:
        t0 = time.perf_counter()
        bundles[scale] = generate(seed=7, scale=scale)
        print(
            f"generated {scale}: {len(bundles[scale]):,} records in {time.perf_counter() - t0:.0f} s"
        )

    with tempfile.TemporaryDirectory(prefix="cobuild-neo4j-bench-") as tmp:
        server = None
        if os.environ.get("NEO4J_URI"):
            url = os.environ["NEO4J_URI"]
        else:
            server = local_neo4j().LocalNeo4j(args.port, Path(tmp), "cobuild-bench")
            server.heap_initial = server.heap_max = args.heap
            server.pagecache = args.pagecache
            server.start(timeout=180)
            url = server.store_url
            print(f"Neo4j {server.uri}: heap {args.heap}, page cache {args.pagecache}")
        store = Neo4jStore(url)
        try:
            store.ensure_schema()
            pid = server.pid if server else None
            # Warm the JVM (JIT, query plans) with an untimed load of another S district.
            t0 = time.perf_counter()
            store.load(generate(seed=8, scale="S"))
            print(f"warm-up load of another S: {time.perf_counter() - t0:.1f} s")
            for scale in scales:
                bench_scale(store, scale, bundles[scale], pid, args, results)
        finally:
            store.close()
            if server is not None:
                server.stop()
    by_what = {r["what"]: r for r in results}
    if "S: load (project path)" in by_what and "S slice: naive MERGE per row" in by_what:
        ratio = (
            by_what["S: load (project path)"]["per_s"]
            / by_what["S slice: naive MERGE per row"]["per_s"]
        )
        print(f"project path / naive baseline on S: {ratio:.0f}x records/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
