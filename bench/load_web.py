"""Web load benchmark: gunicorn serving the demo district on 127.0.0.1, signed in.

    .venv/bin/python bench/load_web.py                 # ≤ 60 s of load, prints a table
    .venv/bin/python bench/load_web.py --record        # … and appends it to bench/RESULTS.md

Builds the demo district (seed 7) in a temporary SQLite store, creates an admin in a
temporary accounts file, starts gunicorn (``gthread`` workers) on a free loopback port,
signs in through the real login form, and then, for each target in turn, keeps
``--clients`` threads (one keep-alive connection each) asking for it for its share of
``--seconds`` (its first tenth a warm-up, not counted). Targets: the dashboard, the
network JSON, and the suggestions list and JSON when the app has them. Reports
requests/s, p50/p95/p99 latency and the error rate (any answer but 200). The client
runs on the same 2 cores as the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "load-test-password"
MAX_SECONDS = 60
WARM_UP = 0.1  # share of each target's time spent warming up, not measured


@dataclass
class Result:
    target: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    def row(self) -> str:
        q = statistics.quantiles(self.latencies, n=100) if len(self.latencies) > 1 else [0] * 99
        rate = self.errors / self.requests if self.requests else 0
        return (
            f"| `{self.target}` | {self.requests} | {self.requests / self.seconds:.1f} "
            f"| {q[49] * 1000:.0f} | {q[94] * 1000:.0f} | {q[98] * 1000:.0f} | {rate:.2%} |"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(folder: Path, store_url: str | None = None) -> tuple[str, str]:
    """The demo district in a store (or ``store_url``, loaded already) and an admin in an
    accounts file."""
    from graphmodel.store import open_store
    from loaders.demo import generate
    from service.accounts import Accounts

    if store_url is None:
        store_url = f"sqlite:///{folder}/demo.db"
        store = open_store(store_url)
        store.load(generate(seed=7, scale="district"), source="demo seed=7")
    else:
        store = open_store(store_url)
    print(f"store: {store.counts()}", flush=True)
    accounts = folder / "accounts.db"
    Accounts(accounts).add("admin", "admin", password=PASSWORD)
    return store_url, str(accounts)


def start_gunicorn(port: int, store_url: str, accounts: str, workers: int, threads: int):
    results = str(Path(accounts).with_name("results.db"))
    env = dict(os.environ, COBUILD_STORE=store_url, COBUILD_ACCOUNTS=accounts)
    env["COBUILD_RESULTS"] = results
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "service:create_app()",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, _ = get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/healthz")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def get(conn, path: str, headers: dict | None = None):
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.getheaders(), response.read()


def sign_in(port: int) -> str:
    """Sign in through the login form; the session cookie header to send."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    _, headers, body = get(conn, "/login")
    cookie = _cookie(headers)
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"name": "admin", "password": PASSWORD, "csrf_token": token})
    conn.request(
        "POST",
        "/login",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"sign-in failed: {response.status}")
    return _cookie(response.getheaders())


def _cookie(headers) -> str:
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("cobuild_session="):
            return value.split(";", 1)[0]
    raise SystemExit("no session cookie")


def until_computed(port: int, cookie: str, in_a_row: int = 12, timeout: float = 900) -> float:
    """Wait until ``/`` answers 200 ``in_a_row`` times (every worker has computed, or read,
    the default window after its start); the seconds it took."""
    started = time.monotonic()
    good = 0
    while good < in_a_row and time.monotonic() - started < timeout:
        # A new connection each time: gunicorn closes an idle keep-alive one after 2 s.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        status, _, _ = get(conn, "/", {"Cookie": cookie})
        conn.close()
        good = good + 1 if status == 200 else 0
        if status != 200:
            time.sleep(1)
    return time.monotonic() - started


def hammer(port: int, cookie: str, target: str, clients: int, seconds: float) -> Result:
    """``clients`` threads asking for ``target`` for ``seconds``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status, _, _ = get(conn, target, {"Cookie": cookie})
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            mine.append(time.perf_counter() - start)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(target, len(latencies), errors[0], time.monotonic() - started, latencies)


def targets(store_url: str) -> list[str]:
    """The dashboard, the network JSON, and the suggestions (the page, and the JSON of
    the unit with the smallest id) when the app has them."""
    from graphmodel.store import open_store
    from service import create_app
    from service.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(store=store_url, accounts=f"{folder}/accounts.db"))
        rules = {r.rule for r in app.url_map.iter_rules()}
    unit = min(u.id for u in open_store(store_url).units())
    wanted = {
        "/": "/",
        "/api/v1/network": "/api/v1/network",
        "/suggestions": "/suggestions",
        "/api/v1/suggestions/<unit_id>": f"/api/v1/suggestions/{unit}",
    }
    return [path for rule, path in wanted.items() if rule in rules]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=45, help=f"total load (≤ {MAX_SECONDS})")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument("--store", help="serve this loaded store instead of the demo district")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store_url, accounts = prepare(folder, args.store)
        paths = targets(store_url)
        port = free_port()
        server = start_gunicorn(port, store_url, accounts, args.workers, args.threads)
        try:
            cookie = sign_in(port)
            waited = until_computed(port, cookie)
            print(f"background computation done in every worker after {waited:.0f} s", flush=True)
            share = seconds / len(paths)
            results = []
            for path in paths:  # a warm-up tenth (every worker computes its caches), not counted
                hammer(port, cookie, path, args.clients, share * WARM_UP)
                results.append(hammer(port, cookie, path, args.clients, share * (1 - WARM_UP)))
        finally:
            server.terminate()
            try:
                server.wait(60)  # workers finish their requests (and a background step) first
            except subprocess.TimeoutExpired:
                server.kill()
    table = "\n".join(
        [
            "| target | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *(r.row() for r in results),
        ]
    )
    print(table)
    if args.record:
        record(table, args, seconds)


def record(table: str, args, seconds: float) -> None:
    text = f"""
## Web load (issue 7)

`.venv/bin/python bench/load_web.py --record` on {dt.date.today()}: the demo district
(seed 7, district scale) in SQLite, gunicorn with {args.workers} `gthread` workers ×
{args.threads} threads on 127.0.0.1, signed in as admin (each request checks the
server-side session), {args.clients} keep-alive client threads in one Python process on the
same 2 cores, {seconds:.0f} s in all, split evenly between the targets, the first tenth of each
target's share a warm-up that is not counted. Load average when it ended (other jobs
share the machine): {" / ".join(f"{x:.1f}" for x in os.getloadavg())}.

{table}
"""
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
