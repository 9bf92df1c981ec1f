"""The snapshot read of a store's default window: seconds (wall and CPU) and memory.

    .venv/bin/python bench/snapshot_read.py sqlite:///$PWD/var/m.db
    git archive d84d9dd | tar -x -C /tmp/old   # the code before, same store, right after:
    PYTHONPATH=/tmp/old .venv/bin/python bench/snapshot_read.py sqlite:///$PWD/var/m.db

Reads the snapshot ``--runs`` times in one process (``District.from_store``, then its
incidence), printing each run and the medians, and the resident memory the first read and
the incidence with the unit graph added. Whatever ``graphmodel`` is first on the path is
measured, so the same script times an older checkout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
from pathlib import Path


def rss_gb() -> float:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 2**20


def timed(fn) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def one_run(district_type, store, window) -> tuple:
    """(read s, read CPU s, incidence s, incidence CPU s, (GB read, GB incidence + graph))."""
    gc.collect()
    before = rss_gb()
    wall, cpu, district = timed(lambda: district_type.from_store(store, window))
    gc.collect()
    after_read = rss_gb()
    inc_wall, inc_cpu, _ = timed(lambda: district.incidence)
    district.collaboration_graph()
    gc.collect()
    return wall, cpu, inc_wall, inc_cpu, (after_read - before, rss_gb() - after_read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="store URL")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import graphmodel
    from graphmodel.district import District
    from graphmodel.store import open_store
    from graphmodel.window import Window

    print(f"graphmodel from {Path(graphmodel.__file__).parent}")
    store = open_store(args.store)
    window = Window(store.last_activity(dt.date.today()))
    reads, incidences = [], []
    for run in range(args.runs):
        wall, cpu, inc_wall, inc_cpu, grown = one_run(District, store, window)
        print(
            f"run {run + 1}: read {wall:.2f} s ({cpu:.2f} s CPU), incidence {inc_wall:.2f} s"
            f" ({inc_cpu:.2f} s CPU); memory +{grown[0]:.2f} GB read,"
            f" +{grown[1]:.2f} GB incidence and unit graph",
            flush=True,
        )
        reads.append(wall)
        incidences.append(inc_wall)
    print(
        f"median: read {statistics.median(reads):.2f} s,"
        f" incidence {statistics.median(incidences):.2f} s"
    )


if __name__ == "__main__":
    main()
