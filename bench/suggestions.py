"""Suggestions benchmark: partners for one unit in M, after the first request, and a baseline.

    .venv/bin/python bench/suggestions.py                 # M (the target), with the baseline
    .venv/bin/python bench/suggestions.py --scale S       # S
    .venv/bin/python bench/suggestions.py --backtest S    # also the backtest on the S demo
    .venv/bin/python bench/suggestions.py --learned district  # fitted weights: demo + variants
    .venv/bin/python bench/suggestions.py --fit-only M        # refit time at M, suggest after

``--learned`` backtests the demo district generated with every partner rule
(``loaders.demo.PARTNER_RULES``): the score in use (fitted, hand-set or blended,
as :mod:`graphmodel.suggest.learn` chose), the fitted and the hand-set weights
beside every baseline, and the ratio to the best simple baseline (targets: the
demo ≥ 1.5×, every variant ≥ 1.0×; fitting ≤ 2 s at district scale). ``--fit-only``
times the refit from the snapshot the pages hold (the fit alone, with sampled
units and negatives, then the whole refit with validation and choice) and then a
unit's suggestions with the model in use (targets: ≤ 60 s at M, ≤ 20 ms a unit;
beside it, in the same run, the scoring with every part computed).

The demo bundle is generated once (``generate(seed=7, scale=…, end=2026-06-30)``)
and kept in bench/data/, as bench/analysis.py does. The project's path: a
snapshot (``District.from_bundle``), then ``suggest(district, unit, 10)``. The
first request builds the caches (the window's projection and the scoring
features); later requests, for other units drawn with a fixed seed, reuse them.
Target: later requests under 1 s on M. Baseline, in the same run: NetworkX's
``adamic_adar_index`` over every candidate pair of the same unit, on the same
collaboration graph converted to NetworkX (conversion timed apart).
It also times the "who to help first" list (first 200 units) and the zone
proposals for small units.
"""

from __future__ import annotations

import argparse
import statistics
import time

import networkx as nx
import numpy as np
from demo_cache import END, SEED, bundle_for  # bench/ is on sys.path when run as a script

from graphmodel.district import District
from graphmodel.suggest import district_features, suggest
from graphmodel.suggest.backtest import SIMPLE_BASELINES, backtest, default_split
from graphmodel.suggest.learn import fit_weights
from graphmodel.suggest.scoring import candidates, score_parts, scores_for
from graphmodel.suggest.triage import propose_zones, who_to_help
from graphmodel.window import Window


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def timed_cpu(fn):
    """Wall seconds, CPU seconds of this process (the machine is shared: CPU is steadier)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - started, time.process_time() - cpu, result


def requests(scale: str, later: int) -> dict:
    """First and later ``suggest`` requests on ``scale``, and the NetworkX baseline."""
    seconds, bundle = timed(lambda: bundle_for(scale))
    print(f"{scale}: bundle read in {seconds:.1f} s ({len(bundle.units):,} units)")
    district = District.from_bundle(bundle, Window(END, 12))
    rng = np.random.default_rng(SEED)
    units = [district.units[i].id for i in rng.choice(len(district.units), later + 1, False)]
    first, found = timed(lambda: suggest(district, units[0], 10))
    laters = [timed(lambda u=u: suggest(district, u, 10))[0] for u in units[1:]]
    same = [timed(lambda: suggest(district, units[0], 10))[0] for _ in range(5)]
    F = district_features(district)
    print(
        f"  first request {first:.2f} s (builds the caches); later: median "
        f"{statistics.median(laters) * 1000:.0f} ms, max {max(laters) * 1000:.0f} ms over "
        f"{later} other units; same unit again: median {statistics.median(same) * 1000:.0f} ms"
    )
    print(f"  graph: {len(F):,} units, {F.adjacency.nnz // 2:,} ties; top: {found[0].partner}")
    convert, G = timed(lambda: district.collaboration_graph().to_networkx())
    # The baseline's unit: the busiest of the sampled ones (its 2-hop reach is the largest).
    unit = max(units, key=lambda u: F.degree[F.index[u]])
    ours = [timed(lambda: suggest(district, unit, 10))[0] for _ in range(5)]
    pairs = [(unit, F.units[j]) for j in np.flatnonzero(candidates(F, F.index[unit]))]
    aa, scores = timed(lambda: list(nx.adamic_adar_index(G, pairs)))  # a list, not a generator
    print(
        f"  baseline for {unit} ({F.degree[F.index[unit]]} partners): NetworkX "
        f"adamic_adar_index over {len(pairs):,} candidates {aa * 1000:.0f} ms "
        f"(+ {convert:.1f} s to build the NetworkX graph once; "
        f"{sum(1 for *_, p in scores if p > 0)} candidates with a positive index); "
        f"suggest() for the same unit: median {statistics.median(ours) * 1000:.0f} ms"
    )
    limit = 200
    helped, data = timed(lambda: who_to_help(district, limit=limit))
    zoned, zones = timed(lambda: propose_zones(district))
    print(
        f"  who to help first: {data['total']:,} units, first {limit} with 3 partners each in "
        f"{helped:.1f} s; zones for small units: {len(zones['zones']):,} zones in {zoned:.1f} s"
    )
    return {"first": first, "later": laters, "same": same, "baseline": aa, "convert": convert}


def run_backtest(scale: str) -> None:
    bundle = bundle_for(scale)
    seconds, result = timed(lambda: backtest(bundle, k=10))
    data = result.as_dict()
    print(
        f"{scale} backtest ({seconds:.0f} s): split {data['split']}, {data['units']:,} units "
        f"with new partners, {data['new_partnerships']:,} new partnerships"
    )
    for name, row in data["methods"].items():
        print(
            f"  {name:<25} P@10 {row['precision']:.4f}  R@10 {row['recall']:.4f}  "
            f"MRR {row['mrr']:.4f}  coverage {row['coverage']}/{data['isolated']}"
        )


def learned(scale: str) -> None:
    """The backtest with fitted weights on the demo and every partner-rule variant."""
    from loaders.demo import PARTNER_RULES

    for rule in PARTNER_RULES:
        bundle = bundle_for(scale, partner_rule=rule)
        split = default_split(bundle)
        fits = [timed_cpu(lambda b=bundle, s=split: fit_weights(b, s))[:2] for _ in range(3)]
        seconds, result = timed(lambda b=bundle: backtest(b, k=10))
        m, d = result.methods, result.as_dict()
        best = d["best_baseline"]
        print(
            f"{scale} {rule}: split {d['split']}, {d['units']} units with new partners; "
            f"fit median {statistics.median(w for w, _ in fits):.2f} s wall, "
            f"{statistics.median(c for _, c in fits):.2f} s CPU (of 3); "
            f"whole backtest {seconds:.1f} s; "
            f"in use: {d['model']['method']} ({d['model']['reason']})"
        )
        for name in ("cobuild", "fitted", "fixed", *SIMPLE_BASELINES, "complementarity"):
            if name in m:
                row = m[name]
                print(
                    f"  {name:<28} P@10 {row['precision']:.4f}  R@10 {row['recall']:.4f}  "
                    f"MRR {row['mrr']:.4f}  coverage {row['coverage']}/{d['isolated']}"
                )
        ratio = m["cobuild"]["precision"] / m[best]["precision"]
        print(f"  score in use ÷ best baseline ({best}): {ratio:.2f}× (P@10)")


def fit_only(scale: str, later: int = 20) -> None:
    """Refitting at ``scale`` from the snapshot the pages hold, and a unit's suggestions after."""
    seconds, bundle = timed(lambda: bundle_for(scale))
    print(f"{scale}: bundle read in {seconds:.1f} s ({len(bundle.units):,} units)")
    district = District.from_bundle(bundle, Window(END, 12))
    seconds, cpu, _ = timed_cpu(lambda: district_features(district))  # what the pages build
    print(f"  the snapshot's incidence and features (built once per load anyway): {cpu:.1f} s CPU")
    split = default_split(bundle)
    seconds, cpu, fit = timed_cpu(lambda: fit_weights(district, split))
    print(
        f"  fit {seconds:.1f} s wall, {cpu:.1f} s CPU: {len(fit.windows)} windows, {fit.pairs:,} pairs "
        f"({fit.positives:,} positive)"
    )
    seconds, cpu, result = timed_cpu(lambda: backtest(district, k=10))
    model = result.chosen
    print(
        f"  whole refit (fit + validation + choice, what the background job runs): "
        f"{seconds:.1f} s wall, {cpu:.1f} s CPU; in use: {model.method}"
    )
    rng = np.random.default_rng(SEED)
    units = [district.units[i].id for i in rng.choice(len(district.units), later + 1, False)]
    suggest(district, units[0], 10, weights=model)  # builds the caches
    times = [timed_cpu(lambda u=u: suggest(district, u, 10, weights=model)) for u in units[1:]]
    F = district_features(district)
    rows = [F.index[u] for u in units[1:]]
    weighted = [timed_cpu(lambda r=r: scores_for(F, r, model))[1] for r in rows]
    every = [timed_cpu(lambda r=r: score_parts(F, [r], None, model))[1] for r in rows]
    print(
        f"  a unit's suggestions with the model in use: median "
        f"{statistics.median(w for w, *_ in times) * 1000:.1f} ms wall "
        f"({statistics.median(c for _, c, _ in times) * 1000:.1f} ms CPU), "
        f"max {max(w for w, *_ in times) * 1000:.1f} ms wall over {later}; scoring alone "
        f"(CPU, median): weighted parts only {statistics.median(weighted) * 1000:.1f} ms, "
        f"every part (baseline) {statistics.median(every) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["district", "S", "M"], default="M")
    parser.add_argument("--later", type=int, default=20, help="Later requests to time.")
    parser.add_argument("--backtest", choices=["district", "S"], help="Also backtest this scale.")
    parser.add_argument("--learned", choices=["district", "S"], help="Fitted weights, variants.")
    parser.add_argument("--fit-only", choices=["district", "S", "M"], help="Fitting time only.")
    args = parser.parse_args()
    if args.learned or args.fit_only:
        if args.learned:
            learned(args.learned)
        if args.fit_only:
            fit_only(args.fit_only)
        return
    requests(args.scale, args.later)
    if args.backtest:
        run_backtest(args.backtest)


if __name__ == "__main__":
    main()
