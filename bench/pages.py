"""Every page of the default window, first request and warm, at district, S and M scale.

    .venv/bin/python bench/pages.py --scale district S            # this code, two scales
    .venv/bin/python bench/pages.py --scale M --store sqlite:///var/m.db --before 81312bf
    .venv/bin/python bench/pages.py --scale district S M --store M=sqlite:///var/m.db
    .venv/bin/python bench/pages.py --floor-only --scale S --compare-store bolt://…  # Neo4j read
    .venv/bin/python bench/pages.py --scale M --store M=sqlite:///var/m.db --store M=bolt://…

For each scale the demo (seed 7, ending today, as ``cobuild demo`` makes it) is loaded
into a SQLite file under ``bench/data/`` once (or ``--store`` names a loaded store, SQLite
or Neo4j), an admin is created in a temporary accounts file, and the app is served by
Flask's threaded server (as ``cobuild serve`` does) from this checkout — and, with
``--before REV``, from that revision too (``git archive``), same store, one after the
other. Measured, signed in, one request at a time:

- **background**: from the server's start until ``/`` answers 200, and the server's CPU
  seconds until then (the machine is shared: CPU time is the steadier figure; this code computes the
  default window in the background and answers 202 with progress meanwhile; old code
  has no background: the first ``/`` is the computation);
- per page: the first request after that, the median of 3 warm ones, and the size;
- **another window** (``?end=`` three months back): until ``/`` answers 200, with
  whether progress was shown meanwhile;
- the server's resident memory (VmRSS) and peak (VmHWM) at the end;
- **the floor**, in this process on the same store: the snapshot read (and, with
  ``--compare-store``, the same read from another store holding the same data, e.g.
  Neo4j, as a ratio), then each graph operation of the report on the window's unit graph
  in the project's path against python-igraph on the same graph (``bench/analysis.py``'s
  ``project_ops`` and ``igraph_ops``); ``÷igraph`` is the project's time over igraph's,
  and each cell says what the project's path calls at that size (igraph, scipy, numpy or
  NetworkX). The project's conversion of the unit graph to igraph is a row of its own
  (igraph, working on its own graph, has none); "all of them" sums each column.

The scales run one after the other and their tables are printed side by side.

A request that takes longer than ``--timeout`` is given up ("> N s").
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_web import PASSWORD, free_port, get, sign_in  # noqa: E402

DATA = ROOT / "bench" / "data"
PAGES = (
    ("dashboard", "/"),
    ("network page", "/network"),
    ("network JSON", "/api/v1/network"),
    ("unit page", "/units/{unit}"),
    ("list: isolated", "/lists/isolated"),
    ("list: declining", "/lists/declining"),
    ("zones", "/zones"),
    ("suggestions", "/suggestions"),
    ("suggestions JSON", "/api/v1/suggestions/{unit}"),
    ("assessment", "/assessment"),
    ("ledger (XLSX)", "/assessment.xlsx"),
)
SERVER = """
import sys
from service import create_app
app = create_app()
app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
"""


@dataclass
class Run:
    """One server (one code and one store): the figures the table shows."""

    label: str
    background: float | None = None
    background_cpu: float | None = None  # the server's CPU seconds until then
    pages: dict[str, tuple] = field(default_factory=dict)  # name: (first, warm, bytes, status)
    other_window: tuple | None = None  # (seconds, progress shown)
    rss: tuple[float, float] | None = None  # GB now, GB peak


def store_for(scale: str) -> str:
    """A SQLite store of the demo at ``scale`` ending today, loaded once per day."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"pages-{scale}-{dt.date.today()}.db"
    if not path.exists():
        from graphmodel.store import open_store
        from loaders.demo import generate

        started = time.perf_counter()
        store = open_store(f"sqlite:///{path}")
        store.load(generate(seed=7, scale=scale), source=f"demo seed=7 scale={scale}")
        print(f"  loaded the demo at {scale} in {time.perf_counter() - started:.0f} s", flush=True)
    return f"sqlite:///{path}"


def timed(port: int, cookie: str, path: str, timeout: float) -> tuple[float, int, int]:
    """(seconds, status, bytes) of one GET; status 0 when it took longer than ``timeout``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        status, _, body = get(conn, path, {"Cookie": cookie})
    except (TimeoutError, OSError):
        return time.perf_counter() - started, 0, 0
    finally:
        conn.close()
    return time.perf_counter() - started, status, len(body)


def until_ready(port: int, cookie: str, path: str, timeout: float) -> tuple[float, bool]:
    """Ask for ``path`` until it answers 200: (seconds, whether a 202 progress came first)."""
    started = time.perf_counter()
    progress = False
    while time.perf_counter() - started < timeout:
        _, status, _ = timed(port, cookie, path, timeout)
        if status == 200:
            return time.perf_counter() - started, progress
        progress |= status == 202
        time.sleep(1)
    return float("inf"), progress


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (the machine is shared: wall time is not)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return tuple(int(fields[k].split()[0]) / 2**20 for k in ("VmRSS", "VmHWM"))


def measure(label: str, code: Path, store_url: str, unit: str, timeout: float) -> Run:
    run = Run(label)
    with tempfile.TemporaryDirectory() as tmp:
        from service.accounts import Accounts

        Accounts(f"{tmp}/accounts.db").add("admin", "admin", password=PASSWORD)
        env = dict(
            os.environ,
            COBUILD_STORE=store_url,
            COBUILD_ACCOUNTS=f"{tmp}/accounts.db",
            COBUILD_RULES=f"{tmp}/rules.toml",
            COBUILD_RESULTS=f"{tmp}/results.db",
            PYTHONPATH=str(code),
        )
        port = free_port()
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(port)],
            cwd=code,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while timed(port, "", "/healthz", 5)[1] != 200:
                time.sleep(0.2)
            cookie = sign_in(port)
            seconds, _ = until_ready(port, cookie, "/", timeout * 4)
            run.background = time.perf_counter() - started if seconds < float("inf") else None
            run.background_cpu = cpu_seconds(server.pid)
            print(f"  {label}: background {run.background} s", flush=True)
            for name, pattern in PAGES:
                path = pattern.format(unit=unit)
                first, status, size = timed(port, cookie, path, timeout)
                warm = None
                if status == 200:
                    warm = statistics.median(
                        timed(port, cookie, path, timeout)[0] for _ in range(3)
                    )
                run.pages[name] = (first, warm, size, status)
                print(f"  {label}: {name} {first:.2f} s / {warm} s, {size} B, {status}", flush=True)
            end = dt.date.today() - dt.timedelta(days=91)
            run.other_window = until_ready(port, cookie, f"/?end={end}", timeout * 4)
            run.rss = memory(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    return run


@dataclass
class Floor:
    """The project's operations against igraph's on one store's default window."""

    label: str
    read: float  # seconds to read the snapshot (median of --reads)
    other_read: float | None = None  # the same from --compare-store
    ops: dict[str, tuple[float, float | None]] = field(default_factory=dict)  # (project, igraph)
    calls: dict[str, str] = field(default_factory=dict)  # what the project's path calls


def median_read(store_url: str, reads: int) -> tuple[float, object]:
    """The median seconds of ``reads`` snapshot reads of the default window, and a district."""
    from graphmodel.district import District
    from graphmodel.store import open_store
    from graphmodel.window import LAST_END, Window

    store = open_store(store_url)
    window = Window(store.last_activity(min(dt.date.today(), LAST_END)))
    times, district = [], None
    for _ in range(reads):
        started = time.perf_counter()
        district = District.from_store(store, window)
        times.append(time.perf_counter() - started)
    return statistics.median(times), district


def floor(label: str, store_url: str, compare: str | None, reads: int) -> Floor:
    """Snapshot read(s) and each operation against igraph, in this process (medians of
    ``reads`` runs each)."""
    from analysis import engines, igraph_ops, project_ops

    read, district = median_read(store_url, reads)
    other = median_read(compare, reads)[0] if compare else None
    mine, peer = [], []
    for _ in range(reads):
        ops, S, k = project_ops(district)
        mine.append(ops)
        peer.append(igraph_ops(district, S, k))
    result = Floor(
        label,
        read,
        other,
        {
            name: (
                statistics.median(o[name] for o in mine),
                None if peer[0][name] is None else statistics.median(p[name] for p in peer),
            )
            for name in mine[0]
        },
        engines(S, k),
    )
    print(f"  {label}: snapshot read {read:.2f} s, floor measured", flush=True)
    return result


def floor_table(floors: list[Floor]) -> str:
    head = "| operation | " + " | ".join(f"{f.label}: project / igraph / ÷igraph" for f in floors)
    lines = [head + " |", "|---|" + "---|" * len(floors)]
    cells = []
    for f in floors:
        text = f"{f.read:.2f} s"
        if f.other_read is not None:
            text += f"; other store {f.other_read:.2f} s ({f.other_read / f.read:.1f}×)"
        cells.append(text)
    lines.append("| snapshot read | " + " | ".join(cells) + " |")
    for name in floors[0].ops:
        row = []
        for f in floors:
            mine, peer = f.ops[name]
            if peer is None:
                row.append(f"{mine:.3f} / — / — ({f.calls[name]})")
            else:
                row.append(
                    f"{mine:.3f} / {peer:.3f} / {mine / max(peer, 1e-9):.1f}× ({f.calls[name]})"
                )
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    row = []
    for f in floors:
        mine = sum(m for m, _ in f.ops.values())
        peer = sum(p for _, p in f.ops.values() if p is not None)
        row.append(f"{mine:.3f} / {peer:.3f} / {mine / max(peer, 1e-9):.1f}×")
    lines.append("| all of them | " + " | ".join(row) + " |")
    return "\n".join(lines)


def store_kind(url: str) -> str:
    """What a store URL names, for a column's label."""
    return "Neo4j" if url.startswith(("bolt", "neo4j")) else "SQLite"


def checkout(rev: str, folder: Path) -> Path:
    """The project's files at ``rev``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "archive", rev], cwd=ROOT, check=True, capture_output=True
    ).stdout
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def seconds(value: float | None, timeout: float) -> str:
    if value is None or value >= timeout:
        return f"> {timeout:.0f} s"
    return f"{value:.2f} s"


#: The issue's targets at M: pages' first and warm answers, another window, memory.
FIRST, WARM, OTHER_WINDOW, RSS_GB = 2.0, 0.3, 30.0, 2.0


def targets(run: Run, background_target: float) -> list[str]:
    """Each target of the issue, met or not, for one run (the background's target is
    60 s on SQLite, 120 s on Neo4j)."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    pages = [(name, *figures) for name, figures in run.pages.items()]
    slow = [name for name, first, _, _, status in pages if status != 200 or first > FIRST]
    warm = [name for name, _, w, _, status in pages if status != 200 or w is None or w > WARM]
    other = run.other_window[0] if run.other_window else float("inf")
    background = run.background if run.background is not None else float("inf")
    return [
        f"background ≤ {background_target:.0f} s: {background:.1f} s, {verdict(background <= background_target)}",
        f"every page's first answer ≤ {FIRST:g} s: {verdict(not slow)}"
        + (f" (not: {', '.join(slow)})" if slow else ""),
        f"every page warm ≤ {WARM:g} s: {verdict(not warm)}"
        + (f" (not: {', '.join(warm)})" if warm else ""),
        f"another window ≤ {OTHER_WINDOW:g} s: {other:.1f} s, {verdict(other <= OTHER_WINDOW)}",
        f"resident memory ≤ {RSS_GB:g} GB: {run.rss[0]:.2f} GB, {verdict(run.rss[0] <= RSS_GB)}",
    ]


def table(runs: list[Run], timeout: float) -> str:
    head = "| page | " + " | ".join(f"{r.label} first / warm / size" for r in runs) + " |"
    lines = [head, "|---|" + "---|" * len(runs)]
    lines.append(
        "| background after start | "
        + " | ".join(
            f"{seconds(r.background, timeout * 4)} (server CPU {r.background_cpu:.0f} s)"
            for r in runs
        )
        + " |"
    )
    for name, _ in PAGES:
        cells = []
        for r in runs:
            first, warm, size, status = r.pages[name]
            if status != 200:
                cells.append(f"{seconds(None, timeout)} (status {status})")
            else:
                cells.append(f"{first:.2f} s / {warm:.2f} s / {size / 1e6:.2f} MB")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append(
        "| another window (until 200; progress shown) | "
        + " | ".join(
            f"{seconds(r.other_window[0], timeout * 4)}; {'yes' if r.other_window[1] else 'no'}"
            for r in runs
        )
        + " |"
    )
    lines.append(
        "| server RSS now / peak | "
        + " | ".join(f"{r.rss[0]:.2f} / {r.rss[1]:.2f} GB" for r in runs)
        + " |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", nargs="+", default=["district", "S"])
    parser.add_argument(
        "--store",
        action="append",
        default=[],
        help="a loaded store to use instead: URL (one scale) or SCALE=URL (repeatable)",
    )
    parser.add_argument("--before", help="also serve this git revision, for the 'before' figures")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per request")
    parser.add_argument("--compare-store", help="the same data in another store: read it too")
    parser.add_argument("--reads", type=int, default=3, help="snapshot reads for the floor")
    parser.add_argument("--floor-only", action="store_true", help="no server: only the floor")
    parser.add_argument("--no-floor", action="store_true", help="no floor: only the pages")
    args = parser.parse_args()
    from graphmodel.store import open_store

    # A scale may be given several stores (SQLite and Neo4j holding the same data): the
    # pages are measured on each, one after the other, the floor on the first.
    stores: dict[str, list[str]] = {}
    for item in args.store:
        if "=" in item.split("://")[0]:
            scale, url = item.split("=", 1)
            stores.setdefault(scale, []).append(url)
        else:
            for scale in args.scale:
                stores.setdefault(scale, []).append(item)
    runs, floors = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scale:
            urls = stores.get(scale) or [store_for(scale)]
            for store_url in urls if not args.floor_only else []:
                kind = store_kind(store_url)
                label = scale if len(urls) == 1 and kind == "SQLite" else f"{scale} {kind}"
                unit = min(u.id for u in open_store(store_url).units())
                if args.before:
                    old = checkout(args.before, Path(tmp) / args.before)
                    runs.append(measure(f"{label} before", old, store_url, unit, args.timeout))
                runs.append(measure(label, ROOT, store_url, unit, args.timeout))
            if not args.no_floor:
                floors.append(floor(scale, urls[0], args.compare_store, args.reads))
    if runs:
        print(table(runs, args.timeout))
        for run in runs:
            goal = 120.0 if "Neo4j" in run.label else 60.0
            print(f"\n{run.label}, against the issue's targets (M):")
            print("\n".join(f"- {line}" for line in targets(run, goal)))
    if floors:
        print()
        print(floor_table(floors))


if __name__ == "__main__":
    main()
