"""How far above the baselines can a sum of parts go on the demo? An honest ceiling.

    .venv/bin/python bench/suggestion_ceiling.py                 # demo (mixed), seed 7
    .venv/bin/python bench/suggestion_ceiling.py --seed 11 --rule no-offers

The same listwise fit as :mod:`graphmodel.suggest.learn` (softmax over each unit's
candidates, L2, weights ≥ 0), trained on the windows before the validation split
and measured on it (precision@10, the backtest's ties and candidates), with every
candidate kept (no sampling), for three sets of features:

- **parts** — the score's parts as they are;
- **+ extra** — the parts and features that follow the demo generator's reasons
  for partnerships, computed from the window only: the density of ties in the
  zones both belong to ("zones that work"), a shared party organisation, offers
  and needs that match with an active partner, the partner being active (≥ 1
  recent activity), and the partner's log degree (preferential attachment);
- **+ hidden truth** — the parts and what no data can show: the generator's own
  behaviour pattern of each partner (isolated / declining / normal) and its rate of
  hosting. This is an upper bound for any feature built from the records.

The best simple baseline of the same split is printed beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt

import numpy as np
from demo_cache import END, bundle_for  # bench/ is on sys.path when run as a script
from scipy.optimize import minimize

from graphmodel.district import District
from graphmodel.projection import GATHERING_SIZE, project
from graphmodel.suggest.backtest import SIMPLE_BASELINES, default_split, period
from graphmodel.suggest.learn import _loss, _signed, training_splits
from graphmodel.suggest.scoring import part_values, raw_parts
from graphmodel.window import Window
from loaders import demo


def extra(p, row: int, cand: np.ndarray, raw: dict, orgs: dict) -> list[np.ndarray]:
    """The "+ extra" features of ``row``'s candidates (window data only)."""
    F = p.features
    Z, A = F.zones, F.adjacency
    n = np.asarray(Z.sum(axis=0)).ravel()
    within = np.asarray((A @ Z).multiply(Z).sum(axis=0)).ravel() / 2
    density = np.where(n > 1, within / np.maximum(n * (n - 1) / 2, 1), 0.0)
    zones = np.minimum(Z[cand] @ (Z[[row]].toarray()[0] * density) * 5, 1.0)
    mine = orgs.get(F.units[row], set())
    org = np.array([bool(orgs.get(F.units[c], set()) & mine) for c in cand], dtype=float)
    active = (F.activity[cand] > 0.5).astype(float)
    match = ((raw["needs_met"][0][cand] + raw["offers_wanted"][0][cand]) > 0) * active
    degree = np.log1p(F.degree[cand]) / np.log1p(max(F.degree.max(), 1))
    return [zones, org, match, active, degree]


def hidden(p, cand: np.ndarray, world) -> list[np.ndarray]:
    """The "+ hidden truth" features: the generator's pattern and hosting rate."""
    units = [world[p.features.units[c]] for c in cand]
    alive = np.array([{"isolated": 0.0, "declining": 0.15}.get(u.pattern, 1.0) for u in units])
    rate = np.array([u.rate * (u.pattern == "normal") for u in units])
    return [np.log(alive + 1e-3) / 7 + 1, np.log1p(rate)]


def blocks(p, which: str, orgs: dict, world) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Features, labels and candidates of every unit with new partners in period ``p``."""
    F, out = p.features, []
    for row in sorted(p.truth):
        cand = p.candidates(row)
        raw = raw_parts(F, [row])
        X = [_signed(part_values(F, raw, [row]))[:, 0, cand].T]
        if which == "+ extra":
            X.append(np.column_stack(extra(p, row, cand, raw, orgs)))
        elif which == "+ hidden truth":
            X.append(np.column_stack(hidden(p, cand, world)))
        out.append((np.hstack(X), np.isin(cand, list(p.truth[row])), cand))
    return out


def fit(train: list) -> np.ndarray:
    X = np.vstack([x for x, _, _ in train])
    y = np.concatenate([y for _, y, _ in train])
    group = np.concatenate([np.full(len(y), i) for i, (_, y, _) in enumerate(train)])
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    npos = np.bincount(group, weights=y.astype(float))
    result = minimize(
        _loss,
        np.full(X.shape[1], 0.1),
        args=(X, y, group, starts, npos),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, None)] * X.shape[1],
        options={"maxiter": 500},
    )
    return result.x


def precision(w: np.ndarray, validation: list, order: np.ndarray, k: int = 10) -> float:
    hits = [y[np.lexsort((order[c], -(X @ w)))[:k]].sum() / k for X, y, c in validation]
    return float(np.mean(hits))


def pushed_share(bundle, p) -> float:
    """The share of ``p``'s new pairs that met at an activity the district initiated."""
    after = District.from_bundle(bundle, Window(p.test_end, 12))
    inc = after.incidence.between(p.split + dt.timedelta(days=1), p.test_end)
    pushed = project(inc.columns(inc.by_district), max_size=GATHERING_SIZE).weight
    pairs = [(r, c) for r, new in p.truth.items() for c in new if r < c]
    return float(np.mean([pushed[r, c] > 0 for r, c in pairs]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rule", choices=demo.PARTNER_RULES, default="mixed")
    args = parser.parse_args()
    bundle = bundle_for("district", seed=args.seed, partner_rule=args.rule)
    generator = demo._World(args.seed, demo.SCALES["district"], END, args.rule)
    generator.make_streets()
    generator.make_units()  # the same draws as generate(): the hidden patterns and rates
    world = {u.record.id: u for u in generator.units}
    orgs: dict[str, set[str]] = {}
    for o in bundle.party_orgs:
        for unit in o.units:
            orgs.setdefault(unit, set()).add(o.parent or o.id)
    split = default_split(bundle)
    validation = period(bundle, split)
    earlier = [period(bundle, s) for s in training_splits(bundle, split, 12, 6)]
    order = np.random.default_rng(7).permutation(len(validation.features))
    F = validation.features
    baselines = {}
    for name, part in SIMPLE_BASELINES.items():
        hits = []
        for row in sorted(validation.truth):
            cand = validation.candidates(row)
            score = raw_parts(F, [row])[part][0][cand]
            top = cand[np.lexsort((order[cand], -score))[:10]]
            hits.append(len(validation.truth[row] & set(top.tolist())) / 10)
        baselines[name] = float(np.mean(hits))
    best = max(baselines, key=baselines.get)
    pushed = pushed_share(bundle, validation)
    same_street = np.mean(
        [np.sum(F.street[validation.candidates(r)] == F.street[r]) for r in validation.truth]
    )
    print(f"new pairs met at district-initiated activities: {pushed:.0%}; candidates in the "
          f"unit's street: {same_street:.1f} on average")  # fmt: skip
    print(f"seed {args.seed}, rule {args.rule}, split {split}: best baseline {best} "
          f"P@10 {baselines[best]:.4f}")  # fmt: skip
    for which in ("parts", "+ extra", "+ hidden truth"):
        train = [b for p in earlier for b in blocks(p, which, orgs, world)]
        w = fit(train)
        found = precision(w, blocks(validation, which, orgs, world), order)
        print(f"  {which:<16} P@10 {found:.4f}  ({found / baselines[best]:.2f}× the best baseline)")


if __name__ == "__main__":
    main()
