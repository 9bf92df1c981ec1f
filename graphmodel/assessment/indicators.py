"""Per-unit indicators for assessment, built from the analytics.

:func:`unit_indicators` gives, for every unit in a district's scope and a
window (by default the district's own; any window ending by then works,
e.g. the previous one or a single quarter), the values the rules judge
(:data:`~graphmodel.assessment.rules.INDICATORS`) and the counts behind them,
which the suggested actions need. A value is None where the indicator does
not apply (no serving members, no activity, no own community …).

Counts per quarter are averaged over the window (a 12-month window has 4
quarters). Partners are counted in the unit–unit graph without gatherings of
more than :data:`~graphmodel.projection.GATHERING_SIZE` units.

>>> import datetime as dt
>>> from graphmodel.records import Activity, Participation, Unit
>>> from graphmodel.store import Bundle
>>> b = Bundle(units=[Unit("U1", "甲", "school", "S1"), Unit("U2", "乙", "school", "S2")],
...            activities=[Activity("A1", "联合党课", "lecture", dt.date(2026, 5, 1))],
...            participations=[Participation("A1", "U1", role="host"), Participation("A1", "U2")])
>>> d = District.from_bundle(b, Window(dt.date(2026, 6, 30), 3))
>>> row = unit_indicators(d)["U1"]
>>> row["activities_per_quarter"], row["partners_outside_street"], row["balance"]
(1.0, 1, 1.0)
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..district import District
from ..metrics import members as mem
from ..projection import GATHERING_SIZE, project
from ..records import UnitKind
from ..window import Window


def _own_community(district: District) -> sp.csr_array:
    """Units × units: 1 where the column is a community unit the row unit (not itself a
    community) belongs to, by the community's name."""
    inc = district.incidence
    by_name: dict[str, list[int]] = {}
    for u in district.units:
        if u.kind == UnitKind.COMMUNITY.value:
            for name in {u.community or u.name, u.name}:
                by_name.setdefault(name, []).append(inc.index[u.id])
    rows, cols = [], []
    for u in district.units:
        if u.kind != UnitKind.COMMUNITY.value and u.community in by_name:
            found = by_name[u.community]
            rows += [inc.index[u.id]] * len(found)
            cols += found
    n = len(inc.units)
    own = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    own.data[:] = 1.0  # a community named twice is still one
    return own


def _member_arrays(district: District) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(unit row, member) pairs of organisation membership, and (member, activity date)
    of members named in activities — the arrays each window's counts are cut from."""
    inc = district.incidence
    roll_up = district.roll_up
    in_org = np.flatnonzero(roll_up.member_org >= 0)
    which, pair_unit = roll_up.expand(roll_up.member_org[in_org])
    took = district.took_part
    named = took.member >= 0
    return (
        pair_unit.astype(np.int64),
        in_org[which].astype(np.int64),
        took.member[named].astype(np.int64),
        inc.dates[took.activity[named]],
    )


def _registration(district: District) -> tuple[np.ndarray, np.ndarray]:
    """Serving members and those registered at a community, per unit row."""
    inc = district.incidence
    units = mem.dual_registration(district.units, district.party_orgs, district.members)["units"]
    serving = np.zeros(len(inc.units))
    registered = np.zeros(len(inc.units))
    for uid, row in units.items():
        if uid in inc.index:
            serving[inc.index[uid]] = row["serving"]
            registered[inc.index[uid]] = row["registered"]
    return serving, registered


def indicator_arrays(district: District, window: Window | None = None) -> dict[str, np.ndarray]:
    """Every indicator and count as one array over the incidence's unit rows (NaN: does
    not apply) — array operations over the projection, no loop per unit."""
    window = window or district.window
    inc = district.incidence.between(window.start, window.end)
    n = len(inc.units)
    activities = np.diff(inc.roles.indptr).astype(np.float64)
    hosting = inc.roles.copy()
    hosting.data = (hosting.data >= 2).astype(np.int8)
    hosting.eliminate_zeros()
    hosted = np.diff(hosting.indptr).astype(np.float64)
    by_district = inc.taking_part @ inc.by_district.astype(np.float64)
    weight = project(inc, max_size=GATHERING_SIZE).weight.tocsr()
    partners = np.diff(weight.indptr).astype(np.float64)
    street_codes = district.memo("assessment-street-codes", lambda: _street_codes(district))
    row = np.repeat(np.arange(n), np.diff(weight.indptr))
    differs = street_codes[weight.indices] != street_codes[row]
    outside = np.bincount(row, weights=differs, minlength=n)
    outside[street_codes < 0] = 0  # a unit without a street has no "outside"
    own = district.memo("assessment-own-community", lambda: _own_community(district))
    joint = np.asarray(weight.multiply(own).sum(axis=1)).ravel()
    has_community = np.diff(own.tocsr().indptr) > 0
    serving, registered = district.memo("assessment-registration", lambda: _registration(district))
    pair_unit, pair_member, took_member, took_date = district.memo(
        "assessment-members", lambda: _member_arrays(district)
    )
    inside = (took_date >= np.datetime64(window.start)) & (took_date <= np.datetime64(window.end))
    took = np.zeros(len(district.members), dtype=bool)
    took[took_member[inside]] = True
    members = np.bincount(pair_unit, minlength=n).astype(np.float64)
    took_part = np.bincount(pair_unit, weights=took[pair_member], minlength=n)
    return {
        "activities": activities,
        "hosted": hosted,
        "attended": activities - hosted,
        "by_district": by_district,
        "distinct_partners": partners,
        "partners_outside_street": outside,
        "community_joint": joint,
        "has_community": has_community,
        "serving": serving,
        "registered": registered,
        "members": members,
        "took_part": took_part,
    }


def _street_codes(district: District) -> np.ndarray:
    """Each unit row's street as a number (-1: no street)."""
    codes: dict[str, int] = {}
    return np.array(
        [
            codes.setdefault(s, len(codes)) if (s := district.unit[u].street) else -1
            for u in district.incidence.units
        ],
        dtype=np.int64,
    )


def indicator_table(
    district: District, window: Window | None = None
) -> tuple[tuple[str, ...], dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The units in scope, each indicator's values (NaN: does not apply) and the counts
    behind them, as arrays in ``district.scope_units`` order (once per snapshot and window)."""
    window = window or district.window
    return district.memo(("indicator-table", window), lambda: _table(district, window))


def _ratio(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole != 0, np.divide(part, whole), np.nan)


def _table(district: District, window: Window):
    quarters = window.months / 3
    a = indicator_arrays(district, window)
    rows = np.array([district.incidence.index[u] for u in district.scope_units], dtype=np.int64)
    col = {k: v[rows] for k, v in a.items()}
    activities, hosted = col["activities"], col["hosted"]
    values = {
        "activities_per_quarter": activities / quarters,
        "community_contacts_per_quarter": np.where(
            col["has_community"], col["community_joint"] / quarters, np.nan
        ),
        "hosted_share": _ratio(hosted, activities),
        "distinct_partners": col["distinct_partners"],
        "partners_outside_street": col["partners_outside_street"],
        "dual_registration": _ratio(col["registered"], col["serving"]),
        "member_participation": _ratio(col["took_part"], col["members"]),
        "district_dependence": _ratio(col["by_district"], activities),
        "balance": _ratio(hosted - col["attended"], activities),
    }
    counts = {
        "activities": activities,
        "hosted": hosted,
        "attended": col["attended"],
        "community_joint": col["community_joint"],
        "by_district": np.rint(col["by_district"]),
        "serving": col["serving"],
        "registered": col["registered"],
        "members": col["members"],
        "took_part": np.rint(col["took_part"]),
    }
    counts["quarters"] = np.full(len(rows), quarters)
    return tuple(district.scope_units), values, counts


#: Indicators that count (whole numbers), and counts that are floats.
_WHOLE = {"distinct_partners", "partners_outside_street"}
_FLOAT_COUNTS = {"community_joint", "quarters"}


def _rows(values: dict[str, np.ndarray], counts: dict[str, np.ndarray], index) -> list[dict]:
    """Plain dicts (None where an indicator does not apply) for the units at ``index``."""
    v = {k: a[index].tolist() for k, a in values.items()}
    c = {k: a[index].tolist() for k, a in counts.items()}
    out = []
    for j in range(len(index)):
        row = {
            k: (None if x != x else int(x) if k in _WHOLE else x)
            for k, x in ((k, v[k][j]) for k in v)
        }
        row["counts"] = {k: (x[j] if k in _FLOAT_COUNTS else int(x[j])) for k, x in c.items()}
        out.append(row)
    return out


def unit_indicators(
    district: District, window: Window | None = None, units: list[str] | None = None
) -> dict[str, dict]:
    """Indicator values and their counts per unit in scope (see the module docstring),
    or only for ``units``."""
    ids, values, counts = indicator_table(district, window)
    if units is None:
        index = np.arange(len(ids))
    else:
        position = {u: j for j, u in enumerate(ids)}
        index = np.array([position[u] for u in units if u in position], dtype=np.int64)
    return dict(zip((ids[j] for j in index), _rows(values, counts, index), strict=True))
