"""The demo bundles the benchmarks share, generated once and kept in bench/data/.

The cache key includes a hash of the generator's source, so a changed demo is
generated again instead of a stale one being measured.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import time
from pathlib import Path

from loaders import demo, demo_activities, demo_names, demo_units
from loaders.demo import generate

END = dt.date(2026, 6, 30)
SEED = 7
DATA = Path(__file__).resolve().parent / "data"


def generator_version() -> str:
    """A short hash of the demo generator's source files."""
    digest = hashlib.sha256()
    for module in (demo, demo_units, demo_activities, demo_names):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:10]


def bundle_for(scale: str, seed: int = SEED, end: dt.date = END, partner_rule: str = "mixed"):
    """The demo bundle of ``scale`` (and partner rule), from the cache when this generator made it."""
    rule = "" if partner_rule == "mixed" else f"-{partner_rule}"
    path = DATA / f"demo-{scale}{rule}-seed{seed}-{end}-{generator_version()}.pickle"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    started = time.perf_counter()
    bundle = generate(seed=seed, scale=scale, end=end, partner_rule=partner_rule)
    print(f"  generated the demo at {scale} in {time.perf_counter() - started:.0f} s")
    DATA.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(bundle, f, protocol=pickle.HIGHEST_PROTOCOL)
    return bundle
