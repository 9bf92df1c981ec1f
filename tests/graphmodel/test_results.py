"""Results shared on disk: computed once however many processes ask, bounded per store version."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from graphmodel.results import ResultCache

ROOT = Path(__file__).resolve().parents[2]

#: A worker process: the report of the store's default window, through the shared results.
WORKER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from graphmodel import results
    from graphmodel.report import report
    from graphmodel.store import open_store
    from graphmodel.window import Window

    store = open_store(sys.argv[1])
    cache = results.attach(store.url, sys.argv[2])
    start_at = float(sys.argv[3])
    time.sleep(max(0.0, start_at - time.time()))  # both workers ask at the same moment
    data = report(store, Window(dt.date(2026, 6, 30)))
    print(cache.computed, data["density"]["scope"]["ties"])
    """
)


def test_two_worker_processes_compute_a_window_once(tmp_path, small_bundle):
    """Two processes asking for the same report at once: one computes it, the other reads it."""
    import time

    from graphmodel.store import open_store

    store = open_store(f"sqlite:///{tmp_path}/w.db")
    store.load(small_bundle, source="t")
    start_at = str(time.time() + 3)
    args = [sys.executable, "-c", WORKER, store.url, str(tmp_path / "w.results"), start_at]
    workers = [
        subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    answers = [w.communicate(timeout=120)[0].split() for w in workers]
    assert sorted(int(computed) for computed, _ in answers) == [0, 1]
    assert answers[0][1] == answers[1][1]


def test_a_result_waits_for_the_process_computing_it(tmp_path):
    """While one holder computes a key, a second asker gets the first one's value, not its own."""
    import threading
    import time

    first, second = ResultCache(tmp_path / "r.db"), ResultCache(tmp_path / "r.db")
    inside = threading.Event()
    release = threading.Event()

    def slow():
        inside.set()
        release.wait(10)
        return "first"

    worker = threading.Thread(target=lambda: first.get_or_compute("v", "k", slow))
    worker.start()
    inside.wait(10)
    got = []
    waiting = threading.Thread(target=lambda: got.append(second.get_or_compute("v", "k", str)))
    waiting.start()
    time.sleep(0.3)  # the second asker is now blocked on the lock
    release.set()
    worker.join(10)
    waiting.join(10)
    assert (got, first.computed, second.computed) == (["first"], 1, 0)


def test_a_new_store_version_drops_the_old_results(tmp_path):
    """Storing a result of a new version forgets those of earlier versions."""
    cache = ResultCache(tmp_path / "r.db")
    cache.put("v1", "report", 1)
    cache.put("v2", "report", 2)
    assert (cache.get("v1", "report"), cache.get("v2", "report")) == ((False, None), (True, 2))


def test_the_heat_map_is_scored_once_for_every_worker(tmp_path, small_bundle):
    """Two workers' snapshots of the same store version: the second reads the first's heat map."""
    import datetime as dt

    from graphmodel import results
    from graphmodel.assessment import heat_map
    from graphmodel.assessment.rules import read_rules
    from graphmodel.district import District
    from graphmodel.store import open_store
    from graphmodel.window import Window

    store = open_store(f"sqlite:///{tmp_path}/h.db")
    store.load(small_bundle, source="t")
    cache = results.attach(store.url, tmp_path / "h.results")
    rules, _ = read_rules(None)
    window = Window(dt.date(2026, 6, 30))
    groups = {"S1": [u.id for u in small_bundle.units if u.street == "S1"]}
    one, other = (District.from_store(store, window) for _ in range(2))
    assert heat_map(one, rules, groups) == heat_map(other, rules, groups)
    assert cache.computed == 1
