"""需求清单 · 资源清单: needs and offers as records, matched (对接) and claimed (认领).

A unit's ``needs`` and ``offers`` fields (from the ledgers) are its first
listings: :func:`listings_of` shows each as an open :class:`Listing` whose id is
derived from its content (unit, side, what), so reading them twice changes
nothing and a planner's later change is saved under the same id. Planners add
needs and offers, mark them done and claim needs; every change is written to
the store and mirrored into the unit's fields (:func:`mirror`), so that the
suggestions' complementarity part and the backtest count them.

:func:`matching` lists each open need with the units that offer it, nearest
first, with their current load (partners in the window). :func:`claim` records
who claimed a need, when and which unit will meet it, and an accepted
suggestion for that pair, which the follow-up then tracks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import numpy as np

from .district import District
from .errors import BadDecision, NotFound
from .records import Decision, DecisionKind, Listing, ListingSide, ListingStatus, Unit
from .store import Bundle, Store
from .suggest.features import district_features

__all__ = ["claim", "find", "listing_id", "listings_of", "matching", "mirror", "post", "set_status"]

#: Offering units shown per need on the 对接 view.
OFFERS_SHOWN = 10


def listing_id(unit: str, side: str, what: str) -> str:
    """The id of a unit's need or offer of ``what``: the same content, the same id.

    >>> listing_id("U1", "need", "医疗") == listing_id("U1", "need", " 医疗 ")
    True
    """
    digest = hashlib.sha1(f"{unit}|{side}|{what.strip()}".encode()).hexdigest()[:10]
    return f"{'N' if side == ListingSide.NEED.value else 'O'}-{unit}-{digest}"


def listings_of(units: list[Unit], saved: list[Listing]) -> list[Listing]:
    """Every listing: those saved, and an open one for each need and offer in the
    units' fields that has none saved; by unit, then side, then what."""
    by_id = {listing.id: listing for listing in saved}
    for u in units:
        for side, items in ((ListingSide.NEED.value, u.needs), (ListingSide.OFFER.value, u.offers)):
            for what in items:
                key = listing_id(u.id, side, what)
                by_id.setdefault(key, Listing(key, u.id, side, what))
    return sorted(by_id.values(), key=lambda x: (x.unit, x.side, x.what, x.id))


def _unit(store: Store, unit: str) -> Unit:
    found = next((u for u in store.units() if u.id == unit), None)
    if found is None:
        raise NotFound("存储中没有单位 {unit!r}", unit=unit)
    return found


def mirror(store: Store, unit: str) -> None:
    """Write a unit's open and claimed listings into its ``needs`` / ``offers``
    fields (done ones leave them), when they differ: the scoring reads the fields."""
    record = _unit(store, unit)
    mine = listings_of([record], store.listings(unit))
    fields = {}
    for side, name in ((ListingSide.NEED.value, "needs"), (ListingSide.OFFER.value, "offers")):
        live = {x.what for x in mine if x.side == side and x.status != ListingStatus.DONE.value}
        fields[name] = tuple(sorted(live))
    if (tuple(sorted(record.needs)), tuple(sorted(record.offers))) != (
        fields["needs"],
        fields["offers"],
    ):
        store.load(Bundle(units=[dataclasses.replace(record, **fields)]), source="需求/资源清单")


def post(
    store: Store, unit: str, side: str, what: str, detail: str = "", *, today: dt.date
) -> Listing:
    """Add a need or an offer of ``unit``; the same one again edits its detail
    (and reopens it when it was done; a claim stands)."""
    side_kind = ListingSide.parse(side or "")
    if side_kind is None:
        raise BadDecision("请选择需求或资源")
    what = (what or "").strip()
    if not what:
        raise BadDecision("请写明需要或可提供的内容")
    key = listing_id(unit, side_kind.value, what)
    before = next((x for x in store.listings(unit) if x.id == key), None)
    if before is not None and before.status == ListingStatus.CLAIMED.value:
        # Posting a claimed need again edits its detail; the claim stands.
        listing = dataclasses.replace(before, detail=(detail or "").strip())
    else:
        listing = Listing(key, unit, side_kind.value, what, (detail or "").strip(), today)
    store.save_listing(listing)
    mirror(store, unit)
    return listing


def find(store: Store, listing: str) -> Listing:
    """The listing with id ``listing`` (saved, or derived from a unit's fields)."""
    units = store.units()
    found = next((x for x in listings_of(units, store.listings()) if x.id == listing), None)
    if found is None:
        raise NotFound("没有需求或资源 {listing!r}", listing=listing)
    return found


def set_status(store: Store, listing: str, status: str) -> Listing:
    """Mark a listing open or done (done ones leave the unit's fields)."""
    kind = ListingStatus.parse(status or "")
    if kind not in (ListingStatus.OPEN, ListingStatus.DONE):  # claimed only by claim()
        raise BadDecision(
            "状态须为 open 或 done，而不是 {status!r}",
            status=status,
        )
    changed = dataclasses.replace(find(store, listing), status=kind.value)
    store.save_listing(changed)
    mirror(store, changed.unit)
    return changed


def claim(
    store: Store,
    need: str,
    partner: str,
    *,
    by: str,
    at: dt.datetime,
    due: dt.date | None = None,
) -> tuple[Listing, Decision]:
    """Claim open need ``need`` for ``partner`` (the unit that will meet it): the
    need records who claimed it, when and with whom, and the pair gets an
    accepted suggestion followed up by ``by`` until ``due``."""
    found = find(store, need)
    if found.side != ListingSide.NEED.value or found.status != ListingStatus.OPEN.value:
        raise BadDecision("只能认领待认领的需求")
    if partner == found.unit:
        raise BadDecision("单位不能认领自己的需求")
    _unit(store, partner)
    claimed = dataclasses.replace(
        found, status=ListingStatus.CLAIMED.value, claimed_by=by, claimed_at=at, partner=partner
    )
    decision = Decision(
        found.unit,
        partner,
        DecisionKind.ACCEPT.value,
        at,
        by=by,
        note=f"认领需求：{found.what}",
        owner=by,
        due=due,
    )
    store.save_listing(claimed)
    store.record_decision(decision)
    return claimed, decision


def matching(district: District, listings: list[Listing], *, limit: int = OFFERS_SHOWN) -> list:
    """Each open need of a unit in scope with the units offering it (open offers),
    nearest first (unknown distances last), each with its load: partners and
    activities in the window."""
    F = district_features(district)
    in_scope = set(district.scope_units)
    offering: dict[str, list[str]] = {}
    for x in listings:
        if x.side == ListingSide.OFFER.value and x.status == ListingStatus.OPEN.value:
            offering.setdefault(x.what, []).append(x.unit)
    rows = []
    for need in listings:
        if need.side != ListingSide.NEED.value or need.status != ListingStatus.OPEN.value:
            continue
        if need.unit not in in_scope or need.unit not in F.index:
            continue
        others = [u for u in dict.fromkeys(offering.get(need.what, ())) if u != need.unit]
        others = [u for u in others if u in F.index]
        row = F.index[need.unit]
        cols = [F.index[u] for u in others]
        km = F.distance_km([row], cols)[0] if cols else np.zeros(0)
        order = sorted(range(len(others)), key=lambda i: (np.isnan(km[i]), km[i], others[i]))
        unit = district.unit[need.unit]
        rows.append(
            {
                "need": need,
                "unit": {"id": unit.id, "name": unit.name, "street": unit.street},
                "offers": [
                    {
                        "id": others[i],
                        "name": district.unit[others[i]].name,
                        "distance_km": None if np.isnan(km[i]) else round(float(km[i]), 1),
                        "partners": int(F.degree[cols[i]]),
                        "activities": round(float(F.activity[cols[i]]), 1),
                    }
                    for i in order[:limit]
                ],
                "offering": len(others),
            }
        )
    return rows
