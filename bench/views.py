"""Network view benchmark (issues 6, 13): server time, time until the network is drawn and
stable, and how fast the page answers a planner (highlight, selection, focus, path).

    .venv/bin/python bench/views.py                    # S and the demo district, with baselines
    .venv/bin/python bench/views.py --skip-baseline    # the project's path only
    .venv/bin/python bench/views.py --scales M --skip-baseline   # the city: streets, drill-down

The demo district and S (``generate(seed=7, scale=…, end=2026-06-30)``) are loaded into
SQLite stores in a temporary folder and served on 127.0.0.1 by werkzeug in a thread, as
the browser tests do; an admin signs in through /login in headless Chromium (Playwright).

Cases: the demo district (all its units); S with the default node budget (streets as
nodes), S drilled down into its largest street, and S with the budget raised to 10,000
(all 5,000 units drawn). For each case:

* server: the first GET /api/v1/network after the snapshot cache is cleared (it reads
  the snapshot and builds the graph and the layout), then the median of ``--repeats``
  later requests; also the median of the HTML page GET /network;
* browser: a new page per run, navigation start → ``#network[data-state=drawn]`` (vis-network's
  first ``afterDrawing``), read in the page as ``performance.now()``, median of
  ``--browser-runs``; the first run also checks that no node moves in the next second.

Baselines in the same run, on the same unit graph: pyvis' own path (``Network()``,
``from_nx``, ``get_network_data``, JSON; physics on, no positions), and
``nx.spring_layout`` (seed 7) against the project's ``clustered_layout``. In the browser,
for the demo district only: pyvis' data and default options (physics and stabilisation
on) served in place of the API's answer, timed until vis-network's ``stabilized`` event,
stopped after ``--timeout`` seconds. Every baseline stops after ``--timeout`` seconds.
Last, the layout of S's first 1,500 units as if they were one street (one dense force
layout: the most a unit view holds under the default budget), and spring_layout on them.

Interactions (demo district, issue 13), medians of ``--browser-runs`` (at least 5): hover
highlight and selection, from the pointer event (``performance.now()`` in a capturing
listener) to the end of painting the highlight (on its overlay canvas: the network under it
is not redrawn); the side panel, from the click to its content in place (server included);
focus (hops 1 and 2) and path views, as "server + draw" (the API request's duration in
resource timing, plus ``vis.Network`` called → first drawn) and as a whole navigation
(navigation start → drawn: HTML, scripts, API and drawing). Hover and selection again on S
with all 5,000 units drawn (target ≤ 100 ms).

Every case's pages share one browser context: the first page load fetches the static
scripts (versioned URLs, cached for a year), later ones take them from the browser's cache,
as a planner's second visit does; the first run's figure is listed among the runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import logging
import signal
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

END = dt.date(2026, 6, 30)
SEED = 7
PASSWORD = "bench-views-password"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
#: Seconds to drawn, by (scale, budget raised, street filter): issue 13's targets.
TARGETS = {
    ("district", False, False): 1.0,
    ("S", True, False): 2.0,
    ("M", False, False): 2.0,
    ("M", False, True): 1.0,
}

#: Installed before any page script: wraps ``vis.Network`` (once the vendored script has
#: defined it, before network.js runs) to note when the network is first drawn, when
#: stabilisation's iterations end and when it is ``stabilized`` (ms since navigation).
PROBE = """
(() => {
  const bench = (window.__bench = { stabilizedEvents: 0 });
  document.addEventListener("DOMContentLoaded", () => {
    if (!window.vis || !window.vis.Network) { return; }
    const Network = window.vis.Network;
    window.vis.Network = function (container, data, options) {
      bench.created = performance.now();
      const network = new Network(container, data, options);
      bench.built = performance.now();
      network.once("afterDrawing", () => { bench.drawn = performance.now(); });
      network.on("stabilizationProgress", (p) => { bench.progress = [p.iterations, p.total]; });
      network.once("stabilizationIterationsDone", () => {
        bench.iterationsDone = performance.now();
      });
      network.on("stabilized", (p) => {
        bench.stabilizedEvents += 1;
        if (bench.stabilized === undefined) {
          bench.stabilized = performance.now();
          bench.iterations = p.iterations;
        }
      });
      return network;
    };
  });
})();
"""
#: Pointer events' times, for the interaction figures (captured before the page's handlers).
POINTER = """
window.addEventListener("pointermove", () => { window.__move = performance.now(); }, true);
window.addEventListener("pointerup", () => { window.__up = performance.now(); }, true);
"""
#: Resource timing of the API request: its duration, ms.
API_DURATION = """() => {
  const e = performance.getEntriesByType("resource").find((r) => r.name.includes("/api/v1/network"));
  return e ? e.responseEnd - e.requestStart : null;
}"""
#: Resource timing of the API request: when its answer had arrived (ms since navigation).
ARRIVED = """() => {
  const e = performance.getEntriesByType("resource").find((r) => r.name.includes("/api/v1/network"));
  return e ? e.responseEnd : null;
}"""
#: How far the furthest node moves in ``ms`` milliseconds (0: the drawing is still).
MOVEMENT = """async (ms) => {
  const net = window.cobuildNetwork.network;
  const before = net.getPositions();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = net.getPositions();
  let most = 0;
  for (const id in before) {
    most = Math.max(most, Math.hypot(after[id].x - before[id].x, after[id].y - before[id].y));
  }
  return most;
}"""


@dataclass
class Case:
    name: str
    scale: str
    query: dict = field(default_factory=dict)
    budget: int | None = None  # None: the app's default (1500)
    baseline: bool = True  # pyvis / spring_layout on the same unit graph
    browser_baseline: bool = False

    def path(self, route: str) -> str:
        return f"{route}?{urlencode({'end': END.isoformat(), **self.query})}"


@dataclass
class Figures:
    case: Case
    nodes: int = 0
    edges: int = 0
    kilobytes: float = 0.0
    first: float = 0.0
    api: float = 0.0
    html: float = 0.0
    arrived: float = 0.0  # browser: API answer in, ms
    created: float = 0.0  # browser: vis.Network called (JSON parsed, data sets made), ms
    built: float = 0.0  # browser: vis.Network constructed (data sets made, not drawn), ms
    drawn: float = 0.0  # browser: drawn, ms
    browser_runs: list[float] = field(default_factory=list)
    moved: float | None = None
    stabilized_events: int = 0
    layout: float | None = None
    baselines: dict[str, str] = field(default_factory=dict)
    drawing: tuple[float, float] = (0.0, 0.0)  # through pyvis' Network, before it (s)


class Deadline(Exception):
    pass


def bounded(fn: Callable[[], object], seconds: float) -> tuple[float | None, object]:
    """(seconds taken, result), or (None, None) if ``fn`` ran past ``seconds``.

    SIGALRM interrupts pure-Python work in the main thread (pyvis, NetworkX)."""

    def expire(*_):
        raise Deadline

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - started, result
    except Deadline:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def prepare(folder: Path, scales: list[str]) -> dict:
    """The demo at each scale in SQLite stores (bundles from bench/data/ when cached)."""
    from demo_cache import bundle_for

    from graphmodel.store import open_store

    stores = {}
    for scale in scales:
        store = open_store(f"sqlite:///{folder}/{scale}.db")
        store.load(bundle_for(scale, SEED, END), source=f"demo seed={SEED}")
        stores[scale] = store
        print(f"{scale}: {store.counts()}", flush=True)
    return stores


class LiveServer:
    """The app on a free loopback port, served from a thread (as tests/browser does)."""

    def __init__(self, store, folder: Path) -> None:
        from werkzeug.serving import make_server

        from service import create_app
        from service.settings import Settings

        accounts = folder / f"accounts-{Path(store.url).stem}.db"
        settings = Settings(store=store.url, secret_key="bench-views", accounts=str(accounts))
        self.app = create_app(settings, store=store)
        self.app.config["COBUILD_TODAY"] = END
        self.app.extensions["cobuild.accounts"].add("admin", "admin", password=PASSWORD)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)

    def sign_in(self, context) -> str:
        """Sign in through the login form; the session cookie, for plain HTTP requests."""
        page = context.new_page()
        page.goto(self.url + "/login")
        page.fill("#login-form input[name=name]", "admin")
        page.fill("#login-form input[name=password]", PASSWORD)
        # The dashboard after signing in computes the whole district first: on a busy
        # machine that takes longer than Playwright's default 30 s.
        page.click("#login-form button[type=submit]", no_wait_after=True)
        page.wait_for_url(lambda url: "/login" not in url, timeout=600_000)
        page.close()
        cookie = next(c for c in context.cookies() if c["name"] == "cobuild_session")
        return f"cobuild_session={cookie['value']}"

    def get(self, path: str, cookie: str) -> tuple[float, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        conn.close()
        if response.status != 200:
            raise SystemExit(f"GET {path}: {response.status} {body[:300]!r}")
        return elapsed, body


def largest_street(store) -> tuple[str, str, int]:
    counts = Counter(u.street for u in store.units())
    street = max(sorted(counts), key=counts.__getitem__)
    names = {z.id: z.name for z in store.zones()}
    return street, names.get(street, street), counts[street]


def measure_server(server: LiveServer, cookie: str, case: Case, repeats: int, figures: Figures):
    from graphmodel.district import clear_cache

    default = server.app.extensions["cobuild.settings"].node_budget
    server.app.config["COBUILD_NODE_BUDGET"] = case.budget or default
    clear_cache()
    figures.first, body = server.get(case.path("/api/v1/network"), cookie)
    data = json.loads(body)
    figures.nodes, figures.edges = len(data["nodes"]), len(data["edges"])
    figures.kilobytes = len(body) / 1024
    figures.drawing = measure_drawing(data, repeats)
    figures.api = statistics.median(
        server.get(case.path("/api/v1/network"), cookie)[0] for _ in range(repeats)
    )
    figures.html = statistics.median(
        server.get(case.path("/network"), cookie)[0] for _ in range(repeats)
    )


def measure_drawing(data: dict, repeats: int) -> tuple[float, float]:
    """Medians (s) of making the view's nodes, edges and options through pyvis' ``Network``
    (``add_node``, ``add_edge``, its options object: issue 16) and, the baseline, of the
    path before it: the finished lists handed to pyvis as they are and its default
    options read by index from ``get_network_data()``."""
    from pyvis.network import Network

    from visualizations.drawing import network_data

    nodes, edges = data["nodes"], data["edges"]

    def before() -> None:
        net = Network(directed=False)
        net.nodes, net.edges = nodes, edges
        net.get_network_data()
        options = Network(directed=False)
        options.toggle_physics(False)
        json.loads(options.get_network_data()[5])

    def timed(build: Callable[[], object]) -> float:
        times = []
        for _ in range(max(repeats, 3)):
            start = time.perf_counter()
            build()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return timed(lambda: network_data(nodes, edges)), timed(before)


def measure_browser(server: LiveServer, context, case: Case, runs: int, figures: Figures):
    drawn, arrived, created, built = [], [], [], []
    for run in range(runs):
        page = context.new_page()
        page.goto(server.url + case.path("/network"))
        page.wait_for_selector("#network[data-state=drawn]", timeout=120_000)
        probe = page.evaluate("window.__bench")
        drawn.append(probe["drawn"])
        built.append(probe["built"])
        created.append(probe["created"])
        arrived.append(page.evaluate(ARRIVED) or 0.0)
        if run == 0:
            figures.moved = page.evaluate(MOVEMENT, 1000)
            figures.stabilized_events = page.evaluate("window.__bench").get("stabilizedEvents", 0)
        page.close()
    figures.browser_runs = drawn
    figures.drawn = statistics.median(drawn)
    figures.arrived = statistics.median(arrived)
    figures.built = statistics.median(built)
    figures.created = statistics.median(created)


@dataclass
class Interactions:
    hover: list[float] = field(default_factory=list)
    select: list[float] = field(default_factory=list)
    panel: list[float] = field(default_factory=list)
    views: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)


def _node_point(page, node_id: str) -> dict:
    point = page.evaluate(
        "(id) => { const n = window.cobuildNetwork.view.byId[id];"
        " return window.cobuildNetwork.network.canvasToDOM({x: n.x, y: n.y}); }",
        node_id,
    )
    box = page.locator("#network").bounding_box()
    return {"x": box["x"] + point["x"], "y": box["y"] + point["y"], "corner": box}


def measure_pointer(
    server: LiveServer, context, path: str, runs: int, found: Interactions, panel: bool = True
) -> None:
    """Hover, selection and (``panel``) the side panel on the view at ``path``, on its ``runs``
    largest units."""
    page = context.new_page()
    page.goto(server.url + path)
    page.wait_for_selector("#network[data-state=drawn]", timeout=120_000)
    # The playback bar appears above the network once its periods are in: wait for it, or
    # the network moves down between the hover and the click (at S that takes seconds).
    page.wait_for_selector("#playback[data-periods]", state="attached", timeout=120_000)
    order = page.evaluate("window.cobuildNetwork.view.order.map(n => n.id)")
    for node in order[:runs]:
        at = _node_point(page, node)
        page.mouse.move(at["corner"]["x"] + 3, at["corner"]["y"] + 3)
        page.wait_for_selector("#network[data-highlight='']")
        page.mouse.move(at["x"], at["y"])
        page.wait_for_selector(f"#network[data-highlight='{node}']")
        found.hover.append(page.evaluate("window.cobuildNetwork.view.paintedAt - window.__move"))
        page.mouse.click(at["x"], at["y"])
        page.wait_for_selector(f"#network[data-selected='{node}']")
        found.select.append(page.evaluate("window.cobuildNetwork.view.paintedAt - window.__up"))
        if panel:
            page.wait_for_selector("#unit-panel[data-state=ready]", timeout=60_000)
            found.panel.append(
                page.evaluate("window.cobuildNetwork.actions.panel.readyAt - window.__up")
            )
        page.keyboard.press("Escape")
    page.close()


def pointer_at_s(server: LiveServer, context, runs: int) -> Interactions:
    """Hover and selection on S with every unit drawn (the node budget raised to 10,000); not
    the side panel (its first answer computes S's suggestions, which bench/suggestions.py
    measures)."""
    server.app.config["COBUILD_NODE_BUDGET"] = 10_000
    found = Interactions()
    try:
        measure_pointer(server, context, Case("", "S").path("/network"), runs, found, False)
    except Exception as error:  # playwright's TimeoutError: keep the run's other figures
        print(f"  stopped after {len(found.hover)} units: {str(error).splitlines()[0]}")
    return found


def measure_interactions(server: LiveServer, context, store, runs: int) -> Interactions:
    """Hover, selection, panel, focus and path on the demo district (see the docstring)."""
    import networkx as nx

    found = Interactions()
    measure_pointer(server, context, "/network", runs, found)
    G, _ = unit_graph_for(store, Case("", "district"))
    hub = max(sorted(G), key=G.degree)
    far = next(
        n for n, d in sorted(nx.single_source_shortest_path_length(G, hub).items()) if d == 3
    )
    forms = {
        "focus, hops=1": {"focus": hub, "hops": 1},
        "focus, hops=2": {"focus": hub, "hops": 2},
        "path (3 ties apart)": {"path": f"{hub},{far}"},
    }
    for name, query in forms.items():
        total, server_draw = [], []
        for _ in range(runs):
            page = context.new_page()
            page.goto(server.url + Case(name, "district", query).path("/network"))
            page.wait_for_selector("#network[data-state=drawn]", timeout=120_000)
            probe = page.evaluate("window.__bench")
            total.append(probe["drawn"])
            server_draw.append(page.evaluate(API_DURATION) + probe["drawn"] - probe["created"])
            page.close()
        found.views[name] = (server_draw, total)
    return found


def report_interactions(found: Interactions, title: str = "demo district", target: int = 50):
    def median(values) -> str:
        return f"{statistics.median(values):.0f} ms" if values else "—"

    def runs(values) -> str:
        return ", ".join(f"{v:.0f}" for v in values)

    print(f"\n| {title} | target | median | runs (ms) |")
    print("|---|---|---|---|")
    print(f"| hover highlight (pointer → painted) | ≤ {target} ms | {median(found.hover)} "
          f"| {runs(found.hover)} |")  # fmt: skip
    print(f"| selection (click → painted) | ≤ {target} ms | {median(found.select)} "
          f"| {runs(found.select)} |")  # fmt: skip
    print(f"| side panel (click → content, server included) | — | {median(found.panel)} "
          f"| {runs(found.panel)} |")  # fmt: skip
    for name, (server_draw, total) in found.views.items():
        print(f"| {name}: server + draw | ≤ 300 ms | {median(server_draw)} | {runs(server_draw)} |")
        print(f"| {name}: whole navigation → drawn | — | {median(total)} | {runs(total)} |")


def unit_graph_for(store, case: Case):
    """The unit graph and coordinates the view draws for ``case`` (before any budget)."""
    from graphmodel.district import snapshot
    from graphmodel.window import parse_scope, parse_window
    from visualizations.district_graph import coordinates, drawn_graph, whole_graph

    window = parse_window(END.isoformat(), 12, today=END)
    scope = parse_scope([f"{k}:{v}" for k, v in case.query.items() if k in ("street", "zone")])
    whole = snapshot(store, window)
    shown = [u.id for u in whole.units if scope.admits(u)]
    G = drawn_graph(whole_graph(whole, 1.0), shown)
    return G, coordinates(whole, G)


def pyvis_payload(G, net=None) -> tuple[dict, str]:
    """What pyvis would ship for ``G``: its nodes, edges and default options (physics on)."""
    from pyvis.network import Network

    net = net if net is not None else Network()
    net.from_nx(G.copy())  # from_nx changes the graph's attributes in place
    nodes, edges, _, _, _, options = net.get_network_data()
    payload = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    return payload, json.dumps(payload, ensure_ascii=False)


def repeat_bounded(fn, repeats: int, timeout: float) -> tuple[str, list[float]]:
    """Median of up to ``repeats`` bounded runs (one only when a run takes over 5 s)."""
    times: list[float] = []
    for _ in range(repeats):
        seconds, _ = bounded(fn, timeout)
        if seconds is None:
            return f"> {timeout:.0f} s (stopped)", times
        times.append(seconds)
        if seconds > 5:
            break
    median = statistics.median(times)
    runs = f"median of {len(times)}" if len(times) > 1 else "1 run"
    return f"{median:.2f} s ({runs})", times


def measure_layouts(store, case: Case, repeats: int, timeout: float, figures: Figures):
    import networkx as nx

    from visualizations.layout import clustered_layout

    G, coordinates = unit_graph_for(store, case)
    figures.layout = statistics.median(
        bounded(lambda: clustered_layout(G, coordinates=coordinates), 600)[0]
        for _ in range(min(repeats, 3))
    )
    from pyvis.network import Network

    latest: list = []

    def pyvis_run():
        latest[:] = [Network()]
        return pyvis_payload(G, latest[0])

    text, _ = repeat_bounded(pyvis_run, repeats, timeout)
    if text.startswith(">"):  # pyvis checks each new tie against every earlier one
        text += f", {len(latest[0].edges):,} of {G.number_of_edges():,} ties added"
    figures.baselines["pyvis from_nx + data"] = text
    text, _ = repeat_bounded(lambda: nx.spring_layout(G, seed=SEED), repeats, timeout)
    figures.baselines["nx.spring_layout"] = text
    return G


def one_street(store, units: int, repeats: int, timeout: float, baseline: bool) -> str:
    """The layout of ``units`` units of S as if they were one street (one disc): the most
    a unit view holds under the default budget, drawn by one dense force layout."""
    import networkx as nx

    from visualizations.layout import clustered_layout

    G, _ = unit_graph_for(store, Case("", "S"))
    H = G.subgraph(sorted(G)[:units])
    text, _ = repeat_bounded(lambda: clustered_layout(H, attribute="-"), min(repeats, 3), 600)
    line = f"| S, first {units:,} units as one street ({H.number_of_edges():,} ties) | {text} |"
    if baseline:
        spring, _ = repeat_bounded(lambda: nx.spring_layout(H, seed=SEED), repeats, timeout)
        line += f" {spring} | {ratio(spring, float(text.split(' ', 1)[0]), 1)} | | | |"
    return line


def browser_baseline(server: LiveServer, context, case: Case, G, runs: int, timeout: float):
    """pyvis' data and default options in the page, until ``stabilized`` (bounded)."""
    payload, _ = pyvis_payload(G)
    body = json.dumps({**payload, "legend": [], "aggregated": False}, ensure_ascii=False)
    results = []
    for _ in range(runs):
        page = context.new_page()
        page.route(
            "**/api/v1/network*",
            lambda route: route.fulfill(status=200, content_type="application/json", body=body),
        )
        page.goto(server.url + case.path("/network"))
        try:
            page.wait_for_function(
                "window.__bench.stabilized !== undefined", timeout=timeout * 1000, polling=250
            )
            stopped = False
        except Exception:  # playwright's TimeoutError
            stopped = True
        probe = page.evaluate("window.__bench")
        page.close()
        results.append((stopped, probe))
        if stopped:
            break
    return results


def describe_browser_baseline(results, timeout: float) -> str:
    finished = [p["stabilized"] / 1000 for stopped, p in results if not stopped]
    first = [p.get("drawn") for _, p in results if p.get("drawn")]
    drawn = f"; first drawn at {statistics.median(first) / 1000:.1f} s" if first else ""
    if len(finished) < len(results):
        done, total = results[-1][1].get("progress") or (0, 0)
        return (
            f"> {timeout:.0f} s (not stabilized, {len(results)} run; "
            f"{done} of {total} stabilisation iterations done){drawn}"
        )
    iterations = results[0][1].get("iterations")
    return (
        f"{statistics.median(finished):.1f} s (median of {len(finished)}, "
        f"{iterations} iterations){drawn}"
    )


def ratio(baseline: str, project: float, digits: int = 0) -> str:
    """baseline ÷ project, from a baseline's text: "12.3 s (…)", or "> 60 s (stopped…)"."""
    bound = baseline.startswith("> ")
    value = float(baseline.removeprefix("> ").split(" ", 1)[0])
    return f"{'> ' if bound else ''}{value / project:.{digits}f}×"


def report(results: list[Figures], browser_base: dict[str, str], extra: list[str]) -> None:
    print("\n| case | nodes / edges | JSON | first API request | API (median) | page HTML "
          "| browser: data in | vis.Network called | … returned | drawn & stable (median) | runs |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for f in results:
        runs = ", ".join(f"{r / 1000:.2f}" for r in f.browser_runs)
        print(
            f"| {f.case.name} | {f.nodes:,} / {f.edges:,} | {f.kilobytes:,.0f} KB "
            f"| {f.first:.2f} s | {f.api * 1000:.0f} ms | {f.html * 1000:.0f} ms "
            f"| {f.arrived / 1000:.2f} s | {f.created / 1000:.2f} s | {f.built / 1000:.2f} s "
            f"| {f.drawn / 1000:.2f} s "
            f"| {runs} |"
        )
    print("\nStill after drawing (largest node movement in the next second, first run):")
    for f in results:
        print(f"  {f.case.name}: {f.moved:.3g} px, stabilized events {f.stabilized_events}")
    print("\n| graph | clustered_layout (project) | nx.spring_layout | ratio "
          "| pyvis from_nx + data | ÷ project API (first) | ÷ project API (later) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for f in results:
        if not f.baselines:
            continue
        spring, pyvis = f.baselines["nx.spring_layout"], f.baselines["pyvis from_nx + data"]
        print(
            f"| {f.case.name} | {f.layout:.2f} s | {spring} | {ratio(spring, f.layout, 1)} "
            f"| {pyvis} | {ratio(pyvis, f.first, 1)} | {ratio(pyvis, f.api)} |"
        )
    print("\n| case | nodes / edges | through pyvis' Network | before (lists handed over) "
          "| extra | extra ÷ first API request |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for f in results:
        through, before = f.drawing
        print(
            f"| {f.case.name} | {f.nodes:,} / {f.edges:,} | {through * 1000:.1f} ms "
            f"| {before * 1000:.2f} ms | {(through - before) * 1000:.1f} ms "
            f"| {(through - before) / f.first:.1%} |"
        )
    for line in extra:
        print(line)
    for name, text in browser_base.items():
        project = next(f for f in results if f.case.name == name)
        print(
            f"\nBrowser baseline ({name}, pyvis defaults, physics on, until `stabilized`): "
            f"{text}; project drawn & stable {project.drawn / 1000:.2f} s; "
            f"ratio {ratio(text, project.drawn / 1000)}"
        )
    print("\nTargets (issue 13): demo first draw ≤ 1 s; S whole view ≤ 2 s; M streets ≤ 2 s;"
          " M drill-down ≤ 1 s:")  # fmt: skip
    for f in results:
        target = TARGETS.get((f.case.scale, f.case.budget is not None, bool(f.case.query)))
        if target is None:
            continue
        verdict = "met" if f.drawn / 1000 <= target else "NOT met"
        print(f"  {f.case.name}: {verdict} ({f.drawn / 1000:.2f} s against {target:g} s)")


def cases_for(stores: dict) -> list[Case]:
    """The demo district; at S and M the streets, the largest street; S with every unit."""
    cases = [Case("demo district, all units", "district", browser_baseline=True)]
    for scale in ("S", "M"):
        if scale not in stores:
            continue
        street, street_name, street_units = largest_street(stores[scale])
        cases += [
            Case(f"{scale}, default budget: streets", scale, baseline=False),
            Case(
                f"{scale}, one street ({street_name}, {street_units} units)",
                scale,
                {"street": street},
                baseline=scale == "S",
            ),
        ]
        if scale == "S":
            cases.append(Case("S, budget 10,000: all units", "S", budget=10_000))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="server requests after the first")
    parser.add_argument("--browser-runs", type=int, default=3, help="page loads per case")
    parser.add_argument("--timeout", type=float, default=60, help="bound on each baseline run, s")
    parser.add_argument("--skip-baseline", action="store_true", help="the project's path only")
    parser.add_argument(
        "--scales",
        default="district,S",
        help="comma-separated: district, S, M (default district,S)",
    )
    args = parser.parse_args()
    scales = [s for s in args.scales.split(",") if s]

    from playwright.sync_api import sync_playwright

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-views-") as tmp:
        folder = Path(tmp)
        stores = prepare(folder, scales)
        cases = cases_for(stores)
        interactions = at_s = None
        results: list[Figures] = []
        browser_base: dict[str, str] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            for scale in scales:
                server = LiveServer(stores[scale], folder)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(PROBE)
                context.add_init_script(POINTER)
                cookie = server.sign_in(context)
                for case in (c for c in cases if c.scale == scale):
                    print(f"{case.name} …", flush=True)
                    figures = Figures(case)
                    measure_server(server, cookie, case, args.repeats, figures)
                    measure_browser(server, context, case, args.browser_runs, figures)
                    if case.baseline and not args.skip_baseline:
                        G = measure_layouts(
                            stores[scale], case, args.repeats, args.timeout, figures
                        )
                        if case.browser_baseline:
                            runs = browser_baseline(
                                server, context, case, G, args.browser_runs, args.timeout
                            )
                            browser_base[case.name] = describe_browser_baseline(runs, args.timeout)
                    results.append(figures)
                runs = max(args.browser_runs, 5)
                if scale == "district":
                    print("interactions …", flush=True)
                    interactions = measure_interactions(server, context, stores[scale], runs)
                if scale == "S":
                    print("interactions at S …", flush=True)
                    at_s = pointer_at_s(server, context, runs)
                context.close()
                server.stop()
            browser.close()
        extra = []
        if "S" in stores:
            print("one street …", flush=True)
            extra.append(
                one_street(stores["S"], 1500, args.repeats, args.timeout, not args.skip_baseline)
            )
    report(results, browser_base, extra)
    if interactions is not None:
        report_interactions(interactions)
    if at_s is not None:
        report_interactions(at_s, "S, budget 10,000: all 5,000 units", 100)
    print(f"\nwall time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
